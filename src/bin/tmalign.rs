//! The `tmalign` command: argument parsing and printing around the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tmalign::{Document, Error, ErrorKind, Lang, MemoryOptions, ReviewOptions, ReviewSheet, TranslationMemory};

/// Align the language versions of a published release into a translation memory.
#[derive(Parser)]
#[command(name = "tmalign", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit status: 0 success, 1 error in an input or output file, 2 usage error.";

#[derive(Subcommand)]
enum Command {
    /// Align two or three versions of one release (NAME.en.txt, NAME.ko.txt, NAME.es.txt).
    Align(AlignArgs),
    /// Print the cleaned structure and sentences of one file, to see why an alignment went wrong.
    Segment(SegmentArgs),
    /// Turn a review spreadsheet (from align --format xlsx or review-tsv), as the translator
    /// edited it, into a TMX: one unit per row with text in two languages or more.
    ImportReview(ImportArgs),
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
    /// Also write one bilingual file per language pair, from the source language to each other
    /// one, beside the output (OUT.ko-en.tmx ...), as Trados and memoQ import them.
    #[arg(long)]
    pairs: bool,
    /// Also write a review page (self-contained HTML): the versions side by side, one row per
    /// unit, coloured by confidence (red: below --min-score, or 0.7 when it is not set).
    #[arg(long, value_name = "FILE.html")]
    review: Option<PathBuf>,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// The edited review file: .tsv or .xlsx.
    file: PathBuf,
    /// Output TMX file, or - for standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// The source language of the memory (default: the first language column).
    #[arg(long)]
    srclang: Option<Lang>,
    /// The locale written for a language, e.g. --locale es=es-MX (repeatable).
    #[arg(long, value_parser = parse_locale)]
    locale: Vec<(Lang, String)>,
}

#[derive(clap::Args)]
struct SegmentArgs {
    /// The file to show.
    file: PathBuf,
    /// Its language (default: from the file name NAME.LANG.txt).
    #[arg(long)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// TMX 1.4.
    Tmx,
    /// Tab-separated: one column per language.
    Tsv,
    /// JSON: the memory with header and units.
    Json,
    /// Review spreadsheet (Excel): every unit, columns id, score and one per language.
    Xlsx,
    /// Review spreadsheet as TSV: every unit, columns id, score and one per language.
    ReviewTsv,
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
        Command::ImportReview(args) => run_import_review(args),
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
        docs.push(tmalign::read_document(path, lang)?);
    }
    if let Some(src) = args.srclang
        && !docs.iter().any(|d| d.lang == src)
    {
        return Err(Error::new(ErrorKind::Usage, format!("--srclang {src}: no input file is in {src}")));
    }
    if args.pairs && args.output == Path::new("-") {
        return Err(Error::new(ErrorKind::Usage, "--pairs needs an output file name, not -"));
    }
    let sheet_format = matches!(args.format, Format::Xlsx | Format::ReviewTsv);
    if sheet_format && args.pairs {
        return Err(Error::new(ErrorKind::Usage, "--pairs writes memories: it does not go with a review spreadsheet"));
    }
    if matches!(args.format, Format::Xlsx) && args.output == Path::new("-") {
        return Err(Error::new(ErrorKind::Usage, "xlsx is binary: give an output file name, not -"));
    }
    let alignment = tmalign::align(&docs);
    let options = MemoryOptions {
        src_lang: args.srclang,
        locales: args.locale,
        min_score: args.min_score,
        ..MemoryOptions::default()
    };
    let memory = TranslationMemory::from_alignment(&docs, &alignment, &options);
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    let langs: Vec<&str> = docs.iter().map(|d| d.lang.code()).collect();
    let review = ReviewOptions::for_min_score(args.min_score);
    if let Some(path) = &args.review {
        write_output(path, &inputs, |out| tmalign::write_review_html(&docs, &alignment, &review, out))?;
    }
    if sheet_format {
        let sheet = ReviewSheet::from_alignment(&docs, &alignment);
        return write_output(&args.output, &inputs, |out| match args.format {
            Format::Xlsx => tmalign::write_review_xlsx(&sheet, &review, out),
            _ => tmalign::write_review_tsv(&sheet, out),
        });
    }
    write_memory(&args.output, &inputs, args.format, &memory, &langs)?;
    if args.pairs {
        let src = args.srclang.unwrap_or(docs[0].lang);
        let all =
            TranslationMemory::from_alignment(&docs, &alignment, &MemoryOptions { require_source: false, ..options });
        for doc in docs.iter().filter(|d| d.lang != src) {
            let pair = all.language_pair(src.code(), doc.lang.code());
            let path = pair_path(&args.output, src, doc.lang);
            write_memory(&path, &inputs, args.format, &pair, &[src.code(), doc.lang.code()])?;
        }
    }
    Ok(())
}

/// OUT.tmx → OUT.ko-en.tmx.
fn pair_path(output: &Path, src: Lang, tgt: Lang) -> PathBuf {
    let stem = output.file_stem().map_or_else(|| "out".into(), |s| s.to_string_lossy().into_owned());
    let ext = output.extension().map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
    output.with_file_name(format!("{stem}.{src}-{tgt}{ext}"))
}

fn write_memory(
    path: &Path,
    inputs: &[&Path],
    format: Format,
    memory: &TranslationMemory,
    langs: &[&str],
) -> Result<(), Error> {
    write_output(path, inputs, |out| match format {
        Format::Tmx => tmalign::write_tmx(memory, out).map(|_| ()),
        Format::Tsv => tmalign::write_tsv(memory, langs, out),
        Format::Json => tmalign::write_json(memory, out),
        Format::Xlsx | Format::ReviewTsv => {
            Err(std::io::Error::other("a review spreadsheet is written from the alignment"))
        }
    })
}

fn run_import_review(args: ImportArgs) -> Result<(), Error> {
    let sheet = tmalign::read_review_file(&args.file)?;
    if let Some(src) = args.srclang
        && !sheet.langs.contains(&src)
    {
        return Err(Error::new(ErrorKind::Usage, format!("--srclang {src}: the file has no {src} column"))
            .with_path(&args.file));
    }
    let options = MemoryOptions { src_lang: args.srclang, locales: args.locale, ..MemoryOptions::default() };
    let memory = sheet.to_memory(&options);
    write_output(&args.output, &[&args.file], |out| tmalign::write_tmx(&memory, out).map(|_| ()))
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
        return match write(&mut lock).and_then(|()| lock.flush()) {
            // The reader stopped reading (`| head`): not an error of ours.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            result => result.map_err(|e| Error::io(Path::new("<stdout>"), e)),
        };
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
    let doc = tmalign::read_document(&args.file, lang)?;
    write_output(Path::new("-"), &[], |out| print_structure(&doc, out))
}

fn print_structure(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
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
