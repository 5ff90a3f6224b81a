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
    type Response = BoundedStream<C::Response>;
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
                _permit: permit,
            })
        })
    }
}

/// A connection that gives its permit back when it closes.
#[derive(Debug)]
pub(crate) struct BoundedStream<T> {
    inner: T,
    _permit: OwnedSemaphorePermit,
}

impl<T: Read + Unpin> Read for BoundedStream<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin> Write for BoundedStream<T> {
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

impl<T: Connection> Connection for BoundedStream<T> {
    fn connected(&self) -> Connected {
        self.inner.connected()
    }
}
