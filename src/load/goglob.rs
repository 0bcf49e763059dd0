//! Go's `path/filepath` `Match` and `Glob` (Unix), which Alertmanager resolves `templates:`
//! with. No crate matches them: `[^x]` negates and `[!x]` does not, `\` escapes, `**` is `*`,
//! and `[]`, `[a-]` or a trailing `\` are errors (`syntax error in pattern`).

use std::path::{Path, PathBuf};

/// Go's `filepath.ErrBadPattern` message.
pub const BAD_PATTERN: &str = "syntax error in pattern";

/// A pattern Go refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPattern;

/// Whether `name` matches the whole of `pattern`; like Go, checks the whole pattern's syntax
/// even when the name fails early.
pub fn matches(pattern: &str, name: &str) -> Result<bool, BadPattern> {
    let (mut pattern, mut name) = (pattern.as_bytes(), name.as_bytes());
    'chunks: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return Ok(!name.contains(&b'/'));
        }
        let first = match_chunk(chunk, name);
        if let Ok(Some(t)) = first
            && (t.is_empty() || !pattern.is_empty())
        {
            name = t;
            continue;
        }
        first?;
        if star {
            for i in 0..name.len() {
                if name[i] == b'/' {
                    break;
                }
                match match_chunk(chunk, &name[i + 1..])? {
                    Some(t) if pattern.is_empty() && !t.is_empty() => continue,
                    Some(t) => {
                        name = t;
                        continue 'chunks;
                    }
                    None => {}
                }
            }
        }
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, b"")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Splits off leading stars and the chunk up to the next star outside a class.
fn scan_chunk(pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let stars = pattern.iter().take_while(|&&b| b == b'*').count();
    let pattern = &pattern[stars..];
    let (mut i, mut in_range) = (0, false);
    while i < pattern.len() {
        match pattern[i] {
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => break,
            _ => {}
        }
        i += 1;
    }
    (stars > 0, &pattern[..i], &pattern[i..])
}

/// Matches one chunk at the start of `s`: what is left of `s`, or `None`.
fn match_chunk<'s>(mut chunk: &[u8], mut s: &'s [u8]) -> Result<Option<&'s [u8]>, BadPattern> {
    let mut failed = false;
    while let Some(&c) = chunk.first() {
        failed |= s.is_empty();
        match c {
            b'[' => {
                let mut r = None;
                if !failed {
                    let (rune, n) = decode(s);
                    r = Some(rune);
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let negated = chunk.first() == Some(&b'^');
                if negated {
                    chunk = &chunk[1..];
                }
                let (mut matched, mut ranges) = (false, 0);
                loop {
                    if chunk.first() == Some(&b']') && ranges > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = get_esc(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if chunk[0] == b'-' {
                        (hi, chunk) = get_esc(&chunk[1..])?;
                    }
                    matched |= r.is_some_and(|r| lo <= r && r <= hi);
                    ranges += 1;
                }
                failed |= matched == negated;
            }
            b'?' => {
                if !failed {
                    failed = s[0] == b'/';
                    s = &s[decode(s).1..];
                }
                chunk = &chunk[1..];
            }
            _ => {
                if c == b'\\' {
                    chunk = &chunk[1..];
                    if chunk.is_empty() {
                        return Err(BadPattern);
                    }
                }
                if !failed {
                    failed = chunk[0] != s[0];
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    Ok((!failed).then_some(s))
}

/// One character of a class, `\` escaping the next; Go refuses a class that ends here.
fn get_esc(chunk: &[u8]) -> Result<(u32, &[u8]), BadPattern> {
    let chunk = match chunk.first() {
        None | Some(b'-' | b']') => return Err(BadPattern),
        Some(b'\\') => &chunk[1..],
        Some(_) => chunk,
    };
    if chunk.is_empty() {
        return Err(BadPattern);
    }
    let (r, n) = decode(chunk);
    if r == 0xFFFD && n == 1 || chunk.len() == n {
        return Err(BadPattern);
    }
    Ok((r, &chunk[n..]))
}

/// Go's `utf8.DecodeRuneInString`: the rune and its length, U+FFFD and 1 for a bad byte.
fn decode(s: &[u8]) -> (u32, usize) {
    let n = match s[0] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return (0xFFFD, 1),
    };
    match s.get(..n).and_then(|b| std::str::from_utf8(b).ok()) {
        Some(c) => (c.chars().next().map_or(0xFFFD, u32::from), n),
        None => (0xFFFD, 1),
    }
}

/// Go's `filepath.Join(base, elem)` as Alertmanager resolves a relative entry: both joined by
/// `/` and cleaned (an empty entry stays empty, and so matches nothing).
pub fn join(base: &str, elem: &str) -> String {
    match (base, elem) {
        (_, "") => String::new(),
        ("", _) => clean(elem),
        _ => clean(&format!("{base}/{elem}")),
    }
}

/// Go's `filepath.Clean`: one `/` between names, no `.` names, `..` after a name removed with
/// it, no trailing `/`.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut names: Vec<&str> = Vec::new();
    for name in path.split('/') {
        match name {
            "" | "." => {}
            ".." if names.last().is_some_and(|n| *n != "..") => {
                names.pop();
            }
            ".." if rooted => {}
            n => names.push(n),
        }
    }
    match (rooted, names.is_empty()) {
        (true, _) => format!("/{}", names.join("/")),
        (false, true) => ".".into(),
        (false, false) => names.join("/"),
    }
}

fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

/// Go's `filepath.Glob`: the existing paths matching `pattern`, each directory's names sorted;
/// unreadable directories match nothing.
pub fn glob(pattern: &str) -> Result<Vec<PathBuf>, BadPattern> {
    matches(pattern, "")?;
    glob_checked(pattern)
}

fn glob_checked(pattern: &str) -> Result<Vec<PathBuf>, BadPattern> {
    if !has_meta(pattern) {
        let found = std::fs::symlink_metadata(pattern).is_ok();
        return Ok(if found {
            vec![pattern.into()]
        } else {
            Vec::new()
        });
    }
    let (dir, file) = match pattern.rfind('/') {
        Some(i) => (&pattern[..=i], &pattern[i + 1..]),
        None => ("", pattern),
    };
    let dir = match dir {
        "" => ".",
        "/" => "/",
        d => &d[..d.len() - 1],
    };
    if !has_meta(dir) {
        return in_dir(dir, file, Vec::new());
    }
    if dir == pattern {
        return Err(BadPattern);
    }
    let mut out = Vec::new();
    for d in glob_checked(dir)? {
        out = in_dir(&d.to_string_lossy(), file, out)?;
    }
    Ok(out)
}

/// The names in `dir` matching `pattern` (Go stats `dir` first; a listing that fails says
/// the same).
fn in_dir(dir: &str, pattern: &str, mut out: Vec<PathBuf>) -> Result<Vec<PathBuf>, BadPattern> {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    let mut names: Vec<String> = listing
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for n in names {
        if matches(pattern, &n)? {
            out.push(Path::new(dir).join(n));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases from Go's `match_test.go` and the ones where the glob crate disagrees.
    #[test]
    fn matches_like_go() {
        let ok = |p: &str, s: &str| matches(p, s).unwrap();
        let bad = |p: &str| matches(p, "x") == Err(BadPattern);
        assert!(ok("abc", "abc") && ok("*", "abc") && ok("*c", "abc") && ok("a*", "a"));
        assert!(ok("a*/b", "abc/b") && !ok("a*/b", "a/c/b") && !ok("a*", "ab/c"));
        assert!(ok("a*b*c*d*e*/f", "axbxcxdxe/f") && !ok("a*b*c*d*e*/f", "axbxcxdxe/xxx/f"));
        assert!(ok("ab[c]", "abc") && ok("ab[b-d]", "abc") && !ok("ab[e-g]", "abc"));
        assert!(ok("ab[^c]", "abd") && !ok("ab[^c]", "abc") && !ok("[!b]", "a") && ok("[!b]", "!"));
        assert!(ok("a\\*b", "a*b") && !ok("a\\*b", "ab") && ok("\\a.tmpl", "a.tmpl"));
        assert!(ok("a?b", "a☺b") && ok("a[^a]b", "a☺b") && !ok("a???b", "a☺b"));
        assert!(ok("[a-ζ]*", "α") && !ok("*[a-ζ]", "A") && !ok("a?b", "a/b"));
        assert!(ok("[\\-]", "-") && ok("[x\\-]", "x") && !ok("[x\\-]", "z") && ok("[\\]a]", "]"));
        assert!(ok("**/*.tmpl", "d/a.tmpl") && !ok("**/*.tmpl", "d/e/a.tmpl"));
        for p in [
            "[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[a-b-c]", "\\", "a\\", "[\\",
        ] {
            assert!(bad(p), "{p}");
        }
        assert_eq!(
            matches("a[", "b"),
            Err(BadPattern),
            "checked after a mismatch"
        );
        assert_eq!(matches("*x", "xxx"), Ok(true));
    }

    #[test]
    fn globs_like_go() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_str().unwrap();
        for d in ["a", "b", "a/c"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        for f in ["a/x.tmpl", "b/y.tmpl", "a/c/z.tmpl", ".h.tmpl", "t.tmpl"] {
            std::fs::write(dir.path().join(f), "").unwrap();
        }
        let names = |p: &str| -> Vec<String> {
            glob(&format!("{root}/{p}"))
                .unwrap()
                .iter()
                .map(|p| p.strip_prefix(root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names("*.tmpl"), [".h.tmpl", "t.tmpl"]);
        assert_eq!(names("*/*.tmpl"), ["a/x.tmpl", "b/y.tmpl"]);
        assert_eq!(names("**/*.tmpl"), ["a/x.tmpl", "b/y.tmpl"]);
        assert_eq!(names("[ab]/[^x]*"), ["a/c", "b/y.tmpl"]);
        assert_eq!(names("a"), ["a"]);
        assert_eq!(names("nope/*"), Vec::<String>::new());
        assert_eq!(glob(&format!("{root}/[]/*")), Err(BadPattern));
    }

    #[test]
    fn joins_like_go() {
        assert_eq!(join("/etc/am", "t/*.tmpl"), "/etc/am/t/*.tmpl");
        assert_eq!(join("/etc/am", "./t//a.tmpl/"), "/etc/am/t/a.tmpl");
        assert_eq!(join("/etc/am", "../../../x"), "/x");
        assert_eq!(join(".", "a/../../b"), "../b");
        assert_eq!(join("", "a"), "a");
        assert_eq!(join("/etc", ""), "");
    }
}
