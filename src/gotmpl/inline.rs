//! Expanding `{{ template "name" ARG }}` calls in place, so that every byte a template prints
//! comes from an action the escaper can see.
//!
//! A call runs the named template with dot (and `$`) set to ARG and with no access to the
//! caller's variables. Inlined, the body is wrapped in `{{ if true }}…{{ end }}` (a variable
//! scope that leaves dot alone) and, unless ARG is the caller's own dot and the body never uses
//! `$`, ARG is bound once to a fresh variable that replaces the body's dot and `$`.

use std::collections::HashMap;

use super::ast::{Arg, Command, Control, List, Node, Pipe, Pos};
use super::{Template, defaults};

/// A call that cannot be inlined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineError {
    /// True when the called template is not defined (a lint finding already says so).
    pub undefined: bool,
    /// What went wrong.
    pub message: String,
    /// The call, in the text being inlined.
    pub pos: Pos,
}

/// Named templates available to calls: the user's definitions override the defaults.
#[derive(Debug, Default)]
pub struct Library<'a> {
    bodies: HashMap<&'a str, &'a List>,
}

impl<'a> Library<'a> {
    /// am2amp's default templates plus the given user templates (later ones win).
    pub fn new(user: impl IntoIterator<Item = &'a Template>) -> Self {
        let mut bodies = HashMap::new();
        for d in &defaults::parsed().defines {
            bodies.insert(d.name.as_str(), &d.list);
        }
        for t in user {
            for d in &t.defines {
                bodies.insert(d.name.as_str(), &d.list);
            }
        }
        Library { bodies }
    }

    /// The body of a template.
    pub fn get(&self, name: &str) -> Option<&'a List> {
        self.bodies.get(name).copied()
    }
}

const MAX_DEPTH: usize = 32;

/// Returns `list` with every template call expanded.
pub fn inline(list: &List, lib: &Library) -> Result<List, InlineError> {
    let mut cx = Inliner {
        lib,
        stack: Vec::new(),
        fresh: 0,
    };
    cx.list(list)
}

struct Inliner<'l, 'a> {
    lib: &'l Library<'a>,
    stack: Vec<String>,
    fresh: usize,
}

impl Inliner<'_, '_> {
    fn list(&mut self, list: &List) -> Result<List, InlineError> {
        let mut out = Vec::with_capacity(list.len());
        for n in list {
            match n {
                Node::Template(call) => {
                    let err = |message: String| InlineError {
                        undefined: false,
                        message,
                        pos: call.pos.clone(),
                    };
                    let Some(body) = self.lib.get(&call.name) else {
                        return Err(InlineError {
                            undefined: true,
                            ..err(format!("template `{}` is not defined", call.name))
                        });
                    };
                    if self.stack.iter().any(|s| s == &call.name) {
                        return Err(err(format!(
                            "template `{}` calls itself; recursive templates cannot be inlined",
                            call.name
                        )));
                    }
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(err("template calls are nested too deeply to inline".into()));
                    }
                    self.stack.push(call.name.clone());
                    let body = self.list(body)?;
                    self.stack.pop();
                    out.extend(self.bind(body, call.pipe.as_ref(), &call.pos)?);
                }
                Node::If(c) => out.push(Node::If(self.control(c)?)),
                Node::Range(c) => out.push(Node::Range(self.control(c)?)),
                Node::With(c) => out.push(Node::With(self.control(c)?)),
                other => out.push(other.clone()),
            }
        }
        Ok(out)
    }

    fn control(&mut self, c: &Control) -> Result<Control, InlineError> {
        Ok(Control {
            pipe: c.pipe.clone(),
            list: self.list(&c.list)?,
            else_list: c.else_list.as_ref().map(|l| self.list(l)).transpose()?,
            chained: c.chained,
            pos: c.pos.clone(),
        })
    }

    /// The nodes replacing a call of `body` with argument `arg`.
    fn bind(&mut self, body: List, arg: Option<&Pipe>, pos: &Pos) -> Result<List, InlineError> {
        let uses = Uses::of(&body);
        let arg_is_dot = arg.is_some_and(|p| {
            p.decl.is_empty()
                && p.cmds.len() == 1
                && p.cmds[0].args.len() == 1
                && matches!(p.cmds[0].args[0], Arg::Dot(_))
        });
        let mut inner = Vec::new();
        let body = match arg {
            _ if !uses.dot && !uses.dollar => body,
            Some(_) if arg_is_dot && !uses.dollar => body,
            None => {
                return Err(InlineError {
                    undefined: false,
                    message: "a template that uses dot is called without an argument".into(),
                    pos: pos.clone(),
                });
            }
            Some(p) => {
                self.fresh += 1;
                let var = format!("$am2amp{}", self.fresh);
                inner.push(Node::Action(Pipe {
                    decl: vec![(var.clone(), p.pos.clone())],
                    is_assign: false,
                    cmds: p.cmds.clone(),
                    pos: p.pos.clone(),
                }));
                substitute(body, &var, true)
            }
        };
        if inner.is_empty() && !declares(&body) {
            return Ok(body);
        }
        inner.extend(body);
        Ok(vec![Node::If(Control {
            pipe: Pipe {
                decl: Vec::new(),
                is_assign: false,
                cmds: vec![Command {
                    args: vec![Arg::Bool(true, pos.clone())],
                    pos: pos.clone(),
                }],
                pos: pos.clone(),
            },
            list: inner,
            else_list: None,
            chained: false,
            pos: pos.clone(),
        })])
    }
}

/// Whether a body reads its dot (outside `range`/`with` bodies) or `$` (anywhere).
#[derive(Default)]
struct Uses {
    dot: bool,
    dollar: bool,
}

impl Uses {
    fn of(list: &List) -> Uses {
        let mut u = Uses::default();
        u.list(list, true);
        u
    }

    fn list(&mut self, list: &List, top: bool) {
        for n in list {
            match n {
                Node::Action(p) => self.pipe(p, top),
                Node::If(c) => {
                    self.pipe(&c.pipe, top);
                    self.list(&c.list, top);
                    c.else_list.iter().for_each(|l| self.list(l, top));
                }
                Node::Range(c) | Node::With(c) => {
                    self.pipe(&c.pipe, top);
                    self.list(&c.list, false);
                    c.else_list.iter().for_each(|l| self.list(l, top));
                }
                Node::Template(c) => {
                    if let Some(p) = &c.pipe {
                        self.pipe(p, top);
                    }
                }
                _ => {}
            }
        }
    }

    fn pipe(&mut self, p: &Pipe, top: bool) {
        for a in p.cmds.iter().flat_map(|c| &c.args) {
            match a {
                Arg::Dot(_) | Arg::Field(..) if top => self.dot = true,
                Arg::Variable(v, ..) if v == "$" => self.dollar = true,
                Arg::Pipe(inner, ..) => self.pipe(inner, top),
                _ => {}
            }
        }
    }
}

/// True when the list declares variables at its own level (they would leak when spliced).
fn declares(list: &List) -> bool {
    list.iter()
        .any(|n| matches!(n, Node::Action(p) if !p.decl.is_empty() && !p.is_assign))
}

/// Replaces dot (at the top scope) and `$` (everywhere) with `var`.
fn substitute(list: List, var: &str, top: bool) -> List {
    list.into_iter()
        .map(|n| match n {
            Node::Action(p) => Node::Action(sub_pipe(p, var, top)),
            Node::If(c) => Node::If(sub_control(c, var, top, top)),
            Node::Range(c) => Node::Range(sub_control(c, var, top, false)),
            Node::With(c) => Node::With(sub_control(c, var, top, false)),
            Node::Template(mut c) => {
                c.pipe = c.pipe.map(|p| sub_pipe(p, var, top));
                Node::Template(c)
            }
            other => other,
        })
        .collect()
}

fn sub_control(c: Control, var: &str, top: bool, body_top: bool) -> Control {
    Control {
        pipe: sub_pipe(c.pipe, var, top),
        list: substitute(c.list, var, body_top),
        else_list: c.else_list.map(|l| substitute(l, var, top)),
        chained: c.chained,
        pos: c.pos,
    }
}

fn sub_pipe(mut p: Pipe, var: &str, top: bool) -> Pipe {
    for cmd in &mut p.cmds {
        for a in &mut cmd.args {
            let replaced = match std::mem::replace(a, Arg::Nil(0..0)) {
                Arg::Dot(pos) if top => Arg::Variable(var.to_string(), Vec::new(), pos),
                Arg::Field(chain, pos) if top => Arg::Variable(var.to_string(), chain, pos),
                Arg::Variable(v, chain, pos) if v == "$" => {
                    Arg::Variable(var.to_string(), chain, pos)
                }
                Arg::Pipe(inner, chain, pos) => {
                    Arg::Pipe(Box::new(sub_pipe(*inner, var, top)), chain, pos)
                }
                other => other,
            };
            *a = replaced;
        }
    }
    p
}
