//! `cargo xtask`: the project's commands. See `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;

use xtask::{plan_all, root, stale, synth, write_all};

const USAGE: &str = "\
usage: cargo xtask gen [--check] [--catalog PATH] [--out DIR]
       cargo xtask release VERSION
       cargo xtask synth --codes N --out PATH [--seed S] [--module NAME]
                         [--shape registry|holdout|short|long]
       cargo xtask synth --bench-modules [--check]

  gen              regenerate every catalog/*.toml's Rust module, docs page and README
                   section, generated/mod.rs and catalog/published-keys.txt, replacing
                   only the files that changed; acts on the checkout it is run in
  --check          write nothing; print a diff of every stale file and exit 1 if any
  --catalog PATH   generate only this catalog's outputs (relative to the workspace root,
                   or absolute); without --out, every catalog is still checked with it
                   and no other catalog's file is written
  --out DIR        where the outputs go (default: the workspace root); with --catalog,
                   that catalog alone is generated into DIR

  release VERSION  mark every row the published record calls `unreleased` as added (or
                   deprecated) in VERSION, and move CHANGELOG.md's `## Unreleased` part
                   under `## VERSION`; run `cargo xtask gen` after it

  synth            write a synthetic format-2 catalog of N codes (8-40 bytes, many of
                   equal length, text, http_status and word columns) to PATH, the same
                   for the same N and S (default seed 11); module NAME (default
                   synth_N); generate it with `gen --catalog PATH --out DIR`
  --bench-modules  regenerate bench/generated/, the 6-, 1,000- and
                   10,000-code modules the lookup benchmark includes; with --check,
                   write nothing and exit 1 if they are stale";

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
    if std::env::args().nth(1).as_deref() == Some("synth") {
        return synth_main(std::env::args().skip(2));
    }
    if std::env::args().nth(1).as_deref() == Some("release") {
        return release_main(std::env::args().skip(2));
    }
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

/// `cargo xtask release VERSION`.
fn release_main(mut args: impl Iterator<Item = String>) -> ExitCode {
    let (Some(version), None) = (args.next(), args.next()) else {
        eprintln!("error: `release` needs exactly one VERSION\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let result = root::workspace_root_from_env()
        .map_err(|message| message.to_string())
        .and_then(|root| {
            xtask::release::release(&root, &version).map_err(|error| error.to_string())
        });
    match result {
        Ok(()) => {
            println!(
                "released {version}: {} and {} stamped; now run `cargo xtask gen`",
                codegen::PUBLISHED,
                codegen::CHANGELOG_MD
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// What `cargo xtask synth` was asked to do.
enum SynthCommand {
    /// Write one catalog.
    Catalog(synth::Options, PathBuf),
    /// Regenerate the benchmark's modules, or only check them.
    BenchModules { check: bool },
}

fn parse_synth_args(mut args: impl Iterator<Item = String>) -> Result<SynthCommand, String> {
    let (mut codes, mut out, mut seed, mut module) = (None, None, synth::DEFAULT_SEED, None);
    let (mut bench_modules, mut check) = (false, false);
    let mut shape = synth::Shape::Registry;
    while let Some(arg) = args.next() {
        let mut value = |what: &str| args.next().ok_or(format!("`{arg}` needs {what}"));
        match arg.as_str() {
            "--codes" => {
                let text = value("a number")?;
                codes = Some(
                    text.parse()
                        .map_err(|_| format!("`--codes {text}`: not a number"))?,
                );
            }
            "--seed" => {
                let text = value("a number")?;
                seed = text
                    .parse()
                    .map_err(|_| format!("`--seed {text}`: not a number"))?;
            }
            "--out" => out = Some(PathBuf::from(value("a path")?)),
            "--module" => module = Some(value("a module name")?),
            "--shape" => {
                let text = value("a shape")?;
                shape = synth::Shape::from_name(&text).ok_or(format!(
                    "`--shape {text}`: one of registry, holdout, short, long"
                ))?;
            }
            "--bench-modules" => bench_modules = true,
            "--check" => check = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if bench_modules {
        return Ok(SynthCommand::BenchModules { check });
    }
    let codes: usize = codes.ok_or("`synth` needs `--codes N`")?;
    let out = out.ok_or("`synth` needs `--out PATH`")?;
    let mut options = synth::Options::new(codes);
    options.seed = seed;
    options.shape = shape;
    if let Some(module) = module {
        options.module = module;
    }
    Ok(SynthCommand::Catalog(options, out))
}

/// `cargo xtask synth ...`.
fn synth_main(args: impl Iterator<Item = String>) -> ExitCode {
    let result = match parse_synth_args(args) {
        Ok(SynthCommand::Catalog(options, out)) => synth::catalog(&options)
            .and_then(|text| {
                std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))
            })
            .map(|()| println!("wrote {} ({} codes)", out.display(), options.codes)),
        Ok(SynthCommand::BenchModules { check }) => root::workspace_root_from_env()
            .and_then(|root| synth::bench_modules(&root, check))
            .map(|notes| notes.iter().for_each(|note| println!("{note}"))),
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
