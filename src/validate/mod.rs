//! Alertmanager's own rules for a config, checked on the model with Alertmanager's semantics
//! (its loader as of 0.34, accepting the syntax of every version from 0.25). Every rule
//! violation becomes a diagnostic; nothing stops at the first.

mod global;
mod http;
mod inhibit;
mod receivers;
mod route;
mod time_intervals;

use crate::alertmanager::{duration, url};
use crate::diag::{Code, Diagnostic};
use crate::model::{
    Config, FeatureUse, Field, GoDuration, PromDuration, Secret, SecretUrl, Url, Version,
};
use crate::source::Span;

pub use global::GlobalView;

/// Checks a decoded config; findings go to `diags`, uses of newer features to `features`.
pub fn validate(config: &Config, diags: &mut Vec<Diagnostic>, features: &mut Vec<FeatureUse>) {
    let mut v = V {
        diags,
        features,
        config_span: config.span,
    };
    let global = GlobalView::new(config.global.as_ref().map(|g| &g.value));
    if let Some(g) = &config.global {
        global::check(&mut v, g);
    }
    let names = receivers::check(&mut v, config, &global);
    let intervals = time_intervals::check(&mut v, config);
    route::check(&mut v, config, &names, &intervals);
    if let Some(rules) = &config.inhibit_rules {
        for r in rules.value.iter() {
            inhibit::check(&mut v, &r.value);
        }
    }
}

/// Validation state shared by the rule modules.
pub(crate) struct V<'a> {
    pub diags: &'a mut Vec<Diagnostic>,
    pub features: &'a mut Vec<FeatureUse>,
    pub config_span: Span,
}

impl V<'_> {
    /// Adds a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Records use of a feature newer than 0.25.
    pub fn feature(&mut self, major: u16, minor: u16, what: impl Into<String>, span: Span) {
        self.features.push(FeatureUse {
            since: Version::new(major, minor),
            what: what.into(),
            span,
        });
    }

    /// "at most one of `a` & `b` must be configured", pointing at the second.
    pub fn at_most_one(&mut self, a: (&str, Option<Span>), b: (&str, Option<Span>)) {
        if let (Some(sa), Some(sb)) = (a.1, b.1) {
            let (first, second) = if sa <= sb { (a, b) } else { (b, a) };
            self.push(
                Diagnostic::new(
                    Code::ConflictingFields,
                    second.1.unwrap_or_default(),
                    format!("at most one of `{}` and `{}` may be set", a.0, b.0),
                )
                .label(format!("`{}` is set here", second.0))
                .secondary(
                    first.1.unwrap_or_default(),
                    format!("`{}` is set here", first.0),
                )
                .help(format!("keep either `{}` or `{}`", a.0, b.0)),
            );
        }
    }

    /// A required field is missing.
    pub fn missing(&mut self, span: Span, field: &str, what: &str, help: impl Into<String>) {
        self.push(
            Diagnostic::new(Code::MissingField, span, format!("{what} has no `{field}`"))
                .label(format!("`{field}` is required here"))
                .help(help),
        );
    }

    /// Checks a URL field (`http`/`https` with a host).
    pub fn url(&mut self, field: &str, u: &Field<Url>) {
        if let Some(u) = u
            && let Err(e) = url::check_http(&u.value.0)
        {
            self.push(
                Diagnostic::new(Code::Url, u.span, format!("invalid `{field}`: {e}"))
                    .label("not an http(s) URL")
                    .help(url_help(&u.value.0)),
            );
        }
    }

    /// Checks a secret URL field; the message never repeats the value.
    pub fn secret_url(&mut self, field: &str, u: &Field<SecretUrl>) {
        if let Some(u) = u {
            let value = u.value.0.expose();
            if value == "<secret>" {
                return;
            }
            if let Err(e) = url::check_http(value) {
                self.push(
                    Diagnostic::new(
                        Code::Url,
                        u.span,
                        format!("invalid `{field}`: {}", redact_url_error(&e)),
                    )
                    .label("not an http(s) URL")
                    .help(url_help(value)),
                );
            }
        }
    }

    /// Checks a Prometheus duration.
    pub fn prom_duration(&mut self, field: &str, d: &Field<PromDuration>) -> Option<u64> {
        let d = d.as_ref()?;
        match duration::parse_prom(&d.value.0) {
            Ok(ms) => Some(ms),
            Err(e) => {
                self.push(
                    Diagnostic::new(Code::Duration, d.span, format!("invalid `{field}`: {e}"))
                        .label("not a Prometheus duration")
                        .help("write a duration such as `30s`, `5m`, `1h30m` or `1d` (units y, w, d, h, m, s, ms; no decimals)"),
                );
                None
            }
        }
    }

    /// Checks a Go duration (`timeout`, Pushover `retry`).
    pub fn go_duration(&mut self, field: &str, d: &Field<GoDuration>) {
        if let Some(d) = d {
            if d.value.0.is_empty() {
                return;
            }
            if let Err(e) = duration::parse_go(&d.value.0) {
                self.push(
                    Diagnostic::new(Code::Duration, d.span, format!("invalid `{field}`: {e}"))
                        .label("not a Go duration")
                        .help("write a duration such as `30s`, `1.5m` or `300ms` (units ns, us, ms, s, m, h)"),
                );
            }
        }
    }
}

fn url_help(value: &str) -> String {
    if value.contains("${") || value.contains("{{") && !value.contains("://") {
        "this looks like a placeholder that was never substituted; Alertmanager reads the text literally".into()
    } else {
        "write a full URL such as `https://example.com/path`".into()
    }
}

/// URL errors for secret values keep only the parts that cannot reveal the secret.
fn redact_url_error(e: &str) -> String {
    if e.starts_with("unsupported scheme")
        || e.starts_with("missing host")
        || e.contains("control character")
    {
        e.to_string()
    } else {
        "the URL does not parse".to_string()
    }
}

/// The span of a field when it is set to a non-empty value.
pub(crate) fn set_str<T: AsRef<str>>(f: &Field<T>) -> Option<Span> {
    f.as_ref()
        .filter(|s| !s.value.as_ref().is_empty())
        .map(|s| s.key)
}

/// The span of a secret field when it is set to a non-empty value.
pub(crate) fn set_secret(f: &Field<Secret>) -> Option<Span> {
    f.as_ref().filter(|s| !s.value.is_empty()).map(|s| s.key)
}

/// The span of a pointer-like field when present.
pub(crate) fn present<T>(f: &Field<T>) -> Option<Span> {
    f.as_ref().map(|s| s.key)
}
