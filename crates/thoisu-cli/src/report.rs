//! The terminal report of `thoisu analyze`: what a reader checks first, in plain text.

use std::io::{self, Write};

use thoisu_doc::{Document, Entity};

/// Writes the report of one analysed document.
pub fn write(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    write_header(out, doc)?;
    write_sentences(out, doc)?;
    write_entities(out, doc)?;
    write_warnings(out, doc)?;
    writeln!(out)
}

fn write_header(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let date = doc.date.as_deref().unwrap_or("no date");
    let source = doc.source.as_deref().unwrap_or("-");
    writeln!(out, "━━ {} ({source}, {date})", doc.id)?;
    writeln!(
        out,
        "   {} bytes · {} sentences · {} tokens · {} words · {} mentions · {} entities",
        doc.text.len(),
        doc.sentences.len(),
        doc.tokens.len(),
        doc.words.len(),
        doc.mentions.len(),
        doc.entities.len()
    )
}

fn write_sentences(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "\nSentences")?;
    let mut words = doc.words.iter().peekable();
    for (i, sentence) in doc.sentences.iter().enumerate() {
        writeln!(
            out,
            "{:>4}  {} tokens  [{}..{}]",
            i + 1,
            sentence.tokens.len(),
            sentence.span.start,
            sentence.span.end
        )?;
        let mut line = String::new();
        while let Some(word) = words.next_if(|w| w.span.start < sentence.span.end) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word.text(doc).replace(' ', "_"));
        }
        if line.is_empty() {
            line = sentence.text(doc).to_string();
        }
        writeln!(out, "      {line}")?;
    }
    Ok(())
}

fn write_entities(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    if doc.entities.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nEntities")?;
    writeln!(
        out,
        "  {:<13} {:<34} {:<22} {:<4} {:<18} mentions",
        "kind", "canonical name", "id", "ctry", "coordinates"
    )?;
    for entity in &doc.entities {
        writeln!(
            out,
            "  {:<13} {:<34} {:<22} {:<4} {:<18} {}",
            format!("{:?}", entity.kind).to_lowercase(),
            clip(&display_name(entity), 34),
            clip(&entity.id, 22),
            entity.country.as_deref().unwrap_or("-"),
            entity
                .coordinates
                .map_or("-".to_string(), |c| format!("{:.3},{:.3}", c.lat, c.lon)),
            mention_texts(doc, entity)
        )?;
    }
    Ok(())
}

fn display_name(entity: &Entity) -> String {
    match &entity.role {
        Some(role) => format!("{} ({role})", entity.name),
        None => entity.name.clone(),
    }
}

fn mention_texts(doc: &Document, entity: &Entity) -> String {
    let mut texts: Vec<&str> = Vec::new();
    for &m in &entity.mentions {
        let text = doc.mentions[m].text.as_str();
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    format!("{}× {}", entity.mentions.len(), texts.join("; "))
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}

fn write_warnings(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    if doc.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nWarnings")?;
    for w in &doc.warnings {
        let at = w
            .span
            .map_or(String::new(), |s| format!(" [{}..{}]", s.start, s.end));
        writeln!(out, "  {}{at}: {}", w.stage, w.message)?;
    }
    Ok(())
}
