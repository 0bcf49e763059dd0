//! `am2amp check`: load, decode, validate and lint one input, then preview its translation,
//! collecting every finding.

use std::path::Path;

use crate::amp;
use crate::lint::{self, ParsedFile};
use crate::load::{self, Document, LoadOptions};
use crate::model::{self, Config, Version};
use crate::report::Report;
use crate::yaml::Node;
use crate::{translate, validate};

/// Settings for checking.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Input limits.
    pub load: LoadOptions,
    /// The Alertmanager version the output must run on.
    pub target: Version,
    /// What `convert` would be run with (the preview reports its findings).
    pub convert: translate::Options,
    /// Parse and lint templates (off only when reloading am2amp's own output).
    pub templates: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            load: LoadOptions::default(),
            target: Version::DEFAULT_TARGET,
            convert: translate::Options::default(),
            templates: true,
        }
    }
}

/// Everything known about one input after checking: what convert builds on.
#[derive(Debug, Default)]
pub struct Checked {
    /// Findings and sources.
    pub report: Report,
    /// The loaded document (the wrapper, if any).
    pub document: Document,
    /// The model, when the input could be decoded (without its receivers once translated).
    pub config: Option<Config>,
    /// Template files that parsed.
    pub templates: Vec<ParsedFile>,
}

/// Checks one input given as bytes; `path` locates `templates:` globs (stdin: the current
/// directory). Besides Alertmanager's rules it reports what `convert` with default options
/// would flag (other than missing topics).
pub fn check_input(
    name: &str,
    path: Option<&Path>,
    bytes: impl Into<Vec<u8>>,
    opts: &CheckOptions,
) -> Checked {
    let mut checked = analyse(name, path, bytes, opts);
    let preview = translate::Options {
        preview: true,
        ..opts.convert.clone()
    };
    if let Some(t) = translate_checked(&mut checked, path, &preview, &mut |_| {}) {
        amp::rules::newer_features(
            &checked.report.features,
            opts.target,
            &t.replaced,
            &mut checked.report.diagnostics,
        );
        checked.report.sort();
    }
    checked
}

/// Translates a checked input that Alertmanager accepts, taking its tree and its decoded
/// receivers (translation takes them apart); output receivers go to `sink` one by one,
/// findings to the input's report.
pub fn translate_checked(
    checked: &mut Checked,
    path: Option<&Path>,
    opts: &translate::Options,
    sink: &mut dyn FnMut(Node),
) -> Option<translate::Translation> {
    if checked.report.rejected() {
        return None;
    }
    let config = checked.config.as_mut()?;
    let root = checked.document.root.take()?;
    let receivers = config
        .receivers
        .as_mut()
        .map(|r| std::mem::take(&mut r.value))
        .unwrap_or_default();
    let input = translate::Input {
        config,
        receivers,
        templates: &checked.templates,
        features: &checked.report.features,
        path,
    };
    let mut diags = Vec::new();
    let sources = &mut checked.report.sources;
    let t = translate::translate(root, input, opts, sources, &mut diags, sink);
    checked.report.diagnostics.extend(diags);
    Some(t)
}

/// Loads, decodes, validates and lints one input (Alertmanager's rules and template checks).
pub fn analyse(
    name: &str,
    path: Option<&Path>,
    bytes: impl Into<Vec<u8>>,
    opts: &CheckOptions,
) -> Checked {
    crate::alertmanager::matcher::forget_parsed();
    let mut doc = load::load_bytes(name, bytes, &opts.load);
    let mut report = Report {
        name: name.to_string(),
        sources: std::mem::take(&mut doc.sources),
        diagnostics: std::mem::take(&mut doc.diags),
        features: Vec::new(),
    };
    let mut config = None;
    let mut templates = Vec::new();
    if let Some(root) = &doc.root {
        let decoded = model::decode_config_in(root, doc.wrapper.is_some());
        report.diagnostics.extend(decoded.cx.diags);
        report.features.extend(decoded.cx.features);
        for s in decoded.cx.secrets {
            report.sources.mark_secret(s);
        }
        if let Some(c) = &decoded.config {
            validate::validate(c, &mut report.diagnostics, &mut report.features);
        }
        if let Some(c) = decoded.config.as_ref().filter(|_| opts.templates) {
            let entries = c.templates.as_ref().map_or(&[][..], |t| t.value.as_slice());
            let base = path.and_then(Path::parent).unwrap_or(Path::new("."));
            let (files, diags) = load::load_templates(
                entries,
                base,
                doc.wrapper.as_ref(),
                &mut report.sources,
                opts.load.max_input_bytes,
            );
            report.diagnostics.extend(diags);
            templates = lint::check_templates(
                c,
                &files,
                &mut report.sources,
                opts.target,
                &mut report.diagnostics,
                &mut report.features,
            );
        }
        config = decoded.config;
    }
    report.sort();
    Checked {
        report,
        document: doc,
        config,
        templates,
    }
}

/// Checks one input given as bytes, resolving template globs against the current directory.
pub fn check_bytes(name: &str, bytes: &[u8], opts: &CheckOptions) -> Report {
    check_input(name, None, bytes, opts).report
}
