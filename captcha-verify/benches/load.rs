//! 1,000 verifications at once through one pooled client, against the stand-in on loopback
//! behind a counting TCP proxy, on one multi-thread Tokio runtime: five rounds with
//! `max_connections(32)`, then five with the default bound (64). Each round uses a fresh
//! stand-in, proxy and client, and prints the outcomes, the requests the stand-in received,
//! the connections the proxy accepted (in all and at most at once), the wall time and
//! throughput, the per-call latency (p50, p99, max; waiting for a free connection included)
//! and the process's peak resident memory (`VmHWM`) before and after.
//!
//! It panics, after printing, when a round fails a check: an outcome lost or not the one its
//! own value asked for (code and certify id), a request id seen twice, the stand-in
//! receiving other than one request per call, or more connections than the bound.
//! The round and its checks are in `tests/load.rs`, which also runs a small one as a test.
//!
//! Run with `cargo bench -p captcha-verify --bench load`.

#[path = "../tests/load.rs"]
mod load;

const CALLS: usize = 1_000;
const ROUNDS: usize = 5;

/// A `kB` line of `/proc/self/status` (Linux only), in MiB.
fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kib: f64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn memory() -> String {
    match (status_mib("VmHWM:"), status_mib("VmRSS:")) {
        (Some(hwm), Some(rss)) => format!("VmHWM {hwm:.1} MiB (VmRSS {rss:.1} MiB)"),
        _ => "VmHWM unknown (no /proc/self/status)".to_owned(),
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    let threads = std::thread::available_parallelism().map_or(0, |threads| threads.get());
    println!("{CALLS} calls a round, {ROUNDS} rounds a bound, {threads} runtime worker threads");
    println!("at start: {}", memory());
    let mut failed = Vec::new();
    for (name, max_connections) in [("max_connections 32", Some(32)), ("default (64)", None)] {
        for round_number in 1..=ROUNDS {
            let before = memory();
            let round = runtime.block_on(load::run_round(CALLS, max_connections));
            println!("{name}, round {round_number}/{ROUNDS}: {round}");
            println!("    memory before {before}, after {}", memory());
            let failures: Vec<String> = round
                .failures
                .iter()
                .cloned()
                .chain(round.unbounded())
                .collect();
            for failure in failures.iter().take(5) {
                println!("    FAILED: {failure}");
            }
            if !failures.is_empty() {
                failed.push(format!(
                    "{name}, round {round_number}: {} checks failed",
                    failures.len()
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}
