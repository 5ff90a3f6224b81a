/**
 * The TypeScript half of the differential test. The Rust half
 * (`captcha-errors/tests/differential.rs`) writes a corpus of configs and single values,
 * each with Rust's verdict; this judges every case with the generated validators and every
 * config with ajv on the generated JSON Schema, and fails if any verdict, problem, row,
 * severity, hint or message differs. The corpus is read from `$CAPTCHA_ERRORS_CORPUS`, or
 * from where `cargo test` writes it by default.
 *
 * @module
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { Ajv2020 } from "ajv/dist/2020.js";

import * as init from "../src/generated/init.js";

/** The checkout: this file runs as `ts/dist/differential/differential.test.js`. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const CORPUS = process.env["CAPTCHA_ERRORS_CORPUS"] ?? resolve(ROOT, "target/tmp/differential-corpus.jsonl");
const SCHEMA = resolve(ROOT, "ts/schema/init.config.schema.json");

/** A problem as the corpus writes it (Rust's `null` for an absent fact). */
interface Expected {
  readonly kind: string;
  readonly param?: string;
  readonly key?: string;
  readonly found?: string;
  readonly reason?: string;
  readonly raised?: { readonly table: string; readonly key: string };
  readonly severity: string;
  readonly value?: string | null;
  readonly hint?: string | null;
  readonly message: string;
}

interface ConfigCase {
  readonly id: number;
  readonly what: "config";
  readonly config: unknown;
  readonly valid: boolean;
  readonly typeOk: boolean;
  readonly problems: readonly Expected[];
}

interface ValueCase {
  readonly id: number;
  readonly what: "value";
  readonly param: string;
  readonly value: string | number | null;
  readonly special?: string;
  readonly prefix?: string;
  readonly problem: Expected | null;
}

type Case = ConfigCase | ValueCase;

/**
 * A message with every `\u{…}` escape of a non-ASCII character replaced by the character.
 * Whether Rust's `Debug` and this package show such a character raw depends on each one's
 * Unicode tables, whose versions may differ between toolchains; every ASCII escape, and
 * every other character of the message, is still compared as written.
 */
function unescapeNonAscii(message: unknown): unknown {
  if (typeof message !== "string") {
    return message;
  }
  return message.replace(/(?<!\\)((?:\\\\)*)\\u\{([0-9a-f]+)\}/g, (all: string, backslashes: string, hex: string) => {
    const code = Number.parseInt(hex, 16);
    return code >= 0x80 ? backslashes + String.fromCodePoint(code) : all;
  });
}

/** The facts of a problem that both sides give, as comparable JSON. */
function facts(problem: object | null | undefined): string {
  if (problem === null || problem === undefined) {
    return "none";
  }
  const p = problem as { [key: string]: unknown };
  const fact = (name: string): unknown => (p[name] === null ? undefined : p[name]);
  const raised = p["raised"] as { readonly table: string; readonly key: string } | undefined;
  return JSON.stringify({
    kind: fact("kind"),
    param: fact("param"),
    key: fact("key"),
    found: fact("found"),
    reason: fact("reason"),
    raised: raised === undefined ? undefined : [raised.table, raised.key],
    severity: fact("severity"),
    value: fact("value"),
    hint: fact("hint"),
    message: unescapeNonAscii(fact("message")),
  });
}

/** The differences between Rust's problems and TypeScript's, as lines. */
function differences(expected: readonly (object | null)[], actual: readonly (object | undefined)[]): string[] {
  const out: string[] = [];
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i += 1) {
    const [rust, ts] = [facts(expected[i]), facts(actual[i])];
    if (rust !== ts) {
      out.push(`  problem ${i}:\n    rust: ${rust}\n    ts:   ${ts}`);
    }
  }
  return out;
}

function number(value: ValueCase): number {
  switch (value.special) {
    case "NaN":
      return Number.NaN;
    case "inf":
      return Number.POSITIVE_INFINITY;
    case "-inf":
      return Number.NEGATIVE_INFINITY;
    default:
      return value.value as number;
  }
}

type AnyValidator = (value: never, prefix?: string) => init.ParamProblem | undefined;

function judgeValue(value: ValueCase): string[] {
  const validators: { readonly [name: string]: AnyValidator } = init.validators;
  const validate = validators[value.param];
  if (validate === undefined) {
    return [`  no TypeScript validator for \`${value.param}\``];
  }
  const input = typeof value.value === "string" ? value.value : number(value);
  const problem = (validate as (value: string | number, prefix?: string) => init.ParamProblem | undefined)(input, value.prefix);
  return differences([value.problem], [problem]);
}

function judgeConfig(config: ConfigCase, schemaAccepts: (config: unknown) => boolean): string[] {
  const report = init.validateConfig(config.config);
  const out = differences(config.problems, report.problems);
  if (report.valid !== config.valid) {
    out.push(`  valid: rust ${config.valid}, ts ${report.valid}`);
  }
  const accepted = schemaAccepts(config.config);
  if (accepted !== config.typeOk) {
    out.push(`  JSON Schema: rust says types ${config.typeOk ? "ok" : "wrong"}, ajv ${accepted ? "accepts" : "rejects"}`);
  }
  return out;
}

test("the TypeScript validators and the JSON Schema agree with Rust on every case of the corpus", () => {
  const text = readFileSync(CORPUS, "utf8");
  const cases: Case[] = text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Case);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const schemaAccepts = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")) as object);
  const failures: string[] = [];
  const counts = { configs: 0, values: 0, valid: 0, typeWrong: 0, problems: 0 };
  for (const item of cases) {
    const found = item.what === "config" ? judgeConfig(item, (c) => schemaAccepts(c)) : judgeValue(item);
    if (item.what === "config") {
      counts.configs += 1;
      counts.valid += item.valid ? 1 : 0;
      counts.typeWrong += item.typeOk ? 0 : 1;
      counts.problems += item.problems.length;
    } else {
      counts.values += 1;
      counts.problems += item.problem === null ? 0 : 1;
    }
    if (found.length > 0) {
      failures.push(`case ${item.id} (${JSON.stringify(item.what === "config" ? item.config : item.value)}):\n${found.join("\n")}`);
    }
  }
  console.log(`differential corpus ${CORPUS}: ${JSON.stringify(counts)}, ${failures.length} disagreements`);
  assert.ok(cases.length >= 10_000, `the corpus has only ${cases.length} cases`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${cases.length} cases disagree`);
});
