/**
 * The README's TypeScript example is `examples/page.ts`, compiled with the package (so its
 * types are checked) and run here (so its assertions hold); the README must show it as is.
 *
 * @module
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const TS = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

test("the README's page example type-checks, runs, and is the README's text", async () => {
  await import("../examples/page.js");
  const example = readFileSync(resolve(TS, "examples/page.ts"), "utf8").trim();
  const readme = readFileSync(resolve(TS, "../README.md"), "utf8");
  assert.ok(readme.includes("```ts\n" + example + "\n```"), "README.md must hold examples/page.ts in a ```ts block");
});
