//! The template files a config lists under `templates:`: globs resolved against the config's
//! directory (or, for an AMP definition, against its `template_files`).

use std::path::{Path, PathBuf};

use super::Wrapper;
use super::goglob;
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
    /// The `templates:` entry that matched it last.
    pub entry: Span,
    /// Its places in the sequence of files Go parses, one per match, in order (Go parses a
    /// file again each time an entry matches it).
    pub parses: Vec<usize>,
}

/// Resolves `templates:` entries and loads the files they match, in Alertmanager's order: Go
/// parses a file each time an entry matches it, so a file's last match places it (its
/// definitions then win over those of the files matched between).
pub fn load_templates(
    entries: &[Sp<String>],
    base: &Path,
    wrapper: Option<&Wrapper>,
    sources: &mut Sources,
    max_bytes: u64,
) -> (Vec<TemplateSource>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut parses = 0..;
    for entry in entries {
        let matched = match wrapper {
            Some(w) => from_definition(entry, w, &mut out, &mut parses),
            None => from_disk(
                entry,
                base,
                sources,
                max_bytes,
                &mut out,
                &mut diags,
                &mut parses,
            ),
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

/// Counts the files Go parses.
type Parses = std::ops::RangeFrom<usize>;

/// Takes a file an earlier entry matched out of `loaded`, for `entry` to place it again as
/// parse `n`.
fn again(
    loaded: &mut Vec<TemplateSource>,
    entry: &Sp<String>,
    n: usize,
    same: impl Fn(&TemplateSource) -> bool,
) -> Option<TemplateSource> {
    let at = loaded.iter().position(same)?;
    let mut file = loaded.remove(at);
    file.entry = entry.span;
    file.parses.push(n);
    Some(file)
}

fn from_definition(
    entry: &Sp<String>,
    w: &Wrapper,
    loaded: &mut Vec<TemplateSource>,
    parses: &mut Parses,
) -> Vec<TemplateSource> {
    let mut files: Vec<_> = w
        .template_files
        .iter()
        .filter(|f| goglob::matches(&entry.value, &f.name.value) == Ok(true))
        .collect();
    files.sort_by(|a, b| a.name.value.cmp(&b.name.value));
    files
        .into_iter()
        .map(|f| {
            let n = parses.next().unwrap_or_default();
            again(loaded, entry, n, |t| t.name == f.name.value).unwrap_or_else(|| TemplateSource {
                name: f.name.value.clone(),
                path: None,
                source: f.source,
                entry: entry.span,
                parses: vec![n],
            })
        })
        .collect()
}

fn from_disk(
    entry: &Sp<String>,
    base: &Path,
    sources: &mut Sources,
    max_bytes: u64,
    loaded: &mut Vec<TemplateSource>,
    diags: &mut Vec<Diagnostic>,
    parses: &mut Parses,
) -> Vec<TemplateSource> {
    let full = if Path::new(&entry.value).is_absolute() {
        entry.value.clone()
    } else {
        goglob::join(&base.to_string_lossy(), &entry.value)
    };
    let Ok(paths) = goglob::glob(&full) else {
        diags.push(
            Diagnostic::new(Code::TemplateFile, entry.span, format!("invalid template glob: {}", goglob::BAD_PATTERN))
                .help("Alertmanager resolves `templates` entries with Go's `filepath.Glob`: `*`, `?`, `[a-z]`, `[^a]` and `\\` to escape; a class must close and hold no bare `-` or `]`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for path in paths {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            diags.push(
                Diagnostic::new(Code::TemplateFile, entry.span, format!("read {}: is a directory", path.display()))
                    .label("matches a directory")
                    .help("Alertmanager reads every path the entry matches and refuses to load when one is a directory; match files only (`dir/*.tmpl`)"),
            );
            continue;
        }
        if !meta.is_file() {
            continue;
        }
        let n = parses.next().unwrap_or_default();
        if let Some(file) = again(loaded, entry, n, |t| t.path.as_ref() == Some(&path)) {
            out.push(file);
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
            parses: vec![n],
        });
    }
    out
}
