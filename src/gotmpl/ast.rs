//! The syntax tree of a Go `text/template`, with byte spans into the template text.

use std::ops::Range;

/// A byte range in the template text.
pub type Pos = Range<usize>;

/// A sequence of nodes.
pub type List = Vec<Node>;

/// A node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Literal text (already trimmed by `{{-`/`-}}`).
    Text(String, Pos),
    /// `{{ pipeline }}`: prints unless the pipeline declares or assigns variables.
    Action(Pipe),
    /// `{{ if }}`.
    If(Control),
    /// `{{ range }}`.
    Range(Control),
    /// `{{ with }}`.
    With(Control),
    /// `{{ template "name" pipeline }}` (also the call part of `{{ block }}`).
    Template(Call),
    /// `{{ break }}`.
    Break(Pos),
    /// `{{ continue }}`.
    Continue(Pos),
}

/// The parts of `if`, `range` and `with`.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    /// The condition or ranged-over pipeline.
    pub pipe: Pipe,
    /// The body.
    pub list: List,
    /// The `else` branch. An `else if` is an `else` holding one `If` with `else_if` set.
    pub else_list: Option<List>,
    /// True for an `If` written as `{{ else if }}` of its parent.
    pub chained: bool,
    /// The whole construct.
    pub pos: Pos,
}

/// A template invocation.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The template name.
    pub name: String,
    /// Where the name literal is.
    pub name_pos: Pos,
    /// The argument (dot inside the template), if any.
    pub pipe: Option<Pipe>,
    /// The whole action.
    pub pos: Pos,
}

/// `declarations? command ('|' command)*`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipe {
    /// Declared or assigned variables (`$x` in `$x := ...`).
    pub decl: Vec<(String, Pos)>,
    /// True for `=`, false for `:=`.
    pub is_assign: bool,
    /// The commands.
    pub cmds: Vec<Command>,
    /// Where the pipeline is.
    pub pos: Pos,
}

impl Pipe {
    /// True when the action prints its value (no declaration or assignment).
    pub fn prints(&self) -> bool {
        self.decl.is_empty()
    }
}

/// One command: operands separated by spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    /// Operands; the first is the function or value.
    pub args: Vec<Arg>,
    /// Where the command is.
    pub pos: Pos,
}

/// An operand.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `.`
    Dot(Pos),
    /// `.A.B`
    Field(Vec<String>, Pos),
    /// `$x.A.B` (`$` alone is the data).
    Variable(String, Vec<String>, Pos),
    /// A function name.
    Identifier(String, Pos),
    /// `(pipeline)` optionally followed by `.A.B`.
    Pipe(Box<Pipe>, Vec<String>, Pos),
    /// A string literal: (as written, value).
    String(String, String, Pos),
    /// A number, character constant or complex literal, as written.
    Number(String, Pos),
    /// `true` or `false`.
    Bool(bool, Pos),
    /// `nil`
    Nil(Pos),
}

impl Arg {
    /// Where the operand is.
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Dot(p)
            | Arg::Field(_, p)
            | Arg::Variable(_, _, p)
            | Arg::Identifier(_, p)
            | Arg::Pipe(_, _, p)
            | Arg::String(_, _, p)
            | Arg::Number(_, p)
            | Arg::Bool(_, p)
            | Arg::Nil(p) => p.clone(),
        }
    }
}

/// A parsed template text: its main body and the templates it defines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    /// The body outside any `define`.
    pub root: List,
    /// `{{ define "name" }}` and `{{ block "name" }}` bodies, in order of appearance.
    pub defines: Vec<Define>,
}

impl Template {
    /// The templates this text defines when Go parses it as file `file` (`ParseFiles`): its
    /// definitions in order, then its own body, named after the file.
    pub fn named<'a>(&'a self, file: Option<&'a str>) -> impl Iterator<Item = Named<'a>> {
        let defines = self.defines.iter().map(|d| Named {
            name: &d.name,
            pos: d.name_pos.clone(),
            list: &d.list,
            file_body: false,
        });
        let body = file.map(|name| Named {
            name,
            pos: self.root.iter().find_map(visible_pos).unwrap_or(0..0),
            list: &self.root,
            file_body: true,
        });
        defines.chain(body)
    }

    /// The templates Go keeps from this text parsed as file `file`: of [`Template::named`]'s
    /// entries under one name, the first with a body, else the last (`parse.Tree.add`).
    pub fn tree_set<'a>(&'a self, file: Option<&'a str>) -> Vec<Named<'a>> {
        let mut set: Vec<Named<'a>> = Vec::with_capacity(self.defines.len() + 1);
        let mut at: foldhash::HashMap<&str, usize> = Default::default();
        for d in self.named(file) {
            match at.get(d.name) {
                Some(&i) if is_empty_tree(set[i].list) => set[i] = d,
                Some(_) => {}
                None => {
                    at.insert(d.name, set.len());
                    set.push(d);
                }
            }
        }
        set
    }
}

/// A template a text defines (see [`Template::named`]).
#[derive(Debug, Clone)]
pub struct Named<'a> {
    /// Its name.
    pub name: &'a str,
    /// Where its name is; for a file's body, where the body's first visible part is.
    pub pos: Pos,
    /// Its body.
    pub list: &'a List,
    /// True for a file's own body (named after the file).
    pub file_body: bool,
}

/// Where a node is, unless it is white space.
fn visible_pos(n: &Node) -> Option<Pos> {
    match n {
        Node::Text(t, _) if t.trim().is_empty() => None,
        Node::Text(_, p) | Node::Break(p) | Node::Continue(p) => Some(p.clone()),
        Node::Action(p) => Some(p.pos.clone()),
        Node::If(c) | Node::Range(c) | Node::With(c) => Some(c.pos.clone()),
        Node::Template(c) => Some(c.pos.clone()),
    }
}

/// Go's `parse.IsEmptyTree`: nothing but white space (comments are not kept). A definition
/// with an empty body never replaces an existing one of the same name.
pub fn is_empty_tree(list: &List) -> bool {
    list.iter()
        .all(|n| matches!(n, Node::Text(t, _) if t.trim().is_empty()))
}

/// A named template definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Define {
    /// Its name.
    pub name: String,
    /// Where the name is.
    pub name_pos: Pos,
    /// Its body.
    pub list: List,
}
