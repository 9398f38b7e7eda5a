//! The `tmalign` command: argument parsing and printing around the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::{Alignment, Document, Encoding, Error, ErrorKind, Lang, MemoryOptions, ReadOptions, TranslationMemory};

/// Align the language versions of a published release into a translation memory.
#[derive(Parser)]
#[command(name = "tmalign", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "\
Exit status:
  0  success (warnings, if any, are on standard error)
  1  error in an input or output file: unreadable, too large, binary or in an unknown encoding,
     empty or only web chrome, in another language than its name or --langs says, or the output
     cannot be written (an existing output file is then left as it was)
  2  usage error: bad arguments, a language that cannot be told from a file name, two files in one
     language, the output file is one of the inputs

Encodings: UTF-8, UTF-16 (with or without byte-order mark), EUC-KR/CP949 and Windows-1252/Latin-1
are detected; a note on standard error says when a file was not read as UTF-8.";

#[derive(Subcommand)]
enum Command {
    /// Align two or three versions of one release (NAME.en.txt, NAME.ko.txt, NAME.es.txt).
    Align(AlignArgs),
    /// Print the cleaned structure and sentences of one file, to see why an alignment went wrong.
    Segment(SegmentArgs),
}

#[derive(clap::Args)]
struct AlignArgs {
    /// The versions of the release: two or three files, language from NAME.LANG.txt or --langs.
    #[arg(required = true, num_args = 2..=3)]
    files: Vec<PathBuf>,
    /// Output file, or - for standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Languages of the files, in order, e.g. en,ko,es (default: from the file names).
    #[arg(long, value_delimiter = ',')]
    langs: Option<Vec<Lang>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Tmx)]
    format: Format,
    /// Leave out units scored below this (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    min_score: f64,
    /// The source language of the memory (default: the first file's).
    #[arg(long)]
    srclang: Option<Lang>,
    /// The locale written for a language, e.g. --locale es=es-MX (repeatable).
    #[arg(long, value_parser = parse_locale)]
    locale: Vec<(Lang, String)>,
    #[command(flatten)]
    input: InputArgs,
}

/// How input files are read.
#[derive(clap::Args)]
struct InputArgs {
    /// Read input files in this encoding instead of detecting it: utf-8, utf-16le, utf-16be,
    /// euc-kr (cp949), windows-1252 (latin1). LANG=NAME sets it for one language's file
    /// (repeatable).
    #[arg(long, value_name = "[LANG=]NAME", value_parser = parse_encoding)]
    encoding: Vec<(Option<Lang>, Encoding)>,
    /// Do not check that each file's text looks like the language it is given as.
    #[arg(long)]
    force_langs: bool,
}

impl InputArgs {
    fn read(&self, path: &Path, lang: Lang) -> Result<Document, Error> {
        let forced = self
            .encoding
            .iter()
            .rev()
            .find(|(l, _)| *l == Some(lang))
            .or_else(|| self.encoding.iter().rev().find(|(l, _)| l.is_none()))
            .map(|&(_, e)| e);
        let options = ReadOptions { encoding: forced, check_language: !self.force_langs };
        let (doc, encoding) = tmalign::read_document_with(path, lang, &options)?;
        if forced.is_none() && encoding != Encoding::Utf8 {
            eprintln!("tmalign: note: {} read as {encoding} (detected; --encoding overrides)", path.display());
        }
        Ok(doc)
    }
}

#[derive(clap::Args)]
struct SegmentArgs {
    /// The file to show.
    file: PathBuf,
    /// Its language (default: from the file name NAME.LANG.txt).
    #[arg(long)]
    lang: Option<Lang>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// TMX 1.4.
    Tmx,
    /// Tab-separated: one column per language.
    Tsv,
    /// JSON: the memory with header and units.
    Json,
}

fn parse_encoding(s: &str) -> Result<(Option<Lang>, Encoding), String> {
    match s.split_once('=') {
        Some((lang, name)) => Ok((Some(lang.parse()?), name.parse()?)),
        None => Ok((None, s.parse()?)),
    }
}

fn parse_locale(s: &str) -> Result<(Lang, String), String> {
    let (lang, locale) = s.split_once('=').ok_or("expected LANG=LOCALE, e.g. es=es-MX")?;
    let lang: Lang = lang.parse()?;
    if Lang::from_code(locale) != Some(lang) || !locale.contains('-') {
        return Err(format!("{locale:?} is not a {lang} locale with a region, e.g. {}", lang.default_locale()));
    }
    Ok((lang, locale.to_string()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(args) => run_align(args),
        Command::Segment(args) => run_segment(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tmalign: {err}");
            ExitCode::from(if err.kind() == ErrorKind::Usage { 2 } else { 1 })
        }
    }
}

fn language_of(path: &Path, given: Option<Lang>) -> Result<Lang, Error> {
    given.or_else(|| path.file_name().and_then(|n| Lang::from_file_name(&n.to_string_lossy()))).ok_or_else(|| {
        Error::new(ErrorKind::Usage, "cannot tell the language from the file name: name it NAME.en.txt, NAME.ko.txt or NAME.es.txt, or use --langs")
            .with_path(path)
    })
}

fn run_align(args: AlignArgs) -> Result<(), Error> {
    if let Some(langs) = &args.langs
        && langs.len() != args.files.len()
    {
        return Err(Error::new(
            ErrorKind::Usage,
            format!("--langs names {} languages for {} files", langs.len(), args.files.len()),
        ));
    }
    let mut docs = Vec::new();
    for (i, path) in args.files.iter().enumerate() {
        let lang = language_of(path, args.langs.as_ref().map(|l| l[i]))?;
        if let Some(other) = docs.iter().find(|d: &&Document| d.lang == lang) {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("two files in {lang}: {} and {}", other.name, path.display()),
            ));
        }
        docs.push(args.input.read(path, lang)?);
    }
    if let Some(src) = args.srclang
        && !docs.iter().any(|d| d.lang == src)
    {
        return Err(Error::new(ErrorKind::Usage, format!("--srclang {src}: no input file is in {src}")));
    }
    let alignment = tmalign::align(&docs);
    warn_if_unsure(&docs, &alignment);
    let options =
        MemoryOptions { src_lang: args.srclang, locales: args.locale, min_score: args.min_score, creation_date: None };
    let memory = TranslationMemory::from_alignment(&docs, &alignment, &options);
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    write_output(&args.output, &inputs, |out| match args.format {
        Format::Tmx => tmalign::write_tmx(&memory, out).map(|_| ()),
        Format::Tsv => {
            let langs: Vec<String> = docs.iter().map(|d| d.lang.code().to_string()).collect();
            let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
            tmalign::write_tsv(&memory, &langs, out)
        }
        Format::Json => tmalign::write_json(&memory, out),
    })
}

/// Below this mean unit score, the documents are probably not versions of one release.
const LOW_MEAN_SCORE: f64 = 0.5;

/// Warns when the alignment as a whole is weak: the files may be different releases.
fn warn_if_unsure(docs: &[Document], alignment: &Alignment) {
    let scores: Vec<f64> = alignment.units.iter().map(|u| u.score).collect();
    if scores.is_empty() {
        return;
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    if mean < LOW_MEAN_SCORE {
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        eprintln!(
            "tmalign: warning: low alignment confidence (mean unit score {mean:.2}): {} may not be versions of \
             the same release; check the output or use --min-score",
            names.join(", ")
        );
    }
}

/// Writes to standard output, or to a temporary file beside `path` renamed over it when whole,
/// so a failed run never leaves a partial file.
fn write_output(
    path: &Path,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    if path == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        return write(&mut lock).and_then(|()| lock.flush()).map_err(|e| Error::io(Path::new("<stdout>"), e));
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if inputs.iter().any(|input| same(input, path)) {
        return Err(
            Error::new(ErrorKind::Usage, "the output file is one of the inputs; choose another name").with_path(path)
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(path, e))?;
    {
        let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut buffered).and_then(|()| buffered.flush()).map_err(|e| Error::io(path, e))?;
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

fn run_segment(args: SegmentArgs) -> Result<(), Error> {
    let lang = language_of(&args.file, args.lang)?;
    let doc = args.input.read(&args.file, lang)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    print_structure(&doc, &mut out).map_err(|e| Error::io(Path::new("<stdout>"), e))
}

fn print_structure(doc: &Document, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "# {} ({}): {} blocks, {} sentences, {} chrome lines dropped",
        doc.name,
        doc.lang,
        doc.blocks.len(),
        doc.sentences.len(),
        doc.chrome.len()
    )?;
    for span in &doc.chrome {
        writeln!(out, "chrome  line {:>4}  {}", doc.line_of(span.start), tmalign::normalize_segment(doc.slice(*span)))?;
    }
    let mut sentences = doc.sentences.iter().enumerate().peekable();
    for (b, block) in doc.blocks.iter().enumerate() {
        let marker = match block.marker {
            Some(tmalign::Marker::Number(n)) => format!("{n}."),
            Some(tmalign::Marker::Bullet(c)) => c.to_string(),
            None => String::new(),
        };
        writeln!(out, "{:<9} line {:>4}  {}", format!("{:?}", block.kind).to_lowercase(), block.line, marker)?;
        while let Some((i, s)) = sentences.peek() {
            if s.block != b {
                break;
            }
            writeln!(out, "  [{i}] {}", doc.sentence_text(*i))?;
            sentences.next();
        }
    }
    Ok(())
}
