/**
 * The generated locale modules (`locales/<tag>/<catalog>`): every catalog with translatable
 * columns has one per locale besides English, with every row of every translated table and
 * every translatable text of it, non-empty; each text is the catalog's own in that locale
 * (read from the TOML with taplo, not through the generator), or the English one where the
 * catalog has none, so the texts differ between locales exactly where the catalog's do.
 *
 * @module
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import * as generated from "../src/generated/index.js";
import { LOCALES, isLocale, textIn, type Locale, type LocaleTable } from "../src/index.js";
import { Action, UserMessage } from "../src/generated/verify.js";
import { Language } from "../src/generated/init.js";
import * as zhCNVerify from "../src/generated/locales/zh-CN/verify.js";

const TS = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CATALOGS = resolve(TS, "../catalog");
const TAPLO = resolve(TS, "node_modules/@taplo/cli/dist/cli.js");
const LOCALE_DIR = resolve(TS, "dist/src/generated/locales");

type Json = { readonly [key: string]: unknown };

interface CatalogToml {
  readonly catalog: { readonly module: string; readonly name: string; readonly locales?: readonly string[]; readonly name_in?: Json };
  readonly table?: {
    readonly [name: string]: {
      readonly type: string;
      readonly key: string;
      readonly noun: string;
      readonly noun_in?: Json;
      readonly columns: readonly { readonly name: string; readonly title?: string; readonly title_in?: Json; readonly translatable?: boolean }[];
    };
  };
  readonly [rows: string]: unknown;
}

/** Every catalog of the checkout, as taplo reads it. */
function catalogs(): CatalogToml[] {
  return readdirSync(CATALOGS)
    .filter((name) => name.endsWith(".toml"))
    .map((name) => {
      const run = spawnSync(process.execPath, [TAPLO, "get", "-f", name, "-o", "json"], { cwd: CATALOGS, encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as CatalogToml;
    });
}

type Module = { readonly [name: string]: unknown };

/** A locale's index, `locales/<tag>/index.js`, by dynamic import. */
async function localeIndex(locale: Locale): Promise<{ readonly [module: string]: Module }> {
  return (await import(`../src/generated/locales/${locale}/index.js`)) as { readonly [module: string]: Module };
}

test("the locales are Rust's, English first, and each other one has its folder of modules", () => {
  assert.deepEqual([...LOCALES], ["en", "zh-CN", "zh-TW"]);
  assert.ok(isLocale("zh-TW") && !isLocale("zh-tw") && !isLocale("fr"));
  assert.deepEqual(readdirSync(LOCALE_DIR).sort(), LOCALES.filter((l) => l !== "en").sort());
});

test("every translatable text of every row is the catalog's own in each locale, and differs where the catalog's does", async () => {
  let checked = 0;
  let differing = 0;
  for (const toml of catalogs()) {
    const locales = (toml.catalog.locales ?? []).filter((l) => l !== "en");
    const tables = Object.entries(toml.table ?? {}).filter(([, t]) => t.columns.some((c) => c.translatable === true));
    if (tables.length === 0) {
      continue;
    }
    assert.deepEqual(locales, ["zh-CN", "zh-TW"], toml.catalog.module);
    const main = (generated as unknown as { readonly [module: string]: Module })[toml.catalog.module];
    assert.ok(main !== undefined, toml.catalog.module);
    for (const [name, table] of tables) {
      const texts = table.columns.filter((c) => c.translatable === true).map((c) => c.name);
      const rows = toml[name] as readonly Json[];
      const english: { readonly [key: string]: Json } = (main[table.type] as { readonly ROWS: { readonly [key: string]: Json } }).ROWS;
      assert.deepEqual(Object.keys(english), rows.map((row) => row[table.key]), `${table.type}: the main module's keys`);
      for (const row of rows) {
        const key = row[table.key] as string;
        for (const column of texts) {
          const inCatalog = (locale: string): unknown =>
            locale === "en" ? row[column] : ((row[locale] as Json | undefined)?.[column] ?? row[column]);
          const seen = new Map<string, unknown>([["en", english[key]?.[column]]]);
          for (const locale of locales) {
            const module = (await localeIndex(locale as Locale))[toml.catalog.module];
            const localeTable = module?.[table.type] as LocaleTable<string, string, string> | undefined;
            assert.ok(localeTable !== undefined, `${locale}/${toml.catalog.module}: no ${table.type}`);
            seen.set(locale, localeTable.ROWS[key]?.[column]);
          }
          for (const [locale, text] of seen) {
            const where = `${locale} ${table.type}.${key}.${column}`;
            assert.equal(text, inCatalog(locale), where);
            if (row[column] !== undefined) {
              assert.ok(typeof text === "string" && text.trim().length > 0, `${where} is empty`);
            }
            checked += 1;
          }
          for (const a of ["en", ...locales]) {
            for (const b of ["en", ...locales]) {
              if (a < b && inCatalog(a) !== inCatalog(b)) {
                assert.notEqual(seen.get(a), seen.get(b), `${table.type}.${key}.${column}: ${a} and ${b}`);
                differing += 1;
              }
            }
          }
        }
      }
      for (const locale of locales) {
        const module = (await localeIndex(locale as Locale))[toml.catalog.module] ?? {};
        const localeTable = module[table.type] as LocaleTable<string, string, string>;
        assert.deepEqual(Object.keys(localeTable.ROWS), rows.map((row) => row[table.key]), `${locale} ${table.type}: every key, in order`);
        assert.equal(localeTable.NOUN, table.noun_in?.[locale] ?? table.noun, `${locale} ${table.type}: noun`);
        assert.deepEqual(Object.keys(localeTable.TITLES), table.columns.map((c) => c.name), `${locale} ${table.type}: titles`);
        for (const column of table.columns) {
          const title = localeTable.TITLES[column.name];
          assert.ok(title !== undefined && title.length > 0, `${locale} ${table.type}.${column.name}: title`);
          if (column.title_in?.[locale] !== undefined) {
            assert.equal(title, column.title_in[locale], `${locale} ${table.type}.${column.name}: title`);
          }
        }
        assert.equal(module["LOCALE"], locale);
        assert.equal(module["CATALOG_NAME"], toml.catalog.name_in?.[locale] ?? toml.catalog.name);
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} texts checked`);
  assert.ok(differing > checked / 3, `only ${differing} texts differ between locales`);
});

test("a locale module is typed by the main module's keys, and textIn falls back to English", () => {
  const meaning: string = zhCNVerify.VerifyCode.ROWS.F001.meaning;
  assert.notEqual(meaning, "");
  assert.equal(textIn(zhCNVerify.VerifyCode, "F001", "meaning", "English"), meaning);
  assert.equal(textIn(undefined, "F001", "meaning", "English"), "English");
});

test("a word leads to its user message, and a language value to its locale, as the catalogs pair them", () => {
  assert.equal(Action.userMessageOf("proceed"), undefined);
  for (const word of Action.ALL) {
    const message = Action.userMessageOf(word);
    assert.ok(message === undefined || UserMessage.ALL.includes(message), word);
  }
  assert.equal(Language.locale("cn"), "zh-CN");
  assert.equal(Language.locale("tw"), "zh-TW");
  assert.equal(Language.locale("fr"), undefined);
  for (const locale of LOCALES) {
    const value = Language.fromLocale(locale);
    assert.ok(value !== undefined, locale);
    assert.equal(Language.locale(value), locale);
  }
});
