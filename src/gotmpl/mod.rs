//! Go `text/template` as Alertmanager uses it: a parser with spans, a linter that knows
//! Alertmanager's data and functions, an escaper that makes any template's output safe inside
//! a YAML double-quoted scalar, and escaped copies of the named templates fields call.

pub mod ast;
pub mod copies;
pub mod defaults;
pub mod escape;
pub mod funcs;
mod lex;
pub mod library;
pub mod lint;
mod parse;
pub mod print;
pub mod subst;
pub mod types;
mod walk;

pub use ast::Template;
pub use parse::{parse, parse_in_scope};
pub use walk::calls;

/// A template that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Go's wording of the problem.
    pub message: String,
    /// Where, in the template text.
    pub pos: std::ops::Range<usize>,
}

/// Whether `text` opens an action (`{{`), that is, is more than static text. A search for the
/// first byte, as fields are short and checked one by one (`str::contains` sets up a
/// two-way search each time).
pub fn has_action(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'{', b).any(|i| b.get(i + 1) == Some(&b'{'))
}

#[cfg(test)]
mod tests;
