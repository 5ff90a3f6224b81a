// @ts-check
/**
 * The login page of the captcha-service example.
 *
 * 1. Fetches the captcha config from `GET /captcha/config` (`{ globals, options }`) and checks
 *    it, callbacks included, with the TS package's `validateConfig`, the same check the
 *    service ran in Rust when it started; problems are listed in the page, and the captcha is
 *    not shown while one is an error.
 * 2. Sets `window.AliyunCaptchaConfig = globals`, loads the captcha script (the stand-in:
 *    Alibaba's cannot load offline) and calls `initAliyunCaptcha({ ...options, success,
 *    fail, getInstance, onError })` as Alibaba's web integration does.
 * 3. `success(captchaVerifyParam)` posts `{ username, captchaVerifyParam }` to `/login` and
 *    shows the answer: a pass; a refusal a person can act on (solve a fresh captcha, start
 *    again, wait); or an opaque refusal, shown with its correlation id to quote. The page reads
 *    only a problem's `type`, `title`, `detail` and `correlationId`: it never shows a
 *    VerifyCode.
 *
 * The page speaks the reader's language without a copy of the catalog: a refusal's `title`
 * and `detail` are the service's, already in the language `Accept-Language` asked for, and
 * the few words the page writes itself come from `words.js`, picked by the `Content-Language`
 * the service answers with (the config's, then each refusal's), which also becomes
 * `<html lang>` and, when the config sets a `language`, the widget's (`Language.fromLocale`).
 * Everything is shown as text (`textContent`), never as markup.
 *
 * @module
 */

import { ErrorCode, LOCALES, Language, isErrorCode, validateConfig } from "captcha-errors";

import { WORDS } from "./words.js";

/** @typedef {import("captcha-errors").AliyunCaptchaConfig} AliyunCaptchaConfig */
/** @typedef {import("captcha-errors").InitAliyunCaptchaOptions} InitAliyunCaptchaOptions */
/** @typedef {import("captcha-errors").Severity} Severity */
/** @typedef {import("captcha-errors").Locale} Locale */
/** @typedef {import("./words.js").Words} Words */

/**
 * What `GET /captcha/config` answers.
 * @typedef {{ globals: AliyunCaptchaConfig, options: InitAliyunCaptchaOptions }} CaptchaConfig
 */

/**
 * The captcha instance `getInstance` receives (the methods this page uses).
 * @typedef {{ show(): void, hide(): void, refresh(): void }} CaptchaInstance
 */

/**
 * The members of an `application/problem+json` refusal the page reads; nothing is trusted
 * to be there.
 * @typedef {{ type?: unknown, title?: unknown, detail?: unknown, correlationId?: unknown }} Problem
 */

/**
 * The captcha script. Alibaba's cannot load offline, so this example loads its stand-in; a
 * real page loads Alibaba's AliyunCaptcha.js here (the address is in Alibaba's web
 * integration guide).
 */
const CAPTCHA_SCRIPT = "/page/standin-widget.js";

/** The `type` of the service's problems, before the name of the refusal. */
const PROBLEM_TYPE = "urn:captcha-verify:problem:";

/**
 * The element with this id.
 * @template {HTMLElement} E
 * @param {string} id
 * @param {new () => E} type
 * @returns {E}
 */
function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`the page has no ${type.name} #${id}`);
  }
  return element;
}

const form = byId("login-form", HTMLFormElement);
const username = byId("username", HTMLInputElement);
const loginButton = byId("login-button", HTMLButtonElement);
const result = byId("result", HTMLDivElement);

/** @type {CaptchaInstance | undefined} */
let captcha;

/**
 * The locale a `Content-Language` value names, if it is one the service writes in.
 * @param {string | null} header
 * @returns {Locale | undefined}
 */
function localeOf(header) {
  const tag = (header ?? "").trim().toLowerCase();
  return LOCALES.find((locale) => locale.toLowerCase() === tag);
}

/**
 * The page's language: the last one the service answered in (`<html lang>`), else English.
 * @returns {Locale}
 */
function pageLocale() {
  return localeOf(document.documentElement.lang) ?? "en";
}

/**
 * The page's own words in its language.
 * @returns {Words}
 */
function words() {
  return WORDS[pageLocale()];
}

/**
 * Takes the language an answer says it is written in, if it says one: `<html lang>`, the
 * title and the form's words follow it. Each element marked `data-words="KEY"` gets the
 * text of that key (`data-words-label`: its `aria-label`).
 * @param {Response} response
 */
function speakAs(response) {
  const locale = localeOf(response.headers.get("Content-Language"));
  if (locale === undefined || locale === document.documentElement.lang) {
    return;
  }
  document.documentElement.lang = locale;
  const table = WORDS[locale];
  document.title = table.pageTitle;
  /** @type {(key: string | undefined) => string | undefined} */
  const text = (key) => {
    const value = key !== undefined && Object.hasOwn(table, key) ? table[/** @type {keyof Words} */ (key)] : undefined;
    return typeof value === "string" ? value : undefined;
  };
  for (const element of document.querySelectorAll("[data-words]")) {
    const value = text(element instanceof HTMLElement ? element.dataset.words : undefined);
    if (value !== undefined) {
      element.textContent = value;
    }
  }
  for (const element of document.querySelectorAll("[data-words-label]")) {
    const value = text(element instanceof HTMLElement ? element.dataset.wordsLabel : undefined);
    if (value !== undefined) {
      element.setAttribute("aria-label", value);
    }
  }
}

// The captcha script opens the captcha on a click of the button; Enter in a field clicks
// it too. The form itself is never submitted: `success` posts the login.
form.addEventListener("submit", (event) => event.preventDefault());

/**
 * Replaces the result area's content.
 * @param {string} outcome the `data-outcome` of the result area, for tests and styles
 * @param {string} title one line for the person in front of the page
 * @param {...Node} more what else to show
 */
function showResult(outcome, title, ...more) {
  result.dataset.outcome = outcome;
  const heading = document.createElement("p");
  heading.className = "result-title";
  heading.id = "result-title";
  heading.textContent = title;
  result.replaceChildren(heading, ...more);
}

/**
 * A paragraph holding text and nodes.
 * @param {...(string | Node)} parts
 */
function paragraph(...parts) {
  const node = document.createElement("p");
  node.append(...parts);
  return node;
}

/**
 * Lists the config's problems; shows the list only when there is one.
 * @param {{ severity: Severity, message: string }[]} problems
 */
function showConfigProblems(problems) {
  const box = byId("config-problems", HTMLDivElement);
  const list = byId("config-problem-list", HTMLUListElement);
  list.replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement("li");
      item.className = problem.severity;
      item.textContent = `${problem.severity}: ${problem.message}`;
      return item;
    }),
  );
  box.hidden = problems.length === 0;
}

/**
 * Checks the config as the page will pass it: every problem `validateConfig` finds, and an
 * `element` or `button` that names no element of this page (which only the page can check).
 * @param {AliyunCaptchaConfig} globals
 * @param {InitAliyunCaptchaOptions} options
 * @returns {{ severity: Severity, message: string }[]}
 */
function configProblems(globals, options) {
  const problems = validateConfig({ ...globals, ...options }).problems.map((problem) => ({
    severity: problem.severity,
    message: problem.message,
  }));
  for (const key of /** @type {const} */ (["element", "button"])) {
    const selector = options[key];
    if (typeof selector !== "string") {
      continue;
    }
    let found = null;
    try {
      found = document.querySelector(selector);
    } catch {
      // Not a selector at all: validateConfig has said so.
      continue;
    }
    if (found === null) {
      problems.push({ severity: "error", message: `\`${key}\` is ${selector}, which this page does not have` });
    }
  }
  return problems;
}

/**
 * Loads a classic script, as the script tag of Alibaba's integration does.
 * @param {string} src
 * @returns {Promise<void>}
 */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.appendChild(script);
  });
}

/**
 * Seconds to wait, from a `Retry-After` header (seconds or an HTTP date).
 * @param {string | null} header
 * @returns {number | undefined}
 */
function retryAfterSeconds(header) {
  if (header === null) {
    return undefined;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim());
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Offers a fresh captcha: a captchaVerifyParam can be verified once only. */
function freshCaptcha() {
  captcha?.refresh();
  loginButton.disabled = false;
}

/**
 * Shows a refusal in the language the service wrote it in: its `title`, its `detail` (what
 * to do next), and what the page offers for it (a fresh captcha, a button to start again, the
 * time to wait, or, for an opaque refusal, the reference to quote).
 * @param {Response} response
 * @param {Problem} problem
 */
function showRefusal(response, problem) {
  speakAs(response);
  const own = words();
  const title = typeof problem.title === "string" && problem.title !== "" ? problem.title : own.unexpected;
  const name = typeof problem.type === "string" && problem.type.startsWith(PROBLEM_TYPE)
    ? problem.type.slice(PROBLEM_TYPE.length)
    : "";
  /** @type {Node[]} */
  const detail = [];
  if (typeof problem.detail === "string" && problem.detail !== "") {
    const node = paragraph(problem.detail);
    node.id = "result-detail";
    detail.push(node);
  }
  switch (name) {
    case "solve-again":
    case "captcha-missing": {
      freshCaptcha();
      showResult("solve-again", title, ...detail);
      captcha?.show();
      return;
    }
    case "start-over": {
      const reload = document.createElement("button");
      reload.type = "button";
      reload.id = "start-over";
      reload.textContent = own.startAgain;
      reload.addEventListener("click", () => window.location.reload());
      showResult("start-over", title, ...detail, paragraph(reload));
      return;
    }
    case "too-many-attempts": {
      const seconds = retryAfterSeconds(response.headers.get("Retry-After")) ?? 60;
      const countdown = paragraph(own.retryIn(seconds));
      countdown.id = "retry-countdown";
      showResult("too-many-attempts", title, ...detail, countdown);
      setTimeout(freshCaptcha, seconds * 1000);
      return;
    }
    default: {
      // An opaque refusal says nothing more on purpose; its reference finds the log line.
      freshCaptcha();
      const reference = document.createElement("code");
      reference.id = "correlation-id";
      reference.textContent = typeof problem.correlationId === "string" ? problem.correlationId : "none";
      showResult("refused", title, ...detail, paragraph(own.quoteReference, reference));
    }
  }
}

/**
 * `success`: posts the login with the captcha's parameter and shows the answer.
 * @param {string} captchaVerifyParam
 */
async function login(captchaVerifyParam) {
  const name = username.value.trim();
  if (name === "") {
    freshCaptcha();
    showResult("incomplete", words().enterUsername);
    username.focus();
    return;
  }
  loginButton.disabled = true;
  showResult("pending", words().signingIn);
  /** @type {Response} */
  let response;
  /** @type {unknown} */
  let body;
  try {
    response = await fetch("/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json, application/problem+json" },
      body: JSON.stringify({ username: name, captchaVerifyParam }),
    });
    body = await response.json().catch(() => undefined);
  } catch {
    freshCaptcha();
    showResult("error", words().notSent);
    return;
  }
  if (response.ok && typeof body === "object" && body !== null && "ok" in body && body.ok === true) {
    const who = "username" in body && typeof body.username === "string" ? body.username : name;
    showResult("pass", words().signedIn(who), paragraph(words().verified));
    return;
  }
  const isProblem = (response.headers.get("Content-Type") ?? "").startsWith("application/problem+json");
  if (!response.ok && isProblem && typeof body === "object" && body !== null) {
    showRefusal(response, /** @type {Problem} */ (body));
    return;
  }
  freshCaptcha();
  showResult("error", words().unexpected);
}

/**
 * `onError`: the captcha could not start (its init request or script failed). Shows what
 * the init catalog says of the code and tells the service, which logs it.
 * @param {unknown} error `{ code, msg }`, as Alibaba's script passes it
 */
function captchaError(error) {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const msg = typeof error === "object" && error !== null && "msg" in error ? String(error.msg) : "";
  const known = isErrorCode(code) ? code : undefined;
  const later = known !== undefined && ErrorCode.retry(known) === "backoff";
  console.error("captcha error", code, msg, known === undefined ? "" : ErrorCode.troubleshooting(known));
  showResult("captcha-error", later ? words().notShownLater : words().notShown);
  fetch("/captcha/client-error", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, msg }),
    keepalive: true,
  }).catch(() => {});
}

async function main() {
  /** @type {CaptchaConfig} */
  let config;
  try {
    const response = await fetch("/captcha/config", { headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error(`GET /captcha/config answered ${response.status}`);
    }
    config = await response.json();
    speakAs(response);
  } catch (error) {
    showConfigProblems([{ severity: "error", message: `the captcha config could not be read: ${error}` }]);
    return;
  }
  const { globals, options } = config;

  /** @type {InitAliyunCaptchaOptions} */
  const init = {
    ...options,
    success: login,
    fail: () => showResult("not-solved", words().notSolved),
    getInstance: (/** @type {CaptchaInstance} */ instance) => {
      captcha = instance;
    },
    onError: captchaError,
  };
  // The widget shows its own text in the page's language, when the config picks one at all.
  if (options.language !== undefined) {
    init.language = Language.fromLocale(pageLocale()) ?? options.language;
  }
  const problems = configProblems(globals, init);
  showConfigProblems(problems);
  for (const problem of problems) {
    console.warn(`captcha config ${problem.severity}: ${problem.message}`);
  }
  if (problems.some((problem) => problem.severity === "error")) {
    return;
  }

  // The captcha script reads its globals when it loads: set them first.
  window.AliyunCaptchaConfig = globals;
  try {
    await loadScript(CAPTCHA_SCRIPT);
  } catch {
    showResult("captcha-error", words().notLoaded);
    return;
  }
  if (window.initAliyunCaptcha === undefined) {
    showResult("captcha-error", words().notLoaded);
    return;
  }
  window.initAliyunCaptcha(init);
  loginButton.disabled = false;
  document.body.dataset.ready = "true";
}

main();
