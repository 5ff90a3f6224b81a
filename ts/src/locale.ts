/**
 * The locales the catalogs' texts are written in, and the shape of a generated locale
 * module's table. English is the source, in each catalog's main module; every other locale
 * has its own modules, `captcha-errors/locales/<tag>/<catalog>` (or the locale's index,
 * `captcha-errors/locales/<tag>`), so a page bundles only the texts it shows.
 *
 * ```ts
 * import * as zhCN from "captcha-errors/locales/zh-CN/verify";
 *
 * zhCN.VerifyCode.ROWS.F001.meaning; // the meaning of F001 in Simplified Chinese
 * ```
 *
 * `negotiate` chooses a locale from an `Accept-Language` header exactly as Rust's
 * `Locale::negotiate` does, and `negotiateFromList` from `navigator.languages`.
 *
 * @module
 */

import { FALLBACK, LOCALES, SERVED } from "./generated/served.js";

// Every locale, English (the source) first, as Rust's `Locale::ALL` lists them: generated
// from the catalog format with each locale's language facts.
export { LOCALES };

/** A BCP 47 tag of a locale the catalogs are written in. */
export type Locale = (typeof LOCALES)[number];

/** Whether `value` is exactly the tag of a locale of `LOCALES` (case-sensitive). */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * A table of a locale module: what it calls one of its rows, the title of each of its
 * `Column`s, and each row's `Text` columns by key (`undefined` where the row leaves an
 * optional column out). A text the catalog has not translated is the English one.
 */
export interface LocaleTable<Key extends string, Text extends string, Column extends string> {
  readonly NOUN: string;
  readonly TITLES: { readonly [C in Column]: string };
  readonly ROWS: { readonly [K in Key]: { readonly [T in Text]: string | undefined } };
}

/**
 * The text of `column` of row `key` from the table of the locale module the page loaded for
 * its locale, or `english` (the main module's text) when it loaded none.
 */
export function textIn<Key extends string, Text extends string>(
  table: LocaleTable<Key, Text, string> | undefined,
  key: Key,
  column: Text,
  english: string | undefined,
): string | undefined {
  return table === undefined ? english : table.ROWS[key][column];
}

/** How many UTF-8 bytes of a header `negotiate` reads, as Rust's `negotiate` does. */
const MAX_HEADER_BYTES = 4096;

/** How many non-empty entries of a header (or elements of a list) are read. */
const MAX_ENTRIES = 64;

/** The weight of an entry without `q=`, in thousandths. */
const FULL_WEIGHT = 1000;

/** Where a range goes: nowhere, `*` (`"any"`), or the index of a locale of `SERVED`. */
type Target = "nothing" | "any" | number;

/** One entry as the choice sees it: where its range goes and its weight in thousandths. */
interface Wanted {
  readonly target: Target;
  readonly q: number;
}

/** A malformed entry, or one whose range matches nothing. */
const NOTHING: Wanted = { target: "nothing", q: 0 };

/**
 * The locale that suits an `Accept-Language` header best, with the same answer as Rust's
 * `Locale::negotiate` for every header (a differential test holds them together):
 *
 * - The header is a comma-separated list of `range[;q=VALUE]` (RFC 9110 §12.5.4); spaces
 *   and tabs around entries, `;` and `=` are skipped, and so are empty entries.
 * - A range is `*` or subtags of one to eight ASCII letters and digits joined by `-`, the
 *   first letters only (RFC 4647 §2.1); case does not matter. A weight is `0` or `1` with at
 *   most three decimals (`0.875`, `1.000`); `Q=` counts too, other parameters are ignored.
 *   A malformed entry (`zh_TW`, `q=.5`, `q=2`, two weights) is ignored on its own.
 * - Only the header's first 4096 UTF-8 bytes are read (an entry that does not end within
 *   them is ignored with all after it), and only its first 64 non-empty entries.
 * - A range whose first subtag is a served language goes, after up to three extended
 *   languages (`zh-yue`), to the locale serving its script (`Hant`), else its region
 *   (`HK`, `419`), else the first locale of its language: `zh-Hans-TW` is zh-CN, `zh-HK`
 *   zh-TW, `zh` zh-CN. `*` goes to English, or to the first locale not excluded when a
 *   weight-0 entry excludes English.
 * - The highest weight wins, the earlier entry between equal weights; weight 0 excludes
 *   the locale its range goes to. When nothing is chosen the answer is English.
 *
 * Never throws, and costs no more on a longer header than on 4 KiB.
 *
 * ```ts
 * negotiate("zh-HK,zh;q=0.9,en;q=0.8"); // "zh-TW"
 * negotiate("zh-TW;q=0, zh;q=0.5");     // "zh-CN"
 * negotiate("fr-FR");                   // "en"
 * ```
 */
export function negotiate(acceptLanguage: string): Locale {
  const wanted: Wanted[] = [];
  for (const entry of entries(acceptLanguage)) {
    wanted.push(entry === undefined ? NOTHING : { target: target(entry.range), q: entry.q });
  }
  return choose(wanted);
}

/**
 * The locale that suits a list of language tags best, such as `navigator.languages`: the
 * list is in descending preference, so the answer is `negotiate`'s for the header that
 * joins the tags with decreasing weights (`a, b;q=0.999, c;q=0.998, …`) when that header fits
 * in 4 KiB (longer, this one still reads every element it reads). The first tag that
 * goes to a served locale wins (a later one loses even when it names its locale more
 * precisely); no tag excludes a locale, as no tag has weight 0.
 *
 * Each element is one range (spaces and tabs around it are skipped); an element that is not
 * a well-formed range (`zh_TW`, one holding `,` or `;`, or longer than 4096 characters) is
 * ignored on its own. Only the first 64 elements are read. An empty list, or one of only
 * unserved languages, gives English.
 *
 * ```ts
 * negotiateFromList(navigator.languages); // ["zh-HK", "en-US"] gives "zh-TW"
 * ```
 */
export function negotiateFromList(languages: readonly string[]): Locale {
  const wanted: Wanted[] = [];
  for (const element of languages.slice(0, MAX_ENTRIES)) {
    const range = typeof element === "string" && element.length <= MAX_HEADER_BYTES ? trimOws(element) : "";
    wanted.push(isRange(range) ? { target: target(range), q: FULL_WEIGHT } : NOTHING);
  }
  return choose(wanted);
}

/** The locale the entries choose (the rules are `negotiate`'s), or `FALLBACK`. */
function choose(wanted: readonly Wanted[]): Locale {
  const excluded = (index: number): boolean => wanted.some((w) => w.q === 0 && w.target === index);
  const fallbackExcluded = SERVED.some((s, index) => s.tag === FALLBACK && excluded(index));
  const anyLocale: Locale | undefined = fallbackExcluded
    ? SERVED.find((_, index) => !excluded(index))?.tag
    : FALLBACK;
  let best: { readonly q: number; readonly locale: Locale } | undefined;
  for (const w of wanted) {
    if (w.q === 0) {
      continue;
    }
    let locale: Locale | undefined;
    if (w.target === "any") {
      locale = anyLocale;
    } else if (w.target !== "nothing" && !excluded(w.target)) {
      locale = SERVED[w.target]?.tag;
    }
    if (locale !== undefined && (best === undefined || w.q > best.q)) {
      best = { q: w.q, locale };
    }
  }
  return best?.locale ?? FALLBACK;
}

/**
 * The header's entries within the bounds, in order: each well-formed one as its range and
 * weight in thousandths, each malformed one as `undefined`.
 */
function entries(header: string): Array<{ readonly range: string; readonly q: number } | undefined> {
  // The first MAX_HEADER_BYTES + 1 bytes of the header's UTF-8; encodeInto writes whole
  // characters only, and a character cut there is never a comma.
  const bytes = new Uint8Array(MAX_HEADER_BYTES + 1);
  const { read, written } = new TextEncoder().encodeInto(header, bytes);
  let window: Uint8Array;
  if (read === header.length && written <= MAX_HEADER_BYTES) {
    window = bytes.subarray(0, written);
  } else if (written > MAX_HEADER_BYTES && bytes[MAX_HEADER_BYTES] === 0x2c) {
    // The entry that ends at the limit is whole.
    window = bytes.subarray(0, MAX_HEADER_BYTES);
  } else {
    // The entry that crosses the limit is left out with the rest.
    const head = bytes.subarray(0, Math.min(written, MAX_HEADER_BYTES));
    window = head.subarray(0, Math.max(head.lastIndexOf(0x2c), 0));
  }
  // The window ends at a character's end, so it decodes whole; syntax is ASCII only.
  const text = new TextDecoder().decode(window);
  const out: Array<{ readonly range: string; readonly q: number } | undefined> = [];
  for (const raw of text.split(",")) {
    const trimmed = trimOws(raw);
    if (trimmed.length === 0) {
      continue;
    }
    if (out.length === MAX_ENTRIES) {
      break;
    }
    out.push(entry(trimmed));
  }
  return out;
}

/** One non-empty entry's range and weight, or `undefined` when it is malformed. */
function entry(text: string): { readonly range: string; readonly q: number } | undefined {
  const [first = "", ...parameters] = text.split(";");
  const range = trimOws(first);
  if (!isRange(range)) {
    return undefined;
  }
  let weight: number | undefined;
  for (const parameter of parameters.map(trimOws).filter((p) => p.length > 0)) {
    const equals = parameter.indexOf("=");
    const name = trimOws(equals < 0 ? parameter : parameter.slice(0, equals));
    if (name === "q" || name === "Q") {
      if (weight !== undefined || equals < 0) {
        return undefined;
      }
      weight = qvalue(trimOws(parameter.slice(equals + 1)));
      if (weight === undefined) {
        return undefined;
      }
    }
  }
  return { range, q: weight ?? FULL_WEIGHT };
}

/** Whether `range` is `*` or a basic language range (RFC 4647 §2.1). */
function isRange(range: string): boolean {
  return range === "*" || /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(range);
}

/** An RFC 9110 qvalue in thousandths: `0` with up to three decimals, or `1` with up to three zeros. */
function qvalue(value: string): number | undefined {
  const match = /^([01])(?:\.([0-9]{0,3}))?$/.exec(value);
  if (match === null) {
    return undefined;
  }
  const whole = match[1] === "1" ? FULL_WEIGHT : 0;
  const thousandths = Number((match[2] ?? "").padEnd(3, "0"));
  if (whole === FULL_WEIGHT && thousandths !== 0) {
    return undefined;
  }
  return whole + thousandths;
}

/** ASCII lower case, which leaves every other character alone. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Where a well-formed range goes among `SERVED`. */
function target(range: string): Target {
  if (range === "*") {
    return "any";
  }
  const subtags = asciiLower(range).split("-");
  const language = subtags[0] ?? "";
  const ofLanguage: number[] = [];
  SERVED.forEach((s, index) => {
    if (asciiLower(s.language) === language) {
      ofLanguage.push(index);
    }
  });
  const first = ofLanguage[0];
  if (first === undefined) {
    return "nothing";
  }
  let at = 1;
  for (let i = 0; i < 3 && /^[a-z]{3}$/.test(subtags[at] ?? ""); i += 1) {
    at += 1;
  }
  let script: string | undefined;
  if (/^[a-z]{4}$/.test(subtags[at] ?? "")) {
    script = subtags[at];
    at += 1;
  }
  const region = /^(?:[a-z]{2}|[0-9]{3})$/.test(subtags[at] ?? "") ? subtags[at] : undefined;
  const serving = (subtag: string | undefined, list: (s: (typeof SERVED)[number]) => readonly string[]): number | undefined =>
    subtag === undefined
      ? undefined
      : ofLanguage.find((index) => list(SERVED[index]!).some((w) => asciiLower(w) === subtag));
  return serving(script, (s) => s.scripts) ?? serving(region, (s) => s.regions) ?? first;
}

/** `text` without the spaces and tabs around it. */
function trimOws(text: string): string {
  const isOws = (at: number): boolean => text[at] === " " || text[at] === "\t";
  let start = 0;
  let end = text.length;
  while (start < end && isOws(start)) {
    start += 1;
  }
  while (end > start && isOws(end - 1)) {
    end -= 1;
  }
  return text.slice(start, end);
}
