//! Parser tests: the whole syntax Alertmanager templates use, canonical printing, and errors
//! with their positions.

use super::ast::{Arg, Node};
use super::{parse, print};

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

mod inlining {
    use super::super::inline::{Library, inline};
    use super::super::{parse, print};

    fn inlined(src: &str, user: &str) -> String {
        let user = parse(user).unwrap();
        let lib = Library::new([&user]);
        let t = parse(src).unwrap();
        print::nodes(&inline(&t.root, &lib).unwrap())
    }

    #[test]
    fn dot_argument_splices_the_body() {
        assert_eq!(
            inlined(
                r#"a{{ template "t" . }}b"#,
                r#"{{ define "t" }}[{{ .Status }}]{{ end }}"#
            ),
            "a[{{ .Status }}]b"
        );
    }

    #[test]
    fn other_arguments_are_bound_once() {
        assert_eq!(
            inlined(
                r#"{{ template "t" .Alerts.Firing }}"#,
                r#"{{ define "t" }}{{ len . }}{{ range . }}{{ .Status }}{{ end }}{{ end }}"#
            ),
            "{{ if true }}{{ $am2amp1 := .Alerts.Firing }}{{ len $am2amp1 }}{{ range $am2amp1 }}{{ .Status }}{{ end }}{{ end }}"
        );
    }

    #[test]
    fn dollar_in_the_callee_means_its_argument() {
        assert_eq!(
            inlined(
                r#"{{ range .Alerts }}{{ template "t" . }}{{ end }}"#,
                r#"{{ define "t" }}{{ range .Labels.SortedPairs }}{{ $.Status }}{{ end }}{{ end }}"#
            ),
            "{{ range .Alerts }}{{ if true }}{{ $am2amp1 := . }}{{ range $am2amp1.Labels.SortedPairs }}{{ $am2amp1.Status }}{{ end }}{{ end }}{{ end }}"
        );
    }

    #[test]
    fn callee_variables_stay_scoped() {
        assert_eq!(
            inlined(
                r#"{{ $x := 1 }}{{ template "t" . }}{{ $x }}"#,
                r#"{{ define "t" }}{{ $x := .Status }}{{ $x }}{{ end }}"#
            ),
            "{{ $x := 1 }}{{ if true }}{{ $x := .Status }}{{ $x }}{{ end }}{{ $x }}"
        );
    }

    #[test]
    fn user_templates_override_defaults_and_nest() {
        assert_eq!(
            inlined(
                r#"{{ template "slack.default.title" . }}"#,
                r#"{{ define "__subject" }}S{{ end }}"#
            ),
            "S"
        );
    }

    #[test]
    fn errors() {
        let user = parse(r#"{{ define "loop" }}{{ template "loop" . }}{{ end }}{{ define "d" }}{{ .X }}{{ end }}"#).unwrap();
        let lib = Library::new([&user]);
        for (src, msg) in [
            (r#"{{ template "loop" . }}"#, "calls itself"),
            (r#"{{ template "nope" . }}"#, "not defined"),
            (r#"{{ template "d" }}"#, "without an argument"),
        ] {
            let e = inline(&parse(src).unwrap().root, &lib).unwrap_err();
            assert!(e.message.contains(msg), "{src}: {}", e.message);
        }
    }
}

mod escaping {
    use super::super::escape::{escape, yaml_body};
    use super::super::{parse, print};

    #[test]
    fn actions_are_wrapped_and_text_escaped() {
        let t = parse(r#"a"b\{{ if .X }}{{ $v := .Y }}{{ $v | len }}{{ end }}"#).unwrap();
        assert_eq!(
            print::nodes(&escape(&t.root).unwrap()),
            r#"a\"b\\{{ if .X }}{{ $v := .Y }}{{ reReplaceAll "^\"|\"$" "" (printf "%q" (print ($v | len))) }}{{ end }}"#
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
