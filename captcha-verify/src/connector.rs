//! A connector that bounds the open connections: each connection holds a semaphore permit
//! for as long as it lives (in use or idle in the pool), so the client never has more than
//! `max_connections` sockets open, however the pool and the requests race. Bounding the
//! requests in flight alone is not enough: hyper returns a connection to its pool only after
//! the answer's body is read, in a task of its own, so a waiting request could open a new one.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::{Connected, Connection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Wraps a connector so that it waits for a permit before connecting.
#[derive(Clone, Debug)]
pub(crate) struct BoundedConnector<C> {
    inner: C,
    permits: Arc<Semaphore>,
}

impl<C> BoundedConnector<C> {
    /// At most `max` connections of `inner` open at once.
    pub(crate) fn new(inner: C, max: usize) -> Self {
        BoundedConnector {
            inner,
            permits: Arc::new(Semaphore::new(max)),
        }
    }
}

impl<C> tower_service::Service<Uri> for BoundedConnector<C>
where
    C: tower_service::Service<Uri> + Clone + Send + 'static,
    C::Future: Send,
    C::Response: Send,
    C::Error: Into<BoxError>,
{
    type Response = BoundedStream<C::Response, OwnedSemaphorePermit>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        // The clone that was driven to readiness connects.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let permits = Arc::clone(&self.permits);
        Box::pin(async move {
            let permit = permits.acquire_owned().await.map_err(Box::new)?;
            let stream = inner.call(uri).await.map_err(Into::into)?;
            Ok(BoundedStream {
                inner: stream,
                _guard: permit,
            })
        })
    }
}

/// A connection that gives its permit (`G`) back when it closes: the stream is dropped
/// first, then the guard.
#[derive(Debug)]
pub(crate) struct BoundedStream<T, G> {
    inner: T,
    _guard: G,
}

impl<T: Read + Unpin, G: Unpin> Read for BoundedStream<T, G> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin, G: Unpin> Write for BoundedStream<T, G> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }
}

impl<T: Connection, G> Connection for BoundedStream<T, G> {
    fn connected(&self) -> Connected {
        self.inner.connected()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use bytes::Bytes;
    use http_body_util::{BodyExt, Empty};
    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::rt::TokioExecutor;

    use crate::standin::Standin;
    use crate::Credentials;

    /// Counts the sockets alive (connected and not yet dropped) and the most at once.
    #[derive(Debug, Default)]
    struct Live {
        now: AtomicUsize,
        most: AtomicUsize,
        made: AtomicUsize,
    }

    /// Decrements [`Live::now`] when its connection is dropped.
    #[derive(Debug)]
    struct LiveGuard(Arc<Live>);

    impl Drop for LiveGuard {
        fn drop(&mut self) {
            self.0.now.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// An HTTP connector whose streams count themselves.
    #[derive(Clone, Debug)]
    struct Counting {
        inner: HttpConnector,
        live: Arc<Live>,
    }

    impl tower_service::Service<Uri> for Counting {
        type Response = BoundedStream<hyper_util::rt::TokioIo<tokio::net::TcpStream>, LiveGuard>;
        type Error = BoxError;
        type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
            self.inner.poll_ready(cx).map_err(Into::into)
        }

        fn call(&mut self, uri: Uri) -> Self::Future {
            let mut inner = self.inner.clone();
            let live = Arc::clone(&self.live);
            Box::pin(async move {
                let stream = inner.call(uri).await?;
                live.made.fetch_add(1, Ordering::SeqCst);
                let now = live.now.fetch_add(1, Ordering::SeqCst) + 1;
                live.most.fetch_max(now, Ordering::SeqCst);
                Ok(BoundedStream {
                    inner: stream,
                    _guard: LiveGuard(live),
                })
            })
        }
    }

    /// Counted where the sockets live, not by an observer that learns of a close late: many
    /// requests at once through the pool never have more than the bound of sockets alive.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn never_more_sockets_alive_than_the_bound() {
        const BOUND: usize = 4;
        let standin = Standin::bind("127.0.0.1:0", Credentials::new("id", "secret"))
            .await
            .unwrap();
        let live = Arc::new(Live::default());
        let connector = BoundedConnector::new(
            Counting {
                inner: HttpConnector::new(),
                live: Arc::clone(&live),
            },
            BOUND,
        );
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(BOUND)
            .build::<_, Empty<Bytes>>(connector);
        let uri: Uri = format!("http://{}/", standin.local_addr()).parse().unwrap();
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..200 {
            let client = client.clone();
            let uri = uri.clone();
            calls.spawn(async move {
                // Unsigned, so the stand-in answers IncompleteSignature: any answer will do.
                let response = client.get(uri).await.unwrap();
                response.into_body().collect().await.unwrap();
            });
        }
        while let Some(call) = calls.join_next().await {
            call.unwrap();
        }
        let most = live.most.load(Ordering::SeqCst);
        assert!(most <= BOUND, "{most} sockets alive at once, bound {BOUND}");
        assert!(most >= 1);
        assert_eq!(standin.requests_received(), 200);
    }
}
