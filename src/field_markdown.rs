//! `{{ page.fields.description | markdown }}`: a collection's `text` field (or any text a
//! template holds) as HTML. Content is untrusted: raw HTML in it is shown as text, never
//! run, and a link or image whose URL has an unsafe scheme keeps its text without the link.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::collections::HashMap;

/// The Markdown `text` as HTML; `inline: true` leaves out the paragraph around a text of one
/// paragraph (for a table cell or a list item).
pub fn to_html(text: &str, inline: bool) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = crate::safe::check_url(&dest_url).is_ok();
            dropped.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => (!dropped.pop().unwrap_or(false)).then_some(event),
        Event::Start(Tag::Image { dest_url, .. }) if crate::safe::check_url(&dest_url).is_err() => {
            dropped.push(true);
            None
        }
        Event::Start(Tag::Image { .. }) => {
            dropped.push(false);
            Some(event)
        }
        Event::End(TagEnd::Image) => (!dropped.pop().unwrap_or(false)).then_some(event),
        other => Some(other),
    });
    let events: Vec<Event> = events.collect();
    let paragraphs = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .count();
    let blocks = events
        .iter()
        .filter(|e| matches!(e, Event::Start(t) if !matches!(t, Tag::Paragraph | Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Strikethrough | Tag::Image { .. })))
        .count();
    let strip = inline && paragraphs == 1 && blocks == 0;
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        events.into_iter().filter(|e| {
            !(strip
                && matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                ))
        }),
    );
    html.trim_end().to_string()
}

/// The `markdown` filter of templates.
pub struct MarkdownFilter;

impl tera::Filter for MarkdownFilter {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let inline = args.get("inline").and_then(Value::as_bool).unwrap_or(false);
        match value {
            Value::Null => Ok(Value::String(String::new())),
            Value::String(s) => Ok(Value::String(to_html(s, inline))),
            _ => Err(tera::Error::msg("markdown: expected a text")),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn markdown_without_raw_html_or_unsafe_links() {
        assert_eq!(
            to_html("A *b* [c](https://x.org)", false),
            "<p>A <em>b</em> <a href=\"https://x.org\">c</a></p>"
        );
        assert_eq!(to_html("A *b*", true), "A <em>b</em>");
        assert_eq!(
            to_html("<script>alert(1)</script>", true),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            to_html("a <b onclick=\"x\">b</b> [x](javascript:alert(1))", true),
            "a &lt;b onclick=\"x\"&gt;b&lt;/b&gt; x"
        );
        assert_eq!(to_html("![i](data:text/html,x)", true), "i");
        assert_eq!(
            to_html("- a\n- b", true),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
        );
    }
}
