/**
 * Types for the Captcha SDK's globals, for a page that loads the SDK with a script tag:
 * `import "captcha-errors/globals";` once, and `window.AliyunCaptchaConfig` and
 * `initAliyunCaptcha({...})` are typed from the init catalog.
 *
 * @module
 */

import type { AliyunCaptchaConfig, InitAliyunCaptchaOptions } from "./index.js";

declare global {
  interface Window {
    /** The globals the SDK reads when it loads. */
    AliyunCaptchaConfig?: AliyunCaptchaConfig;
    /** Set by the SDK: renders a captcha with these options. */
    initAliyunCaptcha?: (options: InitAliyunCaptchaOptions) => void;
  }
}

export {};
