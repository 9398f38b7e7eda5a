//! TMX reader: TMX 1.1 to 1.4, streamed, in UTF-8 (with or without BOM), UTF-16 (with BOM, or
//! detected from the first bytes) or an ASCII-compatible encoding named in the XML declaration.

use super::write::{clean_note, segment_text};
use crate::document::is_xml_char;
use crate::error::{Error, ErrorKind};
use crate::tm::{Header, Prop, TranslationMemory, TranslationUnit, Variant};
use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use quick_xml::Reader;
use quick_xml::encoding::detect_encoding;
use quick_xml::escape::{EscapeError, unescape};
use quick_xml::events::{BytesStart, Event};
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};
use std::path::Path;

/// How many leading bytes are looked at to find a BOM and the XML declaration's encoding.
const SNIFF_BYTES: usize = 1024;

/// Reads a TMX document (versions 1.1 to 1.4) into a translation memory: [`TmxReader`], collected.
///
/// - Encoding: UTF-8 with or without BOM; UTF-16 LE/BE with BOM (as memoQ writes it) or without
///   BOM when the document starts with `<?`; otherwise the encoding named by the XML declaration.
///   Bytes that are not UTF-8 are an error; in UTF-16 and legacy encodings, malformed sequences
///   are read as U+FFFD.
/// - `tuv` locales come from `xml:lang`, or from the `lang` attribute of TMX 1.1/1.2.
/// - The header's seven required attributes and `creationdate` are read (missing ones become
///   empty strings / `None`), with its `prop`s and `note`s; a unit's `tuid`, `creationdate`,
///   `changedate`, `prop`s and `note`s are read. Notes and properties of a `tuv` are ignored.
/// - Segment text ([`Variant::text`]) is normalised as the writer does it
///   ([`normalize_segment`](crate::normalize_segment), a second time when one pass leaves it
///   changeable). Inline elements: the text of `hi` and `sub` is kept, the native code inside
///   `bpt`, `ept`, `ph`, `it` and `ut` is left out. A segment holding inline elements also keeps
///   its inner XML, exactly as written, in [`Variant::markup`], for the writer to write back.
///   A segment that is empty is read as an empty text (the writer leaves such variants out).
/// - Notes and property values are trimmed, with CR line ends made LF; characters illegal in
///   XML 1.0 are removed from every text and attribute.
///
/// # Errors
///
/// [`ErrorKind::Tmx`] for malformed XML or a document that is not TMX, with the line and column
/// in the message; documents declaring entities (`<!ENTITY` in the DOCTYPE) are refused rather
/// than expanded. [`ErrorKind::Decode`] when the bytes are not UTF-8 (and no other encoding is
/// detected or declared), and [`ErrorKind::Io`] when `input` cannot be read.
pub fn read_tmx<R: BufRead>(input: R) -> Result<TranslationMemory, Error> {
    let mut reader = TmxReader::new(input)?;
    let units = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok(TranslationMemory { header: reader.header().clone(), units })
}

/// Reads the TMX file at `path` (see [`read_tmx`]); errors name the file.
pub fn read_tmx_file(path: impl AsRef<Path>) -> Result<TranslationMemory, Error> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_tmx(BufReader::with_capacity(1 << 16, file)).map_err(|e| e.with_path(path))
}

/// A streaming TMX reader: the header first ([`TmxReader::header`]), then the units one by one
/// as an iterator of `Result<TranslationUnit>`.
///
/// Memory stays bounded by the largest unit, whatever the size of the document; line and column
/// of an error are counted as the document streams by. What is read, and how, is described at
/// [`read_tmx`]. After an error the iterator ends.
///
/// ```
/// use tmalign::TmxReader;
///
/// let tmx = r#"<tmx version="1.4"><header srclang="en-US"/><body>
///   <tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="es-ES"><seg>Hola</seg></tuv></tu>
/// </body></tmx>"#;
/// let mut reader = TmxReader::new(tmx.as_bytes()).unwrap();
/// assert_eq!(reader.header().src_lang, "en-US");
/// let unit = reader.next().unwrap().unwrap();
/// assert_eq!(unit.text("es"), Some("Hola"));
/// assert!(reader.next().is_none());
/// ```
pub struct TmxReader<R: BufRead> {
    reader: Reader<Tracked<Source<R>>>,
    buf: Vec<u8>,
    /// Length of the BOM skipped before the decoded stream, for byte offsets in messages.
    bom: usize,
    parser: Parser,
    done: bool,
}

/// What one event did.
enum Step {
    Continue,
    Unit(TranslationUnit),
    HeaderDone,
    Eof,
}

impl<R: BufRead> TmxReader<R> {
    /// Detects the encoding and reads up to the end of the header.
    ///
    /// # Errors
    ///
    /// As [`read_tmx`], for anything before the end of the header (a document without
    /// `<tmx>` root, a malformed header, an entity declaration).
    pub fn new(mut input: R) -> Result<TmxReader<R>, Error> {
        let mut prefix = Vec::with_capacity(SNIFF_BYTES);
        (&mut input)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut prefix)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot read TMX: {e}")))?;
        let (encoding, bom) = sniff(&prefix);
        let chained = Cursor::new(prefix).chain(input);
        let source = match encoding {
            None => {
                let mut chained = chained;
                chained.consume(bom);
                Source::Plain(chained)
            }
            Some(encoding) => Source::Decoded(BufReader::with_capacity(
                1 << 16,
                DecodeReaderBytesBuilder::new().encoding(Some(encoding)).strip_bom(true).build(chained),
            )),
        };
        let mut reader = Reader::from_reader(Tracked::new(source));
        reader.config_mut().check_end_names = true;
        let mut tmx = TmxReader { reader, buf: Vec::new(), bom, parser: Parser::default(), done: false };
        loop {
            match tmx.step()? {
                Step::HeaderDone | Step::Eof => break,
                Step::Continue => {}
                Step::Unit(unit) => {
                    // A body before any header: keep the unit for the first call to `next`.
                    tmx.parser.pending = Some(unit);
                    break;
                }
            }
        }
        Ok(tmx)
    }

    /// The header (every field empty when the document has none).
    pub fn header(&self) -> &Header {
        &self.parser.header
    }

    /// Reads one event and feeds it to the parser.
    fn step(&mut self) -> Result<Step, Error> {
        let TmxReader { reader, buf, bom, parser, .. } = self;
        let pos = reader.buffer_position();
        reader.get_mut().forget_before(pos);
        buf.clear();
        let event = match reader.read_event_into(buf) {
            Ok(event) => event,
            Err(quick_xml::Error::Io(e)) => {
                return Err(Error::new(ErrorKind::Io, format!("cannot read TMX: {e}")));
            }
            Err(e) => return Err(error_at(reader.get_ref(), reader.error_position(), e)),
        };
        let tracked = reader.get_ref();
        let at = |message: String| error_at(tracked, pos, message);
        let utf8 = |bytes: &'_ [u8], skip: u64| -> Result<String, Error> {
            match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_string()),
                Err(e) => Err(Error::new(
                    ErrorKind::Decode,
                    format!("TMX is not valid UTF-8 (byte {})", *bom as u64 + pos + skip + e.valid_up_to() as u64),
                )),
            }
        };
        match event {
            Event::Start(e) => {
                let raw = utf8(&e, 1)?;
                parser.open(&e, &raw, false).map_err(at)?;
            }
            Event::Empty(e) => {
                let raw = utf8(&e, 1)?;
                parser.open(&e, &raw, true).map_err(at)?;
                return Ok(parser.close());
            }
            Event::End(e) => {
                let raw = utf8(&e, 2)?;
                parser.raw_end(&raw);
                return Ok(parser.close());
            }
            Event::Text(t) => {
                let raw = utf8(&t, 0)?;
                let text = unescape(&raw).map_err(|e| escape_error(tracked, pos, e))?;
                parser.text(&text, &raw);
            }
            Event::CData(c) => {
                let raw = utf8(&c, 9)?;
                parser.text(&raw, &format!("<![CDATA[{raw}]]>"));
            }
            Event::DocType(d) => {
                if d.windows(8).any(|w| w.eq_ignore_ascii_case(b"<!ENTITY")) {
                    return Err(at("entity declarations are not accepted in TMX".to_string()));
                }
            }
            Event::Decl(d) => {
                utf8(&d, 2)?;
            }
            Event::PI(p) => {
                let raw = utf8(&p, 2)?;
                parser.raw(&format!("<?{raw}?>"));
            }
            Event::Comment(c) => {
                let raw = utf8(&c, 4)?;
                parser.raw(&format!("<!--{raw}-->"));
            }
            Event::Eof => {
                if let Some(&open) = parser.stack.last() {
                    return Err(at(format!("unexpected end of document inside <{}>", name_of(open))));
                }
                if !parser.root_done {
                    return Err(at("no <tmx> element".to_string()));
                }
                return Ok(Step::Eof);
            }
        }
        Ok(Step::Continue)
    }
}

impl<R: BufRead> Iterator for TmxReader<R> {
    type Item = Result<TranslationUnit, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(unit) = self.parser.pending.take() {
            return Some(Ok(unit));
        }
        while !self.done {
            match self.step() {
                Ok(Step::Unit(unit)) => return Some(Ok(unit)),
                Ok(Step::Continue | Step::HeaderDone) => {}
                Ok(Step::Eof) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// The encoding to transcode from (`None`: the bytes are UTF-8) and the length of the BOM.
fn sniff(prefix: &[u8]) -> (Option<&'static Encoding>, usize) {
    let (detected, bom) = match detect_encoding(prefix) {
        Some((encoding, bom)) => (Some(encoding), bom),
        None => (None, 0),
    };
    match detected {
        Some(encoding) if encoding.name().starts_with("UTF-16") => (Some(encoding), bom),
        // With a UTF-8 BOM, the BOM wins over any declaration.
        _ if bom > 0 => (None, bom),
        // ASCII-compatible bytes: a declared legacy encoding (EUC-KR, windows-1252...) is honoured;
        // a declared UTF-16 is not, as the bytes are plainly not UTF-16.
        _ => match Reader::from_reader(prefix).read_event() {
            Ok(Event::Decl(decl)) => {
                let declared = decl.encoder().filter(|e| e.name() != "UTF-8" && !e.name().starts_with("UTF-16"));
                (declared, 0)
            }
            _ => (None, 0),
        },
    }
}

/// The sniffed first bytes, then the rest of the input.
type Prefixed<R> = Chain<Cursor<Vec<u8>>, R>;

/// The document's bytes as UTF-8: as they are, or transcoded.
enum Source<R: BufRead> {
    Plain(Prefixed<R>),
    Decoded(BufReader<DecodeReaderBytes<Prefixed<R>, Vec<u8>>>),
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(out),
            Source::Decoded(r) => r.read(out),
        }
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Source::Plain(r) => r.fill_buf(),
            Source::Decoded(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match self {
            Source::Plain(r) => r.consume(amount),
            Source::Decoded(r) => r.consume(amount),
        }
    }
}

/// A reader that counts lines and columns of what has been consumed, keeping only the bytes
/// after the last [`Tracked::forget_before`] so that positions there can still be placed.
struct Tracked<R> {
    inner: R,
    /// Consumed bytes from offset `start` on.
    window: Vec<u8>,
    start: u64,
    /// Line (from 1) and column (in characters, from 1) at offset `start`.
    line: usize,
    column: usize,
}

impl<R: BufRead> Tracked<R> {
    fn new(inner: R) -> Tracked<R> {
        Tracked { inner, window: Vec::new(), start: 0, line: 1, column: 1 }
    }

    /// Lines and columns are settled up to offset `pos`; the bytes before it are dropped.
    fn forget_before(&mut self, pos: u64) {
        let n = usize::try_from(pos.saturating_sub(self.start)).unwrap_or(usize::MAX).min(self.window.len());
        let (line, column) = advance(self.line, self.column, &self.window[..n]);
        self.line = line;
        self.column = column;
        self.window.drain(..n);
        self.start += n as u64;
    }

    /// Line and column of offset `pos` (the window's start when `pos` was forgotten).
    fn position(&self, pos: u64) -> (usize, usize) {
        let n = usize::try_from(pos.saturating_sub(self.start)).unwrap_or(usize::MAX).min(self.window.len());
        advance(self.line, self.column, &self.window[..n])
    }
}

/// Line and column after `bytes`, starting at `line`, `column`.
fn advance(mut line: usize, mut column: usize, bytes: &[u8]) -> (usize, usize) {
    match bytes.iter().rposition(|&b| b == b'\n') {
        Some(last) => {
            line += bytes.iter().filter(|&&b| b == b'\n').count();
            column = 1 + chars_in(&bytes[last + 1..]);
        }
        None => column += chars_in(bytes),
    }
    (line, column)
}

/// Characters in UTF-8 bytes: the bytes that are not continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The bytes are still buffered: `fill_buf` returns them again without reading.
        if let Ok(available) = self.inner.fill_buf() {
            let n = amount.min(available.len());
            self.window.extend_from_slice(&available[..n]);
        }
        self.inner.consume(amount);
    }
}

/// Where the parser is: the element kinds we care about, innermost last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Elem {
    Tmx,
    Header,
    Body,
    Tu,
    Tuv,
    Seg,
    Note,
    Prop,
    /// An inline element inside a `seg`; `keep` says whether its text is segment text.
    Inline {
        keep: bool,
    },
    /// Anything else (`ude`, `map`, a `tuv`'s notes and props, a second `seg`...): ignored.
    Other,
}

#[derive(Default)]
struct Parser {
    stack: Vec<Elem>,
    root_done: bool,
    header_seen: bool,
    header: Header,
    unit: TranslationUnit,
    /// A unit read before the header was complete, waiting for the iterator.
    pending: Option<TranslationUnit>,
    lang: String,
    seg: Option<(String, Option<String>)>,
    buf: String,
    /// The inner XML of the current `seg`, and whether it holds an inline element.
    markup: String,
    inline: bool,
    prop_kind: String,
}

/// A TMX error at byte offset `pos` of the decoded stream, as line and column (in characters).
fn error_at<R: BufRead>(tracked: &Tracked<R>, pos: u64, message: impl std::fmt::Display) -> Error {
    let (line, column) = tracked.position(pos);
    Error::new(ErrorKind::Tmx, format!("malformed TMX at line {line}, column {column}: {message}"))
}

/// An error unescaping the text that starts at `pos`, placed at the offending `&` when known.
fn escape_error<R: BufRead>(tracked: &Tracked<R>, pos: u64, err: EscapeError) -> Error {
    let at = |offset: usize| pos.saturating_add(offset as u64);
    match err {
        EscapeError::UnrecognizedEntity(range, name) => error_at(
            tracked,
            at(range.start.saturating_sub(1)),
            format!("unknown entity `&{name};` (TMX declares none)"),
        ),
        EscapeError::UnterminatedEntity(range) => error_at(tracked, at(range.start), "`&` without a closing `;`"),
        other => error_at(tracked, pos, other),
    }
}

fn clean_attr(value: &str) -> String {
    value.chars().filter(|&c| is_xml_char(c)).collect()
}

impl Parser {
    /// An element starts; `raw` is its text between `<` and `>` (or `/>` when `empty`).
    fn open(&mut self, e: &BytesStart, raw: &str, empty: bool) -> Result<(), String> {
        let attr = |key: &[u8]| attr(e, key);
        let parent = self.stack.last().copied();
        let name = e.name();
        let elem = match (parent, name.as_ref()) {
            (None, b"tmx") if !self.root_done => Elem::Tmx,
            (None, _) if self.root_done => return Err("content after the root element".to_string()),
            (None, other) => {
                return Err(format!("root element is <{}>, not <tmx>", String::from_utf8_lossy(other)));
            }
            (Some(Elem::Tmx), b"header") if !self.header_seen => {
                self.header = header_from(e).map_err(|m| format!("in <header>: {m}"))?;
                self.header_seen = true;
                Elem::Header
            }
            (Some(Elem::Tmx), b"body") => Elem::Body,
            (Some(Elem::Header | Elem::Tu), b"note") => {
                self.buf.clear();
                Elem::Note
            }
            (Some(Elem::Header | Elem::Tu), b"prop") => {
                self.buf.clear();
                self.prop_kind = attr(b"type")?.unwrap_or_default();
                Elem::Prop
            }
            (Some(Elem::Body), b"tu") => {
                self.unit = TranslationUnit {
                    id: attr(b"tuid")?,
                    creation_date: attr(b"creationdate")?,
                    change_date: attr(b"changedate")?,
                    ..TranslationUnit::default()
                };
                Elem::Tu
            }
            (Some(Elem::Tu), b"tuv") => {
                self.lang = match attr(b"xml:lang")? {
                    Some(lang) => lang,
                    None => attr(b"lang")?.ok_or("<tuv> without xml:lang")?,
                };
                self.seg = None;
                Elem::Tuv
            }
            (Some(Elem::Tuv), b"seg") if self.seg.is_none() => {
                self.buf.clear();
                self.markup.clear();
                self.inline = false;
                Elem::Seg
            }
            (Some(Elem::Seg), name) => Elem::Inline { keep: keeps_text(name, true) },
            (Some(Elem::Inline { keep }), name) => Elem::Inline { keep: keeps_text(name, keep) },
            _ => Elem::Other,
        };
        if matches!(elem, Elem::Inline { .. }) {
            self.inline = true;
            self.markup.push('<');
            self.markup.push_str(raw);
            self.markup.push_str(if empty { "/>" } else { ">" });
        }
        self.stack.push(elem);
        Ok(())
    }

    /// An end tag's raw name, kept when it closes an inline element.
    fn raw_end(&mut self, raw: &str) {
        if let Some(Elem::Inline { .. }) = self.stack.last() {
            self.markup.push_str("</");
            self.markup.push_str(raw);
            self.markup.push('>');
        }
    }

    /// Raw markup (comments, processing instructions) inside a segment.
    fn raw(&mut self, raw: &str) {
        if let Some(Elem::Seg | Elem::Inline { .. }) = self.stack.last() {
            self.markup.push_str(raw);
        }
    }

    /// Closes the innermost element.
    fn close(&mut self) -> Step {
        let Some(elem) = self.stack.pop() else { return Step::Continue };
        let parent = self.stack.last().copied();
        match elem {
            Elem::Tmx => self.root_done = true,
            Elem::Header => return Step::HeaderDone,
            Elem::Note => {
                let note = clean_note(&self.buf);
                if !note.is_empty() {
                    match parent {
                        Some(Elem::Header) => self.header.notes.push(note),
                        _ => self.unit.notes.push(note),
                    }
                }
            }
            Elem::Prop => {
                let prop = Prop { kind: std::mem::take(&mut self.prop_kind), value: clean_note(&self.buf) };
                match parent {
                    Some(Elem::Header) => self.header.props.push(prop),
                    _ => self.unit.props.push(prop),
                }
            }
            Elem::Seg => {
                let markup = self.inline.then(|| std::mem::take(&mut self.markup));
                self.seg = Some((segment_text(&self.buf), markup));
            }
            Elem::Tuv => {
                let (text, markup) = self.seg.take().unwrap_or_default();
                self.unit.variants.push(Variant { lang: std::mem::take(&mut self.lang), text, markup });
            }
            Elem::Tu => return Step::Unit(std::mem::take(&mut self.unit)),
            Elem::Body | Elem::Inline { .. } | Elem::Other => {}
        }
        Step::Continue
    }

    /// Text (`text` unescaped, `raw` as written).
    fn text(&mut self, text: &str, raw: &str) {
        let top = self.stack.last();
        if let Some(Elem::Seg | Elem::Inline { .. }) = top {
            self.markup.push_str(raw);
        }
        if let Some(Elem::Note | Elem::Prop | Elem::Seg | Elem::Inline { keep: true }) = top {
            self.buf.push_str(text);
        }
    }
}

/// Whether the text of inline element `name` is segment text, inside an element where it is `keep`.
fn keeps_text(name: &[u8], keep: bool) -> bool {
    match name {
        b"bpt" | b"ept" | b"ph" | b"it" | b"ut" => false,
        b"sub" => true,
        _ => keep,
    }
}

fn name_of(elem: Elem) -> &'static str {
    match elem {
        Elem::Tmx => "tmx",
        Elem::Header => "header",
        Elem::Body => "body",
        Elem::Tu => "tu",
        Elem::Tuv => "tuv",
        Elem::Seg => "seg",
        Elem::Note => "note",
        Elem::Prop => "prop",
        Elem::Inline { .. } | Elem::Other => "an element",
    }
}

/// The value of attribute `key`, unescaped, without characters illegal in XML.
fn attr(e: &BytesStart, key: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        if a.key.as_ref() == key {
            let raw = std::str::from_utf8(&a.value).map_err(|err| err.to_string())?;
            let value = unescape(raw).map_err(|err| err.to_string())?;
            return Ok(Some(clean_attr(&value)));
        }
    }
    Ok(None)
}

/// A header from the `header` element's attributes; missing ones are empty.
fn header_from(e: &BytesStart) -> Result<Header, String> {
    Ok(Header {
        creation_tool: attr(e, b"creationtool")?.unwrap_or_default(),
        creation_tool_version: attr(e, b"creationtoolversion")?.unwrap_or_default(),
        seg_type: attr(e, b"segtype")?.unwrap_or_default(),
        o_tmf: attr(e, b"o-tmf")?.unwrap_or_default(),
        admin_lang: attr(e, b"adminlang")?.unwrap_or_default(),
        src_lang: attr(e, b"srclang")?.unwrap_or_default(),
        data_type: attr(e, b"datatype")?.unwrap_or_default(),
        creation_date: attr(e, b"creationdate")?,
        props: Vec::new(),
        notes: Vec::new(),
    })
}
