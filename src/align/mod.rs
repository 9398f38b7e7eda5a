//! Alignment of the language versions of one release.
//!
//! Structure first: numbered paragraphs with the same number anchor each other and cut the
//! documents into regions. Inside each region, sentences are aligned by dynamic programming over
//! beads (1-1, 1-2, 2-1, 2-2, 1-0, 0-1, ...) in a band (see `search`), with costs from `scoring`.
//! With three documents, each is aligned with a pivot (English when present) and the two
//! alignments are merged into units of three.

mod numbers;
mod scoring;
mod search;

use crate::document::{Document, Marker};
use crate::lang::Lang;
use scoring::{Model, Profile, confidence, profiles};
use search::{Bead, align_region};
use serde::Serialize;
use std::ops::Range;

pub use numbers::number_keys;

/// One aligned unit: for each input document, the range of its sentences in the unit (empty where
/// that document has nothing for it), and a confidence score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignedUnit {
    /// Sentence index ranges, one per document, in input order.
    pub sentences: Vec<Range<usize>>,
    /// Confidence in [0, 1] that the unit's segments translate each other.
    pub score: f64,
}

impl AlignedUnit {
    /// How many documents have sentences in this unit.
    pub fn languages(&self) -> usize {
        self.sentences.iter().filter(|r| !r.is_empty()).count()
    }
}

/// The alignment of several documents: units in document order. Every sentence of every document
/// is in exactly one unit; sentences nothing matched are units of their own.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// The units, in order.
    pub units: Vec<AlignedUnit>,
}

/// Aligns the documents of one release (two or more, in any order).
pub fn align(docs: &[Document]) -> Alignment {
    match docs.len() {
        0 => Alignment::default(),
        1 => Alignment {
            units: (0..docs[0].sentences.len())
                .map(|i| AlignedUnit { sentences: std::iter::once(i..i + 1).collect(), score: 0.0 })
                .collect(),
        },
        _ => {
            let pivot = docs.iter().position(|d| d.lang == Lang::En).unwrap_or(0);
            let profiles: Vec<Vec<Profile>> = docs.iter().map(profiles).collect();
            let pairs: Vec<(usize, Vec<Bead>)> = (0..docs.len())
                .filter(|&k| k != pivot)
                .map(|k| (k, align_pair(&docs[pivot], &docs[k], &profiles[pivot], &profiles[k])))
                .collect();
            merge(docs.len(), pivot, docs[pivot].sentences.len(), &pairs)
        }
    }
}

/// Aligns two documents: regions between numbered anchors, then beads inside each region.
fn align_pair(a: &Document, b: &Document, pa: &[Profile], pb: &[Profile]) -> Vec<Bead> {
    let total = |ps: &[Profile]| ps.iter().map(|p| p.len).sum::<f64>();
    let model = Model::new(a.lang, b.lang, total(pa), total(pb));
    let mut beads = Vec::new();
    let (mut a_at, mut b_at) = (0, 0);
    let anchors = numbered_anchors(a, b);
    for (a_end, b_end) in anchors.into_iter().chain(std::iter::once((pa.len(), pb.len()))) {
        beads.extend(align_region(&model, &pa[a_at..a_end], &pb[b_at..b_end], a_at, b_at));
        (a_at, b_at) = (a_end, b_end);
    }
    beads
}

/// Sentence indices (in A, in B) where paragraphs with the same number begin on both sides:
/// the longest common subsequence of the paragraph numbers.
fn numbered_anchors(a: &Document, b: &Document) -> Vec<(usize, usize)> {
    let starts = |doc: &Document| -> Vec<(u32, usize)> {
        let mut out: Vec<(u32, usize)> = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            if let Some(Marker::Number(n)) = doc.blocks[s.block].marker
                && out.last().is_none_or(|&(_, at)| doc.sentences[at].block != s.block)
            {
                out.push((n, i));
            }
        }
        out
    };
    let (sa, sb) = (starts(a), starts(b));
    if sa.is_empty() || sb.is_empty() {
        return Vec::new();
    }
    // LCS by dynamic programming; lists are short (paragraph counts).
    let (n, m) = (sa.len(), sb.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] =
                if sa[i].0 == sb[j].0 { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut anchors = Vec::new();
    while i < n && j < m {
        if sa[i].0 == sb[j].0 {
            anchors.push((sa[i].1, sb[j].1));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    anchors
}

/// Merges pivot-to-other bead lists into units over all documents.
///
/// Units are cut where every pairwise alignment has a bead boundary in the pivot; sentences of
/// another document that no pivot sentence took (0-1 beads) at such a cut become units of their
/// own.
fn merge(doc_count: usize, pivot: usize, pivot_len: usize, pairs: &[(usize, Vec<Bead>)]) -> Alignment {
    let mut cut = vec![true; pivot_len + 1];
    for (_, beads) in pairs {
        let mut ends = vec![false; pivot_len + 1];
        ends[0] = true;
        for bead in beads {
            ends[bead.a.end] = true;
        }
        for (c, e) in cut.iter_mut().zip(ends) {
            *c &= e;
        }
    }
    let mut units = Vec::new();
    let mut cursors = vec![0usize; pairs.len()];
    let mut start = 0;
    for end in (1..=pivot_len).filter(|&p| cut[p]).chain((pivot_len == 0).then_some(0)) {
        // Lone sentences of other documents standing at the cut before this group.
        for (k, (doc, beads)) in pairs.iter().enumerate() {
            while let Some(bead) = beads.get(cursors[k]).filter(|b| b.a.is_empty() && b.a.start == start) {
                let mut sentences = vec![0..0; doc_count];
                sentences[*doc] = bead.b.clone();
                units.push(AlignedUnit { sentences, score: 0.0 });
                cursors[k] += 1;
            }
        }
        if end == start {
            continue;
        }
        let mut sentences = vec![0..0; doc_count];
        sentences[pivot] = start..end;
        let mut score = f64::INFINITY;
        for (k, (doc, beads)) in pairs.iter().enumerate() {
            let mut range: Option<Range<usize>> = None;
            while let Some(bead) =
                beads.get(cursors[k]).filter(|b| b.a.end <= end && !(b.a.is_empty() && b.a.start == end))
            {
                if !bead.b.is_empty() {
                    range = Some(match range {
                        Some(r) => r.start..bead.b.end,
                        None => bead.b.clone(),
                    });
                    if !bead.a.is_empty() {
                        score = score.min(confidence(bead.cost));
                    }
                }
                cursors[k] += 1;
            }
            if let Some(r) = range {
                sentences[*doc] = r;
            }
        }
        let score = if score.is_finite() { score } else { 0.0 };
        units.push(AlignedUnit { sentences, score });
        start = end;
    }
    // Lone sentences after the last pivot sentence.
    for (k, (doc, beads)) in pairs.iter().enumerate() {
        for bead in &beads[cursors[k]..] {
            let mut sentences = vec![0..0; doc_count];
            sentences[*doc] = bead.b.clone();
            units.push(AlignedUnit { sentences, score: 0.0 });
        }
    }
    Alignment { units }
}
