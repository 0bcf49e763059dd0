//! `<<` merge keys applied as Go's yaml.v2 decodes them into Alertmanager's types: in document
//! order, each value decoded into what the key already holds. For most fields that replaces
//! it; a Go map or a struct decoded in place keeps what it held, so two mappings set for one
//! key are joined.

use foldhash::{HashMap, HashMapExt};

use super::{Entry, Kind, Node};
use crate::source::Span;

/// What becomes of a value set again for a key that already holds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// The later value replaces the earlier (scalars, lists, and Go types whose unmarshaller
    /// starts again from defaults).
    Replace,
    /// The keys of both count, and a key in both is an error (a Go map, which yaml.v2's strict
    /// mode refuses to set a key of twice).
    Union,
    /// The keys of both count, a later value replacing an earlier one unless its own key
    /// combines (a Go struct decoded again in place).
    Overlay,
    /// Within one mapping the later list replaces; when the struct holding it is decoded
    /// twice, the two lists are joined (the labels `Route.UnmarshalYAML` appends to on each
    /// call).
    Append,
}

/// How the value at a path combines: the path's keys from the root, `None` for a list item.
/// The mapping a `<<` merges into stands for the `<<` itself.
pub type MergeRule = fn(&[Option<&str>]) -> Combine;

/// Every value replaces: the YAML reading, for documents that are not Alertmanager configs.
pub fn replace_all(_: &[Option<&str>]) -> Combine {
    Combine::Replace
}

/// What applying merges noticed, reported by the loader.
#[derive(Debug)]
pub(super) enum MergeNote {
    /// A mapping's own key (first span) whose value a later `<<` (second) replaced.
    Replaced(Span, Span),
    /// Two mappings joined for one key: where the first and the later were set (an own key
    /// or a `<<`), and the key.
    Joined(Span, Span, String),
    /// A key set twice in a joined Go map: the later key, the first, and its text.
    Duplicate(Span, Span, String),
}

/// A `<<` entry: where its key is, how many of the mapping's own entries precede it, and the
/// mappings it merges (first to last as written).
pub(super) struct Merge {
    pub key: Span,
    pub after: usize,
    pub sources: Vec<Node>,
}

/// One value set for a key: when it was decoded, where it was set, and whether by the
/// mapping's own entry.
struct Set {
    time: (usize, usize, usize),
    value: Node,
    at: Span,
    own: bool,
}

/// Applies `<<` merges as yaml.v2 decodes them. Keys: the mapping's own, then those only
/// merges set, first mapping first. Values: decoded in document order, where a merge sequence
/// is decoded from its last mapping to its first, so a merge replaces the mapping's own keys
/// written before it (the YAML spec, and most tools, would keep them), unless `rule` says
/// the two values combine. `path` is where the mapping is.
pub(super) fn apply(
    entries: &mut Vec<Entry>,
    merges: Vec<Merge>,
    path: &mut Vec<Option<String>>,
    rule: MergeRule,
    notes: &mut Vec<MergeNote>,
) {
    let own = entries.len();
    let mut index = first_keys(entries);
    // Values merges set for each entry; own entry i was decoded at (2i + 1, 0, 0), merge m,
    // placed after `a` own entries, decodes its mapping j of n at (2a, m, n - 1 - j).
    let mut sets: Vec<Vec<Set>> = (0..own).map(|_| Vec::new()).collect();
    for (m, merge) in merges.into_iter().enumerate() {
        let n = merge.sources.len();
        for (j, source) in merge.sources.into_iter().enumerate() {
            let Kind::Map(extra) = source.kind else {
                continue;
            };
            for e in extra {
                let i = match e.key.as_str().and_then(|k| index.get(k)) {
                    Some(&i) => i,
                    None => {
                        if let Some(k) = e.key.as_str() {
                            index.insert(k.to_string(), entries.len());
                        }
                        entries.push(Entry {
                            key: e.key,
                            value: null_at(merge.key),
                        });
                        sets.push(Vec::new());
                        entries.len() - 1
                    }
                };
                sets[i].push(Set {
                    time: (2 * merge.after, m, n - 1 - j),
                    value: e.value,
                    at: merge.key,
                    own: false,
                });
            }
        }
    }
    // A Go map refuses every key set twice, whoever sets it.
    let map = how(rule, path) == Combine::Union;
    for (i, mut list) in sets.into_iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let entry = &mut entries[i];
        if i < own {
            list.push(Set {
                time: (2 * i + 1, 0, 0),
                value: std::mem::replace(&mut entry.value, null_at(entry.key.span)),
                at: entry.key.span,
                own: true,
            });
        }
        list.sort_by_key(|s| s.time);
        path.push(Some(entry.key.as_str().unwrap_or_default().to_string()));
        let mut list = list.into_iter();
        let mut done = list.next().expect("a value");
        let key = || entry.key.as_str().unwrap_or_default().to_string();
        for later in list {
            done = if map {
                notes.push(MergeNote::Duplicate(later.at, done.at, key()));
                done
            } else if joins(rule, path, &done.value, &later.value) {
                notes.push(MergeNote::Joined(done.at, later.at, key()));
                Set {
                    value: combine(done.value, later.value, path, rule, notes),
                    ..later
                }
            } else {
                if done.own && !later.own {
                    notes.push(MergeNote::Replaced(done.at, later.at));
                }
                later
            };
        }
        path.pop();
        entry.value = done.value;
    }
}

/// True when a mapping set at `path` over a mapping joins with it.
fn joins(rule: MergeRule, path: &[Option<String>], first: &Node, later: &Node) -> bool {
    let both = matches!(first.kind, Kind::Map(_)) && matches!(later.kind, Kind::Map(_));
    both && matches!(how(rule, path), Combine::Union | Combine::Overlay)
}

/// What `rule` says for `path`.
fn how(rule: MergeRule, path: &[Option<String>]) -> Combine {
    let view: Vec<Option<&str>> = path.iter().map(Option::as_deref).collect();
    rule(&view)
}

/// Where each key is first, among `entries`.
fn first_keys(entries: &[Entry]) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(k) = e.key.as_str() {
            index.entry(k.to_string()).or_insert(i);
        }
    }
    index
}

/// `later` decoded into `first`, two mappings at `path` (whose rule joins them).
fn combine(
    first: Node,
    later: Node,
    path: &mut Vec<Option<String>>,
    rule: MergeRule,
    notes: &mut Vec<MergeNote>,
) -> Node {
    let union = how(rule, path) == Combine::Union;
    let (Kind::Map(mut entries), Kind::Map(extra)) = (first.kind, later.kind) else {
        unreachable!("joins() checked both are mappings");
    };
    let mut index = first_keys(&entries);
    let mut kept = vec![true; entries.len()];
    for e in extra {
        let Some(k) = e.key.as_str().map(str::to_string) else {
            entries.push(e);
            continue;
        };
        let Some(&at) = index.get(&k) else {
            index.insert(k, entries.len());
            entries.push(e);
            continue;
        };
        if union {
            // yaml.v2 keeps the first value and records the error.
            notes.push(MergeNote::Duplicate(e.key.span, entries[at].key.span, k));
            continue;
        }
        path.push(Some(k));
        kept[at] = false;
        let old = std::mem::replace(&mut entries[at].value, null_at(e.key.span));
        let seqs = matches!(old.kind, Kind::Seq(_)) && matches!(e.value.kind, Kind::Seq(_));
        entries[at].value = if seqs && how(rule, path) == Combine::Append {
            append(old, e.value)
        } else if joins(rule, path, &old, &e.value) {
            combine(old, e.value, path, rule, notes)
        } else {
            e.value
        };
        path.pop();
    }
    // A list appended to on each decode, which the later mapping leaves alone, is appended again.
    for (e, _) in entries.iter_mut().zip(kept).filter(|(_, kept)| *kept) {
        if let (Some(k), Kind::Seq(_)) = (e.key.as_str(), &e.value.kind) {
            path.push(Some(k.to_string()));
            if how(rule, path) == Combine::Append {
                e.value = append(e.value.clone(), e.value.clone());
            }
            path.pop();
        }
    }
    Node {
        span: later.span,
        kind: Kind::Map(entries),
    }
}

/// Two lists, `later`'s items after `first`'s.
fn append(first: Node, later: Node) -> Node {
    let (Kind::Seq(mut items), Kind::Seq(more)) = (first.kind, later.kind) else {
        unreachable!("the caller checked both are lists");
    };
    items.extend(more);
    Node {
        span: later.span,
        kind: Kind::Seq(items),
    }
}

fn null_at(span: Span) -> Node {
    Node {
        span,
        kind: Kind::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::Combine;
    use crate::diag::Code;
    use crate::source::SourceId;
    use crate::yaml::{Limits, emit_document, load_with};

    fn rule(path: &[Option<&str>]) -> Combine {
        match path {
            [Some("m")] | [Some("s"), Some("m")] => Combine::Union,
            [Some("s")] => Combine::Overlay,
            [Some("s"), Some("l")] => Combine::Append,
            _ => Combine::Replace,
        }
    }

    fn load(text: &str) -> (String, Vec<Code>) {
        let (node, diags) = load_with(text, SourceId(0), &Limits::default(), rule).unwrap();
        (emit_document(&node), diags.iter().map(|d| d.code).collect())
    }

    #[test]
    fn mappings_join_in_decode_order() {
        let (out, codes) = load(
            "<<: {m: {a: 1}, s: {x: 1, y: 1, m: {p: 1}}, r: {a: 1}}\n\
             m: {b: 2}\ns: {y: 2, m: {q: 2}}\nr: {b: 2}\n",
        );
        assert_eq!(
            out,
            "m:\n  a: 1\n  b: 2\ns:\n  x: 1\n  y: 2\n  m:\n    p: 1\n    q: 2\nr:\n  b: 2\n"
        );
        assert_eq!(codes, [Code::MergeOrder, Code::MergeOrder]);
    }

    #[test]
    fn a_key_both_maps_set_keeps_the_first_and_is_an_error() {
        let (out, codes) = load("m: {a: 1}\n<<: {m: {a: 2, b: 2}}\n");
        assert_eq!(out, "m:\n  a: 1\n  b: 2\n");
        assert_eq!(codes, [Code::MergeOrder, Code::DuplicateKey]);
    }

    #[test]
    fn a_map_refuses_a_key_a_merge_sets_again() {
        let (out, codes) = load("m: {a: 1, <<: {a: 2, b: 2}}\n");
        assert_eq!(out, "m:\n  a: 1\n  b: 2\n");
        assert_eq!(codes, [Code::DuplicateKey]);
    }

    #[test]
    fn lists_append_only_when_their_struct_is_decoded_twice() {
        let (out, _) = load("s: {l: [a], <<: {l: [b]}}\n<<: {s: {l: [c]}}\n");
        assert_eq!(out, "s:\n  l:\n    - b\n    - c\n");
        let (out, _) = load("s: {l: [a]}\n<<: {s: {x: 1}}\n");
        assert_eq!(out, "s:\n  l:\n    - a\n    - a\n  x: 1\n");
    }
}
