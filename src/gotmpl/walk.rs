//! Visiting what a template tree names: the templates it calls, the field chains it reads and
//! the functions it uses.

use super::ast::{Arg, List, Node, Pipe, Pos};

/// One thing a tree names.
pub enum Item<'a> {
    /// A `{{ template "name" }}` call.
    Call(&'a str),
    /// The fields read after `.`, a variable or a parenthesized pipeline (`.A.B` → `[A, B]`).
    Chain(&'a [String]),
    /// A function name (Go checks every one when it parses).
    Function(&'a str, &'a Pos),
}

/// Calls `f` for every call and field chain in `list`, nested ones included.
pub fn list<'a>(list: &'a List, f: &mut impl FnMut(Item<'a>)) {
    for n in list {
        match n {
            Node::Action(p) => pipe(p, f),
            Node::If(c) | Node::Range(c) | Node::With(c) => {
                pipe(&c.pipe, f);
                self::list(&c.list, f);
                if let Some(e) = &c.else_list {
                    self::list(e, f);
                }
            }
            Node::Template(c) => {
                f(Item::Call(&c.name));
                if let Some(p) = &c.pipe {
                    pipe(p, f);
                }
            }
            Node::Text(..) | Node::Break(_) | Node::Continue(_) => {}
        }
    }
}

/// The names of the templates `list` calls, nested calls included.
pub fn calls(list: &List) -> Vec<&str> {
    let mut out = Vec::new();
    self::list(list, &mut |item| {
        if let Item::Call(c) = item {
            out.push(c);
        }
    });
    out
}

fn pipe<'a>(p: &'a Pipe, f: &mut impl FnMut(Item<'a>)) {
    for a in p.cmds.iter().flat_map(|c| &c.args) {
        match a {
            Arg::Field(chain, _) | Arg::Variable(_, chain, _) => f(Item::Chain(chain)),
            Arg::Pipe(inner, chain, _) => {
                f(Item::Chain(chain));
                pipe(inner, f);
            }
            Arg::Identifier(name, pos) => f(Item::Function(name, pos)),
            _ => {}
        }
    }
}
