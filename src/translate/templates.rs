//! Template files in the output: each file under a unique bare name (AMP rejects paths), in
//! the order Alertmanager loads them.

use std::collections::BTreeSet;

use crate::lint::ParsedFile;
use crate::source::Sources;

/// `template_files` entries (name → text) and the names for `templates:`.
pub fn files(parsed: &[ParsedFile], sources: &Sources) -> (Vec<(String, String)>, Vec<String>) {
    let mut used = BTreeSet::new();
    let mut files = Vec::new();
    for p in parsed {
        let name = unique(&p.file.name, &used);
        used.insert(name.clone());
        files.push((name, sources.get(p.file.source).text.clone()));
    }
    let names = files.iter().map(|(n, _)| n.clone()).collect();
    (files, names)
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
