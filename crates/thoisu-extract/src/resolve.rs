//! Resolution: from candidate mentions to entities. Place ambiguity is settled by the
//! countries of the article, then by population; misspelled names by edit distance;
//! surnames, titles and country anaphora link back within the document.

use crate::fasthash::FxHashMap as HashMap;

use thoisu_doc::{Document, Entity, EntityKind, Mention, Span};

use crate::gazetteer::{match_key, office_label, GazEntry};
use crate::recognize::{Cand, Link};
use crate::EntityExtractor;

/// Population from which a city is known worldwide by its name alone.
const METROPOLIS: u64 = 1_000_000;

impl EntityExtractor {
    /// Resolves `cands` and writes mentions, entities and warnings into `doc`.
    pub(crate) fn resolve(&self, doc: &mut Document, mut cands: Vec<Cand>) {
        let counts = self.country_counts(&cands);
        for c in &mut cands {
            if let Link::Entries(list) = &c.link {
                let e = self.choose(list, &counts);
                c.kind = self.gaz.entry(e).kind;
                c.link = Link::Entry(e);
            }
        }
        settle_contests(&self.gaz, &mut cands, &counts);
        let order = text_order(&cands);
        self.resolve_templates(doc, &mut cands, &order);
        self.resolve_anaphora(doc, &mut cands, &order);
        // Anaphora to two countries added candidates.
        let order = text_order(&cands);
        self.resolve_names(doc, &mut cands, &order, &counts);
        crate::acronym::link_acronyms(doc, &mut cands, &order);
        crate::repeat::link_repeats(doc, &mut cands);
        self.align_lists(doc, &mut cands);
        self.resolve_offices(doc, &mut cands);
        let order = text_order(&cands);
        self.write_entities(doc, &cands, &order);
    }

    /// How often each country is named in the document.
    fn country_counts(&self, cands: &[Cand]) -> HashMap<String, usize> {
        let mut counts = HashMap::default();
        for c in cands {
            if let Link::Entries(list) = &c.link {
                let e = self.gaz.entry(list[0]);
                if e.kind == EntityKind::Country {
                    if let Some(cc) = &e.country {
                        *counts.entry(cc.clone()).or_insert(0) += 1;
                    }
                }
            }
        }
        counts
    }

    /// The candidate entry best supported by the countries of the article and by size.
    fn choose(&self, list: &[u32], counts: &HashMap<String, usize>) -> u32 {
        let score = |&e: &u32| {
            let entry = self.gaz.entry(e);
            let named = entry
                .country
                .as_ref()
                .and_then(|cc| counts.get(cc))
                .copied()
                .unwrap_or(0);
            // Countries outrank everything. Otherwise size and the article's countries
            // trade off in orders of magnitude: being in a country the article names is
            // worth a place 100 times larger, and a city of a million or more gets one
            // order back, so "Paris" in an article that names the US is still Paris,
            // France, while a town of Laos beats a bigger namesake in Thailand when the
            // article is about Laos.
            // A region (which has no population here) weighs as a city of 100,000: it
            // outranks a town of its name ("California" is the state, not California,
            // Maryland) but not a city ("Washington" and "New York" are the cities).
            let size = if entry.kind == EntityKind::Region {
                5.0
            } else {
                (entry.population as f64 + 1.0).log10()
            };
            let metropolis = if entry.population >= 1_000_000 {
                1.0
            } else {
                0.0
            };
            let support = if named > 0 {
                2.0 + 0.5 * (named as f64).log10()
            } else {
                0.0
            };
            // A curated body or thing outranks a GeoNames place of the same name ("NATO"
            // is not Nato, a village in the Philippines).
            let curated = matches!(
                entry.kind,
                EntityKind::Organization
                    | EntityKind::ArmedGroup
                    | EntityKind::Treaty
                    | EntityKind::Other
            );
            (
                entry.kind == EntityKind::Country,
                curated,
                size + metropolis + support,
            )
        };
        let mut best = list[0];
        let mut best_score = score(&best);
        for e in &list[1..] {
            let s = score(e);
            // Strictly better only: the list is ordered by prior, which breaks ties.
            if s > best_score {
                best = *e;
                best_score = s;
            }
        }
        best
    }

    /// Whether a name the tagger found may link to entry `e`: a small place counts only
    /// in a country the article names ("miền Nam" is the south of the country in the
    /// news, not a hamlet called Nam in Tibet).
    fn plausible(&self, e: u32, counts: &HashMap<String, usize>) -> bool {
        let entry = self.gaz.entry(e);
        entry.kind != EntityKind::Place
            || entry.population >= 100_000
            || entry
                .country
                .as_ref()
                .is_some_and(|cc| counts.contains_key(cc))
    }

    /// The country code a candidate ties to, for salience and templates.
    fn country_of(&self, c: &Cand) -> Option<String> {
        match &c.link {
            Link::Entry(e) if self.gaz.entry(*e).kind == EntityKind::Country => {
                self.gaz.entry(*e).country.clone()
            }
            Link::Derived { country, .. } => Some(country.clone()),
            _ => None,
        }
    }

    fn resolve_templates(&self, doc: &Document, cands: &mut [Cand], order: &[usize]) {
        for pos in 0..order.len() {
            let i = order[pos];
            let (tpl, country) = match &cands[i].link {
                Link::Template(t, k) => (t.clone(), self.country_of(&cands[*k])),
                Link::BareTemplate(t) => {
                    // The nearest country-tied mention before it in the same sentence.
                    let country = order[..pos]
                        .iter()
                        .rev()
                        .map(|&j| &cands[j])
                        .take_while(|c| c.sentence == cands[i].sentence)
                        .filter(|c| c.method != "demonym")
                        .find_map(|c| self.country_of(c));
                    (t.clone(), country)
                }
                _ => continue,
            };
            cands[i].link = match country {
                Some(cc) => self.derived(&tpl, &cc),
                None => Link::Local,
            };
            if matches!(cands[i].link, Link::Local) && cands[i].method == "template" {
                cands[i].confidence = 0.5;
            }
            let _ = doc;
        }
    }

    fn derived(&self, tpl: &crate::rules::Template, cc: &str) -> Link {
        let id = format!("org:{}:{}", tpl.slug, cc);
        // The lexicon may know the body itself, with more about it.
        if let Some(e) = self.gaz.by_id(&id) {
            return Link::Entry(e);
        }
        let country_name = self
            .country_entry(cc)
            .map_or(cc.to_string(), |e| e.name.clone());
        Link::Derived {
            id,
            name: tpl.pattern.replace("{}", &country_name),
            country: cc.to_string(),
            role: tpl.role.clone(),
        }
    }

    fn country_entry(&self, cc: &str) -> Option<&GazEntry> {
        self.countries.get(cc).map(|&e| self.gaz.entry(e))
    }

    /// Country codes that anaphora at `pos` (in text order) can refer to, most salient
    /// first: the countries of the same sentence before it in text order, then of each
    /// earlier sentence in turn.
    fn salient_countries(
        &self,
        cands: &[Cand],
        order: &[usize],
        pos: usize,
        want: usize,
    ) -> Vec<String> {
        let me = &cands[order[pos]];
        let mut out: Vec<String> = Vec::new();
        let mut sentence = me.sentence;
        let mut end = pos;
        loop {
            let begin = order[..end]
                .iter()
                .rposition(|&j| cands[j].sentence != sentence)
                .map_or(0, |p| p + 1);
            for &j in &order[begin..end] {
                let c = &cands[j];
                if c.method == "demonym" || c.method == "coreference" {
                    continue;
                }
                if let Some(cc) = self.country_of(c) {
                    if !out.contains(&cc) {
                        out.push(cc);
                    }
                }
            }
            if out.len() >= want || begin == 0 || me.sentence - cands[order[begin - 1]].sentence > 3
            {
                break;
            }
            sentence = cands[order[begin - 1]].sentence;
            end = begin;
        }
        out.truncate(want);
        out
    }

    fn resolve_anaphora(&self, _doc: &Document, cands: &mut Vec<Cand>, order: &[usize]) {
        let mut extra = Vec::new();
        for pos in 0..order.len() {
            let i = order[pos];
            match cands[i].link.clone() {
                Link::Anaphora(n) => {
                    let found = self.salient_countries(cands, order, pos, n);
                    if found.len() < n {
                        cands[i].link = Link::Local;
                        cands[i].confidence = 0.0;
                        continue;
                    }
                    let links: Vec<Link> = found
                        .iter()
                        .filter_map(|cc| self.countries.get(cc))
                        .map(|&e| Link::Entry(e))
                        .collect();
                    if links.len() < n {
                        cands[i].link = Link::Local;
                        continue;
                    }
                    cands[i].link = links[0].clone();
                    for l in &links[1..] {
                        let mut c = cands[i].clone();
                        c.link = l.clone();
                        extra.push(c);
                    }
                }
                Link::TemplateAnaphora(tpl) => {
                    let found = self.salient_countries(cands, order, pos, 1);
                    cands[i].link = match found.first() {
                        Some(cc) => self.derived(&tpl, cc),
                        None => Link::Local,
                    };
                }
                _ => {}
            }
        }
        cands.extend(extra);
    }

    /// Tagger and title names: alias lookup, then a person named earlier by the same
    /// surname, then fuzzy lookup, else a document-local entity.
    /// `counts`: how often the document names each country (before resolution).
    fn resolve_names(
        &self,
        doc: &Document,
        cands: &mut [Cand],
        order: &[usize],
        counts: &HashMap<String, usize>,
    ) {
        let mut names = Names {
            counts,
            fuzzy: HashMap::default(),
            people: crate::surnames::People::later(cands, order, |c| self.person_names(doc, c)),
        };
        for pos in 0..order.len() {
            let i = order[pos];
            if cands[i].link == Link::Unresolved {
                self.resolve_name(doc, cands, order, pos, &mut names);
            }
            names.people.passed(pos, self.person_names(doc, &cands[i]));
        }
    }

    /// Resolves the unresolved candidate at `order[pos]`.
    fn resolve_name(
        &self,
        doc: &Document,
        cands: &mut [Cand],
        order: &[usize],
        pos: usize,
        names: &mut Names,
    ) {
        let (counts, people) = (names.counts, &names.people);
        let fuzzy = &mut names.fuzzy;
        let i = order[pos];
        {
            let text = span_text(doc, &cands[i]);
            let key = match_key(text);
            // "thủ đô New Delhi": the name after a lowercase head is what the lexicon knows.
            let name = text.trim_start_matches(|c: char| !c.is_uppercase());
            let known = [key.as_str(), &match_key(name)]
                .into_iter()
                .filter_map(|k| self.gaz.lookup(k))
                .map(|list| self.choose(list, counts))
                .find(|&e| compatible(cands[i].kind, self.gaz.entry(e).kind))
                .filter(|&e| self.plausible(e, counts));
            if let Some(e) = known {
                cands[i].link = Link::Entry(e);
                cands[i].kind = self.gaz.entry(e).kind;
                return;
            }
            if cands[i].kind == EntityKind::Person {
                if let Some(j) = people.same_surname(pos, &key) {
                    cands[i].link = Link::Same(order[j]);
                    cands[i].method = if cands[i].method == "title" {
                        "title"
                    } else {
                        "coreference"
                    };
                    return;
                }
            }
            // New people are common and their names close to known ones by chance;
            // misspellings worth catching are of places and bodies, and of a country the
            // article names, which the tagger may read as a person ("Ucraine, Syria").
            let person = cands[i].kind == EntityKind::Person;
            let found = *fuzzy.entry(key).or_insert_with(|| self.gaz.fuzzy(text));
            let found = found.filter(|&(e, _)| !person || self.named_country(e, counts));
            if let Some((e, conf)) = found {
                let entry_kind = self.gaz.entry(e).kind;
                // The tagger often calls a country ORG ("Ukraine rút quân"): any name close
                // to a country's is that country.
                let fits =
                    compatible(cands[i].kind, entry_kind) || entry_kind == EntityKind::Country;
                if fits && conf > 0.5 {
                    cands[i].link = Link::Entry(e);
                    cands[i].kind = self.gaz.entry(e).kind;
                    cands[i].method = "fuzzy";
                    cands[i].confidence = conf;
                    return;
                }
            }
            cands[i].link = Link::Local;
        }
    }

    /// Whether entry `e` is a country the document names.
    fn named_country(&self, e: u32, counts: &HashMap<String, usize>) -> bool {
        let entry = self.gaz.entry(e);
        entry.kind == EntityKind::Country
            && entry
                .country
                .as_ref()
                .is_some_and(|cc| counts.contains_key(cc))
    }

    /// The names of a person candidate that one-word names can refer back to, as match
    /// keys of two words or more: the lexicon's (English: "qin gang") and the text's
    /// ("tần cương"). None for other kinds and for mentions that are themselves links.
    fn person_names(&self, doc: &Document, c: &Cand) -> Vec<String> {
        if c.kind != EntityKind::Person || matches!(c.link, Link::Same(_) | Link::Office { .. }) {
            return Vec::new();
        }
        let canonical = match &c.link {
            Link::Entry(e) => Some(match_key(&self.gaz.entry(*e).name)),
            _ => None,
        };
        [canonical, Some(match_key(span_text(doc, c)))]
            .into_iter()
            .flatten()
            .filter(|name| name.contains(' '))
            .collect()
    }

    /// In a list of names ("Sotk, Vardenis, Goris và Kapan"), names no lexicon knows
    /// take the kind of the known ones, and their country when the known ones share one.
    fn align_lists(&self, doc: &Document, cands: &mut [Cand]) {
        let order = text_order(cands);
        let top: Vec<usize> = order
            .into_iter()
            .filter(|&i| !cands[i].nested && !cands[i].dropped())
            .collect();
        let mut run: Vec<usize> = Vec::new();
        for (n, &i) in top.iter().enumerate() {
            let joined = n > 0 && {
                let prev = &cands[top[n - 1]];
                let gap = doc.tokens.get(prev.end..cands[i].start).unwrap_or_default();
                prev.sentence == cands[i].sentence
                    && gap.len() == 1
                    && matches!(gap[0].norm(doc), "," | "và" | "hoặc")
            };
            if !joined {
                self.align_run(cands, &run);
                run.clear();
            }
            run.push(i);
        }
        self.align_run(cands, &run);
    }

    fn align_run(&self, cands: &mut [Cand], run: &[usize]) {
        if run.len() < 3 {
            return;
        }
        let known: Vec<&GazEntry> = run
            .iter()
            .filter_map(|&i| match cands[i].link {
                Link::Entry(e) => Some(self.gaz.entry(e)),
                _ => None,
            })
            .collect();
        let places = known
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Place | EntityKind::Region))
            .count();
        // Only known names vote; most of them must be places.
        if places < 2 || places * 2 <= known.len() {
            return;
        }
        let cc = known[0]
            .country
            .clone()
            .filter(|cc| known.iter().all(|e| e.country.as_deref() == Some(cc)));
        for &i in run {
            if cands[i].link == Link::Local && cands[i].kind != EntityKind::Place {
                cands[i].kind = EntityKind::Place;
                cands[i].country_hint = cc.clone();
                cands[i].confidence = cands[i].confidence.min(0.6);
            } else if cands[i].link == Link::Local {
                cands[i].country_hint = cc.clone();
            }
        }
    }

    /// Title-only mentions (`Thủ tướng Armenia`): the office holder on the article's date,
    /// else a person of the article introduced with that title and country.
    fn resolve_offices(&self, doc: &Document, cands: &mut [Cand]) {
        for i in 0..cands.len() {
            let Link::Office {
                office,
                country_cand,
            } = cands[i].link.clone()
            else {
                continue;
            };
            let Some(cc) = self.country_of(&cands[country_cand]) else {
                cands[i].link = Link::Local;
                continue;
            };
            let holder = doc.date.as_deref().and_then(|date| {
                let code = self.office_code(cands[i].role.as_deref()?, &cc)?;
                self.gaz.office_holder(&code, &cc, date)
            });
            if let Some(e) = holder {
                cands[i].link = Link::Entry(e);
                continue;
            }
            let same = (0..cands.len()).find(|&j| {
                j != i
                    && !matches!(cands[j].link, Link::Office { .. })
                    && matches!(&cands[j].office, Some((o, Some(k))) if *o == office && self.country_of(&cands[*k]).as_deref() == Some(&cc))
            });
            cands[i].link = match same {
                Some(j) => Link::Same(j),
                None => Link::Local,
            };
        }
    }

    /// The office code (`hog`, …) a title as written names in a country: the lexicon's
    /// country-specific meaning first, then its general one, then the title table's.
    fn office_code(&self, title: &str, cc: &str) -> Option<String> {
        let key = match_key(title);
        self.gaz
            .title_code(&key, cc)
            .map(str::to_string)
            .or_else(|| self.titles.get(&key).and_then(|t| t.code.clone()))
    }

    fn write_entities(&self, doc: &mut Document, cands: &[Cand], order: &[usize]) {
        let mut keys: HashMap<String, usize> = HashMap::default();
        let mut entity_of: Vec<Option<usize>> = vec![None; cands.len()];
        let mut local = 0;
        // Links to other candidates are followed after everything else is placed.
        for pass in 0..2 {
            for &i in order {
                let c = &cands[i];
                let is_same = matches!(c.link, Link::Same(_));
                if (pass == 0) == is_same || entity_of[i].is_some() {
                    continue;
                }
                entity_of[i] = match &c.link {
                    Link::Same(_) => entity_of[root(cands, i)],
                    Link::Local if c.confidence <= 0.0 => None,
                    _ => {
                        let (key, entity) = self.entity_for(doc, c, &mut local);
                        Some(*keys.entry(key).or_insert_with(|| {
                            doc.entities.push(entity);
                            doc.entities.len() - 1
                        }))
                    }
                };
            }
        }
        // A mention names something: it holds a letter or digit.
        let named = |c: &Cand| span_text(doc, c).chars().any(char::is_alphanumeric);
        let mut all: Vec<usize> = (0..cands.len())
            .filter(|&i| entity_of[i].is_some() && named(&cands[i]))
            .collect();
        all.sort_by_key(|&i| (cands[i].start, std::cmp::Reverse(cands[i].end), i));
        for i in all {
            let c = &cands[i];
            let span = Span::new(
                doc.tokens[c.start].span.start,
                doc.tokens[c.end - 1].span.end,
            );
            let entity = entity_of[i];
            let kind = entity.map_or(c.kind, |e| doc.entities[e].kind);
            if let Some(e) = entity {
                doc.entities[e].mentions.push(doc.mentions.len());
                let entry = match c.link {
                    Link::Entry(x) => Some(self.gaz.entry(x)),
                    _ => None,
                };
                let from_title = self.office_role(c, cands, entry, doc.date.as_deref());
                let role = &mut doc.entities[e].role;
                // A title with its country, as written in the article, says it best.
                let specific = from_title.as_deref().is_some_and(|r| r.contains(" of "));
                if role.is_none()
                    || (specific
                        && !role
                            .as_deref()
                            .is_some_and(|r| r.contains(" of ") && !r.starts_with("Head of")))
                {
                    if let Some(r) = from_title {
                        *role = Some(r);
                    }
                }
            }
            doc.mentions.push(Mention {
                span,
                text: doc.text[span.start..span.end].to_string(),
                kind,
                entity,
                role: c.role.clone(),
                method: c.method.to_string(),
                confidence: c.confidence,
            });
        }
    }

    /// `Prime Minister of Armenia`, from a title and the country written with it.
    /// `Prime Minister of Armenia`: the title's office with the country written after it
    /// or, failing that, the country where the entry held that office on the date.
    fn office_role(
        &self,
        c: &Cand,
        cands: &[Cand],
        entry: Option<&GazEntry>,
        date: Option<&str>,
    ) -> Option<String> {
        let (office, k) = c.office.as_ref()?;
        let written = k.and_then(|k| self.country_of(&cands[k]));
        let held = || {
            let (entry, date) = (entry?, date?);
            entry.offices.iter().find_map(|o| {
                let code = self.office_code(c.role.as_deref()?, &o.country)?;
                (o.office == code && o.covers(date)).then(|| o.country.clone())
            })
        };
        let country = written
            .or_else(held)
            .and_then(|cc| self.country_entry(&cc).map(|e| e.name.clone()));
        Some(match country {
            Some(name) => format!("{office} of {name}"),
            None => office.clone(),
        })
    }

    /// The key that identifies a candidate's entity within the document, and the entity.
    fn entity_for(&self, doc: &Document, c: &Cand, local: &mut usize) -> (String, Entity) {
        match &c.link {
            Link::Entry(e) => {
                let entry = self.gaz.entry(*e);
                (entry.id.clone(), self.canonical(entry, doc.date.as_deref()))
            }
            Link::Derived {
                id,
                name,
                country,
                role,
            } => {
                let entity = Entity {
                    id: id.clone(),
                    kind: c.kind,
                    name: name.clone(),
                    name_vi: Some(span_text(doc, c).to_string()),
                    canonical: true,
                    country: Some(country.clone()),
                    wikidata: None,
                    geonames: None,
                    coordinates: None,
                    role: Some(role.clone()),
                    mentions: Vec::new(),
                };
                (id.clone(), entity)
            }
            _ => {
                let text = span_text(doc, c);
                let key = format!("{:?}:{}", c.kind, match_key(text));
                *local += 1;
                let entity = Entity {
                    id: format!("local:{}", *local),
                    kind: c.kind,
                    name: text.to_string(),
                    name_vi: Some(text.to_string()),
                    canonical: false,
                    country: c.country_hint.clone(),
                    wikidata: None,
                    geonames: None,
                    coordinates: None,
                    role: None,
                    mentions: Vec::new(),
                };
                (key, entity)
            }
        }
    }

    fn canonical(&self, e: &GazEntry, date: Option<&str>) -> Entity {
        let office = date.and_then(|d| e.offices.iter().find(|o| o.covers(d)));
        let role = office
            .map(|o| {
                let country = self
                    .country_entry(&o.country)
                    .map_or(o.country.clone(), |c| c.name.clone());
                format!("{} of {}", office_label(&o.office), country)
            })
            .or_else(|| e.role.clone());
        Entity {
            id: e.id.clone(),
            kind: e.kind,
            name: e.name.clone(),
            name_vi: e.name_vi.clone(),
            canonical: true,
            country: e.country.clone(),
            wikidata: e.wikidata.clone(),
            geonames: e.geonames,
            coordinates: e.coordinates,
            role,
            mentions: Vec::new(),
        }
    }
}

/// What resolving the names of one document keeps across names.
struct Names<'c> {
    /// How often the document names each country (before resolution).
    counts: &'c HashMap<String, usize>,
    /// Fuzzy lookups by match key: names recur within an article; each is looked up once.
    fuzzy: HashMap<String, Option<(u32, f32)>>,
    /// People named so far (final links), and later ones as they stand before resolution
    /// reaches them: one-word names look both up.
    people: crate::surnames::People,
}

/// A place the tagger read as a person is the place when the article names its
/// country, else the person.
fn settle_contests(gaz: &crate::Gazetteer, cands: &mut [Cand], counts: &HashMap<String, usize>) {
    // The tagger's candidates by span: one probe per contest, not a scan of the document.
    let mut tagged: HashMap<(usize, usize), Vec<usize>> = HashMap::default();
    for (i, c) in cands.iter().enumerate() {
        if c.method == "tagger" {
            tagged.entry((c.start, c.end)).or_default().push(i);
        }
    }
    for i in 0..cands.len() {
        let (Link::Entry(e), true) = (&cands[i].link, cands[i].contested) else {
            continue;
        };
        // A place in a country the article names, or a city of a million or more: a
        // world city needs no introduction ("Berlin" in a list of capitals).
        let entry = gaz.entry(*e);
        let supported = entry.population >= METROPOLIS
            || entry
                .country
                .as_ref()
                .is_some_and(|cc| counts.contains_key(cc));
        let (start, end) = (cands[i].start, cands[i].end);
        if supported {
            // The tagger's reading of the same words gives way.
            for &j in tagged.get(&(start, end)).map_or(&[][..], Vec::as_slice) {
                if cands[j].method == "tagger" {
                    drop_cand(&mut cands[j]);
                }
            }
        }
        if !supported {
            drop_cand(&mut cands[i]);
        }
    }
}

fn drop_cand(c: &mut Cand) {
    c.method = "dropped";
    c.link = Link::Local;
    c.confidence = 0.0;
    c.nested = true;
}

/// The candidate a chain of `Same` links ends at.
fn root(cands: &[Cand], mut i: usize) -> usize {
    for _ in 0..cands.len() {
        match cands[i].link {
            Link::Same(j) if j != i => i = j,
            _ => break,
        }
    }
    i
}

/// Candidates sorted by position, outer before inner.
pub(crate) fn text_order(cands: &[Cand]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| (cands[i].start, std::cmp::Reverse(cands[i].end), i));
    order
}

pub(crate) fn span_text<'d>(doc: &'d Document, c: &Cand) -> &'d str {
    &doc.text[doc.tokens[c.start].span.start..doc.tokens[c.end - 1].span.end]
}

/// Whether a tagger type fits an entry's kind.
fn compatible(tagged: EntityKind, entry: EntityKind) -> bool {
    use EntityKind::*;
    let class = |k: EntityKind| match k {
        Person => 0,
        Country | Place | Region => 1,
        Organization | ArmedGroup => 2,
        Treaty | Other => 3,
    };
    class(tagged) == class(entry)
}
