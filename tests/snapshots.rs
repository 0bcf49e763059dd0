//! Rendered diagnostics (human and JSON) for every bad config in `samples/invalid/`, and a
//! guard that every rule Alertmanager enforces has at least one sample.

mod common;

use std::collections::BTreeSet;

use am2amp::cli::args::MessageFormat;
use am2amp::cli::render::Renderer;
use am2amp::diag::{Category, Code};

fn samples() -> Vec<std::path::PathBuf> {
    yml_in("samples/invalid")
}

fn yml_in(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    v.sort();
    v
}

#[test]
fn invalid_samples_render() {
    common::snapshot_settings().bind(|| {
        for path in samples() {
            let report = common::check_path(&path, &common::root());
            assert!(report.rejected(), "{} should be rejected", path.display());
            let human = Renderer::new(MessageFormat::Human, false).render(&report);
            let json = Renderer::new(MessageFormat::Json, false).render(&report);
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            insta::assert_snapshot!(
                format!("invalid-{stem}"),
                format!("{human}---- json ----\n{json}")
            );
        }
    });
}

#[test]
fn lint_samples_render() {
    common::snapshot_settings().bind(|| {
        for path in yml_in("samples/lint") {
            let report = common::check_path(&path, &common::root());
            assert!(
                !report.rejected() && report.has_errors(),
                "{} should have non-rejecting errors",
                path.display()
            );
            let human = Renderer::new(MessageFormat::Human, false).render(&report);
            let json = Renderer::new(MessageFormat::Json, false).render(&report);
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            insta::assert_snapshot!(
                format!("lint-{stem}"),
                format!("{human}---- json ----\n{json}")
            );
        }
    });
}

#[test]
fn every_rejecting_code_has_a_sample() {
    // Input-level failures are covered by tests/inputs.rs instead.
    let elsewhere = [
        Code::Encoding,
        Code::TooLarge,
        Code::Budget,
        Code::TemplateFile,
    ];
    let seen: BTreeSet<Code> = samples()
        .iter()
        .flat_map(|p| common::check_path(p, &common::root()).diagnostics)
        .map(|d| d.code)
        .collect();
    let missing: Vec<String> = Code::ALL
        .iter()
        .filter(|c| matches!(c.category(), Category::Syntax | Category::Invalid))
        .filter(|c| c.default_severity() == am2amp::diag::Severity::Error)
        .filter(|c| !elsewhere.contains(c) && !seen.contains(c))
        .map(|c| c.full_name())
        .collect();
    assert!(
        missing.is_empty(),
        "no sample in samples/invalid/ triggers: {missing:?}"
    );
}
