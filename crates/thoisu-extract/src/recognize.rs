//! Recognition: from one sentence's buffer to candidate mentions (gazetteer matches,
//! tagger spans, national-body templates, titles, country anaphora).

use thoisu_doc::{Document, EntityKind, TokenKind};

use crate::gazetteer::{starts_upper, GazEntry, GazMatch};
use crate::rules::{Template, TitleClass};
use crate::tagger::{code_spans, TAGS};
use crate::EntityExtractor;

/// How far a gazetteer match is trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trust {
    Yes,
    /// The tagger reads it as a person; the document decides.
    Contested,
    No,
}

/// What a candidate mention links to, before entities are built.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Link {
    /// Gazetteer candidates, best prior first, to choose among by context.
    Entries(Vec<u32>),
    /// One lexicon entry.
    Entry(u32),
    /// A national body: template and the candidate naming its country.
    Template(Template, usize),
    /// A national body named without its country (`hội đồng an ninh`).
    BareTemplate(Template),
    /// A national body of a country named by anaphora (`quân đội nước này`).
    TemplateAnaphora(Template),
    /// A national body whose country is resolved: id, English name, country code.
    Derived {
        id: String,
        name: String,
        country: String,
        role: String,
    },
    /// The holder of an office in the country of a candidate (`Thủ tướng Armenia`).
    Office { office: String, country_cand: usize },
    /// Country anaphora referring back to `n` countries (`nước này`, `hai nước`).
    Anaphora(usize),
    /// Found by the tagger or a title rule; resolved by lookup, fuzzy match or surname.
    Unresolved,
    /// The same entity as another candidate.
    Same(usize),
    /// A document-local entity.
    Local,
}

/// A candidate mention over document tokens `start..end`.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub link: Link,
    /// The title as written before a person (`Tổng thống`).
    pub role: Option<String>,
    /// The office the title names, in English, and the country code when written.
    pub office: Option<(String, Option<usize>)>,
    pub method: &'static str,
    pub confidence: f32,
    /// Inside a longer mention.
    pub nested: bool,
    /// The country of a document-local entity, when the context tells it.
    pub country_hint: Option<String>,
    /// A gazetteer place the tagger reads as a person: the document's countries decide.
    pub contested: bool,
}

impl Cand {
    fn new(
        sentence: usize,
        start: usize,
        end: usize,
        kind: EntityKind,
        link: Link,
        method: &'static str,
    ) -> Cand {
        Cand {
            sentence,
            start,
            end,
            kind,
            link,
            role: None,
            office: None,
            method,
            confidence: 0.9,
            nested: false,
            country_hint: None,
            contested: false,
        }
    }

    /// Whether a later rule dropped this candidate.
    pub(crate) fn dropped(&self) -> bool {
        self.method == "dropped"
    }

    /// Drops this candidate, keeping every index valid (other candidates refer to each
    /// other by index): a dropped candidate links nowhere.
    pub(crate) fn drop(&mut self) {
        self.method = "dropped";
        self.link = Link::Local;
        self.confidence = 0.0;
        self.nested = true;
    }

    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// Drops the tagger's candidates that `hit` selects, keeping every index valid (other
/// candidates refer to each other by index): a dropped candidate links nowhere.
fn drop_tagger(cands: &mut [Cand], first: usize, hit: impl Fn(&Cand) -> bool) {
    for c in cands[first..]
        .iter_mut()
        .filter(|c| c.method == "tagger" && hit(c))
    {
        c.drop();
    }
}

/// The kind of a tag type of [`code_spans`].
fn tag_kind(ty: u8) -> EntityKind {
    match ty {
        1 => EntityKind::Person,
        3 => EntityKind::Organization,
        _ => EntityKind::Place,
    }
}

impl EntityExtractor {
    /// Adds the candidates of sentence `s` (already in `self.buf`) to `cands`.
    pub(crate) fn recognize(&mut self, doc: &Document, s: usize, cands: &mut Vec<Cand>) {
        let first = cands.len();
        let spans = self.tag_sentence(doc);
        // One buffer for the phrase lookups of every sentence.
        let mut b = std::mem::take(&mut self.phrase);
        self.add_gazetteer(doc, s, &spans, cands, &mut b);
        self.add_tagger(doc, s, &spans, cands, first);
        self.ships_named_after_places(doc, cands, first);
        self.add_templates(doc, s, cands, first, &mut b);
        self.add_titles(doc, s, cands, first, &mut b);
        self.add_treaties(doc, s, cands, first, &mut b);
        self.add_country_pairs(doc, s, cands, first);
        self.add_anaphora(s, cands, first, &mut b);
        self.phrase = b;
    }

    /// The first token of the word holding sentence token `k` (sentence positions).
    fn word_start(&self, doc: &Document, k: usize) -> usize {
        let t0 = self.buf.tok0;
        doc.words[self.buf.word0..self.buf.word0 + self.buf.word_count()]
            .iter()
            .find(|w| w.tokens.start <= t0 + k && t0 + k < w.tokens.end)
            .map_or(k, |w| w.tokens.start - t0)
    }

    /// Tagger spans (document tokens `a..b`) that are codes, units or numbered parts,
    /// not names: an initial glued to a number (`B.1.617`, a virus lineage), a word
    /// after a number scale (`45 tỷ Euro`), an article of a text (`Điều 5`).
    fn not_a_name(&self, doc: &Document, a: usize, b: usize) -> bool {
        let text = |k: usize| doc.tokens[k].text(doc);
        let glued_number = |t: &thoisu_doc::Token| !t.space_before && t.kind == TokenKind::Number;
        // The initial, with or without the numbers glued to it.
        let initial = text(a).len() == 2
            && text(a).ends_with('.')
            && doc.tokens[a + 1..b].iter().all(glued_number)
            && (b - a > 1 || doc.tokens.get(b).is_some_and(glued_number));
        let after_scale = b - a == 1
            && a > self.buf.tok0
            && matches!(
                doc.tokens[a - 1].norm(doc),
                "triệu" | "tỷ" | "tỉ" | "nghìn" | "ngàn"
            );
        // "Điều 5" of a treaty, "Khoản 2" of a law: a numbered part, not a place.
        let article = b - a >= 2
            && matches!(doc.tokens[a].norm(doc), "Điều" | "Khoản" | "Chương")
            && doc.tokens[a + 1].kind == TokenKind::Number;
        initial || after_scale || article
    }

    /// Where the name of a ship starts in the tagger span `a..b` (document tokens):
    /// after a noun for ships written before it or at its head ("tàu ngầm X", "Tàu
    /// X"), or at a ship prefix ("KRI", "USS"). Only names no other candidate touches:
    /// "tàu Trung Quốc" is a Chinese ship, "tàu Hải quân Mỹ" one of the US Navy.
    fn vessel_start(&self, doc: &Document, a: usize, b: usize, cands: &[Cand]) -> Option<usize> {
        let t0 = self.buf.tok0;
        let (i, j) = (a - t0, b - t0);
        // A vessel noun of up to four words right before the span.
        let noun_before = (1..=4.min(i)).any(|n| self.is_vessel_noun(i - n, i));
        // The longest vessel noun opening the span.
        let head = (i + 1..j.min(i + 5))
            .rev()
            .find(|&k| self.is_vessel_noun(i, k));
        let prefix = SHIP_PREFIXES.contains(&doc.tokens[a].text(doc)) && j - i > 1;
        let start = match head {
            Some(k) => k,
            None if noun_before || prefix => i,
            None => return None,
        };
        let touched = cands
            .iter()
            .any(|c| !c.dropped() && c.overlaps(t0 + start, b));
        (!touched && start < j).then_some(t0 + start)
    }

    /// "tuần dương hạm Moskva": a place right after a noun for a class of ship is the
    /// ship's name, as warships are often named after cities. Not after the bare `tàu`,
    /// where a place says where the boat is from ("tàu Quảng Ngãi"), and never a
    /// country, which says whose it is ("tàu chiến Mỹ").
    fn ships_named_after_places(&self, doc: &Document, cands: &mut [Cand], first: usize) {
        let t0 = self.buf.tok0;
        for c in cands[first..].iter_mut() {
            if c.dropped() || c.kind != EntityKind::Place || c.method != "gazetteer" {
                continue;
            }
            let i = c.start - t0;
            let class_noun = (2..=4.min(i)).any(|n| self.is_vessel_noun(i - n, i))
                || (i >= 1 && self.buf.key(i - 1) == "hạm");
            if !class_noun {
                continue;
            }
            c.kind = EntityKind::Other;
            c.link = Link::Local;
            c.method = "vessel";
            c.end = self.hull_end(doc, c.end);
        }
    }

    /// The end of a ship's name that ends at document token `end`, with the hull number
    /// after it, which belongs to the name ("KRI Nanggala 402").
    fn hull_end(&self, doc: &Document, mut end: usize) -> usize {
        let sentence_end = self.buf.tok0 + self.buf.len();
        while end < sentence_end && doc.tokens[end].kind == TokenKind::Number {
            end += 1;
        }
        end
    }

    /// Whether sentence tokens `start..end` are a noun written before a ship's name.
    fn is_vessel_noun(&self, start: usize, end: usize) -> bool {
        VESSEL_NOUNS.iter().any(|noun| {
            let mut words = noun.split(' ');
            (start..end).all(|k| words.next() == Some(self.buf.key(k))) && words.next().is_none()
        })
    }

    /// "Tư lệnh Hải quân Indonesia Yudo Margono": a tagger span over a national body
    /// (document tokens `start..end`) and two capitalized words or more after it is the
    /// body and then a person; the span keeps the person.
    fn person_after_body(&self, doc: &Document, cands: &mut [Cand], start: usize, end: usize) {
        let t0 = self.buf.tok0;
        for i in 0..cands.len() {
            let c = &cands[i];
            let name_after = c.method == "tagger"
                && c.start == start
                && c.end >= end + 2
                && (end - t0..c.end - t0).all(|k| self.capital_word(doc, k));
            if !name_after {
                continue;
            }
            // The lexicon may know the person already ("Uông Văn Bân").
            let stop = c.end;
            let known = cands
                .iter()
                .position(|o| o.start == end && o.end == stop && !o.dropped());
            if let Some(k) = known {
                cands[i].drop();
                // It was inside the span just dropped; now it stands on its own.
                cands[k].nested = false;
            } else {
                cands[i].start = end;
                cands[i].kind = EntityKind::Person;
            }
        }
    }

    /// A tagger span `a..b` (document tokens) of kind `kind` that opens with a known
    /// country, demonym or body: where the name after it starts, and its kind.
    fn name_after_lead(
        &self,
        doc: &Document,
        cands: &[Cand],
        a: usize,
        b: usize,
        kind: EntityKind,
    ) -> Option<(usize, EntityKind)> {
        let t0 = self.buf.tok0;
        let lead = |hit: &dyn Fn(&Cand) -> bool| {
            cands.iter().find(|c| c.start == a && c.end < b && hit(c))
        };
        // "Tổng thống Mỹ Joe Biden": the country between title and name is not part of
        // the name.
        if kind == EntityKind::Person || self.buf.title_before[a - t0].is_some() {
            return lead(&|c| c.kind == EntityKind::Country).map(|c| (c.end, kind));
        }
        // "doanh nhân người Trung Quốc Qin Shuren": a name right after a demonym is a
        // person of that country.
        if let Some(c) = lead(&|c| c.method == "demonym" && !c.dropped()) {
            return Some((c.end, EntityKind::Person));
        }
        // "Đại sứ Pháp tại Mỹ Gérard Araud", "Chánh văn phòng Nhà Trắng Reince Priebus": a
        // known country or body, then two capitalized words or more, is a person.
        let c = lead(&|c| {
            c.end + 2 <= b
                && c.method == "gazetteer"
                && matches!(c.kind, EntityKind::Country | EntityKind::Organization)
        })?;
        (c.end - t0..b - t0)
            .all(|k| self.capital_word(doc, k))
            .then_some((c.end, EntityKind::Person))
    }

    /// Whether sentence token `k` is a word written with a capital.
    fn capital_word(&self, doc: &Document, k: usize) -> bool {
        let t = self.buf.tok0 + k;
        k < self.buf.len()
            && doc.tokens[t].kind == TokenKind::Word
            && starts_upper(doc.tokens[t].text(doc))
    }

    /// A treaty head (`Hiệp ước`, `Công ước`, …) written with a capital and followed by
    /// capitalized words, which may be joined by commas and `và`: "Hiệp ước Hữu nghị,
    /// Hợp tác và Tương trợ".
    fn add_treaties(
        &self,
        doc: &Document,
        s: usize,
        cands: &mut Vec<Cand>,
        first: usize,
        b: &mut String,
    ) {
        let t0 = self.buf.tok0;
        let n = self.buf.len();
        let upper = |k: usize| self.capital_word(doc, k);
        let mut i = 0;
        while i < n {
            let covered = || {
                cands[first..]
                    .iter()
                    .any(|c| c.start <= t0 + i && t0 + i < c.end && c.method != "tagger")
            };
            // "Tổ chức Hiệp ước An ninh Tập thể" is an organization named after a treaty.
            let inside_name = || i > 0 && upper(self.word_start(doc, i - 1));
            // The cheap tests first: few tokens are capitalized treaty heads.
            let hit = if upper(i) {
                self.treaties.longest(self.buf.keys_from(i), b)
            } else {
                None
            }
            .filter(|_| !covered() && !inside_name());
            let Some((len, _)) = hit else {
                i += 1;
                continue;
            };
            // Vietnamese capitalizes the first syllable of each word of a name: a
            // capitalized token brings the rest of its word.
            let word_end = |k: usize| {
                doc.words[self.buf.word0..self.buf.word0 + self.buf.word_count()]
                    .iter()
                    .find(|w| w.tokens.start <= t0 + k && t0 + k < w.tokens.end)
                    .map_or(k + 1, |w| w.tokens.end - t0)
            };
            let mut end = word_end(i + len - 1);
            // "và" joins the last item of a list begun with commas ("Hữu nghị, Hợp tác và
            // Tương trợ"); without a comma it more likely joins two names.
            let mut comma = false;
            loop {
                let joiner = end + 1 < n && upper(end + 1);
                if upper(end) {
                    end = word_end(end);
                } else if joiner && self.buf.key(end) == "," {
                    comma = true;
                    end = word_end(end + 1);
                } else if joiner && comma && self.buf.key(end) == "và" {
                    end = word_end(end + 1);
                } else {
                    break;
                }
            }
            if end > i + len {
                let (start, stop) = (t0 + i, t0 + end);
                // The tagger was not trained on treaties (VLSP calls them MISC).
                drop_tagger(cands, first, |c| c.overlaps(start, stop));
                for c in cands[first..]
                    .iter_mut()
                    .filter(|c| start <= c.start && c.end <= stop)
                {
                    c.nested = true;
                }
                let mut c = Cand::new(
                    s,
                    start,
                    stop,
                    EntityKind::Treaty,
                    Link::Unresolved,
                    "treaty",
                );
                c.confidence = 0.8;
                cands.push(c);
            }
            i = end.max(i + 1);
        }
    }

    /// Tagger spans over sentence tokens, with titles stripped from the front of persons.
    fn tag_sentence(&mut self, doc: &Document) -> Vec<(usize, usize, EntityKind)> {
        let n = self.buf.word_count();
        self.dec.em.clear();
        for i in 0..n {
            let mut e = [0.0; TAGS];
            if self.buf.skip_far && self.buf.far[i] {
                // Outside every name: only `O`.
                e[1..].fill(f32::NEG_INFINITY);
                e[0] = 0.0;
            } else {
                self.model.emission(self.buf.word_feats(i), &mut e);
            }
            self.dec.em.push(e);
        }
        let em = std::mem::take(&mut self.dec.em);
        self.model
            .viterbi(&em, &mut self.dec.tags, &mut self.dec.back);
        self.dec.em = em;
        let (w0, t0) = (self.buf.word0, self.buf.tok0);
        code_spans(&self.dec.tags)
            .into_iter()
            .map(|(a, b, ty)| {
                let start = doc.words[w0 + a].tokens.start - t0;
                let mut end = doc.words[w0 + b - 1].tokens.end - t0;
                // A bracket ends a name: "(CSTO)" after it is an alias, not part of it.
                if let Some(k) = (start + 1..end).find(|&k| doc.tokens[t0 + k].text(doc) == "(") {
                    end = k;
                }
                let mut start_after_title = start;
                for k in start + 1..end {
                    if matches!(self.buf.title_before[k], Some((ts, _)) if ts == start) {
                        start_after_title = k;
                    }
                }
                (start_after_title, end, tag_kind(ty))
            })
            .collect()
    }

    fn honorific_before(&self, i: usize, b: &mut String) -> bool {
        self.buf.title_before[i].is_some_and(|(ts, _)| {
            let keys = self.buf.keys_from(ts);
            matches!(self.titles.longest(keys, b), Some((_, t)) if t.class == TitleClass::Honorific)
        })
    }

    fn add_gazetteer(
        &self,
        doc: &Document,
        s: usize,
        spans: &[(usize, usize, EntityKind)],
        cands: &mut Vec<Cand>,
        b: &mut String,
    ) {
        let t0 = self.buf.tok0;
        for m in &self.buf.matches {
            let Some(&best) = m.entries.first() else {
                continue;
            };
            let entry = self.gaz.entry(best);
            let kind = entry.kind;
            // "chị Nga" is a woman, not Russia: the title rule makes her a person.
            if kind != EntityKind::Person && self.honorific_before(m.start, b) {
                continue;
            }
            let trust = self.gazetteer_trust(m, entry, spans);
            if trust == Trust::No {
                continue;
            }
            let mut c = Cand::new(
                s,
                t0 + m.start,
                t0 + m.end,
                kind,
                Link::Entries(m.entries.clone()),
                "gazetteer",
            );
            c.confidence = 0.95;
            c.contested = trust == Trust::Contested;
            if m.start > 0 && self.buf.key(m.start - 1) == "người" && kind == EntityKind::Country
            {
                c.method = "demonym";
            }
            if doc.tokens[c.start].kind == TokenKind::Punct {
                continue;
            }
            cands.push(c);
        }
    }

    /// Whether a gazetteer match stands on its own. Small places and names that news
    /// mostly writes in lowercase ("Anh" is also "you") need the tagger to agree; a
    /// one-word or small place the tagger reads as a person ("Long", "Kapan") is left
    /// for the document's countries to decide.
    fn gazetteer_trust(
        &self,
        m: &GazMatch,
        entry: &GazEntry,
        spans: &[(usize, usize, EntityKind)],
    ) -> Trust {
        let covering = spans
            .iter()
            .find(|&&(a, b, _)| a <= m.start && m.end <= b && a < b);
        let one_word = m.end - m.start == 1;
        let large = entry.population >= 100_000;
        // Inside a longer name ("miền Nam"), one small place's name is a word of that
        // name, not the place (Nam, a village in Tibet).
        let whole = covering.is_some_and(|&(a, b, _)| a == m.start && b == m.end);
        let part_of_name = !whole && one_word && entry.kind == EntityKind::Place && !large;
        let tagged_name =
            !part_of_name && covering.is_some_and(|&(_, _, k)| k != EntityKind::Person);
        let tagged_person = covering.is_some_and(|&(_, _, k)| k == EntityKind::Person);
        if entry.kind == EntityKind::Place && tagged_person && (one_word || !large) {
            return Trust::Contested;
        }
        let small_place = entry.kind == EntityKind::Place && !large;
        let bucket = crate::caps::CapStats::embedded().bucket(self.buf.key(m.start));
        // A lowercase-headed alias matched as written; capital statistics don't apply.
        let common_word = one_word && !m.lower && (1..=3).contains(&bucket);
        // "thành phố Bakhmut", "tỉnh Kursk": the noun before says the name is a place.
        let after_place_noun = m.start > 0
            && matches!(
                self.buf.key(m.start - 1),
                "phố" | "tỉnh" | "huyện" | "xã" | "quận" | "trấn" | "làng" | "bang"
            );
        let trusted = tagged_name
            || (tagged_person && entry.kind == EntityKind::Person)
            || (small_place && after_place_noun && !tagged_person)
            || !(small_place || common_word);
        if trusted {
            Trust::Yes
        } else {
            Trust::No
        }
    }

    fn add_tagger(
        &self,
        doc: &Document,
        s: usize,
        spans: &[(usize, usize, EntityKind)],
        cands: &mut Vec<Cand>,
        first: usize,
    ) {
        let t0 = self.buf.tok0;
        let caps = crate::caps::CapStats::embedded();
        let punct = |k: usize| matches!(doc.tokens[k].text(doc), "," | ";");
        for &(a, b, kind) in spans {
            let (mut a, mut b, mut kind) = (t0 + a, t0 + b, kind);
            // A comma the segmenter glued to a name is not part of it.
            while a < b && punct(a) {
                a += 1;
            }
            while a < b && punct(b - 1) {
                b -= 1;
            }
            if a >= b {
                continue;
            }
            // A word news never capitalizes inside a sentence ("Họ", "Tôi") is not a
            // name when it opens a sentence or a quotation.
            let opens = a == t0 || matches!(doc.tokens[a - 1].text(doc), "\"" | "“" | ":");
            if opens && b - a == 1 && caps.bucket(self.buf.key(a - t0)) == 1 {
                continue;
            }
            if self.not_a_name(doc, a, b) {
                continue;
            }
            // "tàu ngầm KRI Nanggala 402": a ship, a thing of its own, not a person or
            // a body; no lexicon knows it, so it is local to the document.
            let vessel = self.vessel_start(doc, a, b, &cands[first..]);
            if let Some(start) = vessel {
                a = start;
                kind = EntityKind::Other;
                b = self.hull_end(doc, b);
            }
            // A title alone ("Ngoại trưởng") is not a name.
            if self.buf.title_before[b - t0].is_some_and(|(ts, _)| ts + t0 == a) {
                continue;
            }
            if let Some((start, k)) = self.name_after_lead(doc, &cands[first..], a, b, kind) {
                a = start;
                kind = k;
            }
            let gaz = &cands[first..];
            let partial = gaz
                .iter()
                .any(|c| c.overlaps(a, b) && !(a <= c.start && c.end <= b));
            let same = gaz
                .iter()
                .any(|c| c.start == a && c.end == b && !c.contested);
            if partial || same || a >= b {
                continue;
            }
            for c in cands[first..].iter_mut().filter(|c| {
                a <= c.start && c.end <= b && !(c.contested && c.start == a && c.end == b)
            }) {
                c.nested = true;
            }
            let mut c = match vessel {
                Some(_) => Cand::new(s, a, b, kind, Link::Local, "vessel"),
                None => Cand::new(s, a, b, kind, Link::Unresolved, "tagger"),
            };
            c.confidence = 0.8;
            cands.push(c);
        }
    }

    fn add_templates(
        &self,
        doc: &Document,
        s: usize,
        cands: &mut Vec<Cand>,
        first: usize,
        b: &mut String,
    ) {
        let t0 = self.buf.tok0;
        let n = self.buf.len();
        let mut i = 0;
        while i < n {
            let inside = || {
                cands[first..]
                    .iter()
                    .any(|c| c.start <= t0 + i && t0 + i < c.end && c.method != "tagger")
            };
            // Few tokens open a template: look it up before scanning the candidates.
            let keys = self.buf.keys_from(i);
            let hit = self.templates.longest(keys, b).filter(|_| !inside());
            let Some((len, tpl)) = hit else {
                i += 1;
                continue;
            };
            let j = t0 + i + len;
            let mut country = cands[first..]
                .iter()
                .position(|c| c.start == j && !c.dropped() && c.kind == EntityKind::Country)
                .map(|k| k + first);
            if country.is_none() {
                country = self.misspelled_country(doc, s, j, t0 + n, cands);
            }
            let keys_after = self.buf.keys_from(i + len);
            let anaphora = self
                .anaphora
                .longest(keys_after, b)
                .filter(|(_, n)| **n == 1);
            let next_upper = doc
                .tokens
                .get(j)
                .is_some_and(|t| starts_upper(t.text(doc)) && j < t0 + n);
            let (end, link) = if let Some(k) = country {
                (cands[k].end, Link::Template(tpl.clone(), k))
            } else if let Some((alen, _)) = anaphora {
                (j + alen, Link::TemplateAnaphora(tpl.clone()))
            } else if tpl.bare && !next_upper {
                (j, Link::BareTemplate(tpl.clone()))
            } else {
                i += 1;
                continue;
            };
            let start = t0 + i;
            // The template replaces a tagger span over the same words.
            drop_tagger(cands, first, |c| c.start >= start && c.end <= end);
            self.person_after_body(doc, &mut cands[first..], start, end);
            for c in cands[first..]
                .iter_mut()
                .filter(|c| start <= c.start && c.end <= end)
            {
                c.nested = true;
            }
            let country = match &link {
                Link::Template(_, _) => cands[first..]
                    .iter()
                    .position(|c| c.start == j && c.kind == EntityKind::Country)
                    .map(|k| k + first),
                _ => None,
            };
            let link = match (link, country) {
                (Link::Template(t, _), Some(k)) => Link::Template(t, k),
                (l, _) => l,
            };
            let mut c = Cand::new(s, start, end, tpl.kind, link, "template");
            c.confidence = 0.85;
            cands.push(c);
            i += len;
        }
    }

    /// A run of capitalized words at `at` that is a misspelled country name
    /// (`Bộ Quốc phòng Arzerbaijan`), added as a candidate; its index.
    fn misspelled_country(
        &self,
        doc: &Document,
        s: usize,
        at: usize,
        end: usize,
        cands: &mut Vec<Cand>,
    ) -> Option<usize> {
        let mut stop = at;
        while stop < end
            && stop < at + 3
            && doc.tokens[stop].kind == TokenKind::Word
            && starts_upper(doc.tokens[stop].text(doc))
        {
            stop += 1;
        }
        if stop == at {
            return None;
        }
        let text = &doc.text[doc.tokens[at].span.start..doc.tokens[stop - 1].span.end];
        let (e, conf) = self.gaz.fuzzy(text)?;
        if self.gaz.entry(e).kind != EntityKind::Country {
            return None;
        }
        let mut c = Cand::new(s, at, stop, EntityKind::Country, Link::Entry(e), "fuzzy");
        c.confidence = conf;
        cands.push(c);
        Some(cands.len() - 1)
    }

    fn add_titles(
        &self,
        doc: &Document,
        s: usize,
        cands: &mut Vec<Cand>,
        first: usize,
        b: &mut String,
    ) {
        let t0 = self.buf.tok0;
        let n = self.buf.len();
        for k in 1..=n {
            let Some((ts, _)) = self.buf.title_before[k] else {
                continue;
            };
            let keys = self.buf.keys_from(ts);
            let Some((_, title)) = self.titles.longest(keys, b) else {
                continue;
            };
            let title_text =
                &doc.text[doc.tokens[t0 + ts].span.start..doc.tokens[t0 + k - 1].span.end];
            let office = (title.class == TitleClass::Office).then(|| title.office.clone());
            let at = t0 + k;
            let next = cands[first..]
                .iter()
                .position(|c| c.start == at && !c.nested)
                .map(|i| i + first);
            match next {
                // "giám đốc Bưu điện Đà Nẵng": an office that heads a body (director,
                // chairman; not a head of state or a minister, whose title is followed
                // by a person or a country) may be followed by that body; the tagger
                // tells it from a name.
                // "Thị trưởng Kiev Vitali Klitschko" is not a body: a name that opens
                // with a known place is that place's office holder.
                Some(i)
                    if cands[i].method == "tagger"
                        && cands[i].kind == EntityKind::Organization
                        && heads_body(title)
                        && leading_place(&self.gaz, cands, first, i).is_none() => {}
                // After a title any other tagged name is a person, whatever type the
                // tagger gave.
                Some(i) if cands[i].kind == EntityKind::Person || cands[i].method == "tagger" => {
                    split_leading_place(&self.gaz, cands, first, i);
                    cands[i].kind = EntityKind::Person;
                    cands[i].role = Some(title_text.to_string());
                    cands[i].office = office.map(|o| (o, None));
                }
                Some(i) if cands[i].kind == EntityKind::Country => {
                    let Some(office) = office else { continue };
                    // "Thủ tướng Ấn Độ Narendra Modi": the name after title and country is
                    // the person, whatever type the tagger gave it.
                    let after = cands[first..]
                        .iter()
                        .position(|c| {
                            c.start == cands[i].end
                                && (c.kind == EntityKind::Person || c.method == "tagger")
                        })
                        .map(|p| p + first);
                    if let Some(p) = after {
                        cands[p].kind = EntityKind::Person;
                    }
                    if let Some(p) = after {
                        cands[p].role = Some(title_text.to_string());
                        cands[p].office = Some((office, Some(i)));
                    } else {
                        cands[i].nested = true;
                        let mut c = Cand::new(
                            s,
                            t0 + ts,
                            cands[i].end,
                            EntityKind::Person,
                            Link::Office {
                                office: office.clone(),
                                country_cand: i,
                            },
                            "title",
                        );
                        c.role = Some(title_text.to_string());
                        c.office = Some((office, Some(i)));
                        c.confidence = 0.8;
                        cands.push(c);
                    }
                }
                Some(_) => {}
                None => self.name_after_title(doc, s, at, title_text, office, cands, first, b),
            }
        }
    }

    /// A run of capitalized words right after a title is a person the tagger missed.
    #[allow(clippy::too_many_arguments)]
    fn name_after_title(
        &self,
        doc: &Document,
        s: usize,
        at: usize,
        title_text: &str,
        office: Option<String>,
        cands: &mut Vec<Cand>,
        first: usize,
        b: &mut String,
    ) {
        let t0 = self.buf.tok0;
        let n = self.buf.len();
        let keys = || self.buf.keys_from(at - t0);
        if self.templates.longest(keys(), b).is_some() || self.titles.longest(keys(), b).is_some() {
            return;
        }
        let mut end = at;
        while end < t0 + n
            && doc.tokens[end].kind == TokenKind::Word
            && starts_upper(doc.tokens[end].text(doc))
            && !cands[first..].iter().any(|c| c.start <= end && end < c.end)
        {
            end += 1;
        }
        if end == at {
            return;
        }
        let mut c = Cand::new(s, at, end, EntityKind::Person, Link::Unresolved, "title");
        c.role = Some(title_text.to_string());
        c.office = office.map(|o| (o, None));
        c.confidence = 0.75;
        cands.push(c);
    }

    /// Countries named by one syllable in a dashed pair or chain: "quan hệ Mỹ - Trung",
    /// "Hàn - Nhật", "thượng đỉnh Mỹ - Triều". Alone, "Trung" and "Triều" are given
    /// names or words; between dashes next to other countries they are countries.
    fn add_country_pairs(&self, doc: &Document, s: usize, cands: &mut Vec<Cand>, first: usize) {
        let t0 = self.buf.tok0;
        let n = self.buf.len();
        let dash = |k: usize| k < n && matches!(self.buf.key(k), "-" | "–" | "—");
        let short = |k: usize| {
            let full = PAIR_FORMS.iter().find(|(f, _)| *f == self.buf.key(k));
            full.filter(|_| self.capital_word(doc, k))
                .and_then(|&(_, name)| self.country(name))
        };
        let mut i = 0;
        while i < n {
            // A chain: member (dash member)+, every member a short form.
            let mut members = vec![i];
            while dash(members[members.len() - 1] + 1)
                && members[members.len() - 1] + 2 < n
                && short(members[members.len() - 1] + 2).is_some()
            {
                members.push(members[members.len() - 1] + 2);
            }
            if members.len() < 2 || short(i).is_none() {
                i += 1;
                continue;
            }
            let (start, end) = (t0 + i, t0 + members[members.len() - 1] + 1);
            // The tagger reads "Hàn - Nhật" as one place and "Trung" as a name.
            drop_tagger(cands, first, |c| c.overlaps(start, end));
            for &k in &members {
                let known = cands[first..].iter().any(|c| {
                    !c.dropped()
                        && c.start == t0 + k
                        && c.end == t0 + k + 1
                        && c.kind == EntityKind::Country
                });
                let Some(e) = short(k).filter(|_| !known) else {
                    continue;
                };
                let mut c = Cand::new(
                    s,
                    t0 + k,
                    t0 + k + 1,
                    EntityKind::Country,
                    Link::Entry(e),
                    "pair",
                );
                c.confidence = 0.85;
                cands.push(c);
            }
            i = members[members.len() - 1] + 1;
        }
    }

    /// The lexicon's country of this Vietnamese name.
    fn country(&self, name: &str) -> Option<u32> {
        let list = self.gaz.lookup(&crate::gazetteer::match_key(name))?;
        list.iter()
            .copied()
            .find(|&e| self.gaz.entry(e).kind == EntityKind::Country)
    }

    fn add_anaphora(&self, s: usize, cands: &mut Vec<Cand>, first: usize, b: &mut String) {
        let t0 = self.buf.tok0;
        for i in 0..self.buf.len() {
            let keys = self.buf.keys_from(i);
            let Some((len, &n)) = self.anaphora.longest(keys, b) else {
                continue;
            };
            let (start, end) = (t0 + i, t0 + i + len);
            // "quân đội nước này": the country inside a body's name is a mention too.
            let in_template =
                |c: &Cand| matches!(c.link, Link::TemplateAnaphora(_)) && c.end == end;
            if cands[first..]
                .iter()
                .any(|c| !c.dropped() && c.overlaps(start, end) && !in_template(c))
            {
                continue;
            }
            let mut c = Cand::new(
                s,
                start,
                end,
                EntityKind::Country,
                Link::Anaphora(n),
                "coreference",
            );
            c.nested = cands[first..].iter().any(in_template);
            c.confidence = 0.7;
            cands.push(c);
        }
    }
}

/// Nouns written before the name of a ship (match keys).
const VESSEL_NOUNS: &[&str] = &[
    "tàu",
    "tàu ngầm",
    "tàu chiến",
    "tàu khu trục",
    "tàu sân bay",
    "tàu tuần dương",
    "tàu hộ vệ",
    "tàu đổ bộ",
    "tàu hàng",
    "tàu chở hàng",
    "tàu chở dầu",
    "tàu cứu hộ",
    "tàu tuần tra",
    "chiến hạm",
    "tuần dương hạm",
    "khu trục hạm",
    "hàng không mẫu hạm",
];

/// Prefixes of ships' names: Indonesian, US, British, Indian, Argentine, Australian,
/// Japanese, Russian, Korean, Philippine and merchant ships.
const SHIP_PREFIXES: &[&str] = &[
    "KRI", "USS", "USNS", "HMS", "HMAS", "INS", "ARA", "JS", "RFS", "ROKS", "BRP", "MV",
];

/// One-syllable forms of country names written in dashed pairs, with the name the
/// lexicon knows (match keys: lowercase). Written for thoisu from common usage.
const PAIR_FORMS: &[(&str, &str)] = &[
    ("anh", "anh"),
    ("ấn", "ấn độ"),
    ("đức", "đức"),
    ("hàn", "hàn quốc"),
    ("lào", "lào"),
    ("mỹ", "mỹ"),
    ("nga", "nga"),
    ("nhật", "nhật bản"),
    ("pháp", "pháp"),
    ("thái", "thái lan"),
    ("triều", "triều tiên"),
    ("trung", "trung quốc"),
    ("úc", "úc"),
    ("việt", "việt nam"),
    ("xô", "liên xô"),
    ("ý", "ý"),
];

/// "Thị trưởng Kiev Vitali Klitschko": when a name tagged after a title begins with a
/// known country or large place (the office's jurisdiction) and at least two words
/// follow it, the place stands on its own and the person's name starts after it.
/// Small places are left alone: many Vietnamese names begin with a word that is also
/// the name of some village.
fn split_leading_place(gaz: &crate::Gazetteer, cands: &mut [Cand], first: usize, i: usize) {
    if let Some(g) = leading_place(gaz, cands, first, i) {
        cands[g].nested = false;
        cands[i].start = cands[g].end;
    }
}

/// The gazetteer candidate of a country, region or large place that opens candidate
/// `i` and leaves at least two tokens of it ("Kiev" in "Kiev Vitali Klitschko").
fn leading_place(gaz: &crate::Gazetteer, cands: &[Cand], first: usize, i: usize) -> Option<usize> {
    let (start, end) = (cands[i].start, cands[i].end);
    let known_place = |c: &Cand| match &c.link {
        Link::Entries(list) => list.iter().any(|&e| {
            let entry = gaz.entry(e);
            match entry.kind {
                EntityKind::Country | EntityKind::Region => true,
                EntityKind::Place => entry.population >= 100_000,
                _ => false,
            }
        }),
        _ => false,
    };
    cands[first..]
        .iter()
        .position(|c| {
            c.start == start && c.end + 2 <= end && c.method == "gazetteer" && known_place(c)
        })
        .map(|p| p + first)
}

/// Whether a title may be followed by the body its holder heads ("giám đốc Bưu điện"):
/// an office with no national holder (not a president, prime minister or minister).
fn heads_body(title: &crate::rules::Title) -> bool {
    title.class == TitleClass::Office && title.code.is_none()
}
