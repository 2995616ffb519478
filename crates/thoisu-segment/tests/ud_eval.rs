//! Word F1 on the UD Vietnamese VTB test split, from raw text, against the target of
//! 0.983 (the committed model scores 0.9832). Skips when the shared data is absent.

use std::path::Path;

use thoisu_segment::{eval, Segmenter};

const UD_TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/ud-vtb/vi_vtb-ud-test.conllu"
);

/// F1 of the embedded model on UD-VTB test, or `None` when the data is absent.
fn ud_test_f1() -> Option<f64> {
    if !Path::new(UD_TEST).exists() {
        eprintln!("skipped: {UD_TEST} not found");
        return None;
    }
    let gold = eval::read_gold(UD_TEST).unwrap();
    assert_eq!(gold.len(), 800);
    let s = eval::score(Segmenter::embedded(), &gold);
    eprintln!(
        "UD-VTB test: P {:.4} R {:.4} F1 {:.4}",
        s.precision, s.recall, s.f1
    );
    Some(s.f1)
}

#[test]
fn ud_vtb_test_f1_reaches_target() {
    if let Some(f1) = ud_test_f1() {
        assert!(
            f1 >= 0.983,
            "UD-VTB test F1 {f1:.4} < 0.983 (committed model: 0.9832)"
        );
    }
}
