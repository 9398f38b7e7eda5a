//! Alignment of the language versions of one release.
//!
//! Structure first: numbered paragraphs with the same number anchor each other and cut the
//! documents into regions. Inside each region, sentences are aligned by dynamic programming over
//! beads (1-1, 1-2, 2-1, 1-3, 3-1, 1-0, 0-1) in a band (see `search`), with costs from `scoring`.
//! With three documents, each is aligned with a pivot (English when present) and the two
//! alignments are merged into units of three.

mod lexicon;
mod memo;
mod numbers;
mod resegment;
mod romanize;
mod scoring;
mod search;

use crate::document::{Document, Marker};
use crate::lang::Lang;
use scoring::{Model, Profile, completed, confidence, profiles, skip_cost};
use search::{Bead, align_region, step_cost};
use serde::Serialize;
use std::ops::Range;

pub use lexicon::Glossary;
pub use numbers::number_keys;
pub use romanize::romanize;

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
    align_with(docs, &AlignOptions::default())
}

/// What the aligner may use beyond the documents.
#[derive(Debug, Default)]
pub struct AlignOptions {
    /// The user's glossary: its rows anchor sentences that mention them.
    pub glossary: Option<Glossary>,
}

/// [`align`] with options (a user glossary).
pub fn align_with(docs: &[Document], options: &AlignOptions) -> Alignment {
    let glossary = options.glossary.as_ref();
    align_profiled(docs, &profiles_of(docs, glossary), glossary)
}

/// The profiles of the documents' sentences. The evidence compared across scripts is read only
/// for documents that the pairwise alignments compare with the other script; triangulation and
/// resegmentation, which may compare any two, complete what they use.
fn profiles_of(docs: &[Document], glossary: Option<&Glossary>) -> Vec<Vec<Profile>> {
    let pivot = pivot(docs);
    let korean = |k: usize| docs[k].lang == Lang::Ko;
    (0..docs.len())
        .map(|d| {
            let compared_across = match d == pivot {
                true => (0..docs.len()).any(|k| korean(k) != korean(d)),
                false => korean(pivot) != korean(d),
            };
            profiles(&docs[d], glossary, compared_across)
        })
        .collect()
}

/// The document the others are aligned with: English when there is one.
fn pivot(docs: &[Document]) -> usize {
    docs.iter().position(|d| d.lang == Lang::En).unwrap_or(0)
}

/// [`align_with`], given each document's sentence profiles.
fn align_profiled(docs: &[Document], profiles: &[Vec<Profile>], glossary: Option<&Glossary>) -> Alignment {
    match docs.len() {
        0 => Alignment::default(),
        1 => Alignment {
            units: (0..docs[0].sentences.len())
                .map(|i| AlignedUnit { sentences: std::iter::once(i..i + 1).collect(), score: 0.0 })
                .collect(),
        },
        _ => {
            let pivot = pivot(docs);
            let pairs: Vec<(usize, Vec<Bead>)> = (0..docs.len())
                .filter(|&k| k != pivot)
                .map(|k| (k, align_pair(&docs[pivot], &docs[k], &profiles[pivot], &profiles[k])))
                .collect();
            let mut alignment = merge(docs.len(), pivot, docs[pivot].sentences.len(), &pairs);
            if docs.len() == 3 {
                triangulate(docs, pivot, profiles, &pairs, &mut alignment, glossary);
            }
            alignment
        }
    }
}

/// [`align_with`], after splitting sentences where one version leaves a boundary unmarked and
/// the others mark it: an unpunctuated headline or caption run into the next sentence ("…survey
/// reveals Survey of 20,000 pupils…"), where the Korean or Spanish version has two sentences.
/// The documents' sentences are changed in place; the alignment refers to the new ones.
///
/// Each round aligns, looks for such sentences (only in Latin-script versions, only where the
/// halves align much better with the other versions' sentences than the whole did), splits
/// them, and aligns again; a sentence split in one round may give evidence for a cut in another
/// version the next.
pub fn align_resegmenting(docs: &mut [Document], options: &AlignOptions) -> Alignment {
    let glossary = options.glossary.as_ref();
    let mut profiles = profiles_of(docs, glossary);
    let mut alignment = align_profiled(docs, &profiles, glossary);
    let vocabularies: Vec<resegment::Vocabulary> = docs.iter().map(|_| resegment::Vocabulary::default()).collect();
    for _ in 0..RESEGMENT_ROUNDS {
        let cuts = resegment::find_cuts(docs, &profiles, &alignment, glossary, &vocabularies);
        if cuts.is_empty() {
            break;
        }
        resegment::apply_cuts(docs, &mut profiles, cuts, glossary);
        alignment = align_profiled(docs, &profiles, glossary);
    }
    // A unit that may still hide an unmarked boundary is less sure than its beads say.
    for unit in &mut alignment.units {
        let unsure = unit
            .sentences
            .iter()
            .enumerate()
            .any(|(d, range)| range.clone().any(|i| resegment::may_hide_a_boundary(&docs[d], i, &vocabularies[d])));
        if unsure {
            unit.score *= UNMARKED_BOUNDARY_DOUBT;
        }
    }
    alignment
}

/// What a unit's score keeps when one of its sentences may hide an unmarked boundary.
const UNMARKED_BOUNDARY_DOUBT: f64 = 0.85;

/// Rounds of [`align_resegmenting`]: one cut per unit and round, and a unit of one sentence
/// against three needs two.
const RESEGMENT_ROUNDS: usize = 3;

/// Aligns two documents: regions between numbered anchors, then beads inside each region.
fn align_pair(a: &Document, b: &Document, pa: &[Profile], pb: &[Profile]) -> Vec<Bead> {
    let total = |ps: &[Profile]| ps.iter().map(|p| p.len).sum::<f64>();
    let model = Model::new(a.lang, b.lang, total(pa), total(pb));
    let mut beads = Vec::new();
    let (mut a_at, mut b_at) = (0, 0);
    let anchors = numbered_anchors(a, b);
    for (a_end, b_end) in anchors.into_iter().chain(std::iter::once((pa.len(), pb.len()))) {
        let region = align_region(&model, &pa[a_at..a_end], &pb[b_at..b_end], a_at, b_at);
        beads.extend(region);
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
    // The longest common subsequence of the numbers, by Myers' diff: linear memory, and linear
    // time when the two sides number their paragraphs alike (the usual case).
    let (numbers_a, numbers_b): (Vec<u32>, Vec<u32>) =
        (sa.iter().map(|s| s.0).collect(), sb.iter().map(|s| s.0).collect());
    let mut anchors = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &numbers_a, &numbers_b) {
        if let similar::DiffOp::Equal { old_index, new_index, len } = op {
            anchors.extend((0..len).map(|k| (sa[old_index + k].1, sb[new_index + k].1)));
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
                        score = score.min(bead.posterior);
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

/// Largest group (in sentences per document) that three-way search refines.
const TRIANGULATE_MAX: usize = 6;

/// Where the two pivot alignments disagree inside a unit (one pairs two pivot sentences with
/// one sentence, the other pairs them one by one), the merged unit is as coarse as the coarser
/// of the two. Such units are searched again with all three documents at once: a small dynamic
/// program over the unit whose bead costs add the three pairwise costs, so the third pair
/// (say Korean-Spanish) decides between the other two.
fn triangulate(
    docs: &[Document],
    pivot: usize,
    profiles: &[Vec<Profile>],
    pairs: &[(usize, Vec<Bead>)],
    alignment: &mut Alignment,
    glossary: Option<&Glossary>,
) {
    let (x, y) = (pairs[0].0, pairs[1].0);
    let total = |k: usize| profiles[k].iter().map(|p| p.len).sum::<f64>();
    let model = |i: usize, j: usize| Model::new(docs[i].lang, docs[j].lang, total(i), total(j));
    let models = [model(pivot, x), model(pivot, y), model(x, y)];
    let order = [pivot, x, y];
    // Any two of the three are compared here: the sentences searched get the evidence compared
    // across scripts, in copies of the profiles made when a unit first needs them.
    let mut full: [Option<Vec<Profile>>; 3] = Default::default();
    let mut units = Vec::with_capacity(alignment.units.len());
    for unit in std::mem::take(&mut alignment.units) {
        let ranges = [unit.sentences[pivot].clone(), unit.sentences[x].clone(), unit.sentences[y].clone()];
        let conflicted = ranges.iter().all(|r| !r.is_empty())
            && ranges.iter().any(|r| r.len() > 1)
            && ranges.iter().all(|r| r.len() <= TRIANGULATE_MAX)
            && pairs.iter().any(|(_, beads)| beads_over(beads, &ranges[0]) > 1);
        if !conflicted {
            units.push(unit);
            continue;
        }
        for (slot, &d) in order.iter().enumerate() {
            for i in ranges[slot].clone() {
                if !full[slot].as_ref().unwrap_or(&profiles[d])[i].cross_script {
                    let copy = full[slot].get_or_insert_with(|| profiles[d].clone());
                    copy[i] = completed(&docs[d], i, &copy[i], glossary).into_owned();
                }
            }
        }
        let searched = |slot: usize| full[slot].as_deref().unwrap_or(&profiles[order[slot]]);
        for triple in search_triple(&models, [searched(0), searched(1), searched(2)], &ranges) {
            let mut sentences = vec![0..0; docs.len()];
            for (slot, range) in order.iter().zip(triple.ranges) {
                sentences[*slot] = range;
            }
            units.push(AlignedUnit { sentences, score: triple.score });
        }
    }
    alignment.units = units;
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    !a.is_empty() && a.start < b.end && b.start < a.end
}

/// How many of `beads` (in order along A) take sentences of `range` on their A side, counted
/// up to two: found by bisection, so that checking every unit of a long document stays linear.
fn beads_over(beads: &[Bead], range: &Range<usize>) -> usize {
    let first = beads.partition_point(|b| b.a.end <= range.start);
    beads[first..].iter().take_while(|b| b.a.start < range.end).filter(|b| overlaps(&b.a, range)).take(2).count()
}

struct Triple {
    ranges: [Range<usize>; 3],
    score: f64,
}

/// Three-way dynamic program over one small unit: sentences `ranges[d]` of document d (pivot,
/// x, y), beads of 0-2 sentences per document, cost = the sum of the three pairwise costs.
fn search_triple(models: &[Model; 3], profiles: [&[Profile]; 3], ranges: &[Range<usize>; 3]) -> Vec<Triple> {
    let [n0, n1, n2] = [ranges[0].len(), ranges[1].len(), ranges[2].len()];
    let index = |i: usize, j: usize, k: usize| (i * (n1 + 1) + j) * (n2 + 1) + k;
    let mut cost = vec![f64::INFINITY; (n0 + 1) * (n1 + 1) * (n2 + 1)];
    let mut back = vec![(0usize, 0usize, 0usize); cost.len()];
    cost[0] = 0.0;
    let pair_cost = |m: usize, (da, a_end): (usize, usize), (db, b_end): (usize, usize), (pa, pb): (usize, usize)| {
        if da == 0 && db == 0 {
            return 0.0;
        }
        let ra = ranges[pa].start + a_end - da..ranges[pa].start + a_end;
        let rb = ranges[pb].start + b_end - db..ranges[pb].start + b_end;
        step_cost(&models[m], profiles[pa], profiles[pb], ra, rb)
    };
    // A sentence missing from one version is one omission, though two pairs see it: the pairs
    // with both sides present are costed as usual, and the omission once, as the mean of what
    // skipping the present sides' sentences costs.
    let skipped = |d: usize, (count, end): (usize, usize)| -> f64 {
        let start = ranges[d].start + end - count;
        profiles[d][start..start + count].iter().map(skip_cost).sum()
    };
    let bead = |(i, j, k): (usize, usize, usize), (di, dj, dk): (usize, usize, usize)| {
        let present = [di > 0, dj > 0, dk > 0];
        let mut cost = 0.0;
        for (m, (x, y)) in [(0, 1), (0, 2), (1, 2)].into_iter().enumerate() {
            if present[x] && present[y] {
                let at = [(di, i), (dj, j), (dk, k)];
                cost += pair_cost(m, at[x], at[y], (x, y));
            }
        }
        let here = present.iter().filter(|&&p| p).count();
        if here < 3 {
            let at = [(di, i), (dj, j), (dk, k)];
            let total: f64 = (0..3).filter(|&d| present[d]).map(|d| skipped(d, at[d])).sum();
            cost += total / here as f64;
        }
        cost
    };
    for i in 0..=n0 {
        for j in 0..=n1 {
            for k in 0..=n2 {
                let here = index(i, j, k);
                for di in 0..=2.min(i) {
                    for dj in 0..=2.min(j) {
                        for dk in 0..=2.min(k) {
                            if di + dj + dk == 0 {
                                continue;
                            }
                            let prev = cost[index(i - di, j - dj, k - dk)];
                            let total = prev + bead((i, j, k), (di, dj, dk));
                            if total < cost[here] {
                                cost[here] = total;
                                back[here] = (di, dj, dk);
                            }
                        }
                    }
                }
            }
        }
    }
    let mut triples = Vec::new();
    let (mut i, mut j, mut k) = (n0, n1, n2);
    while i + j + k > 0 {
        let (di, dj, dk) = back[index(i, j, k)];
        if di + dj + dk == 0 {
            break; // unreachable: every cell is reachable by single steps
        }
        let costs = [
            (di > 0 && dj > 0).then(|| pair_cost(0, (di, i), (dj, j), (0, 1))),
            (di > 0 && dk > 0).then(|| pair_cost(1, (di, i), (dk, k), (0, 2))),
            (dj > 0 && dk > 0).then(|| pair_cost(2, (dj, j), (dk, k), (1, 2))),
        ];
        let score = costs.iter().flatten().map(|&c| confidence(c)).fold(f64::INFINITY, f64::min);
        triples.push(Triple {
            ranges: [
                ranges[0].start + i - di..ranges[0].start + i,
                ranges[1].start + j - dj..ranges[1].start + j,
                ranges[2].start + k - dk..ranges[2].start + k,
            ],
            score: if score.is_finite() { score } else { 0.0 },
        });
        (i, j, k) = (i - di, j - dj, k - dk);
    }
    triples.reverse();
    triples
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Bisecting for the beads over a range counts what scanning them all counts.
        #[test]
        fn beads_over_a_range_as_a_scan_counts_them(widths in proptest::collection::vec(0usize..4, 0..40), start in 0usize..50, len in 0usize..8) {
            let mut at = 0;
            let beads: Vec<Bead> = widths
                .iter()
                .map(|&w| {
                    let bead = Bead { a: at..at + w, b: 0..1, cost: 0.0, posterior: 1.0 };
                    at += w;
                    bead
                })
                .collect();
            let range = start..start + len;
            let scanned = beads.iter().filter(|b| overlaps(&b.a, &range)).count().min(2);
            prop_assert_eq!(beads_over(&beads, &range), scanned);
        }
    }

    fn corpus(name: &str, lang: Lang) -> String {
        let path = format!("{}/corpus/{name}.{lang}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    /// Profiles that leave out the evidence compared across scripts where the pairwise
    /// alignments do not compare it align as complete ones do, triangulation included.
    #[test]
    fn leaving_out_cross_script_evidence_changes_no_alignment() {
        let mut releases: Vec<[String; 3]> =
            ["mini", "eclac-regional-growth-outlook", "mofa-central-america-vice-ministerial"]
                .iter()
                .map(|name| [Lang::En, Lang::Ko, Lang::Es].map(|lang| corpus(name, lang)))
                .collect();
        // Two Korean sentences run together: the English–Korean bead is 2–1 where English–Spanish
        // has two 1–1 beads, which sends the unit to triangulation (Korean against Spanish).
        let [en, ko, es] = &releases[0];
        let merged = ko.replacen("개막했다. 6월", "개막했고 6월", 1);
        assert_ne!(&merged, ko);
        releases.push([en.clone(), merged, es.clone()]);
        let mut triangulated = 0;
        for [en, ko, es] in releases {
            let docs: Vec<Document> = [(Lang::En, en), (Lang::Ko, ko), (Lang::Es, es)]
                .into_iter()
                .map(|(lang, text)| Document::parse(format!("t.{lang}"), lang, text))
                .collect();
            let lazy = profiles_of(&docs, None);
            assert!(lazy[2].iter().all(|p| !p.cross_script), "Spanish is compared with English only");
            assert!(lazy[0].iter().chain(&lazy[1]).all(|p| p.cross_script));
            let complete: Vec<Vec<Profile>> = docs.iter().map(|d| profiles(d, None, true)).collect();
            let alignment = align_profiled(&docs, &lazy, None);
            assert_eq!(
                scoring::incomplete_comparisons(),
                0,
                "a profile was compared across scripts without the evidence"
            );
            assert_eq!(alignment, align_profiled(&docs, &complete, None));
            let without: Alignment = {
                let pairs: Vec<(usize, Vec<Bead>)> =
                    [1, 2].map(|k| (k, align_pair(&docs[0], &docs[k], &lazy[0], &lazy[k]))).into();
                merge(3, 0, docs[0].sentences.len(), &pairs)
            };
            triangulated += usize::from(alignment != without);
        }
        assert!(triangulated > 0, "no release went through triangulation");
    }
}
