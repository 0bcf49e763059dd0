//! Rewriting a template so that its output is the body of a YAML double-quoted scalar whose
//! decoded value is exactly what the original template prints.
//!
//! Static text is escaped now; every printing action becomes
//! `{{ reReplaceAll "^\"|\"$" "" (printf "%q" (print (PIPELINE))) }}`: Go's `%q` escapes are a
//! subset of YAML's double-quoted escapes, and stripping the outer quotes leaves the body.
//! `print` first turns any value into the text the template would have printed (`%q` alone would
//! print an integer as a quoted character). Control actions stay as they are. Template calls
//! must have been inlined first. Only functions present in Alertmanager 0.25 are used.

use super::ast::{Arg, Command, Control, List, Node, Pipe, Pos};

/// Returns the escaped equivalent of an inlined list, or the position of a remaining call.
pub fn escape(list: &List) -> Result<List, Pos> {
    list.iter()
        .map(|n| {
            Ok(match n {
                Node::Text(s, pos) => Node::Text(yaml_body(s).into_owned(), pos.clone()),
                Node::Action(p) if p.prints() => Node::Action(wrap_body(p)),
                Node::If(c) => Node::If(control(c)?),
                Node::Range(c) => Node::Range(control(c)?),
                Node::With(c) => Node::With(control(c)?),
                Node::Template(c) => return Err(c.pos.clone()),
                other => other.clone(),
            })
        })
        .collect()
}

fn control(c: &Control) -> Result<Control, Pos> {
    Ok(Control {
        pipe: c.pipe.clone(),
        list: escape(&c.list)?,
        else_list: c.else_list.as_ref().map(escape).transpose()?,
        chained: c.chained,
        pos: c.pos.clone(),
    })
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

/// A printing pipeline rewritten to print the YAML double-quoted body of its value.
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
