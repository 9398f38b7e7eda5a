//! The one error type. Errors happen only at the edges: reading, decoding, parsing TMX, arguments.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, broadly; lets a caller decide without parsing messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file could not be read or written.
    Io,
    /// A file's bytes are not text in an encoding we accept.
    Decode,
    /// A document has nothing to align (empty, or only web chrome).
    EmptyDocument,
    /// A document's text looks like another language than the one it was given as.
    WrongLanguage,
    /// An input file is larger than tmalign reads, or has more sentences than it aligns.
    TooLarge,
    /// A TMX file is malformed or not TMX.
    Tmx,
    /// A TSV or JSON memory is malformed.
    Format,
    /// A review spreadsheet (TSV or xlsx) cannot be read back: no header, an unknown column, a
    /// score that is not a number, or not a spreadsheet at all.
    Review,
    /// The arguments do not make sense together (languages, formats, paths).
    Usage,
}

/// An error, naming the file it concerns when there is one.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with a message for the user.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, path: None, message: message.into(), source: None }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, err.to_string()).with_path(path).with_source(err)
    }

    /// Names the file the error is about.
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Box::new(source));
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The message without the file name.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", path.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
