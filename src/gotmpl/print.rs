//! Writing a tree back as template text, in a canonical form (no trim markers, no comments).

use super::ast::{Arg, Call, Command, Control, List, Node, Pipe, Template};

/// The text of a whole template (its defines first, then the body).
pub fn template(t: &Template) -> String {
    let mut out = Writer::default();
    for d in &t.defines {
        out.define(&d.name, &d.list);
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
    /// A writer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Writer {
        Writer(String::with_capacity(n))
    }

    /// Appends static text.
    #[inline]
    pub fn text(&mut self, s: &str) {
        // Most pieces are a few bytes (keys, `:`, indentation), where a plain scan beats
        // setting up a searcher; inlined, a literal piece is checked at compile time.
        if s.len() <= 32 && !s.bytes().any(|b| b == b'{') {
            self.0.push_str(s);
        } else {
            self.text_searched(s);
        }
    }

    /// [`Writer::text`] for long pieces and pieces with `{`: a vectorised search for each `{`.
    fn text_searched(&mut self, s: &str) {
        let mut rest = s;
        while let Some(i) = memchr::memchr(b'{', rest.as_bytes()) {
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
        self.action_of(&[inner]);
    }

    /// Appends `{{ inner }}` with `inner` given in pieces.
    pub fn action_of(&mut self, inner: &[&str]) {
        self.open();
        for piece in inner {
            self.0.push_str(piece);
        }
        self.close();
    }

    fn open(&mut self) {
        self.guard();
        self.0.push_str("{{ ");
    }

    fn close(&mut self) {
        self.0.push_str(" }}");
    }

    /// Appends template text as it is (it must be a whole template on its own).
    #[inline]
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

    /// Appends `{{ define "name" }}…{{ end }}`.
    pub fn define(&mut self, name: &str, body: &List) {
        self.action(&format!("define {}", quote_name(name)));
        list(self, body);
        self.action("end");
    }

    /// Appends `{{ define "name" }}…{{ end }}` around template text (a whole template on its
    /// own).
    pub fn define_text(&mut self, name: &str, body: &str) {
        self.action(&format!("define {}", quote_name(name)));
        self.template(body);
        self.action("end");
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
        Node::Action(p) => {
            out.open();
            pipe_into(&mut out.0, p);
            out.close();
        }
        Node::If(c) => control(out, "if", c),
        Node::Range(c) => control(out, "range", c),
        Node::With(c) => control(out, "with", c),
        Node::Template(c) => {
            out.open();
            call_into(&mut out.0, c);
            out.close();
        }
        Node::Break(_) => out.action("break"),
        Node::Continue(_) => out.action("continue"),
    }
}

fn control(out: &mut Writer, kw: &str, c: &Control) {
    out.open();
    out.0.push_str(kw);
    out.0.push(' ');
    pipe_into(&mut out.0, &c.pipe);
    out.close();
    list(out, &c.list);
    if let Some(e) = &c.else_list {
        match e.as_slice() {
            [Node::If(inner)] if inner.chained && kw == "if" => {
                chained_head(out, "if", inner);
                rest_of_chain(out, "if", inner);
                return;
            }
            [Node::With(inner)] if inner.chained && kw == "with" => {
                chained_head(out, "with", inner);
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

/// Writes `{{ else if PIPE }}` (or `else with`).
fn chained_head(out: &mut Writer, kw: &str, c: &Control) {
    out.guard();
    out.0.push_str("{{ else ");
    out.0.push_str(kw);
    out.0.push(' ');
    pipe_into(&mut out.0, &c.pipe);
    out.0.push_str(" }}");
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
            chained_head(out, kw, inner);
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
    let mut s = String::new();
    call_into(&mut s, c);
    s
}

fn call_into(s: &mut String, c: &Call) {
    s.push_str("template ");
    s.push_str(&quote_name(&c.name));
    if let Some(p) = &c.pipe {
        s.push(' ');
        pipe_into(s, p);
    }
}

fn quote_name(n: &str) -> String {
    crate::alertmanager::strconv::quote(n)
}

/// The text of a pipeline (without delimiters).
pub fn pipe(p: &Pipe) -> String {
    let mut s = String::new();
    pipe_into(&mut s, p);
    s
}

fn pipe_into(s: &mut String, p: &Pipe) {
    for (i, (name, _)) in p.decl.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(name);
    }
    if !p.decl.is_empty() {
        s.push_str(if p.is_assign { " = " } else { " := " });
    }
    for (i, c) in p.cmds.iter().enumerate() {
        if i > 0 {
            s.push_str(" | ");
        }
        command_into(s, c);
    }
}

fn command_into(s: &mut String, c: &Command) {
    for (i, a) in c.args.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        arg_into(s, a);
    }
}

/// The text of one operand.
pub fn arg(a: &Arg) -> String {
    let mut s = String::new();
    arg_into(&mut s, a);
    s
}

fn fields_into(s: &mut String, fs: &[String]) {
    for f in fs {
        s.push('.');
        s.push_str(f);
    }
}

fn arg_into(s: &mut String, a: &Arg) {
    match a {
        Arg::Dot(_) => s.push('.'),
        Arg::Field(fs, _) => fields_into(s, fs),
        Arg::Variable(v, fs, _) => {
            s.push_str(v);
            fields_into(s, fs);
        }
        Arg::Identifier(n, _) => s.push_str(n),
        Arg::Pipe(p, fs, _) => {
            s.push('(');
            pipe_into(s, p);
            s.push(')');
            fields_into(s, fs);
        }
        Arg::String(raw, _, _) => s.push_str(raw),
        Arg::Number(n, _) => s.push_str(n),
        Arg::Bool(b, _) => s.push_str(if *b { "true" } else { "false" }),
        Arg::Nil(_) => s.push_str("nil"),
    }
}
