//! The I/O around the pure `codegen` library: reading the catalog and README, comparing
//! what generation produces with what is on disk, printing diffs, and replacing files
//! all at once. `main.rs` is only argument parsing on top of this.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use codegen::diagnostic::Diagnostic;
use codegen::readme::SpliceError;
use codegen::CatalogSource;

pub mod line_endings;
pub mod release;
pub mod report;
pub mod root;
pub mod synth;

/// The folder of the catalogs `cargo xtask gen` reads, relative to the root.
pub const CATALOG_DIR: &str = "catalog";

/// The checkout `cargo xtask` acts on: the workspace around the current directory, never
/// the one the binary was built in (two worktrees may share one target folder).
pub fn workspace_root() -> PathBuf {
    root::workspace_root_from_env().unwrap_or_else(|_| {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        manifest_dir
            .parent()
            .map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
    })
}

/// One file as generation wants it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Path relative to the output root.
    pub path: PathBuf,
    /// The complete contents it should have.
    pub contents: String,
}

/// One catalog file with problems.
#[derive(Debug)]
pub struct CatalogProblems {
    /// The path as shown.
    pub path: String,
    /// Its text, for rendering locations.
    pub source: String,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
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
    /// Catalogs (or the published record) have problems; nothing was written.
    Catalog(Vec<CatalogProblems>),
    /// The README's generated-section markers are broken.
    Readme(String),
    /// The command line names something that does not fit.
    Usage(String),
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            GenError::Catalog(files) => {
                let rendered: Vec<String> = files
                    .iter()
                    .map(|file| report::render(&file.path, &file.source, &file.diagnostics))
                    .collect();
                f.write_str(&rendered.join("\n\n"))
            }
            GenError::Readme(message) | GenError::Usage(message) => f.write_str(message),
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

/// Everything one generation run produces, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The files, as generation wants them.
    pub files: Vec<Planned>,
    /// The hand-written functions the catalogs' `custom` rules call.
    pub custom_functions: Vec<String>,
    /// Things the user should know that do not stop generation.
    pub notes: Vec<String>,
}

/// How a catalog path is named inside generated files: relative to `root` when the
/// catalog is under it, otherwise by its file name, so that outputs never hold an
/// absolute path and are the same on every machine.
pub fn display_path(root: &Path, catalog: &str) -> String {
    let path = Path::new(catalog);
    let shown = if path.is_relative() {
        path.to_path_buf()
    } else {
        let inside = match (root.canonicalize(), path.canonicalize()) {
            (Ok(root), Ok(path)) => path.strip_prefix(&root).ok().map(Path::to_path_buf),
            _ => None,
        };
        inside.unwrap_or_else(|| PathBuf::from(path.file_name().unwrap_or_default()))
    };
    shown
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every `catalog/*.toml` under `root`, as paths relative to it, sorted.
pub fn catalog_paths(root: &Path) -> Result<Vec<String>, GenError> {
    let dir = root.join(CATALOG_DIR);
    let entries = fs::read_dir(&dir).map_err(|error| GenError::Io {
        path: dir.clone(),
        error,
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| GenError::Io {
            path: dir.clone(),
            error,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") && entry.path().is_file() {
            paths.push(format!("{CATALOG_DIR}/{name}"));
        }
    }
    paths.sort();
    Ok(paths)
}

/// Generates everything from one catalog (relative to `root`, or absolute) into memory;
/// see [`plan_all`].
pub fn plan(root: &Path, catalog: &str, out: &Path) -> Result<Vec<Planned>, GenError> {
    plan_all(root, Some(catalog), out).map(|plan| plan.files)
}

/// What one `gen` run generates, in memory:
/// - no `catalog`: every `catalog/*.toml` under `root`, all their outputs;
/// - `catalog` and an `out` other than `root`: that catalog alone, into `out`;
/// - `catalog` with `out` = `root`: every catalog is checked together (so module names
///   and published keys stay consistent), but only the outputs of `catalog` and the
///   shared files (the module list, the published record) are planned: no other
///   catalog's files are touched.
///
/// The published record and the README are read from `out`; a README without a
/// catalog's section markers is noted and skipped, so `out` can be a scratch folder.
pub fn plan_all(root: &Path, catalog: Option<&str>, out: &Path) -> Result<Plan, GenError> {
    let same_out = out == root;
    let mut paths = match (catalog, same_out) {
        (Some(_), false) => Vec::new(),
        _ => catalog_paths(root)?,
    };
    let chosen = catalog.map(|catalog| display_path(root, catalog));
    if let (Some(catalog), Some(shown)) = (catalog, &chosen) {
        if !paths.contains(shown) {
            paths.push(if Path::new(catalog).is_absolute() {
                catalog.to_owned()
            } else {
                shown.clone()
            });
        }
    }
    let mut sources = Vec::with_capacity(paths.len());
    for path in &paths {
        let text = read(&root.join(path))?;
        sources.push((
            display_path(root, path),
            line_endings::to_lf(&text).into_owned(),
        ));
    }
    let published_path = out.join(codegen::PUBLISHED);
    let published = match fs::read_to_string(&published_path) {
        Ok(text) => Some(line_endings::to_lf(&text).into_owned()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(GenError::Io {
                path: published_path,
                error,
            })
        }
    };
    let catalog_sources: Vec<CatalogSource<'_>> = sources
        .iter()
        .map(|(path, text)| CatalogSource { path, text })
        .collect();
    // Every catalog of the workspace is read unless one catalog goes to another folder.
    let complete = catalog.is_none() || same_out;
    let generated = codegen::generate_set(&catalog_sources, published.as_deref(), complete)
        .map_err(|files| catalog_error(files, &sources, published.as_deref()))?;
    let wanted = |owner: Option<&str>| match (&chosen, owner) {
        (Some(chosen), Some(owner)) => chosen == owner,
        _ => true,
    };
    let mut planned: Vec<Planned> = generated
        .files
        .into_iter()
        .filter(|file| wanted(file.owner.as_deref()))
        .map(|file| Planned {
            path: PathBuf::from(file.path),
            contents: file.contents,
        })
        .collect();
    let sections: Vec<&codegen::ReadmeSection> = generated
        .readme_sections
        .iter()
        .filter(|section| wanted(Some(&section.owner)))
        .collect();
    let mut notes = Vec::new();
    if let Some(readme) = splice_readme(out, &sections, &mut notes)? {
        planned.push(readme);
    }
    if let Some(changelog) = splice_changelog(out, &generated.changelog_section, &mut notes)? {
        planned.push(changelog);
    }
    Ok(Plan {
        files: planned,
        custom_functions: generated.custom_functions,
        notes,
    })
}

/// Attaches each file's text to its diagnostics.
fn catalog_error(
    files: Vec<codegen::FileDiagnostics>,
    sources: &[(String, String)],
    published: Option<&str>,
) -> GenError {
    GenError::Catalog(
        files
            .into_iter()
            .map(|file| {
                let source = sources
                    .iter()
                    .find(|(path, _)| *path == file.path)
                    .map(|(_, text)| text.clone())
                    .or_else(|| {
                        (file.path == codegen::PUBLISHED)
                            .then(|| published.unwrap_or("").to_owned())
                    })
                    .unwrap_or_default();
                CatalogProblems {
                    path: file.path,
                    source,
                    diagnostics: file.diagnostics,
                }
            })
            .collect(),
    )
}

/// `text`, the file `file`, with section `name` filled with `section`. Absent markers leave
/// the text as it was; with `absent` (whose section it is, where its markers belong) they
/// are noted.
fn splice_section(
    text: String,
    file: &str,
    name: &str,
    section: &str,
    absent: Option<(String, &str)>,
    notes: &mut Vec<String>,
) -> Result<String, GenError> {
    match codegen::readme::splice(&text, file, name, section) {
        Ok(spliced) => Ok(spliced),
        Err(SpliceError::Absent) => {
            if let Some((whose, place)) = absent {
                notes.push(format!(
                    "{file} has no markers for the section \"{name}\"{whose}; add `{begin}` and `{end}` {place}",
                    begin = codegen::readme::begin_marker(name),
                    end = codegen::readme::end_marker(name),
                ));
            }
            Ok(text)
        }
        Err(SpliceError::Broken(message)) => Err(GenError::Readme(message)),
    }
}

/// The README under `out` with every section filled, if there is a README.
fn splice_readme(
    out: &Path,
    sections: &[&codegen::ReadmeSection],
    notes: &mut Vec<String>,
) -> Result<Option<Planned>, GenError> {
    let readme_path = out.join(codegen::README_MD);
    if !readme_path.exists() || sections.is_empty() {
        return Ok(None);
    }
    let mut readme = line_endings::to_lf(&read(&readme_path)?).into_owned();
    for section in sections {
        let absent = (format!(" of {}", section.owner), "where it belongs");
        readme = splice_section(
            readme,
            codegen::README_MD,
            &section.name,
            &section.text,
            Some(absent),
            notes,
        )?;
    }
    // The format's own section belongs to no catalog: filled wherever the README has it.
    let format = codegen::format::readme_section();
    readme = splice_section(
        readme,
        codegen::README_MD,
        codegen::format::README_SECTION,
        &format,
        None,
        notes,
    )?;
    Ok(Some(Planned {
        path: PathBuf::from(codegen::README_MD),
        contents: readme,
    }))
}

/// `CHANGELOG.md` under `out` with its catalog part filled, if there is a changelog.
fn splice_changelog(
    out: &Path,
    section: &str,
    notes: &mut Vec<String>,
) -> Result<Option<Planned>, GenError> {
    let path = out.join(codegen::CHANGELOG_MD);
    if !path.exists() {
        return Ok(None);
    }
    let text = line_endings::to_lf(&read(&path)?).into_owned();
    let contents = splice_section(
        text,
        codegen::CHANGELOG_MD,
        codegen::emit::changelog::SECTION,
        section,
        Some((String::new(), "under its next release")),
        notes,
    )?;
    Ok(Some(Planned {
        path: PathBuf::from(codegen::CHANGELOG_MD),
        contents,
    }))
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

/// The planned files under `out` that are missing or differ. Line endings do not count:
/// a checkout with CRLF endings (Git for Windows' `core.autocrlf`) is not stale for them;
/// generation itself always writes `\n`.
pub fn stale(out: &Path, planned: &[Planned]) -> Result<Vec<Stale>, GenError> {
    let mut stale = Vec::new();
    for file in planned {
        let path = out.join(&file.path);
        let current = match fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(GenError::Io { path, error }),
        };
        let same = current
            .as_deref()
            .is_some_and(|current| line_endings::same_text(current, &file.contents));
        if !same {
            stale.push(Stale {
                path: file.path.clone(),
                current,
                wanted: file.contents.clone(),
            });
        }
    }
    Ok(stale)
}

/// Replaces the stale files under `out`, all or nothing. Every new text is first written
/// to a temporary file beside its target; only when all are written are they renamed into
/// place, so a reader never sees a half-written file. If writing or a rename fails, the
/// files already replaced get their old text back (from [`Stale::current`]), files that
/// did not exist are removed again, and so are the folders created for them; then the
/// error is returned. A replaced file keeps its permissions; a new one gets those of any
/// newly created file.
pub fn write_all(out: &Path, stale: &[Stale]) -> Result<(), GenError> {
    write_all_with(out, stale, |_, _| Ok(()))
}

/// [`write_all`] with a seam for tests: `before_rename(index, target)` runs just before
/// `stale[index]` is renamed onto `target`, its full path under `out`. An error it returns
/// counts as that rename failing: the files of `stale[..index]`, already replaced, are
/// restored and the error is returned. [`write_all`] passes a hook that does nothing.
pub fn write_all_with(
    out: &Path,
    stale: &[Stale],
    mut before_rename: impl FnMut(usize, &Path) -> std::io::Result<()>,
) -> Result<(), GenError> {
    let targets: Vec<PathBuf> = stale.iter().map(|file| out.join(&file.path)).collect();
    let mut created_dirs = Vec::new();
    for target in &targets {
        if let Err(error) = create_folder(out, target, &mut created_dirs) {
            return Err(roll_back(&[], &created_dirs, target.clone(), error));
        }
    }
    let mut ready = Vec::with_capacity(stale.len());
    for (target, prepared) in targets.iter().zip(prepare_all(&targets, stale)) {
        match prepared {
            Ok(prepared) => ready.push(prepared),
            Err(error) => {
                drop(ready); // deletes the temporary files written so far
                return Err(roll_back(&[], &created_dirs, target.clone(), error));
            }
        }
    }
    let mut replaced = Vec::with_capacity(stale.len());
    let mut pending = stale.iter().zip(targets).zip(ready).enumerate();
    while let Some((index, ((file, target), (temp, permissions)))) = pending.next() {
        let renamed = before_rename(index, &target)
            .and_then(|()| temp.persist(&target).map(drop).map_err(|error| error.error));
        if let Err(error) = renamed {
            drop(pending); // deletes the temporary files not renamed yet
            return Err(roll_back(&replaced, &created_dirs, target, error));
        }
        replaced.push(Replaced {
            target,
            old: file.current.as_deref(),
            permissions,
        });
    }
    Ok(())
}

/// A file [`write_all_with`] has replaced, and what it takes to put it back.
struct Replaced<'a> {
    target: PathBuf,
    /// Its text before, or `None` if it did not exist.
    old: Option<&'a str>,
    /// Its permissions before, if it existed.
    permissions: Option<fs::Permissions>,
}

/// Creates the folder of `target` if needed, recording in `created_dirs` every folder it
/// creates, outermost first.
fn create_folder(
    out: &Path,
    target: &Path,
    created_dirs: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(out);
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|dir| !dir.as_os_str().is_empty() && !dir.exists())
        .map(Path::to_path_buf)
        .collect();
    fs::create_dir_all(dir)?;
    created_dirs.extend(missing.into_iter().rev());
    Ok(())
}

/// [`prepare`] for every file of `stale` at its target, each on a thread of its own (most
/// of the time goes to waiting for the disk), in the order of `stale`.
fn prepare_all(targets: &[PathBuf], stale: &[Stale]) -> Vec<std::io::Result<Prepared>> {
    std::thread::scope(|scope| {
        let writers: Vec<_> = targets
            .iter()
            .zip(stale)
            .map(|(target, file)| scope.spawn(move || prepare(target, &file.wanted)))
            .collect();
        writers
            .into_iter()
            .map(|writer| {
                writer
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a writer thread panicked")))
            })
            .collect()
    })
}

/// A temporary file holding a new text, and the permissions its target has now.
type Prepared = (tempfile::NamedTempFile, Option<fs::Permissions>);

/// Writes `contents` to a temporary file beside `target` (whose folder exists). Returns
/// the file and the permissions `target` has now, if it exists.
fn prepare(target: &Path, contents: &str) -> std::io::Result<Prepared> {
    let permissions = fs::metadata(target)
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|meta| meta.permissions());
    let temp = temp_file_beside(target, contents, permissions.clone())?;
    Ok((temp, permissions))
}

/// A temporary file in `target`'s folder holding `contents`, synced to disk, with
/// `permissions`, or, if `None`, those of any newly created file (the temporary file's
/// own, owner-only, would otherwise survive the rename).
fn temp_file_beside(
    target: &Path,
    contents: &str,
    permissions: Option<fs::Permissions>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    if permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // What `File::create` asks for; the umask applies as usual.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    if let Some(permissions) = permissions {
        fs::set_permissions(temp.path(), permissions)?;
    }
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Undoes a failed [`write_all_with`]: puts back every file in `replaced`, last first,
/// removes each folder in `created_dirs` that is empty again, and returns `error` for
/// `target`, extended to name any file that could not be put back.
fn roll_back(
    replaced: &[Replaced<'_>],
    created_dirs: &[PathBuf],
    target: PathBuf,
    error: std::io::Error,
) -> GenError {
    let mut unrestored = Vec::new();
    for file in replaced.iter().rev() {
        let restored = match file.old {
            Some(old) => temp_file_beside(&file.target, old, file.permissions.clone())
                .and_then(|temp| temp.persist(&file.target).map(drop).map_err(|e| e.error)),
            None => fs::remove_file(&file.target),
        };
        if let Err(restore_error) = restored {
            unrestored.push(format!("{}: {restore_error}", file.target.display()));
        }
    }
    for dir in created_dirs.iter().rev() {
        // Fails, and keeps the folder, if something else was put there meanwhile.
        fs::remove_dir(dir).ok();
    }
    let error = if unrestored.is_empty() {
        error
    } else {
        std::io::Error::new(
            error.kind(),
            format!(
                "{error}; putting back the files already replaced failed too, these keep the new text: {}",
                unrestored.join("; ")
            ),
        )
    };
    GenError::Io {
        path: target,
        error,
    }
}
