/**
 * The problem types and the checks several rules share, as the Rust crate makes them.
 * Hand-written; it knows no word of any catalog.
 *
 * @module
 */

/** How serious a problem is. */
export type Severity = "error" | "warning";

/** The JSON (JavaScript) type a parameter's value must have. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "function";

/** A catalog row: the name of a table and the key of one of its rows. */
export interface RaisedRow {
  readonly table: string;
  readonly key: string;
}

/** The facts of one parameter, as a generated module's `Param.ROWS` holds them. */
export interface ParamFacts<P extends string = string, R extends RaisedRow = RaisedRow> {
  /** The name as the page passes it; a member of an object is `object.member`. */
  readonly name: P;
  /** Where the page passes it: a word of the catalog's `scope` vocabulary. */
  readonly scope: string;
  /** The JSON type its value must have. */
  readonly type: JsonType;
  /** Whether the page must pass it. */
  readonly required: boolean;
  /** The documented default, as text. */
  readonly default: string | undefined;
  /** What its value must be, completing "`<name>` must be …". */
  readonly rule: string;
  /** The row a value that breaks the rule raises. */
  readonly raises: R;
  /** How serious a broken rule is. */
  readonly severity: Severity;
  /** Where the rule comes from. */
  readonly confidence: string;
  /** What the parameter is for. */
  readonly doc: string;
  /** The object parameter this one is a member of. */
  readonly parent: string | undefined;
}

interface ProblemOf<P extends string, R extends RaisedRow> {
  /** The parameter. */
  readonly param: P;
  /** The catalog row the problem corresponds to. */
  readonly raised: R;
  /** How serious the problem is. */
  readonly severity: Severity;
  /** One line that says how to fix it, as Rust's `Display` writes it. */
  readonly message: string;
  /** The offending value as given (numbers as Rust writes them); `undefined` when missing. */
  readonly value: string | undefined;
  /** The allowed value the input most likely meant, if one is obvious. */
  readonly hint: string | undefined;
}

/**
 * One problem with one init parameter, as Rust's `ParamError`. `kind` says what is wrong:
 * `missing` (a required parameter is absent), `wrongType` (`found` names the JSON type the
 * value has), `brokenRule` (with a `hint` when one is obvious) or `custom` (a hand-written
 * check said why in `reason`).
 */
export type ParamProblem<P extends string = string, R extends RaisedRow = RaisedRow> =
  | (ProblemOf<P, R> & { readonly kind: "missing" })
  | (ProblemOf<P, R> & { readonly kind: "wrongType"; readonly found: string })
  | (ProblemOf<P, R> & { readonly kind: "brokenRule" })
  | (ProblemOf<P, R> & { readonly kind: "custom"; readonly reason: string });

/** A key that names no parameter: a warning, since the SDK may know options the catalog does not. */
export interface UnknownKeyProblem {
  readonly kind: "unknownKey";
  /** The key, dotted for a member of an object (`slideStyle.colour`). */
  readonly key: string;
  readonly severity: "warning";
  readonly message: string;
}

/** A config that is not an object at all. */
export interface NotAnObjectProblem {
  readonly kind: "notAnObject";
  /** The JSON type it has. */
  readonly found: string;
  readonly severity: "error";
  readonly message: string;
}

/** A problem of a whole config, as Rust's `json::JsonProblem`. */
export type ConfigProblem<P extends string = string, R extends RaisedRow = RaisedRow> =
  | ParamProblem<P, R>
  | UnknownKeyProblem
  | NotAnObjectProblem;

/** What a whole-config check found. */
export interface ConfigReport<P extends string = string, R extends RaisedRow = RaisedRow> {
  /** Whether no problem is an error. */
  readonly valid: boolean;
  /** Every problem: those of the JSON itself first (types, unknown keys), in key order, then those of the values, in parameter order. */
  readonly problems: readonly ConfigProblem<P, R>[];
  /** The problems that concern a known parameter, in the same order. */
  readonly paramProblems: readonly ParamProblem<P, R>[];
}

/** Whether `object` has `key` as an own property (never one of its prototype's). */
export function hasOwn<T extends object>(object: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The characters Rust's `char::is_whitespace` accepts (Unicode White_Space). */
const WHITESPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const HAS_WHITESPACE = new RegExp(`[${WHITESPACE}]`);
const EDGE_WHITESPACE = new RegExp(`^[${WHITESPACE}]+|[${WHITESPACE}]+$`, "g");

/** Whether `text` holds a character Rust counts as whitespace. */
export function hasWhitespace(text: string): boolean {
  return HAS_WHITESPACE.test(text);
}

/** `text` without leading and trailing whitespace, as Rust's `str::trim` (not JavaScript's). */
export function trim(text: string): string {
  return text.replace(EDGE_WHITESPACE, "");
}

/** `text` with ASCII letters lowercased and every other character kept. */
export function asciiLowercase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}

/** The number of characters (code points), as Rust counts a `str`'s `chars()`. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) {
    count += 1;
  }
  return count;
}

/** Whether `value` is a finite number. */
export function isFiniteNumber(value: number): boolean {
  return Number.isFinite(value);
}

/** Whether `value` is a CSS ID selector: `#`, then an id without whitespace. */
export function isIdSelector(value: string): boolean {
  return value.startsWith("#") && value.length > 1 && !hasWhitespace(value.slice(1));
}

/**
 * Whether `value` is `prefix`, `_`, then `suffixLength` ASCII letters or digits. Without a
 * prefix, any non-empty prefix without `_` is accepted. Every character after the prefix is
 * ASCII, so comparing UTF-16 units gives Rust's verdict on bytes.
 */
export function isCertifyId(value: string, prefix: string | undefined, suffixLength: number): boolean {
  const headLength = value.length - suffixLength - 1;
  if (headLength < 0) {
    return false;
  }
  const head = value.slice(0, headLength);
  const headOk = prefix === undefined ? head.length > 0 && !head.includes("_") : head === prefix;
  return headOk && value[headLength] === "_" && /^[A-Za-z0-9]*$/.test(value.slice(headLength + 1));
}

/**
 * The allowed value a rejected `value` probably meant: the catalog's explicit hint for it,
 * or else the allowed value equal to it trimmed and ignoring ASCII case.
 */
export function hint(value: string, hints: readonly (readonly [string, string])[], allowed: readonly string[]): string | undefined {
  const explicit = hints.find(([from]) => from === value);
  if (explicit !== undefined) {
    return explicit[1];
  }
  const wanted = asciiLowercase(trim(value));
  return allowed.find((candidate) => asciiLowercase(candidate) === wanted);
}

/** A number as Rust's `Display` writes an `f64`: never with an exponent (`1e-7` is `0.0000001`). */
export function numberText(value: number): string {
  if (Number.isNaN(value)) {
    return "NaN";
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  if (Object.is(value, -0)) {
    return "-0";
  }
  const text = String(value);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (exponent === null) {
    return text;
  }
  const [, sign = "", whole = "", fraction = "", power = "0"] = exponent;
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  if (point <= 0) {
    return `${sign}0.${"0".repeat(-point)}${digits}`;
  }
  if (point >= digits.length) {
    return sign + digits + "0".repeat(point - digits.length);
  }
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

