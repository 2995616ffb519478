//! Listing the readable files under directories.

use std::fs;
use std::path::{Path, PathBuf};

/// File endings [`expand`] picks up inside directories.
const READABLE: [&str; 8] = [
    ".txt",
    ".jsonl",
    ".jsonl.gz",
    ".json.gz",
    ".ndjson",
    ".html",
    ".htm",
    ".txt.gz",
];

/// Replaces each directory in `paths` by the readable files under it (`.txt`, `.jsonl`,
/// `.jsonl.gz`, `.json.gz`, `.ndjson`, `.html`, `.htm`, `.txt.gz`), recursively and
/// sorted by path; hidden entries (starting with `.`) and symbolic links to directories
/// are skipped. Other paths, including `-` and paths that do not exist, are kept as given
/// so that reading them reports the problem.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("thoisu-expand-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("b")).unwrap();
/// std::fs::write(dir.join("b/2.txt"), "hai").unwrap();
/// std::fs::write(dir.join("1.jsonl"), "").unwrap();
/// std::fs::write(dir.join("notes.md"), "").unwrap();
/// let files = thoisu_input::expand(&[dir.clone()]);
/// assert_eq!(files, vec![dir.join("1.jsonl"), dir.join("b/2.txt")]);
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn expand<P: AsRef<Path>>(paths: &[P]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path.to_path_buf());
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    // An unreadable directory is skipped: there is no file in it to report on.
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, found);
        } else if (!kind.is_symlink() || path.is_file())
            && READABLE.iter().any(|ext| name.ends_with(ext))
        {
            found.push(path);
        }
    }
}
