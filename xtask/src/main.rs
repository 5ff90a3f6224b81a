//! `cargo xtask`: the project's commands. See `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{plan_all, root, stale, write_all};

const USAGE: &str = "\
usage: cargo xtask gen [--check] [--catalog PATH] [--out DIR]

  gen              regenerate every catalog/*.toml's Rust module, docs page and README
                   section, generated/mod.rs and catalog/published-keys.txt, replacing
                   only the files that changed; acts on the checkout it is run in
  --check          write nothing; print a diff of every stale file and exit 1 if any
  --catalog PATH   generate only this catalog's outputs (relative to the workspace root,
                   or absolute); without --out, every catalog is still checked with it
                   and no other catalog's file is written
  --out DIR        where the outputs go (default: the workspace root); with --catalog,
                   that catalog alone is generated into DIR";

struct Args {
    check: bool,
    catalog: Option<String>,
    out: Option<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    match args.next().as_deref() {
        Some("gen") => {}
        Some("help" | "--help" | "-h") | None => return Err(String::new()),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let mut parsed = Args {
        check: false,
        catalog: None,
        out: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--catalog" => {
                parsed.catalog = Some(args.next().ok_or("`--catalog` needs a path")?);
            }
            "--out" => {
                parsed.out = Some(PathBuf::from(args.next().ok_or("`--out` needs a folder")?));
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = match root::workspace_root_from_env() {
        Ok(root) => root,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let out = args.out.unwrap_or_else(|| root.clone());
    let result = plan_all(&root, args.catalog.as_deref(), &out).and_then(|plan| {
        for note in &plan.notes {
            eprintln!("note: {note}");
        }
        Ok((stale(&out, &plan.files)?, plan.custom_functions))
    });
    let (stale, custom_functions) = match result {
        Ok(found) => found,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };

    if !custom_functions.is_empty() {
        println!(
            "custom checks the catalogs expect in captcha-errors/src/custom.rs and ts/src/custom.ts: {}",
            custom_functions.join(", ")
        );
    }

    if args.check {
        if stale.is_empty() {
            let what = args.catalog.as_deref().unwrap_or("the catalogs");
            println!("all generated files are up to date with {what}");
            return ExitCode::SUCCESS;
        }
        for file in &stale {
            print!("{}", file.diff());
        }
        for file in &stale {
            eprintln!("stale: {}", file.path.display());
        }
        eprintln!("run `cargo xtask gen` and commit the result");
        return ExitCode::FAILURE;
    }

    if let Err(error) = write_all(&out, &stale) {
        eprintln!("{error}");
        return ExitCode::FAILURE;
    }
    if stale.is_empty() {
        println!("nothing changed");
    }
    for file in &stale {
        println!("updated {}", file.path.display());
    }
    ExitCode::SUCCESS
}
