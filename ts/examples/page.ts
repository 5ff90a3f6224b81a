import assert from "node:assert/strict";

import { validateConfig, type AliyunCaptchaConfig, type InitAliyunCaptchaOptions } from "captcha-errors";

// The page's own objects, typed from the catalog: a misspelt option, or `mode: "popout"`,
// is a compile error, and every field's documentation shows in the editor.
const globals: AliyunCaptchaConfig = { region: "cn", prefix: "no8xfe" };
const options: InitAliyunCaptchaOptions = {
  SceneId: "didk33e0",
  mode: "popup",
  element: "#captcha-element",
  button: "#button",
  success: (captchaVerifyParam: string) => console.log(captchaVerifyParam),
};
assert.equal(validateConfig({ ...globals, ...options }).valid, true);

// A config that arrives at run time (from a server, a CMS, a query string) gets the same
// problems as Rust's `json::validate_json`: every one, each mapped to its vendor row.
const report = validateConfig({
  region: "zh", // should be `cn`
  prefix: "no8xfe",
  SceneId: "didk33e0",
  mode: "popout", // should be `popup`
  element: "captcha-element", // an ID selector needs `#`
  button: "#button",
  UserCertifyId: "no8xfe_tooShort", // needs 10 letters or digits after `_`
});
assert.equal(report.problems.filter((problem) => problem.severity === "error").length, 4);
const [first] = report.paramProblems;
assert.deepEqual(first?.raised, { table: "field", key: "region" });
assert.equal(first?.hint, "cn");
assert.equal(first?.message, '`region` must be one of `cn`, `sgp`, not "zh"; did you mean `cn`?');
assert.deepEqual(report.paramProblems[3]?.raised, { table: "code", key: "IllegalCertifyId" });

// A string "false" where a boolean belongs raises General type verification, as in Rust.
const typed = validateConfig({ ...globals, ...options, immediate: "false" });
assert.deepEqual(typed.paramProblems[0]?.raised, { table: "field", key: "general_type" });
