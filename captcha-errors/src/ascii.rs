//! A byte-class table the generated validators use: a lookup is cheaper than a chain
//! of range comparisons, and it lets a fixed-length check run without branches.

/// Whether each byte value is an ASCII letter or digit.
// Used by the generated code only when the catalog has a `certify_id` rule.
#[allow(dead_code)]
pub(crate) const ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_predicate_for_every_byte() {
        for byte in 0..=u8::MAX {
            assert_eq!(
                ALPHANUMERIC[usize::from(byte)],
                byte.is_ascii_alphanumeric()
            );
        }
    }
}
