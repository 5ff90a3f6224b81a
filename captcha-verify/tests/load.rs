//! Many verifications at once through one pooled client, against the stand-in behind a
//! counting TCP proxy: every call gets an outcome, each outcome is the one its own value
//! asked for (code and certify id, so no call got another's answer), the stand-in receives
//! exactly one request per call (no retries), and the calls share the pool's connections
//! (the proxy reports how many it saw; the exact bound on sockets alive is checked where they
//! live, in the connector's unit test).
//!
//! The round itself lives here and `benches/load.rs` includes this file (`#[path]`) to run
//! it at 1,000 calls and print the timings; here it runs small and asserts no timing.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use captcha_errors::api::ApiError;
use captcha_errors::verify::VerifyCode;
use captcha_verify::client::DEFAULT_MAX_CONNECTIONS;
use captcha_verify::standin::Standin;
use captcha_verify::{Client, Credentials, EndpointUrl, Outcome, SceneId};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// Long enough that waiting for a free connection never turns a call into a timeout.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// How long to wait after the last outcome before reading the proxy's counts, so that a
/// connection the pool opened in the background and never used is counted too.
const SETTLE: Duration = Duration::from_millis(200);

/// The test value of call `call`: it names the call's own certify id, or (for the api
/// error) gets a request id no other answer has.
pub fn value(call: usize) -> String {
    match call % 4 {
        0 => format!("standin:T001:cert-{call}"),
        1 => format!("standin:F008:cert-{call}"),
        2 => "standin:api:Throttling".to_owned(),
        _ => format!("standin:once:cert-{call}"),
    }
}

/// Whether `outcome` is the answer `value(call)` asks for.
fn is_own_answer(call: usize, outcome: &Outcome) -> bool {
    let certify_id = format!("cert-{call}");
    match (call % 4, outcome) {
        (0 | 3, Outcome::Passed(passed)) => {
            passed.code.known() == Some(VerifyCode::T001) && passed.certify_id == certify_id
        }
        (1, Outcome::Refused(refused)) => {
            refused.code.known() == Some(VerifyCode::F008) && refused.certify_id == certify_id
        }
        (2, Outcome::ApiError(failure)) => {
            failure.code.known() == Some(ApiError::Throttling)
                && failure.status == ApiError::Throttling.http_status()
        }
        _ => false,
    }
}

/// A TCP proxy in front of the stand-in that counts the connections it accepts, in all and
/// at most open at once. Dropping it closes its listener and its connections.
pub struct CountingProxy {
    address: SocketAddr,
    counts: Arc<Counts>,
    accept_loop: JoinHandle<()>,
}

#[derive(Default)]
struct Counts {
    accepted: AtomicUsize,
    open: AtomicUsize,
    most_open: AtomicUsize,
}

impl CountingProxy {
    /// Listens on a free loopback port and forwards every connection to `target`.
    pub async fn start(target: SocketAddr) -> std::io::Result<CountingProxy> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let counts = Arc::new(Counts::default());
        let accept_loop = tokio::spawn(forward(listener, target, Arc::clone(&counts)));
        Ok(CountingProxy {
            address,
            counts,
            accept_loop,
        })
    }

    /// The proxy's URL, for the client.
    pub fn endpoint(&self) -> EndpointUrl {
        EndpointUrl::custom(&format!("http://{}", self.address)).expect("an address is a URL")
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.counts.accepted.load(Ordering::SeqCst)
    }

    /// The most connections that were open at once.
    pub fn most_open(&self) -> usize {
        self.counts.most_open.load(Ordering::SeqCst)
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

async fn forward(listener: TcpListener, target: SocketAddr, counts: Arc<Counts>) {
    // Dropped with the accept loop, which aborts every connection still forwarded.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((mut inbound, _)) = accepted else { continue };
                counts.accepted.fetch_add(1, Ordering::SeqCst);
                let open = counts.open.fetch_add(1, Ordering::SeqCst) + 1;
                counts.most_open.fetch_max(open, Ordering::SeqCst);
                let counts = Arc::clone(&counts);
                connections.spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(target).await {
                        let _ = inbound.set_nodelay(true);
                        let _ = outbound.set_nodelay(true);
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                    counts.open.fetch_sub(1, Ordering::SeqCst);
                });
            }
            Some(_) = connections.join_next() => {}
        }
    }
}

/// What one round of concurrent calls came to.
pub struct Round {
    /// The calls launched.
    pub calls: usize,
    /// The pool's bound on connections.
    pub bound: usize,
    /// The outcomes that came back.
    pub outcomes: usize,
    /// Requests the stand-in received.
    pub requests: u64,
    /// Connections the proxy accepted, in all.
    pub accepted: usize,
    /// The most connections open at once.
    pub most_open: usize,
    /// Each call's time in `verify`, waiting for a connection included; sorted.
    pub latencies: Vec<Duration>,
    /// From the first launch to the last outcome.
    pub wall: Duration,
    /// Every check of the outcomes and requests that failed, as a sentence. (The bound on
    /// connections is checked where the sockets live, by the connector's unit test: this
    /// proxy learns of a close only after the client has closed, so it can count a new
    /// connection before the one it replaces.)
    pub failures: Vec<String>,
}

impl Round {
    /// Far more connections than the bound: the pool is not bounding at all (without the
    /// bound, every waiting call would open its own). The exact bound on sockets alive is
    /// the connector's unit test; this outside view can only lag behind it.
    pub fn unbounded(&self) -> Option<String> {
        (self.accepted > 2 * self.bound).then(|| {
            format!(
                "the stand-in was reached over {} connections ({} open at once) with a bound \
                 of {}",
                self.accepted, self.most_open, self.bound
            )
        })
    }

    /// The latency at `percent` (nearest rank).
    pub fn percentile(&self, percent: usize) -> Duration {
        let rank = (self.latencies.len() * percent).div_ceil(100).max(1);
        self.latencies[rank - 1]
    }

    /// The slowest call.
    pub fn max(&self) -> Duration {
        self.latencies.last().copied().unwrap_or_default()
    }

    /// Calls completed per second of wall time.
    pub fn throughput(&self) -> f64 {
        self.outcomes as f64 / self.wall.as_secs_f64()
    }
}

/// Launches `calls` verifications at once on one client (`max_connections` or the default
/// bound) through a fresh stand-in and proxy, and checks what came back.
pub async fn run_round(calls: usize, max_connections: Option<usize>) -> Round {
    let credentials = Credentials::new("load-test-id", "load-test-secret");
    let standin = Standin::bind("127.0.0.1:0", credentials.clone())
        .await
        .expect("the stand-in binds a loopback port");
    let proxy = CountingProxy::start(standin.local_addr())
        .await
        .expect("the proxy binds a loopback port");
    let mut builder = Client::builder(credentials)
        .endpoint(proxy.endpoint())
        .timeout(CALL_TIMEOUT);
    if let Some(max) = max_connections {
        builder = builder.max_connections(max);
    }
    let bound = max_connections.unwrap_or(DEFAULT_MAX_CONNECTIONS);
    let client = builder.build().expect("the client builds");
    let scene = Arc::new(SceneId::new("load0001").expect("a valid scene id"));

    let started = Instant::now();
    let mut running = JoinSet::new();
    for call in 0..calls {
        let client = client.clone();
        let scene = Arc::clone(&scene);
        running.spawn(async move {
            let value = value(call);
            let start = Instant::now();
            let outcome = client.verify(&scene, &value).await;
            (call, outcome, start.elapsed())
        });
    }
    let mut results = Vec::with_capacity(calls);
    while let Some(joined) = running.join_next().await {
        results.push(joined.expect("a verification task panicked"));
    }
    let wall = started.elapsed();
    tokio::time::sleep(SETTLE).await;

    let mut failures = Vec::new();
    let mut seen = vec![false; calls];
    let mut request_ids = HashSet::new();
    let mut latencies = Vec::with_capacity(calls);
    for (call, outcome, latency) in &results {
        latencies.push(*latency);
        if std::mem::replace(&mut seen[*call], true) {
            failures.push(format!("call {call} came back twice"));
        }
        if !is_own_answer(*call, outcome) {
            failures.push(format!(
                "call {call} ({}) came back as {outcome:?}",
                value(*call)
            ));
        }
        match outcome.request_id() {
            Some(id) if !request_ids.insert(id.to_owned()) => {
                failures.push(format!("call {call} got request id {id} a second time"));
            }
            Some(_) => {}
            None => failures.push(format!("call {call} has no request id: {outcome:?}")),
        }
    }
    let lost = seen.iter().filter(|seen| !**seen).count();
    if lost > 0 {
        failures.push(format!("{lost} of {calls} calls never came back"));
    }
    let requests = standin.requests_received();
    if requests != calls as u64 {
        failures.push(format!(
            "the stand-in received {requests} requests for {calls} calls"
        ));
    }
    let (accepted, most_open) = (proxy.accepted(), proxy.most_open());
    latencies.sort_unstable();
    Round {
        calls,
        bound,
        outcomes: results.len(),
        requests,
        accepted,
        most_open,
        latencies,
        wall,
        failures,
    }
}

impl std::fmt::Display for Round {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |duration: Duration| duration.as_secs_f64() * 1e3;
        write!(
            f,
            "{} of {} outcomes, {} failed checks; {} requests; {} connections (at most {} open, bound {}); \
             wall {:.1} ms, {:.0} calls/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.outcomes,
            self.calls,
            self.failures.len(),
            self.requests,
            self.accepted,
            self.most_open,
            self.bound,
            ms(self.wall),
            self.throughput(),
            ms(self.percentile(50)),
            ms(self.percentile(99)),
            ms(self.max()),
        )
    }
}

/// 200 calls at once over at most 8 connections: every call gets its own answer, and the
/// stand-in receives each request once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_calls_at_once_each_get_their_own_answer_once() {
    let round = run_round(200, Some(8)).await;
    println!("{round}");
    assert!(round.failures.is_empty(), "{:#?}", round.failures);
    assert_eq!(round.outcomes, 200);
    assert_eq!(round.requests, 200);
}

/// The same, seen from outside: 200 calls reach the stand-in over a handful of pooled
/// connections, not one each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_calls_at_once_share_the_pool() {
    let round = run_round(200, Some(8)).await;
    println!("{round}");
    assert_eq!(round.unbounded(), None);
}
