//! Search: dynamic programming over beads inside a band around the diagonal, so the cost grows
//! linearly with the length of the documents.

use super::scoring::{KeyBits, Model, Profile, Shared, Side, bead_cost, skip_cost};
use std::ops::Range;

/// A bead: sentences of A and of B that translate each other (one side may be empty).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bead {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub cost: f64,
    /// Probability that this bead is part of the alignment, summed over all alignments of the
    /// region (forward-backward), each weighted by exp(-cost / TEMPERATURE), and discounted
    /// where experience says the search is overconfident (see `doubt`).
    pub posterior: f64,
}

/// Bead shapes tried: (sentences of A, sentences of B). No 2-2: two sentences that translate two
/// are two 1-1 beads unless the versions split them at different places, which releases hardly
/// do, and a 2-2 unit where 1-1 units would do merges what a memory should keep apart.
const SHAPES: &[(usize, usize)] = &[(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3)];

/// Half-width of the band, in sentences, at the least.
const MIN_BAND: usize = 24;
/// Half-width of the band, in sentences, at the most.
const MAX_BAND: usize = 96;

/// Costs are divided by this before they become probabilities: the larger, the less sure.
const TEMPERATURE: f64 = 1.0;

/// Aligns `a` with `b` (sentence indices `a_offset..` and `b_offset..` in the documents): the
/// cheapest path of beads (Viterbi), each bead with its posterior probability.
pub(crate) fn align_region(model: &Model, a: &[Profile], b: &[Profile], a_offset: usize, b_offset: usize) -> Vec<Bead> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        // One side is empty: every sentence of the other is unaligned, and surely so.
        let skips_a = (0..n).map(|i| Bead {
            a: a_offset + i..a_offset + i + 1,
            b: b_offset..b_offset,
            cost: skip_cost(&a[i]),
            posterior: 1.0,
        });
        let skips_b = (0..m).map(|j| Bead {
            a: a_offset + n..a_offset + n,
            b: b_offset + j..b_offset + j + 1,
            cost: skip_cost(&b[j]),
            posterior: 1.0,
        });
        return skips_a.chain(skips_b).collect();
    }
    let band = Band::new(n, m);
    let (windows_a, windows_b) = (Windows::new(a, model), Windows::new(b, model));
    let pairs = Pairs::new(model, (a, &windows_a.bits), (b, &windows_b.bits), &band);
    let mut neighbours = NeighbourMemo::default();
    // Per cell of the band: the cheapest cost to reach it, the shape that did, the log of the
    // summed weight of all paths to it, and the cost of each shape's step into it.
    let mut cost = vec![f64::INFINITY; band.cells()];
    let mut forward = vec![f64::NEG_INFINITY; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    let mut steps = vec![[f32::INFINITY; SHAPES.len()]; band.cells()];
    cost[0] = 0.0;
    forward[0] = 0.0;
    for i in 0..=n {
        // What every cell of row i asks for, looked up once per row: the rows each shape
        // starts from, A's side of each shape, and the cost of skipping A's sentence.
        let (lo, hi, first) = band.rows[i];
        let from_rows: [Option<(usize, usize, usize)>; MAX_WIDTH + 1] =
            std::array::from_fn(|da| i.checked_sub(da).map(|row| band.rows[row]));
        let sides_a: [Option<&Window>; MAX_WIDTH + 1] = std::array::from_fn(|da| windows_a.get(i, da));
        let skips_a: [f64; MAX_WIDTH + 1] =
            std::array::from_fn(|da| (i.saturating_sub(da)..i).map(|i| skip_cost(&a[i])).sum());
        for j in lo..=hi {
            if i == 0 && j == 0 {
                continue;
            }
            let here = first + j - lo;
            let sides_b: [Option<&Window>; MAX_WIDTH + 1] = std::array::from_fn(|db| windows_b.get(j, db));
            let mut best = f64::INFINITY;
            let mut best_shape = u8::MAX;
            let mut weights = [f64::NEG_INFINITY; SHAPES.len()];
            for (s, &(da, db)) in SHAPES.iter().enumerate() {
                let Some((from_lo, from_hi, from_first)) = from_rows[da] else { continue };
                let Some(from_j) = j.checked_sub(db).filter(|&at| at >= from_lo && at <= from_hi) else {
                    continue;
                };
                let from = from_first + from_j - from_lo;
                let prev = cost[from];
                if !prev.is_finite() {
                    continue;
                }
                let step = match (da, db, sides_a[da], sides_b[db]) {
                    (0, _, _, _) => (j - db..j).map(|j| skip_cost(&b[j])).sum(),
                    (_, 0, _, _) => skips_a[da],
                    (_, _, Some(wa), Some(wb)) => {
                        let shared = shared_by(model, &pairs, &mut neighbours, (wa, wb), a, b, (i, j));
                        bead_cost(model, &wa.side, &wb.side, &shared)
                    }
                    _ => continue, // no such window: the shape reaches before the region
                };
                steps[here][s] = step as f32;
                weights[s] = forward[from] - step / TEMPERATURE;
                if prev + step < best {
                    best = prev + step;
                    best_shape = s as u8;
                }
            }
            cost[here] = best;
            back[here] = best_shape;
            forward[here] = log_sum_exp(&weights);
        }
    }
    // Backward: the log of the summed weight of all paths from each cell to the end.
    let mut backward = vec![f64::NEG_INFINITY; band.cells()];
    backward[band.at(n, m)] = 0.0;
    for i in (0..=n).rev() {
        let (lo, hi, first) = band.rows[i];
        let to_rows: [Option<(usize, usize, usize)>; MAX_WIDTH + 1] =
            std::array::from_fn(|da| band.rows.get(i + da).copied());
        for j in (lo..=hi).rev() {
            if i == n && j == m {
                continue;
            }
            let mut weights = [f64::NEG_INFINITY; SHAPES.len()];
            for (s, &(da, db)) in SHAPES.iter().enumerate() {
                let Some((to_lo, to_hi, to_first)) = to_rows[da] else { continue };
                let to_j = j + db;
                if to_j < to_lo || to_j > to_hi {
                    continue;
                }
                let next = to_first + to_j - to_lo;
                let step = f64::from(steps[next][s]);
                if step.is_finite() {
                    weights[s] = backward[next] - step / TEMPERATURE;
                }
            }
            backward[first + j - lo] = log_sum_exp(&weights);
        }
    }
    let total = forward[band.at(n, m)];
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = band.at(i, j);
        let shape = usize::from(back[here]);
        let Some(&(da, db)) = SHAPES.get(shape) else {
            break; // unreachable: (n, m) is always in the band and reachable by skips
        };
        let step = f64::from(steps[here][shape]);
        let before = forward[band.at(i - da, j - db)];
        let after = backward[here];
        let posterior = (before - step / TEMPERATURE + after - total).exp().clamp(0.0, 1.0);
        let doubt = doubt(&a[i - da..i], &b[j - db..j]);
        beads.push(Bead {
            a: a_offset + i - da..a_offset + i,
            b: b_offset + j - db..b_offset + j,
            cost: step,
            posterior: posterior * doubt,
        });
        i -= da;
        j -= db;
    }
    beads.reverse();
    beads
}

/// How much of the posterior to trust, from what the search cannot see: beads other than 1-1
/// are where a sentence boundary was missed (an unpunctuated line), and lines that cleaning
/// could not tell from chrome pair by chance more often.
fn doubt(a: &[Profile], b: &[Profile]) -> f64 {
    let shape = match (a.len(), b.len()) {
        (1, 1) => 1.0,
        (1, 2) | (2, 1) => 0.88,
        _ => 0.8,
    };
    let uncertain = if a.iter().chain(b).any(|p| p.uncertain) { 0.8 } else { 1.0 };
    shape * uncertain
}

/// log(Σ exp(x)) without overflow; −∞ when every term is.
fn log_sum_exp(xs: &[f64]) -> f64 {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    // exp(−∞) = 0 and exp(0) = 1 exactly: the terms that need no call to exp.
    let term = |x: f64| match x {
        f64::NEG_INFINITY => 0.0,
        x if x == max => 1.0,
        x => (x - max).exp(),
    };
    max + xs.iter().map(|&x| term(x)).sum::<f64>().ln()
}

/// The cost of one bead: sentences `ra` of `a` with sentences `rb` of `b` (either may be empty).
pub(crate) fn step_cost(model: &Model, a: &[Profile], b: &[Profile], ra: Range<usize>, rb: Range<usize>) -> f64 {
    if ra.is_empty() {
        return rb.map(|j| skip_cost(&b[j])).sum();
    }
    if rb.is_empty() {
        return ra.map(|i| skip_cost(&a[i])).sum();
    }
    // Evidence is compared between the sides' unions, so a word shared with two sentences of
    // the other side counts once, not twice in favour of a 2-1 bead.
    let (ua, ub) = (Profile::union(&a[ra.clone()]), Profile::union(&b[rb.clone()]));
    let sh = Shared::between(&ua, &ub, model);
    bead_cost(model, &Side::of(&a[ra], &Shared::sizes(&ua)), &Side::of(&b[rb], &Shared::sizes(&ub)), &sh)
}

/// What the bead of windows `wa` (ending before sentence `i` of `a`) and `wb` (before `j` of
/// `b`) shares between its sides' unions, as `step_cost` counts it, but from the counts of
/// sentence pairs: by inclusion–exclusion, |B ∩ (A1 ∪ A2)| = |B ∩ A1| + |B ∩ A2| − |B ∩ (A1 ∩ A2)|.
/// One side of a bead is always a single sentence, so each correction intersects a short list
/// (what neighbouring sentences have in common) with one sentence's.
fn shared_by(
    model: &Model,
    pairs: &Pairs,
    neighbours: &mut NeighbourMemo,
    (wa, wb): (&Window, &Window),
    a: &[Profile],
    b: &[Profile],
    (i, j): (usize, usize),
) -> Shared {
    let mut shared = Shared::default();
    for x in 1..=wa.width {
        for y in 1..=wb.width {
            shared += pairs.get(model, a, b, i - x, j - y);
        }
    }
    // Overlaps hold the terms added before the ones subtracted, so counts never go below 0.
    let (overlaps, side, (other, other_at), other_bits) = match (wa.width, wb.width) {
        (1, 1) => return shared,
        (_, 1) => (&wa.overlaps, WideSide::A, (&b[j - 1], j - 1), wb.bits),
        (1, _) => (&wb.overlaps, WideSide::B, (&a[i - 1], i - 1), wa.bits),
        _ => unreachable!("no bead shape has two sentences or more on both sides"),
    };
    for overlap in overlaps {
        if overlap.bits.may_share(other_bits) {
            let count = || Shared::between(&overlap.common, other, model);
            let counts = match overlap.neighbours {
                Some(first) => neighbours.get_or_count((side, first, other_at), count),
                None => count(),
            };
            add_signed(&mut shared, overlap.sign, counts);
        }
    }
    shared
}

/// The side of a region whose window, in a bead, holds two sentences or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WideSide {
    A,
    B,
}

/// What the intersection of two neighbouring sentences of one side shares with a sentence of
/// the other, remembered for the region: the same intersection is a term of three windows (the
/// two sentences, and both windows of three that hold them), tried at neighbouring cells with
/// the same sentence. A small direct-mapped table, so that memory stays the same whatever the
/// length of the region; a slot taken by another key is counted again.
struct NeighbourMemo {
    slots: Vec<Option<(NeighbourKey, Shared)>>,
}

/// The side of the two neighbouring sentences, the index of the first, and the index of the
/// sentence of the other side.
type NeighbourKey = (WideSide, usize, usize);

impl Default for NeighbourMemo {
    fn default() -> Self {
        NeighbourMemo { slots: vec![None; NeighbourMemo::SLOTS] }
    }
}

impl NeighbourMemo {
    /// Slots in the table: more than the cells of a band's few rows that reuse a count.
    const SLOTS: usize = 1024;

    fn slot((side, first, other): NeighbourKey) -> usize {
        (first.wrapping_mul(31).wrapping_add(other).wrapping_mul(2) + usize::from(side == WideSide::B)) % Self::SLOTS
    }

    /// The counts for `key`, as `count` gives them.
    fn get_or_count(&mut self, key: NeighbourKey, count: impl FnOnce() -> Shared) -> Shared {
        let slot = Self::slot(key);
        match self.slots[slot] {
            Some((known, counts)) if known == key => counts,
            _ => {
                let counts = count();
                self.slots[slot] = Some((key, counts));
                counts
            }
        }
    }
}

/// `total += counts` or `total -= counts`, by the sign of an inclusion–exclusion term.
fn add_signed(total: &mut Shared, sign: i32, counts: Shared) {
    if sign > 0 {
        *total += counts;
    } else {
        *total -= counts;
    }
}

/// What each sentence of A shares with each sentence of B, for every pair a bead in the band
/// reaches: computed once, where each bead shape would otherwise intersect the lists again.
struct Pairs {
    /// Per sentence of A: its first column in B, and the counts from there on.
    rows: Vec<(usize, Vec<Shared>)>,
}

impl Pairs {
    /// The counts for `a` and `b`, given with the summaries of their sentences' keys.
    fn new(
        model: &Model,
        (a, bits_a): (&[Profile], &[KeyBits]),
        (b, bits_b): (&[Profile], &[KeyBits]),
        band: &Band,
    ) -> Pairs {
        let (n, m) = (a.len(), b.len());
        let rows = (0..n)
            .map(|k| {
                // Sentence k ends beads at rows k + 1 to k + MAX_WIDTH; with B's side reaching
                // MAX_WIDTH sentences back from each cell of those rows.
                let first = band.lo(k + 1).saturating_sub(MAX_WIDTH);
                let end = band.hi((k + MAX_WIDTH).min(n)).min(m);
                let counts = (first..end)
                    .map(|l| match bits_a[k].may_share(bits_b[l]) {
                        true => Shared::between(&a[k], &b[l], model),
                        false => Shared::default(),
                    })
                    .collect();
                (first, counts)
            })
            .collect();
        Pairs { rows }
    }

    /// What sentence `k` of `a` shares with sentence `l` of `b`.
    fn get(&self, model: &Model, a: &[Profile], b: &[Profile], k: usize, l: usize) -> Shared {
        let (first, counts) = &self.rows[k];
        match l.checked_sub(*first).and_then(|at| counts.get(at)) {
            Some(&counts) => counts,
            None => Shared::between(&a[k], &b[l], model), // outside the band: not reached today
        }
    }
}

/// The sides a bead can have in one region, for every end and width: the sums of the
/// sentences, and what neighbouring sentences have in common (for inclusion–exclusion).
/// Computed once per region, not once per cell that tries the shape.
struct Windows {
    /// Index `end * MAX_WIDTH + width - 1`; `None` where the window would start before 0.
    windows: Vec<Option<Window>>,
    /// The summary of each sentence's keys, of the kinds the model compares.
    bits: Vec<KeyBits>,
}

/// One side of a bead: `width` sentences.
struct Window {
    width: usize,
    side: Side,
    /// The summary of the keys of the sentences.
    bits: KeyBits,
    /// The intersections of two or more of the sentences, each with its sign in the
    /// inclusion–exclusion sum (+1 or −1) and its summary, positive ones first; empty
    /// intersections left out.
    overlaps: Vec<Overlap>,
}

/// An intersection of sentences' evidence, a term of an inclusion–exclusion sum.
struct Overlap {
    /// +1 or −1.
    sign: i32,
    common: Profile,
    /// The summary of `common`.
    bits: KeyBits,
    /// For two neighbouring sentences, the index of the first in the region.
    neighbours: Option<usize>,
}

/// The most sentences one side of a bead holds.
const MAX_WIDTH: usize = {
    let mut max = 0;
    let mut s = 0;
    while s < SHAPES.len() {
        let (a, b) = SHAPES[s];
        max = if a > max { a } else { max };
        max = if b > max { b } else { max };
        s += 1;
    }
    max
};

impl Windows {
    fn new(profiles: &[Profile], model: &Model) -> Windows {
        let bits: Vec<KeyBits> = profiles.iter().map(|p| KeyBits::of(p, model)).collect();
        // What each sentence has in common with the next: every window of two or three that
        // holds both needs it.
        let adjacent: Vec<Option<(Profile, KeyBits)>> =
            profiles.windows(2).map(|pair| common_with_bits(&pair[0], &pair[1], model)).collect();
        let mut windows = Vec::with_capacity((profiles.len() + 1) * MAX_WIDTH);
        for end in 0..=profiles.len() {
            for width in 1..=MAX_WIDTH {
                let start = end.wrapping_sub(width);
                windows.push((width <= end).then(|| {
                    let adjacent = &adjacent[start..(end - 1).max(start)];
                    Window::of(start, &profiles[start..end], &bits[start..end], adjacent, model)
                }));
            }
        }
        Windows { windows, bits }
    }

    /// The side of `width` sentences that end before `end`.
    fn get(&self, end: usize, width: usize) -> Option<&Window> {
        self.windows.get((end * MAX_WIDTH + width).checked_sub(1)?)?.as_ref()
    }
}

impl Window {
    /// The side made of `sentences` (the first being sentence `start` of the region), with the
    /// evidence `model` compares, given what each sentence has in common with the next
    /// (`adjacent`).
    fn of(
        start: usize,
        sentences: &[Profile],
        bits: &[KeyBits],
        adjacent: &[Option<(Profile, KeyBits)>],
        model: &Model,
    ) -> Window {
        let mut overlaps = Vec::new();
        for x in 0..sentences.len() {
            for y in x + 1..sentences.len() {
                let xy = match y == x + 1 {
                    true => adjacent[x].clone(),
                    false => common_with_bits(&sentences[x], &sentences[y], model),
                };
                if let Some((xy, bits)) = xy {
                    for third in &sentences[y + 1..] {
                        if let Some((xyz, bits)) = common_with_bits(&xy, third, model) {
                            overlaps.push(Overlap { sign: 1, common: xyz, bits, neighbours: None });
                        }
                    }
                    let neighbours = (y == x + 1).then_some(start + x);
                    overlaps.push(Overlap { sign: -1, common: xy, bits, neighbours });
                }
            }
        }
        debug_assert!(sentences.len() <= 3, "inclusion–exclusion here stops at three sentences");
        overlaps.sort_by_key(|overlap| -overlap.sign);
        // The union's list sizes, by the same inclusion–exclusion (positive terms first).
        let mut sizes = Shared::default();
        for p in sentences {
            sizes += Shared::sizes(p);
        }
        for overlap in &overlaps {
            add_signed(&mut sizes, overlap.sign, Shared::sizes(&overlap.common));
        }
        let bits = bits.iter().fold(KeyBits::default(), |union, &bits| union.or(bits));
        // Overlaps leave out what the model does not compare, so the sizes are only right for
        // what it does; the others are zero.
        Window { width: sentences.len(), side: Side::of(sentences, &sizes.compared_by(model)), bits, overlaps }
    }
}

/// What `a` and `b` have in common, with its summary; `None` when nothing.
fn common_with_bits(a: &Profile, b: &Profile, model: &Model) -> Option<(Profile, KeyBits)> {
    Profile::common(a, b, model).map(|common| {
        let bits = KeyBits::of(&common, model);
        (common, bits)
    })
}

/// The cells searched: for each row i, columns around i·m/n; stored row after row.
struct Band {
    /// Per row: its first and last column (asked for several times per cell: computed once),
    /// and where its cells start in the row-after-row order.
    rows: Vec<(usize, usize, usize)>,
}

impl Band {
    fn new(n: usize, m: usize) -> Band {
        // Wider when the sides differ in length (omissions shift the path off the diagonal), but
        // never more than MAX_BAND: the work stays linear in the length of the documents.
        let half = MIN_BAND.max(n.abs_diff(m) + MIN_BAND / 2).min(MAX_BAND);
        let center = |i: usize| i * m / n;
        let mut first = 0;
        let rows = (0..=n)
            .map(|i| {
                let lo = if i == 0 { 0 } else { center(i).saturating_sub(half) };
                let hi = if i == n { m } else { (center(i) + half).min(m) };
                let row = (lo, hi, first);
                first += hi - lo + 1;
                row
            })
            .collect();
        Band { rows }
    }

    fn lo(&self, i: usize) -> usize {
        self.rows[i].0
    }

    fn hi(&self, i: usize) -> usize {
        self.rows[i].1
    }

    /// How many cells the band has.
    fn cells(&self) -> usize {
        self.rows.last().map_or(0, |&(lo, hi, first)| first + hi - lo + 1)
    }

    /// The place of cell (i, j), which must be in the band, in the row-after-row order.
    fn at(&self, i: usize, j: usize) -> usize {
        let (lo, _, first) = self.rows[i];
        first + j - lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use proptest::prelude::*;

    /// A profile whose lists draw from a small set of keys, so that sentences often share some.
    fn profile(keys: Vec<Vec<u8>>) -> Profile {
        let lists: Vec<Vec<u64>> = keys.iter().map(|k| k.iter().map(|&x| u64::from(x % 6)).collect()).collect();
        Profile { len: 10.0, ..Profile::with_keys(&lists) }
    }

    fn profiles() -> impl Strategy<Value = Vec<Profile>> {
        let lists = proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..5), 7);
        proptest::collection::vec(lists.prop_map(profile), 1..7)
    }

    #[test]
    fn neighbour_memo_answers_only_for_its_key() {
        let mut memo = NeighbourMemo::default();
        let counts = |n: u32| Shared { numbers: n, ..Shared::default() };
        let first = (WideSide::A, 3, 5);
        assert_eq!(memo.get_or_count(first, || counts(1)), counts(1));
        assert_eq!(memo.get_or_count(first, || unreachable!("remembered")), counts(1));
        // Keys in the first's slot that differ from it in one index each: counted, not taken
        // for it.
        let collides = |key| NeighbourMemo::slot(key) == NeighbourMemo::slot(first) && key != first;
        let other_sentence = (0..1 << 16).map(|l| (WideSide::A, 3, l)).find(|&key| collides(key)).unwrap();
        let other_neighbours = (0..1 << 16).map(|k| (WideSide::A, k, 5)).find(|&key| collides(key)).unwrap();
        for (n, key) in [(2, other_sentence), (3, other_neighbours)] {
            memo.get_or_count(first, || counts(1));
            assert_eq!(memo.get_or_count(key, || counts(n)), counts(n), "{n}");
        }
    }

    proptest! {
        /// Counting a bead's shared evidence from sentence pairs and overlaps gives what
        /// comparing the sides' unions gives, for every shape, cell and script pairing.
        #[test]
        fn inclusion_exclusion_counts_as_the_unions_do(a in profiles(), b in profiles(), korean in any::<bool>()) {
            let model = Model::new(Lang::En, if korean { Lang::Ko } else { Lang::Es }, 100.0, 100.0);
            let band = Band::new(a.len(), b.len());
            let (windows_a, windows_b) = (Windows::new(&a, &model), Windows::new(&b, &model));
            let pairs = Pairs::new(&model, (&a, &windows_a.bits), (&b, &windows_b.bits), &band);
            // One memo for all cells, as the search keeps it: what it remembers must hold.
            let mut neighbours = NeighbourMemo::default();
            for i in 1..=a.len() {
                for j in 1..=b.len() {
                    for &(da, db) in SHAPES.iter().filter(|(da, db)| *da > 0 && *db > 0) {
                        let (Some(wa), Some(wb)) = (windows_a.get(i, da), windows_b.get(j, db)) else { continue };
                        let (ua, ub) = (Profile::union(&a[i - da..i]), Profile::union(&b[j - db..j]));
                        let shared = shared_by(&model, &pairs, &mut neighbours, (wa, wb), &a, &b, (i, j));
                        prop_assert_eq!(shared, Shared::between(&ua, &ub, &model));
                        prop_assert_eq!(
                            bead_cost(&model, &wa.side, &wb.side, &shared),
                            step_cost(&model, &a, &b, i - da..i, j - db..j)
                        );
                        let compared = |u: &Profile| Shared::sizes(u).compared_by(&model);
                        prop_assert_eq!(wa.side.numbers, compared(&ua).numbers);
                        prop_assert_eq!(wb.side.stems, compared(&ub).stems);
                        prop_assert_eq!(wa.side.latin, compared(&ua).latin);
                        prop_assert_eq!(wa.side.concepts, compared(&ua).concepts);
                    }
                }
            }
        }
    }
}
