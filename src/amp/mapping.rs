//! Findings about a run's topic mapping as a whole: an entry that no converted config used,
//! named like a receiver that was given the `--topic-arn` template's topic instead, is most
//! likely misspelled, and that receiver's alerts go to a topic nobody meant.

use crate::diag::suggest::closest;
use crate::diag::{Code, Diagnostic};
use crate::report::Report;
use crate::source::{Source, Sources, Span};
use crate::translate::topics::{MappingFiles, TopicUse, Topics};

/// Checks the mapping against what every config of a run used. The report names the mapping's
/// files; it is empty when nothing looks misspelled (or when [`Topics::tracks_use`] is false,
/// as nothing was collected then). Entries used by no config but resembling no templated
/// receiver are left alone: a mapping shared by many configs lists receivers of configs this
/// run did not read.
pub fn stray_entries(topics: &Topics, files: &MappingFiles, used: &TopicUse) -> Report {
    let mut report = Report {
        name: "topic mapping".into(),
        ..Report::default()
    };
    if !topics.tracks_use() {
        return report;
    }
    let ids: Vec<_> = files
        .files
        .iter()
        .map(|(name, text)| report.sources.add(Source::new(name.clone(), text.clone())))
        .collect();
    for (file, range) in &files.hidden {
        if let Some(id) = ids.get(*file) {
            report.sources.mark_secret(Span::new(*id, range.clone()));
        }
    }
    let templated = used.templated.keys().map(String::as_str);
    for entry in topics.map.keys().filter(|k| !used.mapped.contains(*k)) {
        let Some(near) = closest(entry, templated.clone()) else {
            continue;
        };
        let at = files
            .keys
            .get(entry)
            .and_then(|(file, range)| Some(Span::new(*ids.get(*file)?, range.clone())))
            .unwrap_or_else(|| synthetic(&mut report.sources, entry));
        let place = &used.templated[near];
        report.diagnostics.push(
            Diagnostic::new(
                Code::TopicTypo,
                at,
                format!(
                    "topic mapping entry `{entry}` is used by no converted config, and receiver `{near}` got the `--topic-arn` template's topic"
                ),
            )
            .label("no receiver of this name")
            .help(format!(
                "is `{entry}` a misspelling of `{near}` ({place})? If not, `--allow {}`",
                Code::TopicTypo.full_name()
            )),
        );
    }
    report.sort();
    report
}

/// A one-line source holding the entry, for a mapping given without its files.
fn synthetic(sources: &mut Sources, entry: &str) -> Span {
    let id = sources.add(Source::new("<topic mapping>", entry));
    Span::new(id, 0..entry.len())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn topics(entries: &[&str]) -> Topics {
        Topics {
            map: entries
                .iter()
                .map(|e| {
                    (
                        e.to_string(),
                        format!("arn:aws:sns:eu-west-1:123456789012:{e}"),
                    )
                })
                .collect(),
            template: Some("arn:aws:sns:eu-west-1:123456789012:{receiver}".into()),
        }
    }

    fn used(mapped: &[&str], templated: &[&str]) -> TopicUse {
        TopicUse {
            mapped: mapped.iter().map(|s| s.to_string()).collect(),
            templated: templated
                .iter()
                .map(|r| (r.to_string(), format!("a.yml:1:1 ({r})")))
                .collect(),
        }
    }

    #[test]
    fn an_unused_entry_like_a_templated_receiver_is_reported_at_its_key() {
        let text = "[topics]\noncall-pagr = \"arn:aws:sns:eu-west-1:123456789012:x\"\n";
        let files = MappingFiles {
            files: vec![("am2amp.toml".into(), text.into())],
            keys: BTreeMap::from([("oncall-pagr".to_string(), (0, 9..20))]),
            hidden: Vec::new(),
        };
        let r = stray_entries(
            &topics(&["oncall-pagr", "team-db"]),
            &files,
            &used(&["team-db"], &["oncall-pager", "web"]),
        );
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        let d = &r.diagnostics[0];
        assert_eq!(d.code, Code::TopicTypo);
        assert!(d.message.contains("`oncall-pagr`") && d.message.contains("`oncall-pager`"));
        let (id, start, _) = r.sources.line_col(d.primary.span);
        assert_eq!(r.sources.get(id).name, "am2amp.toml");
        assert_eq!((start.line, start.column), (2, 1));
    }

    #[test]
    fn used_entries_unlike_entries_and_untracked_runs_are_quiet() {
        let files = MappingFiles::default();
        // Used by some config of the run: a receiver of another config is no misspelling.
        let r = stray_entries(
            &topics(&["team-b"]),
            &files,
            &used(&["team-b"], &["team-a"]),
        );
        assert!(r.diagnostics.is_empty());
        // Unused, but like no templated receiver: another run's receiver.
        let r = stray_entries(&topics(&["billing"]), &files, &used(&[], &["oncall"]));
        assert!(r.diagnostics.is_empty());
        // Without a template a missed receiver is an error already (missing-topic).
        let mut t = topics(&["oncall-pagr"]);
        t.template = None;
        let r = stray_entries(&t, &files, &used(&[], &["oncall-pager"]));
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn an_entry_without_a_file_gets_a_source_of_its_own() {
        let r = stray_entries(
            &topics(&["oncall-pagr"]),
            &MappingFiles::default(),
            &used(&[], &["oncall-pager"]),
        );
        assert_eq!(r.diagnostics.len(), 1);
        let (id, _, _) = r.sources.line_col(r.diagnostics[0].primary.span);
        assert_eq!(r.sources.get(id).name, "<topic mapping>");
    }
}
