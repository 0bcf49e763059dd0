//! The commands' standard output and error, neither of which may panic when closed or full
//! (`am2amp explain --list | head`, `2>/dev/full`). Failing to write standard output is an I/O
//! error, said once on standard error; standard error's own failures are ignored, as nothing
//! is left to tell them to.

use std::io::{self, Write};

/// Like `eprint!`, without its panic when standard error cannot be written.
macro_rules! stderr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// Like `eprintln!`, without its panic when standard error cannot be written.
macro_rules! stderrln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub(crate) use {stderr, stderrln};

/// Standard output that says its first write failure on standard error and drops everything
/// after it.
#[derive(Debug, Default)]
pub struct Stdout {
    failed: bool,
}

impl Stdout {
    /// Writes `bytes` and flushes them, so that a failure shows at once.
    pub fn write(&mut self, bytes: &[u8]) {
        if self.failed || bytes.is_empty() {
            return;
        }
        let mut out = io::stdout().lock();
        if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
            stderrln!("error: standard output: {e}");
            self.failed = true;
        }
    }

    /// True once a write has failed: the command then exits with
    /// [`EXIT_USAGE`](super::EXIT_USAGE).
    pub fn failed(&self) -> bool {
        self.failed
    }
}
