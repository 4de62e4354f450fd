//! The one walk over pulldown-cmark's events that [`super::render`] makes: each event is
//! kept, rewritten or gathered, and what the page needs besides its HTML (headings, the
//! summary, words, image alt text) is noted on the way.

use super::{
    heading_attributes, heading_level, quoted, rewrite_link, unique_id, Attributes, Input,
    LinkResolution, UsedIds,
};
use crate::error::{Diagnostic, Kind, Lines};
use crate::slug::slugify;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::ops::Range;

/// The walk's state: the events so far, and what is open (a code block, a heading, a raw
/// HTML block, a paragraph, an image).
pub(super) struct Walk<'a, 'r> {
    input: &'r Input<'a>,
    resolve: &'r dyn Fn(&str) -> LinkResolution,
    lines: Lines,
    pub(super) events: Vec<Event<'a>>,
    used_ids: UsedIds,
    /// (level, id, title) of each heading.
    pub(super) headings: Vec<(u8, String, String)>,
    /// Where `<!-- more -->` was: the number of events before it.
    pub(super) summary_cut: Option<usize>,
    pub(super) word_count: usize,
    /// (language, line, text) of the code block being read.
    code: Option<(String, usize, String)>,
    /// (index of the start event, its text, its source) of the heading being read.
    heading: Option<(usize, String, Range<usize>)>,
    /// (offset, raw text) of the HTML block being read.
    html_block: Option<(usize, String)>,
    pub(super) first_paragraph: Option<String>,
    paragraph: Option<String>,
    /// (destination, line, has alt text) of the image being read.
    image: Option<(String, usize, bool)>,
    /// A processed image being read: written as one `<img>` at its end, with its alt text
    /// and title gathered meanwhile.
    picture: Option<(super::Picture, String, String)>,
    /// How many processed images the text had so far.
    pictures: usize,
    /// (index of its wrapper's event, the text of its header row while that is read) of
    /// the table being read.
    table: Option<(usize, Option<String>)>,
    /// Where the code spans and code blocks are in the body.
    code_ranges: Vec<Range<usize>>,
}

impl<'a, 'r> Walk<'a, 'r> {
    pub(super) fn new(input: &'r Input<'a>, resolve: &'r dyn Fn(&str) -> LinkResolution) -> Self {
        Walk {
            input,
            resolve,
            lines: Lines::new(input.body),
            events: Vec::new(),
            used_ids: UsedIds::default(),
            headings: Vec::new(),
            summary_cut: None,
            word_count: 0,
            code: None,
            heading: None,
            html_block: None,
            first_paragraph: None,
            paragraph: None,
            image: None,
            picture: None,
            pictures: 0,
            table: None,
            code_ranges: Vec::new(),
        }
    }

    fn line_at(&self, offset: usize) -> usize {
        self.input.first_line + self.lines.of(offset) - 1
    }

    /// Takes one event, found at `range` of the body.
    pub(super) fn event(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        if self.code.is_some() {
            return self.in_code(event, diagnostics);
        }
        if self.html_block.is_some() {
            return self.in_html_block(event);
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, self.line_at(range.start), String::new()));
                self.code_ranges.push(range);
            }
            Event::Start(Tag::HtmlBlock) => self.html_block = Some((range.start, String::new())),
            Event::Start(Tag::Heading { .. }) => {
                self.heading = Some((self.events.len(), String::new(), range.clone()));
                self.events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                self.end_heading(level, diagnostics);
                self.events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                self.link_or_image(tag, range, diagnostics)
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if h.trim() == "<!-- more -->" {
                    self.summary_cut.get_or_insert(self.events.len());
                } else if self.input.unsafe_html {
                    self.events.push(Event::InlineHtml(h));
                } else {
                    self.events.push(Event::Text(h));
                }
            }
            Event::Start(Tag::Paragraph) => {
                self.paragraph = Some(String::new());
                self.events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = self.paragraph.take() {
                    if self.first_paragraph.is_none() && !p.trim().is_empty() {
                        self.first_paragraph = Some(p.trim().to_string());
                    }
                }
                self.events.push(event);
            }
            Event::End(TagEnd::Image) => {
                if let Some((dest, line, false)) = self.image.take() {
                    let message = format!("image `{dest}` has no alt text: write what it shows for readers who cannot see it, as ![a map of the region]({dest})");
                    let d = Kind::AltText.warning(self.input.path, message).at(line);
                    diagnostics.push(quoted(d, self.input, Some(&dest)));
                }
                match self.picture.take() {
                    Some((picture, alt, title)) => {
                        let html = picture.img(alt.trim(), &title, self.pictures == 0);
                        self.pictures += 1;
                        self.events.push(Event::InlineHtml(CowStr::from(html)));
                    }
                    None => self.events.push(event),
                }
            }
            Event::Code(code) if self.picture.is_some() => self.text(code),
            Event::SoftBreak | Event::HardBreak if self.picture.is_some() => {
                self.text(CowStr::Borrowed(" "))
            }
            Event::Start(Tag::Table(_))
            | Event::End(TagEnd::Table)
            | Event::End(TagEnd::TableHead) => self.table(event),
            Event::Start(Tag::TableHead) => {
                if let Some((_, head)) = self.table.as_mut() {
                    *head = Some(String::new());
                }
                self.events.push(event);
            }
            Event::End(TagEnd::TableCell) => {
                if let Some((_, Some(head))) = self.table.as_mut() {
                    head.push('\u{1f}');
                }
                self.events.push(event);
            }
            Event::Text(t) => self.text(t),
            Event::Code(ref t) => {
                self.code_ranges.push(range);
                if let Some((_, Some(head))) = self.table.as_mut() {
                    head.push_str(t);
                }
                self.word_count += count_words(t);
                if let Some((_, text, _)) = self.heading.as_mut() {
                    text.push_str(t);
                }
                if let Some(p) = self.paragraph.as_mut() {
                    p.push_str(t);
                }
                self.events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = self.paragraph.as_mut() {
                    p.push(' ');
                }
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// A warning for each Hugo shortcode call outside code (`{{< figure ... >}}`), at its
    /// line and column, saying what dala writes instead; after the last event.
    pub(super) fn hugo_shortcodes(&self, diagnostics: &mut Vec<Diagnostic>) {
        let body = self.input.body;
        if !body.contains("{{<") && !body.contains("{{%") {
            return;
        }
        for call in crate::shortcode::hugo_calls(body) {
            if self.code_ranges.iter().any(|r| r.contains(&call.at)) {
                continue;
            }
            let line_start = body[..call.at].rfind('\n').map_or(0, |i| i + 1);
            let column = body[line_start..call.at].chars().count() + 1;
            let message = crate::hints::hugo_shortcode(
                &call.name,
                call.hub,
                call.dala_args.as_deref(),
                call.paired,
            );
            let d = Kind::Shortcode
                .warning(self.input.path, message)
                .at_column(self.line_at(call.at), column);
            let written = &body[call.at..call.at + call.len];
            diagnostics.push(quoted(d, self.input, Some(written)));
        }
    }

    /// Inside a code block: its text is gathered, and highlighted at its end.
    fn in_code(&mut self, event: Event<'a>, diagnostics: &mut Vec<Diagnostic>) {
        match event {
            Event::Text(t) => {
                if let Some((_, _, text)) = self.code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, line, text) = self.code.take().unwrap_or_default();
                let (html, result) = self.input.highlighter.highlight(&text, &lang);
                if let Err(message) = result {
                    let d = Kind::CodeBlock.warning(self.input.path, message).at(line);
                    diagnostics.push(quoted(d, self.input, Some(&lang)));
                }
                self.events.push(Event::Html(html.to_string().into()));
            }
            _ => {}
        }
    }

    /// Inside a raw HTML block: gathered, then kept (raw HTML allowed), shown as text, or
    /// taken as the `<!-- more -->` mark.
    fn in_html_block(&mut self, event: Event<'a>) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some((_, raw)) = self.html_block.as_mut() {
                    raw.push_str(&h);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (_, raw) = self.html_block.take().unwrap_or_default();
                if raw.trim() == "<!-- more -->" {
                    self.summary_cut.get_or_insert(self.events.len());
                } else if self.input.unsafe_html {
                    let boxed = raw_table_box(&raw, self.input.table_label);
                    self.events.push(Event::Html(boxed.unwrap_or(raw).into()));
                } else {
                    self.events.push(Event::Start(Tag::Paragraph));
                    self.events
                        .push(Event::Text(raw.trim_end().to_string().into()));
                    self.events.push(Event::End(TagEnd::Paragraph));
                }
            }
            _ => {}
        }
    }

    /// The end of a heading: its attributes checked, its id chosen (unique on the page),
    /// and its entry in the table of contents.
    fn end_heading(&mut self, level: HeadingLevel, diagnostics: &mut Vec<Diagnostic>) {
        let Some((start, mut text, source)) = self.heading.take() else {
            return;
        };
        let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = &self.events[start]
        else {
            return;
        };
        let (id, classes, attrs) = match heading_attributes(
            (id, classes, attrs),
            &self.input.body[source.clone()],
            self.input.unsafe_html,
        ) {
            Attributes::Kept => (id.clone(), classes.clone(), attrs.clone()),
            Attributes::Filtered(dropped) => {
                diagnostics.push(
                    Kind::Markdown.warning(
                        self.input.path,
                        format!(
                            "heading attributes {} left out: only `#id` and `.class` are published unless site.yaml sets `markdown: {{ unsafe_html: true }}`",
                            dropped.join(", ")
                        ),
                    )
                    .at(self.line_at(source.start)),
                );
                (id.clone(), classes.clone(), Vec::new())
            }
            Attributes::Text(block) => {
                // Not an attribute list: the braces are part of the title.
                let block = format!(" {block}");
                text.push_str(&block);
                self.events.push(Event::Text(block.into()));
                (None, Vec::new(), Vec::new())
            }
        };
        let wanted = match &id {
            Some(id) => id.to_string(),
            None => match slugify(&if self.input.turkic_case {
                crate::translit::turkic_lowercase(&text)
            } else {
                text.clone()
            }) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            },
        };
        let id = unique_id(wanted, &mut self.used_ids);
        self.headings
            .push((heading_level(level), id.clone(), text.trim().to_string()));
        self.events[start] = Event::Start(Tag::Heading {
            level,
            id: Some(id.into()),
            classes,
            attrs,
        });
    }

    /// A link or image: its URL checked (unless raw HTML is allowed) and, for a content
    /// file, resolved.
    fn link_or_image(
        &mut self,
        mut tag: Tag<'a>,
        range: Range<usize>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let line = self.line_at(range.start);
        if let Tag::Image {
            dest_url, title, ..
        } = &tag
        {
            self.image = Some((dest_url.to_string(), line, false));
            if let Some(images) = self.input.images {
                match images(dest_url, line) {
                    super::ImageResolution::Other => {}
                    super::ImageResolution::Picture(picture) => {
                        self.picture = Some((picture, String::new(), title.to_string()));
                        return;
                    }
                    super::ImageResolution::Broken(message) => {
                        let d = Kind::Image.error(self.input.path, message).at(line);
                        diagnostics.push(quoted(d, self.input, Some(dest_url)));
                    }
                }
            }
        }
        if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
            if !self.input.unsafe_html {
                if let Err(problem) = crate::safe::check_url(dest_url) {
                    let d = Kind::UnsafeUrl.error(self.input.path, problem).at(line);
                    diagnostics.push(quoted(d, self.input, Some(dest_url)));
                    *dest_url = CowStr::from("#");
                }
            }
            if let Some(url) = rewrite_link(dest_url, self.resolve, self.input, line, diagnostics) {
                *dest_url = CowStr::from(url);
            }
        }
        self.events.push(Event::Start(tag));
    }

    /// Text: transliterated and set in the language's typography, counted, and added to
    /// the heading or paragraph being read.
    fn text(&mut self, t: CowStr<'a>) {
        if let Some((_, _, has_text)) = self.image.as_mut() {
            *has_text |= !t.trim().is_empty();
        }
        let t = match self.input.transliterate {
            Some(convert) => CowStr::from(convert(&t)),
            None => t,
        };
        let t = match self.input.typography.apply(&t) {
            std::borrow::Cow::Borrowed(_) => t,
            std::borrow::Cow::Owned(s) => CowStr::from(s),
        };
        if let Some((_, alt, _)) = self.picture.as_mut() {
            alt.push_str(&t);
            return;
        }
        self.word_count += count_words(&t);
        if let Some((_, text, _)) = self.heading.as_mut() {
            text.push_str(&t);
        }
        if let Some(p) = self.paragraph.as_mut() {
            p.push_str(&t);
        }
        if let Some((_, Some(head))) = self.table.as_mut() {
            head.push_str(&t);
        }
        self.events.push(Event::Text(t));
    }

    /// A table is wrapped in a box that scrolls sideways on narrow screens instead of
    /// squeezing the columns: a region that keyboards can focus, named by the input's
    /// `table_label` and the table's column headers ("Table: Version, State").
    fn table(&mut self, event: Event<'a>) {
        match event {
            Event::Start(_) => {
                self.table = Some((self.events.len(), None));
                // The box's opening tag, written once the header row is known.
                self.events.push(Event::Html(CowStr::Borrowed("")));
                self.events.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                self.events.push(event);
                self.open_table_box();
            }
            _ => {
                self.events.push(event);
                if let Some((start, _)) = self.table {
                    if matches!(&self.events[start], Event::Html(h) if h.is_empty()) {
                        self.open_table_box();
                    }
                    self.table = None;
                    self.events.push(Event::Html(CowStr::Borrowed("</div>\n")));
                }
            }
        }
    }

    /// Writes the opening tag of the table's box, named by its header row so far.
    fn open_table_box(&mut self) {
        let Some((start, head)) = self.table.as_mut() else {
            return;
        };
        let head = head.take().unwrap_or_default();
        let columns: Vec<&str> = head
            .split('\u{1f}')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let label = if columns.is_empty() {
            self.input.table_label.to_string()
        } else {
            let named = format!("{}: {}", self.input.table_label, columns.join(", "));
            super::shorten(&named, 120)
        };
        self.events[*start] = Event::Html(CowStr::from(format!(
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
            crate::util::escape(&label)
        )));
    }
}

/// A raw HTML block that is one table, in the same scrolling region as a Markdown table
/// (focusable, so that a keyboard can scroll it, and named by `label` and its column
/// headers); `None` for any other block.
fn raw_table_box(raw: &str, label: &str) -> Option<String> {
    let table = raw.trim();
    let lower = table.to_ascii_lowercase();
    if !lower.starts_with("<table")
        || !lower.ends_with("</table>")
        || lower.matches("<table").count() != 1
    {
        return None;
    }
    // The text of each `<th>`, tags left out.
    let mut columns = Vec::new();
    for part in lower.match_indices("<th").map(|(i, _)| i) {
        let rest = &table[part..];
        if !rest[3..].starts_with(['>', ' ', '\t', '\n']) {
            continue;
        }
        let Some(open) = rest.find('>') else { continue };
        let body = &rest[open + 1..];
        let end = body.to_ascii_lowercase().find("</th").unwrap_or(body.len());
        let mut text = String::new();
        let mut in_tag = false;
        for c in body[..end].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            columns.push(text);
        }
    }
    let named = if columns.is_empty() {
        label.to_string()
    } else {
        super::shorten(&format!("{label}: {}", columns.join(", ")), 120)
    };
    Some(format!(
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n{raw}</div>\n",
        crate::util::escape(&named)
    ))
}

/// `text.split_whitespace().count()`, without decoding each character: a byte that starts
/// a character is white space only if it is ASCII white space or could start one of the
/// few other white space characters (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000), and
/// only those are decoded. Cyrillic text has none of them.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => (true, 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = text[i..].chars().next().unwrap_or('x');
                (c.is_whitespace(), c.len_utf8())
            }
            // Another ASCII character, or a byte of a character that is not white space.
            _ => (false, 1),
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "   ",
            "Цифрлық үкімет",
            " Открытые\u{a0}данные — это\tпросто\n",
            "a\u{2003}b\u{3000}c\u{85}d\u{1680}e\u{202f}f\u{205f}g",
            "¿Qué? “Да” ¬ ™ ‘x’ – ок",
            "ends\r\n",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
}
