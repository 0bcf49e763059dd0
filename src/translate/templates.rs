//! Template files in the output: each file under a unique bare name (AMP rejects paths), in
//! the order Alertmanager loads them, then am2amp's file of escaped copies.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Code, Diagnostic};
use crate::gotmpl::ast::is_empty_tree;
use crate::gotmpl::copies;
use crate::lint::ParsedFile;
use crate::source::{Sources, Span};
use crate::yaml::{Entry, Node};

/// The name am2amp's own template file gets, unless a user file has it.
const GENERATED: &str = "am2amp.tmpl";

/// `template_files` entries (name → text) and the names for `templates:`, without the file
/// am2amp generated when the input was converted before (it is generated again). The names
/// come in [`parse_order`], so AMP parses the files as Alertmanager did. Of files read from
/// different directories under one name, the one whose text Go calls by that name keeps it
/// (the last with a body, else the first parsed); the others are renamed. `order` is
/// [`parse_order`]`(parsed)`.
pub fn files(
    parsed: &[ParsedFile],
    order: &[usize],
    sources: &Sources,
) -> (Vec<(String, String)>, Vec<String>) {
    let kept = |i: &usize| !copies::is_generated(&parsed[*i].template);
    let body = |i: usize| !is_empty_tree(&parsed[i].template.root);
    let first = |i: usize| parsed[i].file.parses.first().copied();
    let mut owner: BTreeMap<&str, usize> = BTreeMap::new();
    for i in (0..parsed.len()).filter(kept) {
        owner
            .entry(&parsed[i].file.name)
            .and_modify(|o| {
                if body(i) || (!body(*o) && first(i) < first(*o)) {
                    *o = i;
                }
            })
            .or_insert(i);
    }
    let mut used: BTreeSet<String> = owner.keys().map(|n| n.to_string()).collect();
    let mut names = vec![String::new(); parsed.len()];
    let mut files = Vec::new();
    for i in (0..parsed.len()).filter(kept) {
        let p = &parsed[i];
        names[i] = if owner[p.file.name.as_str()] == i {
            p.file.name.clone()
        } else {
            let name = unique(&p.file.name, &used);
            used.insert(name.clone());
            name
        };
        files.push((names[i].clone(), sources.get(p.file.source).text.clone()));
    }
    let order = order.iter().filter(|i| kept(i));
    (files, order.map(|&i| names[i].clone()).collect())
}

/// Indices of `parsed` in the order Go parses the files: a file once for each `templates:`
/// match (a later parse redoes a file's definitions, but an empty template stays as first
/// parsed).
pub fn parse_order(parsed: &[ParsedFile]) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = parsed
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.file.parses.iter().map(move |&n| (n, i)))
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}

/// Adds am2amp's template file after the user's.
pub fn add_generated(files: &mut Vec<(String, String)>, names: &mut Vec<String>, text: String) {
    let used = names.iter().cloned().collect();
    let name = unique(GENERATED, &used);
    names.push(name.clone());
    files.push((name, text));
}

/// Sets `templates:` of the inner config to `names`: in place, after `global` when it is
/// missing, removed when there are none.
pub fn set_entry(config: &mut Vec<Entry>, names: &[String]) {
    let at = config
        .iter()
        .position(|e| e.key.as_str() == Some("templates"));
    if names.is_empty() {
        if let Some(i) = at {
            config.remove(i);
        }
        return;
    }
    let value = Node::seq(names.iter().map(Node::string).collect());
    match at {
        Some(i) => config[i].value = value,
        None => {
            let after_global = config
                .iter()
                .position(|e| e.key.as_str() == Some("global"))
                .map_or(0, |i| i + 1);
            config.insert(
                after_global,
                Entry {
                    key: Node::string("templates"),
                    value,
                },
            );
        }
    }
}

/// Reports user templates named like those am2amp generates.
pub fn reserved(parsed: &[ParsedFile], diags: &mut Vec<Diagnostic>) {
    for p in parsed.iter().filter(|p| !copies::is_generated(&p.template)) {
        for d in p
            .template
            .defines
            .iter()
            .filter(|d| copies::is_reserved(&d.name))
        {
            diags.push(
                Diagnostic::new(
                    Code::ReservedTemplate,
                    Span::new(p.file.source, d.name_pos.clone()),
                    format!("template name `{}` is reserved by am2amp", d.name),
                )
                .label("am2amp defines this name in the converted definition")
                .help("rename the template (and its calls)"),
            );
        }
    }
}

/// `name`, or `stem-2.ext`, `stem-3.ext`, … when it is taken.
fn unique(name: &str, used: &BTreeSet<String>) -> String {
    if !used.contains(name) {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| format!("{stem}-{n}{ext}"))
        .find(|c| !used.contains(c))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut used = BTreeSet::new();
        used.insert("team.tmpl".to_string());
        assert_eq!(unique("team.tmpl", &used), "team-2.tmpl");
        assert_eq!(unique("other.tmpl", &used), "other.tmpl");
        used.insert("team-2.tmpl".into());
        assert_eq!(unique("team.tmpl", &used), "team-3.tmpl");
        used.insert("x".into());
        assert_eq!(unique("x", &used), "x-2");
    }
}
