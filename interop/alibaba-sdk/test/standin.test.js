// Interop test: Alibaba Cloud's official Node.js SDK for Captcha 2.0 (@alicloud/captcha20230305
// 1.1.4 on @alicloud/openapi-core 1.0.8 and @darabonba/typescript 1.0.5) against the stand-in
// server `captcha-verify standin`. Every VerifyCode and every ApiError comes from the catalogs
// (through the built TypeScript package ts/dist), so a new catalog row is tested without an edit
// here. Only loopback is ever called.
//
// Run: (cd ts && npm ci && npm run build) && cargo build -p captcha-verify &&
//      cd interop/alibaba-sdk && npm ci --no-audit --no-fund && npm test
// CAPTCHA_VERIFY_BIN overrides the binary (default target/debug/captcha-verify; a relative path
// is taken from the repository root).
//
// What the SDK sends (read from @alicloud/openapi-core 1.0.8 Client.doRequest and
// OpenApiUtil.getAuthorization, and checked on the wire with a throwaway server):
//
//   POST / HTTP/1.1                       no query string at all (Action, Version etc. travel in
//                                         headers, not as RPC query parameters)
//   host: 127.0.0.1:PORT                  exactly Config.endpoint, port included; it is signed
//   x-acs-version: 2023-03-05
//   x-acs-action: VerifyIntelligentCaptcha
//   user-agent: AlibabaCloud (linux; x64) Node.js/v20.x Core/1.0.1 TeaDSL/2
//   x-acs-date: 2026-01-02T03:04:05Z      UTC, ISO 8601 to the second, no milliseconds
//   x-acs-signature-nonce: <64 hex>       sha256 of hostname+pid+random, new for every call
//   accept: application/json
//   content-type: application/x-www-form-urlencoded   (no charset)
//   x-acs-content-sha256: <64 lowercase hex>          sha256 of the body bytes as sent
//   x-acs-credentials-provider: static_ak
//   Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=<64 lowercase hex>
//   Connection: keep-alive                (one shared keep-alive agent: several calls per socket)
//   Transfer-Encoding: chunked            (the body is a stream: there is NO Content-Length)
//
//   Header names go out lower-case except "Authorization" (capital A); Node keeps the casing.
//   Signed headers: every header whose lower-cased name starts with x-acs-, plus host and
//   content-type, sorted; so x-acs-credentials-provider is signed, user-agent and accept are not.
//   Comma and semicolon separators in Authorization have no spaces.
//
//   CanonicalRequest = "POST\n" + "/\n" + "" (empty canonical query) + "\n"
//                    + for each signed header: name + ":" + trimmed value + "\n"
//                    + "\n" + signed header names joined by ";" + "\n"
//                    + hex sha256 of the body (the same value as x-acs-content-sha256)
//   StringToSign     = "ACS3-HMAC-SHA256\n" + hex sha256 of CanonicalRequest
//   Signature        = hex HMAC-SHA256(key = AccessKeySecret as is, no "&", StringToSign)
//
//   Body: CaptchaVerifyParam=...&SceneId=... in that order (SceneId is sent whenever the request
//   sets it, and left out when it does not). Encoded by Node's querystring.stringify: space is
//   %20 (never +), "+" is %2B, "/" %2F, "=" %3D, "&" %26, UTF-8 bytes as %XX upper-case, and
//   A-Z a-z 0-9 - _ . ! ~ * ' ( ) are sent literally (so "*" is NOT %2A here, unlike the
//   encoding in the old RPC signature). An empty CaptchaVerifyParam is sent as
//   "CaptchaVerifyParam=".
//
// What the SDK makes of the answer:
//   - HTTP 400..599: the body is parsed as JSON (as XML only when content-type is exactly
//     "text/xml;charset=utf-8") and thrown as an error built from it: ThrottlingError when Code
//     contains "Throttling", else ClientError for 4xx, ServerError for 5xx; all three extend
//     AlibabaCloudError (exported by @alicloud/openapi-core). Fields: name (the class name), code
//     (body Code), statusCode (HTTP status, a number), requestId (body RequestId), message
//     ("<Code>: code: <status>, <Message> request id: <RequestId>"), data (the whole parsed
//     body: RequestId, HostId, Code, Message, Recommend), detail/description ("undefined" text
//     when the body lacks Detail/Description), accessDeniedDetail, retryAfter (Throttling only,
//     from an x-acs-retry-after header). A non-JSON error body throws a plain SyntaxError.
//   - HTTP 200 (any status below 400): the body is parsed as JSON whatever the content-type;
//     keys map to camelCase (Result.VerifyCode -> body.result.verifyCode). A 200 body that is
//     not JSON is NOT wrapped: JSON.parse's SyntaxError is thrown as is (no code, no statusCode).
//   - No retry: without Config.retryOptions the SDK tries once (RuntimeOptions.autoretry is not
//     read by this code path; it is set false below anyway).
//   - A server that never answers: httpx uses connectTimeout as the socket idle timeout, so the
//     call fails after min(connectTimeout, readTimeout) with an Error named RequestTimeoutError
//     ("ConnectTimeout: Connect http://... failed.") or "RequestTimeout" (ReadTimeout(...)).
//   - A dropped connection: Error with code ECONNRESET ("socket hang up").

import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

import CaptchaSdk, { VerifyIntelligentCaptchaRequest } from "@alicloud/captcha20230305";
import {
  $OpenApiUtil,
  AlibabaCloudError,
  ClientError,
  ServerError,
  ThrottlingError,
} from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";

const CaptchaClient = CaptchaSdk.default ?? CaptchaSdk;

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TIMEOUT_MS = 3000;
const SCENE_ID = "interop-scene-1";

// ---- the catalogs, from the built TypeScript package ----------------------------------------

async function loadGenerated(name) {
  const file = path.join(REPO_ROOT, "ts", "dist", "src", "generated", `${name}.js`);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: build the TypeScript package first (cd ts && npm ci && npm run build)`,
    );
  }
  return import(pathToFileURL(file).href);
}

const { VerifyCode } = await loadGenerated("verify");
const { ApiError } = await loadGenerated("api");
assert.ok(VerifyCode.ALL.length > 0, "the verify catalog has no codes");
assert.ok(ApiError.ALL.length > 0, "the api catalog has no codes");

/** The catalog's HTTP status for an api error code, or the stand-in's documented one. */
function statusOf(code, documented) {
  return ApiError.ROWS[code]?.http_status ?? documented;
}

// ---- the stand-in process --------------------------------------------------------------------

function binaryPath() {
  const fromEnv = process.env.CAPTCHA_VERIFY_BIN;
  if (fromEnv) return path.resolve(REPO_ROOT, fromEnv);
  return path.join(REPO_ROOT, "target", "debug", "captcha-verify");
}

const BIN = binaryPath();
if (!existsSync(BIN)) {
  throw new Error(
    `captcha-verify binary not found at ${BIN}: build it (cargo build -p captcha-verify) or set CAPTCHA_VERIFY_BIN`,
  );
}

function isLoopback(host) {
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1";
  return false;
}

/** Starts `captcha-verify standin` and resolves to { child, endpoint } once it prints its address. */
async function startStandin(keyPair) {
  const bin = BIN;
  const redact = (text) =>
    text.split(keyPair.accessKeySecret).join("<secret>").split(keyPair.accessKeyId).join("<key id>");
  const child = spawn(
    bin,
    [
      "standin",
      "--listen",
      "127.0.0.1:0",
      "--access-key-id",
      keyPair.accessKeyId,
      "--access-key-secret",
      keyPair.accessKeySecret,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // Keep reading stdout after the first line so the server never blocks on a full pipe.
  const lines = createInterface({ input: child.stdout });
  const firstLine = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${bin} printed no line within 15 s; stderr: ${redact(stderr)}`));
    }, 15000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${bin} exited (${code ?? signal}) before printing its address; stderr: ${redact(stderr)}`),
      );
    });
  });
  child.removeAllListeners("exit");
  child.removeAllListeners("error");
  lines.on("line", () => {});

  const match = /^listening on http:\/\/(\[[^\]]+\]|[^:/\s]+):(\d+)\/?$/.exec(firstLine.trim());
  if (!match) {
    await stopStandin(child);
    throw new Error(`unexpected first line from the stand-in: ${JSON.stringify(redact(firstLine))}`);
  }
  const [, host, port] = match;
  if (!isLoopback(host)) {
    await stopStandin(child);
    throw new Error(`the stand-in listens on ${host}, not on a loopback address; refusing to call it`);
  }
  return { child, endpoint: `${host}:${port}`, stderr: () => redact(stderr) };
}

async function stopStandin(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

// ---- the SDK ---------------------------------------------------------------------------------

function randomKeyPair() {
  return {
    accessKeyId: `LTAIinterop${randomBytes(6).toString("hex")}`,
    accessKeySecret: randomBytes(15).toString("hex"),
  };
}

function makeClient(endpoint, keyPair) {
  return new CaptchaClient(
    new $OpenApiUtil.Config({
      accessKeyId: keyPair.accessKeyId,
      accessKeySecret: keyPair.accessKeySecret,
      endpoint,
      protocol: "http",
      regionId: "cn-shanghai",
      readTimeout: TIMEOUT_MS,
      connectTimeout: TIMEOUT_MS,
    }),
  );
}

function runtimeOptions(extra = {}) {
  return new $dara.RuntimeOptions({
    autoretry: false,
    maxAttempts: 0,
    readTimeout: TIMEOUT_MS,
    connectTimeout: TIMEOUT_MS,
    ...extra,
  });
}

/** Headers that replace the SDK's own before it signs (the SDK merges them over its defaults). */
function withHeaders(headers) {
  return runtimeOptions({ extendsParameters: new $dara.ExtendsParameters({ headers }) });
}

function verify(client, captchaVerifyParam, runtime = runtimeOptions()) {
  return client.verifyIntelligentCaptchaWithOptions(
    new VerifyIntelligentCaptchaRequest({ captchaVerifyParam, sceneId: SCENE_ID }),
    runtime,
  );
}

/** The x-acs-date format the SDK sends, for a given time. */
function acsDate(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function assertVerified(response, code, certifyId) {
  assert.equal(response.statusCode, 200);
  const body = response.body;
  assert.equal(body.success, true, "Success");
  assert.equal(body.code, "Success", "Code");
  assert.equal(typeof body.requestId, "string", "RequestId");
  assert.ok(body.requestId.length > 0, "RequestId is empty");
  assert.ok(body.result, "the body has no Result");
  assert.equal(body.result.verifyCode, code, "Result.VerifyCode");
  assert.equal(
    body.result.verifyResult,
    VerifyCode.ROWS[code].verdict === "pass",
    `Result.VerifyResult for ${code} (verdict ${VerifyCode.ROWS[code].verdict})`,
  );
  assert.equal(typeof body.result.certifyId, "string", "Result.CertifyId");
  if (certifyId !== undefined) assert.equal(body.result.certifyId, certifyId, "Result.CertifyId");
}

/** Asserts that `promise` rejects with the SDK's error for an Alibaba error body. */
async function assertApiError(promise, code, statusCode) {
  await assert.rejects(promise, (err) => {
    assert.ok(
      err instanceof AlibabaCloudError,
      `expected the SDK's AlibabaCloudError for ${code}, got ${err?.name}: ${err?.message}`,
    );
    const expectedClass = code.includes("Throttling")
      ? ThrottlingError
      : statusCode < 500
        ? ClientError
        : ServerError;
    assert.ok(err instanceof expectedClass, `expected ${expectedClass.name}, got ${err.name}`);
    assert.equal(err.code, code, "error code");
    assert.equal(err.statusCode, statusCode, "error statusCode");
    assert.equal(typeof err.requestId, "string");
    assert.ok(err.data, "the error carries no parsed body");
    assert.equal(err.data.Code, code, "body Code");
    for (const field of ["RequestId", "HostId", "Code", "Message", "Recommend"]) {
      assert.equal(typeof err.data[field], "string", `error body field ${field}`);
    }
    assert.equal(err.requestId, err.data.RequestId);
    return true;
  });
}

// ---- the tests -------------------------------------------------------------------------------

// Started at load time, so a stand-in that cannot start fails this file outright.
const keyPair = randomKeyPair();
const standin = await startStandin(keyPair);
process.once("exit", () => standin.child.kill("SIGKILL"));
after(() => stopStandin(standin.child));
const client = makeClient(standin.endpoint, keyPair);

describe("Alibaba's Node SDK against captcha-verify standin", () => {

  describe("every VerifyCode in the catalog", () => {
    for (const code of VerifyCode.ALL) {
      test(`standin:${code} -> ${code} (${VerifyCode.ROWS[code].verdict})`, async () => {
        assertVerified(await verify(client, `standin:${code}`), code);
      });
    }
  });

  describe("every ApiError in the catalog", () => {
    for (const code of ApiError.ALL) {
      const status = ApiError.ROWS[code].http_status;
      test(`standin:api:${code} -> HTTP ${status} ${code}`, async () => {
        await assertApiError(verify(client, `standin:api:${code}`), code, status);
      });
    }
  });

  describe("special parameters", () => {
    test("standin:once passes the first time and answers F008 after", async () => {
      assertVerified(await verify(client, "standin:once"), "T001");
      assertVerified(await verify(client, "standin:once"), "F008");
      assertVerified(await verify(client, "standin:once"), "F008");
    });

    test("standin:once:<key> is a separate one-time token", async () => {
      const param = `standin:once:${randomBytes(4).toString("hex")}`;
      assertVerified(await verify(client, param), "T001");
      assertVerified(await verify(client, param), "F008");
    });

    test("standin:<code>:<certifyId> sets Result.CertifyId, form encoding round-trips", async () => {
      // Space, +, *, ~, /, =, &, ', ( ) and non-ASCII all go through the SDK's form encoding.
      const certifyId = "cert id+*~/=&'()é中";
      assertVerified(await verify(client, `standin:T001:${certifyId}`), "T001", certifyId);
      assertVerified(await verify(client, `standin:F008:${certifyId}`), "F008", certifyId);
    });

    test("standin:garbage (200, not JSON) makes the SDK throw", async () => {
      await assert.rejects(verify(client, "standin:garbage"), (err) => {
        assert.ok(err instanceof SyntaxError, `expected JSON.parse's SyntaxError, got ${err?.name}: ${err?.message}`);
        assert.ok(!(err instanceof AlibabaCloudError));
        return true;
      });
    });

    test("standin:timeout makes the SDK give up after its timeout", async () => {
      const quick = runtimeOptions({ readTimeout: 1000, connectTimeout: 1000 });
      const started = Date.now();
      await assert.rejects(verify(client, "standin:timeout", quick), (err) => {
        assert.ok(
          err?.name === "RequestTimeoutError" || /Timeout/.test(err?.message ?? ""),
          `expected a timeout error, got ${err?.name}: ${err?.message}`,
        );
        return true;
      });
      assert.ok(Date.now() - started < 2500, "the SDK did not give up within its timeout");
    });

    test("standin:drop makes the SDK throw a connection error", async () => {
      await assert.rejects(verify(client, "standin:drop"), (err) => {
        assert.ok(!(err instanceof AlibabaCloudError), `expected a socket error, got ${err?.name}: ${err?.message}`);
        assert.ok(
          ["ECONNRESET", "EPIPE"].includes(err?.code) || /hang up|reset/i.test(err?.message ?? ""),
          `expected a reset connection, got ${err?.code}: ${err?.message}`,
        );
        return true;
      });
    });

    test("the stand-in still answers after timeout and drop", async () => {
      assertVerified(await verify(client, "standin:T001"), "T001");
    });

    test("an empty CaptchaVerifyParam -> F002", async () => {
      assertVerified(await verify(client, ""), "F002");
    });

    test("any other value -> F003", async () => {
      for (const param of [
        "not-a-standin-token",
        "eyJjZXJ0aWZ5SWQiOiJ4In0=",
        "a b+c*d~e/f=g&h é",
        "standin",
      ]) {
        assertVerified(await verify(client, param), "F003");
      }
    });
  });

  describe("signature checks", () => {
    test("a wrong AccessKey secret -> SignatureDoesNotMatch", async () => {
      const wrong = makeClient(standin.endpoint, {
        accessKeyId: keyPair.accessKeyId,
        accessKeySecret: randomBytes(15).toString("hex"),
      });
      await assertApiError(
        verify(wrong, "standin:T001"),
        "SignatureDoesNotMatch",
        statusOf("SignatureDoesNotMatch", 400),
      );
    });

    test("an unknown AccessKey ID -> InvalidAccessKeyId.NotFound", async () => {
      const unknown = makeClient(standin.endpoint, {
        accessKeyId: `LTAIunknown${randomBytes(6).toString("hex")}`,
        accessKeySecret: keyPair.accessKeySecret,
      });
      await assertApiError(
        verify(unknown, "standin:T001"),
        "InvalidAccessKeyId.NotFound",
        statusOf("InvalidAccessKeyId.NotFound", 404),
      );
    });

    test("a reused x-acs-signature-nonce -> SignatureNonceUsed", async () => {
      const nonce = randomBytes(32).toString("hex");
      assertVerified(await verify(client, "standin:T001", withHeaders({ "x-acs-signature-nonce": nonce })), "T001");
      await assertApiError(
        verify(client, "standin:T001", withHeaders({ "x-acs-signature-nonce": nonce })),
        "SignatureNonceUsed",
        statusOf("SignatureNonceUsed", 400),
      );
    });

    test("an x-acs-date 5 minutes off is accepted", async () => {
      for (const offset of [-5, 5]) {
        const date = acsDate(new Date(Date.now() + offset * 60_000));
        assertVerified(await verify(client, "standin:T001", withHeaders({ "x-acs-date": date })), "T001");
      }
    });

    test("an x-acs-date more than 15 minutes off -> InvalidTimeStamp.Expired", async () => {
      for (const offset of [-20, 20]) {
        const date = acsDate(new Date(Date.now() + offset * 60_000));
        await assertApiError(
          verify(client, "standin:T001", withHeaders({ "x-acs-date": date })),
          "InvalidTimeStamp.Expired",
          statusOf("InvalidTimeStamp.Expired", 400),
        );
      }
    });

    test("no Authorization header (the SDK's anonymous call) -> IncompleteSignature", async () => {
      const params = new $OpenApiUtil.Params({
        action: "VerifyIntelligentCaptcha",
        version: "2023-03-05",
        protocol: "HTTP",
        pathname: "/",
        method: "POST",
        authType: "Anonymous",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      });
      const request = new $OpenApiUtil.OpenApiRequest({
        body: { CaptchaVerifyParam: "standin:T001", SceneId: SCENE_ID },
      });
      await assertApiError(
        client.callApi(params, request, runtimeOptions()),
        "IncompleteSignature",
        statusOf("IncompleteSignature", 400),
      );
    });
  });
});
