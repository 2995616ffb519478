//! Word F1 on the UD Vietnamese VTB test split, from raw text. Skips when the shared
//! data is absent; fails below the figure the model must reach.

use std::path::Path;

use thoisu_segment::{eval, Segmenter};

const UD_TEST: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/ud-vtb/vi_vtb-ud-test.conllu"
);

#[test]
fn ud_vtb_test_f1_reaches_target() {
    if !Path::new(UD_TEST).exists() {
        eprintln!("skipped: {UD_TEST} not found");
        return;
    }
    let gold = eval::read_gold(UD_TEST).unwrap();
    assert_eq!(gold.len(), 800);
    let s = eval::score(Segmenter::embedded(), &gold);
    eprintln!(
        "UD-VTB test: P {:.4} R {:.4} F1 {:.4}",
        s.precision, s.recall, s.f1
    );
    assert!(s.f1 >= 0.983, "UD-VTB test F1 {:.4} < 0.983", s.f1);
}
