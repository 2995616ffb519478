//! Unit tests on sentences written for thoisu, with a small hand-made lexicon.

use thoisu_doc::{Coordinates, Document, EntityKind};

use crate::{document_from_words, EntityExtractor, GazEntry, Gazetteer, Office};

fn country(cc: &str, name: &str, vi: &[&str]) -> GazEntry {
    let mut e = GazEntry::new(&format!("country:{cc}"), EntityKind::Country, name);
    e.country = Some(cc.to_string());
    e.aliases = vi.iter().map(|s| s.to_string()).collect();
    e.name_vi = vi.first().map(|s| s.to_string());
    e
}

fn place(id: &str, name: &str, cc: &str, population: u64, lat: f64) -> GazEntry {
    let mut e = GazEntry::new(id, EntityKind::Place, name);
    e.country = Some(cc.to_string());
    e.population = population;
    e.coordinates = Some(Coordinates { lat, lon: 10.0 });
    e
}

fn lexicon() -> Gazetteer {
    let mut minister = GazEntry::new("person:lan", EntityKind::Person, "Lan Hoa Mai");
    minister.country = Some("KH".into());
    minister.offices = vec![Office {
        office: "hog".into(),
        country: "KH".into(),
        start: "2019-01-01".into(),
        end: Some("2021-12-31".into()),
    }];
    let mut union = GazEntry::new("org:asean", EntityKind::Organization, "ASEAN");
    union.aliases = vec!["Hiệp hội các quốc gia Đông Nam Á".into()];
    Gazetteer::new(vec![
        country("RU", "Russia", &["Nga", "Liên bang Nga"]),
        country("UA", "Ukraine", &["Ukraine"]),
        country("KH", "Cambodia", &["Campuchia"]),
        country("TH", "Thailand", &["Thái Lan"]),
        country("LA", "Laos", &["Lào"]),
        // Two towns share a name; the article's countries decide.
        place("geo:1", "Sao Mai", "TH", 900_000, 15.0),
        place("geo:2", "Sao Mai", "LA", 20_000, 19.0),
        minister,
        union,
    ])
}

fn doc(sentences: &[&str]) -> Document {
    // Words joined by `_` inside, separated by spaces, as in segmented text.
    let s: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.split(' ').map(|w| w.replace('_', " ")).collect())
        .collect();
    document_from_words("test", &s)
}

fn run(sentences: &[&str], date: Option<&str>) -> Document {
    let mut d = doc(sentences);
    d.date = date.map(str::to_string);
    EntityExtractor::with_gazetteer(lexicon()).extract(&mut d);
    d
}

fn entity_of<'a>(d: &'a Document, text: &str) -> Option<&'a thoisu_doc::Entity> {
    d.mentions
        .iter()
        .find(|m| m.text == text)
        .and_then(|m| m.entity)
        .map(|e| &d.entities[e])
}

#[test]
fn aliases_of_one_country_are_one_entity() {
    let d = run(&["Nga và Liên_bang Nga là một ; phía Nga nói vậy ."], None);
    let ids: Vec<&str> = d
        .mentions
        .iter()
        .filter_map(|m| m.entity)
        .map(|e| d.entities[e].id.as_str())
        .collect();
    assert_eq!(ids, vec!["country:RU"; 3]);
    assert_eq!(d.entities.len(), 1);
    assert_eq!(d.entities[0].mentions.len(), 3);
}

#[test]
fn spans_point_into_the_original_text() {
    let d = run(&["Tổng_thống Ukraine gặp Bộ_Quốc_phòng Nga ."], None);
    for m in &d.mentions {
        assert_eq!(d.slice(m.span), Some(m.text.as_str()));
    }
}

#[test]
fn template_builds_a_body_tied_to_its_country() {
    let d = run(
        &["Bộ_Quốc_phòng Thái_Lan cho_biết quân_đội nước này đã rút ."],
        None,
    );
    let ministry = entity_of(&d, "Bộ Quốc phòng Thái Lan").expect("ministry");
    assert_eq!(ministry.name, "Ministry of Defence of Thailand");
    assert_eq!(ministry.country.as_deref(), Some("TH"));
    let army = entity_of(&d, "quân đội nước này").expect("army");
    assert_eq!(army.name, "Armed Forces of Thailand");
    let anaphora = entity_of(&d, "nước này").expect("anaphora");
    assert_eq!(anaphora.id, "country:TH");
}

#[test]
fn this_country_is_the_subject_not_the_last_country_named() {
    let d = run(
        &["Campuchia bác_bỏ thông_tin rằng nước này tấn_công Lào ."],
        None,
    );
    assert_eq!(entity_of(&d, "nước này").unwrap().id, "country:KH");
    let d = run(&["Lào lên_tiếng .", "Nước này phản_đối ."], None);
    assert_eq!(entity_of(&d, "Nước này").unwrap().id, "country:LA");
}

#[test]
fn two_countries_are_the_pair_named_before() {
    let d = run(
        &[
            "Nga và Ukraine đàm_phán , Lào theo_dõi .",
            "Hai nước này ký thỏa_thuận .",
        ],
        None,
    );
    let linked: Vec<&str> = d
        .mentions
        .iter()
        .filter(|m| m.text == "Hai nước này")
        .filter_map(|m| m.entity)
        .map(|e| d.entities[e].id.as_str())
        .collect();
    assert_eq!(linked, vec!["country:RU", "country:UA"]);
}

#[test]
fn place_ambiguity_follows_the_countries_of_the_article() {
    let d = run(
        &["Quân_đội Lào tuần_tra ở Sao_Mai , gần biên_giới Lào ."],
        None,
    );
    assert_eq!(entity_of(&d, "Sao Mai").unwrap().id, "geo:2");
    let d = run(&["Người_dân Sao_Mai đi chợ ."], None);
    assert_eq!(
        entity_of(&d, "Sao Mai").unwrap().id,
        "geo:1",
        "largest when no country helps"
    );
}

/// Regression: "Paris" in an article that named the United States once resolved to
/// Paris, Texas, because any support from the article's countries beat any size.
#[test]
fn a_metropolis_is_not_displaced_by_a_small_namesake_in_a_country_the_article_names() {
    let mut g = lexicon().entries().to_vec();
    g.push(country("FR", "France", &["Pháp"]));
    g.push(country("US", "United States", &["Mỹ"]));
    g.push(place("geo:paris", "Paris", "FR", 2_100_000, 48.8));
    g.push(place("geo:paris-tx", "Paris", "US", 25_000, 33.6));
    let mut ex = EntityExtractor::with_gazetteer(Gazetteer::new(g));
    let mut d = doc(&["Ngoại_trưởng Mỹ tới Paris hôm_qua ."]);
    ex.extract(&mut d);
    assert_eq!(entity_of(&d, "Paris").unwrap().id, "geo:paris");
}

#[test]
fn title_with_country_is_the_office_holder_on_the_date() {
    let d = run(&["Thủ_tướng Campuchia phát_biểu ."], Some("2020-06-01"));
    let pm = entity_of(&d, "Thủ tướng Campuchia").unwrap_or_else(|| panic!("{:#?}", d.mentions));
    assert_eq!(pm.id, "person:lan");
    assert_eq!(pm.role.as_deref(), Some("Prime Minister of Cambodia"));
    let later = run(&["Thủ_tướng Campuchia phát_biểu ."], Some("2023-06-01"));
    let who =
        entity_of(&later, "Thủ tướng Campuchia").unwrap_or_else(|| panic!("{:#?}", later.mentions));
    assert!(!who.canonical, "another holder in 2023: {who:?}");
}

#[test]
fn surname_links_back_to_the_full_name() {
    let d = run(&["Ông Lan_Hoa_Mai tới Lào .", "Ông Mai nói ."], None);
    assert_eq!(
        entity_of(&d, "Mai").map(|e| e.id.as_str()),
        Some("person:lan")
    );
}

#[test]
fn a_name_after_a_demonym_is_a_person_of_that_country() {
    // Regression: the tagger read "Nga Ivan Petrovsky" as one organization.
    let d = run(&["Doanh_nhân người Nga Ivan Petrovsky đã nhận tội ."], None);
    assert_eq!(
        entity_of(&d, "Nga").map(|e| e.id.as_str()),
        Some("country:RU")
    );
    let m = d
        .mentions
        .iter()
        .find(|m| m.text == "Ivan Petrovsky")
        .unwrap_or_else(|| panic!("{:#?}", d.mentions));
    assert_eq!(m.kind, EntityKind::Person);
}

#[test]
fn a_body_outranks_a_village_of_its_name() {
    // Regression: "NATO" and "EU" linked to GeoNames villages named Nato and Eu.
    let mut nato = GazEntry::new("org:nato", EntityKind::Organization, "NATO");
    nato.aliases = vec!["NATO".into()];
    let mut village = place("geo:9", "Nato", "PH", 3_000, 13.6);
    village.aliases = vec!["Nato".into()];
    let mut ex = EntityExtractor::with_gazetteer(Gazetteer::new(vec![nato, village]));
    let mut d = doc(&["Ngoại_trưởng các nước NATO họp ở Brussels ."]);
    ex.extract(&mut d);
    assert_eq!(
        entity_of(&d, "NATO").map(|e| e.id.as_str()),
        Some("org:nato"),
        "{:#?}",
        d.mentions
    );
}

#[test]
fn a_region_outranks_a_town_but_not_a_city() {
    // Regression: "California" linked to a town of 10,000 named California.
    let region = |id: &str, name: &str| {
        let mut e = GazEntry::new(id, EntityKind::Region, name);
        e.country = Some("US".into());
        e.aliases = vec![name.into()];
        e
    };
    let mut town = place("geo:10", "California", "US", 10_000, 38.3);
    town.aliases = vec!["California".into()];
    let mut city = place("geo:11", "Washington", "US", 700_000, 38.9);
    city.aliases = vec!["Washington".into()];
    let gaz = Gazetteer::new(vec![
        region("region:US-CA", "California"),
        region("region:US-WA", "Washington"),
        town,
        city,
    ]);
    let mut ex = EntityExtractor::with_gazetteer(gaz);
    let mut d = doc(&["Thống_đốc California tới Washington ."]);
    ex.extract(&mut d);
    let id = |t: &str| entity_of(&d, t).map(|e| e.id.clone());
    assert_eq!(
        id("California").as_deref(),
        Some("region:US-CA"),
        "{:#?}",
        d.mentions
    );
    assert_eq!(
        id("Washington").as_deref(),
        Some("geo:11"),
        "{:#?}",
        d.mentions
    );
}

#[test]
fn one_syllable_countries_in_a_dashed_pair() {
    let d = run(&["Quan_hệ Thái - Lào tốt , ông Thái nói ."], None);
    let ids: Vec<(&str, &str)> = d
        .mentions
        .iter()
        .filter_map(|m| Some((m.text.as_str(), d.entities[m.entity?].id.as_str())))
        .collect();
    assert_eq!(
        ids[..2],
        [("Thái", "country:TH"), ("Lào", "country:LA")],
        "{ids:?}"
    );
    // Outside a pair, "Thái" is a name, not Thailand.
    assert!(
        !ids[2..].iter().any(|&(_, id)| id == "country:TH"),
        "{ids:?}"
    );
}

#[test]
fn family_name_first_links_back_to_the_full_name() {
    let d = run(
        &[
            "Bà Xiang_Xueqiu tới Seoul .",
            "Cảnh_sát muốn gặp bà Xiang .",
        ],
        None,
    );
    let full = entity_of(&d, "Xiang Xueqiu").unwrap_or_else(|| panic!("{:#?}", d.mentions));
    let short = entity_of(&d, "Xiang").unwrap_or_else(|| panic!("{:#?}", d.mentions));
    assert_eq!(short.id, full.id);
}

#[test]
fn a_given_name_prefers_the_person_it_ends() {
    // "Mai" ends one name and begins another: the name it ends wins.
    let d = run(
        &["Ông Mai_Văn_Hùng gặp ông Lê_Văn_Mai .", "Ông Mai nói ."],
        None,
    );
    let m = d
        .mentions
        .iter()
        .rfind(|m| m.text == "Mai")
        .unwrap_or_else(|| panic!("{:#?}", d.mentions));
    let e = &d.entities[m.entity.unwrap()];
    assert_eq!(e.name, "Lê Văn Mai", "{:#?}", d.mentions);
}

#[test]
fn title_marks_an_unknown_person_and_gives_the_role() {
    let d = run(&["Tổng_thống Zelenko gặp Ngoại_trưởng Borodai ."], None);
    let m = d
        .mentions
        .iter()
        .find(|m| m.text == "Zelenko")
        .expect("person after title");
    assert_eq!(m.kind, EntityKind::Person);
    assert_eq!(m.role.as_deref(), Some("Tổng thống"));
    let b = d
        .mentions
        .iter()
        .find(|m| m.text == "Borodai")
        .expect("second person");
    assert_eq!(b.role.as_deref(), Some("Ngoại trưởng"), "{:#?}", d.mentions);
}

#[test]
fn a_title_the_lexicon_lists_for_one_country_marks_a_person() {
    let d = run(&["Nhật_hoàng Naruhito phát_biểu ."], None);
    let m = d.mentions.iter().find(|m| m.text == "Naruhito");
    let m = m.unwrap_or_else(|| panic!("{:#?}", d.mentions));
    assert_eq!(m.kind, EntityKind::Person);
    assert_eq!(m.role.as_deref(), Some("Nhật hoàng"));
}

#[test]
fn misspelled_country_resolves_with_lower_confidence() {
    let d = run(&["Quân_đội Ukrainee rút khỏi Ukraine ."], None);
    let m = d.mentions.iter().find(|m| m.text == "Ukrainee");
    // The tagger may or may not propose it; when it does, it must resolve fuzzily.
    if let Some(m) = m {
        let e = &d.entities[m.entity.unwrap()];
        assert_eq!(e.id, "country:UA");
        assert!(m.confidence < 0.9);
    }
    let g = lexicon();
    let (e, _) = g.fuzzy("Campuchiaa").unwrap();
    assert_eq!(g.entry(e).id, "country:KH");
}

#[test]
fn a_country_opening_a_quote_that_conflicts_with_the_speaker_is_flagged() {
    let d = run(
        &["Chính_phủ Campuchia ra thông_báo : “ Thái_Lan quyết_định kiến_nghị với Nga ” ."],
        None,
    );
    assert!(
        d.warnings
            .iter()
            .any(|w| w.message.contains("Thái Lan") && w.message.contains("Cambodia")),
        "{:?}",
        d.warnings
    );
    let m = d.mentions.iter().find(|m| m.text == "Thái Lan").unwrap();
    assert!(m.confidence <= 0.3);
    // The same sentence with the speaker's own country raises nothing.
    let d = run(
        &["Chính_phủ Campuchia ra thông_báo : “ Campuchia quyết_định kiến_nghị với Nga ” ."],
        None,
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn acronym_needs_capitals_and_honorific_makes_a_person() {
    let d = run(&["Chị Nga bán hàng ở chợ , còn ông Lào đi Lào ."], None);
    assert_eq!(
        entity_of(&d, "Nga").map(|e| e.kind),
        Some(EntityKind::Person),
        "{:#?}",
        d.mentions
    );
    let lao: Vec<EntityKind> = d
        .mentions
        .iter()
        .filter(|m| m.text == "Lào")
        .map(|m| m.kind)
        .collect();
    assert_eq!(lao, vec![EntityKind::Person, EntityKind::Country]);
    let d = run(&["ASEAN họp ; asean không phải tên riêng ."], None);
    assert_eq!(
        d.mentions
            .iter()
            .filter(|m| m.text.eq_ignore_ascii_case("asean"))
            .count(),
        1
    );
}

#[test]
fn bad_input_does_not_panic() {
    let mut ex = EntityExtractor::with_gazetteer(lexicon());
    let mut d = Document::new("x", "abc");
    d.sentences.push(thoisu_doc::Sentence {
        span: thoisu_doc::Span::new(0, 3),
        tokens: thoisu_doc::IndexRange::new(0, 5),
    });
    ex.extract(&mut d);
    assert!(d.mentions.is_empty());
    assert!(!d.warnings.is_empty());
    let mut empty = Document::new("e", "");
    ex.extract(&mut empty);
    assert!(empty.mentions.is_empty());
}

#[test]
fn acronym_in_brackets_is_an_alias_of_the_name_before_it() {
    let d = run(
        &[
            "Nga và Lào thuộc Liên_minh Kinh_tế Sông_Mê ( LKS ) .",
            "Sau đó , LKS họp tại Lào .",
        ],
        None,
    );
    let long = d
        .mentions
        .iter()
        .find(|m| m.text.starts_with("Liên minh"))
        .expect("long form");
    let short: Vec<_> = d.mentions.iter().filter(|m| m.text == "LKS").collect();
    assert_eq!(short.len(), 2, "{:#?}", d.mentions);
    assert!(short
        .iter()
        .all(|m| m.entity == long.entity && m.entity.is_some()));
}

#[test]
fn treaty_names_run_through_commas_and_and() {
    let d = run(
        &["Hai bên ký Hiệp_ước Hòa_bình , Hữu_nghị và Hợp_tác năm 2001 ."],
        None,
    );
    let t = d
        .mentions
        .iter()
        .find(|m| m.kind == EntityKind::Treaty)
        .expect("treaty");
    assert_eq!(t.text, "Hiệp ước Hòa bình, Hữu nghị và Hợp tác");
}

#[test]
fn a_name_found_once_is_found_where_it_recurs() {
    let d = run(
        &["Tổng_thống Zelenko nói với Zelenko rằng Zelenko sẽ đi ."],
        None,
    );
    let z: Vec<_> = d.mentions.iter().filter(|m| m.text == "Zelenko").collect();
    assert_eq!(z.len(), 3, "{:#?}", d.mentions);
    assert!(
        z.iter().all(|m| m.entity == z[0].entity),
        "{:#?}",
        d.mentions
    );
}

#[test]
fn unknown_names_in_a_list_of_places_are_places() {
    let mut d = doc(&["Pháo_kích nhằm vào Zorba , Sao_Mai , Sao_Mai và Boravia ."]);
    let mut g = lexicon().entries().to_vec();
    g.push(place("geo:3", "Zorba", "LA", 500, 18.0));
    EntityExtractor::with_gazetteer(Gazetteer::new(g)).extract(&mut d);
    let b = entity_of(&d, "Boravia").expect("Boravia");
    assert_eq!(b.kind, EntityKind::Place, "{:#?}", d.mentions);
    assert!(!b.canonical);
}

#[test]
fn words_far_from_any_capital_or_digit_get_no_tagger_features() {
    let mut d = doc(&["Bà_Mai đi chợ mua rau và thịt lúc sáng ngày 9 ."]);
    let mut ex = EntityExtractor::with_gazetteer(lexicon());
    ex.extract(&mut d);
    // Three words each side of `Bà Mai` and of `9` are near; `rau và thịt` are not.
    let far: Vec<usize> = (0..ex.buf.word_count())
        .filter(|&i| ex.buf.far[i])
        .collect();
    assert_eq!(far, [4, 5, 6]);
    for i in 0..ex.buf.word_count() {
        assert_eq!(
            ex.buf.word_feats(i).is_empty(),
            far.contains(&i),
            "word {i}"
        );
    }
    assert!(entity_of(&d, "Bà Mai").is_some() || entity_of(&d, "Mai").is_some());
}
