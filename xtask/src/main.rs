//! `cargo xtask`: the project's commands. See `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{plan_all, stale, workspace_root, write_all, DEFAULT_CATALOG};

const USAGE: &str = "\
usage: cargo xtask gen [--check] [--catalog PATH] [--out DIR]

  gen              regenerate the Rust modules, docs/errors.md and the README section
                   from the catalog, replacing only the files that changed
  --check          write nothing; print a diff of every stale file and exit 1 if any
  --catalog PATH   the catalog to read (default: catalog/errors.toml, relative to the
                   workspace root)
  --out DIR        where the outputs go (default: the workspace root)";

struct Args {
    check: bool,
    catalog: String,
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
        catalog: DEFAULT_CATALOG.to_owned(),
        out: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--catalog" => {
                parsed.catalog = args.next().ok_or("`--catalog` needs a path")?;
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
    let root = workspace_root();
    let out = args.out.unwrap_or_else(|| root.clone());
    let result = plan_all(&root, &args.catalog, &out)
        .and_then(|plan| Ok((stale(&out, &plan.files)?, plan.custom_functions)));
    let (stale, custom_functions) = match result {
        Ok(found) => found,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };

    if !custom_functions.is_empty() {
        println!(
            "custom checks the catalog expects in captcha-errors/src/custom.rs: {}",
            custom_functions.join(", ")
        );
    }

    if args.check {
        if stale.is_empty() {
            println!("all generated files are up to date with {}", args.catalog);
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
