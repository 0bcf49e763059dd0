//! What every integration translator needs: options, `global`, named templates, route keys,
//! secrets, and the place findings go.

use std::path::PathBuf;

use crate::diag::{Code, Diagnostic};
use crate::gotmpl::copies::Copies;
use crate::gotmpl::has_action;
use crate::model::{Secret, Sp, Tmpl};
use crate::source::{Sources, Span};
use crate::validate::GlobalView;

use super::Options;
use super::contract::{Key, Value};
use super::fields::{self, Compiled};
use super::routes::RouteKeys;
use super::secrets::{self, Secrets};

/// How the old Alertmanager sorted the label set in group keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelOrder {
    /// Up to 0.27: the formatted `name="value"` strings are sorted.
    Formatted,
    /// From 0.28: sorted by label name.
    Name,
}

impl LabelOrder {
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LabelOrder::Formatted => "formatted",
            LabelOrder::Name => "name",
        }
    }
}

/// Shared state of one translation.
pub struct Cx<'a> {
    /// Options.
    pub opts: &'a Options,
    /// What integrations inherit.
    pub global: GlobalView<'a>,
    /// Named templates (user files over am2amp's defaults) and their escaped copies.
    pub templates: Copies<'a>,
    /// Route keys per receiver.
    pub routes: RouteKeys,
    /// The Alertmanager version the config ran on before the migration.
    pub source_version: crate::model::Version,
    /// Label-set order of the source Alertmanager.
    pub order: LabelOrder,
    /// Entries whose defaults link to `.ExternalURL`, with those fields.
    pub external_url_fields: Vec<(Span, &'static str, Vec<String>)>,
    /// Receivers already told that their group key falls back.
    pub group_key_reported: std::collections::BTreeSet<String>,
    /// The config's receiver names.
    pub receivers: std::collections::BTreeSet<String>,
    /// Secrets collected so far.
    pub secrets: Secrets,
    /// Findings.
    pub diags: &'a mut Vec<Diagnostic>,
    /// Sources, for spans inside templates.
    pub sources: &'a mut Sources,
    /// The config file's directory (`http_config` files are relative to it).
    pub config_dir: PathBuf,
    /// Where topics came from (collected only when [`super::Topics::tracks_use`]).
    pub topic_use: super::topics::TopicUse,
    /// Template texts already compiled.
    pub compiled: foldhash::HashMap<String, Compiled>,
    /// What the templates' compilation depends on (see [`fields::key`]).
    pub templates_key: String,
}

/// One integration entry being translated.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The receiver's name.
    pub receiver: &'a str,
    /// `pagerduty`, `slack` or `webhook`.
    pub integration: &'static str,
    /// The entry's index in its list.
    pub index: usize,
    /// Where the entry is.
    pub span: Span,
}

impl Entry<'_> {
    /// The reference name of one of this entry's secrets.
    pub fn reference(&self, field: &str) -> String {
        secrets::reference(self.receiver, self.integration, self.index, field)
    }
}

impl Cx<'_> {
    /// The message value of templated field `name`: the configured template, or `default`
    /// when the field is absent, with template calls expanded and output escaped.
    pub fn field(
        &mut self,
        e: &Entry,
        name: &str,
        configured: Option<&Sp<Tmpl>>,
        default: &str,
    ) -> Value {
        let text = configured.map_or(default, |t| &*t.value.0.value);
        let (value, links_url) = self.compiled(text, configured.map_or(e.span, |t| t.span));
        if links_url {
            self.external_url_advice(e, name);
        }
        value
    }

    /// The message value of a template text written `at`.
    pub fn template(&mut self, text: &str, at: Span) -> Value {
        self.compiled(text, at).0
    }

    /// The message value of a template text written `at`, and whether it links to
    /// `.ExternalURL`.
    fn compiled(&mut self, text: &str, at: Span) -> (Value, bool) {
        if !has_action(text) {
            return (Value::Str(text.to_string()), false);
        }
        let Compiled {
            value,
            missing,
            links_url,
        } = match self.compiled.get(text) {
            Some(hit) => hit.clone(),
            None => {
                let compiled = fields::compiled(&self.templates_key, &mut self.templates, text);
                self.compiled.insert(text.to_string(), compiled.clone());
                compiled
            }
        };
        if let Some(name) = missing {
            self.diags.push(
                Diagnostic::new(
                    Code::NoEquivalent,
                    at,
                    format!("this field uses `{name}`, a default template am2amp has no copy of"),
                )
                .label("its output is missing from the converted field")
                .help(format!(
                    "define `{name}` in a file under `templates:`, or write its text here"
                )),
            );
        }
        (value, links_url)
    }

    /// Notes that field `name` of entry `e` links to `.ExternalURL`.
    pub fn external_url_advice(&mut self, e: &Entry, name: &str) {
        if self.opts.external_url.is_some() {
            return;
        }
        match self.external_url_fields.last_mut() {
            Some((span, _, fields)) if *span == e.span => fields.push(name.to_string()),
            _ => self
                .external_url_fields
                .push((e.span, e.integration, vec![name.to_string()])),
        }
    }

    /// Reports the entries whose defaults link to `.ExternalURL`.
    pub fn flush_external_url(&mut self) {
        for (span, integration, fields) in std::mem::take(&mut self.external_url_fields) {
            let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            self.diags.push(
                Diagnostic::new(
                    Code::ExternalUrl,
                    span,
                    if list.len() == 1 {
                        format!("{} of this {integration} entry links to `.ExternalURL`, which becomes AMP's URL", list[0])
                    } else {
                        format!("{} of this {integration} entry link to `.ExternalURL`, which becomes AMP's URL", list.join(" and "))
                    },
                )
                .label("uses `.ExternalURL`")
                .help("pass `--external-url` with your Alertmanager's URL to keep links pointing at it"),
            );
        }
    }

    /// The message entry for a secret: a reference (or the value under `--secrets inline`);
    /// a templated value is rendered instead.
    pub fn secret(&mut self, e: &Entry, field: &str, value: &str, span: Span) -> (Key, Value) {
        if has_action(value) {
            self.diags.push(
                Diagnostic::new(
                    Code::SecretTemplated,
                    span,
                    format!(
                        "`{field}` is a template; its rendered value is carried in the message"
                    ),
                )
                .label("rendered for each notification"),
            );
            return (field.to_string().into(), self.template(value, span));
        }
        self.secrets
            .carry(field, e.reference(field), value, span, self.diags)
    }

    /// The value of a `*_file` setting: read under `--read-secret-files`, an error otherwise.
    pub fn secret_file(
        &mut self,
        field: &str,
        path: &Sp<String>,
        base: &std::path::Path,
    ) -> Option<Secret> {
        if !self.opts.read_secret_files {
            self.diags.push(
                Diagnostic::new(
                    Code::SecretFile,
                    path.key,
                    format!("`{field}` names a file, which AMP cannot read"),
                )
                .label("read from the old Alertmanager's disk at send time")
                .help(format!(
                    "put the value in the config, or pass `--read-secret-files` to read `{}` now",
                    path.value
                )),
            );
            return None;
        }
        match secrets::read_file(&path.value, base) {
            Ok(v) => Some(Secret::new(v)),
            Err(why) => {
                self.diags.push(
                    Diagnostic::new(
                        Code::SecretFileUnreadable,
                        path.span,
                        format!("cannot read `{field}`: {why}"),
                    )
                    .label("this file")
                    .help("relative paths are resolved from the current directory (from the config's directory inside `http_config`)"),
                );
                None
            }
        }
    }
}
