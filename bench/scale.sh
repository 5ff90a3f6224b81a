#!/usr/bin/env bash
# Reproduces the scale figures of issues 11 and 20 on this machine: synthetic catalogs of
# 6, 1,000 and 10,000 codes of each shape (`cargo xtask synth --shape S`: registry, the
# shape issue 11 measured; holdout, issue 20's; short, F001 to F9999; long, dotted codes
# of 30 to 60 bytes under long shared prefixes), and for each
#   size          generated Rust bytes against catalog bytes
#   gen           `xtask gen` wall time, CPU time and peak memory (GNU time)
#   instructions  `from_code` instructions per lookup (valgrind's callgrind): hits, misses
#                 of a key's length (its middle byte changed), near misses (one byte
#                 changed, added or dropped, in turn) and issue 20's mix (three hits to
#                 one near miss)
#   build         a dependent's clean build against the crate with each shape's
#                 10,000-code catalog added, against the crate as it is, and against a
#                 hand-written 6-code `match` crate
#   rustc         the instructions rustc spends compiling the crate as it is, and the
#                 hand-written crate, as a dependent's release build compiles them
#                 (callgrind: unlike a build's time, the same on every run)
#
# usage: bench/scale.sh [size|gen|instructions|build|rustc|all]...   (default: all)
# environment:
#   SCALE_WORK=DIR   scratch folder (default: target/scale), emptied first
#   RUNS=N           interleaved clean builds per figure; the median is shown (default: 3)
#   BASELINE=REV     also measure size, gen and instructions with the generator of git
#                    revision REV (for example HEAD, before the working tree's changes)
#   SHAPES="A B"     the shapes (default: registry holdout short long)
#   SIZES="N M"      the numbers of codes (default: 6 1000 10000; `build` needs 10000)
#   PROFILES="P"     the profiles of `build` (default: debug release)
#
# Needs cargo, valgrind (callgrind_annotate), GNU time at /usr/bin/time and bc. Builds
# run offline: the crates it makes have no dependencies but captcha-errors.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${SCALE_WORK:-$root/target/scale}"
runs="${RUNS:-3}"
read -r -a sizes <<<"${SIZES:-6 1000 10000}"
read -r -a shapes <<<"${SHAPES:-registry holdout short long}"
read -r -a profiles <<<"${PROFILES:-debug release}"
target="${CARGO_TARGET_DIR:-$root/target}"
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(all)

wants() {
  local section
  for section in "${sections[@]}"; do
    [ "$section" = all ] || [ "$section" = "$1" ] && return 0
  done
  return 1
}

# The median of column `$2` of the file `$1`.
median() {
  awk -v column="$2" '{print $column}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# The median over runs of the ratio of column `$3` of file `$1` to that of file `$2`, line
# by line: builds interleaved in one run share its load.
median_ratio() {
  paste -d' ' "$1" "$2" | awk -v column="$3" '{printf "%.2f\n", $column / $(column + 2)}' |
    sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

rm -rf "$work"
mkdir -p "$work"
echo "== building xtask (release)"
(cd "$root" && cargo build --quiet --release -p xtask)
xtask="$target/release/xtask"

# Every catalog's name: SHAPE_N, which is also its module's.
catalogs=()
for shape in "${shapes[@]}"; do
  for codes in "${sizes[@]}"; do
    catalogs+=("${shape}_$codes")
  done
done

# Catalogs and their generated modules, with the generator `$1` (an xtask binary) run in
# the checkout `$2`, into "$work/$3-SHAPE_N".
generate() {
  local bin="$1" checkout="$2" prefix="$3" name
  for name in "${catalogs[@]}"; do
    mkdir -p "$work/$prefix-$name"
    (cd "$checkout" && "$bin" gen --catalog "$work/catalogs/$name.toml" \
      --out "$work/$prefix-$name" >/dev/null)
  done
}

mkdir -p "$work/catalogs"
for shape in "${shapes[@]}"; do
  for codes in "${sizes[@]}"; do
    (cd "$root" && "$xtask" synth --codes "$codes" --shape "$shape" --module "${shape}_$codes" \
      --out "$work/catalogs/${shape}_$codes.toml" >/dev/null)
  done
done
generate "$xtask" "$root" gen

baseline_xtask=""
if [ -n "${BASELINE:-}" ]; then
  echo "== building the baseline generator of $BASELINE"
  mkdir -p "$work/baseline"
  git -C "$root" archive "$BASELINE" | tar -x -C "$work/baseline"
  (cd "$work/baseline" && CARGO_TARGET_DIR="$work/baseline/target" cargo build --quiet --release -p xtask)
  baseline_xtask="$work/baseline/target/release/xtask"
  generate "$baseline_xtask" "$work/baseline" base
fi

module() { echo "$work/$1-$2/captcha-errors/src/generated/$2.rs"; }

if wants size; then
  echo
  echo "== generated Rust against catalog, bytes"
  for name in "${catalogs[@]}"; do
    catalog=$(wc -c <"$work/catalogs/$name.toml")
    rust=$(wc -c <"$(module gen "$name")")
    line="$name: catalog $catalog, Rust $rust, ratio $(echo "scale=2; $rust / $catalog" | bc)"
    if [ -n "$baseline_xtask" ]; then
      line="$line (baseline Rust $(wc -c <"$(module base "$name")"))"
    fi
    echo "$line"
  done
fi

# Wall seconds and peak MiB of `xtask gen` with binary `$1` in checkout `$2`, for the
# catalog `$3`: the medians of RUNS runs.
time_gen() {
  local out="$work/time-gen" record="$work/gen-times.txt" run
  rm -f "$record"
  for run in $(seq "$runs"); do
    rm -rf "$out"
    mkdir -p "$out"
    (cd "$2" && /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$1" gen \
      --catalog "$work/catalogs/$3.toml" --out "$out" >/dev/null)
    # Wall, peak memory and CPU (user + system, which the load of a shared machine
    # disturbs less than the wall time).
    awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$work/time.txt" >>"$record"
  done
  echo "wall $(median "$record" 1) s, CPU $(median "$record" 3) s," \
    "peak $(echo "scale=1; $(median "$record" 2) / 1024" | bc) MiB (medians of $runs runs)"
}

if wants gen; then
  echo
  echo "== xtask gen --catalog SHAPE_N.toml --out DIR (/usr/bin/time)"
  for name in "${catalogs[@]}"; do
    echo "$name: $(time_gen "$xtask" "$root" "$name")"
    if [ -n "$baseline_xtask" ]; then
      echo "$name, baseline: $(time_gen "$baseline_xtask" "$work/baseline" "$name")"
    fi
  done
fi

# A program that looks up every key of one table (or a near miss of each, or a mix: see
# `probes`), ROUNDS times, through `lookup_TABLE`, a function callgrind counts alone.
write_harness() {
  local dir="$1" prefix="$2" crate="$3"
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<EOF
[package]
name = "harness"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
captcha-errors = { path = "$crate" }

[workspace]
EOF
  {
    echo '#![allow(dead_code)]'
    echo 'use std::hint::black_box;'
    if [ -f "$crate/src/impls.rs" ]; then
      # A generator before the written-out impls (a BASELINE): its modules call macros.
      echo 'pub use captcha_errors::{CatalogRow, WireCode, __private, __table_impls, __word_impls};'
      echo 'macro_rules! serde_as_wire { ($($any:tt)*) => {}; }'
      echo 'macro_rules! http_status_code { ($($any:tt)*) => {}; }'
      echo 'pub(crate) use {http_status_code, serde_as_wire};'
    else
      echo 'pub use captcha_errors::{CatalogRow, UnknownValue, WireCode, OTHER_LABEL, __private};'
    fi
    for name in "${catalogs[@]}"; do
      echo "#[path = \"$(module "$prefix" "$name")\"] mod $name;"
      echo "#[inline(never)] fn lookup_$name(key: &str) -> Option<$name::SynthCode> { $name::SynthCode::from_code(key) }"
    done
    echo '#[inline(never)] fn lookup_real(key: &str) -> Option<captcha_errors::ErrorCode> { captcha_errors::ErrorCode::from_code(key) }'
    cat <<'EOF'
/// The probes of `kind` for `keys`: `hit`, the keys; `miss`, each with its middle byte
/// changed; `near`, each with one byte changed, added or dropped (in turn, at a place
/// that moves along the key); `mix`, issue 20's hold-out mix: every fourth probe a near
/// miss, the others hits.
fn probes(keys: Vec<&'static str>, kind: &str) -> Vec<String> {
    let near = |index: usize, key: &str| {
        let mut bytes = key.as_bytes().to_vec();
        let at = (index * 7) % bytes.len();
        match index % 3 {
            0 => bytes[at] ^= 1,
            1 => bytes.insert(at, b'x'),
            _ => {
                bytes.remove(at);
            }
        }
        bytes
    };
    let mut probes: Vec<String> = keys
        .into_iter()
        .enumerate()
        .map(|(index, key)| {
            let mut bytes = key.as_bytes().to_vec();
            match kind {
                "hit" => {}
                "miss" => {
                    let middle = bytes.len() / 2;
                    bytes[middle] ^= 1;
                }
                "near" => bytes = near(index, key),
                "mix" if index % 4 == 3 => bytes = near(index / 4, key),
                "mix" => {}
                other => panic!("no probes {other}"),
            }
            String::from_utf8(bytes).expect("ASCII")
        })
        .collect();
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    for index in (1..probes.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        probes.swap(index, (state % (index as u64 + 1)) as usize);
    }
    probes
}
fn run<T>(probes: &[String], rounds: usize, lookup: fn(&str) -> Option<T>) -> usize {
    let mut found = 0;
    for _ in 0..rounds {
        for probe in probes {
            found += usize::from(black_box(lookup(black_box(probe))).is_some());
        }
    }
    found
}
macro_rules! table {
    ($ty:ty, $lookup:ident, $kind:expr, $rounds:expr) => {
        run(&probes(<$ty>::ALL.iter().map(|row| row.as_str()).collect(), $kind), $rounds, $lookup)
    };
}
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (kind, rounds) = (args[2].as_str(), args[3].parse().expect("rounds"));
    let found = match args[1].as_str() {
        "real" => table!(captcha_errors::ErrorCode, lookup_real, kind, rounds),
EOF
    for name in "${catalogs[@]}"; do
      echo "        \"$name\" => table!($name::SynthCode, lookup_$name, kind, rounds),"
    done
    cat <<'EOF'
        other => panic!("no table {other}"),
    };
    println!("{found}");
}
EOF
  } >"$dir/src/main.rs"
  (cd "$dir" && CARGO_TARGET_DIR="$dir/target" cargo build --quiet --release --offline)
}

# Instructions callgrind counts inside lookup_TABLE for ROUNDS rounds.
collected() {
  local bin="$1" table="$2" kind="$3" rounds="$4" out="$work/callgrind.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="*lookup_$table" \
    "$bin" "$table" "$kind" "$rounds" >/dev/null 2>&1
  callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",", "", $1); print $1}'
}

# Instructions per lookup: the difference between 110 and 10 rounds, so that one-time
# costs (the first call's symbol binding, page faults) cancel out.
per_lookup() {
  local bin="$1" table="$2" kind="$3" rows="${2##*_}"
  [ "$table" = real ] && rows=6
  local few many
  few=$(collected "$bin" "$table" "$kind" 10)
  many=$(collected "$bin" "$table" "$kind" 110)
  echo "scale=1; ($many - $few) / ($rows * 100)" | bc
}

instructions() {
  local bin="$1" label="$2" table
  for table in real "${catalogs[@]}"; do
    local name="$table"
    [ "$table" = real ] && name="ErrorCode (6 codes)"
    echo "$label $name: hits $(per_lookup "$bin" "$table" hit), misses $(per_lookup "$bin" "$table" miss)," \
      "near misses $(per_lookup "$bin" "$table" near), mix $(per_lookup "$bin" "$table" mix)"
  done
}

if wants instructions; then
  echo
  echo "== from_code, instructions per lookup (callgrind, release build)"
  write_harness "$work/harness" gen "$root/captcha-errors"
  instructions "$work/harness/target/release/harness" now
  if [ -n "$baseline_xtask" ]; then
    write_harness "$work/harness-base" base "$work/baseline/captcha-errors"
    instructions "$work/harness-base/target/release/harness" baseline
  fi
fi

# A crate `$1` that depends on `$2` (a path) and runs `$3` (Rust statements).
write_dependent() {
  mkdir -p "$1/src"
  printf '[package]\nname = "dependent"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' "$2" >"$1/Cargo.toml"
  printf 'fn main() {\n    let text = std::env::args().nth(1).unwrap_or_default();\n%s\n}\n' "$3" >"$1/src/main.rs"
}

# One clean build of the dependent in `$1` with cargo flags `$2`; appends "wall cpu" (CPU
# is user + system, which other work on the machine disturbs less) to the file `$3`.
clean_build() {
  local dir="$1" flags="$2" record="$3" start end
  rm -rf "$dir/target"
  start=$(date +%s%N)
  (cd "$dir" && CARGO_TARGET_DIR="$dir/target" /usr/bin/time -f "%U %S" -o "$work/time.txt" \
    cargo build --quiet --offline $flags)
  end=$(date +%s%N)
  # Wall time to the millisecond (GNU time's is to the hundredth of a second, which is 5%
  # of the hand-written crate's build); CPU time as GNU time gives it.
  awk -v wall="$(((end - start) / 1000000))" '{printf "%.3f %.2f\n", wall / 1000, $1 + $2}' \
    "$work/time.txt" >>"$record"
}

# The hand-written crate: six error codes in a `match`, the smallest crate that does the
# same job as the generated `ErrorCode`.
write_handwritten() {
  mkdir -p "$work/handwritten/src"
  printf '[package]\nname = "handwritten"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n' >"$work/handwritten/Cargo.toml"
  cat >"$work/handwritten/src/lib.rs" <<'EOF'
//! Six error codes, written by hand: the smallest crate that does the same job.
use core::fmt;

/// An error code of the Captcha 2.0 initialization API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    IllegalUserTag,
    IllegalCertifyId,
    IllegalScene,
    ForbiddenAccountAccessDenied,
    Throttling,
    ThrottlingByStrategy,
}

impl ErrorCode {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "IllegalUserTag" => Some(Self::IllegalUserTag),
            "IllegalCertifyId" => Some(Self::IllegalCertifyId),
            "IllegalScene" => Some(Self::IllegalScene),
            "Forbidden.AccountAccessDenied" => Some(Self::ForbiddenAccountAccessDenied),
            "Throttling" => Some(Self::Throttling),
            "ThrottlingByStrategy" => Some(Self::ThrottlingByStrategy),
            _ => None,
        }
    }

    pub fn http_status(self) -> u16 {
        match self {
            Self::ForbiddenAccountAccessDenied => 403,
            Self::Throttling | Self::ThrottlingByStrategy => 429,
            _ => 400,
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::IllegalUserTag => "The user tag (prefix) parameter is invalid.",
            Self::IllegalCertifyId => "The format of the custom certifyId parameter is invalid.",
            Self::IllegalScene => "The scene ID (SceneId) parameter is invalid.",
            Self::ForbiddenAccountAccessDenied => "The user account has an overdue payment.",
            Self::Throttling => "API rate limiting is triggered.",
            Self::ThrottlingByStrategy => "Initialization request rate limiting is triggered.",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

impl std::error::Error for ErrorCode {}
EOF
}

if wants build; then
  echo
  echo "== a dependent's clean build, default features (median of $runs interleaved runs; load: $(cut -d' ' -f1-3 /proc/loadavg))"
  dependents=()
  for shape in "${shapes[@]}"; do
    # A copy of the checkout with the shape's 10,000-code catalog added.
    copy="$work/checkout-${shape}_10000"
    mkdir -p "$copy"
    (cd "$root" && git ls-files -z --cached --others --exclude-standard) |
      (cd "$root" && xargs -0 -I{} sh -c 'test -f "{}" && mkdir -p "'"$copy"'/$(dirname "{}")" && cp "{}" "'"$copy"'/{}"')
    cp "$work/catalogs/${shape}_10000.toml" "$copy/catalog/"
    (cd "$copy" && "$xtask" gen >/dev/null)
    write_dependent "$work/dep-${shape}_10000" "captcha-errors = { path = \"$copy/captcha-errors\" }" \
      "    let code = captcha_errors::${shape}_10000::SynthCode::from_code(&text);
    println!(\"{:?}\", code.map(|code| (code.http_status(), code.description())));"
    dependents+=("dep-${shape}_10000")
  done
  write_dependent "$work/dep-real" "captcha-errors = { path = \"$root/captcha-errors\" }" \
    '    let code = captcha_errors::ErrorCode::from_code(&text);
    println!("{:?}", code.map(|code| (code.http_status(), code.description())));'
  write_handwritten
  write_dependent "$work/dep-handwritten" "handwritten = { path = \"$work/handwritten\" }" \
    '    let code = handwritten::ErrorCode::from_code(&text);
    println!("{:?}", code.map(|code| (code.http_status(), code.description())));'
  dependents+=(dep-real dep-handwritten)
  # Interleaved: each run builds every dependent in each profile, so that a change of
  # load on the machine touches all of them alike.
  rm -f "$work"/times-*
  for run in $(seq "$runs"); do
    for dependent in "${dependents[@]}"; do
      for profile in "${profiles[@]}"; do
        flags=""
        [ "$profile" = release ] && flags=--release
        clean_build "$work/$dependent" "$flags" "$work/times-$dependent-$profile"
      done
    done
  done
  for dependent in "${dependents[@]}"; do
    line="$dependent:"
    for profile in "${profiles[@]}"; do
      times="$work/times-$dependent-$profile"
      line="$line $profile $(median "$times" 1) s wall, $(median "$times" 2) s CPU;"
    done
    echo "$line"
  done
  for profile in "${profiles[@]}"; do
    echo "real crate / hand-written, $profile: $(median_ratio "$work/times-dep-real-$profile" \
      "$work/times-dep-handwritten-$profile" 1)x wall, $(median_ratio \
      "$work/times-dep-real-$profile" "$work/times-dep-handwritten-$profile" 2)x CPU (median of per-run ratios)"
  done
fi

# Instructions of one `rustc` run on the library `$1` (a crate root), with the flags
# cargo passes for a dependency in a release build.
rustc_instructions() {
  local out="$work/rustc-out"
  rm -rf "$out"
  mkdir -p "$out"
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
    "$(rustc --print sysroot)/bin/rustc" --crate-name "$2" --edition=2021 "$1" \
    --crate-type lib --emit=dep-info,metadata,link -C opt-level=3 -C embed-bitcode=no \
    -C strip=debuginfo --out-dir "$out" 2>&1 | awk '/Collected/ {printf "%.1f M", $4 / 1e6}'
}

if wants rustc; then
  echo
  echo "== rustc compiling a library, release flags (callgrind, instructions)"
  write_handwritten
  echo "captcha-errors as it is: $(rustc_instructions "$root/captcha-errors/src/lib.rs" captcha_errors)"
  echo "hand-written 6-code crate: $(rustc_instructions "$work/handwritten/src/lib.rs" handwritten)"
fi
