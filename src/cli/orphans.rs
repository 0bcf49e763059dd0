//! Outputs no input converts to any more: definitions left in the output directory after
//! their config was removed or renamed. `--check` fails on them and `--dry-run` names them;
//! nothing ever deletes them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::amp::forms::Form;
use crate::load;

/// The files below `dir` that hold a definition in `form` (by extension and content) and are
/// neither an output of this run (`planned`) nor one of its inputs (canonical paths), sorted.
/// Hidden and git-ignored paths are skipped, as when inputs are searched.
pub fn find(
    dir: &Path,
    form: Form,
    planned: &BTreeSet<PathBuf>,
    inputs: &BTreeSet<PathBuf>,
) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = load::walker(dir)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == form.extension()))
        .filter(|p| !planned.contains(p))
        .filter(|p| p.canonicalize().is_ok_and(|c| !inputs.contains(&c)))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| form.holds_definition(&t)))
        .collect();
    found.sort();
    found
}
