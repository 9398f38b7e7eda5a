//! Merging translation memories, with duplicates resolved by a policy; in memory or streamed
//! from TMX files in bounded memory.

use crate::error::{Error, Result};
use crate::tm::{Header, TranslationMemory, TranslationUnit, lang_matches};
use crate::tmx::{TmxReader, TmxWriter, WriteReport, segment_text};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{BufReader, Write};
use std::path::Path;

/// What to keep of units that are duplicates (see [`MergeOptions`] for what counts as one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DuplicatePolicy {
    /// Of units with the same source segment (and the same target languages), keep the one
    /// changed last: `changedate`, else `creationdate`; a unit without a date is the oldest;
    /// on equal dates the later one in input order wins.
    #[default]
    Newest,
    /// Keep every translation: units with the same source segment but different
    /// translations are all kept; only exact duplicates (the same segments in the same
    /// languages) are dropped, the first one kept.
    All,
    /// Of units with the same source segment (and the same target languages), keep the first
    /// in input order.
    First,
}

/// How memories are merged.
///
/// Two units are duplicates when their source segments are equal after normalisation (NFC,
/// whitespace folded, trimmed, inline codes left out; case is kept) and they have variants
/// in the same set of other locales (compared case-insensitively, `_` as `-`). The source
/// segment of a unit is its first non-empty variant in `src_lang`, or its first non-empty
/// variant when it has none in that language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// The duplicate policy.
    pub policy: DuplicatePolicy,
    /// The source language or locale (`ko`, `en-US`). `None`: the first input's `srclang`.
    pub src_lang: Option<String>,
}

/// What a streamed merge read and wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Units read from all inputs.
    pub units_read: usize,
    /// Units left out as duplicates by the policy.
    pub duplicates_dropped: usize,
    /// What the TMX writer wrote (it also leaves out units with fewer than two segments).
    pub written: WriteReport,
}

/// Decides, unit by unit in input order, which units a merge keeps. Memory: one 128-bit key
/// and two 64-bit numbers per distinct key, then one bit per unit.
struct Dedup {
    policy: DuplicatePolicy,
    src_lang: String,
    best: HashMap<u128, (u64, u64)>,
    count: u64,
}

impl Dedup {
    fn new(options: &MergeOptions, first_header: &Header) -> Dedup {
        let src_lang = options.src_lang.clone().unwrap_or_else(|| first_header.src_lang.clone());
        Dedup { policy: options.policy, src_lang, best: HashMap::new(), count: 0 }
    }

    /// Takes the next unit into account.
    fn offer(&mut self, unit: &TranslationUnit) {
        let index = self.count;
        self.count += 1;
        let key = duplicate_key(unit, &self.src_lang, self.policy);
        let stamp = date_stamp(unit);
        match self.best.entry(key) {
            Entry::Vacant(e) => {
                e.insert((stamp, index));
            }
            Entry::Occupied(mut e) => {
                if self.policy == DuplicatePolicy::Newest && stamp >= e.get().0 {
                    e.insert((stamp, index));
                }
            }
        }
    }

    /// The units to keep, by input index.
    fn keep(self) -> Keep {
        let mut bits = vec![0u64; usize::try_from(self.count.div_ceil(64)).unwrap_or(0)];
        for (_, index) in self.best.into_values() {
            if let Some(word) = bits.get_mut((index / 64) as usize) {
                *word |= 1 << (index % 64);
            }
        }
        Keep { bits, count: self.count }
    }
}

/// The set of kept unit indexes.
struct Keep {
    bits: Vec<u64>,
    count: u64,
}

impl Keep {
    fn contains(&self, index: u64) -> bool {
        self.bits.get((index / 64) as usize).is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    fn kept(&self) -> u64 {
        self.bits.iter().map(|w| u64::from(w.count_ones())).sum()
    }
}

/// A locale compared case-insensitively, `_` as `-`.
pub(crate) fn locale_key(locale: &str) -> String {
    locale.trim().to_ascii_lowercase().replace('_', "-")
}

/// The hash a unit is deduplicated on under `policy`.
pub(crate) fn duplicate_key(unit: &TranslationUnit, src_lang: &str, policy: DuplicatePolicy) -> u128 {
    let variants: Vec<(String, String)> = unit
        .variants
        .iter()
        .map(|v| (locale_key(&v.lang), segment_text(&v.text)))
        .filter(|(lang, text)| !text.is_empty() && !lang.is_empty())
        .collect();
    if policy == DuplicatePolicy::All {
        let mut all = variants;
        all.sort();
        return crate::tmx::hash128(&(0u8, all));
    }
    let source = variants.iter().position(|(lang, _)| lang_matches(lang, src_lang)).unwrap_or(0);
    let (src, text) = variants.get(source).cloned().unwrap_or_default();
    let mut others: Vec<&str> =
        variants.iter().enumerate().filter(|&(i, _)| i != source).map(|(_, (lang, _))| lang.as_str()).collect();
    others.sort_unstable();
    others.dedup();
    crate::tmx::hash128(&(1u8, src, text, others))
}

/// A unit's date as a number that orders like the date (`YYYYMMDDhhmmss`): its
/// `changedate`, else its `creationdate`; 0 when it has neither.
fn date_stamp(unit: &TranslationUnit) -> u64 {
    let parse = |date: &str| -> Option<u64> {
        let digits: String = date.chars().filter(char::is_ascii_digit).take(14).collect();
        (digits.len() == 14).then(|| digits.parse().ok()).flatten()
    };
    unit.change_date.as_deref().and_then(parse).or_else(|| unit.creation_date.as_deref().and_then(parse)).unwrap_or(0)
}

impl TranslationMemory {
    /// Merges memories in order, resolving duplicates by `options` (see [`MergeOptions`]).
    ///
    /// The header is the first memory's (an empty one when there is none), with `srclang`
    /// set to `options.src_lang` when given. Kept units stay in input order.
    pub fn merge(memories: &[TranslationMemory], options: &MergeOptions) -> TranslationMemory {
        let mut header = memories.first().map(|m| m.header.clone()).unwrap_or_default();
        let mut dedup = Dedup::new(options, &header);
        for unit in memories.iter().flat_map(|m| &m.units) {
            dedup.offer(unit);
        }
        let keep = dedup.keep();
        let units = memories
            .iter()
            .flat_map(|m| &m.units)
            .enumerate()
            .filter(|&(i, _)| keep.contains(i as u64))
            .map(|(_, unit)| unit.clone())
            .collect();
        if let Some(src) = &options.src_lang {
            header.src_lang.clone_from(src);
        }
        TranslationMemory { header, units }
    }
}

/// Merges TMX files into one TMX document written to `out`, streaming: the inputs are read
/// twice (once to choose the units to keep, once to write them), so memory stays bounded by a
/// small entry per distinct unit, whatever the size of the files.
///
/// The result is what [`TranslationMemory::merge`] then [`write_tmx`](crate::write_tmx) give.
///
/// # Errors
///
/// Errors of [`read_tmx_file`](crate::read_tmx_file), naming the file, and write errors.
pub fn merge_tmx_files<P: AsRef<Path>, W: Write>(inputs: &[P], out: W, options: &MergeOptions) -> Result<MergeReport> {
    let open = |path: &Path| -> Result<TmxReader<BufReader<std::fs::File>>> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        TmxReader::new(BufReader::with_capacity(1 << 16, file)).map_err(|e| e.with_path(path))
    };
    let mut header: Option<Header> = None;
    let mut dedup: Option<Dedup> = None;
    for path in inputs {
        let path = path.as_ref();
        let reader = open(path)?;
        let dedup = dedup.get_or_insert_with(|| {
            header = Some(reader.header().clone());
            Dedup::new(options, reader.header())
        });
        for unit in reader {
            dedup.offer(&unit.map_err(|e| e.with_path(path))?);
        }
    }
    let mut header = header.unwrap_or_default();
    if let Some(src) = &options.src_lang {
        header.src_lang.clone_from(src);
    }
    let keep = match dedup {
        Some(dedup) => dedup.keep(),
        None => Keep { bits: Vec::new(), count: 0 },
    };
    let out_error = |e: std::io::Error| Error::new(crate::ErrorKind::Io, format!("cannot write the merged TMX: {e}"));
    let mut writer = TmxWriter::new(out, &header).map_err(out_error)?;
    let mut index = 0u64;
    for path in inputs {
        let path = path.as_ref();
        for unit in open(path)? {
            let unit = unit.map_err(|e| e.with_path(path))?;
            if keep.contains(index) {
                writer.write_unit(&unit).map_err(out_error)?;
            }
            index += 1;
        }
    }
    let written = writer.finish().map_err(out_error)?;
    let units_read = usize::try_from(keep.count).unwrap_or(usize::MAX);
    let duplicates_dropped = usize::try_from(keep.count - keep.kept()).unwrap_or(usize::MAX);
    Ok(MergeReport { units_read, duplicates_dropped, written })
}
