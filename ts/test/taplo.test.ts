/**
 * Taplo (the engine of Even Better TOML) reads the `#:schema` line at the top of every
 * catalog: the real catalogs pass, and a catalog with a misspelt key is reported at the key.
 *
 * @module
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const TS = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CATALOGS = resolve(TS, "../catalog");
const TAPLO = resolve(TS, "node_modules/@taplo/cli/dist/cli.js");

/** Runs `taplo check` on `files` from `cwd`; its exit status and everything it printed. */
function taploCheck(cwd: string, files: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [TAPLO, "check", ...files], { cwd, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

test("taplo accepts every catalog of the checkout", () => {
  const catalogs = readdirSync(CATALOGS).filter((name) => name.endsWith(".toml"));
  assert.ok(catalogs.length >= 3);
  const { status, output } = taploCheck(CATALOGS, catalogs);
  assert.equal(status, 0, output);
});

test("taplo reports a misspelt key in a catalog", () => {
  const dir = mkdtempSync(join(tmpdir(), "catalog-"));
  try {
    // The real init catalog, with its own `#:schema ./catalog.schema.json` line, beside the schema.
    copyFileSync(join(CATALOGS, "catalog.schema.json"), join(dir, "catalog.schema.json"));
    const text = readFileSync(join(CATALOGS, "init.toml"), "utf8");
    const bad = text.replace("required = true", "requried = true");
    assert.notEqual(bad, text);
    writeFileSync(join(dir, "init.toml"), bad);
    const { status, output } = taploCheck(dir, ["init.toml"]);
    assert.notEqual(status, 0, output);
    assert.match(output, /'requried' was unexpected/);
    assert.match(output, /init\.toml:\d+:\d+/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
