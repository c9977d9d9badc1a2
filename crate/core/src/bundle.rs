//! Reading a bundle: bytes in, numbered lines out (docs/decisions.md §9).
//!
//! Input arrives in chunks of any size. A gzip bundle (magic `1f 8b`, possibly several members, as
//! `cat a.qlb.gz b.qlb.gz` produces) is inflated on the fly, in windows of a few KiB, so memory does
//! not depend on how well the input compresses. A line longer than the limit is reported and
//! skipped without being buffered, so one 100 MB line costs no memory, compressed or not.
//!
//! Lines end with `\n`, `\r\n` or a lone `\r`: a bundle that passed through a tool that rewrote
//! its line ends is still the same statements. Every surface that splits log or bundle text into
//! lines uses [`LineSplitter`] (streams) or [`lines`] (whole buffers), which follow one rule.

/// What the reader hands to the verifier.
#[derive(Debug, PartialEq, Eq)]
pub enum LineEvent<'a> {
    Line {
        number: u64,
        bytes: &'a [u8],
    },
    TooLong {
        number: u64,
        length: u64,
    },
    /// The compressed stream is corrupt, ends early or inflates past the limit; lines already read
    /// stand.
    GzipError {
        error: crate::gzip::GzipError,
    },
}

/// The first line end in `data`: where the line's content stops and how many bytes the end takes.
/// A `\r` that is the last byte is reported with length 1; a streaming caller must then drop a
/// `\n` that starts the next chunk.
fn line_end(data: &[u8]) -> Option<(usize, usize)> {
    let at = memchr::memchr2(b'\n', b'\r', data)?;
    let crlf = data[at] == b'\r' && data.get(at + 1) == Some(&b'\n');
    Some((at, if crlf { 2 } else { 1 }))
}

/// The lines of a whole buffer, split by the same rule as [`LineSplitter`] (no length limit). A
/// final line end is optional; the text after the last one is a line when it is not empty.
pub fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = data;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match line_end(rest) {
            Some((at, len)) => {
                let line = &rest[..at];
                rest = &rest[at + len..];
                Some(line)
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// Splits a stream of plain bytes into numbered lines, skipping (and reporting) over-long ones
/// without holding them.
pub struct LineSplitter {
    max_line: usize,
    partial: Vec<u8>,
    /// Length of an over-long line being skipped, or None.
    skipping: Option<u64>,
    /// The previous chunk ended with `\r`: a `\n` at the start of the next belongs to it.
    after_cr: bool,
    line: u64,
    /// Plain bytes split so far (after inflating).
    pub bytes: u64,
}

impl LineSplitter {
    pub fn new(max_line: usize) -> Self {
        Self { max_line, partial: Vec::new(), skipping: None, after_cr: false, line: 0, bytes: 0 }
    }

    pub fn lines_read(&self) -> u64 {
        self.line
    }

    pub fn push(&mut self, mut data: &[u8], sink: &mut dyn FnMut(LineEvent)) {
        self.bytes += data.len() as u64;
        if std::mem::take(&mut self.after_cr) && data.first() == Some(&b'\n') {
            data = &data[1..];
        }
        while !data.is_empty() {
            let (piece, rest, ends) = match line_end(data) {
                Some((at, len)) => {
                    self.after_cr = at + len == data.len() && data[at] == b'\r';
                    (&data[..at], &data[at + len..], true)
                }
                None => (data, &data[..0], false),
            };
            data = rest;
            if let Some(len) = self.skipping.as_mut() {
                *len += piece.len() as u64;
            } else if self.partial.len() + piece.len() > self.max_line {
                self.skipping = Some((self.partial.len() + piece.len()) as u64);
                self.partial = Vec::new();
            } else if ends && self.partial.is_empty() {
                // Fast path: the whole line is inside this chunk; no copy.
                self.line += 1;
                sink(LineEvent::Line { number: self.line, bytes: piece });
                continue;
            } else {
                self.partial.extend_from_slice(piece);
            }
            if ends {
                self.end_line(sink);
            }
        }
    }

    fn end_line(&mut self, sink: &mut dyn FnMut(LineEvent)) {
        self.line += 1;
        if let Some(length) = self.skipping.take() {
            sink(LineEvent::TooLong { number: self.line, length });
        } else {
            let line = std::mem::take(&mut self.partial);
            sink(LineEvent::Line { number: self.line, bytes: &line });
            self.partial = line;
            self.partial.clear();
        }
    }

    /// End of input: the last line (a final line end is optional).
    pub fn finish(&mut self, sink: &mut dyn FnMut(LineEvent)) {
        if !self.partial.is_empty() || self.skipping.is_some() {
            self.end_line(sink);
        }
    }
}

enum Decoding {
    /// Fewer than two bytes seen: we cannot tell gzip from plain text yet.
    Undecided(Vec<u8>),
    Plain,
    #[cfg(feature = "gzip")]
    Gzip(Box<crate::gzip::GzipDecoder>),
    #[cfg(not(feature = "gzip"))]
    GzipUnsupported,
    Failed,
}

/// Bytes of a bundle file (plain or gzip) in, numbered lines out.
pub struct LineReader {
    decoding: Decoding,
    splitter: LineSplitter,
    /// Most bytes a gzip bundle may inflate to.
    #[cfg_attr(not(feature = "gzip"), allow(dead_code))]
    max_inflated: u64,
    pub bytes_in: u64,
}

impl LineReader {
    pub fn new(max_line: usize, max_inflated: u64) -> Self {
        Self {
            decoding: Decoding::Undecided(Vec::new()),
            splitter: LineSplitter::new(max_line),
            max_inflated,
            bytes_in: 0,
        }
    }

    pub fn lines_read(&self) -> u64 {
        self.splitter.lines_read()
    }

    /// Plain bytes read so far (after inflating).
    pub fn bytes_out(&self) -> u64 {
        self.splitter.bytes
    }

    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn FnMut(LineEvent)) {
        self.bytes_in += chunk.len() as u64;
        if let Decoding::Undecided(head) = &mut self.decoding {
            head.extend_from_slice(chunk);
            if head.len() < 2 {
                return;
            }
            let head = std::mem::take(head);
            self.decoding = if head.starts_with(&[0x1f, 0x8b]) {
                #[cfg(feature = "gzip")]
                {
                    Decoding::Gzip(Box::new(crate::gzip::GzipDecoder::with_limit(self.max_inflated)))
                }
                #[cfg(not(feature = "gzip"))]
                {
                    Decoding::GzipUnsupported
                }
            } else {
                Decoding::Plain
            };
            self.decode(&head, sink);
        } else {
            self.decode(chunk, sink);
        }
    }

    fn decode(&mut self, chunk: &[u8], sink: &mut dyn FnMut(LineEvent)) {
        match &mut self.decoding {
            Decoding::Plain => self.splitter.push(chunk, sink),
            #[cfg(feature = "gzip")]
            Decoding::Gzip(decoder) => {
                let splitter = &mut self.splitter;
                // Each inflated window goes to the splitter before the next is made.
                let result = decoder.push(chunk, &mut |window| splitter.push(window, sink));
                if let Err(error) = result {
                    self.decoding = Decoding::Failed;
                    sink(LineEvent::GzipError { error });
                }
            }
            #[cfg(not(feature = "gzip"))]
            Decoding::GzipUnsupported => {
                self.decoding = Decoding::Failed;
                sink(LineEvent::GzipError { error: crate::gzip::GzipError::Unsupported });
            }
            Decoding::Failed | Decoding::Undecided(_) => {}
        }
    }

    /// End of input: flush the last line (a final line end is optional) and detect truncated gzip.
    pub fn finish(&mut self, sink: &mut dyn FnMut(LineEvent)) {
        if let Decoding::Undecided(head) = &mut self.decoding {
            let head = std::mem::take(head);
            self.decoding = Decoding::Plain;
            self.splitter.push(&head, sink);
        }
        #[cfg(feature = "gzip")]
        if let Decoding::Gzip(decoder) = &mut self.decoding {
            if let Err(error) = decoder.finish() {
                sink(LineEvent::GzipError { error });
            }
        }
        self.splitter.finish(sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(chunks: &[&[u8]], max: usize) -> Vec<String> {
        let mut r = LineReader::new(max, u64::MAX);
        let mut out = Vec::new();
        let mut sink = |e: LineEvent| {
            out.push(match e {
                LineEvent::Line { number, bytes } => {
                    format!("{number}:{}", String::from_utf8_lossy(bytes))
                }
                LineEvent::TooLong { number, length } => format!("{number}:TOO_LONG({length})"),
                LineEvent::GzipError { .. } => "GZIP".into(),
            })
        };
        for c in chunks {
            r.push(c, &mut sink);
        }
        r.finish(&mut sink);
        out
    }

    #[test]
    fn splits_across_chunks_and_skips_long_lines() {
        assert_eq!(collect(&[b"ab\ncd", b"e\n", b"f"], 10), ["1:ab", "2:cde", "3:f"]);
        assert_eq!(collect(&[b"a\n0123456789", b"0123\nb\n"], 10), ["1:a", "2:TOO_LONG(14)", "3:b"]);
        assert_eq!(collect(&[b"x"], 10), ["1:x"]);
        assert_eq!(collect(&[b"\n\n"], 10), ["1:", "2:"]);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_in_any_chunking() {
        let text = b"a\r\nbb\rccc\n\r\nd\r";
        let want = ["1:a", "2:bb", "3:ccc", "4:", "5:d"];
        for cut in 0..=text.len() {
            let (x, y) = text.split_at(cut);
            assert_eq!(collect(&[x, y], 10), want, "split at {cut}");
        }
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(collect(&bytes, 10), want);
        // The whole-buffer splitter follows the same rule.
        let whole: Vec<&[u8]> = lines(text).collect();
        assert_eq!(whole, [&b"a"[..], b"bb", b"ccc", b"", b"d"]);
        assert_eq!(lines(b"x\ny").collect::<Vec<_>>(), [&b"x"[..], b"y"]);
        assert_eq!(lines(b"").count(), 0);
        // A CR ends an over-long line too.
        assert_eq!(collect(&[b"0123456789ab\r\nz"], 10), ["1:TOO_LONG(12)", "2:z"]);
    }

    #[cfg(feature = "gzip")]
    #[test]
    fn one_huge_gzip_line_is_skipped_without_being_held() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(b"before\n").unwrap();
        let block = vec![b'x'; 1 << 20];
        for _ in 0..64 {
            e.write_all(&block).unwrap();
        }
        e.write_all(b"\nafter\n").unwrap();
        let gz = e.finish().unwrap();
        let mut r = LineReader::new(1 << 16, u64::MAX);
        let mut out = Vec::new();
        let mut sink = |e: LineEvent| out.push(format!("{e:?}").chars().take(40).collect::<String>());
        r.push(&gz, &mut sink);
        r.finish(&mut sink);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(out[1].starts_with("TooLong { number: 2, length: 67108864"), "{out:?}");
        assert_eq!(r.bytes_out(), 7 + (64 << 20) + 7);
        // Nothing of the long line was kept: the partial-line buffer never grew past the limit.
        assert!(r.splitter.partial.capacity() <= 1 << 16, "{}", r.splitter.partial.capacity());
    }

    #[cfg(feature = "gzip")]
    #[test]
    fn inflating_past_the_limit_stops_with_lines_before_it_kept() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        for i in 0..100_000 {
            writeln!(e, "line {i}").unwrap();
        }
        let gz = e.finish().unwrap();
        let mut r = LineReader::new(100, 100_000);
        let (mut lines, mut errors) = (0, Vec::new());
        let mut sink = |e: LineEvent| match e {
            LineEvent::Line { .. } => lines += 1,
            LineEvent::GzipError { error } => errors.push(error),
            LineEvent::TooLong { .. } => panic!("no line is long"),
        };
        r.push(&gz, &mut sink);
        r.finish(&mut sink);
        assert_eq!(errors, [crate::gzip::GzipError::TooLarge]);
        // ~10,100 lines fit in 100,000 bytes; the window that crosses the limit (≤ 32 KiB) is not handed on.
        assert!((6_500..10_200).contains(&lines), "{lines} lines before the limit");
    }

    #[cfg(feature = "gzip")]
    #[test]
    fn gzip_members_and_truncation() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let gz = |s: &[u8]| {
            let mut e = GzEncoder::new(Vec::new(), Compression::fast());
            e.write_all(s).unwrap();
            e.finish().unwrap()
        };
        let mut two = gz(b"a\nb\n");
        two.extend(gz(b"c\n"));
        let (x, y) = two.split_at(7);
        assert_eq!(collect(&[x, y], 10), ["1:a", "2:b", "3:c"]);
        let whole = gz(b"first\nsecond\n");
        let cut = &whole[..whole.len() - 6];
        let out = collect(&[cut], 100);
        assert_eq!(out.last().map(String::as_str), Some("GZIP"));
    }
}
