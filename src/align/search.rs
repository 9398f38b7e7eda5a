//! Search: dynamic programming over beads inside a band around the diagonal, so the cost grows
//! linearly with the length of the documents.

use super::scoring::{Model, Profile, Shared, Side, bead_cost, skip_cost};
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
    let (windows_a, windows_b) = (Windows::new(a), Windows::new(b));
    let cells = |fill: f64| -> Vec<Vec<f64>> { (0..=n).map(|i| vec![fill; band.width(i)]).collect() };
    // Per cell (i, j - lo(i)): the cheapest cost to reach it, the shape that did, the log of the
    // summed weight of all paths to it, and the cost of each shape's step into it.
    let mut cost = cells(f64::INFINITY);
    let mut forward = cells(f64::NEG_INFINITY);
    let mut back: Vec<Vec<u8>> = (0..=n).map(|i| vec![u8::MAX; band.width(i)]).collect();
    let mut steps: Vec<Vec<[f32; SHAPES.len()]>> =
        (0..=n).map(|i| vec![[f32::INFINITY; SHAPES.len()]; band.width(i)]).collect();
    cost[0][0] = 0.0;
    forward[0][0] = 0.0;
    for i in 0..=n {
        for j in band.lo(i)..=band.hi(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let at = j - band.lo(i);
            let mut best = f64::INFINITY;
            let mut best_shape = u8::MAX;
            let mut weights = [f64::NEG_INFINITY; SHAPES.len()];
            for (s, &(da, db)) in SHAPES.iter().enumerate() {
                if da > i || db > j || !band.contains(i - da, j - db) {
                    continue;
                }
                let from = j - db - band.lo(i - da);
                let prev = cost[i - da][from];
                if !prev.is_finite() {
                    continue;
                }
                let step = match (da, db, windows_a.get(i, da), windows_b.get(j, db)) {
                    (0, _, _, _) => (j - db..j).map(|j| skip_cost(&b[j])).sum(),
                    (_, 0, _, _) => (i - da..i).map(|i| skip_cost(&a[i])).sum(),
                    (_, _, Some((ua, sa)), Some((ub, sb))) => bead_cost(model, sa, sb, &Shared::between(ua, ub, model)),
                    _ => continue, // no such window: the shape reaches before the region
                };
                steps[i][at][s] = step as f32;
                weights[s] = forward[i - da][from] - step / TEMPERATURE;
                if prev + step < best {
                    best = prev + step;
                    best_shape = s as u8;
                }
            }
            cost[i][at] = best;
            back[i][at] = best_shape;
            forward[i][at] = log_sum_exp(&weights);
        }
    }
    // Backward: the log of the summed weight of all paths from each cell to the end.
    let mut backward = cells(f64::NEG_INFINITY);
    backward[n][m - band.lo(n)] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo(i)..=band.hi(i)).rev() {
            if i == n && j == m {
                continue;
            }
            let mut weights = [f64::NEG_INFINITY; SHAPES.len()];
            for (s, &(da, db)) in SHAPES.iter().enumerate() {
                let (ni, nj) = (i + da, j + db);
                if ni > n || nj > m || !band.contains(ni, nj) {
                    continue;
                }
                let step = f64::from(steps[ni][nj - band.lo(ni)][s]);
                if step.is_finite() {
                    weights[s] = backward[ni][nj - band.lo(ni)] - step / TEMPERATURE;
                }
            }
            backward[i][j - band.lo(i)] = log_sum_exp(&weights);
        }
    }
    let total = forward[n][m - band.lo(n)];
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let shape = usize::from(back[i][j - band.lo(i)]);
        let Some(&(da, db)) = SHAPES.get(shape) else {
            break; // unreachable: (n, m) is always in the band and reachable by skips
        };
        let step = f64::from(steps[i][j - band.lo(i)][shape]);
        let before = forward[i - da][j - db - band.lo(i - da)];
        let after = backward[i][j - band.lo(i)];
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
    max + xs.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
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
    bead_cost(model, &Side::of(&a[ra], &ua), &Side::of(&b[rb], &ub), &sh)
}

/// The sides a bead can have in one region, for every end and width: the sentences' evidence
/// united, and their sums. Computed once per region, not once per cell that tries the shape.
struct Windows<'p> {
    profiles: &'p [Profile],
    /// Index `end * MAX_WIDTH + width - 1`; `None` where the window would start before 0.
    windows: Vec<Option<(Option<Profile>, Side)>>,
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

impl<'p> Windows<'p> {
    fn new(profiles: &'p [Profile]) -> Windows<'p> {
        let mut windows = Vec::with_capacity((profiles.len() + 1) * MAX_WIDTH);
        for end in 0..=profiles.len() {
            for width in 1..=MAX_WIDTH {
                windows.push((width <= end).then(|| {
                    let sentences = &profiles[end - width..end];
                    let union = Profile::union(sentences);
                    let side = Side::of(sentences, &union);
                    // A single sentence is its own union: keep a reference, not a copy.
                    let owned = match union {
                        std::borrow::Cow::Owned(united) => Some(united),
                        std::borrow::Cow::Borrowed(_) => None,
                    };
                    (owned, side)
                }));
            }
        }
        Windows { profiles, windows }
    }

    /// The united evidence and the sums of the `width` sentences that end before `end`.
    fn get(&self, end: usize, width: usize) -> Option<(&Profile, &Side)> {
        match self.windows.get((end * MAX_WIDTH + width).checked_sub(1)?)? {
            Some((Some(united), side)) => Some((united, side)),
            Some((None, side)) => Some((&self.profiles[end - 1], side)),
            None => None,
        }
    }
}

/// The cells searched: for each row i, columns around i·m/n.
struct Band {
    n: usize,
    m: usize,
    half: usize,
}

impl Band {
    fn new(n: usize, m: usize) -> Band {
        // Wider when the sides differ in length (omissions shift the path off the diagonal), but
        // never more than MAX_BAND: the work stays linear in the length of the documents.
        Band { n, m, half: MIN_BAND.max(n.abs_diff(m) + MIN_BAND / 2).min(MAX_BAND) }
    }

    fn center(&self, i: usize) -> usize {
        i * self.m / self.n
    }

    fn lo(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.center(i).saturating_sub(self.half) }
    }

    fn hi(&self, i: usize) -> usize {
        if i == self.n { self.m } else { (self.center(i) + self.half).min(self.m) }
    }

    fn width(&self, i: usize) -> usize {
        self.hi(i) - self.lo(i) + 1
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        j >= self.lo(i) && j <= self.hi(i)
    }
}
