//! The file format shared by the corpus-derived tables (`ner-caps.bin`,
//! `ner-clusters.bin`): deflate of a little-endian `u32` record count, then the records,
//! all of one length.

use std::io::{Read, Write};

use crate::Error;

/// Packs `count` records, already serialized into `records`.
pub(crate) fn pack(count: usize, records: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(records.len() + 4);
    raw.extend_from_slice(&(count as u32).to_le_bytes());
    raw.extend_from_slice(records);
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(&raw);
    enc.finish().unwrap_or_default()
}

/// The records of a packed table (`what` names it in errors), checked to be `count`
/// records of `len` bytes.
pub(crate) fn unpack(bytes: &[u8], what: &str, len: usize) -> Result<Vec<u8>, Error> {
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(bytes)
        .read_to_end(&mut raw)
        .map_err(|e| Error::model(format!("{what}: {e}")))?;
    let n = raw
        .get(..4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])) as usize;
    if raw.len() != 4 + n * len {
        return Err(Error::model(format!("{what}: wrong length")));
    }
    raw.drain(..4);
    Ok(raw)
}
