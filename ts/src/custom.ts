/**
 * Hand-written checks for the parameters whose rule is `custom` in a catalog, the
 * TypeScript twin of `captcha-errors/src/custom.rs`. Generation never writes this file:
 * each `rule = "custom"` param names a function here, and the generated validator calls
 * it, so a missing function is a compile error (`tsc`) naming it.
 *
 * Each function takes the value and returns `undefined` when it is accepted, or the reason
 * it is not, completing the sentence "`<param>` …". It must give the verdict and reason
 * its Rust twin gives; the differential test checks that on every value of its corpus.
 *
 * @module
 */

import { asciiLowercase, hasWhitespace } from "./checks.js";

const IMAGE_SOURCE_REASON =
  "must be an http(s) address or a base64 `data:image/...;base64,` URL, without whitespace";

/** `value` without `prefix` (compared ignoring ASCII case), or `undefined` if it does not start with it. */
function stripPrefixIgnoringCase(value: string, prefix: string): string | undefined {
  const head = value.slice(0, prefix.length);
  return asciiLowercase(head) === asciiLowercase(prefix) ? value.slice(prefix.length) : undefined;
}

/** Whether `data` is the media type and data of a base64 image data URL. */
function isImageData(rest: string): boolean {
  const separator = rest.indexOf(";base64,");
  if (separator < 0) {
    return false;
  }
  const media = rest.slice(0, separator);
  const data = rest.slice(separator + ";base64,".length);
  return /^[A-Za-z0-9+.-]+$/.test(media) && /^[A-Za-z0-9+/=]+$/.test(data);
}

/**
 * `captchaLogoImg`: an image address or a base64 image data URL. Checks the shape only;
 * whether the image loads can only be seen in the page.
 */
export function image_source(value: string): string | undefined {
  if (value.length === 0 || hasWhitespace(value)) {
    return IMAGE_SOURCE_REASON;
  }
  const data = stripPrefixIgnoringCase(value, "data:image/");
  if (data !== undefined) {
    return isImageData(data) ? undefined : IMAGE_SOURCE_REASON;
  }
  const rest =
    stripPrefixIgnoringCase(value, "https://") ??
    stripPrefixIgnoringCase(value, "http://") ??
    (value.startsWith("//") ? value.slice(2) : undefined);
  if (rest === undefined) {
    return IMAGE_SOURCE_REASON;
  }
  const host = rest.split(/[/?#]/)[0] ?? "";
  return host.length > 0 ? undefined : IMAGE_SOURCE_REASON;
}
