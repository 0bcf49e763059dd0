//! Checks beyond Alertmanager's loader: the Go templates in receiver fields and template files.

mod memo;
mod templates;

pub use templates::{ParsedFile, check_templates};
