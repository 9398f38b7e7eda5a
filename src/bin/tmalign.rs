//! The `tmalign` command: argument parsing and printing around the library.

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use tmalign::{
    Alignment, BatchFormat, BatchWriter, Document, DuplicatePolicy, Encoding, Error, ErrorKind, Header, Lang,
    LookupOptions, MemoryOptions, MergeOptions, ReadOptions, Release, ReleaseResult, Rendered, ReviewOptions,
    ReviewSheet, Stats, TmFormat, TmIndex, TranslationMemory, map_ordered,
};

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
    /// Merge TMX files into one, deduplicated (streams: files of any size).
    Merge(MergeArgs),
    /// Convert a memory between TMX, TSV and JSON, optionally keeping some languages only.
    Convert(ConvertArgs),
    /// Fuzzy matches for a segment (percentages as CAT tools compute them), or a concordance.
    Lookup(LookupArgs),
    /// Count units, languages, duplicates, empty and suspicious segments of TMX files.
    Stats(StatsArgs),
    /// Turn a review spreadsheet (from align --format xlsx or review-tsv), as the translator
    /// edited it, into a TMX: one unit per row with text in two languages or more.
    ImportReview(ImportArgs),
    /// Score an alignment (TMX or src<TAB>tgt TSV) against gold rows, as the eval kit's score.py.
    Eval(EvalArgs),
    /// Align every release of a directory in parallel into one memory (-o) or one file per
    /// release and language pair (--out-dir); or, with --jsonl, releases given as JSON Lines.
    Batch(BatchArgs),
}

#[derive(clap::Args)]
struct EvalArgs {
    /// The hypothesis, TMX or TSV (single-document mode, with --gold).
    hyp: Option<PathBuf>,
    /// The gold file DOC.gold.tsv (single-document mode).
    #[arg(long)]
    gold: Option<PathBuf>,
    /// A directory of DOC.gold.tsv files (directory mode, with --hyp-dir).
    #[arg(long)]
    gold_dir: Option<PathBuf>,
    /// The directory of hypotheses DOC<suffix> (directory mode).
    #[arg(long)]
    hyp_dir: Option<PathBuf>,
    /// The hypothesis file suffix in directory mode.
    #[arg(long, default_value = ".tmx", allow_hyphen_values = true)]
    hyp_suffix: String,
    /// Source and target language codes, e.g. en-ko.
    #[arg(long, value_parser = tmalign::parse_language_pair)]
    pair: (String, String),
    /// List the wrong hypothesis pairs and the missed gold rows.
    #[arg(long)]
    errors: bool,
    /// Print only the final P/R/F1 line.
    #[arg(long)]
    quiet: bool,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// The TMX files to merge, in order.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output TMX file, or - for standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Which unit to keep of units with the same source segment.
    #[arg(long, value_enum, default_value_t = Duplicates::Newest)]
    duplicates: Duplicates,
    /// The source language (default: the first file's srclang).
    #[arg(long)]
    srclang: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Duplicates {
    /// The one changed last (changedate, else creationdate).
    Newest,
    /// Every different translation; only exact duplicates are dropped.
    All,
    /// The first in input order.
    First,
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// The memory to convert.
    input: PathBuf,
    /// Output file, or - for standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Keep these languages only, in this order, e.g. ko,en; for TSV input, the columns.
    #[arg(long, value_delimiter = ',')]
    langs: Vec<String>,
    /// Input format (default: from the input's extension).
    #[arg(long, value_enum)]
    from: Option<MemoryFormat>,
    /// Output format (default: from the output's extension, else TMX).
    #[arg(long, value_enum)]
    format: Option<MemoryFormat>,
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["query", "concordance"])))]
struct LookupArgs {
    /// The segment to find matches for.
    query: Option<String>,
    /// A TMX memory to search (repeatable).
    #[arg(long = "tm", required = true)]
    tms: Vec<PathBuf>,
    /// List the units with a segment containing this term instead.
    #[arg(long)]
    concordance: Option<String>,
    /// The query's language (default: the first memory's srclang).
    #[arg(long)]
    lang: Option<String>,
    /// Lowest match percentage shown.
    #[arg(long, default_value_t = 70, value_parser = clap::value_parser!(u32).range(0..=100))]
    min: u32,
    /// Most matches shown.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

#[derive(clap::Args)]
struct StatsArgs {
    /// The TMX files to count.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct BatchArgs {
    /// The directory of releases (NAME.en.txt, NAME.ko.txt, NAME.es.txt, or en/NAME.txt,
    /// ko/NAME.txt, es/NAME.txt); with --jsonl, the JSON Lines file, or - for standard input.
    #[arg(default_value = "-", hide_default_value = true)]
    input: PathBuf,
    /// Output file, or - for standard output: one memory for the whole batch.
    #[arg(short, long, required_unless_present = "out_dir", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Output directory: one file per release and language pair, NAME.ko-en.tmx ...
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// JSON Lines in and out: one release per input line, {"id": ..., "en": "...", "ko": "...",
    /// "es": "..."}, one aligned unit per output line, {"id": ..., "score": ..., "en": ..., ...}.
    #[arg(long, conflicts_with_all = ["out_dir", "format"])]
    jsonl: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MemoryFormat::Tmx)]
    format: MemoryFormat,
    /// Leave out units scored below this (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    min_score: f64,
    /// The source language of the memory; a release without it takes its first language in
    /// the order ko, en, es.
    #[arg(long, default_value_t = Lang::Ko)]
    srclang: Lang,
    /// The locale written for a language, e.g. --locale es=es-MX (repeatable).
    #[arg(long, value_parser = parse_locale)]
    locale: Vec<(Lang, String)>,
    /// No progress bar, no warnings, no summary: only errors.
    #[arg(short, long)]
    quiet: bool,
    /// Threads to align with (default: RAYON_NUM_THREADS, else one per core).
    #[arg(short, long)]
    jobs: Option<usize>,
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
    /// A glossary of your own terms (TSV, header naming the languages, e.g. ko<TAB>en): rows
    /// that two sentences share anchor them to each other.
    #[arg(long, value_name = "FILE.tsv")]
    glossary: Option<PathBuf>,
    /// Also write a review page (self-contained HTML): the versions side by side, one row per
    /// unit, coloured by confidence (red: below --min-score, or 0.7 when it is not set).
    #[arg(long, value_name = "FILE.html")]
    review: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
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
    /// The files are already one segment per line (as for hunalign or LF Aligner): no cleaning,
    /// no sentence splitting.
    #[arg(long)]
    segmented: bool,
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
        let options = ReadOptions { encoding: forced, check_language: !self.force_langs, segmented: self.segmented };
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

#[derive(Clone, Copy, PartialEq, ValueEnum)]
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

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(args) => run_align(args),
        Command::Segment(args) => run_segment(args),
        Command::Merge(args) => run_merge(args),
        Command::Convert(args) => run_convert(args),
        Command::Lookup(args) => run_lookup(args),
        Command::Stats(args) => run_stats(args),
        Command::ImportReview(args) => run_import_review(args),
        Command::Eval(args) => run_eval(args),
        Command::Batch(args) => run_batch(args),
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
        Error::new(ErrorKind::Usage, "cannot tell the language from the file name: name it NAME.en.txt, NAME.ko.txt or NAME.es.txt (or another language code), or use --langs")
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
    let glossary = args.glossary.as_deref().map(tmalign::Glossary::read).transpose()?;
    let options = tmalign::AlignOptions { glossary };
    // Segments the user gave are kept as they are.
    let alignment = if args.input.segmented {
        tmalign::align_with(&docs, &options)
    } else {
        tmalign::align_resegmenting(&mut docs, &options)
    };
    warn_if_unsure(&docs, &alignment);
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
    let stdout = path == Path::new("-");
    let shown = if stdout { Path::new("<stdout>") } else { path };
    write_output_with(path, inputs, |out| match write(out) {
        // The reader of our standard output stopped reading (`| head`): not an error of ours.
        Err(e) if stdout && e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|e| Error::io(shown, e)),
    })
}

/// [`write_output`] for writers that also read (and so fail with any error).
fn write_output_with(
    path: &Path,
    inputs: &[&Path],
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    if path == Path::new("-") {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        write(&mut lock)?;
        return match lock.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            result => result.map_err(|e| Error::io(Path::new("<stdout>"), e)),
        };
    }
    // An output that does not exist yet is none of the inputs; one that does is looked up
    // once, not once per input (a batch has thousands).
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().and_then(|m| FileIdentity::known(path, m)).is_some_and(|output| {
        let is_output = |input: &&Path| FileIdentity::of(input).as_ref() == Some(&output);
        // A batch's thousands of stats (3 µs each) are shared among the threads it aligns with.
        if inputs.len() > 64 { inputs.par_iter().any(is_output) } else { inputs.iter().any(is_output) }
    }) {
        return Err(
            Error::new(ErrorKind::Usage, "the output file is one of the inputs; choose another name").with_path(path)
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = temp_file_for(dir, existing.map(|m| m.permissions())).map_err(|e| Error::io(path, e))?;
    {
        let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush().map_err(|e| Error::io(path, e))?;
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A temporary file in `dir` to be renamed over the output, with the permissions the output
/// should end with: `previous`, those of the file it replaces, or those of a newly created file
/// (0666 less the umask), not the temporary file's own 0600, which would hide the output from
/// everyone else.
fn temp_file_for(dir: &Path, previous: Option<std::fs::Permissions>) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    #[cfg(unix)]
    if let Some(previous) = previous {
        temp.as_file().set_permissions(previous)?;
    }
    #[cfg(not(unix))]
    let _ = previous;
    Ok(temp)
}

/// What tells two paths of one file apart from two files: the device and inode on Unix (hard
/// links too), the canonical path elsewhere.
#[derive(PartialEq)]
struct FileIdentity {
    #[cfg(unix)]
    id: (u64, u64),
    #[cfg(not(unix))]
    id: PathBuf,
}

impl FileIdentity {
    /// The identity of `path`, whose `metadata` has been read already.
    fn known(path: &Path, metadata: &std::fs::Metadata) -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(FileIdentity { id: (metadata.dev(), metadata.ino()) })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            path.canonicalize().ok().map(|id| FileIdentity { id })
        }
    }

    /// `None` when `path` names no file that can be read.
    fn of(path: &Path) -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            std::fs::metadata(path).ok().and_then(|m| FileIdentity::known(path, &m))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(|id| FileIdentity { id })
        }
    }
}

fn run_merge(args: MergeArgs) -> Result<(), Error> {
    let policy = match args.duplicates {
        Duplicates::Newest => DuplicatePolicy::Newest,
        Duplicates::All => DuplicatePolicy::All,
        Duplicates::First => DuplicatePolicy::First,
    };
    let options = MergeOptions { policy, src_lang: args.srclang };
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    let mut report = None;
    write_output_with(&args.output, &inputs, |out| {
        report = Some(tmalign::merge_tmx_files(&inputs, out, &options)?);
        Ok(())
    })?;
    if let Some(r) = report {
        eprintln!(
            "tmalign: {} units read, {} duplicates dropped, {} written",
            r.units_read, r.duplicates_dropped, r.written.units_written
        );
    }
    Ok(())
}

/// The formats a memory converts between.
#[derive(Clone, Copy, ValueEnum)]
enum MemoryFormat {
    /// TMX 1.4.
    Tmx,
    /// Tab-separated: one column per language.
    Tsv,
    /// JSON: the memory with header and units.
    Json,
}

impl From<MemoryFormat> for Format {
    fn from(format: MemoryFormat) -> Format {
        match format {
            MemoryFormat::Tmx => Format::Tmx,
            MemoryFormat::Tsv => Format::Tsv,
            MemoryFormat::Json => Format::Json,
        }
    }
}

fn tm_format(format: MemoryFormat) -> TmFormat {
    match format {
        MemoryFormat::Tmx => TmFormat::Tmx,
        MemoryFormat::Tsv => TmFormat::Tsv,
        MemoryFormat::Json => TmFormat::Json,
    }
}

fn run_convert(args: ConvertArgs) -> Result<(), Error> {
    let from = args.from.map(tm_format).or_else(|| TmFormat::from_path(&args.input)).ok_or_else(|| {
        Error::new(ErrorKind::Usage, "cannot tell the input format from its name: use --from").with_path(&args.input)
    })?;
    let to = args.format.map(tm_format).or_else(|| TmFormat::from_path(&args.output)).unwrap_or(TmFormat::Tmx);
    let langs: Vec<&str> = args.langs.iter().map(String::as_str).collect();
    let mut memory = TranslationMemory::read_as(&args.input, from, &langs)?;
    if !langs.is_empty() {
        memory = memory.select_languages(&langs);
    }
    write_output(&args.output, &[args.input.as_path()], |out| memory.write_as(to, &langs, out))
}

fn run_lookup(args: LookupArgs) -> Result<(), Error> {
    let memories = args.tms.iter().map(TranslationMemory::read).collect::<Result<Vec<_>, _>>()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let print = |out: &mut dyn Write, file: &Path, number: usize, unit: &tmalign::TranslationUnit| {
        writeln!(out, "  {}#{number}", file.display())?;
        unit.variants.iter().try_for_each(|v| writeln!(out, "    {}: {}", v.lang, v.text))
    };
    let stdout_error = |e| Error::io(Path::new("<stdout>"), e);
    if let Some(term) = &args.concordance {
        for (tm, file) in memories.iter().zip(&args.tms) {
            for i in tm.concordance(term) {
                print(&mut out, file, i + 1, &tm.units[i]).map_err(stdout_error)?;
            }
        }
        return Ok(());
    }
    let query = args.query.unwrap_or_default();
    let lang = args.lang.or_else(|| memories.first().map(|tm| tm.header.src_lang.clone())).unwrap_or_default();
    let options = LookupOptions { lang: Some(lang.clone()), min: args.min, limit: args.limit };
    let mut matches = Vec::new();
    for (k, tm) in memories.iter().enumerate() {
        matches.extend(TmIndex::new(tm, &lang).lookup(&query, &options).into_iter().map(|m| (m, k)));
    }
    matches.sort_by(|(a, i), (b, j)| b.score.cmp(&a.score).then(i.cmp(j)).then(a.unit.cmp(&b.unit)));
    for (m, k) in matches.into_iter().take(args.limit) {
        writeln!(out, "{}%", m.score).map_err(stdout_error)?;
        print(&mut out, &args.tms[k], m.unit + 1, &memories[k].units[m.unit]).map_err(stdout_error)?;
    }
    Ok(())
}

fn run_eval(args: EvalArgs) -> Result<(), Error> {
    let (src, tgt) = (args.pair.0.as_str(), args.pair.1.as_str());
    let warn = |name: &str, warnings: &[String]| warnings.iter().for_each(|w| eprintln!("tmalign: {name}: {w}"));
    match (&args.gold, &args.hyp, &args.gold_dir, &args.hyp_dir) {
        (None, None, Some(gold), Some(hyp)) => {
            let dir = tmalign::score_directory(gold, hyp, &args.hyp_suffix, src, tgt)?;
            dir.docs.iter().for_each(|doc| warn(&doc.name, &doc.warnings));
            write_output(Path::new("-"), &[], |out| dir.write_report(out, args.errors, args.quiet))
        }
        (Some(gold), Some(hyp), None, None) => {
            let doc = tmalign::score_document(gold, hyp, src, tgt)?;
            warn(&doc.name, &doc.warnings);
            write_output(Path::new("-"), &[], |out| {
                tmalign::write_document_report(out, &doc.score, src, tgt, args.errors, args.quiet)
            })
        }
        (_, _, None, None) => {
            Err(Error::new(ErrorKind::Usage, "give --gold GOLD.tsv HYP, or --gold-dir and --hyp-dir"))
        }
        _ => Err(Error::new(ErrorKind::Usage, "directory mode takes --gold-dir and --hyp-dir (and no --gold or HYP)")),
    }
}

fn run_stats(args: StatsArgs) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &args.files {
        let stats = Stats::of_tmx_file(file)?;
        print_stats(file, &stats, args.json, &mut out).map_err(|e| Error::io(Path::new("<stdout>"), e))?;
    }
    Ok(())
}

fn print_stats(file: &Path, s: &Stats, json: bool, out: &mut impl Write) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, &serde_json::json!({ "file": file.display().to_string(), "stats": s }))?;
        return writeln!(out);
    }
    writeln!(out, "{}", file.display())?;
    writeln!(out, "  units                  {}", s.units)?;
    let langs: Vec<String> = s.languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
    writeln!(out, "  segments per locale    {}", langs.join(", "))?;
    writeln!(out, "  duplicates (source)    {}", s.duplicates)?;
    writeln!(out, "  duplicates (exact)     {}", s.exact_duplicates)?;
    writeln!(out, "  empty segments         {}", s.empty_segments)?;
    writeln!(out, "  single-language units  {}", s.single_language_units)?;
    writeln!(out, "  same as source         {}", s.same_as_source)?;
    writeln!(out, "  length mismatch        {}", s.length_mismatch)?;
    writeln!(out, "  number mismatch        {}", s.number_mismatch)?;
    writeln!(out, "  segments over {} chars {}", tmalign::MAX_SEGMENT_CHARS, s.long_segments)?;
    writeln!(out, "  segments with markup   {}", s.markup_segments)
}

/// Releases being worked on or waiting to be written, per thread: enough to keep every thread
/// busy while the output is written in order.
const WINDOW_PER_THREAD: usize = 4;

/// Counts for the closing summary.
#[derive(Default)]
struct Tally {
    releases: usize,
    aligned: usize,
    skipped: usize,
    failed: usize,
    missing: usize,
    doubtful: usize,
    units: usize,
    duplicates: usize,
    low_units: usize,
    sentences: usize,
    bytes: u64,
}

/// Warnings and the progress bar, on standard error.
struct Report {
    bar: ProgressBar,
    quiet: bool,
}

impl Report {
    fn new(quiet: bool, len: Option<usize>) -> Report {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else if let Some(len) = len {
            let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} releases, eta {eta} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{elapsed_precise} {spinner} {pos} releases {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        };
        Report { bar, quiet }
    }

    fn warn(&self, message: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("tmalign: warning: {message}"));
        }
    }

    fn error(&self, err: &Error) {
        self.bar.suspend(|| eprintln!("tmalign: {err}"));
    }

    /// [`release`](Self::release) for a release of a directory, named by its languages.
    fn finished(&self, tally: &mut Tally, finished: &Finished) {
        let langs = finished.result.langs.iter().map(|l| l.code()).collect::<Vec<_>>().join("-");
        self.release(tally, &finished.result, finished.units, &langs);
    }

    /// Counts an aligned release of `units` units, warning when a language is missing or the
    /// confidence is low.
    fn release(&self, tally: &mut Tally, result: &ReleaseResult, units: usize, files: &str) {
        tally.aligned += 1;
        tally.sentences += result.sentences;
        tally.bytes += result.bytes;
        tally.low_units += result.low_confidence;
        if !result.missing.is_empty() {
            tally.missing += 1;
            let missing: Vec<&str> = result.missing.iter().map(|l| l.code()).collect();
            self.warn(&format!("{}: no {} version; aligned {}", result.name, missing.join(" or "), files));
        }
        if result.is_doubtful() {
            tally.doubtful += 1;
            self.warn(&format!(
                "{}: low confidence (mean score {:.2}, {} of {} units below {}): are these versions of one release?",
                result.name,
                result.mean_score,
                result.low_confidence,
                units,
                tmalign::LOW_CONFIDENCE
            ));
        }
    }

    fn summary(&self, tally: &Tally, started: Instant) {
        self.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "tmalign: {}: {} aligned, {} skipped, {} failed; {} with a missing language, {} with low confidence",
            counted(tally.releases, "release"),
            tally.aligned,
            tally.skipped,
            tally.failed,
            tally.missing,
            tally.doubtful
        );
        eprintln!(
            "tmalign: {} written ({} left out), {} (score below {}); {}, {:.1} MB in {:.2} s ({:.0} sentences/s)",
            counted(tally.units, "unit"),
            counted(tally.duplicates, "duplicate"),
            counted(tally.low_units, "low-confidence unit"),
            tmalign::LOW_CONFIDENCE,
            counted(tally.sentences, "sentence"),
            tally.bytes as f64 / 1e6,
            seconds,
            tally.sentences as f64 / seconds.max(1e-9)
        );
    }
}

/// "1 release", "2 releases".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn run_batch(args: BatchArgs) -> Result<(), Error> {
    let started = Instant::now();
    if let Some(jobs) = args.jobs {
        if jobs == 0 {
            return Err(Error::new(ErrorKind::Usage, "--jobs must be at least 1"));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global()
            .map_err(|e| Error::new(ErrorKind::Usage, format!("--jobs {jobs}: {e}")))?;
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(Error::new(ErrorKind::Usage, format!("--min-score {} is not between 0 and 1", args.min_score)));
    }
    let window = rayon::current_num_threads() * WINDOW_PER_THREAD;
    let options = MemoryOptions {
        src_lang: Some(args.srclang),
        locales: args.locale.clone(),
        min_score: args.min_score,
        require_source: true,
        // One date for the whole batch.
        creation_date: Some(tmalign::now_tmx_date()),
    };
    let mut tally = Tally::default();
    if args.jsonl {
        let report = Report::new(args.quiet, None);
        batch_jsonl(&args, &options, window, &report, &mut tally)?;
        report.summary(&tally, started);
    } else {
        let releases = tmalign::find_releases(&args.input)?;
        if releases.is_empty() {
            return Err(Error::new(
                ErrorKind::Usage,
                "no release found: expected NAME.en.txt, NAME.ko.txt, NAME.es.txt or en/NAME.txt, ko/NAME.txt, es/NAME.txt",
            )
            .with_path(&args.input));
        }
        tally.releases = releases.len();
        let report = Report::new(args.quiet, Some(releases.len()));
        match (&args.output, &args.out_dir) {
            (_, Some(dir)) => batch_to_dir(&args, dir, releases, &options, window, &report, &mut tally)?,
            (Some(output), None) => batch_to_file(&args, output, releases, &options, window, &report, &mut tally)?,
            (None, None) => return Err(Error::new(ErrorKind::Usage, "give -o OUT or --out-dir DIR")),
        }
        report.summary(&tally, started);
    }
    if tally.failed > 0 {
        return Err(Error::new(
            ErrorKind::Io,
            format!("{} of {} releases failed (see above)", tally.failed, tally.releases),
        ));
    }
    Ok(())
}

/// What a worker hands back for one release.
enum Outcome<T> {
    Skipped(Release),
    Failed(Error),
    /// The release's statistics with its units already dropped (see [`Finished`]), and what
    /// `render` made of it.
    Done(Finished, T),
}

/// A release's statistics after rendering. Its units are dropped on the worker thread that
/// allocated them: freeing them on the writing thread costs cross-thread frees, about a third
/// of that thread's work.
struct Finished {
    result: Box<ReleaseResult>,
    units: usize,
}

impl Finished {
    fn new(mut result: ReleaseResult) -> Finished {
        let units = std::mem::take(&mut result.memory.units).len();
        Finished { result: Box::new(result), units }
    }
}

/// Aligns `release` and renders it with `render`, on a worker thread; a panic (a bug) fails the
/// release instead of the batch.
fn work_on<T>(
    release: Release,
    options: &MemoryOptions,
    render: impl FnOnce(&ReleaseResult) -> Result<T, Error>,
) -> Outcome<T> {
    if release.files.len() < 2 {
        return Outcome::Skipped(release);
    }
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let result = tmalign::align_release(&release, options)?;
        let rendered = render(&result)?;
        Ok((result, rendered))
    }));
    match run {
        Ok(Ok((result, rendered))) => Outcome::Done(Finished::new(result), rendered),
        Ok(Err(err)) => Outcome::Failed(err),
        Err(_) => Outcome::Failed(
            Error::new(ErrorKind::Io, "internal error while aligning this release (please report it)")
                .with_path(release.files[0].1.clone()),
        ),
    }
}

fn files_of(release: &Release) -> String {
    release.files.iter().map(|(_, p)| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Counts and reports what a worker handed back.
fn take_outcome<T>(outcome: Outcome<T>, report: &Report, tally: &mut Tally) -> Option<(Finished, T)> {
    report.bar.inc(1);
    match outcome {
        Outcome::Skipped(release) => {
            tally.skipped += 1;
            report.warn(&format!("{}: only one language version ({}): skipped", release.name, files_of(&release)));
            None
        }
        Outcome::Failed(err) => {
            tally.failed += 1;
            report.error(&err);
            None
        }
        Outcome::Done(result, rendered) => Some((result, rendered)),
    }
}

fn batch_format(format: MemoryFormat) -> BatchFormat {
    match format {
        MemoryFormat::Tmx => BatchFormat::Tmx,
        MemoryFormat::Tsv => BatchFormat::Tsv,
        MemoryFormat::Json => BatchFormat::Json,
    }
}

/// The TSV columns: the source language, then the others in the order ko, en, es.
fn batch_langs(src: Lang) -> Vec<String> {
    let mut langs: Vec<Lang> = tmalign::DOCUMENT_ORDER.to_vec();
    langs.sort_by_key(|&l| l != src);
    langs.iter().map(|l| l.code().to_string()).collect()
}

fn batch_to_file(
    args: &BatchArgs,
    output: &Path,
    releases: Vec<Release>,
    options: &MemoryOptions,
    window: usize,
    report: &Report,
    tally: &mut Tally,
) -> Result<(), Error> {
    let format = batch_format(args.format);
    let langs = batch_langs(args.srclang);
    let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
    let inputs: Vec<PathBuf> = releases.iter().flat_map(|r| r.files.iter().map(|(_, p)| p.clone())).collect();
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let header = Header::tmalign(&options.locale(args.srclang), options.creation_date.clone().unwrap_or_default());
    write_output(output, &inputs, |out| {
        let mut writer = BatchWriter::new(out, format, &header, &langs)?;
        let render =
            |result: &ReleaseResult| Rendered::new(format, &result.memory, &langs).map_err(|e| Error::io(output, e));
        map_ordered(
            releases,
            window,
            |release| work_on(release, options, render),
            |outcome| {
                if let Some((finished, rendered)) = take_outcome(outcome, report, tally) {
                    report.finished(tally, &finished);
                    writer.write(&rendered)?;
                }
                Ok::<(), std::io::Error>(())
            },
        )?;
        let (_, written) = writer.finish()?;
        tally.units = written.units_written;
        tally.duplicates = written.duplicates_dropped;
        Ok(())
    })
}

fn batch_to_dir(
    args: &BatchArgs,
    dir: &Path,
    releases: Vec<Release>,
    options: &MemoryOptions,
    window: usize,
    report: &Report,
    tally: &mut Tally,
) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let ext = match args.format {
        MemoryFormat::Tmx => "tmx",
        MemoryFormat::Tsv => "tsv",
        MemoryFormat::Json => "json",
    };
    // Each worker writes its release's files (each whole or not at all) and hands back counts.
    let write_pairs = |result: &ReleaseResult| -> Result<usize, Error> {
        let mut units = 0;
        for (src, tgt, pair) in result.pairs() {
            let path = dir.join(format!("{}.{src}-{tgt}.{ext}", result.name));
            units += pair.units.len();
            let inputs: Vec<&Path> = Vec::new();
            write_memory(&path, &inputs, Format::from(args.format), &pair, &[src.code(), tgt.code()])?;
        }
        Ok(units)
    };
    map_ordered(
        releases,
        window,
        |release| work_on(release, options, write_pairs),
        |outcome| {
            if let Some((finished, written)) = take_outcome(outcome, report, tally) {
                report.finished(tally, &finished);
                tally.units += written;
            }
            Ok::<(), Error>(())
        },
    )
}

fn batch_jsonl(
    args: &BatchArgs,
    options: &MemoryOptions,
    window: usize,
    report: &Report,
    tally: &mut Tally,
) -> Result<(), Error> {
    let (source, reader): (String, Box<dyn BufRead>) = if args.input == Path::new("-") {
        ("<stdin>".to_string(), Box::new(std::io::stdin().lock()))
    } else {
        let file = std::fs::File::open(&args.input).map_err(|e| Error::io(&args.input, e))?;
        (args.input.display().to_string(), Box::new(std::io::BufReader::new(file)))
    };
    let Some(output) = &args.output else {
        return Err(Error::new(ErrorKind::Usage, "--jsonl writes to -o OUT (or -o - for standard output)"));
    };
    let input_path = args.input.clone();
    let inputs: Vec<&Path> = if args.input == Path::new("-") { Vec::new() } else { vec![input_path.as_path()] };
    // Lines are read as the window allows, so a long stream is never held whole. A line that is
    // not UTF-8 fails alone; any other read error ends the input.
    let mut stop = false;
    let lines = reader
        .lines()
        .enumerate()
        .map_while(move |(i, line)| {
            if stop {
                return None;
            }
            stop = matches!(&line, Err(e) if e.kind() != std::io::ErrorKind::InvalidData);
            Some((i, line))
        })
        .filter(|(_, line)| !matches!(line, Ok(l) if l.trim().is_empty()));
    write_output(output, &inputs, |out| {
        map_ordered(
            lines,
            window,
            |(i, line)| {
                let at = || format!("{source}:{}", i + 1);
                let line = line.map_err(|e| Error::new(ErrorKind::Io, e.to_string()).with_path(at()))?;
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    tmalign::align_json_line(&line, i + 1, &source, options)
                }))
                .unwrap_or_else(|_| {
                    Err(Error::new(ErrorKind::Io, "internal error while aligning this line (please report it)")
                        .with_path(at()))
                })
            },
            |result| {
                report.bar.inc(1);
                tally.releases += 1;
                match result {
                    Ok(json) => {
                        out.write_all(json.lines.as_bytes())?;
                        if let Some(release) = &json.release {
                            tally.units += json.lines.lines().count();
                            report.release(tally, release, release.memory.units.len(), "the others");
                        } else {
                            tally.skipped += 1;
                            report.warn(&format!(
                                "{source}: release {}: fewer than two languages with text: skipped",
                                json.id
                            ));
                        }
                    }
                    Err(err) => {
                        tally.failed += 1;
                        report.error(&err);
                    }
                }
                Ok::<(), std::io::Error>(())
            },
        )
    })
}

fn run_segment(args: SegmentArgs) -> Result<(), Error> {
    let lang = language_of(&args.file, args.lang)?;
    let doc = args.input.read(&args.file, lang)?;
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
