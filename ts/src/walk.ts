/**
 * The walk over a whole config that Rust's `json::validate_json` does: every key in
 * code point order (the order Rust reads a JSON object in), members of object params
 * nested or dotted, a value of the wrong type raising the catalog's type-error row, and
 * unknown keys as warnings. Hand-written; it knows no word of any catalog.
 *
 * @module
 */

import { hasOwn, type ConfigProblem, type ConfigReport, type ParamFacts, type ParamProblem, type RaisedRow } from "./checks.js";
import { wrongType } from "./problems.js";

/** The JSON type of a value, as Rust names it (`array` and `null` apart from `object`). */
export function jsonTypeName(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  return typeof value;
}

/** Whether `value` is an object that is neither `null` nor an array. */
export function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A UTF-16 unit moved so that comparing units compares code points. */
function codePointOrder(unit: number): number {
  if (unit >= 0xe000) {
    return unit - 0x800;
  }
  return unit >= 0xd800 ? unit + 0x2000 : unit;
}

/** Compares two strings by code point (as Rust orders a JSON object's keys), not by UTF-16 unit. */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointOrder(x) - codePointOrder(y);
    }
  }
  return a.length - b.length;
}

/**
 * A number as serde_json writes it: whole numbers as integers, others in the shortest form
 * that reads back exactly, with an exponent (`1e-7`, `1e+300`) when it is below 1e-5 or
 * from 1e16 on.
 */
function numberJson(value: number): string {
  if (Number.isSafeInteger(value)) {
    return String(value);
  }
  if (!Number.isFinite(value)) {
    return "null";
  }
  const [mantissa = "", power = "0"] = value.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/[-.]/g, "");
  const point = Number(power) + 1;
  const exponent = point - digits.length;
  if (exponent >= 0 && point <= 16) {
    return `${sign}${digits}${"0".repeat(exponent)}.0`;
  }
  if (point > 0 && point <= 16) {
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  if (point > -5 && point <= 0) {
    return `${sign}0.${"0".repeat(-point)}${digits}`;
  }
  const rest = digits.length === 1 ? "" : `.${digits.slice(1)}`;
  const power10 = point - 1;
  return `${sign}${digits[0] ?? ""}${rest}e${power10 > 0 ? "+" : ""}${power10}`;
}

/** A value as serde_json writes it compactly, object keys in code point order. */
function json(value: unknown): string {
  if (typeof value === "number") {
    return numberJson(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(json).join(",")}]`;
  }
  if (isObject(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareKeys)
      .map((key) => `${JSON.stringify(key)}:${json(value[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

/** A value as Rust's `validate_json` quotes it: a string as it is, anything else as JSON. */
export function jsonText(value: unknown): string {
  return typeof value === "string" ? value : json(value);
}

/** Whether a value has the JSON type a parameter wants (objects and functions aside). */
function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number";
    case "integer":
      // Rust reads an integer as an i64.
      return typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63;
    default:
      return false;
  }
}

/** What one walk collects: the problems of the JSON itself and the values by parameter name. */
interface Walk<P extends string, R extends RaisedRow> {
  readonly rows: { readonly [name: string]: ParamFacts<P, R> };
  readonly typeError: R;
  readonly problems: ConfigProblem<P, R>[];
  readonly values: Map<string, unknown>;
}

function unknownKey<P extends string, R extends RaisedRow>(key: string): ConfigProblem<P, R> {
  return {
    kind: "unknownKey",
    key,
    severity: "warning",
    message: `\`${key}\` is not a known init parameter; check its spelling, or ignore this warning if the SDK added it`,
  };
}

/** Reads the members of an object (the config, or an object parameter's value) in Rust's order. */
function readObject<P extends string, R extends RaisedRow>(walk: Walk<P, R>, prefix: string, object: { readonly [key: string]: unknown }): void {
  for (const key of Object.keys(object).sort(compareKeys)) {
    readEntry(walk, prefix + key, object[key]);
  }
}

function readEntry<P extends string, R extends RaisedRow>(walk: Walk<P, R>, key: string, value: unknown): void {
  if (value === undefined) {
    return;
  }
  if (!hasOwn(walk.rows, key)) {
    walk.problems.push(unknownKey(key));
    return;
  }
  const facts = walk.rows[key] as ParamFacts<P, R>;
  if (facts.type === "object" && isObject(value)) {
    const hasMembers = Object.values(walk.rows).some((row) => row.parent === key);
    if (hasMembers) {
      readObject(walk, `${key}.`, value);
    }
    return;
  }
  if (facts.type === "function" && typeof value === "function") {
    return;
  }
  if (hasType(facts.type, value)) {
    walk.values.set(key, value);
    return;
  }
  walk.problems.push(wrongType(facts, walk.typeError, jsonText(value), jsonTypeName(value)));
}

/**
 * Checks a whole config as Rust's `json::validate_json` does, with a generated module's
 * parameter facts, type-error row and `validateValues`. A key whose value is `undefined` is
 * absent; a function is a valid value of a `function` parameter (JSON cannot hold one).
 */
export function validateConfig<P extends string, R extends RaisedRow, V>(
  config: unknown,
  rows: { readonly [name: string]: ParamFacts<P, R> },
  typeError: R,
  validateValues: (values: V) => ParamProblem<P, R>[],
): ConfigReport<P, R> {
  const walk: Walk<P, R> = { rows, typeError, problems: [], values: new Map() };
  if (isObject(config)) {
    readObject(walk, "", config);
  } else {
    const found = jsonTypeName(config);
    walk.problems.push({ kind: "notAnObject", found, severity: "error", message: `the config must be a JSON object, not ${found}` });
  }
  // The values are keyed by parameter name, as the generated `ParamValues` interface says.
  const paramProblems = validateValues(Object.fromEntries(walk.values) as V);
  const problems = [...walk.problems, ...paramProblems];
  return {
    valid: problems.every((problem) => problem.severity !== "error"),
    problems,
    paramProblems: problems.filter((problem): problem is ParamProblem<P, R> => "param" in problem),
  };
}
