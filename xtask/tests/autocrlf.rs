//! A checkout with CRLF line endings, as `git -c core.autocrlf=true clone` makes (the
//! Git for Windows default), is not stale: `.gitattributes` keeps such a checkout LF, and
//! `cargo xtask gen --check` reads `\r\n` as `\n` where one slips through anyway.

mod common;

use std::fs;
use std::path::Path;

use common::{
    assert_checks_the_checkout_it_runs_in, copy_checkout, describe, files_under, git, mark_catalog,
    real_root, require_git_checkout, snapshot, xtask,
};

/// Clones the committed HEAD of `root` into `dest` with `core.autocrlf` set to `autocrlf`.
/// With `attributes_from_work_tree`, the `.gitattributes` of `root`'s work tree are used
/// for the checkout even before they are committed.
fn clone(root: &Path, dest: &Path, autocrlf: bool, attributes_from_work_tree: bool) {
    let setting = format!("core.autocrlf={autocrlf}");
    let source = root.to_string_lossy();
    let target = dest.to_string_lossy();
    if !attributes_from_work_tree {
        git(
            root,
            &["-c", &setting, "clone", "--quiet", &source, &target],
        );
        return;
    }
    git(
        root,
        &[
            "-c",
            &setting,
            "clone",
            "--quiet",
            "--no-checkout",
            &source,
            &target,
        ],
    );
    let attributes = root.join(".gitattributes");
    if attributes.is_file() {
        fs::copy(&attributes, dest.join(".gitattributes")).expect(".gitattributes is copied");
    }
    git(
        dest,
        &["-c", &setting, "checkout", "--quiet", "HEAD", "--", "."],
    );
}

/// Whether this git really writes CRLF with `core.autocrlf=true` when no attribute says
/// otherwise; without that the tests below would prove nothing.
fn autocrlf_converts() -> bool {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let dir = repo.path();
    git(dir, &["init", "--quiet"]);
    fs::write(dir.join("a.txt"), "one\ntwo\n").expect("a.txt is written");
    git(dir, &["add", "a.txt"]);
    git(
        dir,
        &[
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.com",
            "commit",
            "--quiet",
            "-m",
            "a",
        ],
    );
    let cloned = tempfile::tempdir().expect("a temporary folder");
    let target = cloned.path().join("clone");
    clone(dir, &target, true, false);
    fs::read(target.join("a.txt")).is_ok_and(|bytes| bytes == b"one\r\ntwo\r\n")
}

#[test]
#[ignore = "needs git and a git checkout; .ci/run runs it in its clone"]
fn gitattributes_keep_an_autocrlf_checkout_lf() {
    let root = real_root();
    require_git_checkout(&root);
    assert!(
        autocrlf_converts(),
        "git -c core.autocrlf=true clone does not write CRLF here; the test cannot run"
    );
    let plain = tempfile::tempdir().expect("a temporary folder");
    let crlf = tempfile::tempdir().expect("a temporary folder");
    clone(&root, plain.path(), false, true);
    clone(&root, crlf.path(), true, true);

    let plain_files = snapshot(plain.path());
    let crlf_files = snapshot(crlf.path());
    assert!(!plain_files.is_empty(), "the clone is empty");
    let differing: Vec<String> = plain_files
        .iter()
        .filter(|(path, bytes)| crlf_files.get(*path) != Some(*bytes))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        differing.is_empty(),
        "with core.autocrlf=true these files were checked out differently; \
         .gitattributes must give them LF endings: {differing:?}"
    );
}

#[test]
#[ignore = "needs git and a committed HEAD whose generated files are current; .ci/run runs it in its clone"]
fn check_passes_in_an_autocrlf_clone() {
    let root = real_root();
    require_git_checkout(&root);
    let plain = tempfile::tempdir().expect("a temporary folder");
    let crlf = tempfile::tempdir().expect("a temporary folder");
    clone(&root, plain.path(), false, false);
    clone(&root, crlf.path(), true, false);

    let output = xtask(plain.path(), &["gen", "--check"]);
    assert!(
        output.status.success(),
        "this test needs a committed HEAD whose generated files are what this build \
         generates, and a plain (LF) clone of HEAD is stale; commit the output of \
         `cargo xtask gen` first:\n{}",
        describe(&output)
    );
    // The binary must check the clone it runs in, or this test proves nothing.
    let (catalog, before) = mark_catalog(plain.path());
    assert_checks_the_checkout_it_runs_in(plain.path());
    fs::write(&catalog, before).expect("the catalog is restored");

    let output = xtask(crlf.path(), &["gen", "--check"]);
    assert!(
        output.status.success(),
        "a clone made with core.autocrlf=true is reported stale:\n{}",
        describe(&output)
    );
}

#[test]
fn check_ignores_crlf_endings_written_by_hand() {
    let root = real_root();
    let copy = tempfile::tempdir().expect("a temporary folder");
    copy_checkout(&root, copy.path());

    // Generate the copy's files from its own, edited catalog, so that they match this
    // build whatever state the real checkout is in.
    mark_catalog(copy.path());
    assert_checks_the_checkout_it_runs_in(copy.path());
    let output = xtask(copy.path(), &["gen"]);
    assert!(output.status.success(), "{}", describe(&output));
    let output = xtask(copy.path(), &["gen", "--check"]);
    assert!(output.status.success(), "{}", describe(&output));

    // Every text file, catalog and README included, as an autocrlf checkout without
    // .gitattributes holds it. The UI corpus is left as it is: it is byte for byte on
    // purpose, and generation never reads it.
    let mut converted = 0;
    for path in files_under(copy.path()) {
        if path.starts_with("xtask/tests/ui") {
            continue;
        }
        let full = copy.path().join(&path);
        let Ok(text) = fs::read_to_string(&full) else {
            continue;
        };
        if text.contains('\r') || !text.contains('\n') {
            continue;
        }
        fs::write(&full, text.replace('\n', "\r\n")).expect("the file is rewritten");
        converted += 1;
    }
    assert!(converted > 0, "no file was converted");

    let before = snapshot(copy.path());
    let output = xtask(copy.path(), &["gen", "--check"]);
    assert!(
        output.status.success(),
        "files that differ only in CRLF endings are reported stale:\n{}",
        describe(&output)
    );
    assert_eq!(before, snapshot(copy.path()), "`--check` wrote something");
}
