//! Writing the alert manager definition: `template_files:` (when there are templates) and
//! `alertmanager_config: |` holding the inner config as a string, nothing else.

use crate::yaml::emit::push_document_entry;
use crate::yaml::{Node, emit_document};

/// The definition's text for an inner config and its template files.
pub fn emit(config: &Node, template_files: &[(String, String)]) -> String {
    let mut out = String::new();
    if !template_files.is_empty() {
        let files = template_files
            .iter()
            .map(|(name, text)| (name.clone(), Node::string(text.clone())))
            .collect();
        out = emit_document(&Node::map(vec![("template_files", Node::map(files))]));
    }
    push_document_entry(&mut out, "alertmanager_config", config);
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
