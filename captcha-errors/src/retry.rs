//! Hand-written additions to the generated init types: facts derived from a column
//! rather than stored in one.

use crate::{ErrorCode, Retry};

impl ErrorCode {
    /// Whether retrying later can succeed without changing anything: the retry advice
    /// is anything but [`Retry::Never`].
    #[inline]
    pub const fn is_retryable(self) -> bool {
        !matches!(self.retry(), Retry::Never)
    }
}
