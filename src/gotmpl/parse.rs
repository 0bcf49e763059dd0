//! The parser: tokens → [`Template`], with Go's grammar and Go's error messages.

use foldhash::{HashSet, HashSetExt};

use super::ParseError;
use super::ast::{
    Arg, Call, Command, Control, Define, List, Node, Pipe, Pos, Template, is_empty_tree,
};
use super::lex::{Tok, Token, lex};
use crate::alertmanager::strconv;

/// Parses a template text (with its `define`s).
pub fn parse(src: &str) -> Result<Template, ParseError> {
    parse_in_scope(src, &[])
}

/// Parses a template fragment that uses variables declared around it (`$alert`).
pub fn parse_in_scope(src: &str, vars: &[&str]) -> Result<Template, ParseError> {
    let toks = lex(src)?;
    let mut all = vec!["$".to_string()];
    all.extend(vars.iter().map(|v| v.to_string()));
    let mut p = Parser {
        toks,
        i: 0,
        vars: all,
        range_depth: 0,
        defines: Vec::new(),
        bodies: HashSet::new(),
        open: Vec::new(),
    };
    let root = p.top()?;
    Ok(Template {
        root,
        defines: p.defines,
    })
}

/// What ends an item list.
enum Stop {
    End(Pos),
    /// `{{else}}`, or `{{else if|with ...` with the keyword left pending.
    Else(Pos, bool),
}

enum Item {
    Node(Node),
    Stop(Stop),
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    vars: Vec<String>,
    range_depth: usize,
    defines: Vec<Define>,
    /// Names defined with a body so far.
    bodies: HashSet<String>,
    /// Constructs waiting for their `{{ end }}`: (keyword, position of the opening action).
    open: Vec<(&'static str, usize)>,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Text(s) => format!("{:?}", truncate(s)),
        Tok::LeftDelim => "\"{{\"".into(),
        Tok::RightDelim => "\"}}\"".into(),
        Tok::Space => "space".into(),
        Tok::Pipe => "\"|\"".into(),
        Tok::Declare => "\":=\"".into(),
        Tok::Assign => "\"=\"".into(),
        Tok::LeftParen => "\"(\"".into(),
        Tok::RightParen => "\")\"".into(),
        Tok::Str(s) | Tok::Char(s) | Tok::Number(s) | Tok::Variable(s) | Tok::Ident(s) => {
            format!("{:?}", truncate(s))
        }
        Tok::Bool(b) => format!("{b:?}"),
        Tok::Dot => "<.>".into(),
        Tok::Field(f) => format!("\".{f}\""),
        Tok::Keyword(k) => format!("<{k}>"),
        Tok::Other(c) => format!("{:?}", c.to_string()),
        Tok::Eof => "EOF".into(),
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 10 {
        format!("{}...", s.chars().take(10).collect::<String>())
    } else {
        s.to_string()
    }
}

impl Parser {
    fn err<T>(&self, msg: impl Into<String>, pos: Pos) -> Result<T, ParseError> {
        Err(ParseError {
            message: msg.into(),
            pos,
        })
    }

    fn next(&mut self) -> Token {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    fn peek(&self) -> &Token {
        &self.toks[self.i.min(self.toks.len() - 1)]
    }

    fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.tok != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token {
        let save = self.i;
        let t = self.next_non_space();
        self.i = save;
        t
    }

    fn unexpected<T>(&self, t: &Token, context: &str) -> Result<T, ParseError> {
        if t.tok == Tok::Eof {
            return self.err(format!("unexpected EOF in {context}"), t.pos.clone());
        }
        self.err(
            format!("unexpected {} in {context}", describe(&t.tok)),
            t.pos.clone(),
        )
    }

    fn expect_right_delim(&mut self, context: &str) -> Result<Pos, ParseError> {
        let t = self.next_non_space();
        if t.tok != Tok::RightDelim {
            return self.unexpected(&t, context);
        }
        Ok(t.pos)
    }

    fn top(&mut self) -> Result<List, ParseError> {
        let mut root = Vec::new();
        loop {
            let t = self.peek().clone();
            match t.tok {
                Tok::Eof => return Ok(root),
                Tok::LeftDelim => {
                    let save = self.i;
                    self.next();
                    if self.next_non_space().tok == Tok::Keyword("define") {
                        self.definition(t.pos.start)?;
                        continue;
                    }
                    self.i = save;
                }
                _ => {}
            }
            match self.text_or_action()? {
                Item::Node(n) => root.push(n),
                Item::Stop(Stop::End(p)) => return self.err("unexpected {{end}}", p),
                Item::Stop(Stop::Else(p, _)) => return self.err("unexpected {{else}}", p),
            }
        }
    }

    fn definition(&mut self, start: usize) -> Result<(), ParseError> {
        let t = self.next_non_space();
        let Tok::Str(raw) = &t.tok else {
            return self.unexpected(&t, "define clause");
        };
        let name = unquote(raw).map_err(|m| ParseError {
            message: m,
            pos: t.pos.clone(),
        })?;
        self.expect_right_delim("define clause")?;
        let outer = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
        let depth = std::mem::replace(&mut self.range_depth, 0);
        self.open.push(("define", start));
        let (list, stop) = self.item_list()?;
        self.open.pop();
        self.vars = outer;
        self.range_depth = depth;
        if let Stop::Else(p, _) = stop {
            return self.err("unexpected {{else}} in define clause", start..p.end);
        }
        self.add(Define {
            name,
            name_pos: t.pos,
            list,
        })
    }

    /// Records a definition; a second one with a body under the same name is Go's error (an
    /// empty one is ignored, or replaced: [`is_empty_tree`]).
    fn add(&mut self, d: Define) -> Result<(), ParseError> {
        if !is_empty_tree(&d.list) && !self.bodies.insert(d.name.clone()) {
            let msg = format!("template: multiple definition of template {:?}", d.name);
            return self.err(msg, d.name_pos);
        }
        self.defines.push(d);
        Ok(())
    }

    fn item_list(&mut self) -> Result<(List, Stop), ParseError> {
        let mut list = Vec::new();
        loop {
            if self.peek_non_space().tok == Tok::Eof {
                let p = self.peek().pos.clone();
                return match self.open.last() {
                    Some(&(kw, at)) => self.err(
                        format!(
                            "unexpected EOF: {{{{ {kw} }}}} is never closed with {{{{ end }}}}"
                        ),
                        at..at + 2,
                    ),
                    None => self.err("unexpected EOF", p),
                };
            }
            match self.text_or_action()? {
                Item::Node(n) => list.push(n),
                Item::Stop(s) => return Ok((list, s)),
            }
        }
    }

    fn text_or_action(&mut self) -> Result<Item, ParseError> {
        let t = self.next_non_space();
        match t.tok {
            Tok::Text(s) => Ok(Item::Node(Node::Text(s, t.pos))),
            Tok::LeftDelim => self.action(t.pos.start),
            _ => self.unexpected(&t, "input"),
        }
    }

    fn action(&mut self, start: usize) -> Result<Item, ParseError> {
        let t = self.next_non_space();
        match t.tok {
            Tok::Keyword("block") => self.block(start).map(Item::Node),
            Tok::Keyword(k @ ("break" | "continue")) => {
                let end = self.expect_right_delim(&format!("{{{{{k}}}}}"))?;
                if self.range_depth == 0 {
                    return self.err(format!("{{{{{k}}}}} outside {{{{range}}}}"), start..end.end);
                }
                let pos = start..end.end;
                Ok(Item::Node(if k == "break" {
                    Node::Break(pos)
                } else {
                    Node::Continue(pos)
                }))
            }
            Tok::Keyword("else") => {
                let peek = self.peek_non_space();
                if matches!(peek.tok, Tok::Keyword("if" | "with")) {
                    return Ok(Item::Stop(Stop::Else(start..peek.pos.start, true)));
                }
                let end = self.expect_right_delim("else")?;
                Ok(Item::Stop(Stop::Else(start..end.end, false)))
            }
            Tok::Keyword("end") => {
                let end = self.expect_right_delim("end")?;
                Ok(Item::Stop(Stop::End(start..end.end)))
            }
            Tok::Keyword("if") => self
                .control("if", start, false)
                .map(|c| Item::Node(Node::If(c))),
            Tok::Keyword("range") => self
                .control("range", start, false)
                .map(|c| Item::Node(Node::Range(c))),
            Tok::Keyword("with") => self
                .control("with", start, false)
                .map(|c| Item::Node(Node::With(c))),
            Tok::Keyword("template") => self.template(start).map(Item::Node),
            _ => {
                self.i -= 1;
                let pipe = self.pipeline("command", Tok::RightDelim)?;
                Ok(Item::Node(Node::Action(pipe)))
            }
        }
    }

    fn control(
        &mut self,
        context: &str,
        start: usize,
        chained: bool,
    ) -> Result<Control, ParseError> {
        let saved = self.vars.len();
        let pipe = self.pipeline(context, Tok::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let kw: &'static str = match context {
            "if" => "if",
            "range" => "range",
            _ => "with",
        };
        self.open.push((kw, start));
        let (list, stop) = self.item_list()?;
        self.open.pop();
        if context == "range" {
            self.range_depth -= 1;
        }
        let mut else_list = None;
        let end = match stop {
            Stop::End(p) => p.end,
            Stop::Else(p, true) if context != "range" => {
                let kw = self.next_non_space();
                let Tok::Keyword(kw_name) = kw.tok else {
                    unreachable!("checked by else")
                };
                if kw_name != context {
                    return self.err(
                        format!("unexpected <{kw_name}> after {{{{else}}}} in {context}"),
                        kw.pos,
                    );
                }
                let inner = self.control(context, p.start, true)?;
                let end = inner.pos.end;
                let node = if context == "if" {
                    Node::If(inner)
                } else {
                    Node::With(inner)
                };
                else_list = Some(vec![node]);
                end
            }
            Stop::Else(p, true) => return self.err("unexpected {{else if}} in range", p),
            Stop::Else(_, false) => {
                self.open.push((kw, start));
                let (l, stop) = self.item_list()?;
                self.open.pop();
                else_list = Some(l);
                match stop {
                    Stop::End(p) => p.end,
                    Stop::Else(p, _) => return self.err("expected end; found {{else}}", p),
                }
            }
        };
        self.vars.truncate(saved);
        Ok(Control {
            pipe,
            list,
            else_list,
            chained,
            pos: start..end,
        })
    }

    fn template_name(&mut self, context: &str) -> Result<(String, Pos), ParseError> {
        let t = self.next_non_space();
        match &t.tok {
            Tok::Str(raw) => {
                let name = unquote(raw).map_err(|m| ParseError {
                    message: m,
                    pos: t.pos.clone(),
                })?;
                Ok((name, t.pos))
            }
            _ => self.unexpected(&t, context),
        }
    }

    fn template(&mut self, start: usize) -> Result<Node, ParseError> {
        let (name, name_pos) = self.template_name("template clause")?;
        let t = self.next_non_space();
        let (pipe, end) = if t.tok == Tok::RightDelim {
            (None, t.pos.end)
        } else {
            self.i -= 1;
            let pipe = self.pipeline("template clause", Tok::RightDelim)?;
            let end = self.toks[self.i - 1].pos.end;
            (Some(pipe), end)
        };
        Ok(Node::Template(Call {
            name,
            name_pos,
            pipe,
            pos: start..end,
        }))
    }

    fn block(&mut self, start: usize) -> Result<Node, ParseError> {
        let (name, name_pos) = self.template_name("block clause")?;
        let pipe = self.pipeline("block clause", Tok::RightDelim)?;
        let call_end = self.toks[self.i - 1].pos.end;
        let outer = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
        let depth = std::mem::replace(&mut self.range_depth, 0);
        self.open.push(("block", start));
        let (list, stop) = self.item_list()?;
        self.open.pop();
        self.vars = outer;
        self.range_depth = depth;
        if let Stop::Else(p, _) = stop {
            return self.err("unexpected {{else}} in block clause", p);
        }
        self.add(Define {
            name: name.clone(),
            name_pos: name_pos.clone(),
            list,
        })?;
        Ok(Node::Template(Call {
            name,
            name_pos,
            pipe: Some(pipe),
            pos: start..call_end,
        }))
    }

    fn pipeline(&mut self, context: &str, end: Tok) -> Result<Pipe, ParseError> {
        let start = self.peek_non_space().pos.start;
        let mut pipe = Pipe {
            decl: Vec::new(),
            is_assign: false,
            cmds: Vec::new(),
            pos: start..start,
        };
        'decls: loop {
            let v = self.peek_non_space();
            let Tok::Variable(name) = &v.tok else { break };
            let save = self.i;
            self.next_non_space();
            let after = self.peek().clone();
            let next = self.peek_non_space();
            match &next.tok {
                Tok::Assign | Tok::Declare => {
                    pipe.is_assign = next.tok == Tok::Assign;
                    self.next_non_space();
                    pipe.decl.push((name.clone(), v.pos.clone()));
                    self.vars.push(name.clone());
                    break;
                }
                Tok::Other(',') => {
                    self.next_non_space();
                    pipe.decl.push((name.clone(), v.pos.clone()));
                    self.vars.push(name.clone());
                    if context == "range" && pipe.decl.len() < 2 {
                        let p = self.peek_non_space();
                        if matches!(p.tok, Tok::Variable(_) | Tok::RightDelim | Tok::RightParen) {
                            continue 'decls;
                        }
                        return self.err("range can only initialize variables", p.pos);
                    }
                    return self.err(format!("too many declarations in {context}"), next.pos);
                }
                _ => {
                    let _ = after;
                    self.i = save;
                    break;
                }
            }
        }
        loop {
            let t = self.next_non_space();
            if t.tok == end {
                pipe.pos.end = t.pos.start;
                return self.check(pipe, context, t.pos);
            }
            match t.tok {
                Tok::Bool(_)
                | Tok::Char(_)
                | Tok::Number(_)
                | Tok::Dot
                | Tok::Field(_)
                | Tok::Ident(_)
                | Tok::Keyword("nil")
                | Tok::Str(_)
                | Tok::Variable(_)
                | Tok::LeftParen => {
                    self.i -= 1;
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return self.unexpected(&t, context),
            }
        }
    }

    fn check(&self, pipe: Pipe, context: &str, at: Pos) -> Result<Pipe, ParseError> {
        if pipe.cmds.is_empty() {
            return self.err(format!("missing value for {context}"), at);
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args[0],
                Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Number(..) | Arg::String(..)
            ) {
                return self.err(
                    format!("non executable command in pipeline stage {}", i + 1),
                    c.pos.clone(),
                );
            }
        }
        Ok(pipe)
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        let start = self.peek_non_space().pos.start;
        let mut args = Vec::new();
        loop {
            self.peek_non_space();
            while self.peek().tok == Tok::Space {
                self.next();
            }
            if let Some(op) = self.operand()? {
                args.push(op);
            }
            let t = self.next();
            match t.tok {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RightParen => {
                    self.i -= 1;
                }
                Tok::Pipe => {}
                _ => return self.unexpected(&t, "operand"),
            }
            break;
        }
        let end = args.last().map_or(start, |a: &Arg| a.pos().end);
        if args.is_empty() {
            return self.err("empty command", start..start);
        }
        Ok(Command {
            args,
            pos: start..end,
        })
    }

    fn operand(&mut self) -> Result<Option<Arg>, ParseError> {
        let Some(term) = self.term()? else {
            return Ok(None);
        };
        if !matches!(self.peek().tok, Tok::Field(_)) {
            return Ok(Some(term));
        }
        let mut chain = Vec::new();
        let mut end = term.pos().end;
        while let Tok::Field(f) = &self.peek().tok {
            chain.push(f.clone());
            end = self.peek().pos.end;
            self.next();
        }
        let start = term.pos().start;
        Ok(Some(match term {
            Arg::Field(mut fs, _) => {
                fs.extend(chain);
                Arg::Field(fs, start..end)
            }
            Arg::Variable(v, mut fs, _) => {
                fs.extend(chain);
                Arg::Variable(v, fs, start..end)
            }
            Arg::Pipe(p, mut fs, _) => {
                fs.extend(chain);
                Arg::Pipe(p, fs, start..end)
            }
            Arg::Identifier(name, pos) => {
                let cmd = Command {
                    args: vec![Arg::Identifier(name, pos.clone())],
                    pos: pos.clone(),
                };
                let pipe = Pipe {
                    decl: Vec::new(),
                    is_assign: false,
                    cmds: vec![cmd],
                    pos,
                };
                Arg::Pipe(Box::new(pipe), chain, start..end)
            }
            other => {
                return self.err(
                    format!("unexpected . after term {:?}", super::print::arg(&other)),
                    start..end,
                );
            }
        }))
    }

    fn term(&mut self) -> Result<Option<Arg>, ParseError> {
        let t = self.next_non_space();
        let pos = t.pos.clone();
        Ok(Some(match t.tok {
            Tok::Ident(name) => Arg::Identifier(name, pos),
            Tok::Dot => Arg::Dot(pos),
            Tok::Keyword("nil") => Arg::Nil(pos),
            Tok::Variable(v) => {
                if !self.vars.contains(&v) {
                    return self.err(format!("undefined variable {v:?}"), pos);
                }
                Arg::Variable(v, Vec::new(), pos)
            }
            Tok::Field(f) => Arg::Field(vec![f], pos),
            Tok::Bool(b) => Arg::Bool(b, pos),
            Tok::Char(s) | Tok::Number(s) => {
                check_number(&s).map_err(|m| ParseError {
                    message: m,
                    pos: pos.clone(),
                })?;
                Arg::Number(s, pos)
            }
            Tok::LeftParen => {
                let p = self.pipeline("parenthesized pipeline", Tok::RightParen)?;
                let end = self.toks[self.i - 1].pos.end;
                Arg::Pipe(Box::new(p), Vec::new(), pos.start..end)
            }
            Tok::Str(raw) => {
                let v = unquote(&raw).map_err(|m| ParseError {
                    message: m,
                    pos: pos.clone(),
                })?;
                Arg::String(raw, v, pos)
            }
            _ => {
                self.i -= 1;
                return Ok(None);
            }
        }))
    }
}

/// Go's `strconv.Unquote` for the string literals a template can contain.
pub fn unquote(raw: &str) -> Result<String, String> {
    if let Some(inner) = raw.strip_prefix('`').and_then(|r| r.strip_suffix('`')) {
        return Ok(inner.replace('\r', ""));
    }
    strconv::unquote(raw).map_err(|_| "invalid syntax".to_string())
}

fn check_number(s: &str) -> Result<(), String> {
    let bad = || format!("illegal number syntax: {s:?}");
    if let Some(inner) = s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        let quoted = format!("\"{}\"", inner.replace('"', "\\\""));
        let v =
            strconv::unquote(&quoted).map_err(|_| format!("malformed character constant: {s}"))?;
        return if v.chars().count() == 1 {
            Ok(())
        } else {
            Err(format!("malformed character constant: {s}"))
        };
    }
    let t = s.replace('_', "");
    let body = t.trim_start_matches(['+', '-']).trim_end_matches('i');
    let ok = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        !h.is_empty() && (u64::from_str_radix(h, 16).is_ok() || h.contains(['.', 'p', 'P']))
    } else if let Some(o) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        u64::from_str_radix(o, 8).is_ok()
    } else if let Some(b) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        u64::from_str_radix(b, 2).is_ok()
    } else {
        body.parse::<f64>().is_ok() || s.contains(['+', '-']) && s.ends_with('i')
    };
    if ok { Ok(()) } else { Err(bad()) }
}
