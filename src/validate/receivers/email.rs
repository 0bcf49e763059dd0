//! `email_configs` rules.

use foldhash::{HashMap, HashMapExt};

use super::missing_global;
use crate::diag::{Code, Diagnostic};
use crate::model::Sp;
use crate::model::receivers::email::Email;
use crate::validate::{GlobalView, V, global, http, set_str};

const WHAT: &str = "an `email_configs` entry";

pub(super) fn check(v: &mut V, e: &Sp<Email>, g: &GlobalView) {
    let c = &e.value;
    if set_str(&c.to).is_none() {
        v.missing(
            e.span,
            "to",
            WHAT,
            "set the recipient address, for example `to: team@example.org`",
        );
    }
    if let Some(sh) = &c.smarthost {
        global::host_port(v, "smarthost", sh);
    }
    if set_str(&c.smarthost).is_none() && !g.has(|g| set_str(&g.smtp_smarthost).is_some()) {
        missing_global(
            v,
            e.span,
            "no global SMTP smarthost set",
            "set `smarthost` on the entry or `smtp_smarthost` in `global`",
        );
    }
    if set_str(&c.from).is_none() && !g.has(|g| set_str(&g.smtp_from).is_some()) {
        missing_global(
            v,
            e.span,
            "no global SMTP from set",
            "set `from` on the entry or `smtp_from` in `global`",
        );
    }
    if let Some(t) = &c.tls_config {
        http::check_tls(v, &t.value);
    }
    let mut canonical: HashMap<String, crate::source::Span> = HashMap::new();
    if let Some(headers) = &c.headers {
        for (name, _) in headers.value.iter() {
            let canon = canonical_header(&name.value);
            if let Some(first) = canonical.get(&canon) {
                v.push(
                    Diagnostic::new(
                        Code::Value,
                        name.span,
                        format!("duplicate header {canon:?} in email config"),
                    )
                    .label("same header, different case")
                    .secondary(*first, "first set here")
                    .label("not accepted")
                    .help("header names are case-insensitive; keep one"),
                );
            } else {
                canonical.insert(canon, name.span);
            }
        }
    }
    if let Some(t) = &c.threading
        && t.value.enabled.as_ref().is_some_and(|b| b.value)
    {
        for h in ["References", "In-Reply-To"] {
            if let Some(s) = canonical.get(h) {
                v.push(
                    Diagnostic::new(
                        Code::ConflictingFields,
                        *s,
                        format!("`threading.enabled` conflicts with a custom {h} header"),
                    )
                    .secondary(t.key, "threading enabled here")
                    .help("remove the header or disable threading"),
                );
            }
        }
        let by = t
            .value
            .thread_by_date
            .as_ref()
            .map_or("", |s| s.value.as_str());
        if by != "none" && by != "daily" {
            let span = t.value.thread_by_date.as_ref().map_or(t.key, |s| s.span);
            v.push(
                Diagnostic::new(
                    Code::Value,
                    span,
                    "threading.thread_by_date must be either 'none' or 'daily'",
                )
                .label("not accepted")
                .help("set `thread_by_date: none` or `thread_by_date: daily`"),
            );
        }
    }
}

/// Go's `textproto.CanonicalMIMEHeaderKey`.
fn canonical_header(s: &str) -> String {
    if s.bytes().any(|b| b == b' ' || !b.is_ascii()) {
        return s.to_string();
    }
    let mut upper = true;
    s.chars()
        .map(|c| {
            let out = if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
            upper = c == '-';
            out
        })
        .collect()
}
