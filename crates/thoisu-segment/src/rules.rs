//! Gaps decided without the weights: punctuation, links and emails stand alone, except
//! where the text writes one number in several tokens.
//!
//! Both treebanks make one word of a number glued to its percent sign (`95%`, VLSP's
//! `42%`), and UD-VTB of a number whose thousands are split off by a spaced dot
//! (`25 . 000`, text that was tokenized before it was published); VLSP 2013 has no
//! spaced dot between a number of one to three digits and a group of three. The
//! tokenizer splits both, so the segmenter joins them back.

use thoisu_doc::TokenKind;

/// What the rules say of a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The model decides.
    Free,
    /// The tokens are two words.
    Split,
    /// The tokens are one word.
    Join,
}

/// What the rules need to know of a token, as bit flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape(u8);

const ALONE: u8 = 1;
const NUMBER: u8 = 2;
/// One to three ASCII digits.
const SHORT: u8 = 4;
/// Exactly three ASCII digits.
const GROUP: u8 = 8;
const DOT: u8 = 16;
const PERCENT: u8 = 32;
/// Whitespace (or the start of the sentence) before the token.
const SPACED: u8 = 64;

impl Shape {
    /// The shape of a token; `spaced` says whether whitespace separates it from the
    /// token before.
    pub fn of(token: &str, kind: TokenKind, spaced: bool) -> Shape {
        let mut bits = if spaced { SPACED } else { 0 };
        if crate::features::stands_alone(kind) {
            bits |= ALONE;
        }
        match kind {
            TokenKind::Number => {
                bits |= NUMBER;
                if token.bytes().all(|b| b.is_ascii_digit()) {
                    bits |= match token.len() {
                        3 => SHORT | GROUP,
                        1 | 2 => SHORT,
                        _ => 0,
                    };
                }
            }
            TokenKind::Punct if token == "." => bits |= DOT,
            _ if token == "%" => bits |= PERCENT,
            _ => {}
        }
        Shape(bits)
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// The rule of each gap between consecutive tokens (`shapes.len() - 1` of them).
pub fn rules(shapes: &[Shape], out: &mut Vec<Rule>) {
    out.clear();
    for w in shapes.windows(2) {
        let alone = w[0].has(ALONE) || w[1].has(ALONE);
        out.push(if alone { Rule::Split } else { Rule::Free });
    }
    for (g, w) in shapes.windows(2).enumerate() {
        if w[0].has(NUMBER) && w[1].has(PERCENT) && !w[1].has(SPACED) {
            out[g] = Rule::Join;
        }
    }
    // `25 . 000 . 000`: a group is itself short, so the chain continues.
    for (g, w) in shapes.windows(3).enumerate() {
        let thousands = w[1].has(DOT) && w[1].has(SPACED) && w[2].has(GROUP) && w[2].has(SPACED);
        if w[0].has(SHORT) && thousands {
            out[g] = Rule::Join;
            out[g + 1] = Rule::Join;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::{Number, Punct, Symbol, Word};

    fn rules_of(tokens: &[(&str, TokenKind, bool)]) -> Vec<Rule> {
        let shapes: Vec<Shape> = tokens.iter().map(|&(t, k, s)| Shape::of(t, k, s)).collect();
        let mut out = Vec::new();
        rules(&shapes, &mut out);
        out
    }

    #[test]
    fn punctuation_stands_alone() {
        let r = rules_of(&[("ông", Word, true), (",", Punct, false), ("bà", Word, true)]);
        assert_eq!(r, [Rule::Split, Rule::Split]);
    }

    #[test]
    fn glued_percent_joins_spaced_does_not() {
        let r = rules_of(&[("95", Number, true), ("%", Symbol, false)]);
        assert_eq!(r, [Rule::Join]);
        let r = rules_of(&[("95", Number, true), ("%", Symbol, true)]);
        assert_eq!(r, [Rule::Free]);
    }

    #[test]
    fn spaced_thousands_join() {
        let tokens = [
            ("25", Number, true),
            (".", Punct, true),
            ("000", Number, true),
            (".", Punct, true),
            ("500", Number, true),
            ("đồng", Word, true),
        ];
        let r = rules_of(&tokens);
        assert_eq!(r[..4], [Rule::Join; 4]);
        assert_eq!(r[4], Rule::Free);
    }

    #[test]
    fn sentence_end_before_a_number_splits() {
        // `năm 2010. 300 người`: a four-digit number, and a dot glued to it.
        let r = rules_of(&[
            ("2010", Number, true),
            (".", Punct, true),
            ("300", Number, true),
        ]);
        assert_eq!(r, [Rule::Split, Rule::Split]);
        let r = rules_of(&[
            ("5", Number, true),
            (".", Punct, false),
            ("300", Number, true),
        ]);
        assert_eq!(r, [Rule::Split, Rule::Split]);
        let r = rules_of(&[
            ("5", Number, true),
            (".", Punct, true),
            ("30", Number, true),
        ]);
        assert_eq!(r, [Rule::Split, Rule::Split]);
    }
}
