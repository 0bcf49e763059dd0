//! Long text written in order and read back once: kept in memory up to a limit, the rest
//! appended to an unnamed temporary file, so that a large definition is never held in
//! memory beside the trees it is written from, nor twice.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

/// How much of a [`Text`] stays in memory before the rest goes to a file (256 KiB: a quarter
/// of the largest definition AMP accepts).
pub const KEEP: usize = 256 << 10;

/// Text in parts, in memory or in an unnamed temporary file (which the system removes when
/// the text is dropped or the process ends, however it ends). When the file cannot be
/// created or written, the text stays in memory.
#[derive(Debug)]
pub struct Text {
    parts: Vec<Part>,
    file: Option<File>,
    file_len: u64,
    failed: bool,
    len: usize,
    keep: usize,
    end: String,
}

/// The last two characters of `s` (fewer when it is shorter).
pub fn last_two(s: &str) -> &str {
    &s[s.char_indices().rev().nth(1).map_or(0, |(i, _)| i)..]
}

#[derive(Debug)]
enum Part {
    Memory(String),
    File { start: u64, len: usize },
}

impl Default for Text {
    /// Empty text that keeps [`KEEP`] bytes in memory.
    fn default() -> Self {
        Text::new(KEEP)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        let mut t = Text::new(usize::MAX);
        t.push(s);
        t
    }
}

impl Text {
    /// Empty text that keeps `keep` bytes in memory before it writes to a file.
    pub fn new(keep: usize) -> Self {
        Text {
            parts: Vec::new(),
            file: None,
            file_len: 0,
            failed: false,
            len: 0,
            keep,
            end: String::new(),
        }
    }

    /// Appends `s`.
    pub fn push(&mut self, mut s: String) {
        self.take_from(&mut s);
    }

    /// Appends the contents of `s`, leaving it empty: moved while the text stays in memory,
    /// written to the file and cleared once it does not, so that `s`'s room serves the next
    /// part (a writer that fills and hands over one buffer does not fault in fresh pages for
    /// every part).
    pub fn take_from(&mut self, s: &mut String) {
        if s.is_empty() {
            return;
        }
        self.end.push_str(last_two(s));
        self.end = last_two(&self.end).to_string();
        self.len += s.len();
        if self.len <= self.keep || !self.spill(s) {
            return self.parts.push(Part::Memory(std::mem::take(s)));
        }
        let written = s.len();
        s.clear();
        let start = self.file_len - written as u64;
        match self.parts.last_mut() {
            Some(Part::File { len, .. }) => *len += written,
            _ => self.parts.push(Part::File {
                start,
                len: written,
            }),
        }
    }

    /// Appends `s` to the file; false when it stays in memory.
    fn spill(&mut self, s: &str) -> bool {
        if self.failed {
            return false;
        }
        if self.file.is_none() {
            self.file = tempfile::tempfile().ok();
        }
        let written = match &mut self.file {
            Some(f) => f.write_all(s.as_bytes()).is_ok(),
            None => false,
        };
        if written {
            self.file_len += s.len() as u64;
        } else {
            // The file may now end past `file_len`, where nothing is read from.
            self.failed = true;
        }
        written
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when it is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Its last two characters (fewer when it is shorter).
    pub fn end(&self) -> &str {
        &self.end
    }

    /// True when some of it went to a file.
    pub fn spilled(&self) -> bool {
        self.file_len > 0
    }

    /// The parts, when none of them went to a file.
    pub fn into_memory(self) -> Result<Vec<String>, Self> {
        if self.spilled() {
            return Err(self);
        }
        Ok(self
            .parts
            .into_iter()
            .filter_map(|p| match p {
                Part::Memory(s) => Some(s),
                Part::File { .. } => None,
            })
            .collect())
    }

    /// `head`, then `self`, then `tail`.
    pub fn between(mut self, head: String, tail: String) -> Self {
        if self.is_empty() {
            self.end = head.clone();
            self.end
                .drain(..head.char_indices().rev().nth(1).map_or(0, |(i, _)| i));
        }
        self.len += head.len() + tail.len();
        if !head.is_empty() {
            self.parts.insert(0, Part::Memory(head));
        }
        if !tail.is_empty() {
            self.end.push_str(&tail);
            self.end = last_two(&self.end).to_string();
            self.parts.push(Part::Memory(tail));
        }
        self
    }

    /// Writes it all to `w`.
    pub fn write_to(&self, w: &mut dyn Write) -> io::Result<()> {
        self.each(|part| w.write_all(part))
    }

    /// Reads it all into one string.
    pub fn read(&self) -> io::Result<String> {
        let mut out = Vec::with_capacity(self.len);
        self.each(|part| {
            out.extend_from_slice(part);
            Ok(())
        })?;
        String::from_utf8(out).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Whether `r` reads exactly this text.
    pub fn same_as(&self, r: &mut dyn Read) -> io::Result<bool> {
        let mut other = vec![0; 64 << 10];
        let mut same = true;
        self.each(|mut part| {
            while same && !part.is_empty() {
                let n = part.len().min(other.len());
                match r.read_exact(&mut other[..n]) {
                    Ok(()) => same = other[..n] == part[..n],
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => same = false,
                    Err(e) => return Err(e),
                }
                part = &part[n..];
            }
            Ok(())
        })?;
        Ok(same && r.read(&mut other[..1])? == 0)
    }

    /// Calls `f` with the text in order, in parts of at most 64 KiB from the file.
    fn each(&self, mut f: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        let mut buf = Vec::new();
        for part in &self.parts {
            match part {
                Part::Memory(s) => f(s.as_bytes())?,
                Part::File { start, len } => {
                    let mut file = self.file.as_ref().ok_or(io::ErrorKind::NotFound)?;
                    file.seek(SeekFrom::Start(*start))?;
                    buf.resize((*len).min(64 << 10), 0);
                    let mut left = *len;
                    while left > 0 {
                        let n = left.min(buf.len());
                        file.read_exact(&mut buf[..n])?;
                        f(&buf[..n])?;
                        left -= n;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(keep: usize, parts: &[&str]) -> Text {
        let mut t = Text::new(keep);
        parts.iter().for_each(|p| t.push(p.to_string()));
        t
    }

    #[test]
    fn reads_back_what_was_written_wherever_it_went() {
        let parts = ["alpha\n", "", "βeta\n", "γ", "δ\n\n"];
        let whole = parts.concat();
        for keep in [0, 8, usize::MAX] {
            let t = text(keep, &parts).between("head\n".into(), "tail é".into());
            assert_eq!(t.spilled(), keep != usize::MAX, "{keep}");
            let expected = format!("head\n{whole}tail é");
            assert_eq!(t.read().unwrap(), expected);
            assert_eq!(t.len(), expected.len());
            assert_eq!(t.end(), " é");
            let mut written = Vec::new();
            t.write_to(&mut written).unwrap();
            assert_eq!(written, expected.as_bytes());
        }
    }

    #[test]
    fn a_buffer_handed_over_keeps_its_room_once_the_text_spills() {
        let mut t = Text::new(4);
        let mut buf = String::from("abc");
        t.take_from(&mut buf);
        assert_eq!(
            buf.capacity(),
            0,
            "kept in memory: the buffer itself is the part"
        );
        buf.push_str("defgh");
        let room = buf.capacity();
        t.take_from(&mut buf);
        assert!(t.spilled());
        assert!(buf.is_empty());
        assert_eq!(buf.capacity(), room);
        buf.push_str("ij");
        t.take_from(&mut buf);
        assert_eq!(t.read().unwrap(), "abcdefghij");
        assert_eq!((t.len(), t.end()), (10, "ij"));
    }

    #[test]
    fn its_end_is_the_last_two_characters() {
        assert_eq!(text(0, &["abc", "δ"]).end(), "cδ");
        assert_eq!(text(0, &["δ"]).end(), "δ");
        assert_eq!(
            Text::new(0).between("xyz".into(), String::new()).end(),
            "yz"
        );
        assert_eq!(text(0, &["ab"]).between("h".into(), "é".into()).end(), "bé");
    }

    #[test]
    fn compares_with_a_reader_byte_for_byte() {
        let long = "x".repeat(200_000);
        let t = text(10, &["0123456789", &long, "end"]);
        let same = format!("0123456789{long}end");
        assert!(t.same_as(&mut same.as_bytes()).unwrap());
        for other in [
            &same[..same.len() - 1],
            &format!("{same}!"),
            &same.replace("end", "ENd"),
        ] {
            assert!(!t.same_as(&mut other.as_bytes()).unwrap());
        }
    }

    #[test]
    fn only_unspilled_text_comes_back_in_memory() {
        let kept = text(usize::MAX, &["a", "b"]).into_memory().unwrap();
        assert_eq!(kept, ["a", "b"]);
        assert!(text(1, &["a", "b"]).into_memory().is_err());
    }
}
