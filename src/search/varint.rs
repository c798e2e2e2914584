//! LEB128 varints: the byte coding of postings and stored text (small numbers take one byte).

/// Writes `v` seven bits a byte, the high bit set on all but the last byte.
pub fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads the varint at `*at`, advancing `*at` past it. Bits beyond 32 are ignored, and a varint
/// cut short by the end of `bytes` reads as what it has.
pub fn get(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        if shift < 32 {
            v |= u32::from(b & 0x7f) << shift;
        }
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut out = Vec::new();
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
        for v in values {
            put(&mut out, v);
        }
        let mut at = 0;
        let back: Vec<u32> = values.iter().map(|_| get(&out, &mut at)).collect();
        assert_eq!(back, values);
        assert_eq!(at, out.len());
        assert_eq!(out.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5);
    }
}
