//! TMX 1.4 writer.
//!
//! The writer defends the rules that real TMX readers taught us (see the crate's TMX notes):
//! it cleans what it is given instead of trusting the caller.

use crate::document::{is_xml_char, normalize_segment};
use crate::tm::{Header, Prop, TranslationMemory, TranslationUnit};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::Hash;
use std::io::{self, Write};

/// Segments longer than this many characters are reported: some cloud CAT tools refuse them.
pub const MAX_SEGMENT_CHARS: usize = 2000;

/// The `segtype` values the TMX 1.4 DTD allows.
const SEG_TYPES: [&str; 4] = ["block", "paragraph", "sentence", "phrase"];

/// A segment longer than [`MAX_SEGMENT_CHARS`] that was written (a warning, not an error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LongSegment {
    /// Index of the unit in [`TranslationMemory::units`] (the input, not the output).
    pub unit: usize,
    /// The unit's `tuid`, if it has one.
    pub id: Option<String>,
    /// The locale of the segment, as written.
    pub lang: String,
    /// Its length in characters (Unicode scalar values) after normalisation.
    pub chars: usize,
}

/// What [`write_tmx`] wrote and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Units written to the `body`.
    pub units_written: usize,
    /// Units left out because an earlier unit had exactly the same variants (locale and text).
    pub duplicates_dropped: usize,
    /// Units left out because fewer than two non-empty variants remained after normalisation.
    pub empty_dropped: usize,
    /// Variants left out of written or dropped units because their text was empty or
    /// whitespace-only after normalisation.
    pub variants_dropped: usize,
    /// Written segments longer than [`MAX_SEGMENT_CHARS`] characters.
    pub long_segments: Vec<LongSegment>,
}

/// Writes `tm` as TMX 1.4: UTF-8 without BOM, LF line ends, two-space indentation.
///
/// The output is deterministic (units in input order, variants in unit order) and is valid
/// against the TMX 1.4 DTD. The writer enforces the rules real readers need:
///
/// - segment text goes through [`normalize_segment`] (NFC, whitespace folded, trimmed,
///   characters illegal in XML 1.0 removed; a second pass when the first leaves text that is
///   not NFC); a variant left empty is not written;
/// - a variant's [`markup`](crate::Variant::markup) (inline elements, as read) is written as it
///   is when it is well-formed, made of TMX inline elements only and free of characters illegal
///   in XML; otherwise the plain text is written;
/// - a unit left with fewer than two variants is not written;
/// - a unit whose variants (locale and text, in any order) equal those of an earlier unit is
///   not written: the first one is kept (units are compared by a 128-bit hash of their
///   variants, so memory stays small for large files);
/// - locales are written with hyphens (`ko_KR` becomes `ko-KR`);
/// - dates not of the form `YYYYMMDDThhmmssZ` are repaired when they only differ by `-`/`:`
///   separators, and left out otherwise;
/// - a header `segtype` the DTD does not allow is written as `sentence`;
/// - a unit that has no variant in the header's `srclang` gets its own `srclang` attribute
///   (its first variant's locale), so every unit names a source present in it;
/// - notes and property values lose characters illegal in XML, CR line ends become LF, and
///   they are trimmed; empty notes are not written;
/// - attribute values have tabs and line breaks replaced by spaces.
///
/// Segments over [`MAX_SEGMENT_CHARS`] characters are written but listed in the report.
/// Writing what [`read_tmx`](crate::read_tmx) read from a file this writer wrote gives the same
/// bytes. [`TmxWriter`] writes the same document unit by unit.
pub fn write_tmx<W: Write>(tm: &TranslationMemory, out: W) -> io::Result<WriteReport> {
    let mut writer = TmxWriter::new(out, &tm.header)?;
    for unit in &tm.units {
        writer.write_unit(unit)?;
    }
    writer.finish()
}

/// A streaming TMX 1.4 writer: the header when created, then units one by one, then
/// [`TmxWriter::finish`]. The document is the one [`write_tmx`] writes, with the same rules;
/// only a 128-bit hash per written unit is kept in memory.
///
/// ```
/// use tmalign::{Header, TmxWriter, TranslationUnit, Variant};
///
/// let mut out = Vec::new();
/// let mut writer = TmxWriter::new(&mut out, &Header::tmalign("en-US", "20250101T000000Z".into())).unwrap();
/// let unit = TranslationUnit { variants: vec![Variant::new("en-US", "Hi"), Variant::new("es-ES", "Hola")], ..Default::default() };
/// assert!(writer.write_unit(&unit).unwrap());
/// assert!(!writer.write_unit(&unit).unwrap(), "a duplicate is left out");
/// assert_eq!(writer.finish().unwrap().units_written, 1);
/// assert!(String::from_utf8(out).unwrap().contains("<seg>Hola</seg>"));
/// ```
pub struct TmxWriter<W: Write> {
    w: Writer<io::BufWriter<W>>,
    gate: UnitGate,
}

/// What decides whether a unit is written, and keeps the report: the rules of [`write_tmx`]
/// for one unit after another.
struct UnitGate {
    src_lang: String,
    seen: HashSet<u128>,
    report: WriteReport,
    /// Index of the next unit offered.
    index: usize,
}

impl UnitGate {
    fn new(src_lang: String) -> UnitGate {
        UnitGate { src_lang, seen: HashSet::new(), report: WriteReport::default(), index: 0 }
    }

    /// The unit's variants as written, with the key that equal units share, or `None` when
    /// it is left out (fewer than two variants after cleaning, or a duplicate of a unit
    /// written before); counted in the report.
    fn admit<'a>(&mut self, unit: &'a TranslationUnit) -> Option<(u128, Vec<CleanVariant<'a>>)> {
        let index = self.index;
        self.index += 1;
        let variants = clean_variants(unit, &mut self.report);
        if variants.len() < 2 {
            self.report.empty_dropped += 1;
            return None;
        }
        let mut key: Vec<(String, &str)> =
            variants.iter().map(|v| (v.lang.to_ascii_lowercase(), v.text.as_ref())).collect();
        key.sort();
        let key = hash128(&key);
        if !self.seen.insert(key) {
            self.report.duplicates_dropped += 1;
            return None;
        }
        // A text of no more bytes than that has no more characters either: most are not counted.
        for v in variants.iter().filter(|v| v.text.len() > MAX_SEGMENT_CHARS) {
            let chars = v.text.chars().count();
            if chars > MAX_SEGMENT_CHARS {
                self.report.long_segments.push(LongSegment {
                    unit: index,
                    id: unit.id.clone(),
                    lang: v.lang.to_string(),
                    chars,
                });
            }
        }
        self.report.units_written += 1;
        Some((key, variants))
    }
}

impl<W: Write> TmxWriter<W> {
    /// Starts a document: XML declaration, DOCTYPE, `<tmx>`, the header and `<body>`.
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    pub fn new(out: W, header: &Header) -> io::Result<TmxWriter<W>> {
        // Buffered here so that callers may pass a bare `File`.
        let mut w = Writer::new_with_indent(io::BufWriter::with_capacity(1 << 16, out), b' ', 2);
        let src_lang = clean_locale(&header.src_lang).into_owned();

        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(Event::DocType(BytesText::from_escaped(r#"tmx SYSTEM "tmx14.dtd""#)))?;
        w.write_event(Event::Start(BytesStart::new("tmx").with_attributes([("version", "1.4")])))?;

        let seg_type =
            if SEG_TYPES.contains(&header.seg_type.as_str()) { header.seg_type.as_str() } else { "sentence" };
        let mut attrs: Vec<(&str, String)> = vec![
            ("creationtool", clean_attr(&header.creation_tool).into_owned()),
            ("creationtoolversion", clean_attr(&header.creation_tool_version).into_owned()),
            ("segtype", seg_type.to_string()),
            ("o-tmf", clean_attr(&header.o_tmf).into_owned()),
            ("adminlang", clean_locale(&header.admin_lang).into_owned()),
            ("srclang", src_lang.clone()),
            ("datatype", clean_attr(&header.data_type).into_owned()),
        ];
        if let Some(date) = header.creation_date.as_deref().and_then(clean_date) {
            attrs.push(("creationdate", date));
        }
        let start = BytesStart::new("header").with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str())));
        if header.props.is_empty() && header.notes.iter().all(|n| clean_note(n).is_empty()) {
            w.write_event(Event::Empty(start))?;
        } else {
            w.write_event(Event::Start(start))?;
            write_notes_and_props(&mut w, &header.notes, &header.props)?;
            w.write_event(Event::End(BytesEnd::new("header")))?;
        }
        w.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(TmxWriter { w, gate: UnitGate::new(src_lang) })
    }

    /// Writes one unit, or leaves it out (returning `false`) when fewer than two variants
    /// remain after cleaning or when it duplicates a unit already written.
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    pub fn write_unit(&mut self, unit: &TranslationUnit) -> io::Result<bool> {
        let Some((_, variants)) = self.gate.admit(unit) else { return Ok(false) };
        write_unit(&mut self.w, unit, &variants, &self.gate.src_lang)?;
        Ok(true)
    }

    /// Closes the document and flushes it; returns what was written and left out.
    ///
    /// # Errors
    ///
    /// Errors from `out`.
    pub fn finish(mut self) -> io::Result<WriteReport> {
        self.w.write_event(Event::End(BytesEnd::new("body")))?;
        self.w.write_event(Event::End(BytesEnd::new("tmx")))?;
        let mut out = self.w.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(self.gate.report)
    }
}

/// The units of `tm` as [`write_tmx`] writes them, each with the line end and indentation
/// before it, rendered one by one (for a batch that gathers units from many memories), and
/// the report. Units left out are not in the list. Each unit comes with the 128-bit key by
/// which [`write_tmx`] tells duplicates: equal for units with the same variants.
pub(crate) fn render_units(tm: &TranslationMemory) -> io::Result<(Vec<(u128, String)>, WriteReport)> {
    let mut gate = UnitGate::new(clean_locale(&tm.header.src_lang).into_owned());
    // Units sit two levels deep (`tmx`, `body`): open both, then keep only what follows.
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Start(BytesStart::new("tmx")))?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    w.get_mut().clear();
    let mut units = Vec::new();
    for unit in &tm.units {
        if let Some((key, variants)) = gate.admit(unit) {
            write_unit(&mut w, unit, &variants, &gate.src_lang)?;
            units.push((key, String::from_utf8(std::mem::take(w.get_mut())).map_err(io::Error::other)?));
        }
    }
    Ok((units, gate.report))
}

/// A 128-bit hash of `value` (keyless SipHash-1-3 with a 128-bit output), by which equal units
/// are told apart from different ones: at 128 bits, two different units do not meet by chance.
pub(crate) fn hash128<T: Hash + ?Sized>(value: &T) -> u128 {
    use siphasher::sip128::Hasher128;
    let mut h = siphasher::sip128::SipHasher13::new();
    value.hash(&mut h);
    h.finish128().as_u128()
}

/// A variant as written: cleaned locale, normalised text, and markup when it can be written.
struct CleanVariant<'a> {
    lang: Cow<'a, str>,
    text: Cow<'a, str>,
    markup: Option<&'a str>,
}

/// The unit's variants as written: locale cleaned, text normalised, empty ones left out.
fn clean_variants<'a>(unit: &'a TranslationUnit, report: &mut WriteReport) -> Vec<CleanVariant<'a>> {
    let mut variants = Vec::with_capacity(unit.variants.len());
    for variant in &unit.variants {
        let text = segment_text_cow(&variant.text);
        let lang = clean_locale(&variant.lang);
        if text.is_empty() || lang.is_empty() {
            report.variants_dropped += 1;
        } else {
            let markup = variant.markup.as_deref().filter(|m| markup_is_writable(m));
            variants.push(CleanVariant { lang, text, markup });
        }
    }
    variants
}

/// Whether inline markup can be written as it is: well-formed inside a `seg`, made only of
/// TMX inline elements, text and comments, with no character illegal in XML (raw or as a
/// reference) and no entity other than the five predefined ones.
fn markup_is_writable(markup: &str) -> bool {
    if !markup.chars().all(is_xml_char) {
        return false;
    }
    let wrapped = format!("<seg>{markup}</seg>");
    let mut reader = quick_xml::Reader::from_str(&wrapped);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth > 0 && !INLINE.contains(&e.name().as_ref()) {
                    return false;
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 || !INLINE.contains(&e.name().as_ref()) {
                    return false;
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Text(t)) => {
                let Ok(raw) = std::str::from_utf8(&t) else { return false };
                match quick_xml::escape::unescape(raw) {
                    Ok(text) if text.chars().all(is_xml_char) => {}
                    _ => return false,
                }
            }
            Ok(Event::CData(_) | Event::Comment(_)) => {}
            Ok(Event::Eof) => return depth == 0,
            Ok(Event::Decl(_) | Event::PI(_) | Event::DocType(_)) | Err(_) => return false,
        }
    }
}

/// The TMX 1.4 inline elements.
const INLINE: [&[u8]; 7] = [b"bpt", b"ept", b"ph", b"it", b"hi", b"ut", b"sub"];

fn write_unit<W: Write>(
    w: &mut Writer<W>,
    unit: &TranslationUnit,
    variants: &[CleanVariant],
    src_lang: &str,
) -> io::Result<()> {
    let mut attrs: Vec<(&str, String)> = Vec::new();
    if let Some(id) = &unit.id {
        attrs.push(("tuid", clean_attr(id).into_owned()));
    }
    // The header's srclang must be present in every unit, unless it is `*all*`.
    let has_src =
        src_lang.eq_ignore_ascii_case("*all*") || variants.iter().any(|v| v.lang.eq_ignore_ascii_case(src_lang));
    if let Some(first) = variants.first().filter(|_| !has_src) {
        attrs.push(("srclang", first.lang.to_string()));
    }
    if let Some(date) = unit.creation_date.as_deref().and_then(clean_date) {
        attrs.push(("creationdate", date));
    }
    if let Some(date) = unit.change_date.as_deref().and_then(clean_date) {
        attrs.push(("changedate", date));
    }
    w.write_event(Event::Start(BytesStart::new("tu").with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_str())))))?;
    write_notes_and_props(w, &unit.notes, &unit.props)?;
    for v in variants {
        w.write_event(Event::Start(BytesStart::new("tuv").with_attributes([("xml:lang", v.lang.as_ref())])))?;
        match v.markup {
            Some(markup) => {
                w.write_event(Event::Start(BytesStart::new("seg")))?;
                w.write_event(Event::Text(BytesText::from_escaped(markup)))?;
                w.write_event(Event::End(BytesEnd::new("seg")))?;
            }
            None => write_text_element(w, BytesStart::new("seg"), &v.text)?,
        }
        w.write_event(Event::End(BytesEnd::new("tuv")))?;
    }
    w.write_event(Event::End(BytesEnd::new("tu")))
}

/// Writes `prop`s then `note`s (the DTD allows them mixed; both come before any `tuv`).
fn write_notes_and_props<W: Write>(w: &mut Writer<W>, notes: &[String], props: &[Prop]) -> io::Result<()> {
    for prop in props {
        let kind = clean_attr(&prop.kind);
        write_text_element(
            w,
            BytesStart::new("prop").with_attributes([("type", kind.as_ref())]),
            &clean_note(&prop.value),
        )?;
    }
    for note in notes {
        let note = clean_note(note);
        if !note.is_empty() {
            write_text_element(w, BytesStart::new("note"), &note)?;
        }
    }
    Ok(())
}

/// `<name ...>text</name>` on one line, or `<name .../>` when `text` is empty.
fn write_text_element<W: Write>(w: &mut Writer<W>, start: BytesStart, text: &str) -> io::Result<()> {
    if text.is_empty() {
        return w.write_event(Event::Empty(start));
    }
    let end = start.to_end().into_owned();
    w.write_event(Event::Start(start))?;
    // Most segments hold nothing to escape: they are written as they are, not copied.
    let plain = memchr::memchr3(b'<', b'>', b'&', text.as_bytes()).is_none()
        && memchr::memchr2(b'\'', b'"', text.as_bytes()).is_none();
    w.write_event(Event::Text(if plain { BytesText::from_escaped(text) } else { BytesText::new(text) }))?;
    w.write_event(Event::End(end))
}

/// Segment text as written and read: [`normalize_segment`], applied until it no longer changes.
///
/// One pass is not always enough: `normalize_segment` composes (NFC) before it removes illegal
/// and zero-width characters, so `C\u{FFFE}\u{301}` comes out as the non-NFC `C\u{301}`.
/// A second pass composes it; after it nothing is left to remove, so the result is stable.
pub(crate) fn segment_text(raw: &str) -> String {
    segment_text_cow(raw).into_owned()
}

/// [`segment_text`], borrowing `raw` when it is already so, as most text is.
fn segment_text_cow(raw: &str) -> Cow<'_, str> {
    if crate::document::is_normalized_segment(raw) {
        return Cow::Borrowed(raw); // what the passes below would give, without them
    }
    let once = normalize_segment(raw);
    // The first pass leaves nothing to remove; only composition can still change the text.
    if crate::document::is_nfc_quick(once.chars()) {
        return Cow::Owned(once);
    }
    let twice = normalize_segment(&once);
    Cow::Owned(if twice == once { once } else { twice })
}

/// Note and property text: characters illegal in XML removed, CR and CRLF line ends made LF, trimmed.
pub(crate) fn clean_note(raw: &str) -> String {
    if raw.chars().all(|c| is_xml_char(c) && c != '\r') && raw.trim().len() == raw.len() {
        return raw.to_owned();
    }
    let text: String = raw.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|&c| is_xml_char(c)).collect();
    text.trim().to_string()
}

/// An attribute value: characters illegal in XML removed, tabs and line breaks made spaces
/// (a reader would normalise them to spaces anyway), trimmed.
fn clean_attr(raw: &str) -> Cow<'_, str> {
    if raw.chars().all(|c| is_xml_char(c) && !matches!(c, '\t' | '\n' | '\r')) && raw.trim().len() == raw.len() {
        return Cow::Borrowed(raw);
    }
    let text: String = raw
        .chars()
        .filter(|&c| is_xml_char(c))
        .map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c })
        .collect();
    Cow::Owned(text.trim().to_string())
}

/// A locale as written to `xml:lang`: cleaned, underscores made hyphens (OmegaT skips `ko_KR`).
fn clean_locale(raw: &str) -> Cow<'_, str> {
    match clean_attr(raw) {
        attr if attr.contains('_') => Cow::Owned(attr.replace('_', "-")),
        attr => attr,
    }
}

/// A date as `YYYYMMDDThhmmssZ`, repaired from `YYYY-MM-DDThh:mm:ssZ`; `None` if neither.
fn clean_date(raw: &str) -> Option<String> {
    let date: String = raw.trim().chars().filter(|&c| c != '-' && c != ':').collect();
    let b = date.as_bytes();
    let ok = b.len() == 16
        && b[..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'T'
        && b[9..15].iter().all(u8::is_ascii_digit)
        && b[15] == b'Z';
    ok.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::Variant;

    fn unit(pairs: &[(&str, &str)]) -> TranslationUnit {
        TranslationUnit {
            variants: pairs.iter().map(|(l, t)| Variant::new(*l, *t)).collect(),
            ..TranslationUnit::default()
        }
    }

    fn write(tm: &TranslationMemory) -> (String, WriteReport) {
        let mut out = Vec::new();
        let report = write_tmx(tm, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn writes_the_expected_document() {
        let mut tm =
            TranslationMemory { header: Header::tmalign("ko-KR", "20250101T120000Z".into()), units: Vec::new() };
        tm.header.notes.push("aligned".into());
        let mut u = unit(&[("ko-KR", "안녕 <세계> & \"친구\""), ("en-US", "Hello 'world'")]);
        u.id = Some("1".into());
        u.creation_date = Some("2025-01-01T12:00:00Z".into());
        u.change_date = Some("junk".into());
        u.props.push(Prop { kind: "x-score".into(), value: "0.9".into() });
        u.notes.push("n".into());
        tm.units.push(u);
        let (xml, report) = write(&tm);
        let version = env!("CARGO_PKG_VERSION");
        let expected = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="tmalign" creationtoolversion="{version}" segtype="sentence" o-tmf="tmalign" adminlang="en-US" srclang="ko-KR" datatype="plaintext" creationdate="20250101T120000Z">
    <note>aligned</note>
  </header>
  <body>
    <tu tuid="1" creationdate="20250101T120000Z">
      <prop type="x-score">0.9</prop>
      <note>n</note>
      <tuv xml:lang="ko-KR">
        <seg>안녕 &lt;세계&gt; &amp; &quot;친구&quot;</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>Hello &apos;world&apos;</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"#
        );
        assert_eq!(xml, expected);
        assert_eq!(report.units_written, 1);
    }

    #[test]
    fn drops_empty_short_and_duplicate_units() {
        let tm = TranslationMemory {
            header: Header::tmalign("en-US", "20250101T120000Z".into()),
            units: vec![
                unit(&[("en-US", " a\u{1} "), ("es-ES", "b")]),
                unit(&[("es_ES", "b"), ("en-US", "a")]),
                unit(&[("en-US", "c"), ("es-ES", " \u{3000}\t")]),
                unit(&[("en-US", "d"), ("es-ES", "e"), ("ko-KR", "")]),
            ],
        };
        let (xml, report) = write(&tm);
        assert_eq!(report.units_written, 2);
        assert_eq!(report.duplicates_dropped, 1);
        assert_eq!(report.empty_dropped, 1);
        assert_eq!(report.variants_dropped, 2);
        assert!(xml.contains("<seg>a</seg>"));
        assert!(!xml.contains("<seg>c</seg>"));
        assert!(!xml.contains("ko-KR"));
    }

    #[test]
    fn reports_long_segments_and_marks_units_without_srclang() {
        let long = "x".repeat(MAX_SEGMENT_CHARS + 1);
        let mut u = unit(&[("en-US", &long), ("es-ES", "y")]);
        u.id = Some("7".into());
        let tm = TranslationMemory { header: Header::tmalign("ko-KR", "20250101T120000Z".into()), units: vec![u] };
        let (xml, report) = write(&tm);
        assert_eq!(
            report.long_segments,
            vec![LongSegment { unit: 0, id: Some("7".into()), lang: "en-US".into(), chars: MAX_SEGMENT_CHARS + 1 }]
        );
        assert!(xml.contains(r#"<tu tuid="7" srclang="en-US">"#));
    }

    #[test]
    fn cleans_dates_and_text() {
        assert_eq!(clean_date("2025-01-02T03:04:05Z").as_deref(), Some("20250102T030405Z"));
        assert_eq!(clean_date("20250102T030405Z").as_deref(), Some("20250102T030405Z"));
        assert_eq!(clean_date("yesterday"), None);
        assert_eq!(clean_date("2025-01-02"), None);
        assert_eq!(clean_note(" a\r\nb\u{B}\rc "), "a\nb\nc");
        assert_eq!(clean_attr("a\tb\nc\u{0}"), "a b c");
        assert_eq!(clean_locale("ko_KR"), "ko-KR");
        assert_eq!(segment_text(" C\u{FFFE}\u{301} a\u{200B}\u{308} "), "\u{106} \u{E4}");
    }
}
