//! Tokens and sentences on news-style sentences written for these tests.

use thoisu_doc::{Document, TokenKind};
use thoisu_text::{normalize, split_sentences, tokenize, RawToken};

fn tokens(text: &str) -> Vec<(String, TokenKind)> {
    let mut raw = Vec::new();
    tokenize(text, &mut raw);
    raw.iter()
        .map(|t| (text[t.start..t.end].to_string(), t.kind))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|(s, _)| s).collect()
}

fn kind_of(text: &str, token: &str) -> TokenKind {
    tokens(text)
        .into_iter()
        .find(|(s, _)| s == token)
        .unwrap_or_else(|| panic!("no token {token:?} in {:?}", texts(text)))
        .1
}

fn sentences(text: &str) -> Vec<String> {
    let mut raw: Vec<RawToken> = Vec::new();
    tokenize(text, &mut raw);
    let mut ranges = Vec::new();
    split_sentences(text, &raw, &mut ranges);
    ranges
        .iter()
        .map(|r| text[raw[r.start].start..raw[r.end - 1].end].to_string())
        .collect()
}

#[test]
fn dates_times_and_numbers_are_single_tokens() {
    let text =
        "Lúc 2:30 sáng 13/9/2022, tức 2h30 ngày 13-9, có 1.000 người và 2,5 tấn hàng; 14h họp.";
    assert_eq!(kind_of(text, "2:30"), TokenKind::Time);
    assert_eq!(kind_of(text, "13/9/2022"), TokenKind::Date);
    assert_eq!(kind_of(text, "2h30"), TokenKind::Time);
    assert_eq!(kind_of(text, "13-9"), TokenKind::Date);
    assert_eq!(kind_of(text, "1.000"), TokenKind::Number);
    assert_eq!(kind_of(text, "2,5"), TokenKind::Number);
    assert_eq!(kind_of(text, "14h"), TokenKind::Time);
    assert_eq!(
        kind_of("Ngày 2022-09-13 và 13/9.", "2022-09-13"),
        TokenKind::Date
    );
    assert_eq!(
        kind_of("Tháng 9/2022 có 3.000.000 người.", "9/2022"),
        TokenKind::Date
    );
    assert_eq!(
        kind_of("Tháng 9/2022 có 3.000.000 người.", "3.000.000"),
        TokenKind::Number
    );
}

#[test]
fn hyphen_between_one_digit_numbers_is_a_date_only_after_a_day_word() {
    assert_eq!(texts("thắng 2-1 hôm qua"), ["thắng", "2-1", "hôm", "qua"]);
    assert_eq!(kind_of("thắng 2-1 hôm qua", "2-1"), TokenKind::Number);
    assert_eq!(kind_of("Ngày 2-9 là Quốc khánh", "2-9"), TokenKind::Date);
    assert_eq!(kind_of("sáng 8-3", "8-3"), TokenKind::Date);
    assert_eq!(texts("nhiệt độ -5 độ"), ["nhiệt", "độ", "-", "5", "độ"]);
}

#[test]
fn names_acronyms_and_abbreviations_stay_whole() {
    let text = "PGS.TS Lê An ở TP.HCM nói về Nagorno-Karabakh, O'Brien, CSTO, COVID-19, F-16, G7 và U.S. Army.";
    let got = texts(text);
    for whole in [
        "PGS.TS",
        "TP.HCM",
        "Nagorno-Karabakh",
        "O'Brien",
        "CSTO",
        "COVID-19",
        "F-16",
        "G7",
        "U.S.",
    ] {
        assert!(
            got.iter().any(|t| t == whole),
            "{whole} missing from {got:?}"
        );
    }
    assert_eq!(kind_of(text, "Nagorno-Karabakh"), TokenKind::Word);
    assert_eq!(kind_of(text, "TP.HCM"), TokenKind::Acronym);
    assert_eq!(kind_of(text, "CSTO"), TokenKind::Acronym);
    assert_eq!(kind_of(text, "COVID-19"), TokenKind::Acronym);
}

#[test]
fn urls_emails_and_symbols() {
    let text =
        "Xem https://vnexpress.net/the-gioi/nga-123.html, baomoi.com hoặc gửi tin@bao.vn (30%).";
    assert_eq!(
        kind_of(text, "https://vnexpress.net/the-gioi/nga-123.html"),
        TokenKind::Url
    );
    assert_eq!(kind_of(text, "baomoi.com"), TokenKind::Url);
    assert_eq!(kind_of(text, "tin@bao.vn"), TokenKind::Email);
    assert_eq!(kind_of(text, "%"), TokenKind::Symbol);
    assert_eq!(kind_of(text, "("), TokenKind::Punct);
}

#[test]
fn punctuation_is_split_and_ellipsis_kept_whole() {
    assert_eq!(
        texts("Nga, Mỹ... và (EU)!"),
        ["Nga", ",", "Mỹ", "...", "và", "(", "EU", ")", "!"]
    );
}

#[test]
fn numbers_glued_to_units_are_split_but_4g_is_kept() {
    assert_eq!(texts("dài 10km"), ["dài", "10", "km"]);
    assert_eq!(kind_of("mạng 4G", "4G"), TokenKind::Acronym);
}

#[test]
fn space_before_is_reported() {
    let mut raw = Vec::new();
    tokenize("Nga, Mỹ", &mut raw);
    let flags: Vec<bool> = raw.iter().map(|t| t.space_before).collect();
    assert_eq!(flags, [true, false, true]);
}

#[test]
fn periods_in_numbers_dates_abbreviations_and_initials_do_not_split() {
    let text = "Ông Donald J. Trump đến TP. Hồ Chí Minh ngày 13.9.2022 với 1.000 người. PGS. Trần Văn B nói.";
    assert_eq!(
        sentences(text),
        [
            "Ông Donald J. Trump đến TP. Hồ Chí Minh ngày 13.9.2022 với 1.000 người.",
            "PGS. Trần Văn B nói."
        ]
    );
    assert_eq!(
        sentences("Ông J. F. Kennedy bị ám sát năm 1963. Sau đó ít lâu.").len(),
        2
    );
}

#[test]
fn quotation_inside_a_sentence_stays_in_it() {
    assert_eq!(
        sentences("Ông nói: \"Chúng tôi sẽ đến. Ngay.\" rồi rời đi."),
        ["Ông nói: \"Chúng tôi sẽ đến. Ngay.\" rồi rời đi."]
    );
    assert_eq!(
        sentences("Ông nói: \"Chúng tôi sẽ đến.\" Sau đó ông rời đi."),
        ["Ông nói: \"Chúng tôi sẽ đến.\"", "Sau đó ông rời đi."]
    );
    assert_eq!(
        sentences("Bà gọi đó là \"hòa bình\". Ông im lặng."),
        ["Bà gọi đó là \"hòa bình\".", "Ông im lặng."]
    );
    assert_eq!(
        sentences("Ông nói: \"Chúng tôi sẽ đến. Ngay lập tức.\" Sau đó ông đi."),
        [
            "Ông nói: \"Chúng tôi sẽ đến.",
            "Ngay lập tức.\"",
            "Sau đó ông đi."
        ]
    );
    assert_eq!(
        sentences("\"Chúng tôi sẽ đến. Ngay lập tức\", ông nói.").len(),
        1
    );
}

#[test]
fn curly_quotes_behave_like_straight_ones_after_normalization() {
    let text =
        normalize("Ông nói: “Chúng tôi sẽ đến. Ngay.” rồi đi. Bà nói: “Không.” Ông gật đầu.").text;
    assert_eq!(sentences(&text).len(), 3);
}

#[test]
fn brackets_ellipses_and_questions() {
    assert_eq!(
        sentences("Lực lượng (gồm 2 sư đoàn. Xem bản đồ) đã rút. Nga xác nhận.").len(),
        2
    );
    assert_eq!(
        sentences("Nga, Mỹ, Pháp... đều lên tiếng. Ông hỏi: vì sao?").len(),
        2
    );
    assert_eq!(
        sentences("Vì sao? Ông không trả lời! Ai biết được... Có lẽ không ai.").len(),
        4
    );
    assert_eq!(sentences("Vì sao? ông hỏi.").len(), 1);
}

#[test]
fn every_line_is_a_sentence_even_without_final_punctuation() {
    let text = "Nga tuyên bố rút quân khỏi Kherson\n\nẢnh: Reuters\nÔng Putin nói. Bà Merkel đáp.";
    assert_eq!(
        sentences(text),
        [
            "Nga tuyên bố rút quân khỏi Kherson",
            "Ảnh: Reuters",
            "Ông Putin nói.",
            "Bà Merkel đáp."
        ]
    );
}

#[test]
fn a_missing_space_after_a_period_still_splits_between_words() {
    assert_eq!(sentences("Nga đã rút quân.Ông Putin xác nhận.").len(), 2);
    assert_eq!(sentences("Ông đến Th.S Lê An.").len(), 1);
    assert_eq!(
        sentences("Ông nói đó là \"tội ác\".Các nước phản đối.").len(),
        2
    );
}

#[test]
fn a_sentence_may_start_with_a_number_or_a_quote() {
    assert_eq!(
        sentences("Hai bên giao tranh. 3 người chết. \"Đây là tội ác\", ông nói.").len(),
        3
    );
}

#[test]
fn analyze_maps_normalized_tokens_back_to_the_original() {
    let original = "“Hoà bình” ở\u{00A0}Nagorno\u{2011}Karabakh — 13/9…\r\nTin\u{200B} mới";
    let mut doc = Document::new("t", original);
    thoisu_text::analyze(&mut doc);
    assert_eq!(
        doc.normalized,
        "\"Hòa bình\" ở Nagorno-Karabakh - 13/9...\nTin mới"
    );
    let pairs: Vec<(&str, &str)> = doc
        .tokens
        .iter()
        .map(|t| (t.text(&doc), t.norm(&doc)))
        .collect();
    assert_eq!(
        pairs,
        [
            ("“", "\""),
            ("Hoà", "Hòa"),
            ("bình", "bình"),
            ("”", "\""),
            ("ở", "ở"),
            ("Nagorno\u{2011}Karabakh", "Nagorno-Karabakh"),
            ("—", "-"),
            ("13/9", "13/9"),
            ("…", "..."),
            ("Tin", "Tin"),
            ("mới", "mới"),
        ]
    );
    assert_eq!(doc.sentences.len(), 2);
    assert_eq!(doc.sentences[1].text(&doc), "Tin\u{200B} mới");
    assert_eq!(thoisu_text::shape(doc.tokens[5].norm(&doc)), "Xxx-Xxx");
    assert_eq!(doc.tokens[4].chars.start, 11);
}

#[test]
fn normalization_rewrites_tone_placement_only_without_final_consonant() {
    assert_eq!(
        normalize("hoà thuận, thuý, huỷ bỏ, khoẻ, uỷ ban, quý, hoàng, quyết, toán").text,
        "hòa thuận, thúy, hủy bỏ, khỏe, ủy ban, quý, hoàng, quyết, toán"
    );
}

#[test]
fn clean_text_gets_an_identity_map() {
    let n = normalize("Nga và Mỹ đã họp ở Geneva.\nHai bên nhất trí.");
    assert!(n.map.is_identity());
    assert_eq!(n.text, "Nga và Mỹ đã họp ở Geneva.\nHai bên nhất trí.");
}

#[test]
fn bad_input_does_not_panic() {
    for text in [
        "",
        "\u{0301}",
        "\u{200B}",
        "\r",
        "\"",
        "((((",
        "...",
        "@",
        "1/",
        "http://",
        "a@b",
        "\u{0}x\u{7F}",
    ] {
        let mut doc = Document::new("x", text);
        thoisu_text::analyze(&mut doc);
        for t in &doc.tokens {
            assert!(doc.slice(t.span).is_some_and(|s| !s.is_empty()));
        }
    }
}

#[test]
fn list_numbers_and_dotted_titles_do_not_end_sentences() {
    assert_eq!(
        sentences("Kết quả như sau: 1. Nga giành 20 huy chương. 2. Mỹ giành 18."),
        [
            "Kết quả như sau: 1. Nga giành 20 huy chương.",
            "2. Mỹ giành 18."
        ]
    );
    assert_eq!(sentences("Theo PGS.TS. Lê Văn An, điều đó đúng.").len(), 1);
    assert_eq!(
        sentences("Cuộc họp diễn ra tại TP.HCM. Ông An phát biểu.").len(),
        2
    );
}

#[test]
fn a_number_after_an_ellipsis_goes_on_the_sentence() {
    assert_eq!(sentences("Quãng đường từ 5... 7 km mỗi ngày.").len(), 1);
}

#[test]
fn a_quote_left_open_at_the_end_of_a_paragraph_does_not_swallow_it() {
    // A long quotation: opened in each paragraph, closed only in the last one.
    let text =
        "Ông An nói: \"Chúng tôi đã đến. Chúng tôi đã thấy.\n\"Và chúng tôi ở lại. Mãi mãi.\"";
    assert_eq!(
        sentences(text),
        [
            "Ông An nói: \"Chúng tôi đã đến.",
            "Chúng tôi đã thấy.",
            "\"Và chúng tôi ở lại.",
            "Mãi mãi.\""
        ]
    );
    assert_eq!(
        sentences("Lực lượng (gồm 2 sư đoàn. Họ rút lui. Nga xác nhận.").len(),
        3
    );
}

#[test]
fn a_huge_unclosed_quotation_is_split_in_linear_time() {
    let text = format!("\"{}", "Nga đến. ".repeat(50_000));
    let clock = std::time::Instant::now();
    let found = sentences(&text).len();
    assert_eq!(found, 50_000);
    assert!(
        clock.elapsed().as_secs() < 5,
        "too slow: {:?}",
        clock.elapsed()
    );
}

#[test]
fn pathological_inputs_finish_quickly() {
    let inputs = [
        "\"".repeat(200_000),
        "abcde.".repeat(100_000),
        "a\u{200B}".repeat(100_000),
        "(".repeat(100_000) + "Nga. Mỹ.",
        "x@".repeat(100_000),
        "1.".repeat(100_000),
        "hoà".repeat(100_000),
        "\u{301}".repeat(100_000),
        "http://".repeat(50_000),
    ];
    for text in inputs {
        let clock = std::time::Instant::now();
        let mut doc = Document::new("p", text.as_str());
        thoisu_text::analyze(&mut doc);
        let took = clock.elapsed();
        assert!(took.as_secs() < 5, "{took:?} on {:?}...", &text[..12]);
    }
}

#[test]
fn clock_times_written_in_words_stay_in_their_sentence() {
    assert_eq!(
        sentences(
            "Lúc 2 giờ 30 sáng 13/9 (giờ địa phương), hai bên giao tranh. Nga kêu gọi ngừng bắn."
        ),
        [
            "Lúc 2 giờ 30 sáng 13/9 (giờ địa phương), hai bên giao tranh.",
            "Nga kêu gọi ngừng bắn."
        ]
    );
}

#[test]
fn abbreviations_and_initials_keep_their_period() {
    assert_eq!(
        texts("TP. Huế, Q. 3, PGS.TS. An"),
        ["TP.", "Huế", ",", "Q.", "3", ",", "PGS.TS.", "An"]
    );
    assert_eq!(texts("anh N.V.HẢI và T.Ư"), ["anh", "N.V.HẢI", "và", "T.Ư"]);
    assert_eq!(texts("Ông J. F. Kennedy"), ["Ông", "J.", "F.", "Kennedy"]);
    assert_eq!(kind_of("TP. Huế", "TP."), TokenKind::Acronym);
    assert_eq!(
        texts("Cuối năm 2020. Hai nước"),
        ["Cuối", "năm", "2020", ".", "Hai", "nước"]
    );
    assert_eq!(texts("TP... Huế"), ["TP", "...", "Huế"]);
    assert_eq!(kind_of("tháng 6-2004", "6-2004"), TokenKind::Date);
}

#[test]
fn units_initials_and_degrees_stay_whole() {
    assert_eq!(
        texts("rộng 20 km² và 5 m³"),
        ["rộng", "20", "km²", "và", "5", "m³"]
    );
    assert_eq!(
        texts("ông V.Bảo và C.C.Chen"),
        ["ông", "V.Bảo", "và", "C.C.Chen"]
    );
    assert_eq!(texts("nóng 40°C."), ["nóng", "40", "°C", "."]);
}
