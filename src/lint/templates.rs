//! Parses and lints every template a config uses: receiver fields (rendered per notification,
//! never checked by Alertmanager's loader) and the files under `templates:` (parsed at load).

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::memo;
use crate::diag::{Code, Diagnostic, Severity, suggest};
use crate::gotmpl::ast::{Named, Pos, is_empty_tree};
use crate::gotmpl::lint::{Env, Finding, Lint, lint};
use crate::gotmpl::types::Ty;
use crate::gotmpl::{self, ParseError, Template, defaults, funcs, has_action};
use crate::load::TemplateSource;
use crate::model::templates::Templates;
use crate::model::{Config, FeatureUse, Version};
use crate::source::{Embedding, Source, SourceId, Sources, Span};
use crate::yaml::{self, Scalar};

/// Why an error in a template file matters.
const FILE_HELP: &str =
    "Alertmanager parses template files when it loads the config and refuses to start on an error";

/// A template file that parsed.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// Where it came from.
    pub file: TemplateSource,
    /// Its tree.
    pub template: Template,
}

/// Checks templates; returns the files that parsed (for conversion).
pub fn check_templates(
    config: &Config,
    files: &[TemplateSource],
    sources: &mut Sources,
    target: Version,
    diags: &mut Vec<Diagnostic>,
    features: &mut Vec<FeatureUse>,
) -> Vec<ParsedFile> {
    let mut parsed = Vec::new();
    for f in files {
        match memo::parse_file(&sources.get(f.source).text) {
            Ok(template) => {
                for (name, pos) in funcs::undefined_in(&template) {
                    diags.push(undefined_function(f, name, pos));
                }
                match defined_twice(&template, &f.name) {
                    Some(e) => diags.push(file_error(f, &e)),
                    None => parsed.push(ParsedFile {
                        file: f.clone(),
                        template,
                    }),
                }
            }
            Err(e) => diags.push(file_error(f, &e)),
        }
    }
    // Where each user template is defined; later definitions win, as in Alertmanager, unless
    // they are empty. A file's own text is a template named after the file (usually empty).
    let mut defined: HashMap<&str, (SourceId, Named)> = HashMap::new();
    for p in &parsed {
        for d in p.template.named(Some(&p.file.name)) {
            let at = Span::new(p.file.source, d.pos.clone());
            let earlier = defined
                .get(d.name)
                .filter(|(_, e)| !(e.file_body && is_empty_tree(e.list)))
                .map(|(source, e)| Span::new(*source, e.pos.clone()));
            if is_empty_tree(d.list) {
                if d.file_body && defined.contains_key(d.name) {
                    continue;
                }
                if !d.file_body && (earlier.is_some() || defaults::since(d.name).is_some()) {
                    diags.push(empty_define(d.name, at, earlier));
                    continue;
                }
            } else if let Some(earlier) = earlier {
                diags.push(defined_again(&d, at, earlier));
            }
            defined.insert(d.name, (p.file.source, d));
        }
    }
    let user: HashSet<String> = defined.keys().map(|s| s.to_string()).collect();
    let env = Env {
        user: &user,
        target,
    };

    let env_key = memo::env_key(&env);
    let mut work: Vec<(String, Ty)> = Vec::new();
    // Receivers often share field texts; each distinct text is parsed and linted once, and its
    // findings placed in every field that holds it.
    let mut linted: HashMap<&str, Result<Lint, ParseError>> = HashMap::new();
    for r in config.receivers.iter().flat_map(|l| l.value.iter()) {
        let mut fields = Vec::new();
        r.value.templates("receivers", &mut fields);
        for ft in fields {
            let text = &*ft.scalar.value;
            if !has_action(text) {
                continue;
            }
            let outcome = linted
                .entry(text)
                .or_insert_with(|| memo::lint_field(text, &env, &env_key));
            match outcome {
                Err(e) => {
                    let span = field_span(sources, ft.scalar, &e.pos);
                    diags.push(
                        Diagnostic::new(Code::TemplateSyntax, span, format!("template in `{}`: {}", ft.field, e.message))
                            .label("does not parse")
                            .help("Alertmanager only finds this when it sends a notification, which then fails"),
                    );
                }
                Ok(result) => {
                    for f in &result.findings {
                        let span = field_span(sources, ft.scalar, &f.pos);
                        diags.push(finding(f.clone(), span, ft.field, false));
                    }
                    work.extend(result.calls.iter().cloned());
                }
            }
        }
    }

    // Lint user templates with the data types they are called with (and unchecked otherwise).
    let reached = reached(&defined, work.iter().map(|(name, _)| name.as_str()));
    let mut done: BTreeSet<(String, Ty)> = BTreeSet::new();
    for name in defined.keys() {
        work.push((name.to_string(), Ty::Unknown));
    }
    let mut reported: HashSet<(Code, Span, String)> = HashSet::new();
    while let Some((name, ty)) = work.pop() {
        if !done.insert((name.clone(), ty)) || done.len() > 10_000 {
            continue;
        }
        let Some((source, d)) = defined.get(name.as_str()) else {
            continue;
        };
        let result = lint(d.list, ty, &env);
        // Unknown functions in files were reported with the file, as Go's parser finds them.
        let findings = result.findings.into_iter();
        for f in findings.filter(|f| f.code != Code::UnknownFunction) {
            let span = Span::new(*source, f.pos.clone());
            let mut d = finding(f, span, &name, true);
            if !reached.contains(name.as_str()) && d.is_error() {
                d = unreached(d, &name);
            }
            if reported.insert((d.code, d.primary.span, d.message.clone())) {
                diags.push(d);
            }
        }
        for (func, since, pos) in result.newer {
            features.push(FeatureUse {
                since,
                what: format!("template function `{func}` in a template file"),
                span: Span::new(*source, pos),
            });
        }
        work.extend(result.calls);
    }
    parsed
}

/// The user templates Alertmanager may run: those `roots` name (what fields call), those
/// named like its defaults (integrations call them by themselves), and what they call.
fn reached<'a>(
    defined: &HashMap<&'a str, (SourceId, Named<'a>)>,
    roots: impl Iterator<Item = impl AsRef<str>>,
) -> HashSet<&'a str> {
    let mut stack: Vec<&'a str> = roots
        .filter_map(|n| defined.get_key_value(n.as_ref()).map(|(k, _)| *k))
        .chain(
            defined
                .keys()
                .copied()
                .filter(|n| defaults::since(n).is_some()),
        )
        .collect();
    let mut seen = HashSet::new();
    while let Some(name) = stack.pop() {
        if seen.insert(name) {
            let (_, d) = &defined[name];
            stack.extend(
                gotmpl::calls(d.list)
                    .into_iter()
                    .filter_map(|c| defined.get_key_value(c).map(|(k, _)| *k)),
            );
        }
    }
    seen
}

/// A finding in a template nothing runs: a warning, as Alertmanager never finds it.
fn unreached(mut d: Diagnostic, name: &str) -> Diagnostic {
    d.severity = Severity::Warning;
    d.help = Some(format!(
        "no field calls `{name}`, directly or through other templates, so Alertmanager never runs it; fix it before a field calls it, or remove it"
    ));
    d
}

fn file_error(file: &TemplateSource, e: &ParseError) -> Diagnostic {
    Diagnostic::new(
        Code::TemplateFile,
        Span::new(file.source, e.pos.clone()),
        format!("template file `{}`: {}", file.name, e.message),
    )
    .label("does not parse")
    .help(FILE_HELP)
}

fn undefined_function(file: &TemplateSource, name: &str, pos: &Pos) -> Diagnostic {
    let help = suggest::did_you_mean(name, funcs::names()).unwrap_or_else(|| FILE_HELP.into());
    Diagnostic::new(
        Code::TemplateFile,
        Span::new(file.source, pos.clone()),
        format!(
            "template file `{}`: function {name:?} not defined",
            file.name
        ),
    )
    .label("unknown function")
    .help(help)
}

/// Go's error for a file whose own text and a definition in it both have a body under the
/// file's name (Go names the text after the file).
fn defined_twice(t: &Template, file: &str) -> Option<ParseError> {
    if is_empty_tree(&t.root) {
        return None;
    }
    let d = t
        .defines
        .iter()
        .find(|d| d.name == file && !is_empty_tree(&d.list))?;
    Some(ParseError {
        message: format!("template: multiple definition of template {file:?}"),
        pos: d.name_pos.clone(),
    })
}

fn defined_again(d: &Named, at: Span, earlier: Span) -> Diagnostic {
    let message = if d.file_body {
        format!(
            "template `{}` is defined more than once; the text of file `{}` outside its definitions is a template of that name too, and it wins",
            d.name, d.name
        )
    } else {
        format!(
            "template `{}` is defined more than once; this definition wins",
            d.name
        )
    };
    Diagnostic::new(Code::DuplicateDefine, at, message)
        .label("defined again here")
        .secondary(earlier, "and here (unused)")
        .help(if d.file_body {
            "rename the definition or the file, or move the file's text into a definition"
        } else {
            "rename one of the definitions"
        })
}

fn empty_define(name: &str, at: Span, earlier: Option<Span>) -> Diagnostic {
    let message = if earlier.is_some() {
        format!(
            "template `{name}` is defined again with an empty body, which does not replace the earlier definition"
        )
    } else {
        format!(
            "template `{name}` has an empty body, which does not replace Alertmanager's default"
        )
    };
    let d = Diagnostic::new(Code::DuplicateDefine, at, message).label("ignored");
    let d = match earlier {
        Some(span) => d.secondary(span, "this definition is used"),
        None => d,
    };
    d.help("remove the empty definition; one that prints nothing needs an action, such as `{{ \"\" }}`")
}

fn finding(f: Finding, span: Span, context: &str, in_file: bool) -> Diagnostic {
    let message = if in_file {
        format!("in template `{context}`: {}", f.message)
    } else {
        format!("in `{context}`: {}", f.message)
    };
    Diagnostic::new(f.code, span, message)
        .label(f.label)
        .maybe_help(f.help)
}

/// The file span of a range inside a templated scalar (registering the scalar as a source).
pub fn field_span(sources: &mut Sources, scalar: &Scalar, pos: &std::ops::Range<usize>) -> Span {
    let parent = scalar.origin.source;
    let offsets = yaml::scalar_offsets(&sources.get(parent).text, scalar)
        .unwrap_or_else(|| vec![scalar.origin.start; scalar.value.len() + 1]);
    let mut src = Source::new(
        format!("{}:template", sources.get(parent).name),
        scalar.value.clone(),
    );
    src.embedding = Some(Embedding { parent, offsets });
    let id: SourceId = sources.add(src);
    Span::new(id, pos.clone())
}

#[cfg(test)]
mod tests {
    use crate::check::{CheckOptions, check_bytes};
    use crate::diag::{Code, Severity};

    /// A call of an undefined template is an error where a field reaches it (directly, through
    /// other templates, or as a default an integration calls by itself) and a warning in a
    /// template nothing runs, which Alertmanager accepts.
    #[test]
    fn undefined_calls_in_templates_nothing_runs_are_warnings() {
        let severity = |title: &str, file: &str| {
            let definition = format!(
                "template_files:\n  t.tmpl: '{file}'\nalertmanager_config: |\n  templates: [t.tmpl]\n  route: {{receiver: a}}\n  receivers:\n  - name: a\n    slack_configs:\n    - {{api_url: 'https://x.example', title: '{title}'}}\n"
            );
            let report = check_bytes("in.yml", definition.as_bytes(), &CheckOptions::default());
            let found: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::UndefinedTemplate)
                .map(|d| d.severity)
                .collect();
            assert_eq!(found.len(), 1, "{definition}{:?}", report.diagnostics);
            found[0]
        };
        let file = r#"{{ define "z" }}{{ template "y" . }}{{ end }}{{ define "y" }}{{ template "n" . }}{{ end }}"#;
        assert_eq!(severity("x", file), Severity::Warning);
        assert_eq!(severity(r#"{{ template "z" . }}"#, file), Severity::Error);
        assert_eq!(severity(r#"{{ template "y" . }}"#, file), Severity::Error);
        let default = r#"{{ define "__subject" }}{{ template "z" . }}{{ end }}"#;
        assert_eq!(severity("x", &format!("{file}{default}")), Severity::Error);
        assert_eq!(severity("x", "{{ template \"n\" . }}"), Severity::Warning);
        assert_eq!(
            severity(r#"{{ template "t.tmpl" . }}"#, "{{ template \"n\" . }}"),
            Severity::Error
        );
    }

    /// A text shared by several fields is linted once, but each field gets its own findings.
    #[test]
    fn shared_field_texts_are_reported_at_each_field() {
        let config = "route: {receiver: a}\nreceivers:\n\
            - name: a\n  slack_configs:\n  - {api_url: 'https://x.example', title: '{{ nope . }}', text: '{{ .X'}\n\
            - name: b\n  slack_configs:\n  - {api_url: 'https://x.example', title: '{{ nope . }}', text: '{{ .X'}\n";
        let report = check_bytes("in.yml", config.as_bytes(), &CheckOptions::default());
        let at = |code: Code| -> Vec<(usize, usize)> {
            let mut v: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == code)
                .map(|d| {
                    let (_, lc, _) = report.sources.line_col(d.primary.span);
                    (lc.line, lc.column)
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(at(Code::UnknownFunction), [(5, 47), (8, 47)]);
        assert_eq!(at(Code::TemplateSyntax).len(), 2);
        assert_ne!(at(Code::TemplateSyntax)[0].0, at(Code::TemplateSyntax)[1].0);
    }
}
