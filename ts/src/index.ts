/**
 * The browser side of captcha-errors, generated from the same catalogs as the Rust crate:
 * every table and vocabulary, the page's config types, and validators that report the
 * same problems as Rust's `InitConfig::validate` and `json::validate_json`.
 *
 * The init catalog's names are at the root, as in the Rust crate; every catalog is also
 * a namespace (`init`, `verify`, `api`).
 *
 * ```ts
 * import { validateConfig, type AliyunCaptchaConfig, type InitAliyunCaptchaOptions } from "captcha-errors";
 * ```
 *
 * @module
 */

import type { GlobalParams, InitParams } from "./generated/init.js";

export * from "./generated/init.js";
export * from "./generated/index.js";
export { OTHER_LABEL } from "./runtime.js";
export { LOCALES, isLocale, negotiate, negotiateFromList, textIn, type Locale, type LocaleTable } from "./locale.js";
export type {
  JsonType,
  NotAnObjectProblem,
  ParamFacts,
  RaisedRow,
  Severity,
  UnknownKeyProblem,
} from "./runtime.js";

/**
 * `window.AliyunCaptchaConfig`: the globals a page sets before the Captcha SDK loads
 * (`region`, `prefix`), typed and documented from the init catalog.
 */
export type AliyunCaptchaConfig = GlobalParams;

/**
 * The options object of `initAliyunCaptcha({...})`, callbacks included, typed and
 * documented from the init catalog.
 */
export type InitAliyunCaptchaOptions = InitParams;
