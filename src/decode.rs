//! Decoding: bytes of a scraped page to text; line ends become LF.
//!
//! Detection, in order: a byte-order mark names the encoding; NUL bytes in every other position
//! mean UTF-16 without a mark; valid UTF-8 is UTF-8; otherwise EUC-KR (CP949) when the bytes decode
//! strictly to mostly Hangul, else Windows-1252 when the result reads like Latin text. Anything
//! else, and text full of control characters, is refused as binary: we never guess with
//! replacement characters, so nothing of the input is lost. [`decode_with`] forces an encoding.

use crate::document::{HIGH_BITS, ONE_BYTES, has_byte_below, zero_bytes};
use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use std::str::FromStr;

/// The encoding a text was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian, with or without a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, with or without a byte-order mark.
    Utf16Be,
    /// EUC-KR with Microsoft's extension (CP949, Unified Hangul Code), as the WHATWG defines it.
    EucKr,
    /// Windows-1252, the superset of ISO-8859-1 (Latin-1) that pages labelled Latin-1 really use.
    Windows1252,
}

impl Encoding {
    /// Every encoding tmalign reads.
    pub const ALL: [Encoding; 5] =
        [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::EucKr, Encoding::Windows1252];

    /// The usual name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `EUC-KR`, `Windows-1252`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::EucKr => "EUC-KR",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// Reads an encoding label (`utf-8`, `utf-16le`, `utf-16be`, `euc-kr`, `cp949`,
    /// `windows-1252`, `latin1` and the other WHATWG labels of these five); `None` for any other.
    pub fn from_label(label: &str) -> Option<Encoding> {
        let label = label.trim().to_ascii_lowercase();
        // Common names the WHATWG list does not have.
        match label.as_str() {
            "cp949" | "ms949" | "uhc" => return Some(Encoding::EucKr),
            "cp1252" | "latin-1" => return Some(Encoding::Windows1252),
            "utf8" => return Some(Encoding::Utf8),
            _ => {}
        }
        let found = encoding_rs::Encoding::for_label(label.as_bytes())?;
        Encoding::ALL.into_iter().find(|e| e.codec() == found)
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::EucKr => encoding_rs::EUC_KR,
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        Encoding::from_label(s).ok_or_else(|| {
            format!(
                "unsupported encoding {s:?} (expected utf-8, utf-16le, utf-16be, euc-kr, cp949, windows-1252 or latin1)"
            )
        })
    }
}

/// Decodes `bytes` to a string with LF line ends and no BOM, detecting the encoding.
///
/// Returns the text and the encoding it was read in. Bytes that are no text in a supported
/// encoding, or that look like a binary file, are an [`ErrorKind::Decode`] error; the caller adds
/// the file name.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding)> {
    decode_with(bytes, None)
}

/// Like [`decode`], but with `forced` set the bytes are read in that encoding (after a
/// byte-order mark of that encoding, if any) and nothing is detected. Bytes that are not valid
/// in it are an [`ErrorKind::Decode`] error giving their offset.
pub fn decode_with(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Encoding)> {
    let (text, encoding) = match forced {
        Some(encoding) => (forced_decode(bytes, encoding)?, encoding),
        None => detect_and_decode(bytes)?,
    };
    check_text(&text)?;
    Ok((normalize_line_ends(text), encoding))
}

/// How much of the start of a file the UTF-16 sniffing looks at.
const SNIFF_BYTES: usize = 64 * 1024;

fn detect_and_decode(bytes: &[u8]) -> Result<(String, Encoding)> {
    if let Some((codec, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let encoding = Encoding::ALL.into_iter().find(|e| e.codec() == codec).unwrap_or(Encoding::Utf8);
        return Ok((forced_decode(&bytes[bom..], encoding)?, encoding));
    }
    if let Some(found) = sniff_utf16(bytes)? {
        return Ok(found);
    }
    if bytes.contains(&0) {
        return Err(binary("contains NUL bytes"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), Encoding::Utf8)),
        Err(e) if mostly_utf8(bytes) => {
            return Err(Error::new(
                ErrorKind::Decode,
                format!(
                    "is UTF-8 with an invalid byte sequence at offset {} (a damaged file?); \
                     fix the file, or pass --encoding if it is in another encoding",
                    e.valid_up_to()
                ),
            ));
        }
        Err(_) => {}
    }
    if let Ok(text) = strict(Encoding::EucKr, bytes)
        && looks_like_euc_kr(bytes, &text)
    {
        return Ok((text, Encoding::EucKr));
    }
    let text = strict(Encoding::Windows1252, bytes).map_err(|_| binary("is not text"))?;
    if looks_like_latin(&text) {
        return Ok((text, Encoding::Windows1252));
    }
    Err(Error::new(
        ErrorKind::Decode,
        "is not text in a supported encoding (UTF-8, UTF-16, EUC-KR/CP949, Windows-1252): it looks like a \
         binary file; if it is text, pass --encoding",
    ))
}

fn forced_decode(bytes: &[u8], encoding: Encoding) -> Result<String> {
    let bytes = match encoding {
        Encoding::Utf8 => bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes),
        Encoding::Utf16Le => bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes),
        Encoding::Utf16Be => bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes),
        Encoding::EucKr | Encoding::Windows1252 => bytes,
    };
    if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) && !bytes.len().is_multiple_of(2) {
        return Err(Error::new(
            ErrorKind::Decode,
            format!("is {encoding} text with an odd number of bytes (a truncated file?)"),
        ));
    }
    strict(encoding, bytes).map_err(|at| {
        Error::new(ErrorKind::Decode, format!("is not valid {encoding} (invalid byte sequence at offset {at})"))
    })
}

/// Decodes without replacement characters; on a malformed sequence, its byte offset.
fn strict(encoding: Encoding, bytes: &[u8]) -> Result<String, usize> {
    if encoding == Encoding::Utf8 {
        return std::str::from_utf8(bytes).map(str::to_string).map_err(|e| e.valid_up_to());
    }
    let mut decoder = encoding.codec().new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut at = 0;
    loop {
        let rest = &bytes[at..];
        let need = decoder.max_utf8_buffer_length_without_replacement(rest.len()).unwrap_or(rest.len());
        out.reserve(need.max(16));
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(out),
            encoding_rs::DecoderResult::OutputFull => at += read,
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                return Err((at + read).saturating_sub(usize::from(bad) + usize::from(after)));
            }
        }
    }
}

/// UTF-16 without a byte-order mark: ASCII characters have a NUL high byte, and so do common
/// Hangul syllables (가 is U+AC00) in the other position. A file with a fair share of NUL bytes
/// is decoded in both byte orders; the one that reads like text in our languages wins.
fn sniff_utf16(bytes: &[u8]) -> Result<Option<(String, Encoding)>> {
    let nuls = bytes.iter().take(SNIFF_BYTES).filter(|&&b| b == 0).count();
    if nuls < 4 || nuls * 20 < bytes.len().min(SNIFF_BYTES) / 2 {
        return Ok(None);
    }
    let even = &bytes[..bytes.len() & !1];
    let best = [Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .filter_map(|encoding| strict(encoding, even).ok().map(|text| (plausible_share(&text), text, encoding)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((share, text, encoding)) if share >= 0.9 => {
            if even.len() < bytes.len() {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!(
                        "looks like {encoding} text without a byte-order mark, but has an odd number of bytes (a truncated file?)"
                    ),
                ));
            }
            Ok(Some((text, encoding)))
        }
        _ => Ok(None),
    }
}

/// The share of characters (not counting spaces) that text in Korean, English or Spanish is made
/// of: ASCII, Hangul, Latin letters, the usual punctuation, arrows and shapes used as bullets.
/// UTF-16 read in the wrong byte order turns ASCII into CJK ideographs and rare blocks.
fn plausible_share(text: &str) -> f64 {
    let (mut total, mut plausible) = (0usize, 0usize);
    for c in text.chars() {
        if matches!(c, '\t' | '\n' | '\r' | ' ') {
            continue;
        }
        total += 1;
        let ok = matches!(c,
            '\u{21}'..='\u{7E}'
            | '\u{A0}'..='\u{24F}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{1100}'..='\u{11FF}'
            | '\u{3130}'..='\u{318F}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{20A9}'..='\u{20AC}'
            | '\u{2190}'..='\u{25FF}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FF01}'..='\u{FF5E}'
            | '\u{FEFF}');
        plausible += usize::from(ok);
    }
    if total == 0 { 1.0 } else { plausible as f64 / total as f64 }
}

/// Invalid UTF-8 in a file whose other non-ASCII characters are valid UTF-8: damage, not another
/// encoding (EUC-KR and Windows-1252 text form a valid UTF-8 sequence only by chance).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 4 * invalid
}

/// Strictly decoded EUC-KR that reads as Korean: its two-byte characters are mostly Hangul from
/// the KS X 1001 core (both bytes 0xA1 and up), not the CP949 extension, which accented Latin
/// letters followed by ASCII also fall into.
fn looks_like_euc_kr(bytes: &[u8], text: &str) -> bool {
    let (mut core, mut extension) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&trail) if lead >= 0xA1 && trail >= 0xA1 => core += 1,
            _ => extension += 1,
        }
        i += 2;
    }
    let hangul = text.chars().filter(|c| matches!(c, '\u{AC00}'..='\u{D7A3}')).count();
    let pairs = core + extension;
    pairs > 0 && extension * 10 <= pairs && hangul * 2 >= pairs
}

/// Non-ASCII characters of Latin text that are not letters.
const LATIN_SYMBOLS: &str = "\u{A0}«»¿¡ºª°·€–—‘’‚“”„…•†‡©®™§¶±×÷¢£¥¤¹²³¼½¾µ´¨¸¯¬¦";

/// Windows-1252 that reads like Latin text: few characters outside ASCII, and those mostly
/// letters and the usual signs. Binary data decodes to many of both.
fn looks_like_latin(text: &str) -> bool {
    let (mut total, mut non_ascii, mut odd) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        total += 1;
        if c.is_ascii() {
            continue;
        }
        non_ascii += 1;
        if !c.is_alphabetic() && !LATIN_SYMBOLS.contains(c) {
            odd += 1;
        }
    }
    non_ascii * 4 <= total && odd * 10 <= non_ascii + 2
}

/// Refuses text with NUL characters, or more than one control character in a hundred: a binary
/// file that happens to decode.
fn check_text(text: &str) -> Result<()> {
    let TextCounts { chars, controls, nul } = TextCounts::of(text);
    if nul {
        return Err(binary("contains NUL characters"));
    }
    if controls > 0 && controls * 100 > chars {
        return Err(binary(&format!("has {controls} control characters in {chars}")));
    }
    Ok(())
}

/// What `check_text` judges a text by: its characters, the control characters among them
/// (C0 but tab and line ends, DEL, C1, and U+FFFD to U+FFFF), and whether one is NUL.
#[derive(Debug, PartialEq)]
struct TextCounts {
    chars: usize,
    controls: usize,
    nul: bool,
}

impl TextCounts {
    /// Read from the UTF-8 bytes, not from decoded characters: every character starts with a
    /// byte that is not a continuation byte, and each control character has one encoding (C1:
    /// C2 80 to C2 9F; U+FFFD to U+FFFF: EF BF BD to EF BF BF).
    fn of(text: &str) -> TextCounts {
        let bytes = text.as_bytes();
        let (mut chars, mut controls, mut nul) = (0, 0, false);
        let mut at = 0;
        while at < bytes.len() {
            // Eight bytes at a time while none is below 0x20, DEL, or the lead byte of a C1
            // control or of U+FFFD to U+FFFF (C2, EF): nearly all text. Only characters are
            // counted there: the bytes that are not continuation bytes (10xxxxxx).
            if let Some(chunk) = bytes.get(at..at + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
                let x = u64::from_le_bytes(chunk);
                let has = |byte: u8| zero_bytes(x ^ (ONE_BYTES * u64::from(byte))) != 0;
                if !has_byte_below(x, 0x20) && !has(0x7F) && !has(0xC2) && !has(0xEF) {
                    let continuations = x & !(x << 1) & HIGH_BITS;
                    chars += 8 - continuations.count_ones() as usize;
                    at += 8;
                    continue;
                }
            }
            let byte = bytes[at];
            chars += usize::from(byte & 0xC0 != 0x80);
            let control = match byte {
                0x00..=0x08 | 0x0E..=0x1F | 0x7F => true,
                0xC2 => matches!(bytes.get(at + 1), Some(0x80..=0x9F)),
                0xEF => bytes.get(at + 1) == Some(&0xBF) && matches!(bytes.get(at + 2), Some(0xBD..=0xBF)),
                _ => false,
            };
            controls += usize::from(control);
            nul |= byte == 0;
            at += 1;
        }
        TextCounts { chars, controls, nul }
    }
}

fn binary(what: &str) -> Error {
    Error::new(ErrorKind::Decode, format!("{what}: this looks like a binary file, not text"))
}

/// CRLF and lone CR become LF.
fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes give text or an error, never a panic; text has no CR and no NUL.
        #[test]
        fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Ok((text, _)) = decode(&bytes) {
                prop_assert!(!text.contains('\r') && !text.contains('\0'));
            }
            for encoding in Encoding::ALL {
                let _ = decode_with(&bytes, Some(encoding));
            }
        }

        /// The counts read from bytes are those of the characters, for any text.
        #[test]
        fn text_counts_are_those_of_the_characters(
            text in any::<String>(),
            controls in "[\\x00-\\x1f\\x7f-\\u{9f}\\u{fffd}-\\u{ffff}\\u{a0}\\u{100}\\u{ff00}-\\u{fffc}a ]{0,40}",
            // Runs long enough to be read eight bytes at a time, with controls between them.
            mixed in "([a-z .]{0,12}|[가-힣]{0,5}|[áéñ“”]{0,3}|[\\x00-\\x1f\\x7f-\\u{9f}\\u{fffd}-\\u{ffff}]){0,30}",
        ) {
            for text in [text.as_str(), controls.as_str(), mixed.as_str()] {
                let control = |c: char| {
                    matches!(c, '\0'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFD}'..='\u{FFFF}')
                };
                let expected = TextCounts {
                    chars: text.chars().count(),
                    controls: text.chars().filter(|&c| control(c)).count(),
                    nul: text.contains('\0'),
                };
                prop_assert_eq!(TextCounts::of(text), expected);
            }
        }

        /// UTF-8 text is read back unchanged (line ends aside), whatever it holds.
        #[test]
        fn utf8_text_round_trips(text in "[a-zA-Z0-9 .,\n가-힣áéíóúñ¿¡«»“”]{0,200}") {
            prop_assert_eq!(decode(text.as_bytes()).unwrap(), (text, Encoding::Utf8));
        }

        /// Korean text encoded in EUC-KR or UTF-16 without a mark is detected and read back.
        /// Syllables are common ones: text made mostly of CP949-extension syllables (outside
        /// KS X 1001) is not detected as EUC-KR and needs --encoding.
        #[test]
        fn korean_round_trips(text in "[가나다라마바사아자차카타파하국외교부회의개최했다서울에한중미협력대표참석이번는은을를]{2,6}( [가나다라마바사아자차카타파하국외교부회의개최했다서울에한중미협력대표참석이번는은을를]{1,6}| [0-9]{1,4}){6,30}[.]\\n") {
            for encoding in [Encoding::EucKr, Encoding::Utf16Le, Encoding::Utf16Be] {
                let bytes = match encoding {
                    Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                    Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                    _ => {
                        let (bytes, _, unmappable) = encoding.codec().encode(&text);
                        if unmappable { continue; }
                        bytes.into_owned()
                    }
                };
                let (decoded, found) = decode(&bytes).unwrap();
                prop_assert_eq!(&decoded, &text);
                prop_assert_eq!(found, encoding);
            }
        }
    }

    fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
        match encoding {
            Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            _ => {
                let (bytes, _, unmappable) = encoding.codec().encode(text);
                assert!(!unmappable);
                bytes.into_owned()
            }
        }
    }

    const KO: &str =
        "외교부는 3월 17일 서울에서 한-중미 협력 회의를 개최했다.\r\n이번 회의에는 7개국 대표가 참석했다.\n";
    const ES: &str = "La economía regional crecerá un 2,1 % este año, según el informe de la CEPAL.\n\
                      ¿Qué países lideran? Perú, Panamá y México.\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("가나\r\nb\rc".as_bytes()).unwrap(), ("가나\nb\nc".to_string(), Encoding::Utf8));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("hé".as_bytes());
        assert_eq!(decode(&bom).unwrap().0, "hé");
    }

    #[test]
    fn utf16_both_orders_with_bom() {
        let text = "한국어\r\nEspañol";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        le.extend(encode(text, Encoding::Utf16Le));
        be.extend(encode(text, Encoding::Utf16Be));
        assert_eq!(decode(&le).unwrap(), ("한국어\nEspañol".to_string(), Encoding::Utf16Le));
        assert_eq!(decode(&be).unwrap(), ("한국어\nEspañol".to_string(), Encoding::Utf16Be));
        assert_eq!(decode(&le[..le.len() - 1]).unwrap_err().kind(), ErrorKind::Decode);
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        // 가, 대 and 관 (U+AC00, U+B300, U+AD00) have a NUL byte where ASCII does not.
        let nul_syllables = "대관 가격 대한 관련 가나다 대관령 가방 관가 대가.\n";
        for text in [KO, ES, nul_syllables] {
            for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
                let (decoded, found) = decode(&encode(text, encoding)).unwrap();
                assert_eq!(found, encoding);
                assert_eq!(decoded, normalize_line_ends(text.to_string()));
            }
        }
        let mut odd = encode(ES, Encoding::Utf16Le);
        odd.pop();
        assert!(decode(&odd).unwrap_err().message().contains("odd number"));
    }

    #[test]
    fn euc_kr_and_windows_1252_are_detected() {
        let (text, encoding) = decode(&encode(KO, Encoding::EucKr)).unwrap();
        assert_eq!((text.as_str(), encoding), (normalize_line_ends(KO.to_string()).as_str(), Encoding::EucKr));
        let (text, encoding) = decode(&encode(ES, Encoding::Windows1252)).unwrap();
        assert_eq!((text.as_str(), encoding), (ES, Encoding::Windows1252));
        // Upper-case accents before ASCII fall into CP949's extension; still Latin.
        let (text, encoding) = decode(&encode("ÁFRICA y Ángel.\n", Encoding::Windows1252)).unwrap();
        assert_eq!((text.as_str(), encoding), ("ÁFRICA y Ángel.\n", Encoding::Windows1252));
    }

    #[test]
    fn forced_encodings() {
        let bytes = encode(ES, Encoding::Windows1252);
        assert_eq!(decode_with(&bytes, Some(Encoding::Windows1252)).unwrap().0, ES);
        let err = decode_with(&bytes, Some(Encoding::Utf8)).unwrap_err();
        assert!(err.message().contains("not valid UTF-8 (invalid byte sequence at offset 9)"), "{}", err.message());
        let err = decode_with(&encode(ES, Encoding::Windows1252), Some(Encoding::EucKr)).unwrap_err();
        assert!(err.message().starts_with("is not valid EUC-KR"), "{}", err.message());
        assert_eq!(decode_with(b"\xFF\xFEa\0", Some(Encoding::Utf16Le)).unwrap().0, "a");
    }

    #[test]
    fn labels() {
        for (label, encoding) in [
            ("utf-8", Encoding::Utf8),
            ("UTF8", Encoding::Utf8),
            ("utf-16le", Encoding::Utf16Le),
            ("utf-16be", Encoding::Utf16Be),
            ("euc-kr", Encoding::EucKr),
            ("cp949", Encoding::EucKr),
            ("windows-949", Encoding::EucKr),
            ("windows-1252", Encoding::Windows1252),
            ("latin1", Encoding::Windows1252),
            ("iso-8859-1", Encoding::Windows1252),
        ] {
            assert_eq!(label.parse::<Encoding>(), Ok(encoding), "{label}");
        }
        assert!("shift_jis".parse::<Encoding>().is_err());
        assert!("gbk".parse::<Encoding>().is_err());
    }

    #[test]
    fn damaged_utf8_is_not_taken_for_another_encoding() {
        let mut bytes = "한국어 텍스트입니다. 외교부는 회의를 개최했다.".as_bytes().to_vec();
        bytes[4] = 0xFF;
        let err = decode(&bytes).unwrap_err();
        assert!(err.message().contains("invalid byte sequence at offset 3"), "{}", err.message());
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"abc\0def").unwrap_err().message().contains("binary"));
        // PNG-like header and random-ish bytes.
        let noise: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(decode(&noise).unwrap_err().message().contains("binary"));
        let high: Vec<u8> = (0u32..4096).map(|i| 0x80 | (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert_eq!(decode(&high).unwrap_err().kind(), ErrorKind::Decode);
        assert!(decode(b"text\x01\x02\x03\x04 with controls").unwrap_err().message().contains("control characters"));
        // One stray control character in a long text is kept.
        let mut text = "word ".repeat(100);
        text.push('\u{1}');
        assert!(decode(text.as_bytes()).is_ok());
    }

    #[test]
    fn empty_input_is_empty_utf8() {
        assert_eq!(decode(b"").unwrap(), (String::new(), Encoding::Utf8));
    }
}
