//! The named templates a config can call: am2amp's defaults, overridden by the user's files.

use foldhash::{HashMap, HashMapExt};

use super::ast::{List, Named, is_empty_tree};
use super::defaults;
use super::walk;

/// Named templates available to calls: the user's definitions override the defaults.
#[derive(Debug, Default, Clone)]
pub struct Library<'a> {
    bodies: HashMap<&'a str, &'a List>,
}

impl<'a> Library<'a> {
    /// am2amp's default templates plus the given user templates, each file's
    /// [tree set](super::Template::tree_set) after the other: a later one wins unless it is
    /// empty (Go's `associate`).
    pub fn new(user: impl IntoIterator<Item = Named<'a>>) -> Self {
        let mut bodies = HashMap::new();
        for d in &defaults::parsed().defines {
            bodies.insert(d.name.as_str(), &d.list);
        }
        for d in user {
            if !is_empty_tree(d.list) || !bodies.contains_key(d.name) {
                bodies.insert(d.name, d.list);
            }
        }
        Library { bodies }
    }

    /// The body of a template.
    pub fn get(&self, name: &str) -> Option<&'a List> {
        self.bodies.get(name).copied()
    }

    /// True when every template call in every body names a template here, no template calls
    /// itself (directly or through others) and no chain of calls nests more than `depth`
    /// templates. Then what a template's copy becomes does not depend on which field asked
    /// for it first (see [`super::copies::Copies::fields_independent`]).
    pub fn is_closed_and_flat(&self, depth: usize) -> bool {
        let mut callees: HashMap<&str, Vec<&str>> = HashMap::with_capacity(self.bodies.len());
        for (&name, body) in &self.bodies {
            let calls = walk::calls(body);
            if calls.iter().any(|c| !self.bodies.contains_key(c)) {
                return false;
            }
            callees.insert(name, calls);
        }
        // Heights by an iterative depth-first search: a template on the current path seen
        // again is a cycle.
        let mut height: HashMap<&str, usize> = HashMap::with_capacity(callees.len());
        let mut on_path: foldhash::HashSet<&str> = Default::default();
        for &root in callees.keys() {
            if height.contains_key(root) {
                continue;
            }
            let mut stack = vec![(root, 0usize)];
            on_path.insert(root);
            while let Some(&(name, next)) = stack.last() {
                let calls = &callees[name];
                if let Some(&c) = calls.get(next) {
                    let top = stack.len() - 1;
                    stack[top].1 += 1;
                    if on_path.contains(c) {
                        return false;
                    }
                    if !height.contains_key(c) {
                        on_path.insert(c);
                        stack.push((c, 0));
                    }
                    continue;
                }
                let h = 1 + calls.iter().map(|c| height[c]).max().unwrap_or(0);
                if h > depth {
                    return false;
                }
                height.insert(name, h);
                on_path.remove(name);
                stack.pop();
            }
        }
        true
    }
}
