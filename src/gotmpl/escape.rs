//! Rewriting a template so that its output is the body of a YAML double-quoted scalar whose
//! decoded value is exactly what the original template prints.
//!
//! Static text is escaped now; every printing action `{{ PIPELINE }}` becomes
//! `{{ template "am2amp" PIPELINE }}`, a call of [`HELPER`], which prints
//! `reReplaceAll "^\"|\"$" "" (printf "%q" (print .))`: Go's `%q` escapes are a subset of YAML's
//! double-quoted escapes, and stripping the outer quotes leaves the body. `print` first turns
//! any value into the text the template would have printed (`%q` alone would print an integer
//! as a quoted character); a call's argument reaches it exactly as an operand would. Control
//! actions stay as they are. A `{{ template "x" ARG }}` call becomes a call of an escaped copy
//! of `x`, named by the caller (see [`super::copies`]). Only functions present in
//! Alertmanager 0.25 are used.

use super::ast::{Arg, Call, Command, Control, List, Node, Pipe, Pos};

/// The template that prints its argument escaped.
pub const HELPER: &str = "am2amp";

/// What replaces a template call.
#[derive(Debug, Clone, PartialEq)]
pub enum Copy {
    /// A call of this escaped copy.
    Call(String),
    /// This escaped text: the template prints nothing but static text.
    Text(String),
}

/// Returns the escaped equivalent of `list`. `copy` says what replaces a call of a template,
/// given its name and whether the call passes the list's own dot (`.` outside `range`/`with`
/// bodies, or `$`); `None` stops the rewrite at that call.
pub fn escape(list: &List, copy: &mut dyn FnMut(&str, bool) -> Option<Copy>) -> Result<List, Pos> {
    escape_in(list, true, copy)
}

fn escape_in(
    list: &List,
    top: bool,
    copy: &mut dyn FnMut(&str, bool) -> Option<Copy>,
) -> Result<List, Pos> {
    list.iter()
        .map(|n| {
            Ok(match n {
                Node::Text(s, pos) => Node::Text(yaml_body(s).into_owned(), pos.clone()),
                Node::Action(p) if p.prints() => escape_action(p),
                Node::If(c) => Node::If(control(c, top, top, copy)?),
                Node::Range(c) => Node::Range(control(c, top, false, copy)?),
                Node::With(c) => Node::With(control(c, top, false, copy)?),
                Node::Template(c) => {
                    let own_dot = c.pipe.as_ref().is_some_and(|p| passes_dot(p, top));
                    match copy(&c.name, own_dot).ok_or_else(|| c.pos.clone())? {
                        Copy::Call(name) => Node::Template(Call { name, ..c.clone() }),
                        Copy::Text(text) => Node::Text(text, c.pos.clone()),
                    }
                }
                other => other.clone(),
            })
        })
        .collect()
}

fn control(
    c: &Control,
    top: bool,
    body_top: bool,
    copy: &mut dyn FnMut(&str, bool) -> Option<Copy>,
) -> Result<Control, Pos> {
    Ok(Control {
        pipe: c.pipe.clone(),
        list: escape_in(&c.list, body_top, copy)?,
        else_list: c
            .else_list
            .as_ref()
            .map(|l| escape_in(l, top, copy))
            .transpose()?,
        chained: c.chained,
        pos: c.pos.clone(),
    })
}

/// True when the pipeline is just `.` (where dot is still the list's own) or `$`.
fn passes_dot(p: &Pipe, top: bool) -> bool {
    match (p.decl.as_slice(), p.cmds.as_slice()) {
        ([], [c]) => match c.args.as_slice() {
            [Arg::Dot(_)] => top,
            [Arg::Variable(v, chain, _)] => v == "$" && chain.is_empty(),
            _ => false,
        },
        _ => false,
    }
}

/// A printing action rewritten to print the YAML double-quoted body of its value.
pub fn escape_action(p: &Pipe) -> Node {
    if let ([], [c]) = (p.decl.as_slice(), p.cmds.as_slice())
        && let [Arg::String(_, value, pos)] = c.args.as_slice()
    {
        return Node::Text(yaml_body(value).into_owned(), pos.clone());
    }
    Node::Template(Call {
        name: HELPER.into(),
        name_pos: p.pos.clone(),
        pipe: Some(p.clone()),
        pos: p.pos.clone(),
    })
}

/// The body of [`HELPER`].
pub fn helper_body() -> List {
    let dot = Pipe {
        decl: Vec::new(),
        is_assign: false,
        cmds: vec![Command {
            args: vec![Arg::Dot(0..0)],
            pos: 0..0,
        }],
        pos: 0..0,
    };
    vec![Node::Action(wrap_body(&dot))]
}

fn call(name: &str, args: Vec<Arg>, pos: &Pos) -> Arg {
    let mut all = vec![Arg::Identifier(name.into(), pos.clone())];
    all.extend(args);
    paren(Command {
        args: all,
        pos: pos.clone(),
    })
}

fn paren(cmd: Command) -> Arg {
    let pos = cmd.pos.clone();
    Arg::Pipe(
        Box::new(Pipe {
            decl: Vec::new(),
            is_assign: false,
            cmds: vec![cmd],
            pos: pos.clone(),
        }),
        Vec::new(),
        pos,
    )
}

fn string(s: &str, pos: &Pos) -> Arg {
    Arg::String(
        crate::alertmanager::strconv::quote(s),
        s.to_string(),
        pos.clone(),
    )
}

/// `printf "%q" (print (PIPE))`: the value as a Go-quoted string, quotes included.
fn quoted(p: &Pipe) -> Command {
    let pos = p.pos.clone();
    let inner = Arg::Pipe(Box::new(p.clone()), Vec::new(), pos.clone());
    Command {
        args: vec![
            Arg::Identifier("printf".into(), pos.clone()),
            string("%q", &pos),
            call("print", vec![inner], &pos),
        ],
        pos,
    }
}

fn single(cmd: Command) -> Pipe {
    Pipe {
        decl: Vec::new(),
        is_assign: false,
        pos: cmd.pos.clone(),
        cmds: vec![cmd],
    }
}

/// A printing pipeline rewritten to print the YAML double-quoted body of its value, in place
/// (what [`HELPER`] does).
pub fn wrap_body(p: &Pipe) -> Pipe {
    let pos = p.pos.clone();
    single(Command {
        args: vec![
            Arg::Identifier("reReplaceAll".into(), pos.clone()),
            string("^\"|\"$", &pos),
            string("", &pos),
            paren(quoted(p)),
        ],
        pos,
    })
}

/// The whole-value form: a printing pipeline rewritten to print a complete YAML double-quoted
/// scalar (quotes included).
pub fn wrap_whole(p: &Pipe) -> Pipe {
    single(quoted(p))
}

/// Escapes static text as the body of a YAML double-quoted scalar.
pub fn yaml_body(s: &str) -> std::borrow::Cow<'_, str> {
    crate::yaml::emit::quote_double(s)
}
