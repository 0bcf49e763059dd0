//! Parses and lints remembered per thread: the configs of a bulk run often share their
//! template files and many field texts, and each would otherwise parse and lint them again.
//! Both results depend only on what they are keyed by; positions in them are offsets into the
//! text, so they fit every config that holds the same text.

use std::cell::RefCell;

use foldhash::HashMap;

use crate::gotmpl::lint::{Env, Lint, lint};
use crate::gotmpl::types::Ty;
use crate::gotmpl::{self, ParseError, Template};

/// How many texts of each kind a thread remembers before it starts again.
const TEXTS: usize = 1024;

/// Longer template files are parsed each time (shared ones are small; a huge one is not kept
/// twice in memory).
const MAX_FILE: usize = 64 * 1024;

#[derive(Default)]
struct Memo {
    /// Template file text → its tree.
    files: HashMap<String, Result<Template, ParseError>>,
    /// What field lints depend on besides the text (see [`env_key`]).
    env: String,
    /// Field text → its lint with dot as the notification data.
    fields: HashMap<String, Result<Lint, ParseError>>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

/// A template file's text parsed.
pub fn parse_file(text: &str) -> Result<Template, ParseError> {
    if text.len() > MAX_FILE {
        return gotmpl::parse(text);
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(hit) = m.files.get(text) {
            return hit.clone();
        }
        let parsed = gotmpl::parse(text);
        if m.files.len() == TEXTS {
            m.files.clear();
        }
        m.files.insert(text.to_string(), parsed.clone());
        parsed
    })
}

/// A field's template text parsed and linted with dot as the notification data; `key` is
/// [`env_key`] of `env`.
pub fn lint_field(text: &str, env: &Env, key: &str) -> Result<Lint, ParseError> {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.env != key {
            m.env = key.to_string();
            m.fields.clear();
        }
        if let Some(hit) = m.fields.get(text) {
            return hit.clone();
        }
        let linted = gotmpl::parse(text).map(|t| lint(&t.root, Ty::Data, env));
        if m.fields.len() == TEXTS {
            m.fields.clear();
        }
        m.fields.insert(text.to_string(), linted.clone());
        linted
    })
}

/// What field lints depend on besides the text: the target version and the names the user's
/// templates define, sorted.
pub fn env_key(env: &Env) -> String {
    let mut names: Vec<&str> = env.user.iter().map(String::as_str).collect();
    names.sort_unstable();
    let mut key = env.target.to_string();
    for n in names {
        key.push_str(&format!(" {}:{n}", n.len()));
    }
    key
}
