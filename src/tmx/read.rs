//! TMX reader: TMX 1.1 to 1.4, in UTF-8 (with or without BOM), UTF-16 (with BOM, or detected
//! from the first bytes) or an ASCII-compatible encoding named in the XML declaration.

use super::write::{clean_note, segment_text};
use crate::document::is_xml_char;
use crate::error::{Error, ErrorKind};
use crate::tm::{Header, Prop, TranslationMemory, TranslationUnit, Variant};
use quick_xml::Reader;
use quick_xml::encoding::{Decoder, decode, detect_encoding};
use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::io::BufRead;
use std::path::Path;

/// Reads a TMX document (versions 1.1 to 1.4) into a translation memory.
///
/// - Encoding: UTF-8 with or without BOM; UTF-16 LE/BE with BOM (as memoQ writes it) or without
///   BOM when the document starts with `<?`; otherwise the encoding named by the XML declaration.
/// - `tuv` locales come from `xml:lang`, or from the `lang` attribute of TMX 1.1/1.2.
/// - The header's seven required attributes and `creationdate` are read (missing ones become
///   empty strings / `None`), with its `prop`s and `note`s; a unit's `tuid`, `creationdate`,
///   `changedate`, `prop`s and `note`s are read. Notes and properties of a `tuv` are ignored.
/// - Segment text is normalised as the writer does it ([`normalize_segment`](crate::normalize_segment),
///   a second time when one pass leaves it changeable). Inline elements: the text of `hi` and
///   `sub` is kept, the native code inside `bpt`, `ept`, `ph`, `it` and `ut` is skipped.
///   A segment that is empty is read as an empty text (the writer leaves such variants out).
/// - Notes and property values are trimmed, with CR line ends made LF; characters illegal in
///   XML 1.0 are removed from every text and attribute.
///
/// # Errors
///
/// [`ErrorKind::Tmx`] for malformed XML or a document that is not TMX, with the line and column
/// in the message; documents declaring entities (`<!ENTITY` in the DOCTYPE) are refused rather
/// than expanded. [`ErrorKind::Decode`] when the bytes are not in the detected encoding, and
/// [`ErrorKind::Io`] when `input` cannot be read.
pub fn read_tmx<R: BufRead>(mut input: R) -> Result<TranslationMemory, Error> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| Error::new(ErrorKind::Io, format!("cannot read TMX: {e}")))?;
    read_tmx_bytes(&bytes)
}

/// Reads the TMX file at `path` (see [`read_tmx`]); errors name the file.
pub fn read_tmx_file(path: impl AsRef<Path>) -> Result<TranslationMemory, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_tmx_bytes(&bytes).map_err(|e| e.with_path(path))
}

fn read_tmx_bytes(bytes: &[u8]) -> Result<TranslationMemory, Error> {
    let text = decode_text(bytes)?;
    Parser::default().run(&text)
}

/// Decodes the document to UTF-8, without its BOM.
fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, Error> {
    let (detected, bom) = match detect_encoding(bytes) {
        Some((encoding, bom)) => (Some(encoding), bom),
        None => (None, 0),
    };
    let body = &bytes[bom..];
    let encoding = match detected {
        Some(encoding) if encoding.name().starts_with("UTF-16") => Some(encoding),
        // With a UTF-8 BOM, the BOM wins over any declaration.
        _ if bom > 0 => None,
        // ASCII-compatible bytes: a declared legacy encoding (EUC-KR, windows-1252...) is honoured;
        // a declared UTF-16 is not, as the bytes are plainly not UTF-16.
        _ => match Reader::from_reader(body).read_event() {
            Ok(Event::Decl(decl)) => decl.encoder().filter(|e| e.name() != "UTF-8" && !e.name().starts_with("UTF-16")),
            _ => None,
        },
    };
    match encoding {
        Some(encoding) => decode(body, encoding).map_err(|_| {
            Error::new(
                ErrorKind::Decode,
                format!("TMX is not valid {} (the encoding it declares or starts with)", encoding.name()),
            )
        }),
        None => std::str::from_utf8(body).map(Cow::Borrowed).map_err(|e| {
            Error::new(ErrorKind::Decode, format!("TMX is not valid UTF-8 (byte {})", bom + e.valid_up_to()))
        }),
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
    header: Option<Header>,
    units: Vec<TranslationUnit>,
    unit: TranslationUnit,
    lang: String,
    seg: Option<String>,
    buf: String,
    prop_kind: String,
}

/// A TMX error at byte offset `pos` of the decoded `text`, as line and column (in characters).
fn error_at(text: &str, pos: u64, message: impl std::fmt::Display) -> Error {
    let bytes = text.as_bytes();
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(bytes.len());
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    Error::new(ErrorKind::Tmx, format!("malformed TMX at line {line}, column {column}: {message}"))
}

/// An error unescaping the text that starts at `pos`, placed at the offending `&` when known.
fn escape_error(text: &str, pos: u64, err: quick_xml::Error) -> Error {
    let at = |offset: usize| pos.saturating_add(offset as u64);
    match err {
        quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(range, name)) => {
            error_at(text, at(range.start.saturating_sub(1)), format!("unknown entity `&{name};` (TMX declares none)"))
        }
        quick_xml::Error::Escape(EscapeError::UnterminatedEntity(range)) => {
            error_at(text, at(range.start), "`&` without a closing `;`")
        }
        other => error_at(text, pos, other),
    }
}

fn clean_attr(value: &str) -> String {
    value.chars().filter(|&c| is_xml_char(c)).collect()
}

impl Parser {
    fn run(mut self, text: &str) -> Result<TranslationMemory, Error> {
        let mut reader = Reader::from_str(text);
        loop {
            let pos = reader.buffer_position();
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(error_at(text, reader.error_position(), e)),
            };
            let at = |message: String| error_at(text, pos, message);
            match event {
                Event::Start(e) => self.open(&e, reader.decoder()).map_err(at)?,
                Event::Empty(e) => {
                    self.open(&e, reader.decoder()).map_err(at)?;
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(t) => {
                    let t = t.unescape().map_err(|e| escape_error(text, pos, e))?;
                    self.text(&t);
                }
                Event::CData(c) => {
                    let c = c.decode().map_err(|e| at(e.to_string()))?;
                    self.text(&c);
                }
                Event::DocType(d) => {
                    if d.windows(8).any(|w| w.eq_ignore_ascii_case(b"<!ENTITY")) {
                        return Err(at("entity declarations are not accepted in TMX".to_string()));
                    }
                }
                Event::Eof => break,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            }
        }
        let end = text.len() as u64;
        if let Some(&open) = self.stack.last() {
            return Err(error_at(text, end, format!("unexpected end of document inside <{}>", name_of(open))));
        }
        if !self.root_done {
            return Err(error_at(text, end, "no <tmx> element"));
        }
        Ok(TranslationMemory { header: self.header.unwrap_or_else(empty_header), units: self.units })
    }

    fn open(&mut self, e: &BytesStart, decoder: Decoder) -> Result<(), String> {
        let attr = |key: &[u8]| attr(e, key, decoder);
        let parent = self.stack.last().copied();
        let name = e.name();
        let elem = match (parent, name.as_ref()) {
            (None, b"tmx") if !self.root_done => Elem::Tmx,
            (None, _) if self.root_done => return Err("content after the root element".to_string()),
            (None, other) => {
                return Err(format!("root element is <{}>, not <tmx>", String::from_utf8_lossy(other)));
            }
            (Some(Elem::Tmx), b"header") if self.header.is_none() => {
                self.header = Some(header_from(e, decoder).map_err(|m| format!("in <header>: {m}"))?);
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
                Elem::Seg
            }
            (Some(Elem::Seg), name) => Elem::Inline { keep: keeps_text(name, true) },
            (Some(Elem::Inline { keep }), name) => Elem::Inline { keep: keeps_text(name, keep) },
            _ => Elem::Other,
        };
        self.stack.push(elem);
        Ok(())
    }

    fn close(&mut self) {
        let Some(elem) = self.stack.pop() else { return };
        let parent = self.stack.last().copied();
        match elem {
            Elem::Tmx => self.root_done = true,
            Elem::Note => {
                let note = clean_note(&self.buf);
                if note.is_empty() {
                    return;
                }
                match (parent, self.header.as_mut()) {
                    (Some(Elem::Header), Some(header)) => header.notes.push(note),
                    _ => self.unit.notes.push(note),
                }
            }
            Elem::Prop => {
                let prop = Prop { kind: std::mem::take(&mut self.prop_kind), value: clean_note(&self.buf) };
                match (parent, self.header.as_mut()) {
                    (Some(Elem::Header), Some(header)) => header.props.push(prop),
                    _ => self.unit.props.push(prop),
                }
            }
            Elem::Seg => self.seg = Some(segment_text(&self.buf)),
            Elem::Tuv => {
                let text = self.seg.take().unwrap_or_default();
                self.unit.variants.push(Variant { lang: std::mem::take(&mut self.lang), text });
            }
            Elem::Tu => self.units.push(std::mem::take(&mut self.unit)),
            Elem::Header | Elem::Body | Elem::Inline { .. } | Elem::Other => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(Elem::Note | Elem::Prop | Elem::Seg | Elem::Inline { keep: true }) = self.stack.last() {
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
fn attr(e: &BytesStart, key: &[u8], decoder: Decoder) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        if a.key.as_ref() == key {
            let value = a.decode_and_unescape_value(decoder).map_err(|err| err.to_string())?;
            return Ok(Some(clean_attr(&value)));
        }
    }
    Ok(None)
}

/// A header from the `header` element's attributes; missing ones are empty.
fn header_from(e: &BytesStart, decoder: Decoder) -> Result<Header, String> {
    let attr = |key: &[u8]| attr(e, key, decoder);
    Ok(Header {
        creation_tool: attr(b"creationtool")?.unwrap_or_default(),
        creation_tool_version: attr(b"creationtoolversion")?.unwrap_or_default(),
        seg_type: attr(b"segtype")?.unwrap_or_default(),
        o_tmf: attr(b"o-tmf")?.unwrap_or_default(),
        admin_lang: attr(b"adminlang")?.unwrap_or_default(),
        src_lang: attr(b"srclang")?.unwrap_or_default(),
        data_type: attr(b"datatype")?.unwrap_or_default(),
        creation_date: attr(b"creationdate")?,
        props: Vec::new(),
        notes: Vec::new(),
    })
}

/// The header of a document that has none: every field empty.
fn empty_header() -> Header {
    Header {
        creation_tool: String::new(),
        creation_tool_version: String::new(),
        seg_type: String::new(),
        o_tmf: String::new(),
        admin_lang: String::new(),
        src_lang: String::new(),
        data_type: String::new(),
        creation_date: None,
        props: Vec::new(),
        notes: Vec::new(),
    }
}
