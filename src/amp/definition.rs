//! Writing the alert manager definition: `template_files:` (when there are templates) and
//! `alertmanager_config: |` holding the inner config as a string, nothing else. The
//! receivers, most of a definition, are written as translation hands them over.

use super::self_check;
use crate::diag::Diagnostic;
use crate::source::Span;
use crate::spill::{self, Text};
use crate::yaml::emit::{push_document_entry, push_item};
use crate::yaml::{Node, emit_document};

/// The largest room made for a definition before it is written (1 MiB).
const MAX_HINT: usize = 1 << 20;

/// How many receivers are checked together before they are written. Few: each chunk's trees
/// are freed once written, and memory freed at once goes back to the system (see `main.rs`),
/// so the next chunk faults its pages in again; 64 cost (a) ~1,400 more page faults than 16
/// (~5,430 against ~4,010) and a tenth of its time, while 1 paid a write and a self-check
/// per receiver.
const CHUNK: usize = 16;

thread_local! {
    /// The lengths of this thread's last chunk of receivers text and of the rest of its last
    /// definition: in a bulk run the next ones are usually about as long, and growing tens of
    /// kilobytes by doubling copies them several times.
    static LAST: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// A definition's `receivers:` list as text, written as the receivers arrive: each few are
/// self-checked ([`self_check::receivers`]) until the first finding, written and dropped. The
/// text is kept in one piece per chunk, so that it never grows by copying, and past
/// [`spill::KEEP`] bytes in a temporary file. It is complete even after a finding, which
/// `--allow` may drop.
#[derive(Debug)]
pub struct Receivers {
    at: Span,
    pending: Vec<Node>,
    text: Text,
    /// The chunk being written (its room is reused once the text spills).
    chunk: String,
    finding: Option<Diagnostic>,
}

impl Receivers {
    /// An empty list; self-check findings will point at `at`.
    pub fn new(at: Span) -> Self {
        Receivers {
            at,
            pending: Vec::with_capacity(CHUNK),
            text: Text::new(spill::KEEP),
            chunk: String::new(),
            finding: None,
        }
    }

    /// Adds the next receiver.
    pub fn push(&mut self, receiver: Node) {
        self.pending.push(receiver);
        if self.pending.len() == CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let mut checked = std::mem::take(&mut self.pending);
        if self.finding.is_none() {
            (checked, self.finding) = self_check::receivers(checked, self.at);
        }
        let hint = LAST.get().0.min(MAX_HINT);
        self.chunk.reserve(hint + hint / 8);
        for r in &checked {
            push_item(&mut self.chunk, r);
        }
        LAST.set((self.chunk.len(), LAST.get().1));
        self.text.take_from(&mut self.chunk);
        checked.clear();
        self.pending = checked;
    }

    /// The text of the list, and the self-check's first finding.
    pub fn finish(mut self) -> (Text, Option<Diagnostic>) {
        if !self.pending.is_empty() {
            self.flush();
        }
        (self.text, self.finding)
    }
}

/// The definition's text for an inner config whose `receivers:` entry is written as the text
/// `receivers` (see [`Receivers`]; when empty, the entry's own value is written), and its
/// template files.
pub fn emit(config: &Node, receivers: Text, template_files: &[(String, String)]) -> Text {
    let rest = LAST.get().1.min(MAX_HINT).max(2 * copied_len(config));
    let files: usize = template_files.iter().map(|(n, t)| n.len() + t.len()).sum();
    let (listed, pieces) = match receivers.into_memory() {
        Ok(pieces) => (pieces.iter().map(String::len).sum(), Ok(pieces)),
        Err(text) => (0, Err(text)),
    };
    // Room for everything at once: growing a large definition by doubling would hold it twice.
    let mut out = String::with_capacity(listed + rest + rest / 4 + files + files / 8);
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
    let end = match &pieces {
        Ok(p) => p
            .iter()
            .rev()
            .find(|t| !t.is_empty())
            .map(|t| spill::last_two(t)),
        Err(text) => Some(text.end()),
    };
    let at = push_document_entry(
        &mut out,
        "alertmanager_config",
        config,
        end.map(|e| ("receivers", e)),
    );
    LAST.set((LAST.get().0, out.len().saturating_sub(files)));
    match (at, pieces) {
        (Some(at), Ok(pieces)) => {
            let tail = out.split_off(at);
            pieces.into_iter().for_each(|p| out.push_str(&p));
            out.push_str(&tail);
            Text::from(out)
        }
        (Some(at), Err(text)) => {
            let tail = out.split_off(at);
            text.between(out, tail)
        }
        (None, _) => Text::from(out),
    }
}

/// About how long `config`'s text is without its receivers: the input text of what it copied
/// (most of it), key by key. Written out it can take twice that (flow lists become block
/// lists, and everything is indented in the definition).
fn copied_len(config: &Node) -> usize {
    let len = |s: crate::source::Span| s.end.saturating_sub(s.start) as usize;
    config
        .as_map()
        .unwrap_or_default()
        .iter()
        .filter(|e| e.key.as_str() != Some("receivers"))
        .map(|e| len(e.key.span) + len(e.value.extent()) + 8)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn shape() {
        let inner = Node::map(vec![(
            "route",
            Node::map(vec![("receiver", Node::string("x"))]),
        )]);
        assert_eq!(
            emit(
                &inner,
                Text::new(spill::KEEP),
                &[("a.tmpl".into(), "{{ define \"a\" }}x{{ end }}\n".into())]
            )
            .read()
            .unwrap(),
            "template_files:\n  a.tmpl: |\n    {{ define \"a\" }}x{{ end }}\nalertmanager_config: |\n  route:\n    receiver: x\n"
        );
    }

    fn receiver(i: usize, topic: bool) -> Node {
        let mut sns = vec![("message", Node::string(format!("line\n{i}\n")))];
        if topic {
            sns.push(("topic_arn", Node::string("arn:aws:sns:eu-west-1:1:t")));
        }
        Node::map(vec![
            ("name", Node::string(format!("r{i}"))),
            ("sns_configs", Node::seq(vec![Node::map(sns)])),
        ])
    }

    fn config(receivers: Vec<Node>) -> Node {
        Node::map(vec![
            ("route", Node::map(vec![("receiver", Node::string("r0"))])),
            ("receivers", Node::seq(receivers)),
            ("inhibit_rules", Node::seq(vec![])),
        ])
    }

    #[test]
    fn receivers_written_as_they_come_are_the_whole_configs_receivers() {
        let n = 2 * CHUNK + 3;
        let whole = emit(
            &config((0..n).map(|i| receiver(i, true)).collect()),
            Text::new(spill::KEEP),
            &[],
        );
        let whole = whole.read().unwrap();
        assert!(whole.contains(&format!("    - name: r{}\n", n - 1)));
        // Kept in memory, and from the second chunk on in a temporary file.
        for keep in [spill::KEEP, 1] {
            let mut list = Receivers::new(Span::default());
            list.text = Text::new(keep);
            let mut names = Vec::new();
            for i in 0..n {
                list.push(receiver(i, true));
                names.push(Node::map(vec![("name", Node::string(format!("r{i}")))]));
            }
            let (text, finding) = list.finish();
            assert!(finding.is_none());
            assert_eq!(text.spilled(), keep == 1);
            assert_eq!(emit(&config(names), text, &[]).read().unwrap(), whole);
        }
    }

    #[test]
    fn spilled_receivers_ending_in_kept_line_breaks_keep_them() {
        let last = Node::map(vec![("name", Node::string("r\n\n"))]);
        let whole = Node::map(vec![("receivers", Node::seq(vec![last.clone()]))]);
        let mut list = Receivers::new(Span::default());
        list.text = Text::new(0);
        list.push(last);
        let (text, _) = list.finish();
        assert!(text.spilled());
        let names = Node::map(vec![(
            "receivers",
            Node::seq(vec![Node::map(vec![("name", Node::string("r"))])]),
        )]);
        let out = emit(&names, text, &[]).read().unwrap();
        assert!(out.starts_with("alertmanager_config: |+\n"), "{out}");
        assert_eq!(out, emit(&whole, Text::new(0), &[]).read().unwrap());
    }

    #[test]
    fn receivers_are_self_checked_in_every_chunk_and_all_written() {
        let mut list = Receivers::new(Span::default());
        let n = 2 * CHUNK + 5;
        for i in 0..n {
            list.push(receiver(i, i != CHUNK + 2));
        }
        let (text, finding) = list.finish();
        let finding = finding.expect("a receiver without a topic");
        assert_eq!(finding.code, Code::SelfCheck);
        // `--allow` may drop the finding: the definition must still hold every receiver.
        let text = text.read().unwrap();
        assert_eq!(text.matches("    - name: r").count(), n);
    }

    #[test]
    fn a_large_definition_is_written_without_growing() {
        let mut text = String::from("route:\n  receiver: r0\n  routes:\n");
        for i in 0..500 {
            text.push_str(&format!(
                "    - {{receiver: r0, matchers: ['a=\"{i}\"', b=~\"x|y\"]}}\n"
            ));
        }
        text.push_str("receivers: []\n");
        let (config, _) = crate::yaml::load(&text, Default::default(), &Default::default())
            .expect("a valid document");
        let mut pieces = Text::new(usize::MAX);
        pieces.push("    - name: r0\n".repeat(80_000));
        pieces.push("    - name: r0\n".repeat(80_000));
        let mut parts = emit(&config, pieces, &[]).into_memory().unwrap();
        assert_eq!(parts.len(), 1);
        let out = parts.pop().unwrap();
        assert!(out.len() > 2_000_000);
        assert!(
            out.capacity() < out.len() * 5 / 4,
            "{} / {}",
            out.capacity(),
            out.len()
        );
    }
}
