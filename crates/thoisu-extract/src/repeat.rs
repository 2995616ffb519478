//! Names the tagger found once are the same names wherever they recur in the document:
//! a later "Kapan" the tagger missed is still Kapan.

use crate::fasthash::FxHashMap as HashMap;

use thoisu_doc::{Document, EntityKind};

use crate::recognize::{Cand, Link};

/// Names written the same way that only this document knows are one entity, of the
/// kind the best-attested use gives (a titled use first, then the first use).
fn unify_local(doc: &Document, cands: &mut [Cand]) {
    let mut anchors: HashMap<&str, usize> = HashMap::default();
    for i in 0..cands.len() {
        let c = &cands[i];
        let local = matches!(c.link, Link::Local) && !c.dropped() && c.confidence > 0.0;
        if !local || !matches!(c.method, "tagger" | "title") {
            continue;
        }
        let text = c_text(doc, c);
        match anchors.get(text) {
            None => {
                anchors.insert(text, i);
            }
            Some(&a) if cands[a].role.is_none() && c.role.is_some() => {
                anchors.insert(text, i);
            }
            Some(_) => {}
        }
    }
    for i in 0..cands.len() {
        let c = &cands[i];
        if !matches!(c.link, Link::Local) || !matches!(c.method, "tagger" | "title") || c.dropped()
        {
            continue;
        }
        if let Some(&a) = anchors.get(c_text(doc, c)) {
            if a != i {
                let kind = cands[a].kind;
                cands[i].link = Link::Same(a);
                cands[i].kind = kind;
            }
        }
    }
}

/// Adds a candidate, linked to the first one, for every uncovered repetition of a name
/// the tagger or a title rule found.
pub(crate) fn link_repeats(doc: &Document, cands: &mut Vec<Cand>) {
    unify_local(doc, cands);
    let mut covered = vec![false; doc.tokens.len()];
    for c in cands.iter().filter(|c| !c.dropped()) {
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
    }
    // First token text -> candidates whose name starts with it.
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, c) in cands.iter().enumerate() {
        let named =
            matches!(c.method, "tagger" | "title") && !c.nested && c.kind != EntityKind::Treaty;
        let linked = matches!(c.link, Link::Entry(_) | Link::Local | Link::Same(_));
        if named
            && linked
            && c.role
                .as_deref()
                .is_none_or(|r| !c_text(doc, c).starts_with(r))
        {
            by_first
                .entry(doc.tokens[c.start].text(doc))
                .or_default()
                .push(i);
        }
    }
    // The first bytes of those texts turn most tokens away before any hashing.
    let mut first_bytes = [false; 256];
    for key in by_first.keys() {
        if let Some(&b) = key.as_bytes().first() {
            first_bytes[usize::from(b)] = true;
        }
    }
    let mut added = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        for t in s.tokens.range() {
            let text = doc.tokens[t].text(doc);
            let maybe = text
                .as_bytes()
                .first()
                .is_none_or(|&b| first_bytes[usize::from(b)]);
            if covered[t] || !maybe {
                continue;
            }
            let Some(list) = by_first.get(doc.tokens[t].text(doc)) else {
                continue;
            };
            for &i in list {
                let len = cands[i].end - cands[i].start;
                let fits = t + len <= s.tokens.end
                    && (0..len).all(|k| {
                        !covered[t + k]
                            && doc.tokens[t + k].text(doc)
                                == doc.tokens[cands[i].start + k].text(doc)
                    });
                if fits {
                    let mut c = cands[i].clone();
                    c.sentence = si;
                    c.start = t;
                    c.end = t + len;
                    c.link = Link::Same(i);
                    c.method = "repeat";
                    c.role = None;
                    c.office = None;
                    c.confidence = 0.7;
                    covered[t..t + len].iter_mut().for_each(|x| *x = true);
                    added.push(c);
                    break;
                }
            }
        }
    }
    cands.extend(added);
}

fn c_text<'d>(doc: &'d Document, c: &Cand) -> &'d str {
    &doc.text[doc.tokens[c.start].span.start..doc.tokens[c.end - 1].span.end]
}
