//! HTML to plain text: enough of HTML to read a saved news page, not a full parser.
//!
//! Scripts, styles and comments are dropped, block elements end a paragraph, runs of
//! whitespace collapse to one space, character references are decoded, and the
//! `<title>` is kept apart. Paragraphs are joined with `\n`, as in the corpora.

/// Elements whose content is not text to read.
const SKIPPED: [&str; 6] = ["script", "style", "noscript", "template", "svg", "iframe"];

/// Elements that start or end a paragraph.
const BLOCKS: [&str; 37] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "caption",
    "head",
    "html",
];

/// Inline elements common enough in articles to help recognise HTML.
const INLINE: [&str; 9] = [
    "a", "b", "i", "em", "strong", "span", "img", "meta", "title",
];

/// Whether `text` looks like an HTML document or fragment rather than plain text.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return true;
    }
    let tags = count_known_tags(text);
    tags >= 8 || (head.starts_with('<') && tags >= 2)
}

fn count_known_tags(text: &str) -> usize {
    let mut count = 0;
    for (i, _) in text.match_indices('<') {
        let name = tag_name(&text[i + 1..]);
        let known = |list: &[&str]| list.iter().any(|t| t.eq_ignore_ascii_case(name));
        if !name.is_empty() && (known(&BLOCKS) || known(&INLINE) || known(&SKIPPED)) {
            count += 1;
        }
    }
    count
}

/// The name of a tag that starts right after `<` (a leading `/` skipped), or "".
fn tag_name(after_lt: &str) -> &str {
    let s = after_lt.strip_prefix('/').unwrap_or(after_lt);
    let end = s
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    let name = &s[..end];
    let next = s[end..].chars().next();
    let closes = matches!(next, None | Some('>' | '/')) || next.is_some_and(char::is_whitespace);
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) && closes {
        name
    } else {
        ""
    }
}

/// The text and title of an HTML page.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Extracted {
    pub text: String,
    pub title: Option<String>,
}

/// Extracts the readable text of an HTML page.
pub(crate) fn extract(html: &str) -> Extracted {
    let mut out = Builder::default();
    let mut title = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.text(&rest[..lt]);
        rest = &rest[lt..];
        rest = if let Some(after) = rest.strip_prefix("<!--") {
            after.find("-->").map_or("", |e| &after[e + 3..])
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            skip_tag(&rest[1..])
        } else {
            let name = tag_name(&rest[1..]).to_ascii_lowercase();
            if name.is_empty() {
                out.text("<");
                &rest[1..]
            } else {
                element(rest, &name, &mut out, &mut title)
            }
        };
    }
    out.text(rest);
    Extracted {
        text: out.finish(),
        title,
    }
}

/// Handles the tag at the start of `rest` (named `name`) and returns what follows it.
fn element<'a>(
    rest: &'a str,
    name: &str,
    out: &mut Builder,
    title: &mut Option<String>,
) -> &'a str {
    let closing = rest.starts_with("</");
    let after = skip_tag(&rest[1..]);
    if closing {
        if BLOCKS.contains(&name) {
            out.paragraph();
        }
        return after;
    }
    if SKIPPED.contains(&name) || name == "title" {
        let (content, next) = raw_content(after, name);
        if name == "title" && title.is_none() {
            let mut b = Builder::default();
            b.text(content);
            let t = b.finish().replace('\n', " ");
            *title = (!t.is_empty()).then_some(t);
        }
        return next;
    }
    if BLOCKS.contains(&name) {
        out.paragraph();
    }
    after
}

/// What follows the `>` that ends the tag starting at `s`, skipping quoted values.
fn skip_tag(s: &str) -> &str {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '>') => return &s[i + 1..],
            _ => {}
        }
    }
    ""
}

/// The raw content of an element up to its closing tag, and what follows that tag.
fn raw_content<'a>(s: &'a str, name: &str) -> (&'a str, &'a str) {
    for (i, _) in s.match_indices("</") {
        let after = &s.as_bytes()[i + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return (&s[..i], skip_tag(&s[i + 2 + name.len()..]));
        }
    }
    (s, "")
}

/// Collects text into paragraphs, collapsing whitespace as a browser does.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<String>,
    current: String,
    space: bool,
}

impl Builder {
    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        for c in decoded.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                self.space = true;
                continue;
            }
            if self.space && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.space = false;
            self.current.push(c);
        }
    }

    fn paragraph(&mut self) {
        let p = std::mem::take(&mut self.current);
        let p = p.trim();
        if !p.is_empty() {
            self.paragraphs.push(p.to_string());
        }
        self.space = false;
    }

    fn finish(mut self) -> String {
        self.paragraph();
        self.paragraphs.join("\n")
    }
}

/// Decodes character references: `&amp;`, `&#7879;`, `&#x1EC7;` and the named ones in
/// [`NAMED`]. Unknown or malformed references stay as they are.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((decoded, len)) => {
                out.push_str(decoded.as_str());
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of the reference at the start of `s` (which starts with `&`) and its length.
fn reference(s: &str) -> Option<(String, usize)> {
    let semi = s.bytes().take(34).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // Browsers read NUL, surrogates and out-of-range numbers as U+FFFD.
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}')
    } else {
        let i = NAMED.binary_search_by(|(n, _)| (*n).cmp(body)).ok()?;
        NAMED[i].1
    };
    Some((c.to_string(), semi + 1))
}

/// Named character references common in Vietnamese and international news pages,
/// sorted by name (the names and code points are those of the HTML standard).
const NAMED: [(&str, char); 80] = [
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("copy", '©'),
    ("deg", '°'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("igrave", 'ì'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ograve", 'ò'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsquo", '’'),
    ("shy", '\u{ad}'),
    ("szlig", 'ß'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("Vi&#7879;t &amp; Nam&nbsp;x"),
            "Việt & Nam\u{a0}x"
        );
        assert_eq!(
            decode_entities("&#x1EC7;&#0;&unknown; & a;"),
            "ệ\u{fffd}&unknown; & a;"
        );
        assert_eq!(
            decode_entities("&#99999999999;&#xD800;"),
            "&#99999999999;\u{fffd}"
        );
    }

    #[test]
    fn page_text_becomes_paragraphs() {
        let page = "<!DOCTYPE html><html><head><title>Tin  nhanh</title>\
            <style>p { color: red }</style><script>var x = '<p>';</script></head>\
            <body><h1>Hội nghị   thượng đỉnh</h1><!-- quảng cáo -->\
            <p>Các bên <b>nhất trí</b> &amp; ký kết.<br>Dòng hai.</p>\
            <div>Giá: 5 &lt; 7</div></body></html>";
        assert!(looks_like_html(page));
        let got = extract(page);
        assert_eq!(got.title.as_deref(), Some("Tin nhanh"));
        assert_eq!(
            got.text,
            "Hội nghị thượng đỉnh\nCác bên nhất trí & ký kết.\nDòng hai.\nGiá: 5 < 7"
        );
    }

    #[test]
    fn plain_text_with_a_bracket_is_not_html() {
        assert!(!looks_like_html("Tỷ lệ <5% và a<b, không có thẻ nào."));
        assert!(!looks_like_html("Một dòng nhắc đến <b> một lần."));
        assert_eq!(extract("a < b").text, "a < b");
    }

    #[test]
    fn unclosed_constructs_do_not_panic() {
        for s in [
            "<p",
            "<!--",
            "<script>alert(",
            "<title>x",
            "&#",
            "<a href=\"x>",
            "<ü>",
            "&",
        ] {
            let _ = extract(s);
        }
    }
}
