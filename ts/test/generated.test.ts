/**
 * The generated modules from a page author's point of view: tables and vocabularies with
 * their facts, every rule kind's validator, and whole configs checked as Rust checks them.
 *
 * @module
 */

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ErrorCode,
  FieldError,
  Param,
  Platform,
  Region,
  api,
  isErrorCode,
  isRegion,
  validateConfig,
  validateElement,
  validateLanguage,
  validatePrefix,
  validateSlideStyleWidth,
  validateUserCertifyId,
  validateValues,
  validators,
  verify,
  type OpenErrorCode,
} from "../src/index.js";
import { image_source } from "../src/custom.js";
import { numberText, quoted } from "../src/runtime.js";

const VALID = {
  region: "cn",
  prefix: "no8xfe",
  SceneId: "didk33e0",
  mode: "popup",
  element: "#captcha-element",
  button: "#button",
};

test("a table is its keys, with facts and typed accessors", () => {
  assert.equal(ErrorCode.http_status("Throttling"), 429);
  assert.equal(ErrorCode.retry("Throttling"), "backoff");
  assert.equal(ErrorCode.from_code("Forbidden.AccountAccessDenied"), "Forbidden.AccountAccessDenied");
  assert.equal(ErrorCode.from_code("forbidden.accountaccessdenied"), undefined);
  assert.equal(ErrorCode.from_code("toString"), undefined, "never a prototype's property");
  assert.equal(ErrorCode.notes("Throttling"), undefined);
  assert.ok(!ErrorCode.platforms("IllegalUserTag").includes("wechat"));
  assert.equal(ErrorCode.ROWS.Throttling.description, "API rate limiting is triggered.");
  assert.equal(FieldError.field("general_type"), "General type verification");
  assert.deepEqual(Platform.ALL, ["web", "h5", "app", "wechat"]);
  for (const code of ErrorCode.ALL) {
    assert.equal(ErrorCode.from_code(code), code);
  }
  const fromServer: OpenErrorCode = "SomeCodeAddedLater";
  assert.equal(isErrorCode(fromServer), false);
});

test("every catalog is a namespace", () => {
  assert.equal(verify.VerifyCode.verdict("F008"), "fail");
  assert.equal(verify.VerifyCode.action("F008"), "retry-captcha");
  assert.equal(api.ApiError.http_status("MissingParameter"), 400);
});

test("one_of: the exact values, with a hint for near misses", () => {
  assert.ok(isRegion("sgp"));
  assert.equal(Region.label("cn"), "Chinese mainland");
  assert.equal(validateLanguage("en"), undefined);
  assert.equal(validateLanguage("zh-CN")?.hint, "cn", "an explicit hint");
  assert.equal(validateLanguage(" EN ")?.hint, "en", "trimmed, ignoring ASCII case");
  assert.equal(validateLanguage("\ufeffen")?.hint, undefined, "U+FEFF is not whitespace to Rust");
  assert.equal(validateLanguage("xx")?.hint, undefined);
});

test("text, id_selector, certify_id, number and custom rules", () => {
  const prefix = validatePrefix("No8xfe");
  assert.equal(prefix?.severity, "warning");
  assert.deepEqual(prefix?.raised, { table: "code", key: "IllegalUserTag" });
  assert.equal(validateElement("#a"), undefined);
  assert.equal(validateElement("#a\u3000b")?.kind, "brokenRule");
  assert.equal(validateElement("#a\ufeffb"), undefined, "Rust's whitespace, not JavaScript's");
  assert.equal(validateUserCertifyId("no8xfe_7G47iByes3", "no8xfe"), undefined);
  assert.equal(validateUserCertifyId("no8xfe_7G47iByes3", "other")?.kind, "brokenRule");
  assert.equal(validateUserCertifyId("any_7G47iByes3"), undefined, "any prefix without one");
  assert.equal(validateSlideStyleWidth(320), undefined);
  assert.equal(validateSlideStyleWidth(319.5)?.value, "319.5");
  assert.equal(validateSlideStyleWidth(Number.NaN)?.value, "NaN");
  const logo = validators.captchaLogoImg("logo.png");
  assert.equal(logo?.kind, "custom");
  assert.equal(logo?.kind === "custom" ? logo.reason : "", image_source("logo.png"));
});

test("validateValues reports missing required values in catalog order", () => {
  const problems = validateValues({ region: "cn" });
  assert.deepEqual(
    problems.map((problem) => [problem.kind, problem.param]),
    [["missing", "prefix"], ["missing", "SceneId"], ["missing", "mode"], ["missing", "element"], ["missing", "button"]],
  );
});

test("validateConfig: types, unknown keys, members nested or dotted, as Rust", () => {
  assert.equal(validateConfig(VALID).valid, true);
  const report = validateConfig({
    ...VALID,
    immediate: "false",
    zIndex: 1.5,
    slideStyle: { width: "360px", colour: "red" },
    success: "onSuccess",
    regoin: "cn",
  });
  assert.equal(report.valid, false);
  assert.deepEqual(
    report.problems.map((p) => ("param" in p ? [p.kind, p.param] : [p.kind, p.kind === "unknownKey" ? p.key : ""])),
    [
      ["wrongType", "immediate"],
      ["unknownKey", "regoin"],
      ["unknownKey", "slideStyle.colour"],
      ["wrongType", "slideStyle.width"],
      ["wrongType", "success"],
      ["wrongType", "zIndex"],
    ],
  );
  assert.ok(report.paramProblems.every((p) => p.raised.key === "general_type"));
  const dotted = validateConfig({ ...VALID, "slideStyle.width": 100 });
  assert.equal(dotted.paramProblems[0]?.param, "slideStyle.width");
  assert.equal(validateConfig({ ...VALID, success: () => undefined, language: undefined }).valid, true);
  const notObject = validateConfig([VALID]);
  assert.equal(notObject.problems[0]?.kind, "notAnObject");
  assert.equal(notObject.problems[0]?.message, "the config must be a JSON object, not array");
});

test("the facts of every parameter are the catalog's", () => {
  assert.equal(Param.ROWS.region.scope, "global");
  assert.equal(Param.ROWS["slideStyle.width"].parent, "slideStyle");
  assert.deepEqual(Param.TYPE_ERROR, { table: "field", key: "general_type" });
  assert.equal(Param.from_name("constructor"), undefined);
});

test("values are quoted and numbers written as Rust writes them", () => {
  assert.equal(quoted('a"b\\c\n\u0001\u0301é'), '"a\\"b\\\\c\\n\\u{1}\\u{301}é"');
  assert.equal(quoted("x".repeat(61)), `"${"x".repeat(60)}"…`);
  assert.equal(numberText(1e-7), "0.0000001");
  assert.equal(numberText(1e21), "1000000000000000000000");
  assert.equal(numberText(-0), "-0");
  assert.equal(numberText(Number.POSITIVE_INFINITY), "inf");
  assert.equal(numberText(320), "320");
});
