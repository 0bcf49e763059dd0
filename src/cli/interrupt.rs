//! Interrupts (Ctrl-C, `SIGTERM`, `SIGHUP`) while `convert` writes files. Outputs go through
//! temporary files, which an interrupted process would leave behind: once interrupted, no
//! new write starts, the writes under way finish (each leaves either the old file or the
//! complete new one), and then the run stops. Nothing being written, it stops at once; a
//! second interrupt also stops it at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

use super::stdio::stderrln;

/// The exit status of an interrupted run (128 + `SIGINT`).
pub const EXIT_INTERRUPTED: u8 = 130;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Takes over interrupts for the rest of the process (a no-op when that fails: interrupts
/// then end it as usual).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        // Set before counting the writes, which check it after counting themselves in: a
        // write either is counted here or sees the interrupt and does not start.
        let again = INTERRUPTED.swap(true, SeqCst);
        if again || WRITING.load(SeqCst) == 0 {
            stderrln!("interrupted");
            std::process::exit(EXIT_INTERRUPTED.into());
        }
        stderrln!(
            "interrupted: finishing the files being written (interrupt again to stop at once)"
        );
    });
}

/// True once the run was interrupted.
pub fn interrupted() -> bool {
    INTERRUPTED.load(SeqCst)
}

/// A file write under way; the process is not stopped by a first interrupt while one is.
#[derive(Debug)]
pub struct Writing(());

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, SeqCst);
    }
}

/// Starts a file write, or `None` once the run was interrupted.
pub fn start_writing() -> Option<Writing> {
    WRITING.fetch_add(1, SeqCst);
    let writing = Writing(());
    (!interrupted()).then_some(writing)
}
