//! Hand-written additions to the generated init catalog's `ErrorCode`: facts derived
//! from a column rather than stored in one. (They name the init catalog's words, which
//! only a catalog-declared derived fact could move into the generated module.)

use crate::{ErrorCode, Retry};

impl ErrorCode {
    /// Whether retrying later can succeed without changing anything: the retry advice
    /// is anything but [`Retry::Never`].
    #[inline]
    pub const fn is_retryable(self) -> bool {
        !matches!(self.retry(), Retry::Never)
    }
}
