//! Reading a bundle: bytes in, numbered lines out (design decision 9).
//!
//! Input arrives in chunks of any size. A gzip bundle (magic `1f 8b`, possibly several members, as
//! `cat a.qlb.gz b.qlb.gz` produces) is inflated on the fly. A line longer than the limit is
//! reported and skipped without being buffered, so one 100 MB line costs no memory.

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
    /// The compressed stream is corrupt or ends early; lines already read stand.
    GzipError {
        error: crate::gzip::GzipError,
    },
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

pub struct LineReader {
    max_line: usize,
    decoding: Decoding,
    partial: Vec<u8>,
    /// Reused buffer for inflated bytes.
    #[cfg(feature = "gzip")]
    inflated: Vec<u8>,
    /// Length of an over-long line being skipped, or None.
    skipping: Option<u64>,
    line: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
}

impl LineReader {
    pub fn new(max_line: usize) -> Self {
        Self {
            max_line,
            decoding: Decoding::Undecided(Vec::new()),
            partial: Vec::new(),
            #[cfg(feature = "gzip")]
            inflated: Vec::new(),
            skipping: None,
            line: 0,
            bytes_in: 0,
            bytes_out: 0,
        }
    }

    pub fn lines_read(&self) -> u64 {
        self.line
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
                    Decoding::Gzip(Box::default())
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
            Decoding::Plain => self.split(chunk, sink),
            #[cfg(feature = "gzip")]
            Decoding::Gzip(decoder) => {
                let mut out = std::mem::take(&mut self.inflated);
                let result = decoder.push(chunk, &mut out);
                self.split(&out, sink);
                out.clear();
                self.inflated = out;
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

    fn split(&mut self, mut data: &[u8], sink: &mut dyn FnMut(LineEvent)) {
        self.bytes_out += data.len() as u64;
        while !data.is_empty() {
            let newline = data.iter().position(|&b| b == b'\n');
            let (piece, rest, ends) = match newline {
                Some(i) => (&data[..i], &data[i + 1..], true),
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

    /// End of input: flush the last line (a final newline is optional) and detect truncated gzip.
    pub fn finish(&mut self, sink: &mut dyn FnMut(LineEvent)) {
        if let Decoding::Undecided(head) = &mut self.decoding {
            let head = std::mem::take(head);
            self.decoding = Decoding::Plain;
            self.split(&head, sink);
        }
        #[cfg(feature = "gzip")]
        if let Decoding::Gzip(decoder) = &mut self.decoding {
            if let Err(error) = decoder.finish() {
                sink(LineEvent::GzipError { error });
            }
        }
        if !self.partial.is_empty() || self.skipping.is_some() {
            self.end_line(sink);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(chunks: &[&[u8]], max: usize) -> Vec<String> {
        let mut r = LineReader::new(max);
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
