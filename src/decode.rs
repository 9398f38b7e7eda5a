//! Decoding: bytes of a scraped page to text. UTF-8 (with or without BOM) and UTF-16 with a BOM;
//! line ends become LF.

use crate::error::{Error, ErrorKind, Result};

/// The encoding a text was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian, announced by a byte-order mark.
    Utf16Le,
    /// UTF-16 big-endian, announced by a byte-order mark.
    Utf16Be,
}

/// Decodes `bytes` to a string with LF line ends and no BOM.
///
/// Anything that is not UTF-8 or BOM-marked UTF-16 is an [`ErrorKind::Decode`] error; the caller
/// adds the file name.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding)> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (utf8(rest, 3)?, Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be)
    } else {
        (utf8(bytes, 0)?, Encoding::Utf8)
    };
    if text.contains('\0') {
        return Err(Error::new(ErrorKind::Decode, "contains NUL bytes: this looks like a binary file, not text"));
    }
    Ok((normalize_line_ends(text), encoding))
}

fn utf8(bytes: &[u8], offset: usize) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to() + offset;
        Error::new(
            ErrorKind::Decode,
            format!(
                "not valid UTF-8 (invalid byte at offset {at}); save the file as UTF-8 or UTF-16 with a byte-order mark"
            ),
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(Error::new(ErrorKind::Decode, "UTF-16 text with an odd number of bytes (truncated file?)"));
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .enumerate()
        .map(|(i, c)| {
            c.map_err(|_| {
                Error::new(ErrorKind::Decode, format!("invalid UTF-16 (unpaired surrogate at code unit {})", i + 1))
            })
        })
        .collect()
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

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("가나\r\nb\rc".as_bytes()).unwrap(), ("가나\nb\nc".to_string(), Encoding::Utf8));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("hé".as_bytes());
        assert_eq!(decode(&bom).unwrap().0, "hé");
    }

    #[test]
    fn utf16_both_orders() {
        let text = "한국어\r\nEspañol";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), ("한국어\nEspañol".to_string(), Encoding::Utf16Le));
        assert_eq!(decode(&be).unwrap(), ("한국어\nEspañol".to_string(), Encoding::Utf16Be));
        assert_eq!(decode(&le[..le.len() - 1]).unwrap_err().kind(), ErrorKind::Decode);
    }

    #[test]
    fn rejects_other_encodings_and_binary() {
        // "한" in EUC-KR.
        let err = decode(&[0xC7, 0xD1, b'\n']).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(err.message().contains("offset 0"), "{}", err.message());
        assert_eq!(decode(b"abc\0def").unwrap_err().kind(), ErrorKind::Decode);
    }
}
