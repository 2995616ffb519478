//! One-word names of people ("ông Mai", "bà Xiang") and the full names they refer back
//! to, found through indexes so that a long document costs time in proportion to its
//! length, not its square.

use crate::fasthash::FxHashMap as HashMap;

/// The people of a document by the first and last words of their names.
pub(crate) struct People {
    /// Word → the latest position (in text order) before the current one whose name
    /// ends (`[0]`) or begins (`[1]`) with it, by the final links of those mentions.
    before: [HashMap<String, usize>; 2],
    /// Word → the positions whose name ends or begins with it, as the mentions stood
    /// before resolution reached them, in ascending order.
    after: [HashMap<String, Vec<usize>>; 2],
}

impl People {
    /// An index of every person of `order` as it stands now; `names` gives the full
    /// names (match keys of two words or more) of a candidate.
    pub(crate) fn later<C>(
        cands: &[C],
        order: &[usize],
        names: impl Fn(&C) -> Vec<String>,
    ) -> People {
        let mut after: [HashMap<String, Vec<usize>>; 2] = Default::default();
        for (pos, &i) in order.iter().enumerate() {
            for name in names(&cands[i]) {
                for (end, word) in ends(&name).into_iter().enumerate() {
                    let list = after[end].entry(word.to_string()).or_default();
                    // A name given twice (lexicon and text) counts once.
                    if list.last() != Some(&pos) {
                        list.push(pos);
                    }
                }
            }
        }
        People {
            before: Default::default(),
            after,
        }
    }

    /// Records the final names of the mention at `pos`, now passed.
    pub(crate) fn passed(&mut self, pos: usize, names: Vec<String>) {
        for name in names {
            for (end, word) in ends(&name).into_iter().enumerate() {
                self.before[end].insert(word.to_string(), pos);
            }
        }
    }

    /// The position of the person a one-word name at `pos` refers to: the nearest
    /// earlier one whose name ends with it (`Trọng`, `Pashinyan`), else the nearest
    /// earlier one whose name begins with it (Chinese and Korean names put the family
    /// name first: `bà Xiang` after `Xiang Xueqiu`), else the first later one, in the
    /// same order.
    pub(crate) fn same_surname(&self, pos: usize, key: &str) -> Option<usize> {
        if key.contains(' ') {
            return None;
        }
        let later = |end: usize| {
            let list = self.after[end].get(key)?;
            let k = list.partition_point(|&p| p <= pos);
            list.get(k).copied()
        };
        self.before[0]
            .get(key)
            .or_else(|| self.before[1].get(key))
            .copied()
            .or_else(|| later(0))
            .or_else(|| later(1))
    }
}

/// The last and the first word of a name.
fn ends(name: &str) -> [&str; 2] {
    [
        name.rsplit(' ').next().unwrap_or(name),
        name.split(' ').next().unwrap_or(name),
    ]
}
