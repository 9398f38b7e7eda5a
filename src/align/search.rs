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
}

/// Bead shapes tried: (sentences of A, sentences of B).
const SHAPES: &[(usize, usize)] = &[(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3)];

/// Half-width of the band, in sentences, at the least.
const MIN_BAND: usize = 24;

/// Aligns `a` with `b` (sentence indices `a_offset..` and `b_offset..` in the documents).
pub(crate) fn align_region(model: &Model, a: &[Profile], b: &[Profile], a_offset: usize, b_offset: usize) -> Vec<Bead> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        let skips_a =
            (0..n).map(|i| Bead { a: a_offset + i..a_offset + i + 1, b: b_offset..b_offset, cost: skip_cost(&a[i]) });
        let skips_b = (0..m).map(|j| Bead {
            a: a_offset + n..a_offset + n,
            b: b_offset + j..b_offset + j + 1,
            cost: skip_cost(&b[j]),
        });
        return skips_a.chain(skips_b).collect();
    }
    let band = Band::new(n, m);
    // cost[i][j - lo(i)], back[i][j - lo(i)] = index into SHAPES.
    let mut cost: Vec<Vec<f64>> = (0..=n).map(|i| vec![f64::INFINITY; band.width(i)]).collect();
    let mut back: Vec<Vec<u8>> = (0..=n).map(|i| vec![u8::MAX; band.width(i)]).collect();
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in band.lo(i)..=band.hi(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_shape = u8::MAX;
            for (s, &(da, db)) in SHAPES.iter().enumerate() {
                if da > i || db > j || !band.contains(i - da, j - db) {
                    continue;
                }
                let prev = cost[i - da][j - db - band.lo(i - da)];
                if !prev.is_finite() {
                    continue;
                }
                let step = step_cost(model, a, b, i - da..i, j - db..j);
                if prev + step < best {
                    best = prev + step;
                    best_shape = s as u8;
                }
            }
            let at = j - band.lo(i);
            cost[i][at] = best;
            back[i][at] = best_shape;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let shape = back[i][j - band.lo(i)];
        let Some(&(da, db)) = SHAPES.get(usize::from(shape)) else {
            break; // unreachable: (n, m) is always in the band and reachable by skips
        };
        let step = cost[i][j - band.lo(i)] - cost[i - da][j - db - band.lo(i - da)];
        beads.push(Bead { a: a_offset + i - da..a_offset + i, b: b_offset + j - db..b_offset + j, cost: step });
        i -= da;
        j -= db;
    }
    beads.reverse();
    beads
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

/// The cells searched: for each row i, columns around i·m/n.
struct Band {
    n: usize,
    m: usize,
    half: usize,
}

impl Band {
    fn new(n: usize, m: usize) -> Band {
        Band { n, m, half: MIN_BAND.max(n.abs_diff(m) + MIN_BAND / 2) }
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
