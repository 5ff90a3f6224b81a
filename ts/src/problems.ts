/**
 * Problems and their messages, as Rust's `ParamError` makes and writes them, and one step
 * of a whole-config check. Hand-written; it knows no word of any catalog.
 *
 * @module
 */

import type { JsonType, ParamFacts, ParamProblem, RaisedRow } from "./checks.js";

/** At most this many characters of an offending value are quoted in a message. */
const QUOTED_CHARS = 60;

/** Characters Rust's `Debug` escapes as `\u{…}`: not printable, or extending a grapheme. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;

/** One character as Rust's `Debug` for `str` writes it. */
function escapeChar(c: string): string {
  switch (c) {
    case "\0":
      return "\\0";
    case "\t":
      return "\\t";
    case "\r":
      return "\\r";
    case "\n":
      return "\\n";
    case "\\":
      return "\\\\";
    case '"':
      return '\\"';
    case " ":
      return c;
    default:
      return UNPRINTABLE.test(c) ? `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}` : c;
  }
}

/** The value quoted as Rust quotes it in a message: `Debug`-escaped, cut after 60 characters. */
export function quoted(value: string): string {
  const chars = Array.from(value);
  const shown = chars.slice(0, QUOTED_CHARS).map(escapeChar).join("");
  return chars.length > QUOTED_CHARS ? `"${shown}"…` : `"${shown}"`;
}

function article(type: JsonType): string {
  switch (type) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "integer":
      return "an integer";
    case "boolean":
      return "a boolean (true or false, not a string)";
    case "object":
      return "an object";
    case "function":
      return "a function";
  }
}

/** A required parameter that is absent. */
export function missing<P extends string, R extends RaisedRow>(facts: ParamFacts<P, R>): ParamProblem<P, R> {
  return {
    kind: "missing",
    param: facts.name,
    raised: facts.raises,
    severity: "error",
    value: undefined,
    hint: undefined,
    message: `\`${facts.name}\` is required: set it to ${facts.rule}`,
  };
}

/** A value of the wrong JSON type; `value` is how it was written, `found` its type. */
export function wrongType<P extends string, R extends RaisedRow>(
  facts: ParamFacts<P, R>,
  typeError: R,
  value: string,
  found: string,
): ParamProblem<P, R> {
  return {
    kind: "wrongType",
    param: facts.name,
    raised: typeError,
    severity: "error",
    value,
    found,
    hint: undefined,
    message: `\`${facts.name}\` must be ${article(facts.type)}, not ${found} ${quoted(value)}`,
  };
}

/** A value that breaks the parameter's rule, with the value it probably meant. */
export function brokenRule<P extends string, R extends RaisedRow>(
  facts: ParamFacts<P, R>,
  value: string,
  hint: string | undefined,
): ParamProblem<P, R> {
  const meant = hint === undefined ? "" : `; did you mean \`${hint}\`?`;
  return {
    kind: "brokenRule",
    param: facts.name,
    raised: facts.raises,
    severity: facts.severity,
    value,
    hint,
    message: `\`${facts.name}\` must be ${facts.rule}, not ${quoted(value)}${meant}`,
  };
}

/** A value a hand-written check rejected, saying why. */
export function customProblem<P extends string, R extends RaisedRow>(
  facts: ParamFacts<P, R>,
  value: string,
  reason: string,
): ParamProblem<P, R> {
  return {
    kind: "custom",
    param: facts.name,
    raised: facts.raises,
    severity: facts.severity,
    value,
    reason,
    hint: undefined,
    message: `\`${facts.name}\` ${reason}, not ${quoted(value)}`,
  };
}

/**
 * One step of a whole-config check: a missing required value, or the problem `validate`
 * finds in a present one (no `validate` for the rule `any`).
 */
export function check<P extends string, R extends RaisedRow, T>(
  problems: ParamProblem<P, R>[],
  facts: ParamFacts<P, R>,
  value: T | undefined,
  validate: ((value: T) => ParamProblem<P, R> | undefined) | undefined,
): void {
  if (value === undefined) {
    if (facts.required) {
      problems.push(missing(facts));
    }
    return;
  }
  const problem = validate?.(value);
  if (problem !== undefined) {
    problems.push(problem);
  }
}
