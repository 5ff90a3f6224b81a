/**
 * `npm run check-package`: packs the built package once into a temporary folder and runs the
 * two published-package linters on that tarball, offline: publint (with warnings as errors)
 * and Are the Types Wrong (`attw`, ESM-only profile, since the package has no CommonJS build).
 *
 * attw does not expand wildcard subpaths (`./*`, `./schema/*`) by itself, so the entry
 * points it checks are every subpath of `exports`, with each wildcard expanded against the
 * files in the tarball: a new catalog's module is checked without a change here.
 *
 * `npm run build` must have run first (the script's `pre` step does it); the pack itself runs
 * no scripts, so what is checked is exactly that build.
 *
 * @module
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package folder: this file runs as `ts/dist/tools/check-package.js`. */
const TS = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(TS, "node_modules", ".bin");

/**
 * Runs a command in the package folder with its output shown; a non-zero exit sets this
 * process's exit code, after which the other checks still run.
 */
function run(command: string, args: string[]): void {
  console.log(`$ ${command} ${args.join(" ")}`);
  try {
    execFileSync(command, args, { cwd: TS, stdio: "inherit" });
  } catch {
    console.error(`check-package: ${command} failed`);
    process.exitCode = 1;
  }
}

/** One entry of `npm pack --json`'s answer (the fields used here). */
interface Packed {
  filename: string;
  files: { path: string }[];
}

/**
 * The subpaths of `exports` with every wildcard key expanded to the packed files its
 * targets match (`./*` with target `./dist/src/generated/*.js` gives `./init`, `./verify`, ...).
 */
function entrypoints(exports: { [subpath: string]: unknown }, packed: string[]): string[] {
  const found = new Set<string>();
  for (const [subpath, target] of Object.entries(exports)) {
    if (!subpath.includes("*")) {
      found.add(subpath);
      continue;
    }
    const targets = typeof target === "string" ? [target] : Object.values(target as { [condition: string]: string });
    for (const pattern of targets) {
      const [before = "", after = ""] = pattern.replace(/^\.\//, "").split("*");
      for (const file of packed) {
        if (file.startsWith(before) && file.endsWith(after) && file.length >= before.length + after.length) {
          found.add(subpath.replace("*", file.slice(before.length, file.length - after.length)));
        }
      }
    }
  }
  return [...found].sort();
}

const manifest = JSON.parse(readFileSync(join(TS, "package.json"), "utf8")) as { exports: { [subpath: string]: unknown } };
const destination = mkdtempSync(join(tmpdir(), "captcha-errors-pack-"));
try {
  const answer = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], {
    cwd: TS,
    encoding: "utf8",
  });
  const [pack] = JSON.parse(answer) as Packed[];
  if (pack === undefined) {
    throw new Error("npm pack --json answered no package");
  }
  const tarball = join(destination, pack.filename);
  const subpaths = entrypoints(
    manifest.exports,
    pack.files.map((file) => file.path),
  );
  run(join(BIN, "publint"), ["run", tarball, "--strict"]);
  run(join(BIN, "attw"), [tarball, "--profile", "esm-only", "--no-color", "--entrypoints", ...subpaths]);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
