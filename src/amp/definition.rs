//! Writing the alert manager definition: `template_files:` (when there are templates) and
//! `alertmanager_config: |` holding the inner config as a string, nothing else.

use crate::yaml::emit::push_document_entry;
use crate::yaml::{Node, emit_document};

/// The largest room made for a definition before it is written (1 MiB).
const MAX_HINT: usize = 1 << 20;

/// The definition's text for an inner config and its template files.
pub fn emit(config: &Node, template_files: &[(String, String)]) -> String {
    thread_local! {
        /// The length of this thread's last definition: in a bulk run the next one is usually
        /// about as long, and growing tens of kilobytes by doubling copies them several times.
        static LAST: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let hint = LAST.get().min(MAX_HINT);
    let mut out = String::with_capacity(hint + hint / 8);
    if !template_files.is_empty() {
        let files = template_files
            .iter()
            .map(|(name, text)| (name.clone(), Node::string(text.clone())))
            .collect();
        out.push_str(&emit_document(&Node::map(vec![(
            "template_files",
            Node::map(files),
        )])));
    }
    push_document_entry(&mut out, "alertmanager_config", config, None);
    LAST.set(out.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        let inner = Node::map(vec![(
            "route",
            Node::map(vec![("receiver", Node::string("x"))]),
        )]);
        assert_eq!(
            emit(
                &inner,
                &[("a.tmpl".into(), "{{ define \"a\" }}x{{ end }}\n".into())]
            ),
            "template_files:\n  a.tmpl: |\n    {{ define \"a\" }}x{{ end }}\nalertmanager_config: |\n  route:\n    receiver: x\n"
        );
    }
}
