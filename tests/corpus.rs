//! Real-world configs from public repositories are accepted exactly when Alertmanager 0.25's
//! `amtool check-config` accepts them, except where 0.25 rejects a field or syntax that a later
//! Alertmanager added (am2amp reads every version's syntax and records such uses).

mod common;

use std::process::Command;

use am2amp::model::Version;

#[test]
fn corpus_verdicts_match_amtool() {
    let Some(amtool) = common::oracle("amtool") else {
        return;
    };
    let dir = common::shared().join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "corpus looks incomplete: {} files",
        files.len()
    );
    let mut failures = Vec::new();
    let mut newer = Vec::new();
    for path in &files {
        let out = Command::new(&amtool)
            .arg("check-config")
            .arg(path)
            .output()
            .expect("run amtool");
        let amtool_rejects = !out.status.success();
        let amtool_text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        let report = common::check_path(path, &dir);
        let ours = common::rejecting_errors(&report);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match (amtool_rejects, !ours.is_empty()) {
            (a, b) if a == b => {}
            (false, true) => {
                failures.push(format!("{name}: amtool accepts, am2amp rejects: {ours:?}"))
            }
            _ => {
                // amtool rejects, we accept: only acceptable for syntax newer than 0.25, and
                // every line amtool names must hold such a use.
                let lines: Vec<usize> = report
                    .features
                    .iter()
                    .filter(|f| f.since > Version::V0_25)
                    .map(|f| report.sources.line_col(f.span).1.line)
                    .collect();
                let named: Vec<usize> = amtool_text
                    .split("line ")
                    .skip(1)
                    .filter_map(|s| s.split(':').next()?.trim().parse().ok())
                    .collect();
                if lines.is_empty() || named.iter().any(|l| !lines.contains(l)) {
                    failures.push(format!(
                        "{name}: amtool rejects ({}), am2amp accepts without a newer feature",
                        amtool_text.trim()
                    ));
                } else {
                    newer.push(name);
                }
            }
        }
    }
    eprintln!("accepted thanks to syntax newer than 0.25: {newer:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
