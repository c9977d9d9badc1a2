//! Streaming gzip (RFC 1952) decoding for bundles: members one after another (`cat a.gz b.gz`
//! makes a valid bundle), each inflated by miniz_oxide and checked against its CRC-32 and length.
//!
//! This is the framing around miniz_oxide that flate2 also provides. It is here because flate2
//! computes CRC-32 with crc32fast, whose 16 KiB of slice-by-16 tables cannot be left out of the
//! wasm module; a byte-wise table of 1 KiB checks a bundle far faster than it is inflated.

#[cfg(feature = "gzip")]
use miniz_oxide::inflate::stream::{inflate, InflateState};
#[cfg(feature = "gzip")]
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// Why a gzip stream was refused. Lines inflated before the problem stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GzipError {
    /// A member does not start with a gzip header (magic `1f 8b`, method 8, known flags).
    Header,
    /// The header's optional name, comment or extra field is longer than we keep.
    HeaderTooLong,
    /// The deflate data is corrupt.
    Deflate,
    /// The CRC-32 in a member's trailer does not match the inflated data.
    Checksum,
    /// The length in a member's trailer does not match the inflated data.
    Length,
    /// The input ends inside a member.
    Truncated,
    /// The stream inflates to more bytes than the limit allows (a "zip bomb" or a mislabelled file).
    TooLarge,
    /// This build was made without the `gzip` feature.
    Unsupported,
}

impl GzipError {
    pub fn message_en(&self) -> &'static str {
        match self {
            GzipError::Header => "not a gzip member header (a gzip file is gzip members one after another)",
            GzipError::HeaderTooLong => "gzip header longer than 64 KiB (file name, comment or extra field)",
            GzipError::Deflate => "corrupt deflate data in the gzip stream",
            GzipError::Checksum => "gzip member checksum (CRC-32) does not match its data",
            GzipError::Length => "gzip member length does not match its data",
            GzipError::Truncated => "the gzip stream ends early",
            GzipError::TooLarge => "the gzip stream inflates to more bytes than the limit",
            GzipError::Unsupported => "this build reads no gzip; decompress the bundle first",
        }
    }

    pub fn message_zh(&self) -> &'static str {
        match self {
            GzipError::Header => "不是 gzip 成员头（gzip 文件由若干 gzip 成员依次组成）",
            GzipError::HeaderTooLong => "gzip 头超过 64 KiB（文件名、注释或扩展字段）",
            GzipError::Deflate => "gzip 流中的 deflate 数据已损坏",
            GzipError::Checksum => "gzip 成员的校验和（CRC-32）与数据不符",
            GzipError::Length => "gzip 成员的长度与数据不符",
            GzipError::Truncated => "gzip 流提前结束",
            GzipError::TooLarge => "gzip 流解压后的字节数超过上限",
            GzipError::Unsupported => "此版本不能读取 gzip，请先解压数据包",
        }
    }
}

impl std::fmt::Display for GzipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_en())
    }
}

impl std::error::Error for GzipError {}

#[cfg(feature = "gzip")]
/// Where in a member the decoder is.
enum Part {
    /// Collecting the header, which may arrive over several chunks.
    Header(Vec<u8>),
    Body,
    /// Collecting the 8-byte trailer (CRC-32, then length mod 2^32, both little-endian).
    Trailer(Vec<u8>),
    Failed,
}

#[cfg(feature = "gzip")]
/// Longest header kept while waiting for its end (the optional fields are unbounded in RFC 1952).
const MAX_HEADER: usize = 64 * 1024;
#[cfg(feature = "gzip")]
/// Inflated bytes produced per call into miniz_oxide, and handed on as one window: the most
/// inflated data held at once, however well the input compresses.
const OUTPUT_STEP: usize = 32 * 1024;

#[cfg(feature = "gzip")]
/// A streaming multi-member gzip decoder.
pub struct GzipDecoder {
    part: Part,
    inflater: Box<InflateState>,
    crc: Crc32,
    length: u32,
    members: u64,
    /// Reused window the inflater writes into.
    window: Box<[u8]>,
    /// Bytes inflated so far over all members, and the most allowed.
    total: u64,
    limit: u64,
}

#[cfg(feature = "gzip")]
impl Default for GzipDecoder {
    fn default() -> Self {
        Self::new()
    }
}

/// A whole file's bytes, inflated when they start with the gzip magic and borrowed as they are
/// otherwise: how every surface reads a log or bundle file it was handed in one piece.
#[cfg(feature = "gzip")]
pub fn inflate_if_gzip(bytes: &[u8], limit: u64) -> Result<std::borrow::Cow<'_, [u8]>, GzipError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(limit as usize));
    let mut decoder = GzipDecoder::with_limit(limit);
    decoder.push(bytes, &mut |window| out.extend_from_slice(window))?;
    decoder.finish()?;
    Ok(std::borrow::Cow::Owned(out))
}

#[cfg(feature = "gzip")]
impl GzipDecoder {
    /// A decoder without a limit on the inflated size.
    pub fn new() -> Self {
        Self::with_limit(u64::MAX)
    }

    /// A decoder that fails with [`GzipError::TooLarge`] once the stream inflates past `limit` bytes.
    pub fn with_limit(limit: u64) -> Self {
        GzipDecoder {
            part: Part::Header(Vec::new()),
            inflater: InflateState::new_boxed(DataFormat::Raw),
            crc: Crc32::new(),
            length: 0,
            members: 0,
            window: vec![0; OUTPUT_STEP].into_boxed_slice(),
            total: 0,
            limit,
        }
    }

    /// Decode `input`, handing the inflated bytes to `sink` in windows of at most 32 KiB. After an
    /// error the decoder stays failed and ignores further input; what it handed on before the
    /// error is good data (bytes past the limit are never handed on).
    pub fn push(&mut self, mut input: &[u8], sink: &mut dyn FnMut(&[u8])) -> Result<(), GzipError> {
        let result = self.decode(&mut input, sink);
        if result.is_err() {
            self.part = Part::Failed;
        }
        result
    }

    /// End of input: an error unless the input ended exactly after a member.
    pub fn finish(&mut self) -> Result<(), GzipError> {
        match &self.part {
            Part::Header(head) if head.is_empty() && self.members > 0 => Ok(()),
            Part::Failed => Ok(()), // already reported
            _ => {
                self.part = Part::Failed;
                Err(GzipError::Truncated)
            }
        }
    }

    fn decode(&mut self, input: &mut &[u8], sink: &mut dyn FnMut(&[u8])) -> Result<(), GzipError> {
        while !input.is_empty() {
            match &mut self.part {
                Part::Failed => return Ok(()),
                Part::Header(head) => {
                    // Only as many bytes as the header might need, so the rest stays for inflating.
                    let before = head.len();
                    head.extend_from_slice(&input[..input.len().min(MAX_HEADER + 1 - before)]);
                    match header_length(head)? {
                        Some(len) => {
                            *input = &input[len - before..];
                            self.part = Part::Body;
                            self.inflater.reset(DataFormat::Raw);
                            self.crc = Crc32::new();
                            self.length = 0;
                        }
                        None if head.len() > MAX_HEADER => return Err(GzipError::HeaderTooLong),
                        None => *input = &[],
                    }
                }
                Part::Body => {
                    if self.inflate(input, sink)? {
                        self.part = Part::Trailer(Vec::with_capacity(8));
                    }
                }
                Part::Trailer(trailer) => {
                    let take = (8 - trailer.len()).min(input.len());
                    trailer.extend_from_slice(&input[..take]);
                    *input = &input[take..];
                    if trailer.len() == 8 {
                        let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
                        let length = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
                        if crc != self.crc.value() {
                            return Err(GzipError::Checksum);
                        }
                        if length != self.length {
                            return Err(GzipError::Length);
                        }
                        self.members += 1;
                        self.part = Part::Header(Vec::new());
                    }
                }
            }
        }
        Ok(())
    }

    /// Inflate from `input` until it is used up or the member's deflate data ends (true).
    fn inflate(&mut self, input: &mut &[u8], sink: &mut dyn FnMut(&[u8])) -> Result<bool, GzipError> {
        loop {
            let step = inflate(&mut self.inflater, input, &mut self.window, MZFlush::None);
            *input = &input[step.bytes_consumed..];
            let window = &self.window[..step.bytes_written];
            self.total = self.total.saturating_add(window.len() as u64);
            if self.total > self.limit {
                return Err(GzipError::TooLarge);
            }
            self.crc.update(window);
            self.length = self.length.wrapping_add(window.len() as u32);
            if !window.is_empty() {
                sink(window);
            }
            let progressed = step.bytes_consumed > 0 || step.bytes_written > 0;
            match step.status {
                Ok(MZStatus::StreamEnd) => return Ok(true),
                // More output may be pending (a full buffer), or more input is needed.
                Ok(_) if step.bytes_written == OUTPUT_STEP || (!input.is_empty() && progressed) => {}
                Ok(_) if input.is_empty() => return Ok(false),
                Err(MZError::Buf) if input.is_empty() => return Ok(false),
                _ => return Err(GzipError::Deflate),
            }
        }
    }
}

#[cfg(feature = "gzip")]
/// The length of the gzip member header at the start of `b`, `None` if `b` ends inside it.
fn header_length(b: &[u8]) -> Result<Option<usize>, GzipError> {
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    const RESERVED: u8 = 0xe0;
    // ID1 ID2 CM (8 = deflate) FLG MTIME(4) XFL OS
    if b.iter().zip([0x1f, 0x8b, 8]).any(|(&got, want)| got != want) {
        return Err(GzipError::Header);
    }
    if b.len() < 10 {
        return Ok(None);
    }
    let flags = b[3];
    if flags & RESERVED != 0 {
        return Err(GzipError::Header);
    }
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let Some(len) = b.get(at..at + 2) else { return Ok(None) };
        at += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let Some(rest) = b.get(at..) else { return Ok(None) };
            let Some(end) = rest.iter().position(|&c| c == 0) else { return Ok(None) };
            at += end + 1;
        }
    }
    if flags & FHCRC != 0 {
        let Some(stored) = b.get(at..at + 2) else { return Ok(None) };
        let mut crc = Crc32::new();
        crc.update(&b[..at]);
        if u16::from_le_bytes([stored[0], stored[1]]) != crc.value() as u16 {
            return Err(GzipError::Header);
        }
        at += 2;
    }
    Ok((b.len() >= at).then_some(at))
}

/// CRC-32 (IEEE 802.3, reflected, as gzip uses it), one table lookup per byte.
#[derive(Clone, Copy)]
pub struct Crc32(u32);

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

impl Crc32 {
    pub fn new() -> Self {
        Crc32(!0)
    }

    pub fn update(&mut self, data: &[u8]) {
        let mut c = self.0;
        for &byte in data {
            c = CRC_TABLE[((c ^ u32::from(byte)) & 0xff) as usize] ^ (c >> 8);
        }
        self.0 = c;
    }

    pub fn value(&self) -> u32 {
        !self.0
    }
}

impl Default for Crc32 {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(all(test, feature = "gzip"))]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression, GzBuilder};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Decode `input` fed in chunks of `chunk` bytes.
    fn decode(input: &[u8], chunk: usize) -> (Vec<u8>, Result<(), GzipError>) {
        let mut d = GzipDecoder::new();
        let mut out = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            if let Err(e) = d.push(piece, &mut |w| out.extend_from_slice(w)) {
                return (out, Err(e));
            }
        }
        let end = d.finish();
        (out, end)
    }

    #[test]
    fn whole_files_are_inflated_only_when_gzip() {
        let plain = b"{\"a\":1}\n";
        assert!(matches!(inflate_if_gzip(plain, u64::MAX), Ok(std::borrow::Cow::Borrowed(b)) if b == plain));
        let two = [gz(b"one\n"), gz(b"two\n")].concat();
        assert_eq!(inflate_if_gzip(&two, u64::MAX).unwrap().as_ref(), b"one\ntwo\n");
        let cut = &two[..two.len() - 3];
        assert_eq!(inflate_if_gzip(cut, u64::MAX).unwrap_err(), GzipError::Truncated);
    }

    #[test]
    fn inflating_is_windowed_and_limited() {
        let big = gz(&vec![b'a'; 5 << 20]);
        let mut d = GzipDecoder::new();
        let (mut largest, mut total) = (0, 0);
        d.push(&big, &mut |w| {
            largest = largest.max(w.len());
            total += w.len();
        })
        .unwrap();
        d.finish().unwrap();
        assert_eq!(total, 5 << 20);
        assert!(largest <= OUTPUT_STEP, "a window of {largest} bytes");

        let mut limited = GzipDecoder::with_limit(1 << 20);
        let mut got = 0;
        assert_eq!(limited.push(&big, &mut |w| got += w.len()), Err(GzipError::TooLarge));
        assert!(got <= 1 << 20 && got > (1 << 20) - OUTPUT_STEP, "{got} bytes handed on");
        // Failed stays failed.
        assert_eq!(limited.push(&big, &mut |_| panic!("no output after a failure")), Ok(()));

        // The limit counts every member; reaching it exactly is allowed.
        let two = [gz(&[b'b'; 600_000]), gz(&[b'c'; 600_000])].concat();
        assert_eq!(inflate_if_gzip(&two, 1_000_000).unwrap_err(), GzipError::TooLarge);
        assert_eq!(inflate_if_gzip(&two, 1_200_000).unwrap().len(), 1_200_000);
    }

    #[test]
    fn crc32_check_value() {
        let mut c = Crc32::new();
        c.update(b"123456789");
        assert_eq!(c.value(), 0xcbf4_3926);
        assert_eq!(Crc32::new().value(), 0);
    }

    #[test]
    fn members_decode_in_any_chunking() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| format!("line {i}\n").into_bytes()).collect();
        let mut two = gz(&text);
        two.extend(gz(b"tail\n"));
        two.extend(gz(b""));
        let mut want = text.clone();
        want.extend_from_slice(b"tail\n");
        for chunk in [1, 2, 7, 10, 11, 4096, 1 << 20] {
            let (out, end) = decode(&two, chunk);
            assert_eq!(end, Ok(()), "chunk {chunk}");
            assert!(out == want, "chunk {chunk}");
        }
    }

    #[test]
    fn optional_header_fields_are_skipped_and_header_crc_checked() {
        let mut e = GzBuilder::new()
            .filename("bundle.qlb")
            .comment("exported")
            .extra(vec![1, 2, 3, 4])
            .write(Vec::new(), Compression::default());
        e.write_all(b"a\nb\n").unwrap();
        let with_fields = e.finish().unwrap();
        for chunk in [1, 3, 100] {
            assert_eq!(decode(&with_fields, chunk), (b"a\nb\n".to_vec(), Ok(())));
        }
        // FHCRC: the low 16 bits of the CRC-32 of the header before it.
        let plain = gz(b"x\n");
        let mut header = plain[..10].to_vec();
        header[3] |= 0x02;
        let mut crc = Crc32::new();
        crc.update(&header);
        let mut with_hcrc = header.clone();
        with_hcrc.extend_from_slice(&(crc.value() as u16).to_le_bytes());
        with_hcrc.extend_from_slice(&plain[10..]);
        assert_eq!(decode(&with_hcrc, 5), (b"x\n".to_vec(), Ok(())));
        let mut bad_hcrc = with_hcrc.clone();
        bad_hcrc[10] ^= 1;
        assert_eq!(decode(&bad_hcrc, 5).1, Err(GzipError::Header));
    }

    #[test]
    fn damage_is_reported_and_earlier_data_kept() {
        let first = gz(b"kept\n");
        let second = gz(b"second member\n");
        let both = [first.clone(), second.clone()].concat();

        let cut = &both[..both.len() - 3];
        let (out, end) = decode(cut, 4);
        assert!(out.starts_with(b"kept\n"));
        assert_eq!(end, Err(GzipError::Truncated));

        let mut bad_crc = both.clone();
        let at = first.len() - 8;
        bad_crc[at] ^= 0xff;
        assert_eq!(decode(&bad_crc, 64).1, Err(GzipError::Checksum));

        let mut bad_length = both.clone();
        bad_length[first.len() - 1] ^= 1;
        assert_eq!(decode(&bad_length, 64).1, Err(GzipError::Length));

        let mut garbage = first.clone();
        garbage.extend_from_slice(b"PK\x03\x04");
        let (out, end) = decode(&garbage, 64);
        assert_eq!((out.as_slice(), end), (&b"kept\n"[..], Err(GzipError::Header)));

        let mut corrupt = second.clone();
        for b in &mut corrupt[10..14] {
            *b = 0xff;
        }
        assert_eq!(decode(&corrupt, 64).1, Err(GzipError::Deflate));

        assert_eq!(decode(&[0x1f, 0x8b, 9, 0], 64).1, Err(GzipError::Header));
        assert_eq!(decode(&[0x1f, 0x8b, 8, 0xe0, 0, 0, 0, 0, 0, 0], 64).1, Err(GzipError::Header));
        assert_eq!(decode(&[0x1f, 0x8b], 64).1, Err(GzipError::Truncated));
    }

    #[test]
    fn unterminated_file_name_is_bounded() {
        let mut long = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
        long.extend(std::iter::repeat_n(b'n', MAX_HEADER + 10));
        assert_eq!(decode(&long, 1000).1, Err(GzipError::HeaderTooLong));
    }

    #[test]
    fn random_bytes_after_the_magic_never_panic() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..300 {
            let mut bytes = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
            for _ in 0..(state % 300) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                bytes.push(state as u8);
            }
            let _ = decode(&bytes, (state % 17) as usize);
        }
    }
}
