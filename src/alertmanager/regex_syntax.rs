//! Go's regular expression syntax (`regexp/syntax` with Perl flags, as `regexp.Compile` reads
//! it, in the Go releases Alertmanager 0.25 to 0.27 are built with) checked as Go's parser
//! checks it, and written again for the `regex` crate, which reads several things otherwise:
//! a `{` that starts no valid repetition is a literal in Go, `[` inside a class is a literal,
//! `\1` is an error, only the flags `imsU` exist, `\Q` runs to `\E` or the end of the whole
//! expression, and nested counted repetitions may not multiply past 1,000.

/// Go's limit on counted repetition, alone or nested.
const MAX_REPEAT: u64 = 1000;

/// The POSIX classes Go knows (each also negated as `[:^name:]`).
#[rustfmt::skip]
const POSIX: &[&str] = &[
    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
    "space", "upper", "word", "xdigit",
];

/// Go's `unicode.Categories` and `unicode.Scripts` (Unicode 13, Go 1.16 to 1.20), and `Any`.
#[rustfmt::skip]
const UNICODE: &[&str] = &[
    "Any", "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
    "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
    "So", "Z", "Zl", "Zp", "Zs", "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian",
    "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo",
    "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian",
    "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic",
    "Cuneiform", "Cypriot", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra",
    "Duployan", "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic",
    "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul",
    "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic", "Inherited",
    "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada", "Katakana",
    "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi", "Lao",
    "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
    "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin",
    "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi",
    "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nandinagari", "New_Tai_Lue", "Newa",
    "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
    "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian",
    "Old_Turkic", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau",
    "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra",
    "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng",
    "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham",
    "Tai_Viet", "Takri", "Tamil", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh",
    "Tirhuta", "Ugaritic", "Vai", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
];

/// `pattern` in the `regex` crate's syntax, or Go's error (`invalid escape sequence: \`\q\``).
pub fn to_rust(pattern: &str) -> Result<String, String> {
    let mut p = Parser {
        whole: pattern,
        t: pattern,
        out: String::with_capacity(pattern.len() + 16),
        frames: vec![Frame::default()],
        last_repeat: None,
        flags: String::new(),
        posix_close: None,
    };
    while !p.t.is_empty() {
        p.item()?;
    }
    if p.frames.len() > 1 {
        return Err(error("missing closing )", pattern));
    }
    Ok(p.out)
}

/// Go's message for `code` at `expr`.
fn error(code: &str, expr: &str) -> String {
    format!("{code}: `{expr}`")
}

/// What an open group holds so far.
#[derive(Default)]
struct Frame {
    /// Whether something a repetition can apply to ends it (not a `(` or `|`).
    operand: bool,
    /// How many copies of its innermost part its counted repetitions make (Go's limit: 1,000).
    copies: u64,
    /// The same for the item a repetition would apply to.
    last_copies: u64,
}

struct Parser<'a> {
    whole: &'a str,
    t: &'a str,
    out: String,
    frames: Vec<Frame>,
    /// The text from the last repetition operator on, when the last item was one.
    last_repeat: Option<&'a str>,
    /// A flag group not written yet: Go applies a repetition after it to the item before
    /// it, the regex crate to the group, so it is written before the next other item.
    flags: String,
    /// Where the next `:]` is in `whole` (`Some(None)`: none is left), once looked for.
    posix_close: Option<Option<usize>>,
}

impl<'a> Parser<'a> {
    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the outermost frame stays")
    }

    /// An item a repetition can apply to, `copies` copies deep.
    fn operand(&mut self, copies: u64) {
        let f = self.frame();
        f.operand = true;
        f.last_copies = copies;
        f.copies = f.copies.max(copies);
    }

    fn item(&mut self) -> Result<(), String> {
        let t = self.t;
        let c = t.chars().next().expect("called with text left");
        let mut repeat = None;
        let repetition = matches!(c, '*' | '+' | '?') || c == '{' && counted(t).is_some();
        if !repetition {
            let flags = std::mem::take(&mut self.flags);
            self.out.push_str(&flags);
        }
        match c {
            '(' if t.starts_with("(?") => self.perl_group()?,
            '(' => {
                self.t = &t[1..];
                self.out.push('(');
                self.frames.push(Frame::default());
            }
            '|' => {
                self.t = &t[1..];
                self.out.push('|');
                self.frame().operand = false;
            }
            ')' => {
                if self.frames.len() < 2 {
                    return Err(error("unexpected )", self.whole));
                }
                self.t = &t[1..];
                self.out.push(')');
                let inner = self.frames.pop().expect("checked").copies;
                self.operand(inner);
            }
            '^' | '$' | '.' => {
                self.t = &t[1..];
                self.out.push(c);
                self.operand(0);
            }
            '[' => {
                self.class()?;
                self.operand(0);
            }
            '*' | '+' | '?' => {
                self.repeat(t, 1, None)?;
                repeat = Some(t);
            }
            '{' => match counted(t) {
                Some((min, max, after)) => {
                    let shown = &t[..t.len() - after.len()];
                    let top = max.unwrap_or(min);
                    if min > MAX_REPEAT || top > MAX_REPEAT || min > top && max.is_some() {
                        return Err(error("invalid repeat count", shown));
                    }
                    self.repeat(t, t.len() - after.len(), Some((min, max)))?;
                    repeat = Some(t);
                }
                None => {
                    self.t = &t[1..];
                    push_literal(&mut self.out, '{');
                    self.operand(0);
                }
            },
            '\\' => self.escape()?,
            _ => {
                self.t = &t[c.len_utf8()..];
                push_literal(&mut self.out, c);
                self.operand(0);
            }
        }
        self.last_repeat = repeat;
        Ok(())
    }

    /// The repetition operator of `len` bytes at the start of `t` (`counts` for `{n,m}`), with
    /// its `?` if any.
    fn repeat(
        &mut self,
        t: &'a str,
        len: usize,
        counts: Option<(u64, Option<u64>)>,
    ) -> Result<(), String> {
        let lazy = t[len..].starts_with('?');
        let after = &t[len + usize::from(lazy)..];
        if let Some(last) = self.last_repeat {
            return Err(error(
                "invalid nested repetition operator",
                &last[..last.len() - after.len()],
            ));
        }
        let shown = &t[..t.len() - after.len()];
        if !self.frame().operand {
            return Err(error("missing argument to repetition operator", shown));
        }
        let f = self.frame();
        // Go's `repeatIsValid`: `{0}` makes no copies, `{0,}` as many as what it repeats.
        match counts {
            Some((_, Some(0))) => f.last_copies = 0,
            Some((min, max)) if max.unwrap_or(min) > 0 => {
                let copies = max.unwrap_or(min).saturating_mul(f.last_copies.max(1));
                if (min >= 2 || max.unwrap_or(0) >= 2) && copies > MAX_REPEAT {
                    return Err(error("invalid repeat count", &t[..len]));
                }
                f.last_copies = copies;
                f.copies = f.copies.max(copies);
            }
            _ => {}
        }
        self.out.push_str(shown);
        self.t = after;
        Ok(())
    }

    /// `(?P<name>`, `(?flags)` or `(?flags:`.
    fn perl_group(&mut self) -> Result<(), String> {
        let t = self.t;
        if t.len() > 4 && t[2..].starts_with("P<") {
            let Some(end) = t.find('>') else {
                return Err(error("invalid named capture", t));
            };
            let name = &t[4..end];
            if name.is_empty() || !name.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric()) {
                return Err(error("invalid named capture", &t[..=end]));
            }
            // Go allows a name twice, the regex crate does not: names do not matter here.
            self.out.push('(');
            self.frames.push(Frame::default());
            self.t = &t[end + 1..];
            return Ok(());
        }
        let (mut on, mut off) = (String::new(), String::new());
        let mut negated = false;
        let mut saw_flag = false;
        let mut rest = &t[2..];
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            match c {
                'i' | 'm' | 's' | 'U' => {
                    let (set, unset) = if negated {
                        (&mut off, &mut on)
                    } else {
                        (&mut on, &mut off)
                    };
                    set.retain(|f| f != c);
                    unset.retain(|f| f != c);
                    set.push(c);
                    saw_flag = true;
                }
                '-' if !negated => (negated, saw_flag) = (true, false),
                ':' | ')' if !negated || saw_flag => {
                    let flags = match (on.is_empty(), off.is_empty()) {
                        (true, true) => String::new(),
                        (_, true) => on,
                        _ => format!("{on}-{off}"),
                    };
                    if c == ':' {
                        self.out.push_str(&format!("(?{flags}:"));
                        self.frames.push(Frame::default());
                    } else if !flags.is_empty() {
                        self.flags.push_str(&format!("(?{flags})"));
                    }
                    self.t = rest;
                    return Ok(());
                }
                _ => break,
            }
        }
        Err(error(
            "invalid or unsupported Perl syntax",
            &t[..t.len() - rest.len()],
        ))
    }

    /// An escape outside a class.
    fn escape(&mut self) -> Result<(), String> {
        let t = self.t;
        match t.as_bytes().get(1) {
            Some(b'A' | b'b' | b'B' | b'z') => {
                self.out.push_str(&t[..2]);
                self.t = &t[2..];
                self.operand(0);
                return Ok(());
            }
            Some(b'C') => return Err(error("invalid escape sequence", "\\C")),
            Some(b'Q') => {
                let (lit, rest) = t[2..].split_once("\\E").unwrap_or((&t[2..], ""));
                for c in lit.chars() {
                    push_literal(&mut self.out, c);
                    self.operand(0);
                }
                self.t = rest;
                return Ok(());
            }
            _ => {}
        }
        if let Some(rest) = self.class_escape(t)? {
            self.t = rest;
        } else {
            let (c, rest) = escaped(t)?;
            push_class_char(&mut self.out, c);
            self.t = rest;
        }
        self.operand(0);
        Ok(())
    }

    /// `\pN`, `\p{Name}` or `\d`-style classes at the start of `t`, written out; the rest.
    fn class_escape(&mut self, t: &'a str) -> Result<Option<&'a str>, String> {
        let b = t.as_bytes();
        match b.get(1) {
            Some(b'd' | b'D' | b's' | b'S' | b'w' | b'W') if b[0] == b'\\' => {
                self.out.push_str(&t[..2]);
                Ok(Some(&t[2..]))
            }
            Some(b'p' | b'P') if b[0] == b'\\' => {
                let negated = b[1] == b'P';
                let (seq, name, rest) = if t[2..].starts_with('{') {
                    let Some(end) = t.find('}') else {
                        return Err(error("invalid character class range", t));
                    };
                    (&t[..=end], &t[3..end], &t[end + 1..])
                } else {
                    let len = t[2..].chars().next().map_or(0, char::len_utf8);
                    (&t[..2 + len], &t[2..2 + len], &t[2 + len..])
                };
                let (negated, name) = match name.strip_prefix('^') {
                    Some(n) => (!negated, n),
                    None => (negated, name),
                };
                if !UNICODE.contains(&name) {
                    return Err(error("invalid character class range", seq));
                }
                match (name, negated) {
                    // Surrogates, which no `&str` holds and the regex crate refuses to name.
                    ("Cs", false) => self.out.push_str(r"[^\x{0}-\x{10FFFF}]"),
                    ("Cs", true) => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
                    _ => {
                        let p = if negated { 'P' } else { 'p' };
                        self.out.push_str(&format!("\\{p}{{{name}}}"));
                    }
                }
                Ok(Some(rest))
            }
            _ => Ok(None),
        }
    }

    /// Where the `[:name:]` at the start of `t` ends, if a `:]` follows (Go looks as far as
    /// it takes: the next `:]` is remembered, so that many `[:` cost one search).
    fn posix_end(&mut self, t: &str) -> Option<usize> {
        let at = self.whole.len() - t.len();
        let next = match self.posix_close {
            Some(next) if next.is_none_or(|n| n >= at + 2) => next,
            _ => {
                let next = t[2..].find(":]").map(|i| at + 2 + i);
                self.posix_close = Some(next);
                next
            }
        };
        next.map(|n| n + 2 - at)
    }

    /// A bracketed class, its items written one by one.
    fn class(&mut self) -> Result<(), String> {
        let whole = self.t;
        let missing = || error("missing closing ]", whole);
        let mut t = &whole[1..];
        self.out.push('[');
        if let Some(rest) = t.strip_prefix('^') {
            self.out.push('^');
            t = rest;
        }
        let mut first = true;
        while first || !t.starts_with(']') {
            if t.is_empty() {
                return Err(missing());
            }
            first = false;
            if let Some(end) = t.starts_with("[:").then(|| self.posix_end(t)).flatten() {
                let name = &t[..end];
                let bare = &name[2..name.len() - 2];
                if !POSIX.contains(&bare.strip_prefix('^').unwrap_or(bare)) {
                    return Err(error("invalid character class range", name));
                }
                self.out.push_str(name);
                t = &t[name.len()..];
                continue;
            }
            if let Some(rest) = self.class_escape(t)? {
                t = rest;
                continue;
            }
            let range = t;
            let (lo, rest) = class_char(t).ok_or_else(missing)??;
            t = rest;
            let mut hi = lo;
            if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
                let (h, rest) = class_char(&t[1..]).ok_or_else(missing)??;
                t = rest;
                if h < lo {
                    return Err(error(
                        "invalid character class range",
                        &range[..range.len() - t.len()],
                    ));
                }
                hi = h;
            }
            push_class_char(&mut self.out, lo);
            if hi != lo {
                self.out.push('-');
                push_class_char(&mut self.out, hi);
            }
        }
        self.out.push(']');
        self.t = &t[1..];
        Ok(())
    }
}

/// `{n}`, `{n,}` or `{n,m}` at the start of `t` as Go reads them (no leading zeros): the
/// counts and what follows; `None` when the `{` is a literal.
fn counted(t: &str) -> Option<(u64, Option<u64>, &str)> {
    let (min, rest) = number(&t[1..])?;
    let (max, rest) = match rest.strip_prefix(',') {
        None => (Some(min), rest),
        Some(rest) if rest.starts_with('}') => (None, rest),
        Some(rest) => {
            let (max, rest) = number(rest)?;
            (Some(max), rest)
        }
    };
    Some((min, max, rest.strip_prefix('}')?))
}

/// A decimal number without leading zeros (Go caps large ones; so does this, past the limit).
fn number(t: &str) -> Option<(u64, &str)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 1 && t.starts_with('0') {
        return None;
    }
    let value = t[..digits].bytes().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    Some((value, &t[digits..]))
}

/// One character of a class (`None` at the end of the text).
fn class_char(t: &str) -> Option<Result<(u32, &str), String>> {
    let c = t.chars().next()?;
    Some(if c == '\\' {
        escaped(t)
    } else {
        Ok((u32::from(c), &t[c.len_utf8()..]))
    })
}

/// The character a single-character escape at the start of `t` stands for, and the rest.
fn escaped(t: &str) -> Result<(u32, &str), String> {
    let invalid = |rest: &str| error("invalid escape sequence", &t[..t.len() - rest.len()]);
    let rest = &t[1..];
    let Some(c) = rest.chars().next() else {
        return Err(error("trailing backslash at end of expression", ""));
    };
    let mut rest = &rest[c.len_utf8()..];
    let octal = |s: &str| s.bytes().next().filter(|b| (b'0'..=b'7').contains(b));
    let value = match c {
        '1'..='7' if octal(rest).is_none() => return Err(invalid(rest)),
        '0'..='7' => {
            let mut v = c as u32 - '0' as u32;
            for _ in 0..2 {
                let Some(d) = octal(rest) else { break };
                v = v * 8 + u32::from(d - b'0');
                rest = &rest[1..];
            }
            v
        }
        'x' => {
            if let Some(braced) = rest.strip_prefix('{') {
                let digits = braced.bytes().take_while(u8::is_ascii_hexdigit).count();
                let v = u32::from_str_radix(&braced[..digits], 16).ok();
                match (v, braced[digits..].strip_prefix('}')) {
                    (Some(v), Some(after)) if v <= 0x10FFFF => (rest = after, v).1,
                    _ => return Err(invalid(&braced[digits.min(braced.len())..])),
                }
            } else {
                let two = rest
                    .get(..2)
                    .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                match two {
                    Some(h) => {
                        rest = &rest[2..];
                        u32::from_str_radix(h, 16).expect("two hex digits")
                    }
                    None => return Err(invalid(rest.get(2..).unwrap_or(""))),
                }
            }
        }
        'a' => 7,
        'f' => 12,
        'n' => 10,
        'r' => 13,
        't' => 9,
        'v' => 11,
        c if c.is_ascii() && !c.is_ascii_alphanumeric() => u32::from(c),
        _ => return Err(invalid(rest)),
    };
    Ok((value, rest))
}

/// A literal character, escaped.
fn push_literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        push_class_char(out, u32::from(c));
    }
}

/// A character by its code, as `\x{..}` (a surrogate, which Go reads as a code and the regex
/// crate refuses, as U+FFFD: only whether the expression compiles matters).
fn push_class_char(out: &mut String, c: u32) {
    let c = if (0xD800..0xE000).contains(&c) {
        0xFFFD
    } else {
        c
    };
    out.push_str(&format!("\\x{{{c:X}}}"));
}

#[cfg(test)]
mod tests {
    use super::to_rust;

    #[test]
    fn what_go_reads_compiles_in_the_regex_crate() {
        #[rustfmt::skip]
        let accepted = [
            r"a{", r"a{1", r"a{1,", r"a{,2}", r"a{01}", r"a{01001}", r"x{y}", r"{", r"}",
            r#"foo{bar="baz"}"#, r"{{ .x }}", r"[{]", r"[[]", r"[a[]", r"[a[b]]", r"[[:alpha:]]",
            r"[[:^word:]]", r"[a&&b]", r"[a~~b]", r"[a-]", r"[-a]", r"[]a]", r"[^]a]", r"[\d-z]",
            r"\12", r"\0", r"\01", r"\x41", r"\x{41}", r"\pL", r"\p{Greek}", r"\p{^Greek}", r"\PL",
            r"(?i)a", r"(?ims-U)a", r"(?P<n>a)(?P<n>b)", r"(?:a)", r"(?i:a)", r"(?)", r"(?i-i)a",
            r"\<", r"\b{start}", r"\A\z", r"\a\v\f", r"\Q*\E", r"\_", r"\-", r"\ ", r"\#", r"^*",
            r"a{2,1000}", r"(a{10}){100}", r"a{1000,}", r"a+?", r"a{2}?", r"()", r"(|a)",
            r"[^\x00-\x{10FFFF}]", r"\x{D800}", r"[\x{D800}-\x{DFFF}]", r"\p{Cs}", r"[\PC\p{Cs}]",
        ];
        for go in accepted {
            let rust = to_rust(go).unwrap_or_else(|e| panic!("{go}: {e}"));
            assert!(regex::Regex::new(&rust).is_ok(), "{go} -> {rust}");
        }
        assert_eq!(to_rust(r"a{b").unwrap(), r"a\x{7B}b");
        assert_eq!(to_rust(r"a(?i){2}b").unwrap(), r"a{2}(?i)b");
        // Each `[:` looks for a `:]`, as in Go; the search is not repeated.
        assert!(to_rust(&format!("[{}a]", "[:".repeat(200_000))).is_ok());
        assert!(to_rust(&format!("[{}]", "[:".repeat(200_000))).is_err());
    }

    #[test]
    fn what_go_refuses_is_refused_with_its_message() {
        for (go, message) in [
            (r"a**", "invalid nested repetition operator: `**`"),
            (r"a*?+", "invalid nested repetition operator: `*?+`"),
            (r"a{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
            (r"{2}", "missing argument to repetition operator: `{2}`"),
            (r"(*)", "missing argument to repetition operator: `*`"),
            (r"a|?", "missing argument to repetition operator: `?`"),
            (r"a{1001}", "invalid repeat count: `{1001}`"),
            (r"a{2,1}", "invalid repeat count: `{2,1}`"),
            (r"(a{2}){600}", "invalid repeat count: `{600}`"),
            (r"((a{10}){10}){11}", "invalid repeat count: `{11}`"),
            (r"[[:foo:]]", "invalid character class range: `[:foo:]`"),
            (r"[a--b]", "invalid character class range: `a--`"),
            (r"[z-a]", "invalid character class range: `z-a`"),
            (r"[a", "missing closing ]: `[a`"),
            (r"\1", "invalid escape sequence: `\\1`"),
            (r"\18", "invalid escape sequence: `\\1`"),
            (r"\8", "invalid escape sequence: `\\8`"),
            (r"\u0041", "invalid escape sequence: `\\u`"),
            (r"\C", "invalid escape sequence: `\\C`"),
            (r"\x{110000}", "invalid escape sequence: `\\x{110000`"),
            (r"[\Q]\E]", "invalid escape sequence: `\\Q`"),
            (r"\p{Emoji}", "invalid character class range: `\\p{Emoji}`"),
            (r"\p{greek}", "invalid character class range: `\\p{greek}`"),
            (r"(?x)a", "invalid or unsupported Perl syntax: `(?x`"),
            (r"(?<n>a)", "invalid or unsupported Perl syntax: `(?<`"),
            (r"(?-)a", "invalid or unsupported Perl syntax: `(?-)`"),
            (r"(?P<a.b>x)", "invalid named capture: `(?P<a.b>`"),
            (r"(a", "missing closing ): `(a`"),
            (r"a)", "unexpected ): `a)`"),
            ("a\\", "trailing backslash at end of expression: ``"),
        ] {
            assert_eq!(to_rust(go), Err(message.to_string()), "{go}");
        }
    }
}
