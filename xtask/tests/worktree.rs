//! The `xtask` binary acts on the checkout it is run in, not on the one it was built
//! in. Two git worktrees sharing one `CARGO_TARGET_DIR` can run the same binary; it used
//! to take its workspace root from `env!("CARGO_MANIFEST_DIR")`, so running it in the
//! second worktree regenerated, or checked, the first.
//!
//! A copy of this checkout in a temporary folder stands in for the second worktree.

mod common;

use common::{
    assert_checks_the_checkout_it_runs_in, changed, copy_checkout, describe, git, mark_catalog,
    printed, real_root, require_git_checkout, snapshot, xtask, MARKER,
};

#[test]
#[ignore = "needs git and a checkout without uncommitted changes; .ci/run runs it in its clone"]
fn check_passes_in_this_checkout_when_it_is_clean() {
    let root = real_root();
    require_git_checkout(&root);
    let status = git(&root, &["status", "--porcelain"]);
    assert!(
        status.is_empty(),
        "this test needs a clean checkout, and {} has uncommitted changes (its generated files \
         may be stale):\n{}",
        root.display(),
        String::from_utf8_lossy(&status)
    );
    let output = xtask(&root, &["gen", "--check"]);
    assert!(output.status.success(), "{}", describe(&output));
}

#[test]
fn gen_acts_on_the_checkout_it_runs_in() {
    let root = real_root();
    let copy = tempfile::tempdir().expect("a temporary folder");
    copy_checkout(&root, copy.path());
    let (catalog, _) = mark_catalog(copy.path());

    // Both from the copy's root and from a folder inside it, as cargo runs the alias in
    // the folder the user is in. `--check` writes nothing, so a binary that still acts
    // on the real checkout is caught here, before the writing run below.
    let check = assert_checks_the_checkout_it_runs_in(copy.path());
    assert_checks_the_checkout_it_runs_in(&copy.path().join("xtask"));

    let real_before = snapshot(&root);
    let copy_before = snapshot(copy.path());
    let output = xtask(copy.path(), &["gen"]);
    assert!(output.status.success(), "{}", describe(&output));
    let copy_after = snapshot(copy.path());
    let written = changed(&copy_before, &copy_after);

    assert!(
        !written.is_empty(),
        "`xtask gen` changed nothing in the copy\n{}",
        describe(&output)
    );
    assert!(
        written.iter().any(|path| copy_after[path]
            .windows(MARKER.len())
            .any(|bytes| bytes == MARKER.as_bytes())),
        "no file `xtask gen` wrote holds the edit to {}: {written:?}",
        catalog.display()
    );
    for path in &written {
        let name = path.to_string_lossy().replace('\\', "/");
        assert!(
            check.contains(&name),
            "`xtask gen --check` did not name {name}, which `xtask gen` then rewrote:\n{check}"
        );
    }

    // What the copy's run wrote is untouched in the real checkout.
    let real_after = snapshot(&root);
    for path in &written {
        assert_eq!(
            real_before.get(path),
            real_after.get(path),
            "{} changed in the real checkout {}",
            path.display(),
            root.display()
        );
    }

    let output = xtask(copy.path(), &["gen", "--check"]);
    assert!(output.status.success(), "{}", describe(&output));
}

#[test]
fn outside_any_checkout_it_says_where_to_run() {
    let empty = tempfile::tempdir().expect("a temporary folder");
    let output = xtask(empty.path(), &["gen", "--check"]);
    assert!(!output.status.success(), "{}", describe(&output));
    assert!(
        printed(&output).contains("inside the captcha-errors checkout"),
        "{}",
        describe(&output)
    );
    assert!(snapshot(empty.path()).is_empty(), "something was written");
}
