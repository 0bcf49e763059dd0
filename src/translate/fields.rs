//! Compiling the template text of a field into its escaped message value, once per thread for
//! all configs with the same templates: a bulk run converts many configs that share their
//! template files, and each of them would otherwise escape the same field texts and copy the
//! same default templates again.

use std::cell::RefCell;
use std::rc::Rc;

use foldhash::{HashMap, HashMapExt};

use crate::gotmpl::copies::{Copies, FieldCopies};
use crate::gotmpl::{defaults, parse, print};

use super::contract::Value;

/// What a template text of a field becomes.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Its escaped form.
    pub value: Value,
    /// The default template it calls that am2amp has no equivalent of.
    pub missing: Option<String>,
    /// Whether its output links to `.ExternalURL`.
    pub links_url: bool,
}

/// Default templates whose output links to `.ExternalURL`.
const EXTERNAL_URL_TEMPLATES: &[&str] = &[
    "__alertmanagerURL",
    "slack.default.titlelink",
    "slack.default.fallback",
    "pagerduty.default.clientURL",
];

/// How many template sets a thread remembers, and how many field texts per set.
const SETS: usize = 4;
const TEXTS: usize = 4096;

/// Template sets with a longer [`key`] are compiled per config (shared ones are small; a huge
/// one is not kept twice in memory).
const MAX_KEY: usize = 256 * 1024;

/// One template set's compiled fields.
struct Set {
    /// [`key`] of the templates.
    key: String,
    /// Whether fields compiled alone give what they give in any config (see
    /// [`Copies::fields_independent`]); when not, nothing is remembered.
    independent: bool,
    /// Field text → its value and the copies it needs.
    fields: HashMap<String, (Compiled, Option<FieldCopies>)>,
}

thread_local! {
    static SETS_SEEN: RefCell<Vec<Set>> = const { RefCell::new(Vec::new()) };
}

/// A key naming what a field's compilation depends on besides its text: the external URL and
/// the template files (name, text), in load order. A file's name names its own text as a
/// template.
pub fn key<'t>(
    external_url: Option<&str>,
    files: impl IntoIterator<Item = (&'t str, &'t str)>,
) -> String {
    fn push(key: &mut String, s: &str) {
        key.push_str(&s.len().to_string());
        key.push(':');
        key.push_str(s);
    }
    let mut key = String::from(if external_url.is_some() { "+" } else { "-" });
    push(&mut key, external_url.unwrap_or(""));
    for (name, text) in files {
        push(&mut key, name);
        push(&mut key, text);
    }
    key
}

/// The value of `text` with the templates of `copies` (named by `key`), the copies it calls
/// made in `copies`. A text compiled before by this thread for the same templates is not
/// compiled again: its copies are adopted.
pub fn compiled(key: &str, copies: &mut Copies, text: &str) -> Compiled {
    if key.len() > MAX_KEY {
        return compile(copies, text);
    }
    // Compiling never comes back here (gotmpl does not call translate), so the set stays
    // borrowed throughout.
    SETS_SEEN.with(|sets| {
        let mut sets = sets.borrow_mut();
        let set = set(&mut sets, key, copies);
        if !set.independent {
            return compile(copies, text);
        }
        if let Some((compiled, made)) = set.fields.get(text) {
            if let Some(made) = made {
                copies.adopt(made);
            }
            return compiled.clone();
        }
        let mut alone = copies.fresh();
        let compiled = compile(&mut alone, text);
        let made = alone.made();
        if let Some(made) = &made {
            copies.adopt(made);
        }
        if set.fields.len() == TEXTS {
            set.fields.clear();
        }
        set.fields
            .insert(text.to_string(), (compiled.clone(), made));
        compiled
    })
}

/// The remembered set for `key`, added (and the oldest dropped) when there is none.
fn set<'s>(sets: &'s mut Vec<Set>, key: &str, copies: &Copies) -> &'s mut Set {
    let at = match sets.iter().position(|s| s.key == key) {
        Some(at) => at,
        None => {
            if sets.len() == SETS {
                sets.remove(0);
            }
            sets.push(Set {
                key: key.to_string(),
                independent: copies.fields_independent(),
                fields: HashMap::new(),
            });
            sets.len() - 1
        }
    };
    &mut sets[at]
}

/// The escaped form of a template text. Syntax errors and calls of templates nobody defines
/// are the template lint's findings; a call of a default template am2amp has no copy of is
/// returned for the caller to report.
fn compile(copies: &mut Copies, text: &str) -> Compiled {
    let links_url =
        text.contains("ExternalURL") || EXTERNAL_URL_TEMPLATES.iter().any(|n| text.contains(n));
    let Ok(parsed) = parse(text) else {
        return Compiled {
            value: Value::Str(String::new()),
            missing: None,
            links_url,
        };
    };
    let escaped = copies.field(parsed.root);
    // Read only after `field`: it holds what the last field found.
    let missing = copies
        .undefined()
        .filter(|n| defaults::since(n).is_some())
        .map(str::to_string);
    let value = match escaped {
        Ok(escaped) => Value::Tmpl(Rc::from(print::nodes(&escaped))),
        Err(_) => Value::Str(String::new()),
    };
    Compiled {
        value,
        missing,
        links_url,
    }
}
