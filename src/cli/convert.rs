//! `am2amp convert`: options → library → definition on stdout or in a file, diagnostics on
//! stderr. Nothing is written when there is an error.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::args::{ConvertArgs, PagerdutyArg, SecretsArg};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, policy, render, usage_error, use_color};
use crate::alertmanager::url;
use crate::check::CheckOptions;
use crate::convert::{ConvertOptions, convert_input};
use crate::load::{self, Input, LoadOptions};
use crate::translate::secrets::Manifest;
use crate::translate::{self, PagerdutyMode, SecretsMode, Topics};

/// Runs `convert`; returns the exit status.
pub fn run(a: &ConvertArgs) -> u8 {
    let policy = match policy(&a.report) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let opts = match options(a) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    if let Some(out) = &a.secrets_out
        && let Err(e) = may_write_manifest(out)
    {
        return usage_error(&e);
    }
    let input = if a.path == "-" {
        Input::Stdin
    } else {
        let p = PathBuf::from(&a.path);
        if !p.is_file() {
            return usage_error(&format!("{}: not a file", a.path));
        }
        Input::File(p)
    };
    let bytes = match load::read_input(&input, opts.check.load.max_input_bytes) {
        Ok(b) => b,
        Err(e) => return usage_error(&e.to_string()),
    };
    let path = match &input {
        Input::File(p) => Some(p.as_path()),
        Input::Stdin => None,
    };
    let mut converted = convert_input(&input.display_name(), path, &bytes, &opts);
    converted.report.apply(&policy);
    let color = use_color(a.report.color, std::io::stderr().is_terminal());
    let renderer = render::Renderer::new(a.report.message_format, color);
    eprint!("{}", renderer.render(&converted.report));
    let output = match converted.output {
        Some(o) if !converted.report.has_errors() => o,
        _ => {
            eprintln!("error: {}: not converted", input.display_name());
            return EXIT_FINDINGS;
        }
    };
    if let Some(out) = &a.secrets_out
        && let Err(e) = write_manifest(out, &converted.secrets)
    {
        return usage_error(&e);
    }
    match &a.output {
        Some(file) => {
            if let Err(e) = write_atomic(file, output.as_bytes(), false) {
                return usage_error(&format!("{}: {e}", file.display()));
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(output.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}

fn options(a: &ConvertArgs) -> Result<ConvertOptions, String> {
    let mut topics = Topics::default();
    if let Some(t) = &a.topic_arn {
        Topics::check_template(t).map_err(|e| format!("--topic-arn: {e}"))?;
        topics.template = Some(t.clone());
    }
    if let Some(f) = &a.topics {
        topics.map = topics_file(f)?;
    }
    if let Some(r) = &a.region {
        let ok = r.split('-').count() >= 3
            && r.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            return Err(format!(
                "--region: `{r}` is not an AWS region (like eu-west-1)"
            ));
        }
    }
    if let Some(u) = &a.external_url {
        url::check_http(u).map_err(|e| format!("--external-url: {e}"))?;
    }
    let pagerduty = match a.pagerduty {
        PagerdutyArg::Sns => PagerdutyMode::Sns,
        PagerdutyArg::Native => {
            let arn = a.pagerduty_secret_arn.clone().unwrap_or_default();
            if !(arn.starts_with("arn:aws") && arn.contains(":secretsmanager:")) {
                return Err(format!(
                    "--pagerduty-secret-arn: `{arn}` is not a Secrets Manager ARN"
                ));
            }
            PagerdutyMode::Native { secret_arn: arn }
        }
    };
    Ok(ConvertOptions {
        check: CheckOptions {
            load: LoadOptions {
                max_input_bytes: a.report.max_input_bytes,
                ..LoadOptions::default()
            },
            target: a.report.alertmanager_version,
        },
        translate: translate::Options {
            topics,
            region: a.region.clone(),
            secrets: match a.secrets {
                SecretsArg::Ref => SecretsMode::Ref,
                SecretsArg::Inline => SecretsMode::Inline,
            },
            secrets_out: a.secrets_out.is_some(),
            read_secret_files: a.read_secret_files,
            pagerduty,
            external_url: a
                .external_url
                .as_ref()
                .map(|u| u.trim_end_matches('/').to_string()),
            drop_unsupported: a.drop_unsupported,
            clamp_repeat_interval: a.clamp_repeat_interval,
            source_version: a.source_version,
            preview: false,
        },
    })
}

/// Reads a `--topics` file: a YAML (or JSON) mapping of receiver name → topic ARN.
fn topics_file(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--topics {}: {e}", path.display()))?;
    let map: BTreeMap<String, String> = serde_saphyr::from_str(&text).map_err(|e| {
        format!(
            "--topics {}: expected a mapping of receiver names to topic ARNs: {e}",
            path.display()
        )
    })?;
    for (receiver, arn) in &map {
        translate::topics::Arn::parse(arn)
            .map_err(|e| format!("--topics {}: receiver `{receiver}`: {e}", path.display()))?;
    }
    Ok(map)
}

/// A manifest file may be written where nothing is, or over an earlier manifest.
fn may_write_manifest(path: &Path) -> Result<(), String> {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Ok(text) if Manifest::is_manifest(&text) => Ok(()),
        _ => Err(format!(
            "--secrets-out {}: the file exists and is not an am2amp secrets manifest; refusing to overwrite it",
            path.display()
        )),
    }
}

fn write_manifest(path: &Path, secrets: &BTreeMap<String, String>) -> Result<(), String> {
    if path.exists() {
        eprintln!("note: overwriting the secrets manifest {}", path.display());
    }
    let text = Manifest::new(secrets.clone()).to_json();
    write_atomic(path, text.as_bytes(), true)
        .map_err(|e| format!("--secrets-out {}: {e}", path.display()))
}

/// Writes through a temporary file in the same directory, so readers never see a partial
/// file. `private` files are readable by their owner only; others keep the mode of the file
/// they replace (new ones get 0644).
fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(path) {
            _ if private => 0o600,
            Ok(m) => m.permissions().mode() & 0o7777,
            Err(_) => 0o644,
        };
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
