/**
 * `negotiate` and `negotiateFromList`: the rules of Rust's `Locale::negotiate` (weights,
 * ranges, script then region then language, exclusion, `*`, the bounds) and every header of
 * `captcha-errors/tests/data/accept-language.tsv`, read from the checkout. The
 * differential test (`npm run differential`) holds the answers to Rust's on thousands more.
 *
 * @module
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { LOCALES, negotiate, negotiateFromList, type Locale } from "../src/index.js";
import { SERVED } from "../src/generated/served.js";

/** The checkout: this file runs as `ts/dist/test/negotiate.test.js`. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

function assertPicks(cases: readonly (readonly [string, Locale])[]): void {
  for (const [header, expected] of cases) {
    assert.equal(negotiate(header), expected, JSON.stringify(header));
  }
}

test("the served facts are the locales of LOCALES, in their order", () => {
  assert.deepEqual(
    SERVED.map((s) => s.tag),
    [...LOCALES],
  );
  assert.deepEqual(SERVED[2], { tag: "zh-TW", language: "zh", scripts: ["Hant"], regions: ["TW", "HK", "MO"] });
});

test("no header, an empty one or garbage is English", () => {
  assertPicks([
    ["", "en"],
    [" \t ", "en"],
    [",,, ,", "en"],
    ["garbage!", "en"],
    ["zh_TW", "en"],
    [";q=0.5", "en"],
    ["fr-FR, de;q=0.9, ja;q=0.8", "en"],
  ]);
});

test("the script decides, then the region, then the first locale of the language", () => {
  assertPicks([
    ["zh-Hant-TW", "zh-TW"],
    ["zh-Hant", "zh-TW"],
    ["zh-TW", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["zh-MO", "zh-TW"],
    ["zh-yue-HK", "zh-TW"],
    ["zh-Hant-CN", "zh-TW"],
    ["zh", "zh-CN"],
    ["zh-SG", "zh-CN"],
    ["zh-MY", "zh-CN"],
    ["zh-Hans-TW", "zh-CN"],
    ["zh-cmn-Hans-CN", "zh-CN"],
    ["zh-Latn", "zh-CN"],
    ["zh-yue", "zh-CN"],
    ["zh-Latn-TW", "zh-TW"],
    ["zh-aaa-bbb-ccc-Hant", "zh-TW"],
    ["zh-aaa-bbb-ccc-ddd-Hant", "zh-CN"],
    ["zh-x-tw", "zh-CN"],
    ["zh-pinyin-TW", "zh-CN"],
    ["ZH-hant-tw", "zh-TW"],
    ["en-US", "en"],
    ["en-419", "en"],
  ]);
});

test("weights: the highest wins, the earlier between equals, and 0 excludes", () => {
  assertPicks([
    ["en;q=0.5, zh-TW;q=0.6", "zh-TW"],
    ["zh-TW;q=0.5, zh-CN;q=0.5", "zh-TW"],
    ["zh-CN;q=0.5, zh-TW;q=0.5", "zh-CN"],
    ["en;Q=0.1, zh-TW", "zh-TW"],
    ["zh-TW;q=1.000, en", "zh-TW"],
    ["en;q=0., zh-TW;q=0.001", "zh-TW"],
    ["zh-TW;q=0, zh-HK", "en"],
    ["zh-TW;q=0, zh;q=0.5", "zh-CN"],
    ["zh-TW;q=0.7, zh-TW;q=0", "en"],
    ["*", "en"],
    ["en;q=0, *", "zh-CN"],
    ["en;q=0, zh-CN;q=0, *", "zh-TW"],
    ["*;q=0, zh-TW;q=0.1", "zh-TW"],
    ["*;q=0", "en"],
    ["fr, *;q=0.5, zh-TW;q=0.4", "en"],
  ]);
  for (const bad of ["q=2", "q=.5", "q=0.5000", "q=1.0001", "q=-1", "q=abc", "q", "q=0.5;q=0.6", "q=1.001"]) {
    assert.equal(negotiate(`zh-CN;${bad}, zh-TW;q=0.4`), "zh-TW", bad);
  }
  assertPicks([
    ["zh-TW;level=1, en;q=0.9", "zh-TW"],
    ["en;q=0.5, zh-TW;;q=0.9;", "zh-TW"],
    ["en ; q=0.5 ,\tzh-TW\t;\tq=0.9", "zh-TW"],
    ["en;q = 0.5, zh-TW;q= 0.6", "zh-TW"],
    ["en;q=0.5, zh-TW\n", "en"],
  ]);
});

test("a malformed range drops only its entry", () => {
  for (const bad of ["zh_TW", "zh-", "-zh", "zh--TW", "zh-*", "*-TW", "**", "1zh", "abcdefghi", "zh TW", "zh-ТW", "中文", "\"zh-TW\"", "ｚｈ-TW", "zh-\u212aK"]) {
    assert.equal(negotiate(`${bad}, en;q=0.5`), "en", bad);
    assert.equal(negotiate(`en;q=0.1, ${bad}, zh-TW;q=0.2`), "zh-TW", bad);
    assert.equal(negotiate(`${bad};q=0, zh-TW`), "zh-TW", bad);
  }
  assert.equal(negotiate("zh-abcdefgh-TW"), "zh-CN");
  assert.equal(negotiate("zh-TW-abcdefghi, en;q=0.1"), "en");
});

test("only the first 64 entries and 4096 bytes are read", () => {
  const filler = (n: number): string => Array.from({ length: n }, (_, i) => `x${i};q=0.9`).join(",");
  assert.equal(negotiate(`${filler(63)},zh-TW;q=0.1`), "zh-TW");
  assert.equal(negotiate(`${filler(64)},zh-TW;q=0.1`), "en");
  assert.equal(negotiate(`${Array(64).fill("x_").join(",")},zh-TW`), "en");
  assert.equal(negotiate(`${",".repeat(200)}zh-TW`), "zh-TW");
  const endingAtLimit = `${" ".repeat(4096 - "zh-TW".length - 1)},zh-TW`;
  assert.equal(new TextEncoder().encode(endingAtLimit).length, 4096);
  assert.equal(negotiate(endingAtLimit), "zh-TW");
  assert.equal(negotiate(`${endingAtLimit},en`), "zh-TW");
  assert.equal(negotiate(`${endingAtLimit} `), "en");
  assert.equal(negotiate(`${endingAtLimit} , zh-HK`), "en");
  // Bytes, not characters: 中 is three bytes of UTF-8.
  const wide = `${"中".repeat(1364)},zh-TW`;
  assert.equal(new TextEncoder().encode(wide).length, 4098);
  assert.equal(negotiate(`en;q=0.1,${wide}`), "en");
  assert.equal(negotiate(`zh-HK;q=0.5,${"中".repeat(2000)}`), "zh-TW");
  const huge = "zh-TW;q=0.5, fr;q=0.1, ".repeat(50_000);
  assert.equal(negotiate(huge), "zh-TW");
  assert.equal(negotiate("zh".repeat(1 << 19)), "en");
  assert.equal(negotiate("\ud800zh-TW, zh-HK;q=0.5"), "zh-TW");
});

test("every header of accept-language.tsv chooses the locale the table expects", () => {
  const table = readFileSync(resolve(ROOT, "captcha-errors/tests/data/accept-language.tsv"), "utf8");
  let checked = 0;
  table.split("\n").forEach((line, index) => {
    if (line.startsWith("#") || line.trim().length === 0) {
      return;
    }
    const [header, expected, source] = line.split("\t");
    assert.ok(header !== undefined && expected !== undefined && source !== undefined, `line ${index + 1}: ${line}`);
    assert.ok((LOCALES as readonly string[]).includes(expected), `line ${index + 1}: ${expected}`);
    assert.equal(negotiate(header), expected, `line ${index + 1} (${source}): ${JSON.stringify(header)}`);
    checked += 1;
  });
  assert.ok(checked >= 30, `only ${checked} headers`);
});

test("negotiateFromList reads the list in descending preference", () => {
  const cases: readonly (readonly [readonly string[], Locale])[] = [
    [[], "en"],
    [["zh-HK", "en-US"], "zh-TW"],
    [["en-US", "zh-TW"], "en"],
    [["fr", "zh-Hans-TW", "zh-TW"], "zh-CN"],
    [["fr", " zh-TW\t"], "zh-TW"],
    [["zh_TW", "zh-TW;q=0", "zh-TW, en", "zh-SG"], "zh-CN"],
    [["*", "zh-TW"], "en"],
    [["de", "ja"], "en"],
    [[...Array<string>(64).fill("fr"), "zh-TW"], "en"],
    [[...Array<string>(63).fill("fr"), "zh-TW"], "zh-TW"],
    [["z".repeat(4097), "zh-TW"], "zh-TW"],
  ];
  for (const [list, expected] of cases) {
    assert.equal(negotiateFromList(list), expected, JSON.stringify(list));
  }
  // The same as the header that joins the tags with decreasing weights.
  const tags = ["*", "zh", "zh-TW", "zh-HK", "zh-Hans-TW", "zh-yue-HK", "en-US", "fr", "ja", "zh-SG", "zh-Hant"];
  let seed = 7;
  for (let n = 0; n < 2000; n += 1) {
    const list = Array.from({ length: n % 6 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return tags[seed % tags.length]!;
    });
    const header = list.map((tag, i) => `${tag};q=${((1000 - i) / 1000).toFixed(3)}`).join(", ");
    assert.equal(negotiateFromList(list), negotiate(header), JSON.stringify(list));
  }
});
