//! Review: show an alignment to a translator before it enters the memory, and take back their fixes.
//!
//! - [`write_review_html`]: one self-contained HTML page per release, the versions side by side,
//!   one row per unit, coloured by confidence ([`Band`]), with unaligned sentences, omissions and
//!   paragraph boundaries in place; [`write_review_index`] lists the pages of a batch.
//! - [`ReviewSheet`]: the same units as a spreadsheet (`id`, `score`, one column per language),
//!   written with [`write_review_tsv`] or [`write_review_xlsx`], edited by the translator, and read
//!   back with [`read_review_file`] into a [`TranslationMemory`](crate::TranslationMemory) through
//!   [`ReviewSheet::to_memory`].

mod html;
mod sheet;

pub use html::{ReviewIndexEntry, write_review_html, write_review_index};
pub use sheet::{ReviewRow, ReviewSheet, parse_review_tsv, read_review_file, write_review_tsv, write_review_xlsx};

use crate::align::{AlignedUnit, Alignment};

/// How a review (page or spreadsheet) judges scores.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewOptions {
    /// Units scored below this are "below the threshold": red, counted in the summary, and the
    /// ones to check first. Default 0.7.
    pub threshold: f64,
    /// Units scored at least this (and at least `threshold`) are green; those between
    /// `threshold` and `good` amber. Default 0.9.
    pub good: f64,
    /// The page title. `None`: the release name, from the first document's file name.
    pub title: Option<String>,
}

impl Default for ReviewOptions {
    fn default() -> ReviewOptions {
        ReviewOptions { threshold: DEFAULT_THRESHOLD, good: 0.9, title: None }
    }
}

/// The threshold of [`ReviewOptions::default`].
pub const DEFAULT_THRESHOLD: f64 = 0.7;

impl ReviewOptions {
    /// Options whose threshold is the memory's minimum score (`align --min-score`) when one is set
    /// (above 0), else the default 0.7: what the memory will leave out is what the page flags.
    pub fn for_min_score(min_score: f64) -> ReviewOptions {
        let threshold = if min_score > 0.0 { min_score } else { DEFAULT_THRESHOLD };
        ReviewOptions { threshold, ..ReviewOptions::default() }
    }

    /// The colour band of a unit.
    pub fn band(&self, unit: &AlignedUnit) -> Band {
        if unit.languages() < 2 {
            Band::Unaligned
        } else if unit.score >= self.good.max(self.threshold) {
            Band::High
        } else if unit.score >= self.threshold {
            Band::Mid
        } else {
            Band::Low
        }
    }
}

/// The confidence band of a unit, as the review colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Band {
    /// Green: scored at least [`ReviewOptions::good`].
    High,
    /// Amber: at least the threshold, below `good`.
    Mid,
    /// Red: below the threshold.
    Low,
    /// Grey: a sentence of one language that nothing matched (no score).
    Unaligned,
}

impl Band {
    /// The band's name, as used in class names and `data-band`: `high`, `mid`, `low`, `unaligned`.
    pub fn name(self) -> &'static str {
        match self {
            Band::High => "high",
            Band::Mid => "mid",
            Band::Low => "low",
            Band::Unaligned => "unaligned",
        }
    }
}

/// The figures at the top of a review page and in a batch index.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewSummary {
    /// All units, including unaligned sentences.
    pub units: usize,
    /// Units with segments in at least two languages (the candidates for the memory).
    pub aligned: usize,
    /// Units with one language only: sentences nothing matched.
    pub unaligned: usize,
    /// Aligned units that lack at least one of the documents (a sentence one version left out).
    pub omissions: usize,
    /// Mean score of the aligned units; `None` when there are none.
    pub mean_score: Option<f64>,
    /// Aligned units scored below the threshold.
    pub below: usize,
    /// The threshold used for `below`.
    pub threshold: f64,
}

impl ReviewSummary {
    /// The summary of an alignment of `documents` documents.
    pub fn of(alignment: &Alignment, documents: usize, options: &ReviewOptions) -> ReviewSummary {
        let aligned: Vec<&AlignedUnit> = alignment.units.iter().filter(|u| u.languages() >= 2).collect();
        let mean_score =
            (!aligned.is_empty()).then(|| aligned.iter().map(|u| u.score).sum::<f64>() / aligned.len() as f64);
        ReviewSummary {
            units: alignment.units.len(),
            aligned: aligned.len(),
            unaligned: alignment.units.len() - aligned.len(),
            omissions: aligned.iter().filter(|u| u.languages() < documents).count(),
            mean_score,
            below: aligned.iter().filter(|u| u.score < options.threshold).count(),
            threshold: options.threshold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(ranges: &[std::ops::Range<usize>], score: f64) -> AlignedUnit {
        AlignedUnit { sentences: ranges.to_vec(), score }
    }

    #[test]
    fn bands_follow_the_threshold() {
        let options = ReviewOptions::default();
        assert_eq!(options.band(&unit(&[0..1, 0..1], 0.95)), Band::High);
        assert_eq!(options.band(&unit(&[0..1, 0..1], 0.8)), Band::Mid);
        assert_eq!(options.band(&unit(&[0..1, 0..1], 0.5)), Band::Low);
        assert_eq!(options.band(&unit(&[0..1, 0..0], 0.0)), Band::Unaligned);
        let strict = ReviewOptions::for_min_score(0.95);
        assert_eq!(strict.band(&unit(&[0..1, 0..1], 0.93)), Band::Low);
        assert_eq!(strict.band(&unit(&[0..1, 0..1], 0.96)), Band::High);
        assert_eq!(ReviewOptions::for_min_score(0.0).threshold, 0.7);
    }

    #[test]
    fn summary_counts() {
        let alignment = Alignment {
            units: vec![unit(&[0..1, 0..1, 0..1], 0.9), unit(&[1..2, 1..2, 1..1], 0.5), unit(&[2..3, 2..2, 1..1], 0.0)],
        };
        let s = ReviewSummary::of(&alignment, 3, &ReviewOptions::default());
        assert_eq!((s.units, s.aligned, s.unaligned, s.omissions, s.below), (3, 2, 1, 1, 1));
        assert!((s.mean_score.unwrap() - 0.7).abs() < 1e-9);
    }
}
