//! AMP / Cortex / Mimir definitions: `alertmanager_config: |` (the config as a string) plus an
//! optional `template_files:` map. The inner texts become embedded sources, so findings inside
//! them point at lines of the outer file.

use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::source::{Embedding, Source, SourceId, Sources, Span};
use crate::yaml::{self, Kind, Limits, Node, Scalar};

/// One entry of `template_files:`.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// The file name (the map key).
    pub name: Sp<String>,
    /// The template text as an embedded source.
    pub source: SourceId,
}

/// What an input's definition wrapper held.
#[derive(Debug, Clone)]
pub struct Wrapper {
    /// Where the `alertmanager_config` key is.
    pub config_key: Span,
    /// The inner config text as an embedded source (when it was a string).
    pub inner: Option<SourceId>,
    /// The inner config's root node.
    pub config: Option<Node>,
    /// The template files.
    pub template_files: Vec<TemplateFile>,
    /// What unwrapping found.
    pub diags: Vec<Diagnostic>,
}

/// Recognises a definition and unwraps it; `None` for a plain Alertmanager config.
pub fn unwrap(root: &Node, sources: &mut Sources, limits: &Limits) -> Option<Wrapper> {
    let entries = root.as_map()?;
    let config_entry = entries
        .iter()
        .find(|e| e.key.as_str() == Some("alertmanager_config"))?;
    let mut w = Wrapper {
        config_key: config_entry.key.span,
        inner: None,
        config: None,
        template_files: Vec::new(),
        diags: Vec::new(),
    };
    for e in entries {
        match e.key.as_str() {
            Some("alertmanager_config") => {}
            Some("template_files") => read_template_files(&e.value, sources, &mut w),
            other => w.diags.push(
                Diagnostic::new(
                    Code::DefinitionShape,
                    e.key.span,
                    format!(
                        "`{}` is not part of an alert manager definition and is ignored",
                        other.unwrap_or("?")
                    ),
                )
                .label("ignored")
                .help("a definition holds only `alertmanager_config` and `template_files`; move templates under `template_files:`"),
            ),
        }
    }
    let value = &config_entry.value;
    match &value.kind {
        Kind::Scalar(s) => {
            let id = embed(sources, s, "alertmanager_config");
            w.inner = Some(id);
            let text = sources.get(id).text.clone();
            match yaml::load_with(&text, id, limits, crate::model::merges::rule) {
                Ok((node, diags)) => {
                    w.diags.extend(diags);
                    w.config = Some(node);
                }
                Err(d) => w.diags.push(d),
            }
        }
        Kind::Null => {
            w.config = Some(Node {
                span: value.span,
                kind: Kind::Null,
            });
        }
        _ => {
            w.diags.push(
                Diagnostic::new(
                    Code::TypeMismatch,
                    value.span,
                    "`alertmanager_config` must be a string holding the Alertmanager config",
                )
                .label("a mapping, not a string")
                .help("write `alertmanager_config: |` and indent the config below it; AMP and Cortex reject a nested mapping"),
            );
            w.config = Some(value.clone());
        }
    }
    Some(w)
}

fn read_template_files(node: &Node, sources: &mut Sources, w: &mut Wrapper) {
    match &node.kind {
        Kind::Null => {}
        Kind::Map(entries) => {
            for e in entries {
                let name = e.key.as_str().unwrap_or_default().to_string();
                match &e.value.kind {
                    Kind::Scalar(s) => {
                        let source = embed(sources, s, &name);
                        w.template_files.push(TemplateFile {
                            name: Sp {
                                value: name,
                                span: e.key.span,
                                key: e.key.span,
                            },
                            source,
                        });
                    }
                    _ => w.diags.push(
                        Diagnostic::new(
                            Code::TypeMismatch,
                            e.value.span,
                            format!("template file `{name}` must be a string"),
                        )
                        .help("write the template text as a `|` block"),
                    ),
                }
            }
        }
        _ => w.diags.push(
            Diagnostic::new(
                Code::TypeMismatch,
                node.span,
                "`template_files` must map file names to template text",
            )
            .help("write `template_files:` followed by `name: |` entries"),
        ),
    }
}

/// Registers a scalar's value as a source embedded in the scalar's own source.
fn embed(sources: &mut Sources, s: &Scalar, what: &str) -> SourceId {
    let parent = s.origin.source;
    let outer = sources.get(parent);
    let offsets = yaml::scalar_offsets(&outer.text, s)
        .unwrap_or_else(|| vec![s.origin.start; s.value.len() + 1]);
    let mut src = Source::new(format!("{}:{what}", outer.name), s.value.clone());
    src.embedding = Some(Embedding { parent, offsets });
    sources.add(src)
}
