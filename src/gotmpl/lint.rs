//! Lint: undefined templates, unknown functions, functions newer than the target
//! Alertmanager, and fields that do not exist on Alertmanager's data.

use foldhash::HashSet;

use super::ast::{Arg, Command, Control, List, Node, Pipe, Pos};
use super::defaults;
use super::funcs;
use super::types::Ty;
use crate::diag::{Code, suggest};
use crate::model::Version;

/// One problem in a template, positioned in the template text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The diagnostic code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// Short text at the position.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where, in the template text.
    pub pos: Pos,
}

/// What the linter knows besides the template itself.
#[derive(Debug, Clone)]
pub struct Env<'a> {
    /// Templates the user's files define.
    pub user: &'a HashSet<String>,
    /// The Alertmanager version the template must run on.
    pub target: Version,
}

/// The result of linting one body.
#[derive(Debug, Default, Clone)]
pub struct Lint {
    /// Problems found.
    pub findings: Vec<Finding>,
    /// User templates called, with the type of their argument (to lint them with that type).
    pub calls: Vec<(String, Ty)>,
    /// Functions newer than 0.25 that are used: (name, version, position).
    pub newer: Vec<(String, Version, Pos)>,
}

/// Lints a body whose dot (and `$`) has type `dot`.
pub fn lint(list: &List, dot: Ty, env: &Env) -> Lint {
    let mut l = Linter {
        env,
        out: Lint::default(),
        vars: vec![("$".to_string(), dot)],
    };
    l.list(list, dot);
    l.out
}

struct Linter<'a, 'e> {
    env: &'a Env<'e>,
    out: Lint,
    vars: Vec<(String, Ty)>,
}

impl Linter<'_, '_> {
    fn push(&mut self, code: Code, pos: &Pos, message: String, label: &str, help: Option<String>) {
        self.out.findings.push(Finding {
            code,
            message,
            label: label.to_string(),
            help,
            pos: pos.clone(),
        });
    }

    fn list(&mut self, list: &List, dot: Ty) {
        for n in list {
            self.node(n, dot);
        }
    }

    fn scoped(&mut self, list: &List, dot: Ty) {
        let saved = self.vars.len();
        self.list(list, dot);
        self.vars.truncate(saved);
    }

    fn node(&mut self, n: &Node, dot: Ty) {
        match n {
            Node::Text(..) | Node::Break(_) | Node::Continue(_) => {}
            Node::Action(p) => {
                self.pipe(p, dot);
            }
            Node::If(c) => self.control(c, dot, |_, _| (None, None)),
            Node::With(c) => {
                if let Some([Node::With(inner)]) = c.else_list.as_deref()
                    && inner.chained
                    && self.env.target < Version::new(0, 28)
                {
                    self.push(
                            Code::FunctionVersion,
                            &inner.pos,
                            format!("`{{{{ else with }}}}` needs Alertmanager 0.28 (Go 1.23); the target is {}", self.env.target),
                            "not in the target version",
                            Some("write `{{ else }}{{ with ... }}...{{ end }}` instead".into()),
                        );
                }
                self.control(c, dot, |t, _| (Some(t), None))
            }
            Node::Range(c) => self.control(c, dot, |t, decl| {
                let (k, e) = t.range();
                (Some(e), (decl == 2).then_some(k))
            }),
            Node::Template(call) => {
                let arg = call
                    .pipe
                    .as_ref()
                    .map_or(Ty::Unknown, |p| self.pipe(p, dot));
                self.template_call(&call.name, &call.name_pos, arg);
            }
        }
    }

    /// `body` gives (the dot inside the body, the type of the first declared variable of a
    /// two-variable range).
    fn control(
        &mut self,
        c: &Control,
        dot: Ty,
        body: impl Fn(Ty, usize) -> (Option<Ty>, Option<Ty>),
    ) {
        let saved = self.vars.len();
        let decls = c.pipe.decl.len();
        let t = self.pipe_value(&c.pipe, dot);
        let (inner, key) = body(t, decls);
        match (decls, key) {
            (2, Some(k)) => {
                self.vars.push((c.pipe.decl[0].0.clone(), k));
                self.vars
                    .push((c.pipe.decl[1].0.clone(), inner.unwrap_or(Ty::Unknown)));
            }
            (1, _) => self
                .vars
                .push((c.pipe.decl[0].0.clone(), inner.unwrap_or(t))),
            _ => {}
        }
        self.scoped(&c.list, inner.unwrap_or(dot));
        if let Some(e) = &c.else_list {
            self.scoped(e, dot);
        }
        self.vars.truncate(saved);
    }

    fn template_call(&mut self, name: &str, pos: &Pos, arg: Ty) {
        if self.env.user.contains(name) {
            self.out.calls.push((name.to_string(), arg));
            return;
        }
        match defaults::since(name) {
            Some(v) if v <= self.env.target => {}
            Some(v) => self.push(
                Code::FunctionVersion,
                pos,
                format!("template `{name}` needs Alertmanager {v}; the target is {}", self.env.target),
                "not in the target version",
                Some("define it in a template file, or raise `--alertmanager-version` if AMP runs a newer Alertmanager".into()),
            ),
            None => {
                let known = defaults::NAMES.iter().map(|(n, _)| *n).chain(self.env.user.iter().map(String::as_str));
                let help = suggest::did_you_mean(name, known)
                    .unwrap_or_else(|| "define it in a file listed under `templates:`".into());
                self.push(
                    Code::UndefinedTemplate,
                    pos,
                    format!("template `{name}` is not defined"),
                    "no template has this name",
                    Some(help),
                );
            }
        }
    }

    /// Types a pipeline whose declarations are handled by the caller.
    fn pipe_value(&mut self, p: &Pipe, dot: Ty) -> Ty {
        let mut value = None;
        for cmd in &p.cmds {
            value = Some(self.command(cmd, dot));
        }
        value.unwrap_or(Ty::Unknown)
    }

    fn pipe(&mut self, p: &Pipe, dot: Ty) -> Ty {
        let t = self.pipe_value(p, dot);
        for (name, _) in &p.decl {
            if p.is_assign {
                if let Some(v) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                    v.1 = t;
                }
            } else {
                self.vars.push((name.clone(), t));
            }
        }
        t
    }

    fn command(&mut self, cmd: &Command, dot: Ty) -> Ty {
        let mut arg_types = Vec::with_capacity(cmd.args.len());
        for a in &cmd.args[1..] {
            arg_types.push(self.arg(a, dot));
        }
        match &cmd.args[0] {
            Arg::Identifier(name, pos) => {
                let Some(f) = self.function(name, pos) else {
                    return Ty::Unknown;
                };
                match name.as_str() {
                    "index" => arg_types.first().map_or(Ty::Unknown, |t| match t {
                        Ty::Alerts => Ty::Alert,
                        Ty::Kv | Ty::StrList => Ty::Str,
                        Ty::Pairs => Ty::Pair,
                        _ => Ty::Unknown,
                    }),
                    "slice" => arg_types.first().copied().unwrap_or(Ty::Unknown),
                    _ => f.ret,
                }
            }
            first => self.arg(first, dot),
        }
    }

    fn function(&mut self, name: &str, pos: &Pos) -> Option<&'static funcs::Func> {
        match funcs::lookup(name) {
            None => {
                let help = suggest::did_you_mean(name, funcs::names()).unwrap_or_else(|| {
                    "see Alertmanager's template reference for the functions it provides".into()
                });
                self.push(
                    Code::UnknownFunction,
                    pos,
                    format!("function `{name}` is not defined"),
                    "unknown function",
                    Some(help),
                );
                None
            }
            Some(f) => {
                if f.since > Version::V0_25 {
                    self.out
                        .newer
                        .push((name.to_string(), f.since, pos.clone()));
                }
                if f.since > self.env.target {
                    self.push(
                        Code::FunctionVersion,
                        pos,
                        format!(
                            "function `{name}` needs Alertmanager {}; the target is {}",
                            f.since, self.env.target
                        ),
                        "not in the target version",
                        Some(alternative(name)),
                    );
                }
                Some(f)
            }
        }
    }

    fn arg(&mut self, a: &Arg, dot: Ty) -> Ty {
        match a {
            Arg::Dot(_) => dot,
            Arg::Field(chain, pos) => self.chain(dot, chain, pos),
            Arg::Variable(v, chain, pos) => {
                let base = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == v)
                    .map_or(Ty::Unknown, |(_, t)| *t);
                self.chain(base, chain, pos)
            }
            Arg::Pipe(p, chain, pos) => {
                let base = self.pipe(p, dot);
                self.chain(base, chain, pos)
            }
            Arg::Identifier(name, pos) => self.function(name, pos).map_or(Ty::Unknown, |f| f.ret),
            Arg::String(..) => Ty::Str,
            Arg::Number(..) => Ty::Int,
            Arg::Bool(..) => Ty::Bool,
            Arg::Nil(_) => Ty::Unknown,
        }
    }

    fn chain(&mut self, base: Ty, chain: &[String], pos: &Pos) -> Ty {
        let mut t = base;
        for name in chain {
            match t.field(name) {
                Ok(next) => t = next,
                Err(e) => {
                    let help = match e.suggestion {
                        Some(s) => Some(format!("did you mean `.{s}`?")),
                        None if t == Ty::Data => Some(
                            "the notification data has Receiver, Status, Alerts, GroupLabels, CommonLabels, CommonAnnotations and ExternalURL; per-alert fields such as Labels exist inside `{{ range .Alerts }}`".into(),
                        ),
                        None => None,
                    };
                    self.push(
                        Code::TemplateField,
                        pos,
                        format!("can't evaluate field `{name}` in type {}", e.type_name),
                        "no such field",
                        help,
                    );
                    return Ty::Unknown;
                }
            }
        }
        t
    }
}

fn alternative(name: &str) -> String {
    match name {
        "toJson" => "AMP may run an Alertmanager without `toJson`; build the value with `printf \"%q\"` instead, or raise `--alertmanager-version`".into(),
        "trimSpace" => "use `reReplaceAll \"^\\\\s+|\\\\s+$\" \"\"` instead, or raise `--alertmanager-version`".into(),
        _ => "avoid this function, or raise `--alertmanager-version` if AMP runs a newer Alertmanager".into(),
    }
}
