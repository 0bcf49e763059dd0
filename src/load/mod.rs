//! Reading inputs: finding files, reading them within limits, parsing YAML, and unwrapping
//! AMP / Cortex / Mimir definitions (`alertmanager_config:` + `template_files:`).

mod goglob;
mod input;
mod redact;
mod templates;
mod wrapper;

pub use input::{
    Found, Input, InputError, discover, discover_rooted, read_file, read_input, walker,
};
pub use templates::{TemplateSource, load_templates};
pub use wrapper::{TemplateFile, Wrapper};

use crate::diag::{Code, Diagnostic};
use crate::source::{Source, SourceId, Sources, Span};
use crate::yaml::{self, Limits, Node};

/// Limits for one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Maximum input size in bytes.
    pub max_input_bytes: u64,
    /// YAML parser limits.
    pub yaml: Limits,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_input_bytes: 8 << 20,
            yaml: Limits::default(),
        }
    }
}

/// A loaded input: its sources, the config's root node and what loading found.
#[derive(Debug, Default)]
pub struct Document {
    /// Every text involved (the file, and the embedded inner config of a definition).
    pub sources: Sources,
    /// The file as read.
    pub file: SourceId,
    /// The Alertmanager config's root node (`None` when the input could not be parsed).
    pub root: Option<Node>,
    /// Set when the input was an AMP/Cortex definition.
    pub wrapper: Option<Wrapper>,
    /// Findings so far.
    pub diags: Vec<Diagnostic>,
}

/// Loads one input from its bytes (already limited to `max_input_bytes + 1`). Bytes given
/// by value become the source text without a copy.
pub fn load_bytes(name: &str, bytes: impl Into<Vec<u8>>, opts: &LoadOptions) -> Document {
    let bytes = bytes.into();
    let mut doc = Document::default();
    if bytes.len() as u64 > opts.max_input_bytes {
        doc.file = doc.sources.add(Source::new(name, ""));
        doc.diags.push(
            Diagnostic::new(
                Code::TooLarge,
                Span::start_of(doc.file),
                format!(
                    "the input is larger than {} bytes",
                    opts.max_input_bytes
                ),
            )
            .help("raise the limit with `--max-input-bytes` if the file is really this large (AMP accepts at most 1 MB)"),
        );
        return doc;
    }
    let text = match decode_text(bytes) {
        Ok(t) => t,
        Err((valid, offset, what)) => {
            doc.file = doc.sources.add(Source::new(name, valid));
            let end = doc.sources.get(doc.file).text.len();
            doc.diags.push(
                Diagnostic::new(
                    Code::Encoding,
                    Span::new(doc.file, offset.min(end)..end),
                    what,
                )
                .label("here")
                .help("save the file as UTF-8 text, or check that the right file was passed"),
            );
            return doc;
        }
    };
    doc.file = doc.sources.add(Source::new(name, text));
    // Without a model nobody knows which values are secrets; mask likely ones.
    let mask_likely_secrets = |sources: &mut Sources| {
        let file = sources.get_mut(doc.file);
        file.secrets = redact::secret_ranges(&file.text);
    };
    let text = &doc.sources.get(doc.file).text;
    match yaml::load_with(text, doc.file, &opts.yaml, crate::model::merges::rule) {
        Err(d) => {
            mask_likely_secrets(&mut doc.sources);
            doc.diags.push(d);
        }
        Ok((root, diags)) => {
            doc.diags.extend(diags);
            match wrapper::unwrap(&root, &mut doc.sources, &opts.yaml) {
                Some(mut w) => {
                    if w.config.is_none() {
                        mask_likely_secrets(&mut doc.sources);
                    }
                    doc.diags.append(&mut w.diags);
                    doc.root = w.config.take();
                    doc.wrapper = Some(w);
                }
                None => doc.root = Some(root),
            }
        }
    }
    doc
}

/// UTF-8 text (the bytes themselves, without a byte order mark), or (the valid prefix, the
/// offset of the problem, a message).
fn decode_text(mut bytes: Vec<u8>) -> Result<String, (String, usize, String)> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let valid = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let looks_binary = bytes.iter().take(8192).any(|b| *b == 0);
            let msg = if looks_binary {
                "the input looks like a binary file, not YAML".to_string()
            } else {
                format!("the input is not valid UTF-8 (byte 0x{:02x})", bytes[at])
            };
            return Err((valid, at, msg));
        }
    };
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err((
            text[..at].to_string(),
            at,
            "the input looks like a binary file, not YAML (it contains NUL bytes)".to_string(),
        ));
    }
    Ok(text)
}
