//! Replacing a field of the notification data (`.ExternalURL`, `$.ExternalURL`) with a string
//! literal, where dot is still the data.

use super::ast::{Arg, Control, List, Node, Pipe};

/// Returns `list` with `.FIELD` (where dot is the data) and `$.FIELD` replaced by `value`.
pub fn replace_data_field(list: List, field: &str, value: &str) -> List {
    walk(list, field, value, true)
}

fn walk(list: List, field: &str, value: &str, top: bool) -> List {
    list.into_iter()
        .map(|n| match n {
            Node::Action(p) => Node::Action(pipe(p, field, value, top)),
            Node::If(c) => Node::If(control(c, field, value, top, top)),
            Node::Range(c) => Node::Range(control(c, field, value, top, false)),
            Node::With(c) => Node::With(control(c, field, value, top, false)),
            Node::Template(mut c) => {
                c.pipe = c.pipe.map(|p| pipe(p, field, value, top));
                Node::Template(c)
            }
            other => other,
        })
        .collect()
}

fn control(c: Control, field: &str, value: &str, top: bool, body_top: bool) -> Control {
    Control {
        pipe: pipe(c.pipe, field, value, top),
        list: walk(c.list, field, value, body_top),
        else_list: c.else_list.map(|l| walk(l, field, value, top)),
        chained: c.chained,
        pos: c.pos,
    }
}

fn pipe(mut p: Pipe, field: &str, value: &str, top: bool) -> Pipe {
    for cmd in &mut p.cmds {
        for a in &mut cmd.args {
            let replace = match &*a {
                Arg::Field(chain, _) => top && chain.len() == 1 && chain[0] == field,
                Arg::Variable(v, chain, _) => v == "$" && chain.len() == 1 && chain[0] == field,
                _ => false,
            };
            if replace {
                let pos = a.pos();
                *a = Arg::String(
                    crate::alertmanager::strconv::quote(value),
                    value.to_string(),
                    pos,
                );
            } else if let Arg::Pipe(inner, _, _) = a {
                **inner = self::pipe((**inner).clone(), field, value, top);
            }
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gotmpl::{parse, print};

    #[test]
    fn replaces_where_dot_is_the_data() {
        let t = parse(r#"{{ .ExternalURL }}/x{{ range .Alerts }}{{ .ExternalURL }}{{ $.ExternalURL }}{{ end }}{{ with .ExternalURL }}{{ . }}{{ end }}"#).unwrap();
        let out = replace_data_field(t.root, "ExternalURL", "http://am:9093");
        assert_eq!(
            print::nodes(&out),
            r#"{{ "http://am:9093" }}/x{{ range .Alerts }}{{ .ExternalURL }}{{ "http://am:9093" }}{{ end }}{{ with "http://am:9093" }}{{ . }}{{ end }}"#
        );
    }
}
