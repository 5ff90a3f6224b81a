//! Generation never leaves a file half-written. A failure before or after some renames
//! (injected through `write_all_with`, or a real one) leaves every file under the output
//! folder as it was, with no temporary file left behind; two runs of `xtask gen` at once
//! leave every file whole; and the outputs are the same bytes on every run, holding no
//! path of the machine and no timestamp.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use xtask::{
    plan, plan_all, stale, workspace_root, write_all, write_all_with, GenError, Planned, Stale,
};

/// The catalog the single-catalog runs generate, relative to the workspace root.
const CATALOG: &str = "catalog/init.toml";
/// A generated module that exists, with old text and unusual permissions, before a run.
const REPLACED_RS: &str = "captcha-errors/src/generated/init.rs";
/// Another generated module that exists with old text before a run.
const OLD_RS: &str = "captcha-errors/src/generated/verify.rs";
/// A generated docs page, new in a folder that does not exist before a run.
const NEW_MD: &str = "docs/init.md";

/// Every output of every catalog of this checkout, planned into `out`.
fn plan_everything(out: &Path) -> Vec<Planned> {
    plan_all(&workspace_root(), None, out)
        .unwrap_or_else(|error| panic!("planning every catalog failed:\n{error}"))
        .files
}

/// What a snapshot knows of one entry: a file's bytes (`None` for a folder) and its
/// permission bits (0 where there are none).
type Entry = (Option<Vec<u8>>, u32);

#[cfg(unix)]
fn mode(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode()
}

#[cfg(not(unix))]
fn mode(_meta: &fs::Metadata) -> u32 {
    0
}

/// Every file and folder under `root`, by path relative to it.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(root: &Path, dir: &Path, entries: &mut BTreeMap<PathBuf, Entry>) {
        for entry in fs::read_dir(dir).expect("read a folder") {
            let path = entry.expect("a folder entry").path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            let relative = path.strip_prefix(root).expect("under root").to_path_buf();
            if meta.is_dir() {
                entries.insert(relative, (None, mode(&meta)));
                walk(root, &path, entries);
            } else {
                let bytes = fs::read(&path).expect("read a file");
                entries.insert(relative, (Some(bytes), mode(&meta)));
            }
        }
    }
    let mut entries = BTreeMap::new();
    walk(root, root, &mut entries);
    entries
}

/// Asserts two snapshots are equal, naming the paths that differ.
fn assert_same(what: &str, actual: &BTreeMap<PathBuf, Entry>, expected: &BTreeMap<PathBuf, Entry>) {
    let differing: Vec<String> = actual
        .keys()
        .chain(expected.keys())
        .filter(|path| actual.get(*path) != expected.get(*path))
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: these differ, are new or are gone: {differing:?}"
    );
}

fn write(path: &Path, contents: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    fs::write(path, contents).expect("write a file");
}

/// An output folder where some generated files exist with old text (one with unusual
/// permissions), some are missing, several in folders that do not exist yet, beside files
/// generation does not own; and its stale files (every output of every catalog), those
/// that exist first.
fn scratch_out() -> (tempfile::TempDir, Vec<Stale>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path();
    let replaced = out.join(REPLACED_RS);
    write(&replaced, "// an old init module\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&replaced, fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    write(&out.join(OLD_RS), "// an old verify module\n");
    write(&out.join(codegen::MODULES_RS), "// hand-written\n");
    write(&out.join("keep.txt"), "not generated\n");
    assert!(!out.join("docs").exists());
    assert!(!out.join("catalog").exists());

    let planned = plan_everything(out);
    for path in [
        REPLACED_RS,
        OLD_RS,
        codegen::MODULES_RS,
        NEW_MD,
        codegen::PUBLISHED,
    ] {
        assert!(
            planned.iter().any(|file| file.path == Path::new(path)),
            "{path} is not planned"
        );
    }
    let mut stale = stale(out, &planned).expect("stale");
    assert_eq!(stale.len(), planned.len(), "every planned file is stale");
    stale.sort_by_key(|file| file.current.is_none());
    let existing = stale.iter().filter(|file| file.current.is_some()).count();
    assert_eq!(existing, 3, "the three files written above exist first");
    assert!(stale.len() >= existing + 2, "at least two files are new");
    assert!(stale.last().is_some_and(|file| file.current.is_none()));
    (dir, stale)
}

/// Injects a failure just before the rename of `stale[fail_at]` and checks that nothing
/// under the output folder changed.
fn assert_failure_changes_nothing(fail_at: usize) {
    let (dir, stale) = scratch_out();
    let out = dir.path();
    let before = snapshot(out);
    let mut calls = Vec::new();
    let mut replaced_when_failing = false;
    let result = write_all_with(out, &stale, |index, target| {
        calls.push(index);
        assert_eq!(target, out.join(&stale[index].path));
        if index < fail_at {
            return Ok(());
        }
        // The files before really were replaced, so the rollback has work to do.
        replaced_when_failing = stale[..index].iter().all(|file| {
            fs::read_to_string(out.join(&file.path)).ok().as_deref() == Some(&file.wanted)
        });
        Err(io::Error::other("injected failure"))
    });
    match result {
        Err(GenError::Io { path, error }) => {
            assert_eq!(path, out.join(&stale[fail_at].path));
            assert!(error.to_string().contains("injected failure"), "{error}");
        }
        Err(other) => panic!("expected an I/O error, got {other}"),
        Ok(()) => panic!("the injected failure was ignored"),
    }
    assert_eq!(calls, (0..=fail_at).collect::<Vec<_>>());
    assert!(replaced_when_failing, "the files before were not in place");
    assert_same("after the failure", &snapshot(out), &before);
}

#[test]
fn a_failure_before_the_first_rename_changes_nothing() {
    assert_failure_changes_nothing(0);
}

#[test]
fn a_failure_after_the_first_rename_puts_it_back() {
    assert_failure_changes_nothing(1);
}

#[test]
fn a_failure_after_new_files_were_renamed_removes_them() {
    let (_dir, stale) = scratch_out();
    let last = stale.len() - 1;
    assert!(
        stale[..last].iter().any(|file| file.current.is_none()),
        "a new file is renamed before the last one"
    );
    assert_failure_changes_nothing(last);
}

#[test]
fn a_real_rename_failure_puts_back_the_files_already_replaced() {
    let (dir, mut stale) = scratch_out();
    let out = dir.path();
    // A folder where the last file should go: renaming a file onto it fails.
    write(&out.join("blocker/inside.txt"), "in the way\n");
    stale.push(Stale {
        path: PathBuf::from("blocker"),
        current: None,
        wanted: "never written\n".to_owned(),
    });
    let before = snapshot(out);
    match write_all(out, &stale) {
        Err(GenError::Io { path, .. }) => assert_eq!(path, out.join("blocker")),
        Err(other) => panic!("expected an I/O error, got {other}"),
        Ok(()) => panic!("renaming a file onto a folder succeeded"),
    }
    assert_same("after the failed rename", &snapshot(out), &before);
}

#[test]
fn a_successful_write_replaces_exactly_the_stale_files() {
    let (dir, stale) = scratch_out();
    let out = dir.path();
    let before = snapshot(out);
    write_all(out, &stale).expect("write_all");
    let after = snapshot(out);
    for file in &stale {
        assert_eq!(
            fs::read_to_string(out.join(&file.path)).expect("written"),
            file.wanted
        );
    }
    let planned = plan_everything(out);
    assert!(xtask::stale(out, &planned).expect("stale").is_empty());
    for path in after.keys() {
        let generated = stale
            .iter()
            .any(|file| out.join(&file.path).starts_with(out.join(path)));
        assert!(
            generated || before.contains_key(path),
            "{} was left behind",
            path.display()
        );
    }
    assert_eq!(
        after.get(Path::new("keep.txt")),
        before.get(Path::new("keep.txt"))
    );
    #[cfg(unix)]
    {
        assert_eq!(
            after[Path::new(REPLACED_RS)].1 & 0o777,
            0o640,
            "a replaced file keeps its mode"
        );
        write(&out.join("docs/probe.txt"), "made like any file\n");
        let usual = snapshot(out)[Path::new("docs/probe.txt")].1;
        let new = after[Path::new(NEW_MD)].1;
        assert_eq!(new, usual, "a new file has the mode of any new file");
    }
}

/// `xtask gen` with `args`, its output captured.
fn gen(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .arg("gen")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "xtask gen failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn absolute_catalog() -> String {
    let catalog = workspace_root().join(CATALOG);
    assert!(catalog.is_absolute());
    catalog.to_str().expect("a UTF-8 path").to_owned()
}

#[test]
fn two_runs_at_once_leave_every_file_whole() {
    let catalog = absolute_catalog();
    let reference_dir = tempfile::tempdir().expect("a temp dir");
    let reference_out = reference_dir.path();
    let out_arg = reference_out.to_str().expect("a UTF-8 path");
    assert_success(
        &gen(&["--catalog", &catalog, "--out", out_arg])
            .output()
            .expect("run"),
    );
    let reference = snapshot(reference_out);

    // The single run wrote exactly what the library plans, and nothing else.
    let planned = plan(&workspace_root(), &catalog, reference_out).expect("plan");
    for file in &planned {
        let entry = &reference[&file.path];
        assert_eq!(entry.0.as_deref(), Some(file.contents.as_bytes()));
    }
    let files = reference
        .values()
        .filter(|(bytes, _)| bytes.is_some())
        .count();
    assert_eq!(files, planned.len());

    for round in 0..6 {
        let dir = tempfile::tempdir().expect("a temp dir");
        let out = dir.path();
        if round % 2 == 1 {
            // Both runs then replace old files instead of creating new ones. The published
            // record is read as well as written: its old text must be a record, if empty.
            for file in &planned {
                let old = if file.path == Path::new(codegen::PUBLISHED) {
                    "# an old, empty record\n"
                } else {
                    "// old\n"
                };
                write(&out.join(&file.path), old);
            }
        }
        let out_arg = out.to_str().expect("a UTF-8 path");
        let args = ["--catalog", catalog.as_str(), "--out", out_arg];
        let first = gen(&args).spawn().expect("start the first run");
        let second = gen(&args).spawn().expect("start the second run");
        assert_success(&first.wait_with_output().expect("the first run"));
        assert_success(&second.wait_with_output().expect("the second run"));
        assert_same(&format!("round {round}"), &snapshot(out), &reference);
    }
}

/// Whether `text` holds something shaped like a date (`2024-01-31`) or a time (`12:34:56`).
fn has_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shaped = |shape: &str| {
        bytes.windows(shape.len()).any(|window| {
            window
                .iter()
                .zip(shape.bytes())
                .all(|(&byte, want)| match want {
                    b'9' => byte.is_ascii_digit(),
                    _ => byte == want,
                })
        })
    };
    shaped("9999-99-99") || shaped("99:99:99")
}

#[test]
fn the_timestamp_check_finds_dates_and_times() {
    assert!(has_timestamp("generated on 2024-01-31"));
    assert!(has_timestamp("at 12:34:56 UTC"));
    assert!(!has_timestamp("a 10-digit random string"));
}

/// Runs `xtask gen` into two fresh folders, with `--catalog catalog` if given, and checks
/// that both give the same bytes, exactly the files the library plans, naming neither
/// folder, the workspace or a time.
fn assert_deterministic(catalog: Option<&str>) {
    let dirs = [tempfile::tempdir(), tempfile::tempdir()].map(|dir| dir.expect("a temp dir"));
    let mut snapshots = Vec::new();
    for dir in &dirs {
        let out_arg = dir.path().to_str().expect("a UTF-8 path");
        let mut args = Vec::new();
        if let Some(catalog) = catalog {
            args.extend(["--catalog", catalog]);
        }
        args.extend(["--out", out_arg]);
        assert_success(&gen(&args).output().expect("run"));
        snapshots.push(snapshot(dir.path()));
    }
    assert_same("the second run", &snapshots[1], &snapshots[0]);

    // The runs wrote exactly what the library plans, and nothing else.
    let planned = plan_all(&workspace_root(), catalog, dirs[0].path())
        .unwrap_or_else(|error| panic!("plan failed:\n{error}"))
        .files;
    assert!(planned.len() >= 4, "the library plans the outputs");
    let written: Vec<&PathBuf> = snapshots[0]
        .iter()
        .filter(|(_, (bytes, _))| bytes.is_some())
        .map(|(path, _)| path)
        .collect();
    let mut planned_paths: Vec<&PathBuf> = planned.iter().map(|file| &file.path).collect();
    planned_paths.sort();
    assert_eq!(
        written, planned_paths,
        "the files written are the files planned"
    );
    for file in &planned {
        let entry = &snapshots[0][&file.path];
        assert!(
            entry.0.as_deref() == Some(file.contents.as_bytes()),
            "{} is not what the library plans",
            file.path.display()
        );
    }

    let root = workspace_root();
    let forbidden: Vec<String> = dirs
        .iter()
        .map(|dir| dir.path())
        .chain([root.as_path()])
        .map(|path| path.display().to_string())
        .collect();
    for (path, (bytes, _)) in &snapshots[0] {
        let Some(bytes) = bytes else { continue };
        let text = String::from_utf8_lossy(bytes);
        for machine_path in &forbidden {
            assert!(
                !text.contains(machine_path.as_str()),
                "{} holds the path {machine_path}",
                path.display()
            );
        }
        assert!(
            !has_timestamp(&text),
            "{} holds a timestamp",
            path.display()
        );
    }
}

#[test]
fn outputs_are_the_same_bytes_on_every_run() {
    assert_deterministic(None);
}

#[test]
fn an_absolute_catalog_path_leaves_no_trace_in_the_outputs() {
    let catalog = absolute_catalog();
    assert_deterministic(Some(&catalog));
}
