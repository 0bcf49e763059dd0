//! Escaped copies of named templates. A converted field cannot call `x` (its output would not
//! be escaped), so it calls `am2amp:x`, a copy of `x` whose every printed byte is escaped and
//! whose own calls go to escaped copies too; the copies, and [`HELPER`], go to one template
//! file of the definition. Go runs a copy exactly like the original: dot and `$` are the
//! argument and the caller's variables are out of reach, so recursion and calls without an
//! argument behave as they did.
//!
//! With `--external-url`, `.ExternalURL` becomes the old Alertmanager's URL where dot is the
//! notification data. A copy called with the caller's own data gets that replacement
//! (`am2amp:x`); called with anything else, it does not (`am2amp.plain:x`).

use std::collections::BTreeMap;
use std::rc::Rc;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::Template;
use super::ast::Node;
use super::ast::{List, Pos};
use super::escape::{Copy, HELPER, escape, helper_body};
use super::library::Library;
use super::print::{self, Writer};
use super::subst::replace_data_field;
use super::walk;

/// How many nested calls are copied at once.
const MAX_DEPTH: usize = 32;

/// Prefix of the copies called with the notification data.
pub const PREFIX: &str = "am2amp:";
/// Prefix of the copies called with another argument (only with an external URL).
pub const PLAIN_PREFIX: &str = "am2amp.plain:";
/// Prefix of the parts of messages that many messages call (see [`Copies::shared`]).
pub const MESSAGE_PREFIX: &str = "am2amp.message:";

/// True for the names am2amp's generated template file defines.
pub fn is_reserved(name: &str) -> bool {
    name == HELPER
        || name.starts_with(PREFIX)
        || name.starts_with(PLAIN_PREFIX)
        || name.starts_with(MESSAGE_PREFIX)
}

/// An escaped copy.
#[derive(Debug, Clone)]
enum Made {
    /// Static text only: calls are replaced by it.
    Text(String),
    /// A template to call.
    Body(List),
    /// A template to call, printed already (adopted, see [`FieldCopies`]).
    Printed(Rc<str>),
}

/// The copies one field needed, made for that field alone: another config with the same
/// templates adopts them instead of making them again (see [`Copies::fields_independent`]).
#[derive(Debug, Clone, Default)]
pub struct FieldCopies(Vec<(String, Made)>);

/// True for a template file am2amp generated (converting its definition again).
pub fn is_generated(t: &Template) -> bool {
    t.defines.iter().any(|d| d.name == HELPER)
        && t.defines.iter().all(|d| is_reserved(&d.name))
        && t.root
            .iter()
            .all(|n| matches!(n, Node::Text(s, _) if s.trim().is_empty()))
}

/// The escaped copies one config needs, made on demand.
#[derive(Debug)]
pub struct Copies<'a> {
    lib: Library<'a>,
    external_url: Option<String>,
    /// Copy name → what replaces a call of it (`None` while it is being made: a recursive
    /// call).
    made: BTreeMap<String, Option<Made>>,
    /// Copies defined by the generated file of an input that was converted before.
    inherited: BTreeMap<String, List>,
    /// Templates am2amp wrote as text (see [`Copies::shared`]).
    shared: BTreeMap<String, Rc<str>>,
    /// Nested calls being made now.
    depth: usize,
    /// Copies to make once the current field is done: (copy, template, data).
    pending: Vec<(String, String, bool)>,
    /// Whether a template reads `ExternalURL`, by name.
    reads_url: HashMap<String, bool>,
    /// True once a message prints through [`HELPER`].
    used: bool,
    /// The first template found undefined while making the current field's copies.
    undefined: Option<String>,
}

impl<'a> Copies<'a> {
    /// Copies of the templates in `lib`; `external_url` replaces `.ExternalURL` of the data.
    pub fn new(lib: Library<'a>, external_url: Option<String>) -> Self {
        Copies {
            lib,
            external_url,
            made: BTreeMap::new(),
            inherited: BTreeMap::new(),
            shared: BTreeMap::new(),
            reads_url: HashMap::new(),
            depth: 0,
            pending: Vec::new(),
            used: false,
            undefined: None,
        }
    }

    /// Empty copies of the same templates (to make one field's copies alone).
    pub fn fresh(&self) -> Copies<'a> {
        Copies::new(self.lib.clone(), self.external_url.clone())
    }

    /// True when a field's copies are the same whichever fields were escaped before it: every
    /// call in the templates is defined, none recurses, and no chain of calls is deep enough
    /// to be deferred. Then the copies of fields made alone ([`Copies::made`]) can be
    /// [adopted](Copies::adopt) and the file comes out as if the fields had been escaped here.
    pub fn fields_independent(&self) -> bool {
        self.lib.is_closed_and_flat(MAX_DEPTH)
    }

    /// The copies made so far, bodies printed; `None` when no field was escaped.
    pub fn made(&self) -> Option<FieldCopies> {
        if !self.used {
            return None;
        }
        let made = self.made.iter().filter_map(|(name, made)| {
            Some(match made.as_ref()? {
                Made::Body(list) => (name.clone(), Made::Printed(print::nodes(list).into())),
                other => (name.clone(), other.clone()),
            })
        });
        Some(FieldCopies(made.collect()))
    }

    /// Adds the copies a field made alone needed (see [`Copies::fields_independent`]); the
    /// field counts as escaped here.
    pub fn adopt(&mut self, copies: &FieldCopies) {
        self.used = true;
        for (name, made) in &copies.0 {
            if !self.made.contains_key(name) {
                self.made.insert(name.clone(), Some(made.clone()));
            }
        }
    }

    /// Keeps the copies of a generated file (see [`is_generated`]) for the messages converted
    /// before, which call them; copies made now replace them.
    pub fn inherit(&mut self, generated: &Template) {
        for d in generated.defines.iter().filter(|d| d.name != HELPER) {
            self.inherited.insert(d.name.clone(), d.list.clone());
        }
        self.used = true;
    }

    /// Notes that a message prints through [`HELPER`] (every contract message does).
    pub fn use_helper(&mut self) {
        self.used = true;
    }

    /// Adds template `name` (a [`MESSAGE_PREFIX`] name) with the template text `body`, which
    /// am2amp generated in the printer's canonical form, unless it is there already.
    pub fn shared(&mut self, name: &str, body: &Rc<str>) {
        debug_assert!(name.starts_with(MESSAGE_PREFIX), "{name}");
        if !self.shared.contains_key(name) {
            self.shared.insert(name.to_string(), body.clone());
        }
    }

    /// The escaped form of a field's template (dot is the notification data), or the position
    /// of a call of an undefined template. A call of an undefined template deeper down leaves
    /// that copy empty; [`Copies::undefined`] names it.
    pub fn field(&mut self, list: List) -> Result<List, Pos> {
        let list = match &self.external_url {
            Some(url) => replace_data_field(list, "ExternalURL", url),
            None => list,
        };
        self.used = true;
        self.undefined = None;
        let escaped = escape(&list, &mut |name, own_dot| self.copy(name, own_dot));
        self.make_pending();
        escaped
    }

    /// The first template the last [`Copies::field`] call found undefined, directly or in a
    /// template it calls.
    pub fn undefined(&self) -> Option<&str> {
        self.undefined.as_deref()
    }

    /// What replaces a call of `name` with (`data`) or without the notification data as
    /// argument; `None` when `name`, or a template it calls, is undefined. Beyond
    /// [`MAX_DEPTH`] nested calls the copy is made later, from [`Copies::field`], so that no
    /// chain of calls can exhaust the stack.
    fn copy(&mut self, name: &str, data: bool) -> Option<Copy> {
        let data = data || self.external_url.is_none() || !self.reads_external_url(name);
        let copy = format!("{}{name}", if data { PREFIX } else { PLAIN_PREFIX });
        match self.made.get(&copy) {
            Some(Some(Made::Text(t))) => return Some(Copy::Text(t.clone())),
            Some(_) => return Some(Copy::Call(copy)),
            None => {}
        }
        if self.lib.get(name).is_none() {
            self.undefined.get_or_insert_with(|| name.to_string());
            return None;
        }
        self.made.insert(copy.clone(), None);
        if self.depth >= MAX_DEPTH {
            self.pending.push((copy.clone(), name.to_string(), data));
            return Some(Copy::Call(copy));
        }
        let Some(made) = self.make(name, data) else {
            self.made.remove(&copy);
            return None;
        };
        let replace = match &made {
            Made::Text(t) => Copy::Text(t.clone()),
            Made::Body(_) | Made::Printed(_) => Copy::Call(copy.clone()),
        };
        self.made.insert(copy, Some(made));
        Some(replace)
    }

    /// The escaped copy of `name`.
    fn make(&mut self, name: &str, data: bool) -> Option<Made> {
        let body = self.lib.get(name)?.clone();
        let body = match (&self.external_url, data) {
            (Some(url), true) => replace_data_field(body, "ExternalURL", url),
            _ => body,
        };
        self.depth += 1;
        let escaped = escape(&body, &mut |n, own_dot| self.copy(n, data && own_dot));
        self.depth -= 1;
        let escaped = escaped.ok()?;
        let text: Option<String> = escaped
            .iter()
            .map(|n| match n {
                Node::Text(t, _) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        Some(match text {
            Some(t) => Made::Text(t),
            None => Made::Body(escaped),
        })
    }

    /// Makes the copies deferred by [`Copies::copy`]. They are called by name already, so
    /// static ones are written as templates too; one that cannot be made (a call of an
    /// undefined template, which the lint reports) is left empty.
    fn make_pending(&mut self) {
        while let Some((copy, name, data)) = self.pending.pop() {
            let made = match self.make(&name, data) {
                Some(Made::Text(t)) => Made::Body(vec![Node::Text(t, 0..0)]),
                Some(made) => made,
                None => Made::Body(Vec::new()),
            };
            self.made.insert(copy, Some(made));
        }
    }

    /// Whether `name`, or a template it calls, reads a field `ExternalURL` (then the copy
    /// for the data differs from the plain one).
    fn reads_external_url(&mut self, name: &str) -> bool {
        if let Some(&known) = self.reads_url.get(name) {
            return known;
        }
        let mut seen = HashSet::new();
        let mut stack = vec![name.to_string()];
        let mut reads = false;
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            let Some(body) = self.lib.get(&n) else {
                continue;
            };
            walk::list(body, &mut |item| match item {
                walk::Item::Call(c) => stack.push(c.to_string()),
                walk::Item::Chain(chain) => {
                    reads |= chain.first().is_some_and(|f| f == "ExternalURL")
                }
                walk::Item::Function(..) => {}
            });
        }
        self.reads_url.insert(name.to_string(), reads);
        reads
    }

    /// The template file defining [`HELPER`] and every copy made, in name order; `None` when
    /// no field was escaped.
    pub fn file(&self) -> Option<String> {
        if !self.used {
            return None;
        }
        /// A template's body as nodes or as text.
        enum Body<'x> {
            Nodes(&'x List),
            Text(&'x str),
        }
        let mut bodies: BTreeMap<&str, Body> = self
            .inherited
            .iter()
            .map(|(n, l)| (n.as_str(), Body::Nodes(l)))
            .collect();
        for (name, made) in &self.made {
            match made {
                Some(Made::Body(body)) => bodies.insert(name, Body::Nodes(body)),
                Some(Made::Printed(text)) => bodies.insert(name, Body::Text(text)),
                _ => None,
            };
        }
        for (name, text) in &self.shared {
            bodies.insert(name, Body::Text(text));
        }
        let mut w = Writer::default();
        w.define(HELPER, &helper_body());
        w.text("\n");
        for (name, body) in bodies {
            match body {
                Body::Nodes(list) => w.define(name, list),
                Body::Text(text) => w.define_text(name, text),
            }
            w.text("\n");
        }
        let text = w.finish();
        Some(text)
    }
}
