//! Writing a tree back as template text, in a canonical form (no trim markers, no comments).

use super::ast::{Arg, Call, Command, Control, List, Node, Pipe, Template};

/// The text of a whole template (its defines first, then the body).
pub fn template(t: &Template) -> String {
    let mut out = Writer::default();
    for d in &t.defines {
        out.action(&format!("define {}", quote_name(&d.name)));
        list(&mut out, &d.list);
        out.action("end");
    }
    list(&mut out, &t.root);
    out.0
}

/// The text of a list of nodes.
pub fn nodes(l: &List) -> String {
    let mut out = Writer::default();
    list(&mut out, l);
    out.0
}

/// Template text being written: static text never runs into a following `{{`, and a `{{` in
/// static text is written so that it stays text.
#[derive(Debug, Default)]
pub struct Writer(String);

impl Writer {
    /// Appends static text.
    pub fn text(&mut self, s: &str) {
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            if i == 0 {
                self.guard();
            }
            self.0.push_str(&rest[..=i]);
            rest = &rest[i + 1..];
        }
        self.0.push_str(rest);
    }

    /// Appends `{{ inner }}`.
    pub fn action(&mut self, inner: &str) {
        self.guard();
        self.0.push_str("{{ ");
        self.0.push_str(inner);
        self.0.push_str(" }}");
    }

    /// Appends template text as it is (it must be a whole template on its own).
    pub fn template(&mut self, t: &str) {
        if t.starts_with('{') {
            self.guard();
        }
        self.0.push_str(t);
    }

    /// Appends nodes.
    pub fn nodes(&mut self, l: &List) {
        list(self, l);
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.0
    }

    /// A `{` at the end of the buffer would merge with a following `{`.
    fn guard(&mut self) {
        if self.0.ends_with('{') && !self.0.ends_with("{{") {
            self.0.pop();
            self.0.push_str("{{ \"{\" }}");
        }
    }
}

fn list(out: &mut Writer, l: &List) {
    for n in l {
        node(out, n);
    }
}

fn node(out: &mut Writer, n: &Node) {
    match n {
        Node::Text(s, _) => out.text(s),
        Node::Action(p) => out.action(&pipe(p)),
        Node::If(c) => control(out, "if", c),
        Node::Range(c) => control(out, "range", c),
        Node::With(c) => control(out, "with", c),
        Node::Template(c) => out.action(&call(c)),
        Node::Break(_) => out.action("break"),
        Node::Continue(_) => out.action("continue"),
    }
}

fn control(out: &mut Writer, kw: &str, c: &Control) {
    out.action(&format!("{kw} {}", pipe(&c.pipe)));
    list(out, &c.list);
    if let Some(e) = &c.else_list {
        match e.as_slice() {
            [Node::If(inner)] if inner.chained && kw == "if" => {
                out.guard();
                out.0.push_str("{{ else ");
                out.0.push_str(&chained_head("if", inner));
                rest_of_chain(out, "if", inner);
                return;
            }
            [Node::With(inner)] if inner.chained && kw == "with" => {
                out.guard();
                out.0.push_str("{{ else ");
                out.0.push_str(&chained_head("with", inner));
                rest_of_chain(out, "with", inner);
                return;
            }
            _ => {
                out.action("else");
                list(out, e);
            }
        }
    }
    out.action("end");
}

fn chained_head(kw: &str, c: &Control) -> String {
    format!("{kw} {} }}}}", pipe(&c.pipe))
}

/// Prints the body of a chained `else if` and everything after it, sharing one `{{ end }}`.
fn rest_of_chain(out: &mut Writer, kw: &str, c: &Control) {
    list(out, &c.list);
    if let Some(e) = &c.else_list {
        let chained = match (kw, e.as_slice()) {
            ("if", [Node::If(inner)]) | ("with", [Node::With(inner)]) if inner.chained => {
                Some(inner)
            }
            _ => None,
        };
        if let Some(inner) = chained {
            out.guard();
            out.0.push_str("{{ else ");
            out.0.push_str(&chained_head(kw, inner));
            rest_of_chain(out, kw, inner);
            return;
        }
        out.action("else");
        list(out, e);
    }
    out.action("end");
}

/// The text of a template call (without delimiters).
pub fn call(c: &Call) -> String {
    match &c.pipe {
        Some(p) => format!("template {} {}", quote_name(&c.name), pipe(p)),
        None => format!("template {}", quote_name(&c.name)),
    }
}

fn quote_name(n: &str) -> String {
    crate::alertmanager::strconv::quote(n)
}

/// The text of a pipeline (without delimiters).
pub fn pipe(p: &Pipe) -> String {
    let mut s = String::new();
    if !p.decl.is_empty() {
        let names: Vec<&str> = p.decl.iter().map(|(n, _)| n.as_str()).collect();
        s.push_str(&names.join(", "));
        s.push_str(if p.is_assign { " = " } else { " := " });
    }
    let cmds: Vec<String> = p.cmds.iter().map(command).collect();
    s.push_str(&cmds.join(" | "));
    s
}

fn command(c: &Command) -> String {
    c.args.iter().map(arg).collect::<Vec<_>>().join(" ")
}

/// The text of one operand.
pub fn arg(a: &Arg) -> String {
    match a {
        Arg::Dot(_) => ".".into(),
        Arg::Field(fs, _) => fs.iter().map(|f| format!(".{f}")).collect(),
        Arg::Variable(v, fs, _) => {
            let mut s = v.clone();
            for f in fs {
                s.push('.');
                s.push_str(f);
            }
            s
        }
        Arg::Identifier(n, _) => n.clone(),
        Arg::Pipe(p, fs, _) => {
            let mut s = format!("({})", pipe(p));
            for f in fs {
                s.push('.');
                s.push_str(f);
            }
            s
        }
        Arg::String(raw, _, _) => raw.clone(),
        Arg::Number(n, _) => n.clone(),
        Arg::Bool(b, _) => b.to_string(),
        Arg::Nil(_) => "nil".into(),
    }
}
