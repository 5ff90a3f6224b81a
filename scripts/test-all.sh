#!/usr/bin/env bash
# Every test of the repository, in one command (the README's test command; .ci/run calls it
# after its lint steps):
#   1. the Rust workspace, all features (unit, integration, property and doc tests, the
#      drift check of generated files, the verify client against its stand-in);
#   2. the TypeScript package: npm ci from its lockfile, build, node --test;
#   3. the differential test: Rust writes a corpus of configs, the TypeScript validators and
#      ajv judge it;
#   4. the example service's login page in headless Chromium (playwright-core);
#   5. Alibaba's official Node SDK (@alicloud/captcha20230305) against the captcha-verify
#      stand-in, over loopback;
#   6. the published crates as packaged (scripts/check-packages.sh): their file lists, their
#      tests and doctests outside the workspace, and their docs as docs.rs builds them.
# Needs the stable Rust toolchain, Node.js 20 or later with npm, and Chromium (Debian's
# `chromium` package). A missing tool is an error, never a skipped step.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in cargo node npm; do
  if ! command -v "${tool}" >/dev/null; then
    echo "scripts/test-all.sh needs ${tool} (Rust stable; Node.js 20+ with npm)" >&2
    exit 1
  fi
done

echo "== cargo test --workspace --all-features"
cargo test --workspace --all-features

echo "== TypeScript package (ts/): npm ci, then npm test (tsc strict, node --test), then the packed package (publint, attw)"
(cd ts && npm ci --no-audit --no-fund && npm test && npm run check-package)

echo "== differential test: Rust writes the corpus, the TypeScript validators and ajv judge it"
corpus="$(pwd)/target/differential/corpus.jsonl"
CAPTCHA_ERRORS_CORPUS="${corpus}" cargo test -p captcha-errors --all-features --test differential
(cd ts && CAPTCHA_ERRORS_CORPUS="${corpus}" npm run differential)

echo "== the example's login page in headless Chromium (examples/captcha-service/browser)"
if ! command -v "${CHROMIUM:-chromium}" >/dev/null; then
  echo "the browser test needs Chromium: apt-get install chromium (or set CHROMIUM)" >&2
  exit 1
fi
cargo build -p captcha-service
(cd examples/captcha-service/browser && npm ci --no-audit --no-fund && npm run typecheck &&
  CAPTCHA_SERVICE_BIN="$(cd ../../.. && pwd)/target/debug/captcha-service" npm test)

echo "== Alibaba's Node SDK against the captcha-verify stand-in (interop/alibaba-sdk)"
cargo build -p captcha-verify --bin captcha-verify
(cd interop/alibaba-sdk && npm ci --no-audit --no-fund &&
  CAPTCHA_VERIFY_BIN="$(cd ../.. && pwd)/target/debug/captcha-verify" npm test)

echo "== the crates as published (scripts/check-packages.sh): file lists, tests of the packages, docs.rs docs"
bash scripts/check-packages.sh
