//! Markdown to HTML: pulldown-cmark events, rewritten in small passes.
//!
//! One walk over the events does what each needs: code blocks go to the highlighter,
//! headings get readable unique ids (any script's letters kept) and feed the table of
//! contents, links to content files become URLs, raw HTML is escaped unless the site allows
//! it, and `<!-- more -->` marks the summary.

mod walk;

use crate::error::{Diagnostic, Kind};
use crate::highlight::Highlighter;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, TagEnd};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One heading of a page, with the headings below it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// HTML before `<!-- more -->`, if the text has that line.
    pub summary_html: Option<String>,
    /// Plain text of the part before `<!-- more -->`, or else of the first paragraph.
    pub summary_text: String,
    pub word_count: usize,
    /// The whole text, without markup or code blocks: what search indexes.
    pub text: String,
}

/// An image of the site, processed (src/images): what its `<img>` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The file a browser that ignores `srcset` shows.
    pub src: String,
    /// `/a/photo.360.webp 360w, /a/photo.720.webp 720w`; empty for a single file.
    pub srcset: String,
    /// How wide the image shows at each screen width (`images.sizes`).
    pub sizes: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The widest file published, for a reader who wants to zoom into a diagram.
    pub full: String,
}

impl Picture {
    /// The `<img>` element, with `alt` and `title` (plain text) escaped; the first image of
    /// a page is fetched at once, the others when they come near the screen.
    pub fn img(&self, alt: &str, title: &str, first: bool) -> String {
        use crate::util::escape;
        let mut html = format!("<img src=\"{}\"", escape(&self.src));
        if !self.srcset.is_empty() {
            html.push_str(&format!(
                " srcset=\"{}\" sizes=\"{}\"",
                escape(&self.srcset),
                escape(&self.sizes)
            ));
        }
        if let (Some(w), Some(h)) = (self.width, self.height) {
            html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        html.push_str(&format!(" alt=\"{}\"", escape(alt)));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        html.push_str(if first {
            " decoding=\"async\" fetchpriority=\"high\">"
        } else {
            " loading=\"lazy\" decoding=\"async\">"
        });
        html
    }
}

/// What the renderer asks of an image: its destination as written, and its line.
pub type ResolveImage<'a> = dyn Fn(&str, usize) -> ImageResolution + 'a;

/// What an image's destination is to the renderer.
pub enum ImageResolution {
    /// Not an image of the site that dala processes: kept as written.
    Other,
    Picture(Picture),
    /// An image of the site that cannot be published, and why.
    Broken(String),
}

/// What a link's destination is to the renderer.
pub enum LinkResolution {
    /// Not a link to a content file: keep it as written.
    External,
    Resolved(String),
    Broken(String),
}

pub struct Input<'a> {
    pub body: &'a str,
    /// The file, for diagnostics.
    pub path: &'a Path,
    /// The file line on which `body` starts.
    pub first_line: usize,
    pub unsafe_html: bool,
    pub highlighter: &'a Highlighter,
    /// Quotes and spacing of the text's language.
    pub typography: crate::typography::Typography,
    /// For a language published by transliteration (`kk-Latn`): applied to the text, never
    /// to code, URLs or attributes.
    pub transliterate: Option<fn(&str) -> String>,
    /// Lower-case heading ids by Turkic rules (I/ı, İ/i): Kazakh Latin, Azerbaijani,
    /// Turkmen.
    pub turkic_case: bool,
    /// Collect [`Rendered::text`] (for the search index).
    pub want_text: bool,
    /// What a table's scrolling box is called for screen readers, in the text's language
    /// ("Table"); its column headers follow.
    pub table_label: &'a str,
    /// The site's processed images, by an image's destination as written and its line.
    pub images: Option<&'a ResolveImage<'a>>,
}

/// Whether a link destination names a content file: `@/articles/x.md`, `../x.md#part`.
pub fn is_content_link(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    dest.starts_with("@/")
        || (!dest.contains("://") && !dest.starts_with("mailto:") && path.ends_with(".md"))
}

pub fn render(
    input: &Input,
    resolve: &dyn Fn(&str) -> LinkResolution,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut walk = walk::Walk::new(input, resolve);
    for (event, range) in Parser::new_ext(input.body, options).into_offset_iter() {
        walk.event(event, range, diagnostics);
    }
    walk.hugo_shortcodes(diagnostics);
    let walk::Walk {
        events,
        headings,
        summary_cut,
        word_count,
        first_paragraph,
        ..
    } = walk;

    let (summary_html, summary_text) = match summary_cut {
        Some(cut) => {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, events[..cut].iter().cloned());
            let text = plain_text(&events[..cut]);
            (Some(html), text)
        }
        None => (
            None,
            shorten(&first_paragraph.unwrap_or_default(), SUMMARY_LENGTH),
        ),
    };
    let text = if input.want_text {
        search_text(&events)
    } else {
        String::new()
    };
    let mut html = String::with_capacity(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        toc: nest(&headings),
        summary_html,
        summary_text,
        word_count,
        text,
    }
}

/// How many characters of the first paragraph make a summary when the text has no
/// `<!-- more -->` and the front matter no `summary`.
const SUMMARY_LENGTH: usize = 280;

/// `text` cut at a word boundary to at most `max` characters, with `…` if it was cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
    )
}

fn rewrite_link(
    dest: &str,
    resolve: &dyn Fn(&str) -> LinkResolution,
    input: &Input,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match resolve(dest) {
        LinkResolution::External => None,
        LinkResolution::Resolved(url) => Some(url),
        LinkResolution::Broken(message) => {
            let d = Kind::Link.error(input.path, message).at(line);
            diagnostics.push(quoted(d, input, Some(dest)));
            None
        }
    }
}

/// `d` with its line of the text quoted, `needle` marked; not when a shortcode's placeholder
/// stands in the line.
fn quoted(d: Diagnostic, input: &Input, needle: Option<&str>) -> Diagnostic {
    let mut d = d.quoting(input.body, input.first_line, needle);
    if d.excerpt
        .as_ref()
        .is_some_and(|e| crate::shortcode::holds_placeholder(&e.text))
    {
        d.excerpt = None;
    }
    d
}

/// What becomes of the `{...}` block at the end of a heading.
enum Attributes {
    /// As pulldown-cmark read it (raw HTML is allowed, or only `#id` and `.class`).
    Kept,
    /// Only `#id` and `.class` kept: these attributes were left out.
    Filtered(Vec<String>),
    /// Not a valid attribute list: this text goes back into the title.
    Text(String),
}

type HeadingAttrs<'x, 'a> = (
    &'x Option<CowStr<'a>>,
    &'x Vec<CowStr<'a>>,
    &'x Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
);

/// Checks the attribute block pulldown-cmark took from a heading whose Markdown is
/// `source`: `{#id .class key=value}` as documented, and without raw HTML, `#id` and
/// `.class` alone (an `onfocus=` would publish a live event handler).
fn heading_attributes(
    (id, classes, attrs): HeadingAttrs,
    source: &str,
    unsafe_html: bool,
) -> Attributes {
    if id.is_none() && classes.is_empty() && attrs.is_empty() {
        return Attributes::Kept;
    }
    let Some(block) = attribute_block(source) else {
        return Attributes::Kept;
    };
    if !valid_attribute_list(block) {
        return Attributes::Text(block.to_string());
    }
    if unsafe_html || attrs.is_empty() {
        return Attributes::Kept;
    }
    Attributes::Filtered(attrs.iter().map(|(k, _)| format!("`{k}`")).collect())
}

/// The `{...}` at the end of a heading's title line, as written.
fn attribute_block(source: &str) -> Option<&str> {
    let lines: Vec<&str> = source.lines().filter(|l| !l.trim().is_empty()).collect();
    let underline = |l: &str| {
        let t = l.trim();
        !t.is_empty() && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
    };
    let line = match lines.as_slice() {
        [.., text, last] if underline(last) => *text,
        [first, ..] => *first,
        [] => return None,
    };
    let mut line = line.trim_end();
    if !line.ends_with('}') {
        // An ATX heading's closing `#`s may follow the block.
        line = line.trim_end_matches('#').trim_end();
    }
    let open = line.rfind('{')?;
    line.ends_with('}').then(|| &line[open..])
}

/// Whether `block` is `{` tokens `}`, each `#id`, `.class`, `name` or `name=value`.
fn valid_attribute_list(block: &str) -> bool {
    let Some(inner) = block.strip_prefix('{').and_then(|b| b.strip_suffix('}')) else {
        return false;
    };
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
    };
    let attribute = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
    };
    let mut tokens = inner.split_ascii_whitespace().peekable();
    tokens.peek().is_some()
        && tokens.all(|t| {
            if let Some(id) = t.strip_prefix('#') {
                name(id)
            } else if let Some(class) = t.strip_prefix('.') {
                name(class)
            } else {
                match t.split_once('=') {
                    Some((k, v)) => {
                        attribute(k)
                            && !v.is_empty()
                            && !v.contains(['"', '\'', '<', '>', '`', '=', '{', '}'])
                    }
                    None => attribute(t),
                }
            }
        })
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// The heading ids of a page so far, and for each wanted id the next number to try: a
/// page of 20,000 headings with one title tries each number once, not from 1 every time.
#[derive(Default)]
struct UsedIds {
    ids: HashSet<String>,
    next: HashMap<String, usize>,
}

fn unique_id(wanted: String, used: &mut UsedIds) -> String {
    let mut id = wanted.clone();
    let n = used.next.entry(wanted.clone()).or_insert(1);
    while used.ids.contains(&id) {
        id = format!("{wanted}-{n}");
        *n += 1;
    }
    used.ids.insert(id.clone());
    id
}

/// The text of every block, blocks apart, for the search index.
fn search_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => text.push(' '),
            _ => {}
        }
    }
    text
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns a flat list of headings into a tree: each heading holds the deeper ones after it.
fn nest(headings: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for (level, id, title) in headings {
        let entry = TocEntry {
            level: *level,
            id: id.clone(),
            title: title.clone(),
            children: Vec::new(),
        };
        let mut siblings = &mut roots;
        while siblings.last().is_some_and(|last| last.level < *level) {
            siblings = &mut siblings.last_mut().expect("checked above").children;
        }
        siblings.push(entry);
    }
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str, unsafe_html: bool) -> (Rendered, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let highlighter = Highlighter::default();
        let input = Input {
            body,
            path: Path::new("a.md"),
            first_line: 5,
            unsafe_html,
            highlighter: &highlighter,
            typography: crate::typography::Typography::new(
                crate::typography::Typography::GUILLEMETS,
                true,
            ),
            transliterate: None,
            turkic_case: false,
            want_text: true,
            table_label: "Table",
            images: None,
        };
        let r = render(
            &input,
            &|dest| {
                if dest == "@/missing.md" {
                    LinkResolution::Broken("no such file".into())
                } else if is_content_link(dest) {
                    LinkResolution::Resolved("/en/x/".into())
                } else {
                    LinkResolution::External
                }
            },
            &mut d,
        );
        (r, d)
    }

    #[test]
    fn a_table_scrolls_in_a_region_named_by_its_columns() {
        let (r, _) = md(
            "Text.\n\n| Version | `Required` | |\n|---|---|---|\n| 1 | \"yes\" | |\n\nMore.\n",
            false,
        );
        let open = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Version, Required\">\n<table>";
        assert!(r.html.contains(open), "{}", r.html);
        assert!(
            r.html.contains("</table>\n</div>\n<p>More.</p>"),
            "{}",
            r.html
        );
        assert_eq!(r.summary_text, "Text.");
        // Without header text, the label alone.
        let (r, _) = md("| |\n|---|\n| x |\n", false);
        assert!(r.html.contains("aria-label=\"Table\">"), "{}", r.html);
    }

    #[test]
    fn heading_ids_keep_cyrillic_and_are_unique() {
        let (r, _) = md(
            "## Цифрлық үкімет\n\n## Цифрлық үкімет\n\n### Sub {#custom}\n",
            false,
        );
        assert!(r.html.contains("<h2 id=\"цифрлық-үкімет\">"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"цифрлық-үкімет-1\">"),
            "{}",
            r.html
        );
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[1].children[0].id, "custom");
    }

    /// 50,000 headings of one title and 100,000 links: each id is found at its first try
    /// and each link's line by a binary search, so the page renders in linear time. The
    /// bound is ten times what this takes in a debug build on a busy two-core machine
    /// (3.4 s); the quadratic version took minutes. The last lines count the tries.
    #[test]
    fn many_headings_and_links_render_in_linear_time() {
        let mut body = "## Цифрлық үкімет\n\n".repeat(50_000);
        body.push_str(&"[x](https://example.org/) ".repeat(100_000));
        let started = std::time::Instant::now();
        let (r, d) = md(&body, false);
        let took = started.elapsed();
        assert!(d.is_empty());
        assert_eq!(r.toc.len(), 50_000);
        assert_eq!(r.toc[49_999].id, "цифрлық-үкімет-49999");
        assert!(took.as_secs_f64() < 30.0, "{took:?}");
        let mut used = UsedIds::default();
        for _ in 0..3 {
            unique_id("a".into(), &mut used);
        }
        unique_id("a-1".into(), &mut used);
        assert_eq!(unique_id("a".into(), &mut used), "a-3");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let (r, _) = md("<script>alert(1)</script>\n\nA <b>b</b>.\n", false);
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;b&gt;"), "{}", r.html);
        let (r, _) = md("<div>x</div>\n", true);
        assert!(r.html.contains("<div>x</div>"), "{}", r.html);
    }

    #[test]
    fn long_first_paragraphs_are_shortened_at_a_word() {
        let long = "Цифрлық үкімет ".repeat(40);
        let (r, _) = md(&long, false);
        assert!(r.summary_text.chars().count() <= SUMMARY_LENGTH + 1);
        let s = &r.summary_text;
        assert!(
            s.ends_with("үкімет…") || s.ends_with("Цифрлық…"),
            "cut at a word: {s}"
        );
    }

    #[test]
    fn summary_links_and_lines() {
        let (r, d) = md(
            "First *para*.\n\n<!-- more -->\n\nMore [x](other.md) and [y](@/missing.md).\n",
            false,
        );
        assert_eq!(r.summary_text, "First para.");
        assert!(r.summary_html.unwrap().contains("<em>para</em>"));
        assert!(r.html.contains("href=\"/en/x/\""));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(9));
    }
}
