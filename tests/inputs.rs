//! Hostile and broken inputs each end in exactly one clear diagnostic, never a panic or hang.

mod common;

use am2amp::check::{CheckOptions, check_bytes};
use am2amp::diag::Code;
use am2amp::load::{Input, read_input};

fn one(bytes: &[u8]) -> (Code, usize, usize) {
    let report = check_bytes("input.yml", bytes, &CheckOptions::default());
    assert_eq!(
        report.diagnostics.len(),
        1,
        "expected exactly one diagnostic, got {:#?}",
        report.diagnostics
    );
    let d = &report.diagnostics[0];
    assert!(d.is_error());
    let (_, lc, _) = report.sources.line_col(d.primary.span);
    (d.code, lc.line, lc.column)
}

#[test]
fn alias_bomb() {
    let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    y.push_str("route: {receiver: x}\n");
    assert_eq!(one(y.as_bytes()).0, Code::Budget);
}

#[test]
fn ten_thousand_deep_flow_nesting() {
    let y = format!("route: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(one(y.as_bytes()).0, Code::Budget);
}

#[test]
fn ten_thousand_deep_mapping_nesting() {
    let y = format!("route: {}x{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    assert_eq!(one(y.as_bytes()).0, Code::Budget);
}

#[test]
fn hundred_megabyte_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yml");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(100 << 20).unwrap();
    let opts = CheckOptions::default();
    let bytes = read_input(&Input::File(path), opts.load.max_input_bytes).unwrap();
    assert_eq!(bytes.len() as u64, opts.load.max_input_bytes + 1);
    assert_eq!(one(&bytes), (Code::TooLarge, 1, 1));
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    assert_eq!(
        one(b"route:\n  receiver: caf\xe9\n"),
        (Code::Encoding, 2, 16)
    );
}

#[test]
fn a_leading_byte_order_mark_is_not_part_of_the_text() {
    let report = check_bytes(
        "input.yml",
        b"\xef\xbb\xbfroute:\n  receiver: a\nreceivers: [{name: a}]\n",
        &CheckOptions::default(),
    );
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(
        report
            .sources
            .get(am2amp::source::SourceId(0))
            .text
            .starts_with("route:")
    );
}

#[test]
fn binary_junk() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(one(&junk).0, Code::Encoding);
    assert_eq!(one(b"\x00\x01\x02route").0, Code::Encoding);
    // A NUL after valid text is reported where it is.
    assert_eq!(
        one(b"route:\n  receiver: a\x00b\n"),
        (Code::Encoding, 2, 14)
    );
}

#[test]
fn empty_and_blank_files() {
    for y in ["", "   \n\n", "# only a comment\n", "---\n"] {
        assert_eq!(one(y.as_bytes()).0, Code::NoRoute, "{y:?}");
    }
}

#[test]
fn top_level_must_be_a_mapping() {
    assert_eq!(one(b"just some text\n").0, Code::TypeMismatch);
    assert_eq!(one(b"- route\n- receivers\n").0, Code::TypeMismatch);
}

#[test]
fn broken_yaml_stops_with_its_position() {
    let (code, line, _) = one(b"route:\n  receiver: a\nreceivers: [\n  - name: a\n");
    assert_eq!(code, Code::Yaml);
    assert!(line >= 3, "{line}");
}

#[test]
fn a_tagged_boolean_is_a_string_as_alertmanager_reads_it() {
    let text = "route: {receiver: a}\nreceivers:\n- name: a\n  webhook_configs:\n  - url: http://h\n    send_resolved: !!str true\n";
    assert_eq!(one(text.as_bytes()), (Code::TypeMismatch, 6, 26));
    let report = check_bytes("input.yml", text.as_bytes(), &CheckOptions::default());
    let d = &report.diagnostics[0];
    assert!(
        d.message
            .ends_with("found `true`, which its tag makes a string"),
        "{d:?}"
    );
    assert!(
        d.help.as_deref().unwrap().starts_with("remove the tag"),
        "{d:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// A real config with YAML-significant text spliced in anywhere (anchors, aliases, merges,
    /// tags, flow and block indicators, tabs) never panics, and every diagnostic points inside
    /// the file.
    #[test]
    fn mangled_configs_never_panic(
        edits in proptest::collection::vec(
            (0usize..100_000, proptest::sample::select(vec![
                ": ", "- ", "&a ", "*a", "<<: *a\n", "!!str ", "!!null ", "[", "]", "{", "}",
                "\"", "'", "|\n", ">-\n", "\t", "\n", "\n  ", "---\n", "? ", "#", "&b [*a, *a]",
                "%YAML 1.1\n", "\u{feff}", "\r\n", ",",
            ])),
            1..6,
        ),
    ) {
        let mut text = std::fs::read_to_string(
            concat!(env!("CARGO_MANIFEST_DIR"), "/samples/alertmanager.yml"),
        ).unwrap();
        for (at, piece) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, piece);
        }
        let report = check_bytes("input.yml", text.as_bytes(), &CheckOptions::default());
        for d in &report.diagnostics {
            proptest::prop_assert!(d.primary.span.end as usize <= text.len(), "{d:?}");
        }
    }
}
