//! Batches: every release of a directory, or of a JSON Lines stream, aligned in parallel and
//! written in input order, so the output is the same whatever the number of threads.
//!
//! - [`find_releases`] finds the language versions of each release by name, in either layout:
//!   `DIR/NAME.en.txt, DIR/NAME.ko.txt, DIR/NAME.es.txt` or `DIR/en/NAME.txt, DIR/ko/NAME.txt, ...`.
//! - [`align_release`] reads and aligns one release into a [`ReleaseResult`].
//! - [`map_ordered`] runs a function over items on rayon's thread pool and hands the results
//!   back in input order on the calling thread, with a bounded number in flight: memory grows
//!   with that window, not with the number of releases.
//! - [`BatchWriter`] writes one memory (TMX, TSV or JSON) whose units arrive release by release;
//!   [`Rendered`] is a release's part of it, made in the worker threads.
//! - [`align_json_line`] is the JSON Lines mode: one release per input line, one aligned unit
//!   per output line, for running the aligner as a map step.

use crate::document::{Document, normalize_segment};
use crate::error::{Error, ErrorKind, Result};
use crate::lang::Lang;
use crate::tm::{Header, MemoryOptions, TranslationMemory, TranslationUnit};

/// Re-exported for batch drivers: one creation date for a whole batch.
pub use crate::tm::now_tmx_date;
use crate::{AlignOptions, align_resegmenting, read_document, write_json, write_tmx, write_tsv};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError};

/// The order of a release's documents: Korean, English, Spanish. The first one present is the
/// source language unless [`MemoryOptions::src_lang`] names another one the release has.
pub const DOCUMENT_ORDER: [Lang; 3] = [Lang::Ko, Lang::En, Lang::Es];

/// Units scored below this count as low-confidence units in a [`ReleaseResult`].
pub const LOW_CONFIDENCE: f64 = 0.5;

/// A release whose units average below this score is reported as a doubtful release.
pub const LOW_RELEASE_MEAN: f64 = 0.6;

/// One release found in a directory: its name and the file of each language version found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
    /// The name shared by the files (`NAME` of `NAME.en.txt` or `en/NAME.txt`).
    pub name: String,
    /// The language versions found, in [`DOCUMENT_ORDER`].
    pub files: Vec<(Lang, PathBuf)>,
}

impl Release {
    /// The languages of [`DOCUMENT_ORDER`] that have no file.
    pub fn missing(&self) -> Vec<Lang> {
        DOCUMENT_ORDER.into_iter().filter(|l| !self.files.iter().any(|(f, _)| f == l)).collect()
    }
}

/// Finds the releases in `dir`, sorted by name (byte order), each with its files in
/// [`DOCUMENT_ORDER`].
///
/// Two layouts are recognised, and may be mixed: files `NAME.LANG.txt` directly in `dir`, and
/// files `NAME.txt` in sub-directories named by language (`dir/en/NAME.txt`). `LANG` is one of
/// `en`, `ko`, `es`; every other file (such as `NAME.gold.tsv` or a README) and every hidden file
/// is ignored.
///
/// # Errors
///
/// `dir` (or a language sub-directory) cannot be read, or one release has two files in the same
/// language (`NAME.en.txt` and `en/NAME.txt`): the error names both.
pub fn find_releases(dir: &Path) -> Result<Vec<Release>> {
    let mut found: BTreeMap<String, Vec<(Lang, PathBuf)>> = BTreeMap::new();
    let mut add = |name: String, lang: Lang, path: PathBuf| -> Result<()> {
        let files = found.entry(name).or_default();
        if let Some((_, other)) = files.iter().find(|(l, _)| *l == lang) {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("two {lang} versions of one release: {} and {}", other.display(), path.display()),
            )
            .with_path(dir));
        }
        files.push((lang, path));
        Ok(())
    };
    for entry in list_dir(dir)? {
        let (path, file_name) = (&entry.path, &entry.name);
        if entry.is_dir() {
            let Some(lang) = DOCUMENT_ORDER.into_iter().find(|l| l.code() == file_name) else { continue };
            for file in list_dir(path)? {
                let Some(stem) = file.name.strip_suffix(".txt") else { continue };
                // en/NAME.en.txt is NAME too.
                let stem = stem.strip_suffix(&format!(".{lang}")).unwrap_or(stem);
                if !stem.is_empty() && file.is_file() {
                    add(stem.to_string(), lang, file.path)?;
                }
            }
        } else if let Some((name, code)) = file_name.strip_suffix(".txt").and_then(|s| s.rsplit_once('.'))
            && let Some(lang) = DOCUMENT_ORDER.into_iter().find(|l| l.code() == code)
            && !name.is_empty()
        {
            add(name.to_string(), lang, entry.path.clone())?;
        }
    }
    Ok(found
        .into_iter()
        .map(|(name, mut files)| {
            files.sort_by_key(|(lang, _)| DOCUMENT_ORDER.iter().position(|l| l == lang));
            Release { name, files }
        })
        .collect())
}

/// The entries of `dir` that are not hidden.
fn list_dir(dir: &Path) -> Result<Vec<Entry>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            out.push(Entry { path: entry.path(), name, file_type: entry.file_type().ok() });
        }
    }
    Ok(out)
}

/// A directory entry, with its type as the listing gave it: most file systems tell it without
/// a `stat` of each file, which for thousands of releases took longer than listing them.
struct Entry {
    path: PathBuf,
    name: String,
    file_type: Option<std::fs::FileType>,
}

impl Entry {
    /// Whether the entry is a directory, or a link to one.
    fn is_dir(&self) -> bool {
        self.followed_type().is_some_and(|t| t.is_dir())
    }

    /// Whether the entry is a file, or a link to one.
    fn is_file(&self) -> bool {
        self.followed_type().is_some_and(|t| t.is_file())
    }

    /// The entry's type, or that of what it links to (`None` for a dangling link): only a link,
    /// or an entry the listing gave no type for, costs a `stat`.
    fn followed_type(&self) -> Option<std::fs::FileType> {
        match self.file_type {
            Some(t) if !t.is_symlink() => Some(t),
            _ => std::fs::metadata(&self.path).ok().map(|m| m.file_type()),
        }
    }
}

/// One release aligned: its memory and what to tell the user about it.
#[derive(Clone, Debug)]
pub struct ReleaseResult {
    /// The release's name.
    pub name: String,
    /// The source language of [`memory`](Self::memory).
    pub src_lang: Lang,
    /// The languages aligned, source first.
    pub langs: Vec<Lang>,
    /// The languages of [`DOCUMENT_ORDER`] the release has no version in.
    pub missing: Vec<Lang>,
    /// Sentences over all its documents.
    pub sentences: usize,
    /// Bytes of its files.
    pub bytes: u64,
    /// The units, as [`TranslationMemory::from_alignment`] makes them.
    pub memory: TranslationMemory,
    /// The mean score of the aligned units that have two languages or more (0 when there are none).
    pub mean_score: f64,
    /// Units of [`memory`](Self::memory) scored below [`LOW_CONFIDENCE`].
    pub low_confidence: usize,
}

impl ReleaseResult {
    /// True when the units average below [`LOW_RELEASE_MEAN`].
    pub fn is_doubtful(&self) -> bool {
        self.mean_score < LOW_RELEASE_MEAN
    }

    /// One bilingual memory per language pair, from the source language to each other one, as
    /// Trados and memoQ import them (see [`TranslationMemory::language_pair`]).
    pub fn pairs(&self) -> Vec<(Lang, Lang, TranslationMemory)> {
        let src = self.src_lang;
        self.langs
            .iter()
            .filter(|&&l| l != src)
            .map(|&tgt| (src, tgt, self.memory.language_pair(src.code(), tgt.code())))
            .collect()
    }
}

/// Reads and aligns one release.
///
/// `options.src_lang` is the preferred source language: a release that has no version in it
/// takes its first language (in [`DOCUMENT_ORDER`]) as its source instead, so that its units are
/// kept. The creation date is `options.creation_date`, or now (`SOURCE_DATE_EPOCH` when set).
///
/// # Errors
///
/// A file cannot be read or decoded, or holds no text (the error names the file); or the
/// release has fewer than two language versions.
pub fn align_release(release: &Release, options: &MemoryOptions) -> Result<ReleaseResult> {
    if release.files.len() < 2 {
        let only = release.files.first().map_or_else(|| release.name.clone(), |(_, p)| p.display().to_string());
        return Err(Error::new(ErrorKind::Usage, "only one language version: nothing to align").with_path(only));
    }
    let mut docs = Vec::with_capacity(release.files.len());
    let mut bytes = 0;
    for (lang, path) in &release.files {
        let doc = read_document(path, *lang)?;
        bytes += doc.text.len() as u64;
        docs.push(doc);
    }
    Ok(align_documents(&release.name, docs, bytes, options))
}

/// Aligns the documents of one release (two or more, in [`DOCUMENT_ORDER`]).
fn align_documents(name: &str, mut docs: Vec<Document>, bytes: u64, options: &MemoryOptions) -> ReleaseResult {
    let src_lang = options.src_lang.filter(|l| docs.iter().any(|d| d.lang == *l)).unwrap_or(docs[0].lang);
    let options = MemoryOptions { src_lang: Some(src_lang), ..options.clone() };
    let alignment = align_resegmenting(&mut docs, &AlignOptions::default());
    let memory = TranslationMemory::from_alignment(&docs, &alignment, &options);
    let scored: Vec<f64> = alignment.units.iter().filter(|u| u.languages() >= 2).map(|u| u.score).collect();
    let mean_score = if scored.is_empty() { 0.0 } else { scored.iter().sum::<f64>() / scored.len() as f64 };
    let low_confidence = memory.units.iter().filter(|u| unit_score(u) < LOW_CONFIDENCE).count();
    let mut langs: Vec<Lang> = docs.iter().map(|d| d.lang).collect();
    langs.sort_by_key(|&l| l != src_lang);
    ReleaseResult {
        name: name.to_string(),
        src_lang,
        missing: DOCUMENT_ORDER.into_iter().filter(|l| !langs.contains(l)).collect(),
        langs,
        sentences: docs.iter().map(|d| d.sentences.len()).sum(),
        bytes,
        memory,
        mean_score,
        low_confidence,
    }
}

/// The `x-score` of a unit made by [`TranslationMemory::from_alignment`] (0 when absent).
fn unit_score(unit: &TranslationUnit) -> f64 {
    unit.prop("x-score").and_then(|s| s.parse().ok()).unwrap_or(0.0)
}

/// Runs `work` on every item on rayon's thread pool (the global one, or the one this is called
/// in), and `emit` on each result in input order, on the calling thread, while later items are
/// being worked on.
///
/// Items are taken from `items` only as needed: at most `window` items are being worked on or
/// waiting to be emitted at any time, so memory is bounded by the window, not by the number of
/// items. The results, and so anything `emit` writes, do not depend on the number of threads.
///
/// The calling thread sleeps while the workers work, and is woken only when half the window is
/// ready to emit in order, or when the workers are about to run out of items: one wake-up per
/// few results, not one per result.
///
/// The first error of `emit` stops the run (items in flight are finished and dropped) and is
/// returned. A panic in `work` is raised again on the calling thread.
pub fn map_ordered<T, R, E>(
    items: impl IntoIterator<Item = T>,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R) -> std::result::Result<(), E>,
) -> std::result::Result<(), E>
where
    T: Send,
    R: Send,
{
    let window = window.max(1);
    let threads = rayon::current_num_threads();
    if threads == 1 {
        // One thread works either way: it may as well be this one, with no hand-over.
        return items.into_iter().try_for_each(|item| emit(work(item)));
    }
    let reorder = Reorder { state: Mutex::new(Pending::new(window, threads)), wake: Condvar::new() };
    let (work, reorder) = (&work, &reorder);
    rayon::in_place_scope_fifo(|scope| {
        let mut items = items.into_iter().fuse();
        let (mut started, mut emitted) = (0, 0);
        let mut batch = Vec::with_capacity(window);
        loop {
            // Each item is handed out as soon as it is drawn (drawing one may wait for input),
            // and drawn outside the lock.
            while started - emitted < window {
                let Some(item) = items.next() else { break };
                reorder.lock().unfinished += 1;
                let index = started;
                scope.spawn_fifo(move |_| {
                    let result = catch_unwind(AssertUnwindSafe(|| work(item)));
                    let mut pending = reorder.lock();
                    pending.finish(index, result);
                    if pending.caller_asleep && pending.worth_waking() {
                        pending.caller_asleep = false;
                        reorder.wake.notify_one();
                    }
                });
                started += 1;
            }
            if emitted == started {
                return Ok(());
            }
            {
                let mut pending = reorder.lock();
                while !pending.worth_waking() {
                    pending.caller_asleep = true;
                    pending = reorder.wake.wait(pending).unwrap_or_else(PoisonError::into_inner);
                }
                pending.caller_asleep = false;
                pending.take_ready(&mut batch);
            }
            for result in batch.drain(..) {
                emitted += 1;
                emit(result.unwrap_or_else(|panic| resume_unwind(panic)))?;
            }
        }
    })
}

/// The results [`map_ordered`]'s workers hand back, and the calling thread's wake-up.
struct Reorder<R> {
    state: Mutex<Pending<R>>,
    wake: Condvar,
}

impl<R> Reorder<R> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Pending<R>> {
        // Nothing panics while holding the lock (work runs outside it, under catch_unwind).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Results not yet emitted, in input order.
struct Pending<R> {
    /// Slot 0 is item `next`, the next one to emit; `None` while it is being worked on.
    slots: VecDeque<Option<std::thread::Result<R>>>,
    next: usize,
    /// Leading slots that are filled: results ready to emit in order.
    ready: usize,
    /// Items handed to the pool and not finished yet.
    unfinished: usize,
    /// Ready results worth waking the calling thread for.
    enough: usize,
    threads: usize,
    caller_asleep: bool,
}

impl<R> Pending<R> {
    fn new(window: usize, threads: usize) -> Pending<R> {
        Pending {
            slots: VecDeque::with_capacity(window),
            next: 0,
            ready: 0,
            unfinished: 0,
            enough: window.div_ceil(2),
            threads,
            caller_asleep: false,
        }
    }

    fn finish(&mut self, index: usize, result: std::thread::Result<R>) {
        let slot = index - self.next;
        if self.slots.len() <= slot {
            self.slots.resize_with(slot + 1, || None);
        }
        self.slots[slot] = Some(result);
        self.unfinished -= 1;
        while self.slots.get(self.ready).is_some_and(Option::is_some) {
            self.ready += 1;
        }
    }

    /// True when the calling thread has enough to emit, or must hand out more items before a
    /// worker idles (no more unfinished items than threads), or everything handed out is done.
    fn worth_waking(&self) -> bool {
        self.ready >= self.enough || (self.ready > 0 && self.unfinished <= self.threads) || self.unfinished == 0
    }

    /// Moves the results ready to emit, in order, into `batch`.
    fn take_ready(&mut self, batch: &mut Vec<std::thread::Result<R>>) {
        batch.extend(self.slots.drain(..self.ready).flatten());
        self.next += self.ready;
        self.ready = 0;
    }
}

/// The formats a batch writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchFormat {
    /// TMX 1.4, as [`write_tmx`] writes it; a unit equal to an earlier one (same locales and
    /// segments) is left out, across releases too.
    Tmx,
    /// Tab-separated, as [`write_tsv`] writes it.
    Tsv,
    /// JSON, as [`write_json`] writes it: one memory with one header.
    Json,
}

/// A release's part of a batch output, rendered ahead of writing (in a worker thread) by
/// [`Rendered::new`] and written by [`BatchWriter::write`].
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// Each unit's text as written, with a key that equal units share (TMX only).
    units: Vec<(u128, String)>,
    /// Units the TMX writer left out as empty once normalised.
    empty_dropped: usize,
    /// Units the TMX writer left out as duplicates inside the release.
    duplicates_dropped: usize,
}

impl Rendered {
    /// Renders the units of `memory` in `format`; `langs` are the TSV columns.
    ///
    /// # Errors
    ///
    /// Only [`io::ErrorKind::InvalidInput`], when `langs` is empty for TSV.
    pub fn new(format: BatchFormat, memory: &TranslationMemory, langs: &[&str]) -> io::Result<Rendered> {
        let mut rendered = Rendered::default();
        match format {
            BatchFormat::Tmx => {
                let (units, report) = crate::tmx::render_units(memory)?;
                rendered.empty_dropped = report.empty_dropped;
                rendered.duplicates_dropped = report.duplicates_dropped;
                rendered.units = units;
            }
            BatchFormat::Tsv => {
                let mut out = Vec::new();
                write_tsv(&TranslationMemory { header: memory.header.clone(), units: Vec::new() }, langs, &mut out)?;
                let header_len = out.len();
                out.clear();
                write_tsv(memory, langs, &mut out)?;
                let text = String::from_utf8_lossy(&out[header_len..]);
                rendered.units = text.split_inclusive('\n').map(|line| (0, line.to_string())).collect();
            }
            BatchFormat::Json => {
                for unit in &memory.units {
                    let json = serde_json::to_string_pretty(unit).map_err(io::Error::other)?;
                    rendered.units.push((0, format!("    {}", json.replace('\n', "\n    "))));
                }
            }
        }
        Ok(rendered)
    }

    /// How many units were rendered.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// True when no unit was rendered.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// The byte range of the units inside a TMX document written by [`write_tmx`]: from the line
/// end before the first `<tu` to the end of the last `</tu>` (an empty range after `<body>`
/// when there is no unit). Segment text, notes and properties are escaped, so `<tu` and
/// `</tu>` only occur as tags.
fn tmx_body(text: &str) -> (usize, usize) {
    let body = text.find("<body>").map_or(0, |at| at + "<body>".len());
    match (unit_starts(text).next(), text.rfind("</tu>")) {
        (Some(first), Some(last)) => (text[..first].rfind('\n').unwrap_or(first), last + "</tu>".len()),
        _ => (body, body),
    }
}

/// Byte offsets of the `<tu>` and `<tu ...>` tags (not `<tuv`).
fn unit_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices("<tu").map(|(at, _)| at).filter(|&at| matches!(text.as_bytes().get(at + 3), Some(b' ' | b'>')))
}

/// What a [`BatchWriter`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Units written.
    pub units_written: usize,
    /// Units left out because an earlier unit, of this release or an earlier one, had the same
    /// variants (TMX only).
    pub duplicates_dropped: usize,
    /// Units left out because fewer than two non-empty segments remained (TMX only).
    pub empty_dropped: usize,
}

/// Writes one memory whose units arrive release by release ([`Rendered`]), with one header,
/// so that nothing but the units seen (16 bytes each, to leave out duplicates) is kept.
///
/// The TMX written is what [`write_tmx`] writes for a memory holding all the units, except
/// that duplicates are left out across releases as well; TSV and JSON are as [`write_tsv`]
/// and [`write_json`] write them.
pub struct BatchWriter<W: Write> {
    out: W,
    format: BatchFormat,
    /// What comes before the first unit; written with it.
    head: Option<String>,
    /// What follows the last unit: `</body></tmx>` and the like.
    tail: String,
    /// The whole document when there is no unit.
    empty: String,
    seen: HashSet<u128>,
    report: BatchReport,
}

impl<W: Write> BatchWriter<W> {
    /// A writer to `out`. Nothing is written before the first unit or [`finish`](Self::finish).
    ///
    /// # Errors
    ///
    /// [`io::ErrorKind::InvalidInput`] when `langs` is empty for TSV.
    pub fn new(out: W, format: BatchFormat, header: &Header, langs: &[&str]) -> io::Result<BatchWriter<W>> {
        let empty_memory = TranslationMemory { header: header.clone(), units: Vec::new() };
        let (head, tail, empty) = match format {
            BatchFormat::Tmx => {
                // A memory of one unit shows where units go.
                let probe = TranslationUnit {
                    variants: ["a", "b"]
                        .iter()
                        .map(|t| crate::tm::Variant::new(header.src_lang.clone(), t.to_string()))
                        .collect(),
                    ..TranslationUnit::default()
                };
                let one = TranslationMemory { header: header.clone(), units: vec![probe] };
                let text = tmx_string(&one)?;
                let (start, end) = tmx_body(&text);
                (text[..start].to_string(), text[end..].to_string(), tmx_string(&empty_memory)?)
            }
            BatchFormat::Tsv => {
                let mut out = Vec::new();
                write_tsv(&empty_memory, langs, &mut out)?;
                let head = String::from_utf8_lossy(&out).into_owned();
                (head.clone(), String::new(), head)
            }
            BatchFormat::Json => {
                let mut out = Vec::new();
                write_json(&empty_memory, &mut out)?;
                let whole = String::from_utf8_lossy(&out).into_owned();
                const NONE: &str = "\"units\": []";
                let Some(at) = whole.rfind(NONE) else {
                    return Err(io::Error::other("unexpected JSON layout"));
                };
                let head = format!("{}\"units\": [\n", &whole[..at]);
                let tail = format!("\n  ]{}", &whole[at + NONE.len()..]);
                (head, tail, whole)
            }
        };
        Ok(BatchWriter {
            out,
            format,
            head: Some(head),
            tail,
            empty,
            seen: HashSet::new(),
            report: BatchReport::default(),
        })
    }

    /// Writes a release's units after those written before; returns how many were written.
    ///
    /// # Errors
    ///
    /// Errors from the output.
    pub fn write(&mut self, rendered: &Rendered) -> io::Result<usize> {
        self.report.empty_dropped += rendered.empty_dropped;
        self.report.duplicates_dropped += rendered.duplicates_dropped;
        let mut written = 0;
        for (key, text) in &rendered.units {
            if self.format == BatchFormat::Tmx && !self.seen.insert(*key) {
                self.report.duplicates_dropped += 1;
                continue;
            }
            if let Some(head) = self.head.take() {
                self.out.write_all(head.as_bytes())?;
            } else if self.format == BatchFormat::Json {
                self.out.write_all(b",\n")?;
            }
            self.out.write_all(text.as_bytes())?;
            written += 1;
        }
        self.report.units_written += written;
        Ok(written)
    }

    /// Ends the output and flushes it.
    ///
    /// # Errors
    ///
    /// Errors from the output.
    pub fn finish(mut self) -> io::Result<(W, BatchReport)> {
        let rest = if self.head.is_some() { &self.empty } else { &self.tail };
        self.out.write_all(rest.as_bytes())?;
        self.out.flush()?;
        Ok((self.out, self.report))
    }
}

fn tmx_string(memory: &TranslationMemory) -> io::Result<String> {
    let mut out = Vec::new();
    write_tmx(memory, &mut out)?;
    String::from_utf8(out).map_err(io::Error::other)
}

/// One line of JSON Lines input: a release with an id and its text in each language it has.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct JsonRelease {
    /// Any JSON value, copied to each unit of the output (the line number when absent).
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    /// The English text.
    #[serde(default)]
    pub en: Option<String>,
    /// The Korean text.
    #[serde(default)]
    pub ko: Option<String>,
    /// The Spanish text.
    #[serde(default)]
    pub es: Option<String>,
}

/// One line of JSON Lines output: an aligned unit.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct JsonUnit {
    /// The id of the release it comes from.
    pub id: serde_json::Value,
    /// Its confidence, 0 to 1 (as the TMX `x-score`).
    pub score: f64,
    /// The English segment, if the unit has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub en: Option<String>,
    /// The Korean segment, if the unit has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ko: Option<String>,
    /// The Spanish segment, if the unit has one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub es: Option<String>,
}

/// What became of one JSON Lines release.
#[derive(Clone, Debug)]
pub struct JsonResult {
    /// The release's id.
    pub id: serde_json::Value,
    /// The units, as output lines (each with its LF).
    pub lines: String,
    /// Its units and statistics, or `None` when it had fewer than two languages with text.
    pub release: Option<ReleaseResult>,
    /// The languages it has no text in.
    pub missing: Vec<Lang>,
}

/// Aligns one line of JSON Lines input, `{"id": ..., "en": "...", "ko": "...", "es": "..."}`,
/// into output lines `{"id": ..., "score": ..., "en": "...", "ko": "...", "es": "..."}`, one per
/// unit, the segments normalised as in TMX. `source` names the input for error messages
/// (`input.jsonl:12`).
///
/// A language with no text, or with nothing but web chrome, counts as missing; a release with
/// fewer than two languages left gives no lines and `release: None`.
///
/// # Errors
///
/// The line is not a JSON object of that form.
pub fn align_json_line(line: &str, number: usize, source: &str, options: &MemoryOptions) -> Result<JsonResult> {
    let bad = |why: String| {
        Error::new(ErrorKind::Decode, format!("not a JSON release object ({why})"))
            .with_path(format!("{source}:{number}"))
    };
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
    if !value.is_object() {
        return Err(bad("expected {\"id\": ..., \"en\": \"...\", \"ko\": \"...\", \"es\": \"...\"}".into()));
    }
    let input: JsonRelease = serde_json::from_value(value).map_err(|e| bad(e.to_string()))?;
    let id = input.id.clone().unwrap_or_else(|| serde_json::Value::from(number));
    let label = match &id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut docs = Vec::new();
    let mut bytes = 0;
    for lang in DOCUMENT_ORDER {
        let text = match lang {
            Lang::En => &input.en,
            Lang::Ko => &input.ko,
            Lang::Es => &input.es,
            Lang::Other(_) => &None,
        };
        if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            bytes += text.len() as u64;
            let doc = Document::parse(format!("{label}.{lang}"), lang, text);
            if !doc.sentences.is_empty() {
                docs.push(doc);
            }
        }
    }
    let missing = DOCUMENT_ORDER.into_iter().filter(|l| !docs.iter().any(|d| d.lang == *l)).collect();
    if docs.len() < 2 {
        return Ok(JsonResult { id, lines: String::new(), release: None, missing });
    }
    let result = align_documents(&label, docs, bytes, options);
    let mut lines = String::new();
    for unit in &result.memory.units {
        let mut out = JsonUnit { id: id.clone(), score: unit_score(unit), en: None, ko: None, es: None };
        for variant in &unit.variants {
            let text = normalize_segment(&variant.text);
            if text.is_empty() {
                continue;
            }
            match Lang::from_code(&variant.lang) {
                Some(Lang::En) => out.en = Some(text),
                Some(Lang::Ko) => out.ko = Some(text),
                Some(Lang::Es) => out.es = Some(text),
                Some(Lang::Other(_)) | None => {}
            }
        }
        if [&out.en, &out.ko, &out.es].iter().filter(|t| t.is_some()).count() >= 2 {
            // A unit of strings and numbers always serialises.
            if let Ok(json) = serde_json::to_string(&out) {
                lines.push_str(&json);
                lines.push('\n');
            }
        }
    }
    Ok(JsonResult { id, lines, release: Some(result), missing })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(units: &[&[(&str, &str)]]) -> TranslationMemory {
        TranslationMemory {
            header: Header::tmalign("ko-KR", "20250101T120000Z".into()),
            units: units
                .iter()
                .map(|pairs| TranslationUnit {
                    variants: pairs
                        .iter()
                        .map(|(l, t)| crate::tm::Variant::new(l.to_string(), t.to_string()))
                        .collect(),
                    ..TranslationUnit::default()
                })
                .collect(),
        }
    }

    fn stream(format: BatchFormat, parts: &[TranslationMemory]) -> (String, BatchReport) {
        let langs = ["ko", "en", "es"];
        let mut w = BatchWriter::new(Vec::new(), format, &parts[0].header, &langs).unwrap();
        for part in parts {
            w.write(&Rendered::new(format, part, &langs).unwrap()).unwrap();
        }
        let (out, report) = w.finish().unwrap();
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn streamed_tmx_is_what_write_tmx_writes() {
        let a = memory(&[&[("ko-KR", "가 <b>"), ("en-US", "a & b")], &[("ko-KR", "나"), ("en-US", "b")]]);
        let mut b = memory(&[&[("ko-KR", "다"), ("es-ES", "c")]]);
        // Attributes, properties and notes nest deeper: their indentation must match too.
        b.units[0].id = Some("r1-7".into());
        b.units[0].props.push(crate::tm::Prop { kind: "x-score".into(), value: "0.93".into() });
        b.units[0].notes.push("checked".into());
        let all = TranslationMemory { header: a.header.clone(), units: [a.units.clone(), b.units.clone()].concat() };
        let (xml, report) = stream(BatchFormat::Tmx, &[a, b]);
        assert!(xml.contains("x-score") && xml.contains("<note>checked</note>"), "{xml}");
        assert_eq!(xml, tmx_string(&all).unwrap());
        assert_eq!(report.units_written, 3);
    }

    #[test]
    fn streamed_tmx_drops_duplicates_across_releases_and_handles_no_units() {
        let a = memory(&[&[("ko-KR", "가"), ("en-US", "a")]]);
        let b = memory(&[&[("en-US", "a"), ("ko-KR", "가")], &[("ko-KR", "나"), ("en-US", " ")]]);
        let (xml, report) = stream(BatchFormat::Tmx, &[a.clone(), b]);
        assert_eq!(xml, tmx_string(&a).unwrap());
        assert_eq!(report, BatchReport { units_written: 1, duplicates_dropped: 1, empty_dropped: 1 });
        let none = memory(&[]);
        assert_eq!(stream(BatchFormat::Tmx, std::slice::from_ref(&none)).0, tmx_string(&none).unwrap());
    }

    #[test]
    fn streamed_json_and_tsv_are_what_the_exports_write() {
        let a = memory(&[&[("ko-KR", "가"), ("en-US", "a")]]);
        let b = memory(&[&[("ko-KR", "나"), ("es-ES", "b\tc")]]);
        let all = TranslationMemory { header: a.header.clone(), units: [a.units.clone(), b.units.clone()].concat() };
        let mut json = Vec::new();
        write_json(&all, &mut json).unwrap();
        assert_eq!(stream(BatchFormat::Json, &[a.clone(), b.clone()]).0, String::from_utf8(json).unwrap());
        let none = memory(&[]);
        let mut json = Vec::new();
        write_json(&none, &mut json).unwrap();
        assert_eq!(stream(BatchFormat::Json, &[none]).0, String::from_utf8(json).unwrap());
        let mut tsv = Vec::new();
        write_tsv(&all, &["ko", "en", "es"], &mut tsv).unwrap();
        assert_eq!(stream(BatchFormat::Tsv, &[a, b]).0, String::from_utf8(tsv).unwrap());
    }

    #[test]
    fn map_ordered_keeps_input_order_and_stops_at_the_first_error() {
        let mut seen = Vec::new();
        let result: std::result::Result<(), ()> = map_ordered(
            0..100u64,
            3,
            |i| i * 2,
            |r| {
                seen.push(r);
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert_eq!(seen, (0..100).map(|i| i * 2).collect::<Vec<_>>());
        let mut count = 0;
        let result = map_ordered(
            0..100u64,
            4,
            |i| i,
            |r| {
                count += 1;
                if r == 10 { Err(r) } else { Ok(()) }
            },
        );
        assert_eq!((result, count), (Err(10), 11));
    }

    /// Runs `f` on its own thread and fails the test when it has not finished within a minute:
    /// a broken hand-over between workers and the calling thread hangs rather than panics.
    fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(60)).expect("map_ordered returned within a minute")
    }

    #[test]
    fn map_ordered_on_many_threads_keeps_order_and_window_when_items_finish_out_of_order() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let window = 6;
        let (result, seen, most) = within_a_minute(move || {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
            // Items drawn from the iterator but not yet emitted: never more than the window.
            let (drawn, emitted, most) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
            let items = (0..300u64).inspect(|_| {
                let in_flight = drawn.fetch_add(1, SeqCst) + 1 - emitted.load(SeqCst);
                most.fetch_max(in_flight, SeqCst);
            });
            let mut seen = Vec::new();
            let result: std::result::Result<(), ()> = pool.install(|| {
                map_ordered(
                    items,
                    window,
                    |i| {
                        // Earlier items of each run of seven take longer, so later ones finish first.
                        std::thread::sleep(std::time::Duration::from_micros(50 * (7 - i % 7)));
                        i * 3
                    },
                    |r| {
                        emitted.fetch_add(1, SeqCst);
                        seen.push(r);
                        Ok(())
                    },
                )
            });
            (result, seen, most.load(SeqCst))
        });
        assert!(result.is_ok());
        assert_eq!(seen, (0..300).map(|i| i * 3).collect::<Vec<_>>());
        assert!(most <= window, "{most} in flight");
        assert!(most > 1, "the workers never had more than one item");
    }

    #[test]
    fn map_ordered_raises_a_panic_of_work_on_the_calling_thread() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let run = std::panic::catch_unwind(AssertUnwindSafe(|| {
            pool.install(|| {
                map_ordered(
                    0..40u64,
                    4,
                    |i| {
                        assert!(i != 17, "item 17");
                        i
                    },
                    |_| Ok::<(), ()>(()),
                )
            })
        }));
        let panic = run.unwrap_err();
        assert_eq!(panic.downcast_ref::<&str>().copied(), Some("item 17"));
    }

    #[test]
    fn map_ordered_on_one_thread_works_on_the_calling_thread_in_order() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let (mut seen, mut threads) = (Vec::new(), Vec::new());
        let (result, caller) = pool.install(|| {
            let result: std::result::Result<(), u64> = map_ordered(
                0..50u64,
                3,
                |i| (i * 2, std::thread::current().id()),
                |(r, thread)| {
                    seen.push(r);
                    threads.push(thread);
                    if r == 60 { Err(r) } else { Ok(()) }
                },
            );
            (result, std::thread::current().id())
        });
        assert_eq!(result, Err(60));
        assert_eq!(seen, (0..=30).map(|i| i * 2).collect::<Vec<_>>());
        assert!(threads.iter().all(|&t| t == caller));
    }

    #[test]
    fn json_lines_need_two_languages() {
        let options = MemoryOptions::default();
        let result = align_json_line(r#"{"id": 7, "en": "Hello there."}"#, 1, "in", &options).unwrap();
        assert!(result.release.is_none());
        assert_eq!(result.missing, [Lang::Ko, Lang::Es]);
        let err = align_json_line("[1]", 3, "in", &options).unwrap_err();
        assert!(err.to_string().starts_with("in:3: "), "{err}");
    }
}
