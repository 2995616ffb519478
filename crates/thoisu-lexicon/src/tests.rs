//! Unit tests on the embedded data: what a user expects the lexicon to resolve.

use thoisu_doc::EntityKind;

use crate::{AliasForm, Compiled, Lexicon, Office, TitleClass, EMBEDDED};

fn ids(surface: &str) -> Vec<String> {
    let lex = Lexicon::get();
    lex.lookup(surface)
        .iter()
        .map(|a| lex.entry_at(a.entry).id().into_owned())
        .collect()
}

fn holder(cc: &str, office: Office, date: &str) -> Option<&'static str> {
    Lexicon::get()
        .office_holder(cc, office, date)
        .map(|e| e.name())
}

#[test]
fn countries_by_their_vietnamese_names() {
    assert_eq!(ids("Nga"), ["country:RU"]);
    assert_eq!(ids("Liên bang Nga"), ["country:RU"]);
    assert_eq!(ids("phía Nga"), ["country:RU"]);
    assert_eq!(ids("người Nga"), ["country:RU"]);
    assert_eq!(ids("người Ukraine"), ["country:UA"]);
    assert_eq!(ids("phía Azerbaijan"), ["country:AZ"]);
    assert_eq!(ids("Mỹ"), ["country:US"]);
    assert!(ids("Hoa Kỳ").iter().any(|id| id == "country:US"));
    assert_eq!(ids("Triều Tiên"), ["country:KP"]);
    assert_eq!(ids("Hàn Quốc"), ["country:KR"]);
    // Places share the name (Armenia, Colombia); the country comes first.
    assert_eq!(ids("Armenia")[0], "country:AM");
    assert_eq!(ids("Thổ Nhĩ Kỳ"), ["country:TR"]);
}

#[test]
fn country_records_carry_codes_and_capitals() {
    let lex = Lexicon::get();
    let am = lex.entry("country:AM").unwrap();
    assert_eq!(am.kind(), EntityKind::Country);
    assert_eq!(am.country(), Some("AM"));
    assert_eq!(am.wikidata(), Some("Q399"));
    assert!(am.population() > 1_000_000);
    let capital = lex.entry(am.capital().unwrap()).unwrap();
    assert_eq!(capital.name(), "Yerevan");
}

#[test]
fn historical_states_are_marked() {
    let lex = Lexicon::get();
    let su = lex.entry_at(lex.lookup("Liên Xô").first().unwrap().entry);
    assert_eq!(su.name(), "Soviet Union");
    assert!(su.historical());
    assert!(!lex.entry("country:RU").unwrap().historical());
    assert_eq!(ids("Tiệp Khắc"), ["country:CSHH"]);
}

#[test]
fn exonyms_resolve_to_places_with_coordinates() {
    let lex = Lexicon::get();
    let found = lex.lookup("Mát-xcơ-va");
    assert!(!found.is_empty());
    let moscow = lex.entry_at(found.first().unwrap().entry);
    assert_eq!(moscow.name(), "Moscow");
    assert_eq!(moscow.country(), Some("RU"));
    assert_eq!(moscow.timezone(), Some("Europe/Moscow"));
    let c = moscow.coordinates().unwrap();
    assert!(
        (c.lat - 55.75).abs() < 0.2 && (c.lon - 37.6).abs() < 0.2,
        "{c:?}"
    );
    assert_eq!(found.first().unwrap().form, AliasForm::Exonym);
    assert!(ids("Luân Đôn").iter().all(|id| id.starts_with("geonames:")));
    assert!(!ids("Bắc Kinh").is_empty());
}

#[test]
fn small_armenian_towns_are_in_armenia() {
    let lex = Lexicon::get();
    for town in ["Kapan", "Goris", "Jermuk"] {
        let found = lex.lookup(town);
        assert!(!found.is_empty(), "{town} missing");
        let in_am = found
            .iter()
            .any(|a| lex.entry_at(a.entry).country() == Some("AM"));
        assert!(in_am, "{town} not in AM");
    }
}

#[test]
fn regions_and_organizations() {
    let lex = Lexicon::get();
    let nk = lex.entry("region:nagorno-karabakh").unwrap();
    assert_eq!(nk.country(), Some("AZ"));
    assert_eq!(ids("Dải Gaza"), ["region:gaza-strip"]);
    assert_eq!(ids("CSTO"), ["org:csto"]);
    assert_eq!(ids("Tổ chức Hiệp ước An ninh Tập thể"), ["org:csto"]);
    assert_eq!(ids("NATO"), ["org:nato"]);
    assert_eq!(ids("Lầu Năm Góc"), ["org:defence-ministry:US"]);
    // Named national bodies share the ids their templates derive.
    let t = lex.template("Quân đội").unwrap();
    assert_eq!(ids("Quân đội Nga"), [t.id_for("RU")]);
    assert_eq!(ids("IDF"), [t.id_for("IL")]);
    assert_eq!(
        lex.entry("org:hamas").unwrap().kind(),
        EntityKind::ArmedGroup
    );
    assert_eq!(lex.entry("org:tass").unwrap().country(), Some("RU"));
}

#[test]
fn office_holders_by_country_and_date() {
    assert_eq!(
        holder("AM", Office::HeadOfGovernment, "2022-09-13"),
        Some("Nikol Pashinyan")
    );
    assert_eq!(
        holder("AM", Office::HeadOfGovernment, "2017-01-01"),
        Some("Karen Karapetyan")
    );
    assert_eq!(
        holder("AZ", Office::HeadOfState, "2022-09-13"),
        Some("Ilham Aliyev")
    );
    assert_eq!(
        holder("RU", Office::ForeignMinister, "2022-09-13"),
        Some("Sergey Lavrov")
    );
    assert_eq!(
        holder("US", Office::HeadOfState, "2022-09-13"),
        Some("Joe Biden")
    );
    assert_eq!(
        holder("US", Office::HeadOfState, "2018-06-01"),
        Some("Donald Trump")
    );
    // On a day of handover the incoming holder wins.
    assert_eq!(
        holder("US", Office::HeadOfState, "2021-01-20"),
        Some("Joe Biden")
    );
    assert_eq!(
        holder("GB", Office::HeadOfGovernment, "2022-10-01"),
        Some("Liz Truss")
    );
    assert_eq!(
        holder("RU", Office::DefenceMinister, "2024-06-01"),
        Some("Andrei Belousov")
    );
    assert_eq!(holder("AM", Office::HeadOfGovernment, "1990-01-01"), None);
    assert_eq!(holder("ZZ", Office::HeadOfState, "2022-09-13"), None);
    assert_eq!(holder("AM", Office::HeadOfState, "not a date"), None);
}

#[test]
fn title_then_holder_follows_each_country_constitution() {
    // "Tổng thống Iran" heads the government; the head of state is the Supreme Leader.
    let lex = Lexicon::get();
    let office = lex.title_office("Tổng thống", Some("IR")).unwrap();
    assert_eq!(holder("IR", office, "2022-09-13"), Some("Ebrahim Raisi"));
    assert_eq!(
        holder("IR", Office::HeadOfState, "2022-09-13"),
        Some("Ali Khamenei")
    );
    let office = lex.title_office("Thủ tướng", Some("JP")).unwrap();
    assert_eq!(holder("JP", office, "2023-05-01"), Some("Fumio Kishida"));
    assert_eq!(
        holder("TR", Office::HeadOfGovernment, "2017-01-01"),
        Some("Binali Yıldırım")
    );
    assert_eq!(
        holder("TR", Office::HeadOfGovernment, "2020-01-01"),
        Some("Recep Tayyip Erdoğan")
    );
}

#[test]
fn each_office_has_at_most_one_open_term() {
    let lex = Lexicon::get();
    let mut open = std::collections::HashSet::new();
    for t in lex.offices().iter().filter(|t| t.end.is_none()) {
        assert!(
            open.insert((t.country.as_str(), t.office)),
            "{} {:?}",
            t.country,
            t.office
        );
    }
    let person = lex.entry_index("person:nikol-pashinyan").unwrap();
    assert!(lex
        .terms_of(person)
        .any(|t| t.office == Office::HeadOfGovernment));
}

#[test]
fn partial_end_dates_cover_their_month() {
    // Arshak Karapetyan's term is known to the month: 2021-08 to 2021-11.
    assert_eq!(
        holder("AM", Office::DefenceMinister, "2021-11-10"),
        Some("Arshak Karapetyan")
    );
    assert_eq!(
        holder("AM", Office::DefenceMinister, "2021-11-20"),
        Some("Suren Papikyan")
    );
}

#[test]
fn templates_and_titles() {
    let lex = Lexicon::get();
    let t = lex.template("Bộ Quốc phòng").unwrap();
    assert_eq!(t.id_for("AM"), "org:defence-ministry:AM");
    assert_eq!(t.name_for("Armenia"), "Ministry of Defence of Armenia");
    assert_eq!(
        lex.template("bộ Quốc phòng").unwrap().key,
        "defence-ministry"
    );
    assert!(lex.template("Bộ Ngoại giao").is_some());
    assert!(lex.template("Hội đồng An ninh").is_some());
    assert_eq!(
        lex.template("Quân đội").unwrap().kind,
        EntityKind::ArmedGroup
    );
    assert!(lex.template("Bộ Quốc").is_none());
    assert_eq!(
        lex.template("hội đồng an ninh").unwrap().key,
        "security-council"
    );
    assert_eq!(
        lex.template("lực lượng gìn giữ hòa bình").unwrap().key,
        "peacekeepers"
    );
    assert_eq!(
        lex.title_office("Thủ tướng", Some("AM")),
        Some(Office::HeadOfGovernment)
    );
    assert_eq!(
        lex.title_office("Tổng thống", Some("RU")),
        Some(Office::HeadOfState)
    );
    assert_eq!(
        lex.title_office("Tổng thống", Some("IR")),
        Some(Office::HeadOfGovernment)
    );
    assert_eq!(
        lex.title_office("Ngoại trưởng", None),
        Some(Office::ForeignMinister)
    );
    assert_eq!(lex.title_office("Chủ tịch", None), None);
    assert_eq!(
        lex.title_office("Chủ tịch", Some("CN")),
        Some(Office::HeadOfState)
    );
}

#[test]
fn templates_carry_role_and_bare_use() {
    let lex = Lexicon::get();
    let fm = lex.template("Bộ Ngoại giao").unwrap();
    assert_eq!((fm.role.as_str(), fm.bare), ("foreign ministry", true));
    let navy = lex.template("Hải quân").unwrap();
    assert_eq!((navy.role.as_str(), navy.bare), ("navy", false));
    // Rows that share a key are one body: one role.
    for t in lex.templates() {
        let first = lex.templates().iter().find(|o| o.key == t.key).unwrap();
        assert_eq!((t.kind, &t.role), (first.kind, &first.role), "{}", t.prefix);
    }
    assert_eq!(EMBEDDED.templates().unwrap(), lex.templates());
}

#[test]
fn titles_carry_english_and_class() {
    let lex = Lexicon::get();
    let row = |text: &str, cc: Option<&str>| {
        lex.titles()
            .iter()
            .find(|t| t.text == text && t.country.as_deref() == cc)
            .unwrap_or_else(|| panic!("{text} {cc:?}"))
    };
    let dm = row("Bộ trưởng Quốc phòng", None);
    assert_eq!(dm.english, "Defence Minister");
    assert_eq!(
        (dm.office, dm.class),
        (Some(Office::DefenceMinister), TitleClass::Office)
    );
    let mayor = row("Thị trưởng", None);
    assert_eq!((mayor.english.as_str(), mayor.office), ("Mayor", None));
    assert_eq!(row("ông", None).class, TitleClass::Honorific);
    assert_eq!(lex.title_office("Thị trưởng", Some("US")), None);
    assert_eq!(lex.title_office("Chủ tịch", Some("US")), None);
    assert_eq!(row("Chủ tịch", Some("CN")).english, "President");
    // Honorifics never name an office.
    assert!(lex
        .titles()
        .iter()
        .all(|t| t.class == TitleClass::Office || t.office.is_none()));
    assert_eq!(EMBEDDED.titles().unwrap(), lex.titles());
}

#[test]
fn folded_lookup_ignores_case_and_diacritics() {
    let lex = Lexicon::get();
    let ids: Vec<String> = lex
        .lookup_folded("lien bang nga")
        .map(|a| lex.entry_at(a.entry).id().into_owned())
        .collect();
    assert_eq!(ids, ["country:RU"]);
    assert!(lex.lookup_folded("mat-xco-va").next().is_some());
    assert!(lex.lookup_folded("no such place at all").next().is_none());
}

#[test]
fn ids_are_unique_and_aliases_point_to_entries() {
    let lex = Lexicon::get();
    let mut seen = std::collections::HashSet::new();
    for e in lex.entries().iter() {
        assert!(seen.insert(e.id()), "duplicate id {}", e.id());
    }
    let n = lex.entries().len() as u32;
    assert!(lex
        .aliases()
        .iter()
        .all(|a| a.entry < n && !a.text.is_empty()));
    assert!(lex.offices().iter().all(|t| t.entry < n));
    // Every id finds its own entry again, places included (found by binary search).
    for (i, e) in lex.entries().iter().enumerate().step_by(97) {
        assert_eq!(lex.entry_index(&e.id()), Some(i as u32), "{}", e.id());
        assert_eq!(e.index(), i as u32);
    }
    assert_eq!(lex.entry("geonames:174875").unwrap().name(), "Kapan");
    assert!(lex.entry("geonames:999999999").is_none());
    assert!(lex.entry("geonames:x").is_none());
    let persons = lex.offices().iter().map(|t| lex.entry_at(t.entry));
    assert!(persons.into_iter().all(|e| e.kind() == EntityKind::Person));
}

#[test]
fn every_alias_is_already_normalized() {
    // Keys must equal what thoisu_text::normalize makes of them, or lookups miss.
    let lex = Lexicon::get();
    let bad: Vec<&str> = lex
        .aliases()
        .iter()
        .map(|a| a.text)
        .filter(|t| thoisu_text::normalize(t).text != *t)
        .take(10)
        .collect();
    assert!(bad.is_empty(), "not normalized: {bad:?}");
}

#[test]
fn every_place_row_is_well_formed() {
    // Place fields are read when asked for, not when loading: check them all here.
    Lexicon::get().places.check().unwrap();
}

#[test]
fn aliases_are_sorted_for_binary_search() {
    let a = Lexicon::get().aliases();
    assert!(a
        .iter()
        .zip(a.iter().skip(1))
        .all(|(x, y)| x.text <= y.text));
}

#[test]
fn every_country_has_a_vietnamese_name() {
    let lex = Lexicon::get();
    let missing: Vec<_> = lex
        .entries()
        .iter()
        .filter(|e| e.kind() == EntityKind::Country && e.name_vi().is_none())
        .map(|e| e.id())
        .collect();
    assert!(missing.len() < 10, "no Vietnamese name: {missing:?}");
}

#[test]
fn compiled_data_stays_small() {
    let total = EMBEDDED.entries.len()
        + EMBEDDED.places.iter().map(|p| p.len()).sum::<usize>()
        + EMBEDDED.aliases.len()
        + EMBEDDED.offices.len()
        + EMBEDDED.templates.len()
        + EMBEDDED.titles.len();
    // LZ4 trades 1.6 MB of size for a load several times faster to decode than gzip.
    assert!(total < 10 * 1024 * 1024, "{total} bytes");
}

#[test]
fn corrupt_data_is_an_error_not_a_panic() {
    let garbage = Compiled {
        entries: b"not lz4",
        ..EMBEDDED
    };
    assert!(Lexicon::parse(&garbage).is_err());
    let mut packed = Vec::new();
    {
        use std::io::Write;
        let mut w = lz4_flex::frame::FrameEncoder::new(&mut packed);
        w.write_all(b"x\tperson\tonly three fields\n").unwrap();
        w.finish().unwrap();
    }
    let short = Compiled {
        entries: &packed,
        ..EMBEDDED
    };
    let err = Lexicon::parse(&short).unwrap_err().to_string();
    assert!(err.contains("entries.tsv.lz4 line 1"), "{err}");
}

/// Regression: international bodies once carried their Wikidata id in the country column
/// (`org:unsc` had country `Q37470`).
#[test]
fn country_codes_are_iso_alpha2_and_wikidata_ids_are_q_numbers() {
    for e in Lexicon::get().entries().iter() {
        if let Some(cc) = e.country() {
            let ok = cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase());
            assert!(
                ok,
                "{}: country `{cc}` is not an ISO 3166-1 alpha-2 code",
                e.id()
            );
        }
        if let Some(q) = e.wikidata() {
            let ok =
                q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit());
            assert!(ok, "{}: `{q}` is not a Wikidata id", e.id());
        }
    }
}
