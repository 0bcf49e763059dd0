//! Alertmanager's own small algorithms, re-implemented: duration and URL parsing, matcher
//! parsing and printing, label-name rules, time-interval ranges, Go string quoting.
//!
//! These are pure functions returning `Result<_, String>` with Alertmanager's wording; the
//! validator turns the errors into diagnostics and the translator uses the parsed values.

pub mod duration;
pub mod hostport;
pub mod labels;
pub mod matcher;
pub mod regex;
mod regex_syntax;
pub mod strconv;
pub mod timeinterval;
pub mod url;
