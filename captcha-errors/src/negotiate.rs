//! Placeholder until the negotiation branch lands.
#![allow(dead_code)]
pub(crate) struct Served<L> {
    pub(crate) locale: L,
    pub(crate) language: &'static str,
    pub(crate) scripts: &'static [&'static str],
    pub(crate) regions: &'static [&'static str],
}
pub(crate) fn negotiate<L: Copy>(_accept_language: &str, _served: &[Served<L>], fallback: L) -> L {
    fallback
}
