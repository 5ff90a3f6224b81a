/**
 * The TypeScript half of the differential test. The Rust half
 * (`captcha-errors/tests/differential.rs`) writes a corpus of configs and single values,
 * each with Rust's verdict; this judges every case with the generated validators and every
 * config with ajv on the generated JSON Schema, and fails if any verdict, problem, row,
 * severity, hint or message differs. ajv must accept a config exactly when Rust's report
 * has no error, except when every error breaks a rule that the schema's description lists
 * as unstated; every such rule must be one the schema really misses somewhere in the
 * corpus, and the corpus must judge every outcome of every param alone. The corpus is read
 * from `$CAPTCHA_ERRORS_CORPUS`, or from where `cargo test` writes it by default.
 *
 * Beside the corpus, Rust writes its localized texts (`differential-texts.json`): every
 * translatable column's `<column>_in(locale)` of every row in every locale, and each table's
 * `noun_in`. Each must equal the generated locale module's text (`locales/<tag>/<catalog>`),
 * and English the main module's; the tables and columns must be the same on both sides.
 *
 * And Rust writes `Locale::negotiate`'s answers (`differential-negotiation.json`) for every
 * header of `accept-language.tsv`, a few thousand generated headers, and lists of tags
 * joined into a header with decreasing weights; `negotiate` (and, for the lists,
 * `negotiateFromList`) must give the same locale for each.
 *
 * @module
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";

import * as generated from "../src/generated/index.js";
import * as init from "../src/generated/init.js";
import { Action } from "../src/generated/verify.js";
import { LOCALES, negotiate, negotiateFromList, type LocaleTable } from "../src/locale.js";

/** The checkout: this file runs as `ts/dist/differential/differential.test.js`. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const CORPUS = process.env["CAPTCHA_ERRORS_CORPUS"] ?? resolve(ROOT, "target/tmp/differential-corpus.jsonl");
const SCHEMA = resolve(ROOT, "ts/schema/init.config.schema.json");
const TEXTS = resolve(dirname(CORPUS), "differential-texts.json");
const NEGOTIATION = resolve(dirname(CORPUS), "differential-negotiation.json");

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

/** ajv on the generated schema: whether it accepts a config, and why not. */
type SchemaCheck = (config: unknown) => { readonly accepted: boolean; readonly why: string };

/**
 * The rules the schema's description lists as unstated, by param: each on its own line,
 * ``- `<param>` (rule `<kind>`): <why>``.
 */
function unstatedRules(schema: { readonly description?: unknown }): Map<string, string> {
  const text = typeof schema.description === "string" ? schema.description : "";
  const rules = new Map<string, string>();
  for (const match of text.matchAll(/^- `([^`]+)` \(rule `([a-z_]+)`\): /gm)) {
    rules.set(match[1] ?? "", match[2] ?? "");
  }
  return rules;
}

/** What a problem is an outcome of: `<param>: wrongType`, `<param>: missing`, `<param>: rule`, `unknownKey`. */
function outcome(problem: Expected): string {
  if (problem.param === undefined) {
    return problem.kind;
  }
  const kind = problem.kind === "brokenRule" || problem.kind === "custom" ? "rule" : problem.kind;
  return `${problem.param}: ${kind}`;
}

/** Every outcome the corpus must judge alone: each param's wrong type, absence if required, broken rule if it has one. */
function expectedOutcomes(): string[] {
  const out = ["valid", "unknownKey", "notAnObject"];
  for (const name of init.Param.ALL) {
    const facts = init.Param.ROWS[name];
    out.push(`${name}: wrongType`);
    if (facts.required) {
      out.push(`${name}: missing`);
    }
    if (!facts.rule.startsWith("any ")) {
      out.push(`${name}: rule`);
    }
  }
  return out;
}

/** What the configs of the corpus showed of the schema. */
interface SchemaTally {
  /** Configs per outcome judged alone (every problem of the config is that outcome). */
  readonly alone: Map<string, number>;
  /** The unstated rules whose breach ajv accepted at least once. */
  readonly missed: Set<string>;
  configs: number;
  valid: number;
  warningsOnly: number;
  unstatedOnly: number;
}

/**
 * The one outcome a config shows alone, if it shows one: a non-object also misses every
 * required param, and a required param of the wrong type is also missing.
 */
function aloneOutcome(config: ConfigCase): string | undefined {
  if (config.problems.length === 0) {
    return "valid";
  }
  if (config.problems.some((p) => p.kind === "notAnObject")) {
    return "notAnObject";
  }
  const outcomes = new Set(config.problems.map(outcome));
  for (const name of outcomes) {
    if (name.endsWith(": wrongType")) {
      outcomes.delete(name.replace(/: wrongType$/, ": missing"));
    }
  }
  return outcomes.size === 1 ? [...outcomes][0] : undefined;
}

/** Holds ajv's verdict to Rust's: accepted exactly when no problem is an error, unless every error breaks an unstated rule. */
function judgeSchema(config: ConfigCase, check: SchemaCheck, unstated: Map<string, string>, tally: SchemaTally): string[] {
  const { accepted, why } = check(config.config);
  const errors = config.problems.filter((p) => p.severity === "error");
  const isUnstated = (p: Expected): boolean => p.param !== undefined && unstated.has(p.param) && (p.kind === "brokenRule" || p.kind === "custom");
  const stated = errors.filter((p) => !isUnstated(p));
  tally.configs += 1;
  tally.valid += config.valid ? 1 : 0;
  tally.warningsOnly += config.valid && config.problems.length > 0 ? 1 : 0;
  const alone = aloneOutcome(config);
  if (alone !== undefined) {
    tally.alone.set(alone, (tally.alone.get(alone) ?? 0) + 1);
  }
  if (config.valid !== (errors.length === 0)) {
    return [`  rust: valid is ${config.valid}, but ${errors.length} problems are errors`];
  }
  if (errors.length > 0 && stated.length === 0) {
    tally.unstatedOnly += 1;
    if (accepted) {
      for (const p of errors) {
        tally.missed.add(p.param ?? "");
      }
    }
    return [];
  }
  if (accepted === config.valid) {
    return [];
  }
  const rust = config.valid ? "no error" : `errors: ${stated.map((p) => p.message).join(" | ")}`;
  return [`  JSON Schema: rust has ${rust}; ajv ${accepted ? "accepts" : `rejects: ${why}`}`];
}

function judgeConfig(config: ConfigCase, check: SchemaCheck, unstated: Map<string, string>, tally: SchemaTally): string[] {
  const report = init.validateConfig(config.config);
  const out = differences(config.problems, report.problems);
  if (report.valid !== config.valid) {
    out.push(`  valid: rust ${config.valid}, ts ${report.valid}`);
  }
  return [...out, ...judgeSchema(config, check, unstated, tally)];
}

function ajvWhy(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ");
}

test("the TypeScript validators and the JSON Schema agree with Rust on every case of the corpus", () => {
  const text = readFileSync(CORPUS, "utf8");
  const cases: Case[] = text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Case);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const schema = JSON.parse(readFileSync(SCHEMA, "utf8")) as { readonly description?: unknown };
  const validate = ajv.compile(schema);
  const check: SchemaCheck = (config) => {
    const accepted = validate(config);
    return { accepted, why: accepted ? "" : ajvWhy(validate.errors) };
  };
  const unstated = unstatedRules(schema);
  const tally: SchemaTally = { alone: new Map(), missed: new Set(), configs: 0, valid: 0, warningsOnly: 0, unstatedOnly: 0 };
  const failures: string[] = [];
  const counts = { values: 0, problems: 0 };
  for (const item of cases) {
    const found = item.what === "config" ? judgeConfig(item, check, unstated, tally) : judgeValue(item);
    if (item.what === "config") {
      counts.problems += item.problems.length;
    } else {
      counts.values += 1;
      counts.problems += item.problem === null ? 0 : 1;
    }
    if (found.length > 0) {
      failures.push(`case ${item.id} (${JSON.stringify(item.what === "config" ? item.config : item.value)}):\n${found.join("\n")}`);
    }
  }
  const expected = expectedOutcomes();
  const uncovered = expected.filter((name) => !tally.alone.has(name));
  const summary = {
    configs: tally.configs,
    valid: tally.valid,
    warningsOnly: tally.warningsOnly,
    unstatedOnly: tally.unstatedOnly,
    outcomesJudgedAlone: `${expected.length - uncovered.length} of ${expected.length}`,
    unstated: [...unstated].map(([param, kind]) => `${param} (${kind})`),
    ...counts,
  };
  console.log(`differential corpus ${CORPUS}: ${JSON.stringify(summary)}, ${failures.length} disagreements`);
  assert.ok(cases.length >= 10_000, `the corpus has only ${cases.length} cases`);
  assert.ok(tally.configs > 0 && tally.valid > 0 && tally.warningsOnly > 0, `the corpus lacks configs: ${JSON.stringify(summary)}`);
  assert.deepEqual(uncovered, [], `${uncovered.length} outcomes are never judged alone by a config of the corpus`);
  for (const [param, kind] of unstated) {
    assert.ok(param in init.Param.ROWS, `the schema lists \`${param}\` (rule \`${kind}\`) as unstated, but there is no such param`);
    assert.ok(
      tally.missed.has(param),
      `the schema lists \`${param}\` (rule \`${kind}\`) as unstated, but ajv rejected every config of the corpus that breaks only it: state it fully and drop it from the list`,
    );
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${cases.length} cases disagree`);
});

/** What Rust wrote of its localized texts. */
interface RustTexts {
  readonly locales: readonly string[];
  /** By `<module>.<Type>`: the noun and every row's translatable texts, each by locale tag. */
  readonly tables: {
    readonly [table: string]: {
      readonly noun: { readonly [tag: string]: string };
      readonly rows: { readonly [key: string]: { readonly [column: string]: { readonly [tag: string]: string | null } } };
    };
  };
  readonly languages: { readonly [value: string]: string | null };
  readonly fromLocale: { readonly [tag: string]: string | null };
  readonly userMessages: { readonly [word: string]: string | null };
}

type Module = { readonly [name: string]: unknown };

/** Every table of every locale module of `locale`, by `<module>.<Type>`. */
async function localeTables(locale: string): Promise<Map<string, LocaleTable<string, string, string>>> {
  const index = (await import(`../src/generated/locales/${locale}/index.js`)) as { readonly [module: string]: Module };
  const out = new Map<string, LocaleTable<string, string, string>>();
  for (const [module, exports] of Object.entries(index)) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "object" && value !== null && "ROWS" in value) {
        out.set(`${module}.${name}`, value as LocaleTable<string, string, string>);
      }
    }
  }
  return out;
}

test("the locale modules hold Rust's text of every row, column and locale", async () => {
  const rust = JSON.parse(readFileSync(TEXTS, "utf8")) as RustTexts;
  assert.deepEqual(rust.locales, [...LOCALES], "the locales");
  const main = generated as unknown as { readonly [module: string]: Module };
  const failures: string[] = [];
  let compared = 0;
  const compare = (where: string, rustText: string | null | undefined, tsText: unknown): void => {
    compared += 1;
    if ((rustText ?? undefined) !== tsText) {
      failures.push(`${where}:\n    rust: ${JSON.stringify(rustText)}\n    ts:   ${JSON.stringify(tsText)}`);
    }
  };
  for (const locale of LOCALES) {
    const tables = locale === "en" ? undefined : await localeTables(locale);
    if (tables !== undefined) {
      assert.deepEqual([...tables.keys()].sort(), Object.keys(rust.tables).sort(), `${locale}: the translated tables`);
    }
    for (const [name, table] of Object.entries(rust.tables)) {
      const [module = "", type = ""] = name.split(".");
      const english = (main[module]?.[type] as { readonly ROWS: { readonly [key: string]: Module } } | undefined)?.ROWS;
      const ts = tables?.get(name);
      if (tables !== undefined) {
        compare(`${locale} ${name} noun`, table.noun[locale], ts?.NOUN);
      }
      const tsKeys = Object.keys(tables === undefined ? (english ?? {}) : (ts?.ROWS ?? {}));
      // Rust's JSON object sorts its keys; the order of the locale modules is `locales.test.ts`'s.
      assert.deepEqual(tsKeys.sort(), Object.keys(table.rows).sort(), `${locale} ${name}: the keys`);
      for (const [key, columns] of Object.entries(table.rows)) {
        const tsRow: Module | undefined = tables === undefined ? english?.[key] : ts?.ROWS[key];
        if (tables !== undefined) {
          assert.deepEqual(Object.keys(tsRow ?? {}).sort(), Object.keys(columns).sort(), `${locale} ${name}.${key}: the translatable columns`);
        }
        for (const [column, texts] of Object.entries(columns)) {
          compare(`${locale} ${name}.${key}.${column}`, texts[locale], tsRow?.[column]);
        }
      }
    }
  }
  for (const [value, locale] of Object.entries(rust.languages)) {
    compare(`Language.locale(${value})`, locale, init.Language.locale(value as init.Language));
  }
  for (const [locale, value] of Object.entries(rust.fromLocale)) {
    compare(`Language.fromLocale(${locale})`, value, init.Language.fromLocale(locale as (typeof LOCALES)[number]));
  }
  for (const [word, message] of Object.entries(rust.userMessages)) {
    compare(`Action.userMessageOf(${word})`, message, Action.userMessageOf(word as Action));
  }
  console.log(`differential texts ${TEXTS}: ${compared} compared, ${failures.length} differ`);
  // Every text Rust wrote was compared: each row's columns in every locale, each noun in every other locale.
  const written = Object.values(rust.tables).reduce(
    (sum, table) =>
      sum + (LOCALES.length - 1) + Object.values(table.rows).reduce((n, columns) => n + Object.keys(columns).length * LOCALES.length, 0),
    Object.keys(rust.languages).length + Object.keys(rust.fromLocale).length + Object.keys(rust.userMessages).length,
  );
  assert.ok(Object.keys(rust.tables).length > 0, "Rust wrote no table's texts");
  assert.equal(compared, written, "texts compared");
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${compared} texts differ`);
});

/** Rust's negotiation answers: `[header, tag]`, or `[tags, tag]` for a list. */
interface RustNegotiations {
  readonly real: readonly (readonly [string, string])[];
  readonly generated: readonly (readonly [string, string])[];
  readonly lists: readonly (readonly [readonly string[], string])[];
}

test("negotiate and negotiateFromList choose Rust's locale for every header and list", () => {
  const rust = JSON.parse(readFileSync(NEGOTIATION, "utf8")) as RustNegotiations;
  const failures: string[] = [];
  let compared = 0;
  for (const [header, expected] of [...rust.real, ...rust.generated]) {
    compared += 1;
    const actual = negotiate(header);
    if (actual !== expected) {
      failures.push(`${JSON.stringify(header)}: rust ${expected}, ts ${actual}`);
    }
  }
  for (const [list, expected] of rust.lists) {
    compared += 1;
    const actual = negotiateFromList(list);
    if (actual !== expected) {
      failures.push(`list ${JSON.stringify(list)}: rust ${expected}, ts ${actual}`);
    }
  }
  console.log(`differential negotiation ${NEGOTIATION}: ${compared} compared, ${failures.length} differ`);
  // The real headers of the table (at least 30), 5,000 generated headers and 1,000 lists.
  assert.ok(rust.real.length >= 30, `only ${rust.real.length} real headers`);
  assert.equal(compared, rust.real.length + 5_000 + 1_000, "headers and lists compared");
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${compared} answers differ`);
});
