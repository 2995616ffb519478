//! An acronym in brackets after a name is an alias of that name: "Tổ chức Hiệp ước An
//! ninh Tập thể (CSTO)". Both mentions, and every later bare use of the acronym in the
//! document, refer to one entity.

use thoisu_doc::{Document, TokenKind};

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
        let x = match cands
            .iter()
            .position(|c| c.start == e + 1 && c.end == e + 2 && !c.dropped())
        {
            Some(x) => x,
            None => {
                let mut c = cands[a].clone();
                c.start = e + 1;
                c.end = e + 2;
                c.nested = false;
                c.link = Link::Local;
                cands.push(c);
                cands.len() - 1
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
    for (acr, a) in aliases {
        bare_uses(doc, cands, &acr, a);
    }
}

/// Bare uses of `acr` elsewhere: linked to candidate `a`, added when nothing found them.
fn bare_uses(doc: &Document, cands: &mut Vec<Cand>, acr: &str, a: usize) {
    for (si, s) in doc.sentences.iter().enumerate() {
        for t in s.tokens.range() {
            let tok = &doc.tokens[t];
            if tok.text(doc) != acr || tok.kind == TokenKind::Punct {
                continue;
            }
            match cands
                .iter()
                .position(|c| c.start == t && c.end == t + 1 && !c.dropped())
            {
                Some(i) if matches!(cands[i].link, Link::Local | Link::Unresolved) => {
                    cands[i].link = Link::Same(a);
                    cands[i].kind = cands[a].kind;
                }
                Some(_) => {}
                None if !cands
                    .iter()
                    .any(|c| !c.dropped() && c.start <= t && t < c.end) =>
                {
                    let mut c = cands[a].clone();
                    c.sentence = si;
                    c.start = t;
                    c.end = t + 1;
                    c.nested = false;
                    c.link = Link::Same(a);
                    c.method = "acronym";
                    cands.push(c);
                }
                None => {}
            }
        }
    }
}
