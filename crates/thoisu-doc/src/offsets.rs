use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Maps byte offsets of a normalized text back to byte offsets of its original.
///
/// Normalization copies most of the text unchanged and rewrites a few short units (a
/// decomposed letter, a curly quote, a zero-width space). The map stores one segment per
/// run: a *copied* segment maps linearly; a *rewritten* segment maps only its two ends.
/// Both directions are monotonic, so a span of the normalized text maps to a span of the
/// original that covers the same characters.
///
/// ```
/// use thoisu_doc::OffsetMap;
///
/// // "“Nga”" normalized to "\"Nga\"": each curly quote (3 bytes) became 1 byte.
/// let mut b = OffsetMap::builder();
/// b.rewrite(3, 1);
/// b.copy(3);
/// b.rewrite(3, 1);
/// let map = b.finish();
/// assert_eq!(map.to_original_start(1), 3);
/// assert_eq!(map.to_original_end(4), 6);
/// assert_eq!(map.to_original_end(5), 9);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OffsetMap {
    /// Segments as `[normalized_start, original_start, copied]` (copied is 1 or 0),
    /// sorted by both offsets.
    segments: Vec<[usize; 3]>,
    /// Length of the normalized text.
    normalized_len: usize,
    /// Length of the original text.
    original_len: usize,
}

/// Builds an [`OffsetMap`] while a normalizer walks the text from start to end.
#[derive(Debug, Default)]
pub struct OffsetMapBuilder {
    map: OffsetMap,
}

impl OffsetMapBuilder {
    /// `len` bytes were copied unchanged.
    pub fn copy(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        let m = &mut self.map;
        let extends = matches!(m.segments.last(), Some(s) if s[2] == 1);
        if !extends {
            m.segments.push([m.normalized_len, m.original_len, 1]);
        }
        m.normalized_len += len;
        m.original_len += len;
    }

    /// `original_len` bytes were rewritten as `normalized_len` bytes (either may be 0).
    pub fn rewrite(&mut self, original_len: usize, normalized_len: usize) {
        if original_len == 0 && normalized_len == 0 {
            return;
        }
        let m = &mut self.map;
        m.segments.push([m.normalized_len, m.original_len, 0]);
        m.normalized_len += normalized_len;
        m.original_len += original_len;
    }

    /// The finished map.
    pub fn finish(self) -> OffsetMap {
        self.map
    }
}

impl OffsetMap {
    /// A builder for a new map.
    pub fn builder() -> OffsetMapBuilder {
        OffsetMapBuilder::default()
    }

    /// The map of a text that normalization left unchanged.
    pub fn identity(len: usize) -> OffsetMap {
        let mut b = OffsetMap::builder();
        b.copy(len);
        b.finish()
    }

    /// Length of the normalized text the map was built for.
    pub fn normalized_len(&self) -> usize {
        self.normalized_len
    }

    /// Length of the original text the map was built for.
    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Whether the normalized text is the original, byte for byte.
    pub fn is_identity(&self) -> bool {
        self.segments.len() <= 1 && self.segments.iter().all(|s| s[2] == 1)
    }

    /// Original offset of a normalized offset used as the start of a span.
    pub fn to_original_start(&self, pos: usize) -> usize {
        if pos >= self.normalized_len {
            return self.original_len;
        }
        // Last segment starting at or before pos (rewrites to nothing are skipped over).
        let i = self.segments.partition_point(|s| s[0] <= pos);
        let seg = self.segments[i - 1];
        self.map_in(i - 1, seg, pos)
    }

    /// Original offset of a normalized offset used as the end of a span.
    pub fn to_original_end(&self, pos: usize) -> usize {
        let pos = pos.min(self.normalized_len);
        if pos == 0 {
            return 0;
        }
        // The segment holding the byte just before pos.
        let i = self.segments.partition_point(|s| s[0] < pos);
        let seg = self.segments[i - 1];
        if seg[2] == 0 {
            return self.segment_original_end(i - 1);
        }
        self.map_in(i - 1, seg, pos)
    }

    fn map_in(&self, i: usize, seg: [usize; 3], pos: usize) -> usize {
        if seg[2] == 0 {
            return seg[1];
        }
        (seg[1] + (pos - seg[0])).min(self.segment_original_end(i))
    }

    fn segment_original_end(&self, i: usize) -> usize {
        self.segments
            .get(i + 1)
            .map_or(self.original_len, |next| next[1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let map = OffsetMap::identity(10);
        for i in 0..=10 {
            assert_eq!(map.to_original_start(i), i);
            assert_eq!(map.to_original_end(i), i);
        }
        assert!(map.is_identity());
    }

    #[test]
    fn deleted_invisible_character_is_skipped() {
        // "abc\u{200B} def" -> "abc def"
        let mut b = OffsetMap::builder();
        b.copy(3);
        b.rewrite(3, 0);
        b.copy(4);
        let map = b.finish();
        assert_eq!(map.to_original_end(3), 3);
        assert_eq!(map.to_original_start(3), 6);
        assert_eq!(map.to_original_start(4), 7);
        assert_eq!(map.to_original_end(7), 10);
    }

    #[test]
    fn empty_map_is_safe() {
        let map = OffsetMap::default();
        assert_eq!(map.to_original_start(0), 0);
        assert_eq!(map.to_original_end(0), 0);
        assert_eq!(map.to_original_end(5), 0);
    }
}
