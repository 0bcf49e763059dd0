//! Parser tests: the whole syntax Alertmanager templates use, canonical printing, and errors
//! with their positions.

use super::ast::{Arg, Node};
use super::{parse, print};

/// Templates `{prefix}0` … `{prefix}{n}`, each calling the next, the last with `last` as its
/// body.
fn chain(prefix: &str, n: usize, last: &str) -> String {
    let mut text: String = (0..n)
        .map(|i| {
            format!(
                r#"{{{{ define "{prefix}{i}" }}}}{{{{ template "{prefix}{}" . }}}}{{{{ end }}}}"#,
                i + 1
            )
        })
        .collect();
    text.push_str(&format!(
        r#"{{{{ define "{prefix}{n}" }}}}{last}{{{{ end }}}}"#
    ));
    text
}

fn round_trip(src: &str) -> String {
    let t = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    let printed = print::template(&t);
    let again = parse(&printed).unwrap_or_else(|e| panic!("reparse {printed:?}: {e:?}"));
    assert_eq!(
        print::template(&again),
        printed,
        "printing is not stable for {src:?}"
    );
    printed
}

fn error(src: &str) -> (String, std::ops::Range<usize>) {
    let e = parse(src).expect_err(src);
    (e.message, e.pos)
}

#[test]
fn text_and_actions() {
    assert_eq!(round_trip("plain text"), "plain text");
    assert_eq!(round_trip("a {{ .Status }} b"), "a {{ .Status }} b");
    assert_eq!(
        round_trip("{{.CommonLabels.alertname}}"),
        "{{ .CommonLabels.alertname }}"
    );
    assert_eq!(round_trip("{{ . }}{{ $ }}"), "{{ . }}{{ $ }}");
}

#[test]
fn trim_markers_and_comments() {
    assert_eq!(round_trip("a  \n {{- .X -}} \n b"), "a{{ .X }}b");
    assert_eq!(round_trip("a {{/* note */}} b"), "a  b");
    assert_eq!(round_trip("a {{- /* note */ -}} b"), "ab");
    assert_eq!(round_trip("{{- 3 }}"), "{{ 3 }}");
    assert_eq!(round_trip("{{ -3 }}"), "{{ -3 }}");
}

#[test]
fn pipelines_variables_and_literals() {
    assert_eq!(
        round_trip(
            r#"{{ .Alerts.Firing | len }}{{ printf "%q" .X }}{{ `raw` }}{{ 'a' }}{{ 1.5 }}{{ 0x1F }}{{ true }}{{ nil | print }}"#
        ),
        r#"{{ .Alerts.Firing | len }}{{ printf "%q" .X }}{{ `raw` }}{{ 'a' }}{{ 1.5 }}{{ 0x1F }}{{ true }}{{ nil | print }}"#
    );
    assert_eq!(
        round_trip("{{ $x := .Status }}{{ $x = 1 }}{{ $x }}"),
        "{{ $x := .Status }}{{ $x = 1 }}{{ $x }}"
    );
    assert_eq!(
        round_trip("{{ (index .Alerts 0).Labels.x }}"),
        "{{ (index .Alerts 0).Labels.x }}"
    );
    assert_eq!(round_trip("{{ $.Receiver }}"), "{{ $.Receiver }}");
}

#[test]
fn control_structures() {
    let src = "{{ if eq .Status \"firing\" }}F{{ else if .X }}X{{ else }}R{{ end }}";
    assert_eq!(round_trip(src), src);
    let src = "{{ range $i, $a := .Alerts }}{{ $i }}{{ if $a.Labels.x }}{{ break }}{{ end }}{{ continue }}{{ else }}none{{ end }}";
    assert_eq!(round_trip(src), src);
    let src = "{{ with .CommonLabels.team }}{{ . }}{{ else with .GroupLabels.team }}{{ . }}{{ else }}-{{ end }}";
    assert_eq!(round_trip(src), src);
    assert_eq!(
        round_trip(
            "{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ .Name }}{{ end }}{{ end }}"
        ),
        "{{ range .Alerts }}{{ range .Labels.SortedPairs }}{{ .Name }}{{ end }}{{ end }}"
    );
}

#[test]
fn defines_templates_and_blocks() {
    let t = parse(r#"{{ define "a" }}A{{ .X }}{{ end }}before{{ template "a" . }}{{ block "b" .Y }}B{{ end }}"#).unwrap();
    let names: Vec<&str> = t.defines.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    assert!(matches!(&t.root[1], Node::Template(c) if c.name == "a"));
    assert!(matches!(&t.root[2], Node::Template(c) if c.name == "b" && c.pipe.is_some()));
    assert_eq!(
        print::template(&t),
        r#"{{ define "a" }}A{{ .X }}{{ end }}{{ define "b" }}B{{ end }}before{{ template "a" . }}{{ template "b" .Y }}"#
    );
    assert_eq!(round_trip(r#"{{ template "x" }}"#), r#"{{ template "x" }}"#);
}

/// One text may define a name twice only when one body is empty (white space and comments).
#[test]
fn a_second_definition_with_a_body_is_an_error() {
    let twice = r#"{{ define "a" }}A{{ end }}{{ block "a" . }}{{ .X }}{{ end }}"#;
    let message = r#"template: multiple definition of template "a""#;
    assert_eq!(error(twice), (message.into(), 35..38));
    for ok in [
        r#"{{ define "a" }} {{/* c */}} {{ end }}{{ define "a" }}A{{ end }}"#,
        "{{ define \"a\" }}A{{ end }}{{ define \"a\" }}\n\u{a0}\t{{ end }}",
    ] {
        assert_eq!(parse(ok).unwrap().defines.len(), 2, "{ok}");
    }
}

/// Every identifier is a function Go checks while parsing, wherever it stands.
#[test]
fn undefined_functions_in_text_order() {
    let t = parse(r#"{{ define "a" }}{{ nope2 1 }}{{ end }}{{ if toUpper }}{{ else }}{{ .X | nope1 (len) }}{{ end }}"#).unwrap();
    let found: Vec<_> = super::funcs::undefined_in(&t)
        .into_iter()
        .map(|(n, p)| (n, p.clone()))
        .collect();
    assert_eq!(found, [("nope2", 19..24), ("nope1", 72..77)]);
}

#[test]
fn spans_point_into_the_text() {
    let src = "ab{{ .CommonLables.x }}";
    let t = parse(src).unwrap();
    let Node::Action(p) = &t.root[1] else {
        panic!()
    };
    let Arg::Field(f, pos) = &p.cmds[0].args[0] else {
        panic!()
    };
    assert_eq!(f, &["CommonLables", "x"]);
    assert_eq!(&src[pos.clone()], ".CommonLables.x");
}

#[test]
fn braces_never_merge_into_delimiters() {
    let t = parse(r#"{{ "{" }}{{ .X }}"#).unwrap();
    let printed = print::template(&t);
    assert_eq!(parse(&printed).unwrap(), t);
    let t = parse("a{ {{- .X }}").unwrap();
    let printed = print::template(&t);
    let back = parse(&printed).unwrap();
    assert_eq!(print::template(&back), printed);
}

#[test]
fn errors_with_positions() {
    assert_eq!(error("{{ .X "), ("unclosed action".into(), 6..6));
    assert_eq!(
        error("{{ if .X }}a"),
        (
            "unexpected EOF: {{ if }} is never closed with {{ end }}".into(),
            0..2
        )
    );
    assert_eq!(error("x{{ define \"a\" }}{{ range . }}{{ end }}").1, 1..3);
    assert_eq!(error("a{{ end }}"), ("unexpected {{end}}".into(), 1..10));
    assert_eq!(error("{{ $y }}").0, "undefined variable \"$y\"");
    assert_eq!(error("{{ $y }}").1, 3..5);
    assert_eq!(error("{{ \"abc }}").0, "unterminated quoted string");
    assert_eq!(error("{{ }}").0, "missing value for command");
    assert_eq!(
        error("{{ .X | 3 }}").0,
        "non executable command in pipeline stage 2"
    );
    assert_eq!(error("{{ break }}").0, "{{break}} outside {{range}}");
    assert_eq!(
        error("{{ range .A }}{{ else if .B }}{{ end }}").0,
        "unexpected {{else if}} in range"
    );
    assert_eq!(
        error("{{ template .X }}").0,
        "unexpected \".X\" in template clause"
    );
    assert_eq!(
        error("{{ template . }}").0,
        "unexpected <.> in template clause"
    );
    assert_eq!(error("{{ (.X }}").0, "unclosed left paren");
    assert_eq!(error("{{ .X) }}").0, "unexpected right paren");
    assert_eq!(error("{{ 3x }}").0, "bad number syntax: \"3x\"");
    assert_eq!(error("{{ .X@ }}").0, "bad character U+0040 '@'");
    assert_eq!(error("{{/* open").0, "unclosed comment");
    assert_eq!(
        error("{{ \"x\".Y }}").0,
        "unexpected . after term \"\\\"x\\\"\""
    );
}

mod copies {
    use super::super::copies::Copies;
    use super::super::library::Library;
    use super::super::{Template, parse, print};

    /// The escaped field and the generated file, for `src` with the user's `user` templates.
    fn copied(src: &str, user: &Template, url: Option<&str>) -> (String, String) {
        let mut c = Copies::new(Library::new(user.tree_set(None)), url.map(String::from));
        let field = print::nodes(&c.field(parse(src).unwrap().root).unwrap());
        (field, c.file().unwrap())
    }

    const HELPER: &str = r#"{{ define "am2amp" }}{{ reReplaceAll "^\"|\"$" "" (printf "%q" (print (.))) }}{{ end }}
"#;

    #[test]
    fn calls_go_to_escaped_copies_that_call_copies() {
        let user = parse(r#"{{ define "t" }}[{{ .Status }}]{{ template "u" .Alerts }}{{ end }}{{ define "u" }}{{ len . }}"{{ end }}"#).unwrap();
        let (field, file) = copied(r#"a{{ template "t" . }}b"#, &user, None);
        assert_eq!(field, r#"a{{ template "am2amp:t" . }}b"#);
        assert_eq!(
            file,
            format!(
                "{HELPER}{}\n{}\n",
                r#"{{ define "am2amp:t" }}[{{ template "am2amp" .Status }}]{{ template "am2amp:u" .Alerts }}{{ end }}"#,
                r#"{{ define "am2amp:u" }}{{ template "am2amp" len . }}\"{{ end }}"#
            )
        );
    }

    #[test]
    fn static_templates_and_literals_become_text() {
        let user =
            parse(r#"{{ define "c" }}a"b{{ end }}{{ define "d" }}<{{ template "c" }}>{{ end }}"#)
                .unwrap();
        let (field, file) = copied(r#"{{ template "d" .Alerts }}{{ "\n" }}"#, &user, None);
        assert_eq!(field, r#"<a\"b>\n"#);
        assert_eq!(file, HELPER);
    }

    #[test]
    fn recursion_and_calls_without_argument_run_as_written() {
        let user =
            parse(r#"{{ define "loop" }}{{ if . }}x{{ template "loop" false }}{{ end }}{{ end }}"#)
                .unwrap();
        let (field, file) = copied(
            r#"{{ template "loop" true }}{{ template "loop" }}"#,
            &user,
            None,
        );
        assert_eq!(
            field,
            r#"{{ template "am2amp:loop" true }}{{ template "am2amp:loop" }}"#
        );
        assert!(file.contains(r#"{{ define "am2amp:loop" }}{{ if . }}x{{ template "am2amp:loop" false }}{{ end }}{{ end }}"#), "{file}");
    }

    #[test]
    fn user_templates_override_defaults_and_nest() {
        let user = parse(r#"{{ define "__subject" }}S{{ .Status }}{{ end }}"#).unwrap();
        let (field, file) = copied(r#"{{ template "slack.default.title" . }}"#, &user, None);
        assert_eq!(field, r#"{{ template "am2amp:slack.default.title" . }}"#);
        assert!(
            file.contains(
                r#"{{ define "am2amp:__subject" }}S{{ template "am2amp" .Status }}{{ end }}"#
            ),
            "{file}"
        );
    }

    #[test]
    fn the_external_url_replaces_the_data_field_only_where_dot_is_the_data() {
        let user = parse(r#"{{ define "t" }}{{ .ExternalURL }}{{ range .Alerts }}{{ template "t" . }}{{ end }}{{ end }}{{ define "n" }}{{ len . }}{{ end }}"#).unwrap();
        let (field, file) = copied(
            r#"{{ template "t" . }}{{ range .Alerts }}{{ template "t" . }}{{ template "t" $ }}{{ end }}{{ template "n" .Alerts }}"#,
            &user,
            Some("http://am"),
        );
        assert_eq!(
            field,
            r#"{{ template "am2amp:t" . }}{{ range .Alerts }}{{ template "am2amp.plain:t" . }}{{ template "am2amp:t" $ }}{{ end }}{{ template "am2amp:n" .Alerts }}"#
        );
        assert!(!file.contains("am2amp.plain:n"), "{file}");
        assert!(file.contains(r#"{{ define "am2amp:t" }}http://am{{ range .Alerts }}{{ template "am2amp.plain:t" . }}{{ end }}{{ end }}"#), "{file}");
        assert!(file.contains(r#"{{ define "am2amp.plain:t" }}{{ template "am2amp" .ExternalURL }}{{ range .Alerts }}{{ template "am2amp.plain:t" . }}{{ end }}{{ end }}"#), "{file}");
    }

    #[test]
    fn a_generated_file_is_recognised_and_its_copies_kept_unless_made_again() {
        let user = parse(r#"{{ define "t" }}new {{ .Status }}{{ end }}"#).unwrap();
        let (_, first) = copied(r#"{{ template "t" . }}"#, &user, None);
        let old = parse(&format!(
            "{HELPER}{}\n",
            r#"{{ define "am2amp:gone" }}{{ template "am2amp" .X }}{{ end }}{{ define "am2amp:t" }}old{{ .Y }}{{ end }}"#
        ))
        .unwrap();
        assert!(super::super::copies::is_generated(&old));
        assert!(!super::super::copies::is_generated(&user));
        let mut c = Copies::new(Library::new(user.tree_set(None)), None);
        c.inherit(&old);
        assert_eq!(
            c.file().unwrap(),
            format!(
                "{HELPER}{}\n{}\n",
                r#"{{ define "am2amp:gone" }}{{ template "am2amp" .X }}{{ end }}"#,
                r#"{{ define "am2amp:t" }}old{{ .Y }}{{ end }}"#
            )
        );
        c.field(parse(r#"{{ template "t" . }}"#).unwrap().root)
            .unwrap();
        assert_eq!(
            c.file().unwrap(),
            format!(
                "{HELPER}{}\n{first_t}",
                r#"{{ define "am2amp:gone" }}{{ template "am2amp" .X }}{{ end }}"#,
                first_t = &first[HELPER.len()..]
            )
        );
    }

    #[test]
    fn a_long_chain_of_calls_is_copied_without_deep_recursion() {
        let n = 5000;
        let user = parse(&super::chain("t", n, "{{ .Status }}")).unwrap();
        // A small stack: recursing once per call would overflow it.
        let (field, file) = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || copied(r#"{{ template "t0" . }}"#, &user, None))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(field, r#"{{ template "am2amp:t0" . }}"#);
        assert_eq!(file.lines().count(), n + 2);
        assert!(
            file.contains(r#"{{ define "am2amp:t31" }}{{ template "am2amp:t32" . }}{{ end }}"#)
        );
        assert!(file.contains(&format!(
            r#"{{{{ define "am2amp:t{n}" }}}}{{{{ template "am2amp" .Status }}}}{{{{ end }}}}"#
        )));
    }

    #[test]
    fn an_undefined_template_stops_the_field() {
        let user = parse(r#"{{ define "t" }}{{ template "nope" . }}{{ end }}"#).unwrap();
        let mut c = Copies::new(Library::new(user.tree_set(None)), None);
        assert!(
            c.field(parse(r#"{{ template "t" . }}"#).unwrap().root)
                .is_err()
        );
        assert_eq!(c.undefined(), Some("nope"));
        assert!(c.field(parse("{{ .Status }}").unwrap().root).is_ok());
        assert_eq!(c.undefined(), None);
        assert!(
            c.field(parse(r#"{{ template "nope" . }}"#).unwrap().root)
                .is_err()
        );
        assert_eq!(c.undefined(), Some("nope"));
        assert_eq!(c.file().unwrap(), HELPER);
    }

    #[test]
    fn an_undefined_template_past_the_nesting_limit_is_named() {
        let n = 40;
        let mut src = String::new();
        for i in 0..n {
            src.push_str(&format!(
                r#"{{{{ define "t{i}" }}}}{{{{ template "t{}" . }}}}{{{{ end }}}}"#,
                i + 1
            ));
        }
        src.push_str(&format!(
            r#"{{{{ define "t{n}" }}}}{{{{ template "nope" . }}}}{{{{ end }}}}"#
        ));
        let user = parse(&src).unwrap();
        let mut c = Copies::new(Library::new(user.tree_set(None)), None);
        assert!(
            c.field(parse(r#"{{ template "t0" . }}"#).unwrap().root)
                .is_ok()
        );
        assert_eq!(c.undefined(), Some("nope"));
    }
}

mod escaping {
    use super::super::escape::{escape, yaml_body};
    use super::super::{parse, print};

    #[test]
    fn actions_are_wrapped_and_text_escaped() {
        let t = parse(r#"a"b\{{ if .X }}{{ $v := .Y }}{{ $v | len }}{{ end }}"#).unwrap();
        assert_eq!(
            print::nodes(&escape(&t.root, &mut |_, _| None).unwrap()),
            r#"a\"b\\{{ if .X }}{{ $v := .Y }}{{ template "am2amp" $v | len }}{{ end }}"#
        );
    }

    #[test]
    fn static_text_escapes() {
        assert_eq!(
            yaml_body("tab\there\u{7}\u{7f}\u{2028}é"),
            "tab\\there\\a\\x7f\\u2028é"
        );
    }
}

mod library {
    use super::super::ast::Node;
    use super::super::library::Library;
    use super::{chain, parse};

    fn closed_and_flat(user: &str, depth: usize) -> bool {
        let user = parse(user).unwrap();
        Library::new(user.tree_set(None)).is_closed_and_flat(depth)
    }

    #[test]
    fn calls_must_be_defined_acyclic_and_shallow() {
        assert!(Library::new(None).is_closed_and_flat(32), "the defaults");
        assert!(closed_and_flat(
            r#"{{ define "a" }}{{ template "__subject" . }}{{ end }}"#,
            32
        ));
        assert!(!closed_and_flat(
            r#"{{ define "a" }}{{ template "b" . }}{{ end }}"#,
            32
        ));
        assert!(!closed_and_flat(
            r#"{{ define "a" }}{{ if . }}{{ template "a" . }}{{ end }}{{ end }}"#,
            32
        ));
        assert!(!closed_and_flat(
            r#"{{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}{{ with . }}{{ template "a" . }}{{ end }}{{ end }}"#,
            32
        ));
        // 32 templates nest 32 deep: the copies make that many at once.
        assert!(closed_and_flat(&chain("c", 31, "x"), 32));
        assert!(!closed_and_flat(&chain("c", 32, "x"), 32));
    }

    /// An empty definition replaces nothing, a default or one of an earlier file (as in Go);
    /// within one file, a later definition replaces an empty one, and a file's own text is
    /// the last definition of the file's name.
    #[test]
    fn empty_definitions_replace_nothing() {
        let first = parse(
            r#"{{ define "a" }}A{{ end }}{{ define "__subject" }} {{ end }}{{ define "c" }} {{ end }}{{ define "c" }}{{ end }}{{ define "f" }} {{ end }}"#,
        )
        .unwrap();
        let second = parse(
            r#"{{ define "a" }}{{/* c */}}{{ end }}{{ define "b" }}{{ end }}{{ define "c" }}  {{ end }}"#,
        )
        .unwrap();
        let lib = Library::new(
            first
                .tree_set(Some("f"))
                .into_iter()
                .chain(second.tree_set(Some("a"))),
        );
        assert!(matches!(lib.get("a").unwrap().as_slice(), [Node::Text(t, _)] if t == "A"));
        assert!(lib.get("__subject").unwrap().len() > 1, "the default stays");
        assert!(lib.get("b").unwrap().is_empty());
        assert!(lib.get("c").unwrap().is_empty(), "the later in its file");
        assert!(lib.get("f").unwrap().is_empty(), "the file's text");
    }
}

proptest::proptest! {
    #[test]
    fn has_action_is_a_search_for_two_braces(s in "[{}a é]{0,80}") {
        proptest::prop_assert_eq!(super::has_action(&s), s.contains("{{"));
    }
}

#[test]
fn has_action_at_every_offset() {
    for n in 0..70 {
        let pad = "{a".repeat(n);
        assert!(!super::has_action(&pad), "{pad}");
        assert!(super::has_action(&(pad.clone() + "{{")), "{pad}");
        assert!(super::has_action(&(pad.clone() + "{{ . }}x")), "{pad}");
        assert!(!super::has_action(&(pad.clone() + "{ {")), "{pad}");
    }
    assert!(!super::has_action("{"));
    assert!(!super::has_action(""));
}
