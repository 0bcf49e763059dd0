//! The functions a template can call, by Alertmanager version, with their result types.

use super::ast::{Pos, Template};
use super::types::Ty;
use super::walk;
use crate::model::Version;

/// A template function.
#[derive(Debug, Clone, Copy)]
pub struct Func {
    /// Its name.
    pub name: &'static str,
    /// The first Alertmanager version that has it.
    pub since: Version,
    /// What it returns (for field checks on its result).
    pub ret: Ty,
}

const fn f(name: &'static str, minor: u16, ret: Ty) -> Func {
    Func {
        name,
        since: Version::new(0, minor),
        ret,
    }
}

/// Go's builtins (Alertmanager 0.25 is built with Go 1.19) and Alertmanager's own functions.
pub const FUNCS: &[Func] = &[
    f("and", 25, Ty::Unknown),
    f("call", 25, Ty::Unknown),
    f("html", 25, Ty::Str),
    f("index", 25, Ty::Unknown),
    f("slice", 25, Ty::Unknown),
    f("js", 25, Ty::Str),
    f("len", 25, Ty::Int),
    f("not", 25, Ty::Bool),
    f("or", 25, Ty::Unknown),
    f("print", 25, Ty::Str),
    f("printf", 25, Ty::Str),
    f("println", 25, Ty::Str),
    f("urlquery", 25, Ty::Str),
    f("eq", 25, Ty::Bool),
    f("ge", 25, Ty::Bool),
    f("gt", 25, Ty::Bool),
    f("le", 25, Ty::Bool),
    f("lt", 25, Ty::Bool),
    f("ne", 25, Ty::Bool),
    f("toUpper", 25, Ty::Str),
    f("toLower", 25, Ty::Str),
    f("title", 25, Ty::Str),
    f("join", 25, Ty::Str),
    f("match", 25, Ty::Bool),
    f("safeHtml", 25, Ty::Str),
    f("reReplaceAll", 25, Ty::Str),
    f("stringSlice", 25, Ty::StrList),
    f("trimSpace", 26, Ty::Str),
    f("date", 28, Ty::Str),
    f("tz", 28, Ty::Unknown),
    f("since", 28, Ty::Unknown),
    f("humanizeDuration", 28, Ty::Str),
    f("toJson", 30, Ty::Str),
    f("urlUnescape", 30, Ty::Str),
    f("safeUrl", 30, Ty::Str),
    f("dict", 32, Ty::Unknown),
    f("list", 32, Ty::Unknown),
    f("append", 32, Ty::Unknown),
    f("base64encode", 32, Ty::Str),
    f("base64decode", 32, Ty::Str),
    f("now", 33, Ty::Unknown),
    f("toDate", 34, Ty::Unknown),
    f("mustToDate", 34, Ty::Unknown),
    f("routeLabels", 34, Ty::Unknown),
];

/// The function called `name`, if any version has it.
pub fn lookup(name: &str) -> Option<&'static Func> {
    FUNCS.iter().find(|f| f.name == name)
}

/// Every function name.
pub fn names() -> impl Iterator<Item = &'static str> {
    FUNCS.iter().map(|f| f.name)
}

/// The function names in a parsed text that no version defines, in text order. Go checks them
/// while parsing, so a template file holding one (even in a part nothing calls) stops
/// Alertmanager loading the config: `function "x" not defined`.
pub fn undefined_in(t: &Template) -> Vec<(&str, &Pos)> {
    let mut out = Vec::new();
    for list in std::iter::once(&t.root).chain(t.defines.iter().map(|d| &d.list)) {
        walk::list(list, &mut |item| {
            if let walk::Item::Function(name, pos) = item
                && lookup(name).is_none()
            {
                out.push((name, pos));
            }
        });
    }
    out.sort_by_key(|(_, pos)| pos.start);
    out
}
