//! Behaviour of the embedded model on sentences written for these tests.

use thoisu_doc::{Document, IndexRange, Sentence, Span, Token, TokenKind};
use thoisu_segment::{segment_document, Scratch, Segmenter};

fn seg(line: &str) -> String {
    let mut out = String::new();
    Segmenter::embedded().segment_line(line, &mut out, &mut Scratch::default());
    out
}

fn words(line: &str) -> Vec<String> {
    seg(line).split(' ').map(str::to_string).collect()
}

#[test]
fn common_words_are_joined() {
    let w = words("Hai bên đã ký thỏa thuận ngừng bắn và rút quân khỏi khu vực biên giới.");
    for expected in ["thỏa_thuận", "ngừng_bắn", "khu_vực", "biên_giới"] {
        assert!(
            w.iter().any(|x| x == expected),
            "{expected} missing in {w:?}"
        );
    }
    assert!(w.iter().any(|x| x == "đã"), "{w:?}");
}

#[test]
fn four_syllable_word() {
    let w = words("Nhiều cơ sở hạ tầng quân sự đã bị phá hủy.");
    assert!(w.contains(&"cơ_sở_hạ_tầng".to_string()), "{w:?}");
    assert!(w.contains(&"phá_hủy".to_string()), "{w:?}");
}

#[test]
fn ministry_names_follow_the_training_convention() {
    // VLSP 2013 writes the ministry as `Bộ Quốc_phòng`: the head noun stays apart.
    let w = words("Bộ Quốc phòng Nga ra thông cáo.");
    assert_eq!(w, ["Bộ", "Quốc_phòng", "Nga", "ra", "thông_cáo", "."]);
}

#[test]
fn vietnamese_and_foreign_names() {
    let w = words("Thủ tướng Phạm Minh Chính tiếp Tổng thống Emmanuel Macron tại Hà Nội.");
    for expected in [
        "Thủ_tướng",
        "Phạm_Minh_Chính",
        "Tổng_thống",
        "Emmanuel_Macron",
        "Hà_Nội",
    ] {
        assert!(
            w.iter().any(|x| x == expected),
            "{expected} missing in {w:?}"
        );
    }
}

/// A model that gave ids to syllables seen once in training joined the country to the
/// name after it (`Mỹ_Joe_Biden`, 26 times in the Dân trí world section).
#[test]
fn a_country_before_a_foreign_name_stays_its_own_word() {
    for (line, country, name) in [
        ("Tổng thống Mỹ Joe Biden nói.", "Mỹ", "Joe_Biden"),
        (
            "Ngoại trưởng Mỹ Antony Blinken nói.",
            "Mỹ",
            "Antony_Blinken",
        ),
        (
            "Tổng thống Nga Vladimir Putin nói.",
            "Nga",
            "Vladimir_Putin",
        ),
        (
            "Thủ tướng Ấn Độ Narendra Modi nói.",
            "Ấn_Độ",
            "Narendra_Modi",
        ),
    ] {
        let w = words(line);
        assert!(
            w.iter().any(|x| x == country) && w.iter().any(|x| x == name),
            "{country} / {name} in {w:?}"
        );
    }
}

#[test]
fn numbers_dates_and_times_stand_alone() {
    let w =
        words("Ngày 13/9/2022, khoảng 1.200 binh sĩ rời căn cứ lúc 2:30 sáng, chiếm 2,5% quân số.");
    for expected in ["13/9/2022", "1.200", "2:30", "2,5_%", "binh_sĩ", "căn_cứ"] {
        assert!(
            w.iter().any(|x| x == expected),
            "{expected} missing in {w:?}"
        );
    }
}

#[test]
fn numbers_split_by_the_tokenizer_are_joined_back() {
    // A percent sign glued to its number is one word (both treebanks); a spaced one is
    // left to the model. A spaced dot before a group of three digits is a thousands
    // separator in pre-tokenized text; after four digits it ends a sentence.
    let w = words("Tỷ lệ tăng 95% so với năm ngoái.");
    assert!(w.contains(&"95_%".to_string()), "{w:?}");
    let w = words("Tỷ lệ tăng 95 % so với năm ngoái.");
    assert!(w.contains(&"%".to_string()), "{w:?}");
    let w = words("Giá vé là 25 . 000 đồng.");
    assert!(w.contains(&"25_._000".to_string()), "{w:?}");
    let w = words("năm 2010 . 300 người");
    assert!(w.contains(&".".to_string()), "{w:?}");
}

#[test]
fn reduplicated_words() {
    // `lung linh` is one reduplicative word; `ánh đèn` two words.
    let w = words("Ánh đèn lung linh trên mặt hồ.");
    assert!(w.contains(&"lung_linh".to_string()), "{w:?}");
    assert!(!w.iter().any(|x| x.contains("đèn_lung")), "{w:?}");
}

#[test]
fn punctuation_is_never_joined() {
    let out = seg("Nga, Mỹ và Trung Quốc: “hòa bình” (tạm thời)...");
    for w in out.split(' ') {
        if w.contains('_') {
            assert!(
                w.chars().all(|c| c.is_alphanumeric() || c == '_'),
                "{w} in {out}"
            );
        }
    }
}

#[test]
fn odd_input_does_not_panic() {
    for line in [
        "",
        " ",
        "_",
        "\u{0}\u{200B}",
        "a_b c",
        "…",
        "x\u{301}\u{301}",
        "１２３",
        "🙂 🙂",
    ] {
        let _ = seg(line);
    }
    let long = "quân ".repeat(10_000);
    assert_eq!(seg(&long).split([' ', '_']).count(), 10_000);
}

#[test]
fn joins_api_matches_tokens() {
    let tokens = ["Liên", "Hợp", "Quốc", "kêu", "gọi", "."];
    let kinds = [
        TokenKind::Word,
        TokenKind::Word,
        TokenKind::Word,
        TokenKind::Word,
        TokenKind::Word,
        TokenKind::Punct,
    ];
    let mut joins = Vec::new();
    Segmenter::embedded().joins(&tokens, &kinds, &mut joins, &mut Scratch::default());
    assert_eq!(joins, [true, true, false, true, false]);
    Segmenter::embedded().joins(
        &tokens[..1],
        &kinds[..1],
        &mut joins,
        &mut Scratch::default(),
    );
    assert!(joins.is_empty());
}

#[test]
fn model_bytes_round_trip() {
    let model = Segmenter::embedded();
    let bytes = model.to_bytes();
    let again = Segmenter::from_bytes(&bytes).unwrap();
    assert_eq!(again.to_bytes(), bytes);
    assert!(Segmenter::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Segmenter::from_bytes(b"not a model").is_err());
}

/// A token of a document whose normalized text is its text.
fn token(text: &str, start: usize, kind: TokenKind) -> Token {
    let span = Span::new(start, start + text.len());
    Token {
        span,
        chars: span,
        norm: span,
        kind,
        space_before: true,
    }
}

#[test]
fn document_words_stay_inside_sentences() {
    let text = "Quân đội Nga. Quân đội Mỹ.";
    let mut doc = Document::new("t", text);
    doc.normalized = text.to_string();
    let mut pos = 0;
    for (t, kind) in [
        ("Quân", TokenKind::Word),
        ("đội", TokenKind::Word),
        ("Nga", TokenKind::Word),
        (".", TokenKind::Punct),
        ("Quân", TokenKind::Word),
        ("đội", TokenKind::Word),
        ("Mỹ", TokenKind::Word),
        (".", TokenKind::Punct),
    ] {
        let start = text[pos..].find(t).unwrap() + pos;
        doc.tokens.push(token(t, start, kind));
        pos = start + t.len();
    }
    doc.sentences.push(Sentence {
        span: Span::new(0, 15),
        tokens: IndexRange::new(0, 4),
    });
    doc.sentences.push(Sentence {
        span: Span::new(16, text.len()),
        tokens: IndexRange::new(4, 8),
    });
    segment_document(&mut doc);
    let got: Vec<&str> = doc.words.iter().map(|w| w.text(&doc)).collect();
    assert_eq!(got, ["Quân đội", "Nga", ".", "Quân đội", "Mỹ", "."]);
    assert_eq!(doc.words[0].tokens, IndexRange::new(0, 2));
    assert_eq!(
        doc.words[3].span,
        Span::new(
            text.find("Quân đội Mỹ").unwrap(),
            text.find("Quân đội Mỹ").unwrap() + "Quân đội".len()
        )
    );
}

#[test]
fn document_path_agrees_with_line_path() {
    let text =
        "Tổng thống Emmanuel Macron tới Hà Nội hôm 13/9. Hai bên ký thỏa thuận hợp tác quốc phòng.";
    let mut doc = Document::new("t", text);
    thoisu_text::analyze(&mut doc);
    segment_document(&mut doc);
    let mut from_doc = Vec::new();
    for sentence in &doc.sentences {
        let words: Vec<String> = doc
            .words
            .iter()
            .filter(|w| {
                sentence.tokens.start <= w.tokens.start && w.tokens.end <= sentence.tokens.end
            })
            .map(|w| {
                let norms: Vec<&str> = doc.tokens[w.tokens.range()]
                    .iter()
                    .map(|t| t.norm(&doc))
                    .collect();
                norms.join("_")
            })
            .collect();
        from_doc.push(words.join(" "));
    }
    assert_eq!(from_doc.len(), 2, "{from_doc:?}");
    let line_words = seg(text);
    assert_eq!(from_doc.join(" "), line_words);
    assert!(doc
        .words
        .iter()
        .all(|w| doc.slice(w.span).is_some() && !w.span.is_empty()));
}
