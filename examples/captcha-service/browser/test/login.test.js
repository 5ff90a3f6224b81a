// The example's login page in headless Chromium: a pass, a refusal that offers a fresh
// captcha, an opaque refusal with its reference, the other refusals a person can act on
// (start over, wait), and a config the TS package finds errors in; then the same flows in a
// browser whose language is Simplified Chinese, and one whose language is Traditional
// Chinese, where every word shown is the catalog's or the page's own table's in that
// language, and no English sentence is left.
//
// Builds nothing: it needs the service binary (`cargo build -p captcha-service`; env
// CAPTCHA_SERVICE_BIN overrides <repo>/target/debug/captcha-service), the TS package built
// (`cd ts && npm ci && npm run build`) and Chromium (Debian's `chromium` package; env
// CHROMIUM overrides /usr/bin/chromium). A missing one fails the run: nothing is skipped.
//
// The service runs without ALIBABA_* variables, so it verifies against its in-process
// stand-in, and the page uses the stand-in captcha widget whose buttons choose the
// `standin:` value. Everything stays on loopback: the browser may fetch nothing but the
// service. One screenshot per case goes to a temporary directory, printed as a diagnostic.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../../..");
const serviceBin = process.env.CAPTCHA_SERVICE_BIN || path.join(repo, "target/debug/captcha-service");
const chromiumBin = process.env.CHROMIUM || "/usr/bin/chromium";
const configFile = path.join(repo, "examples/captcha-service/config.example.json");
const packageIndex = path.join(repo, "ts/dist/src/index.js");
const verifyCatalog = path.join(repo, "ts/dist/src/generated/verify.js");
const initCatalog = path.join(repo, "ts/dist/src/generated/init.js");
const pageWords = path.join(repo, "examples/captcha-service/page/words.js");
/** The verify catalog's texts in `locale` (its locale module; English is the main one). */
const verifyCatalogIn = (locale) =>
  locale === "en" ? verifyCatalog : path.join(repo, `ts/dist/src/generated/locales/${locale}/verify.js`);

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How long the service may take to say it is listening. */
const START_TIMEOUT_MS = 30_000;

/** @type {import("node:child_process").ChildProcess | undefined} */
let service;
/** @type {URL} */
let origin;
/** @type {import("playwright-core").BrowserContext | undefined} */
let browser;
/** The screenshots' directory. */
let shots = "";
/** The user data directories of this run's Chromiums. */
const profiles = [];
/** Requests the browser tried to make to anything but the service. */
const foreign = [];
/** Everything the service wrote to stderr, for failure messages. */
let serviceLog = "";

/** Fails with what to do when `file` is not an executable. */
function requireExecutable(file, what, how) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(`${what} not found at ${file}: ${how}`);
  }
}

/** Starts the service and resolves with the address it prints. */
function startService() {
  // Without ALIBABA_* variables the service verifies against its in-process stand-in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("ALIBABA_")));
  const child = spawn(serviceBin, [configFile, "127.0.0.1:0"], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
  service = child;
  // Never outlive the run, even one that is interrupted.
  process.once("exit", () => child.kill("SIGKILL"));
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    serviceLog += chunk;
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`the service printed no "listening on" line in ${START_TIMEOUT_MS} ms; stderr:\n${serviceLog}`)),
      START_TIMEOUT_MS,
    );
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${signal ?? code}) before listening; stderr:\n${serviceLog}`));
    });
  });
}

/** Stops the service and waits for it to go. */
async function stopService() {
  const child = service;
  service = undefined;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const gone = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await gone;
  clearTimeout(timer);
}

before(async () => {
  requireExecutable(serviceBin, "the captcha-service binary", "build it with `cargo build -p captcha-service`, or set CAPTCHA_SERVICE_BIN");
  requireExecutable(chromiumBin, "Chromium", "install Debian's package with `apt-get install -y chromium`, or set CHROMIUM");
  assert.ok(fs.existsSync(packageIndex), `${packageIndex} is missing: build the TS package with \`cd ts && npm ci && npm run build\``);

  origin = await startService();
  assert.ok(["127.0.0.1", "[::1]", "localhost"].includes(origin.hostname), `the service must listen on loopback, not ${origin.host}`);

  shots = fs.mkdtempSync(path.join(os.tmpdir(), "captcha-login-shots-"));
  // The refusals follow Accept-Language; the titles checked here are the English ones,
  // whatever the machine's own language.
  browser = await launch("en-US");
});

after(async () => {
  await browser?.close();
  await stopService();
  for (const profile of profiles) {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

/**
 * A Chromium whose language is `locale` (its Accept-Language and navigator.language), with
 * its own profile, that may load nothing but the service's files.
 * @param {string} locale
 */
async function launch(locale) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "captcha-login-chromium-"));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumBin,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 800, height: 900 },
    locale,
    timeout: 60_000,
  });
  // Loopback only: the page may load nothing but the service's own files.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin.origin) {
      return route.continue();
    }
    foreign.push(url.href);
    return route.abort("blockedbyclient");
  });
  return context;
}

/**
 * A fresh page of the login form, ready (config fetched and validated, captcha initialized).
 * @param {import("playwright-core").BrowserContext | undefined} context the English browser
 *   unless given
 * @returns {Promise<{ page: import("playwright-core").Page, errors: string[] }>}
 */
async function openLogin(context = browser) {
  assert.ok(context !== undefined, "the browser did not start");
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const response = await page.goto(origin.href);
  assert.equal(response?.status(), 200, "GET / must answer the page");
  await page.waitForSelector("body[data-ready='true']");
  assert.equal(await page.locator("#config-problems").isHidden(), true, "the example config must have no problem");
  assert.equal(await page.locator("#standin-captcha").isHidden(), true, "a popup captcha starts hidden");
  return { page, errors };
}

/**
 * Fills the form, clicks "Sign in" (which opens the captcha), clicks a stand-in choice and
 * waits for the answer to `/login`.
 */
async function signIn(page, choice, username = "alice") {
  await page.fill("#username", username);
  await page.fill("#password", "correct horse battery staple");
  await page.click("#login-button");
  await page.waitForSelector("#standin-captcha", { state: "visible" });
  const answer = page.waitForResponse((response) => new URL(response.url()).pathname === "/login");
  await page.click(choice);
  return answer;
}

async function screenshot(page, t, name) {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  t.diagnostic(`screenshot: ${file}`);
}

async function resultTitle(page) {
  return (await page.locator("#result-title").textContent())?.trim();
}

async function resultDetail(page) {
  return (await page.locator("#result-detail").textContent())?.trim();
}

/**
 * Signs in with a stand-in choice the service refuses; checks the refusal's status and
 * problem type, and the title and detail the page shows: the problem's, which are the verify
 * catalog's user message of the refusal's name in `locale` (`Content-Language`). Resolves
 * with the problem body and headers.
 */
async function signInRefused(page, choice, { status, refusal, title, locale = "en" }) {
  const { UserMessage } = await import(pathToFileURL(verifyCatalogIn(locale)).href);
  const message = UserMessage.ROWS[refusal];
  assert.ok(message !== undefined, `the catalog has a user message ${refusal}`);
  const answer = await signIn(page, choice);
  assert.equal(answer.status(), status);
  assert.match(answer.headers()["content-type"] ?? "", /^application\/problem\+json/);
  assert.equal(answer.headers()["content-language"], locale);
  const problem = await answer.json();
  assert.equal(problem.type, `urn:captcha-verify:problem:${refusal}`);
  assert.equal(problem.title, message.title);
  assert.equal(problem.detail, message.detail);
  if (title !== undefined) {
    assert.equal(problem.title, title);
  }
  await page.waitForSelector(`#result[data-outcome='${refusal === "forbidden" ? "refused" : refusal}']`);
  assert.equal(await resultTitle(page), problem.title);
  assert.equal(await resultDetail(page), problem.detail);
  assert.equal(await page.evaluate(() => document.documentElement.lang), locale);
  return { problem, headers: answer.headers() };
}

test("a pass signs the user in", async (t) => {
  const { page, errors } = await openLogin();
  const answer = await signIn(page, "#standin-pass");
  assert.equal(answer.status(), 200);
  await page.waitForSelector("#result[data-outcome='pass']");
  assert.equal(await resultTitle(page), "Signed in as alice.");
  assert.equal(await page.getAttribute("#standin-captcha", "data-language"), "en", "the widget gets the page's language");
  await screenshot(page, t, "pass");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an already used captcha is refused with a fresh captcha offered, which then passes", async (t) => {
  const { page, errors } = await openLogin();
  const challenge = await page.locator("#standin-challenge").textContent();
  await signInRefused(page, "#standin-already-used", {
    status: 400,
    refusal: "solve-again",
    title: "Please solve a new captcha and try again.",
  });
  assert.match(await page.locator("#result").innerText(), /A new captcha is ready for you\./);
  // The fresh captcha is open, a new challenge, ready to be solved.
  await page.waitForSelector("#standin-captcha", { state: "visible" });
  assert.notEqual(await page.locator("#standin-challenge").textContent(), challenge);
  assert.equal(await page.locator("#standin-pass").isEnabled(), true);
  assert.equal(await page.locator("#login-button").isEnabled(), true);
  await screenshot(page, t, "solve-again");

  const again = page.waitForResponse((response) => new URL(response.url()).pathname === "/login");
  await page.click("#standin-pass");
  assert.equal((await again).status(), 200);
  await page.waitForSelector("#result[data-outcome='pass']");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a bot-like captcha is refused opaquely, with a reference and no catalog word", async (t) => {
  const { VerifyCode, Action } = await import(pathToFileURL(verifyCatalog).href);
  const { page, errors } = await openLogin();
  const { problem } = await signInRefused(page, "#standin-bot", {
    status: 403,
    refusal: "forbidden",
    title: "The request was refused.",
  });
  const reference = (await page.locator("#correlation-id").textContent())?.trim();
  assert.equal(reference, problem.correlationId, "the page shows the refusal's correlation id");
  assert.ok(reference && reference.length >= 8, `a usable reference, not ${JSON.stringify(reference)}`);
  assert.match(await page.locator("#result").innerText(), /quote this reference/);

  // Nothing in the page tells a bot which signal fired.
  const text = await page.locator("body").innerText();
  for (const code of VerifyCode.ALL) {
    assert.doesNotMatch(text, new RegExp(`\\b${code}\\b`), `the page shows the VerifyCode ${code}`);
  }
  for (const word of Action.ALL) {
    assert.doesNotMatch(text, new RegExp(`\\b${word}\\b`, "i"), `the page shows the action word ${word}`);
  }
  assert.doesNotMatch(text, /standin:/);
  await screenshot(page, t, "refused");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an expired captcha asks the user to start again, and the page starts over", async () => {
  const { page, errors } = await openLogin();
  await signInRefused(page, "#standin-expired", {
    status: 400,
    refusal: "start-over",
    title: "Please reload the page and start again.",
  });
  await Promise.all([page.waitForEvent("load"), page.click("#start-over")]);
  await page.waitForSelector("body[data-ready='true']");
  assert.equal(await page.locator("#result").innerText(), "");
  assert.deepEqual(errors, []);
  await page.close();
});

test("too many attempts ask the user to wait for as long as Retry-After says", async () => {
  const { page, errors } = await openLogin();
  const { headers } = await signInRefused(page, "#standin-too-many", {
    status: 429,
    refusal: "too-many-attempts",
    title: "Too many attempts. Please wait and try again.",
  });
  const seconds = headers["retry-after"];
  assert.match(seconds ?? "", /^\d+$/, "a 429 carries Retry-After in seconds");
  assert.match(await page.locator("#result").innerText(), new RegExp(`try again in ${seconds} seconds`));
  assert.equal(await page.locator("#login-button").isDisabled(), true, "no new attempt before then");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a config with errors is listed with the TS package's messages, and no captcha is shown", async (t) => {
  const { validateConfig } = await import(pathToFileURL(packageIndex).href);
  assert.ok(browser !== undefined, "the browser did not start");
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  // The service refuses to start with such a config, so the page is handed one here.
  const broken = {
    globals: { region: "cn", prefix: "no8xfe" },
    options: { SceneId: "didk33e0", mode: "popups", element: "#captcha-element", button: "#no-such-button", colour: "blue" },
  };
  await page.route("**/captcha/config", (route) => route.fulfill({ json: broken }));
  await page.goto(origin.href);
  await page.waitForSelector("#config-problems", { state: "visible" });
  const shown = await page.locator("#config-problem-list li").allInnerTexts();
  const expected = validateConfig({ ...broken.globals, ...broken.options }).problems.map(
    (problem) => `${problem.severity}: ${problem.message}`,
  );
  assert.ok(expected.some((line) => line.startsWith("error: `mode`")), `the package finds the bad mode: ${expected}`);
  assert.ok(expected.some((line) => line.startsWith("warning: `colour`")), `the package finds the unknown key: ${expected}`);
  assert.deepEqual(shown, [...expected, "error: `button` is #no-such-button, which this page does not have"]);
  assert.equal(await page.locator("#standin-captcha").count(), 0, "no captcha is initialized");
  assert.equal(await page.locator("#login-button").isDisabled(), true);
  await screenshot(page, t, "config-problems");
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * What the page itself shows, as a person reads it: the document's title and the visible text
 * of the page but the captcha widget's (a stand-in for Alibaba's, whose own text follows the
 * `language` it is given).
 */
async function pageText(page) {
  const text = await page.evaluate(() =>
    Array.from(document.querySelectorAll("main > :not(form), form > :not(#captcha-element)"), (element) =>
      element instanceof HTMLElement ? element.innerText : "",
    ).join("\n"),
  );
  return `${await page.title()}\n${text}`;
}

/**
 * Fails if the page shows English: any of the page's own English words or the catalog's
 * English user messages, or two Latin words in a row (a name, a reference or `captcha-service`
 * are one word each).
 */
async function assertNoEnglish(page, what) {
  const { WORDS } = await import(pathToFileURL(pageWords).href);
  const { UserMessage } = await import(pathToFileURL(verifyCatalog).href);
  const text = await pageText(page);
  // A sentence with a blank (a name, a number) counts by the parts around it.
  const blank = "\u0000";
  const english = [
    ...Object.values(WORDS.en).flatMap((word) => (typeof word === "function" ? word(blank).split(blank) : [word])),
    ...UserMessage.ALL.flatMap((key) => [UserMessage.title(key), UserMessage.detail(key)]),
  ]
    .map((part) => part.trim())
    .filter((part) => part.length >= 3);
  for (const words of english) {
    assert.ok(!text.includes(words), `${what}: the page shows ${JSON.stringify(words)}:\n${text}`);
  }
  assert.doesNotMatch(text, /[A-Za-z]{2,}[\s,.:;!?]+[A-Za-z]{2,}/, `${what}: the page shows English:\n${text}`);
}

for (const locale of ["zh-CN", "zh-TW"]) {
  describe(`in a browser whose language is ${locale}`, () => {
    /** @type {import("playwright-core").BrowserContext | undefined} */
    let context;
    /** The page's own words in this locale (page/words.js). */
    let own;

    before(async () => {
      own = (await import(pathToFileURL(pageWords).href)).WORDS[locale];
      assert.ok(own !== undefined, `page/words.js has ${locale}`);
      context = await launch(locale);
    });

    after(async () => {
      await context?.close();
    });

    /** Opens the login page and checks it speaks `locale` before anything is sent. */
    async function openInLocale() {
      const opened = await openLogin(context);
      const { page } = opened;
      assert.equal(await page.evaluate(() => document.documentElement.lang), locale);
      assert.equal(await page.title(), own.pageTitle);
      assert.equal((await page.locator("#login-button").textContent())?.trim(), own.signIn);
      assert.equal((await page.locator("label[for='username']").textContent())?.trim(), own.username);
      await assertNoEnglish(page, "the empty form");
      return opened;
    }

    test("a pass signs the user in, and the widget is asked for the same language", async (t) => {
      const { Language } = await import(pathToFileURL(initCatalog).href);
      const { page, errors } = await openInLocale();
      assert.equal(
        await page.getAttribute("#standin-captcha", "data-language"),
        Language.fromLocale(locale),
        "the widget gets the page's language, as the init catalog names it",
      );
      const answer = await signIn(page, "#standin-pass");
      assert.equal(answer.status(), 200);
      await page.waitForSelector("#result[data-outcome='pass']");
      assert.equal(await resultTitle(page), own.signedIn("alice"));
      assert.equal((await page.locator("#result p:not(#result-title)").textContent())?.trim(), own.verified);
      await assertNoEnglish(page, "a pass");
      await screenshot(page, t, `pass-${locale}`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("an already used captcha shows the catalog's words, and a fresh captcha", async (t) => {
      const { page, errors } = await openInLocale();
      await signInRefused(page, "#standin-already-used", { status: 400, refusal: "solve-again", locale });
      await page.waitForSelector("#standin-captcha", { state: "visible" });
      await assertNoEnglish(page, "solve-again");
      await screenshot(page, t, `solve-again-${locale}`);
      const again = page.waitForResponse((response) => new URL(response.url()).pathname === "/login");
      await page.click("#standin-pass");
      assert.equal((await again).status(), 200);
      await page.waitForSelector("#result[data-outcome='pass']");
      assert.equal(await resultTitle(page), own.signedIn("alice"));
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("a bot-like captcha is refused opaquely, with the reference to quote in the page's words", async (t) => {
      const { VerifyCode } = await import(pathToFileURL(verifyCatalog).href);
      const { page, errors } = await openInLocale();
      const { problem } = await signInRefused(page, "#standin-bot", { status: 403, refusal: "forbidden", locale });
      assert.equal((await page.locator("#correlation-id").textContent())?.trim(), problem.correlationId);
      const label = await page.locator("#result p:has(#correlation-id)").innerText();
      assert.equal(label.trim(), `${own.quoteReference.trim()}${problem.correlationId}`);
      const text = await page.locator("body").innerText();
      for (const code of VerifyCode.ALL) {
        assert.doesNotMatch(text, new RegExp(`\\b${code}\\b`), `the page shows the VerifyCode ${code}`);
      }
      await assertNoEnglish(page, "forbidden");
      await screenshot(page, t, `refused-${locale}`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("an expired captcha offers to start again in the page's words, and the page starts over", async (t) => {
      const { page, errors } = await openInLocale();
      await signInRefused(page, "#standin-expired", { status: 400, refusal: "start-over", locale });
      assert.equal((await page.locator("#start-over").textContent())?.trim(), own.startAgain);
      await assertNoEnglish(page, "start-over");
      await screenshot(page, t, `start-over-${locale}`);
      await Promise.all([page.waitForEvent("load"), page.click("#start-over")]);
      await page.waitForSelector("body[data-ready='true']");
      assert.equal(await page.evaluate(() => document.documentElement.lang), locale);
      assert.equal(await page.locator("#result").innerText(), "");
      await assertNoEnglish(page, "the form after starting over");
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("too many attempts say how long to wait in the page's words", async (t) => {
      const { page, errors } = await openInLocale();
      const { headers } = await signInRefused(page, "#standin-too-many", {
        status: 429,
        refusal: "too-many-attempts",
        locale,
      });
      const seconds = headers["retry-after"];
      assert.match(seconds ?? "", /^\d+$/, "a 429 carries Retry-After in seconds");
      assert.equal((await page.locator("#retry-countdown").textContent())?.trim(), own.retryIn(Number(seconds)));
      assert.equal(await page.locator("#login-button").isDisabled(), true, "no new attempt before then");
      await assertNoEnglish(page, "too-many-attempts");
      await screenshot(page, t, `too-many-attempts-${locale}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}

test("the page loaded nothing but the service's own files", () => {
  assert.deepEqual(foreign, []);
});
