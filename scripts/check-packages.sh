#!/usr/bin/env bash
# The published crates as a dependent gets them (part of scripts/test-all.sh):
#   1. `cargo package` for each publishable crate; each package holds only what a dependent
#      builds: Cargo.toml, the README and every committed source file under src/, nothing
#      else (no tests, benchmarks or their generated data), and stays small;
#   2. the packaged crates, unpacked outside the workspace, build and pass their tests with
#      every feature, doctests (their READMEs) included; captcha-verify is tested against
#      the packaged captcha-errors, not the workspace's;
#   3. docs as docs.rs builds them (all features, `--cfg docsrs`): a feature-gated item says
#      which feature it needs. docs.rs uses nightly; here RUSTC_BOOTSTRAP=1 lets the stable
#      rustdoc take the same `doc_cfg` attribute.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
crates=(captcha-errors captcha-verify)
# A package is refused above this size (uncompressed, as `cargo package` reports it).
max_kib=1024

echo "-- cargo package (${crates[*]})"
package_args=()
for crate in "${crates[@]}"; do
  package_args+=(-p "${crate}")
done
cargo package --no-verify --allow-dirty "${package_args[@]}" 2>&1 | grep -v '^warning: ignoring' || true
# `cargo package` prints nothing useful to test on failure through the grep above: check
# that every crate file is there.
version="$(cargo metadata --no-deps --format-version 1 |
  node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(m.packages.find((p) => p.name === "captcha-errors").version)')"

failed=0
for crate in "${crates[@]}"; do
  file="target/package/${crate}-${version}.crate"
  if [ ! -f "${file}" ]; then
    echo "FAIL: ${file} was not written" >&2
    exit 1
  fi
  listed="$(tar -tzf "${file}" | sed "s|^${crate}-${version}/||" | grep -v '/$' | sort)"
  expected="$( (printf '%s\n' .cargo_vcs_info.json Cargo.lock Cargo.toml Cargo.toml.orig README.md
    git ls-files "${crate}/src" | grep '\.rs$' | sed "s|^${crate}/||") | sort)"
  if [ "${listed}" != "${expected}" ]; then
    echo "FAIL: ${crate}'s package holds other files than Cargo.toml, README.md and src/**/*.rs:" >&2
    diff <(printf '%s\n' "${expected}") <(printf '%s\n' "${listed}") >&2 || true
    failed=1
  fi
  size_kib=$(($(tar -xzOf "${file}" | wc -c) / 1024))
  echo "   ${crate}: $(printf '%s\n' "${listed}" | grep -c .) files, ${size_kib} KiB unpacked"
  if [ "${size_kib}" -gt "${max_kib}" ]; then
    echo "FAIL: ${crate}'s package is ${size_kib} KiB, over ${max_kib} KiB" >&2
    failed=1
  fi
done
[ "${failed}" -eq 0 ]

echo "-- the packaged crates, unpacked outside the workspace: cargo test --all-features"
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT
members=()
for crate in "${crates[@]}"; do
  tar -xzf "target/package/${crate}-${version}.crate" -C "${scratch}"
  members+=("\"${crate}-${version}\"")
done
# A workspace of the unpacked crates only, with the repository's lockfile (the same
# versions as every other test) and captcha-errors taken from its package, not crates.io.
{
  echo "[workspace]"
  echo "resolver = \"2\""
  echo "members = [$(IFS=,; echo "${members[*]}")]"
  echo
  echo "[patch.crates-io]"
  echo "captcha-errors = { path = \"captcha-errors-${version}\" }"
} >"${scratch}/Cargo.toml"
cp Cargo.lock "${scratch}/Cargo.lock"
# The repository's target folder: dependencies already built are reused.
(cd "${scratch}" && CARGO_TARGET_DIR="${root}/target" cargo test --workspace --all-features)

echo "-- docs as docs.rs builds them: every feature, --cfg docsrs"
RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="--cfg docsrs -D warnings" \
  cargo doc --no-deps --all-features "${package_args[@]}" --target-dir target/docsrs
# Items behind a feature must say so on their page.
check_marked() {
  local page="target/docsrs/doc/$1" feature="$2"
  if ! grep -q "Available on <strong>crate feature <code>${feature}</code></strong> only" "${page}"; then
    echo "FAIL: ${page} does not say that it needs the feature ${feature}" >&2
    exit 1
  fi
  echo "   $1: marked as needing ${feature}"
}
check_marked captcha_errors/problem_details/index.html serde
check_marked captcha_errors/enum.ErrorCode.html http
check_marked captcha_verify/guard/index.html axum
echo "packages: ok"
