/**
 * What `npm pack` ships: exactly the built modules (JavaScript and declarations, no source
 * maps), the schemas, package.json and the README, with no test, differential or example
 * build; and every subpath a user imports resolves to a packed file, types included.
 *
 * The expected list is derived from the sources (`src/**.ts`, `schema/*`), so a new catalog's
 * module is expected without a change here, and a stray or missing file fails.
 *
 * @module
 */

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/** The package folder: this file runs as `ts/dist/test/package.test.js`. */
const TS = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Every file under `dir` (relative to the package folder, with `/`), recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(resolve(TS, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(TS, resolve(entry.parentPath, entry.name)).split("\\").join("/"));
}

/** The files `npm pack` would put in the tarball, without running any script. */
function packedFiles(): string[] {
  const answer = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: TS, encoding: "utf8" });
  const [pack] = JSON.parse(answer) as { files: { path: string }[] }[];
  assert.ok(pack, "npm pack --json answers one package");
  return pack.files.map((file) => file.path).sort();
}

/** What the package must ship, from the sources alone. */
function expectedFiles(): string[] {
  const modules = filesUnder("src")
    .filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"))
    .flatMap((path) => {
      const stem = `dist/${path.slice(0, -".ts".length)}`;
      return [`${stem}.js`, `${stem}.d.ts`];
    });
  // npm adds these of the package folder whatever `files` says; the README is required.
  const always = readdirSync(TS).filter((name) => /^(licen[cs]e|copying)(\..*)?$/i.test(name));
  return [...modules, ...filesUnder("schema"), "package.json", "README.md", ...always].sort();
}

const packed = packedFiles();

test("npm pack ships exactly the built modules, the schemas, package.json and the README", () => {
  const expected = expectedFiles();
  const unexpected = packed.filter((path) => !expected.includes(path));
  const missing = expected.filter((path) => !packed.includes(path));
  assert.deepEqual(unexpected, [], "packed but not expected (tests, maps, examples?)");
  assert.deepEqual(missing, [], "expected but not packed (is `files` or the build wrong?)");
  assert.ok(packed.some((path) => path.startsWith("dist/src/generated/")), "the generated modules are packed");
});

/** The subpaths a user imports: the root, the globals, each generated module, each locale, each schema. */
function subpaths(): string[] {
  const generated = filesUnder("src/generated")
    .filter((path) => path.endsWith(".ts"))
    .map((path) => `./${path.slice("src/generated/".length, -".ts".length)}`);
  const schemas = filesUnder("schema").map((path) => `./${path}`);
  // Each locale's index is also importable by the locale alone: `captcha-errors/locales/zh-CN`.
  const locales = readdirSync(resolve(TS, "src/generated/locales")).map((tag) => `./locales/${tag}`);
  return [".", "./globals", "./package.json", ...generated, ...locales, ...schemas];
}

/** Resolves `subpath` through `exports` for one condition, as Node and TypeScript do. */
function target(exports: { [key: string]: unknown }, subpath: string, condition: string): string | undefined {
  let key: string | undefined = subpath in exports ? subpath : undefined;
  let star = "";
  if (key === undefined) {
    // The pattern with the longest part before `*` wins.
    for (const pattern of Object.keys(exports).filter((candidate) => candidate.includes("*"))) {
      const [before = "", after = ""] = pattern.split("*");
      const fits = subpath.startsWith(before) && subpath.endsWith(after) && subpath.length >= before.length + after.length;
      if (fits && (key === undefined || before.length > key.indexOf("*"))) {
        key = pattern;
        star = subpath.slice(before.length, subpath.length - after.length);
      }
    }
  }
  if (key === undefined) {
    return undefined;
  }
  const value = exports[key];
  const chosen = typeof value === "string" ? value : (value as { [condition: string]: string })[condition];
  return chosen?.replace("*", star).replace(/^\.\//, "");
}

test("every subpath resolves, in Node and for types, to a packed file", async () => {
  const manifest = JSON.parse(readFileSync(resolve(TS, "package.json"), "utf8")) as {
    name: string;
    types: string;
    exports: { [key: string]: unknown };
  };
  for (const subpath of subpaths()) {
    const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    // Node's own resolution (the package refers to itself by name).
    const file = relative(TS, fileURLToPath(import.meta.resolve(specifier))).split("\\").join("/");
    assert.ok(packed.includes(file), `${specifier} resolves to ${file}, which is not packed`);
    if (file.endsWith(".js")) {
      const types = target(manifest.exports, subpath, "types");
      assert.equal(types, file.replace(/\.js$/, ".d.ts"), `${specifier}: its types sit beside its module`);
      assert.ok(packed.includes(types), `${specifier}: ${types} is not packed`);
      await import(specifier);
    }
  }
  assert.ok(packed.includes(manifest.types.replace(/^\.\//, "")), "the top-level types field names a packed file");
  assert.equal(manifest.types, `./${target(manifest.exports, ".", "types")}`, "types and exports['.'] agree");
});

test("the README's imports resolve and name what the modules export", async () => {
  const readme = readFileSync(resolve(TS, "README.md"), "utf8");
  const imports = [...readme.matchAll(/^import (?:(.*) from )?"(captcha-errors[^"]*)";/gm)];
  assert.ok(imports.length >= 3, "the README shows the root, a catalog module and the globals");
  for (const [line, names = "", specifier = ""] of imports) {
    const module = (await import(specifier)) as { [name: string]: unknown };
    const values = names
      .replace(/[{}]/g, "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "" && !name.startsWith("type "));
    for (const name of values) {
      assert.ok(name in module, `${line}: ${specifier} has no export ${name}`);
    }
  }
  assert.match(readme, /github\.com/, "the README points at the repository");
});
