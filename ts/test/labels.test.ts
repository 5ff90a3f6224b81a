/**
 * Metric labels (and OpenTelemetry's `error.type`) from a page author's point of view: for
 * every table of every catalog, `metricLabel` is the key itself or `OTHER_LABEL`, never an
 * unknown text; `METRIC_LABELS` is every key in catalog order, then `OTHER_LABEL`, each
 * once; and each table's docs page ends its list of labels with the same word.
 *
 * @module
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { ErrorCode, FieldError, OTHER_LABEL, api, endpoints, verify } from "../src/index.js";
import * as generated from "../src/generated/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** What every table's const object has for its labels. */
interface Labelled {
  readonly ALL: readonly string[];
  readonly METRIC_LABELS: readonly string[];
  metricLabel(value: string): string;
}

/** Every table of every catalog, by catalog module and type name: each object with `METRIC_LABELS`. */
function tables(): [string, string, Labelled][] {
  const found: [string, string, Labelled][] = [];
  for (const [module, exports] of Object.entries(generated)) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "object" && value !== null && "METRIC_LABELS" in value) {
        found.push([module, name, value as unknown as Labelled]);
      }
    }
  }
  return found;
}

const UNKNOWN = ["anything unknown", "Throttling.User", "throttling", "F099", "T001 ", "", "_other", "toString", "__proto__"];

test("the issue's examples hold", () => {
  assert.equal(OTHER_LABEL, "_OTHER");
  assert.equal(api.ApiError.metricLabel("Throttling"), "Throttling");
  assert.equal(verify.VerifyCode.metricLabel("F008"), "F008");
  assert.equal(api.ApiError.metricLabel("anything unknown"), OTHER_LABEL);
  assert.equal(ErrorCode.METRIC_LABELS.at(-1), OTHER_LABEL);
  // Typed: a label is a key or `"_OTHER"`.
  const label: ErrorCode | "_OTHER" = ErrorCode.metricLabel("IllegalScene");
  assert.equal(label, "IllegalScene");
});

test("every table labels its keys by themselves and anything else OTHER_LABEL", () => {
  const found = tables();
  assert.deepEqual(
    found.map(([module, name]) => `${module}.${name}`).sort(),
    ["api.ApiError", "endpoints.Endpoint", "init.ErrorCode", "init.FieldError", "verify.UserMessage", "verify.VerifyCode"],
  );
  for (const [module, name, table] of found) {
    const what = `${module}.${name}`;
    assert.deepEqual(table.METRIC_LABELS, [...table.ALL, OTHER_LABEL], what);
    assert.equal(new Set(table.METRIC_LABELS).size, table.METRIC_LABELS.length, `${what}: a label twice`);
    assert.ok(Object.isFrozen(table.METRIC_LABELS), `${what}: METRIC_LABELS can be changed`);
    for (const key of table.ALL) {
      assert.equal(table.metricLabel(key), key, what);
    }
    for (const text of UNKNOWN) {
      assert.equal(table.metricLabel(text), OTHER_LABEL, `${what}: ${JSON.stringify(text)}`);
    }
    for (let i = 0; i < 500; i++) {
      const text = String.fromCharCode(...Array.from({ length: i % 12 }, () => Math.floor(Math.random() * 0x3000)));
      assert.ok(table.METRIC_LABELS.includes(table.metricLabel(text)), `${what}: ${JSON.stringify(text)}`);
    }
  }
  assert.equal(FieldError.metricLabel("region"), "region");
  assert.equal(endpoints.Endpoint.metricLabel("captcha.cn-shanghai.aliyuncs.com"), "captcha.cn-shanghai.aliyuncs.com");
});

test("each table's docs page lists the same labels, OTHER_LABEL last", () => {
  for (const [module, name, table] of tables()) {
    const page = readFileSync(resolve(ROOT, `docs/${module}.md`), "utf8");
    const start = `Metric labels (\`error.type\`, \`${name}::METRIC_LABELS\`): `;
    const line = page.split("\n").find((l) => l.startsWith(start));
    assert.ok(line !== undefined, `docs/${module}.md lists no labels of ${name}`);
    const spans = line.slice(start.length).split("`").filter((_, i) => i % 2 === 1);
    assert.deepEqual(spans, table.METRIC_LABELS, `docs/${module}.md: ${name}`);
  }
});
