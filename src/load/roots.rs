//! The library a file belongs to: a known library that holds it (`$BYLINE_LIBRARY`, the config's
//! `library` folders, `./articles`), else the nearest folder above it that holds a marker file
//! (`.byline` unless the config names another), else the file's own folder.

use std::path::{Component, Path, PathBuf};

/// The marker file's name unless the config's `library_marker` names another.
pub const MARKER: &str = ".byline";

/// How a file's library was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A known library holds the file.
    Known,
    /// A folder above the file (or its own) holds the marker file.
    Marker,
    /// Neither: the file's own folder.
    Folder,
}

/// The library of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The folders (or files) to scan, the root spelled from the file's own path where it can
    /// be, so the file's row carries the path the user typed.
    pub folders: Vec<PathBuf>,
    /// How it was found.
    pub found: Found,
}

/// What libraries byline knows of, and the marker's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Each known library, as the folders that make it up: `$BYLINE_LIBRARY`, the config's
    /// `library` folders (together one library), `./articles`.
    pub libraries: Vec<Vec<PathBuf>>,
    /// The marker file's name.
    pub marker: String,
}

impl Known {
    /// The libraries of this process: `env` is `$BYLINE_LIBRARY` (unset or empty: none),
    /// `configured` the config's `library`, and `./articles` when it is a folder.
    pub fn new(env: Option<PathBuf>, configured: &[PathBuf], marker: &str) -> Known {
        let mut libraries = Vec::new();
        if let Some(dir) = env.filter(|d| !d.as_os_str().is_empty()) {
            libraries.push(vec![dir]);
        }
        if !configured.is_empty() {
            libraries.push(configured.to_vec());
        }
        let local = PathBuf::from("articles");
        if local.is_dir() {
            libraries.push(vec![local]);
        }
        Known {
            libraries,
            marker: marker.to_owned(),
        }
    }

    /// The library `file` belongs to. The first known library (in the order above) with a
    /// folder holding the file wins, and comes whole; folders of it that do not exist are left
    /// out. Paths that cannot be resolved (a file that vanished) fall back to the file's folder.
    pub fn library_of(&self, file: &Path) -> Root {
        let dir = folder_of(file);
        let folder = || Root {
            folders: vec![dir.to_path_buf()],
            found: Found::Folder,
        };
        let Ok(canon_dir) = dir.canonicalize() else {
            return folder();
        };
        let canon_file = file.canonicalize().ok();
        for lib in &self.libraries {
            let resolved: Vec<(&PathBuf, Option<PathBuf>)> =
                lib.iter().map(|f| (f, f.canonicalize().ok())).collect();
            let holder = resolved.iter().find(|(_, c)| {
                c.as_ref()
                    .is_some_and(|c| canon_dir.starts_with(c) || canon_file.as_ref() == Some(c))
            });
            if let Some((held_by, Some(canon_root))) = holder {
                let folders = resolved
                    .iter()
                    .filter(|(_, c)| c.is_some())
                    .map(|(f, _)| {
                        if f == held_by && canon_dir.starts_with(canon_root) {
                            spelled(dir, &canon_dir, canon_root)
                        } else {
                            (*f).clone()
                        }
                    })
                    .collect();
                return Root {
                    folders,
                    found: Found::Known,
                };
            }
        }
        if !self.marker.is_empty() {
            for anc in canon_dir.ancestors() {
                if anc.join(&self.marker).exists() {
                    return Root {
                        folders: vec![spelled(dir, &canon_dir, anc)],
                        found: Found::Marker,
                    };
                }
            }
        }
        folder()
    }
}

/// The folder a file is in (`.` for a bare file name).
pub fn folder_of(file: &Path) -> &Path {
    file.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The ancestor `root` of `dir` (both resolved: `canon_dir`, `root`) spelled from `dir` as
/// given: its last components taken off (`articles/2026/04` → `articles`), or `..` for a
/// folder above the current one; the resolved path when neither leads there (a symbolic link
/// or a `..` on the way).
fn spelled(dir: &Path, canon_dir: &Path, root: &Path) -> PathBuf {
    let depth = canon_dir
        .components()
        .count()
        .saturating_sub(root.components().count());
    let same = |p: &Path| p.canonicalize().ok().as_deref() == Some(root);
    let comps: Vec<Component> = dir.components().collect();
    if comps.contains(&Component::ParentDir) && depth > 0 {
        // `a/../b` minus parts, or plus `..`, would only be harder to read than the resolved path.
        return root.to_path_buf();
    }
    let tail_normal = comps.len() >= depth
        && comps[comps.len() - depth..]
            .iter()
            .all(|c| matches!(c, Component::Normal(_)));
    if tail_normal {
        let kept: PathBuf = comps[..comps.len() - depth].iter().collect();
        let kept = if kept.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            kept
        };
        if same(&kept) {
            return kept;
        }
    }
    // Above the current folder (`byline story.txt` with the marker one level up): `..`.
    let here = comps.iter().all(|c| matches!(c, Component::CurDir));
    let mut up = PathBuf::new();
    for _ in 0..depth {
        up.push("..");
    }
    if here && same(&up) {
        return up;
    }
    root.to_path_buf()
}

/// Every article file under `folders` (walked as the library scan walks them: symbolic links
/// followed, hidden entries skipped, only article extensions); files named directly are kept
/// whatever their extension. Errors are left to the scan that reports them.
pub fn article_files(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for f in folders {
        if f.is_file() {
            out.push(f.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(f)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."))
            .flatten();
        for e in walk {
            if e.file_type().is_file() && super::format_for(e.path()).is_some() {
                out.push(e.into_path());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "Title\nText.\n").unwrap();
    }

    #[test]
    fn a_known_library_holding_the_file_comes_whole_spelled_from_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let lib = tmp.path().join("news");
        let file = lib.join("2026/04/a.txt");
        touch(&file);
        touch(&lib.join("2026/03/b.txt"));
        let other = tmp.path().join("other");
        std::fs::create_dir_all(&other).unwrap();
        let known = Known {
            libraries: vec![vec![other.clone(), lib.clone()]],
            marker: MARKER.into(),
        };
        let root = known.library_of(&file);
        assert_eq!(root.found, Found::Known);
        assert_eq!(root.folders, vec![other, lib]);
    }

    #[test]
    fn a_marker_above_the_file_makes_the_library_else_its_own_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("archive/2026/04/a.txt");
        touch(&file);
        let known = Known {
            libraries: Vec::new(),
            marker: MARKER.into(),
        };
        let root = known.library_of(&file);
        assert_eq!(root.found, Found::Folder);
        assert_eq!(root.folders, vec![tmp.path().join("archive/2026/04")]);

        std::fs::write(tmp.path().join("archive/.byline"), "").unwrap();
        let root = known.library_of(&file);
        assert_eq!(root.found, Found::Marker);
        assert_eq!(root.folders, vec![tmp.path().join("archive")]);

        // The config may name the marker otherwise; `.byline` then means nothing.
        let renamed = Known {
            libraries: Vec::new(),
            marker: "LIBRARY".into(),
        };
        assert_eq!(renamed.library_of(&file).found, Found::Folder);
        std::fs::write(tmp.path().join("archive/2026/LIBRARY"), "").unwrap();
        assert_eq!(
            renamed.library_of(&file).folders,
            vec![tmp.path().join("archive/2026")]
        );
    }

    #[test]
    fn the_root_is_spelled_as_the_file_was_or_resolved() {
        let tmp = tempfile::tempdir().unwrap();
        let canon = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(canon.join("a/b/c")).unwrap();
        let root = canon.join("a");
        assert_eq!(
            spelled(&canon.join("a/b/c"), &canon.join("a/b/c"), &root),
            root
        );
        // Through `..`, the lexical tail is no guide: the walk up is checked on the disk.
        let odd = canon.join("a/b/../b/c");
        assert_eq!(spelled(&odd, &canon.join("a/b/c"), &root), root);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(canon.join("a/b"), canon.join("link")).unwrap();
            let via = canon.join("link/c");
            // `link/c` minus two parts is the temp folder, not `a`: the resolved root it is.
            assert_eq!(spelled(&via, &canon.join("a/b/c"), &root), root);
        }
    }

    #[test]
    fn article_files_skip_hidden_entries_and_other_extensions() {
        let tmp = tempfile::tempdir().unwrap();
        touch(&tmp.path().join("x/a.txt"));
        touch(&tmp.path().join("x/.hidden/b.txt"));
        touch(&tmp.path().join("x/c.rs"));
        touch(&tmp.path().join("x/d.md"));
        let mut found = article_files(&[tmp.path().join("x")]);
        found.sort();
        assert_eq!(
            found,
            vec![tmp.path().join("x/a.txt"), tmp.path().join("x/d.md")]
        );
    }
}
