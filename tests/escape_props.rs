//! Property: any text escaped by the template escaper decodes back exactly with a YAML parser,
//! whether it stands alone as a double-quoted scalar or sits in a mapping value.

use am2amp::gotmpl::escape::yaml_body;
use am2amp::source::SourceId;
use am2amp::yaml::{Limits, load};
use proptest::prelude::*;

fn decode(doc: &str) -> String {
    let (node, diags) = load(doc, SourceId(0), &Limits::default())
        .unwrap_or_else(|d| panic!("{doc:?}: {}", d.message));
    assert!(diags.is_empty(), "{diags:?}");
    let v = node.get("k").unwrap_or(&node);
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {doc:?}"))
        .to_string()
}

fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
        Just('\u{7f}'),
        (0x80u32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
        prop::sample::select(vec![
            '\\', '"', '\'', ':', '#', '-', '{', '}', '%', '&', '*', '!', '|', '>', ' ', 'x', 'n',
            'u', 'U'
        ]),
        prop::sample::select(vec![
            '\u{2028}',
            '\u{2029}',
            '\u{feff}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{a0}',
            '\u{85}',
            'é',
            '🙂',
            '𝄞',
            '\u{10ffff}'
        ]),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn escaped_text_round_trips(chars in prop::collection::vec(nasty_char(), 0..80)) {
        let s: String = chars.into_iter().collect();
        let body = yaml_body(&s);
        prop_assert_eq!(decode(&format!("\"{body}\"")), s.clone());
        prop_assert_eq!(decode(&format!("k: \"{body}\"\n")), s);
    }

    #[test]
    fn escape_like_sequences_in_text_survive(s in "(\\\\[abtnvfre0xuUNLP_\" /]|[a-z\\\\\"]){0,40}") {
        prop_assert_eq!(decode(&format!("\"{}\"", yaml_body(&s))), s);
    }
}

#[test]
fn separators_and_document_markers() {
    for s in [
        "---",
        "...",
        "--- x\n...",
        "# not a comment",
        "a: b",
        "- item",
        "{{ .X }}",
        "",
        "  leading and trailing  ",
    ] {
        assert_eq!(decode(&format!("k: \"{}\"\n", yaml_body(s))), s);
    }
}
