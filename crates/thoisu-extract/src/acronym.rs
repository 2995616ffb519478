//! An acronym in brackets after a name is an alias of that name: "Tổ chức Hiệp ước An
//! ninh Tập thể (CSTO)". Both mentions, and every later bare use of the acronym in the
//! document, refer to one entity.

use thoisu_doc::{Document, TokenKind};

use crate::fasthash::FxHashMap;
use crate::recognize::{Cand, Link};

fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && text
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '.')
}

/// Links acronyms in brackets to the name before them, then bare uses of the acronym.
pub(crate) fn link_acronyms(doc: &Document, cands: &mut Vec<Cand>, order: &[usize]) {
    let mut index = Singles::new(doc, cands);
    let mut aliases: Vec<(String, usize)> = Vec::new();
    for &a in order {
        if cands[a].nested || cands[a].dropped() || cands[a].kind == thoisu_doc::EntityKind::Person
        {
            continue;
        }
        let e = cands[a].end;
        let (Some(open), Some(acr), Some(close)) = (
            doc.tokens.get(e),
            doc.tokens.get(e + 1),
            doc.tokens.get(e + 2),
        ) else {
            continue;
        };
        let in_sentence = doc
            .sentences
            .get(cands[a].sentence)
            .is_some_and(|s| e + 2 < s.tokens.end);
        if open.text(doc) != "("
            || close.text(doc) != ")"
            || !is_acronym(acr.text(doc))
            || !in_sentence
        {
            continue;
        }
        let x = match index.at(e + 1) {
            Some(x) => x,
            None => {
                let mut c = cands[a].clone();
                c.start = e + 1;
                c.end = e + 2;
                c.nested = false;
                c.link = Link::Local;
                index.push(cands, c)
            }
        };
        // The canonical side wins: a lexicon acronym names the long form too.
        let x_known = matches!(cands[x].link, Link::Entry(_));
        let a_known = matches!(cands[a].link, Link::Entry(_) | Link::Derived { .. });
        if x_known && !a_known {
            cands[a].link = cands[x].link.clone();
            cands[a].kind = cands[x].kind;
        } else {
            cands[x].link = Link::Same(a);
            cands[x].kind = cands[a].kind;
        }
        cands[x].method = "acronym";
        aliases.push((acr.text(doc).to_string(), a));
    }
    let uses = bare_tokens(doc, &aliases);
    for (acr, a) in &aliases {
        for &(si, t) in uses.get(acr.as_str()).map_or(&[][..], Vec::as_slice) {
            bare_use(cands, &mut index, *a, si, t);
        }
    }
}

/// Where each acronym of `aliases` is written as a word of its own: (sentence, token),
/// in text order.
fn bare_tokens<'d>(
    doc: &'d Document,
    aliases: &[(String, usize)],
) -> FxHashMap<&'d str, Vec<(usize, usize)>> {
    let mut uses: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    if aliases.is_empty() {
        return uses;
    }
    let wanted: FxHashMap<&str, ()> = aliases.iter().map(|(a, _)| (a.as_str(), ())).collect();
    for (si, s) in doc.sentences.iter().enumerate() {
        for t in s.tokens.range() {
            let tok = &doc.tokens[t];
            let text = tok.text(doc);
            if tok.kind != TokenKind::Punct && wanted.contains_key(text) {
                uses.entry(text).or_default().push((si, t));
            }
        }
    }
    uses
}

/// A bare use of the acronym of candidate `a` at token `t`: linked to `a`, or added
/// when nothing found it.
fn bare_use(cands: &mut Vec<Cand>, index: &mut Singles, a: usize, si: usize, t: usize) {
    match index.at(t) {
        Some(i) if matches!(cands[i].link, Link::Local | Link::Unresolved) => {
            cands[i].link = Link::Same(a);
            cands[i].kind = cands[a].kind;
        }
        Some(_) => {}
        None if !index.covered[t] => {
            let mut c = cands[a].clone();
            c.sentence = si;
            c.start = t;
            c.end = t + 1;
            c.nested = false;
            c.link = Link::Same(a);
            c.method = "acronym";
            index.push(cands, c);
        }
        None => {}
    }
}

/// The candidates of one token, and which tokens any candidate covers (dropped ones
/// aside), kept up to date as candidates are added: each lookup is one probe, not a
/// scan of every candidate.
struct Singles {
    /// Token → the first candidate of exactly that token.
    first: FxHashMap<usize, usize>,
    covered: Vec<bool>,
}

impl Singles {
    fn new(doc: &Document, cands: &[Cand]) -> Singles {
        let mut index = Singles {
            first: FxHashMap::default(),
            covered: vec![false; doc.tokens.len()],
        };
        for (i, c) in cands.iter().enumerate() {
            index.note(i, c);
        }
        index
    }

    fn note(&mut self, i: usize, c: &Cand) {
        if c.dropped() {
            return;
        }
        if c.end == c.start + 1 {
            self.first.entry(c.start).or_insert(i);
        }
        for t in c.start..c.end.min(self.covered.len()) {
            self.covered[t] = true;
        }
    }

    fn at(&self, t: usize) -> Option<usize> {
        self.first.get(&t).copied()
    }

    /// Adds `c` to `cands` and to the index; returns its index.
    fn push(&mut self, cands: &mut Vec<Cand>, c: Cand) -> usize {
        self.note(cands.len(), &c);
        cands.push(c);
        cands.len() - 1
    }
}
