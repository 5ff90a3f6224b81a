//! The I/O around the pure `codegen` library: reading the catalog and README, comparing
//! what generation produces with what is on disk, printing diffs, and replacing files
//! all at once. `main.rs` is only argument parsing on top of this.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use codegen::diagnostic::Diagnostic;

/// The catalog `cargo xtask gen` reads unless told otherwise, relative to the root.
pub const DEFAULT_CATALOG: &str = "catalog/errors.toml";

/// The workspace root: the folder above this crate.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

/// One file as generation wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Path relative to the output root.
    pub path: PathBuf,
    /// The complete contents it should have.
    pub contents: String,
}

/// Why generation could not run.
#[derive(Debug)]
pub enum GenError {
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The catalog has problems; nothing was written.
    Catalog {
        /// The catalog path as the user gave it.
        path: String,
        /// Its text, for rendering locations.
        source: String,
        /// Every problem, sorted by position.
        diagnostics: Vec<Diagnostic>,
    },
    /// The README's generated-section markers are broken.
    Readme(String),
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            GenError::Catalog {
                path,
                source,
                diagnostics,
            } => {
                for diagnostic in diagnostics {
                    writeln!(f, "{}", diagnostic.render_plain(path, source))?;
                }
                let count = diagnostics.len();
                let plural = if count == 1 { "problem" } else { "problems" };
                write!(f, "{path}: {count} {plural}; no file was changed")
            }
            GenError::Readme(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for GenError {}

fn read(path: &Path) -> Result<String, GenError> {
    fs::read_to_string(path).map_err(|error| GenError::Io {
        path: path.to_path_buf(),
        error,
    })
}

/// Generates everything from the catalog at `catalog` (relative to `root`, or absolute)
/// into memory. The README under `out` gets its generated section replaced; a missing
/// README under `out` is skipped, so `out` can be a scratch folder.
pub fn plan(root: &Path, catalog: &str, out: &Path) -> Result<Vec<Planned>, GenError> {
    let source = read(&root.join(catalog))?;
    let generated =
        codegen::generate(catalog, &source).map_err(|diagnostics| GenError::Catalog {
            path: catalog.to_owned(),
            source: source.clone(),
            diagnostics,
        })?;
    let mut planned: Vec<Planned> = generated
        .files
        .into_iter()
        .map(|file| Planned {
            path: PathBuf::from(file.path),
            contents: file.contents,
        })
        .collect();
    let readme_path = out.join(codegen::README_MD);
    if readme_path.exists() {
        let readme = read(&readme_path)?;
        let spliced = codegen::readme::splice(&readme, &generated.readme_section)
            .map_err(GenError::Readme)?;
        planned.push(Planned {
            path: PathBuf::from(codegen::README_MD),
            contents: spliced,
        });
    }
    Ok(planned)
}

/// A planned file whose contents differ from the file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// Path relative to the output root.
    pub path: PathBuf,
    /// What is on disk now; `None` if the file does not exist.
    pub current: Option<String>,
    /// What generation wants.
    pub wanted: String,
}

impl Stale {
    /// A unified diff from the file on disk to what generation wants.
    pub fn diff(&self) -> String {
        let name = self.path.display().to_string();
        let current = self.current.as_deref().unwrap_or("");
        similar::TextDiff::from_lines(current, &self.wanted)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    }
}

/// The planned files under `out` that are missing or differ. Line endings are compared
/// as written: generation always writes `\n`.
pub fn stale(out: &Path, planned: &[Planned]) -> Result<Vec<Stale>, GenError> {
    let mut stale = Vec::new();
    for file in planned {
        let path = out.join(&file.path);
        let current = match fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(GenError::Io { path, error }),
        };
        if current.as_deref() != Some(file.contents.as_str()) {
            stale.push(Stale {
                path: file.path.clone(),
                current,
                wanted: file.contents.clone(),
            });
        }
    }
    Ok(stale)
}

/// Replaces the stale files under `out`. Every new text is first written to a temporary
/// file beside its target; only when all are written are they renamed into place, so a
/// failure while writing changes no file and a reader never sees a half-written one.
pub fn write_all(out: &Path, stale: &[Stale]) -> Result<(), GenError> {
    let mut ready = Vec::with_capacity(stale.len());
    for file in stale {
        let target = out.join(&file.path);
        let dir = target.parent().unwrap_or(out).to_path_buf();
        let io = |error| GenError::Io {
            path: target.clone(),
            error,
        };
        fs::create_dir_all(&dir).map_err(io)?;
        let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(io)?;
        temp.write_all(file.wanted.as_bytes()).map_err(io)?;
        temp.as_file().sync_all().map_err(io)?;
        ready.push((temp, target));
    }
    for (temp, target) in ready {
        temp.persist(&target).map_err(|error| GenError::Io {
            path: target.clone(),
            error: error.error,
        })?;
    }
    Ok(())
}
