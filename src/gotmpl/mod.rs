//! Go `text/template` as Alertmanager uses it: a parser with spans, a linter that knows
//! Alertmanager's data and functions, an inliner for `{{ template }}` calls, and an escaper
//! that makes any template's output safe inside a YAML double-quoted scalar.

pub mod ast;
pub mod defaults;
pub mod escape;
pub mod funcs;
pub mod inline;
mod lex;
pub mod lint;
mod parse;
pub mod print;
pub mod subst;
pub mod types;

pub use ast::Template;
pub use parse::{parse, parse_in_scope};

/// A template that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Go's wording of the problem.
    pub message: String,
    /// Where, in the template text.
    pub pos: std::ops::Range<usize>,
}

#[cfg(test)]
mod tests;
