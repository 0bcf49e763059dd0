//! The graphical format: miette reports with source snippets (secrets masked).

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diag::{Diagnostic, Severity};
use crate::report::Report;
use crate::source::Span;

/// The lines of a source around a diagnostic's labels (secrets masked), so that rendering
/// does not copy or scan the whole file for each diagnostic.
struct Window {
    name: String,
    text: String,
    /// Byte offset of `text` in the source.
    base: usize,
    /// 0-based line of `text`'s first line.
    base_line: usize,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.base).into(), span.len());
        let c = self.text.read_span(&local, before, after)?;
        let shifted = SourceSpan::new((c.span().offset() + self.base).into(), c.span().len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            shifted,
            c.line() + self.base_line,
            c.column(),
            // miette's own sources count the lines scanned from the top of the file.
            c.line_count() + self.base_line,
        )))
    }
}

struct Adapter<'a> {
    d: &'a Diagnostic,
    code: String,
    source: Window,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Lines of context kept around labels (miette shows at most one before and after).
const CONTEXT: usize = 3;

fn miette_span(s: Span) -> SourceSpan {
    SourceSpan::new((s.start as usize).into(), (s.end - s.start) as usize)
}

pub(super) fn render(out: &mut String, report: &Report, d: &Diagnostic, color: bool) {
    let sources = &report.sources;
    let primary = sources.to_root(d.primary.span);
    let root = sources.get(primary.source);
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        (!d.primary.text.is_empty()).then(|| d.primary.text.clone()),
        miette_span(primary),
    )];
    let mut notes = Vec::new();
    for l in &d.secondary {
        let s = sources.to_root(l.span);
        if s.source == primary.source {
            labels.push(LabeledSpan::new_with_span(
                (!l.text.is_empty()).then(|| l.text.clone()),
                miette_span(s),
            ));
        } else {
            let (id, lc, _) = sources.line_col(l.span);
            notes.push(format!(
                "{} at {}:{}:{}",
                l.text,
                sources.get(id).name,
                lc.line,
                lc.column
            ));
        }
    }
    let mut help = d.help.clone();
    if !notes.is_empty() {
        let joined = notes.join("\n");
        help = Some(match help {
            Some(h) => format!("{h}\n{joined}"),
            None => joined,
        });
    }
    let lines: Vec<usize> = labels
        .iter()
        .flat_map(|l| [l.offset(), l.offset() + l.len()])
        .map(|o| root.line_col(o).line - 1)
        .collect();
    let first = lines
        .iter()
        .min()
        .copied()
        .unwrap_or(0)
        .saturating_sub(CONTEXT);
    let last = lines.iter().max().copied().unwrap_or(0) + CONTEXT;
    let range = root.lines(first, last);
    let window = Window {
        name: root.name.clone(),
        base: range.start,
        base_line: first,
        text: root.redacted_slice(range),
    };
    let adapter = Adapter {
        d,
        code: d.code.full_name(),
        source: window,
        labels,
        help,
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut buf = String::new();
    if handler.render_report(&mut buf, &adapter).is_ok() {
        out.push_str(&buf);
        out.push('\n');
    }
}
