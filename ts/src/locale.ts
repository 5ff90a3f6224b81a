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
 * @module
 */

/** Every locale, English (the source) first, as Rust's `Locale::ALL` lists them. */
export const LOCALES = ["en", "zh-CN", "zh-TW"] as const;

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
