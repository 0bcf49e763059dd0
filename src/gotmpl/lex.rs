//! Tokens of Go's `text/template`, with trim markers and comments resolved.

use super::ParseError;
use super::ast::Pos;

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// Text between actions (already trimmed).
    Text(String),
    /// `{{`
    LeftDelim,
    /// `}}`
    RightDelim,
    /// A run of spaces inside an action.
    Space,
    /// `|`
    Pipe,
    /// `:=`
    Declare,
    /// `=`
    Assign,
    /// `(`
    LeftParen,
    /// `)`
    RightParen,
    /// A quoted or raw string, as written.
    Str(String),
    /// A character constant, as written.
    Char(String),
    /// A number, as written.
    Number(String),
    /// `true`/`false`.
    Bool(bool),
    /// `.`
    Dot,
    /// `.Name`
    Field(String),
    /// `$name` or `$`.
    Variable(String),
    /// A function name.
    Ident(String),
    /// A keyword (`if`, `range`, `nil`, …).
    Keyword(&'static str),
    /// Any other printable ASCII character (`,`).
    Other(char),
    /// End of input.
    Eof,
}

/// A token with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it is.
    pub pos: Pos,
}

const KEYWORDS: [&str; 12] = [
    "block", "break", "continue", "define", "else", "end", "if", "nil", "range", "template",
    "with", ".",
];

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

/// Splits a template into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>, ParseError> {
    let mut l = Lexer {
        src,
        pos: 0,
        toks: Vec::new(),
        trim_next: false,
    };
    l.run()?;
    Ok(l.toks)
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    toks: Vec<Token>,
    trim_next: bool,
}

impl Lexer<'_> {
    fn err<T>(&self, msg: impl Into<String>, at: Pos) -> Result<T, ParseError> {
        Err(ParseError {
            message: msg.into(),
            pos: at,
        })
    }

    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.toks.push(Token {
            tok,
            pos: start..self.pos,
        });
    }

    fn run(&mut self) -> Result<(), ParseError> {
        loop {
            let (text_end, next) = match self.rest().find("{{") {
                Some(x) => (self.pos + x, Some(self.pos + x)),
                None => (self.src.len(), None),
            };
            let left_trim = next.is_some_and(|x| has_left_trim(&self.src[x + 2..]));
            let mut start = self.pos;
            let mut end = text_end;
            if self.trim_next {
                start += self.src[start..end].len()
                    - self.src[start..end].trim_start_matches(is_space).len();
            }
            if left_trim {
                end = start + self.src[start..end].trim_end_matches(is_space).len();
            }
            if end > start {
                self.toks.push(Token {
                    tok: Tok::Text(self.src[start..end].to_string()),
                    pos: start..end,
                });
            }
            let Some(x) = next else {
                self.pos = self.src.len();
                self.push(Tok::Eof, self.src.len());
                return Ok(());
            };
            self.pos = x + 2 + if left_trim { 2 } else { 0 };
            if self.rest().starts_with("/*") {
                self.comment(x)?;
                continue;
            }
            self.toks.push(Token {
                tok: Tok::LeftDelim,
                pos: x..x + 2,
            });
            self.action()?;
        }
    }

    fn comment(&mut self, open: usize) -> Result<(), ParseError> {
        let body = self.pos + 2;
        let Some(close) = self.src[body..].find("*/") else {
            return self.err("unclosed comment", open..self.src.len());
        };
        self.pos = body + close + 2;
        match right_delim(self.rest()) {
            Some((len, trim)) => {
                self.pos += len;
                self.trim_next = trim;
                Ok(())
            }
            None => self.err("comment ends before closing delimiter", open..self.pos),
        }
    }

    fn at_terminator(&self) -> bool {
        match self.peek() {
            None => true,
            Some(c) if is_space(c) => true,
            Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            _ => self.rest().starts_with("}}"),
        }
    }

    fn action(&mut self) -> Result<(), ParseError> {
        let mut parens = 0i32;
        loop {
            if let Some((len, trim)) = right_delim(self.rest()) {
                if parens > 0 {
                    return self.err("unclosed left paren", self.pos..self.pos + len);
                }
                let start = self.pos + len - 2;
                self.pos += len;
                self.toks.push(Token {
                    tok: Tok::RightDelim,
                    pos: start..self.pos,
                });
                self.trim_next = trim;
                return Ok(());
            }
            let start = self.pos;
            let Some(c) = self.peek() else {
                return self.err("unclosed action", start..start);
            };
            self.pos += c.len_utf8();
            match c {
                c if is_space(c) => {
                    // A space that starts ` -}}` belongs to the delimiter.
                    while self.peek().is_some_and(is_space)
                        && !right_delim(self.rest()).is_some_and(|(_, trim)| trim)
                    {
                        self.pos += 1;
                    }
                    self.push(Tok::Space, start);
                }
                '=' => self.push(Tok::Assign, start),
                ':' => {
                    if self.peek() != Some('=') {
                        return self.err("expected :=", start..self.pos);
                    }
                    self.pos += 1;
                    self.push(Tok::Declare, start);
                }
                '|' => self.push(Tok::Pipe, start),
                '"' => self.quoted(start)?,
                '`' => match self.rest().find('`') {
                    Some(i) => {
                        self.pos += i + 1;
                        let s = self.src[start..self.pos].to_string();
                        self.push(Tok::Str(s), start);
                    }
                    None => {
                        return self.err("unterminated raw quoted string", start..self.src.len());
                    }
                },
                '$' => {
                    self.word();
                    if !self.at_terminator() {
                        return self.bad_char(start);
                    }
                    let s = self.src[start..self.pos].to_string();
                    self.push(Tok::Variable(s), start);
                }
                '\'' => self.char_const(start)?,
                '.' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => {
                    self.word();
                    if !self.at_terminator() {
                        return self.bad_char(start);
                    }
                    if self.pos == start + 1 {
                        self.push(Tok::Dot, start);
                    } else {
                        let s = self.src[start + 1..self.pos].to_string();
                        self.push(Tok::Field(s), start);
                    }
                }
                '.' | '+' | '-' | '0'..='9' => {
                    self.pos = start;
                    self.number(start)?;
                }
                c if is_alnum(c) => {
                    self.word();
                    if !self.at_terminator() {
                        return self.bad_char(start);
                    }
                    let w = &self.src[start..self.pos];
                    let tok = match w {
                        "true" => Tok::Bool(true),
                        "false" => Tok::Bool(false),
                        _ => match KEYWORDS.iter().find(|k| **k == w) {
                            Some(k) => Tok::Keyword(k),
                            None => Tok::Ident(w.to_string()),
                        },
                    };
                    self.push(tok, start);
                }
                '(' => {
                    parens += 1;
                    self.push(Tok::LeftParen, start);
                }
                ')' => {
                    parens -= 1;
                    if parens < 0 {
                        return self.err("unexpected right paren", start..self.pos);
                    }
                    self.push(Tok::RightParen, start);
                }
                c if c.is_ascii() && !c.is_ascii_control() => self.push(Tok::Other(c), start),
                c => {
                    return self.err(
                        format!("unrecognized character in action: U+{:04X}", c as u32),
                        start..self.pos,
                    );
                }
            }
        }
    }

    fn word(&mut self) {
        while let Some(c) = self.peek() {
            if !is_alnum(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    fn bad_char(&self, start: usize) -> Result<(), ParseError> {
        let c = self.peek().unwrap_or(' ');
        self.err(
            format!("bad character U+{:04X} '{c}'", c as u32),
            start..self.pos + c.len_utf8(),
        )
    }

    fn quoted(&mut self, start: usize) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                None | Some('\n') => {
                    return self.err("unterminated quoted string", start..self.pos);
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        None | Some('\n') => {
                            return self.err("unterminated quoted string", start..self.pos);
                        }
                        Some(c) => self.pos += c.len_utf8(),
                    }
                }
                Some('"') => {
                    self.pos += 1;
                    let s = self.src[start..self.pos].to_string();
                    self.push(Tok::Str(s), start);
                    return Ok(());
                }
                Some(c) => self.pos += c.len_utf8(),
            }
        }
    }

    fn char_const(&mut self, start: usize) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                None | Some('\n') => {
                    return self.err("unterminated character constant", start..self.pos);
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        None | Some('\n') => {
                            return self.err("unterminated character constant", start..self.pos);
                        }
                        Some(c) => self.pos += c.len_utf8(),
                    }
                }
                Some('\'') => {
                    self.pos += 1;
                    let s = self.src[start..self.pos].to_string();
                    self.push(Tok::Char(s), start);
                    return Ok(());
                }
                Some(c) => self.pos += c.len_utf8(),
            }
        }
    }

    fn accept(&mut self, set: &str) -> bool {
        match self.peek() {
            Some(c) if set.contains(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    fn accept_run(&mut self, set: &str) {
        while self.accept(set) {}
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if self.peek().is_some_and(is_alnum) {
            self.word();
            return false;
        }
        true
    }

    fn number(&mut self, start: usize) -> Result<(), ParseError> {
        if !self.scan_number() {
            let s = &self.src[start..self.pos];
            return self.err(format!("bad number syntax: {s:?}"), start..self.pos);
        }
        if matches!(self.peek(), Some('+' | '-'))
            && (!self.scan_number() || !self.src[..self.pos].ends_with('i'))
        {
            let s = &self.src[start..self.pos];
            return self.err(format!("bad number syntax: {s:?}"), start..self.pos);
        }
        let s = self.src[start..self.pos].to_string();
        self.push(Tok::Number(s), start);
        Ok(())
    }
}

fn has_left_trim(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
}

/// A right delimiter at the start of `s`: (its length, whether it trims).
fn right_delim(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    if b.len() >= 4 && is_space(b[0] as char) && b[1] == b'-' && &b[2..4] == b"}}" {
        return Some((4, true));
    }
    s.starts_with("}}").then_some((2, false))
}
