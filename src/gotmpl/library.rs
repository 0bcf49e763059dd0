//! The named templates a config can call: am2amp's defaults, overridden by the user's files.

use std::collections::HashMap;

use super::ast::List;
use super::{Template, defaults};

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
