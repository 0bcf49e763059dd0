//! Masking secret-looking values when a file cannot be parsed (so the model cannot say which
//! values are secrets) but its lines may still be shown in a snippet.

use std::ops::Range;

/// Keys whose values are treated as secrets in unparsed text.
fn secret_key(key: &str) -> bool {
    let k = key
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_ascii_lowercase();
    [
        "key",
        "secret",
        "password",
        "token",
        "credentials",
        "api_url",
        "webhook_url",
        "url",
    ]
    .iter()
    .any(|s| k == *s || k.ends_with(&format!("_{s}")))
}

/// Byte ranges of values of secret-looking `key: value` lines.
pub fn secret_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start().trim_start_matches("- ");
        if let Some(colon) = body.find(": ")
            && secret_key(&body[..colon])
        {
            let value_start = line.len() - body.len() + colon + 2;
            let value = line[value_start..].trim_end();
            let lead = value.len() - value.trim_start().len();
            if !value.trim().is_empty() {
                out.push(offset + value_start + lead..offset + value_start + value.len());
            }
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_values_of_secret_keys_only() {
        let text = "  - api_key: abc\n    routing_key: \"xyz\"\n    message: hello\n    url: https://h/x\n";
        let r = secret_ranges(text);
        let masked: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(masked, ["abc", "\"xyz\"", "https://h/x"]);
    }
}
