//! The template files a config lists under `templates:`: globs resolved against the config's
//! directory (or, for an AMP definition, against its `template_files`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Wrapper;
use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::source::{Source, SourceId, Sources, Span};

/// A template file, loaded as a source.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The bare file name (the `template_files` key it would get).
    pub name: String,
    /// Where it was read from (`None` for a definition's `template_files` entry).
    pub path: Option<PathBuf>,
    /// The text.
    pub source: SourceId,
    /// The `templates:` entry that matched it.
    pub entry: Span,
}

/// Resolves `templates:` entries and loads the files they match, in Alertmanager's order.
pub fn load_templates(
    entries: &[Sp<String>],
    base: &Path,
    wrapper: Option<&Wrapper>,
    sources: &mut Sources,
    max_bytes: u64,
) -> (Vec<TemplateSource>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in entries {
        let matched = match wrapper {
            Some(w) => from_definition(entry, w, &mut seen),
            None => from_disk(entry, base, sources, max_bytes, &mut seen, &mut diags),
        };
        if matched.is_empty()
            && !diags
                .iter()
                .any(|d: &Diagnostic| d.primary.span == entry.span)
        {
            diags.push(
                Diagnostic::new(
                    Code::MissingTemplateFile,
                    entry.span,
                    format!("no template file matches `{}`", entry.value),
                )
                .label("matches nothing")
                .help(if wrapper.is_some() {
                    "add the file under `template_files:` or fix the name"
                } else {
                    "the path is relative to the config file's directory; templates called from receivers cannot be checked or converted without the file"
                }),
            );
        }
        out.extend(matched);
    }
    (out, diags)
}

fn from_definition(
    entry: &Sp<String>,
    w: &Wrapper,
    seen: &mut BTreeSet<String>,
) -> Vec<TemplateSource> {
    let Ok(pattern) = glob::Pattern::new(&entry.value) else {
        return Vec::new();
    };
    let mut files: Vec<_> = w
        .template_files
        .iter()
        .filter(|f| pattern.matches(&f.name.value))
        .collect();
    files.sort_by(|a, b| a.name.value.cmp(&b.name.value));
    files
        .into_iter()
        .filter(|f| seen.insert(f.name.value.clone()))
        .map(|f| TemplateSource {
            name: f.name.value.clone(),
            path: None,
            source: f.source,
            entry: entry.span,
        })
        .collect()
}

/// The paths matching a glob, sorted. When only the file name has wildcards (`templates/*.tmpl`,
/// nearly always) the directory is listed, as Go's `filepath.Glob` does, instead of stat-ing
/// every ancestor as `glob::glob` does: a bulk run resolves one such glob per input.
fn glob_paths(full: &Path) -> Result<Vec<PathBuf>, glob::PatternError> {
    let has_meta = |s: &str| s.contains(['*', '?', '[', '\\']);
    let (Some(dir), Some(name)) = (full.parent(), full.file_name().and_then(|n| n.to_str())) else {
        return glob::glob(&full.to_string_lossy()).map(|p| p.flatten().collect());
    };
    if has_meta(&dir.to_string_lossy()) || !has_meta(name) {
        return glob::glob(&full.to_string_lossy()).map(|p| p.flatten().collect());
    }
    let pattern = glob::Pattern::new(name)?;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(listing) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<_> = listing
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_str().is_some_and(|n| pattern.matches(n)))
        .collect();
    names.sort();
    Ok(names.into_iter().map(|n| full.with_file_name(n)).collect())
}

fn from_disk(
    entry: &Sp<String>,
    base: &Path,
    sources: &mut Sources,
    max_bytes: u64,
    seen: &mut BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TemplateSource> {
    let full = if Path::new(&entry.value).is_absolute() {
        PathBuf::from(&entry.value)
    } else {
        base.join(&entry.value)
    };
    let paths = match glob_paths(&full) {
        Ok(p) => p,
        Err(e) => {
            diags.push(
                Diagnostic::new(Code::TemplateFile, entry.span, format!("invalid template glob: {}", e.msg))
                    .help("Alertmanager refuses to load a config whose `templates` entry is not a valid glob"),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for path in paths {
        if !path.is_file() || !seen.insert(path.display().to_string()) {
            continue;
        }
        let text = super::input::read_file(&path, max_bytes);
        let problem = match &text {
            Err(e) => Some(format!("cannot read template file {}: {e}", path.display())),
            Ok(b) if b.len() as u64 > max_bytes => Some(format!(
                "template file {} is larger than {max_bytes} bytes",
                path.display()
            )),
            Ok(b) if std::str::from_utf8(b).is_err() => Some(format!(
                "template file {} is not UTF-8 text",
                path.display()
            )),
            Ok(_) => None,
        };
        if let Some(message) = problem {
            diags.push(
                Diagnostic::new(Code::MissingTemplateFile, entry.span, message)
                    .help("fix or remove the file"),
            );
            continue;
        }
        let text = String::from_utf8(text.unwrap_or_default()).unwrap_or_default();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let source = sources.add(Source::new(path.display().to_string(), text));
        out.push(TemplateSource {
            name,
            path: Some(path),
            source,
            entry: entry.span,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_a_directory_matches_what_the_glob_crate_finds() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.tmpl",
            "a.tmpl",
            ".hidden.tmpl",
            "x.txt",
            "[1].tmpl",
            "ä.tmpl",
        ] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("d.tmpl")).unwrap();
        for pattern in [
            "*.tmpl",
            "?.tmpl",
            "[ab].tmpl",
            "*",
            "*.none",
            "a.tmpl",
            "sub/*.tmpl",
        ] {
            let full = dir.path().join(pattern);
            let expected: Vec<PathBuf> = glob::glob(&full.to_string_lossy())
                .unwrap()
                .flatten()
                .collect();
            assert_eq!(glob_paths(&full).unwrap(), expected, "{pattern}");
        }
        assert!(glob_paths(&dir.path().join("[.tmpl")).is_err());
    }
}
