//! The text of pages and sections: Markdown with its shortcodes, rendered with the site's
//! settings for the language, and its content links resolved.

use super::context::HashWriter;
use super::load::Loaded;
use crate::error::{Diagnostic, Kind};
use crate::highlight::Highlighter;
use crate::lang::Lang;
use crate::markdown::{self, LinkResolution, Rendered};
use crate::site::links::resolve_link;
use crate::url::SitePath;
use std::path::Path;

/// A piece of Markdown to render: a page's or a section's body, or a shortcode's.
#[derive(Clone, Copy)]
pub(super) struct Text<'a> {
    /// The file it is in, for messages.
    pub(super) file: &'a Path,
    /// That file inside `content/`, which relative links start from.
    pub(super) rel: &'a str,
    pub(super) body: &'a str,
    /// The line of the file the body starts on.
    pub(super) body_line: usize,
    pub(super) lang: &'a Lang,
}

/// A hash of what a page's Markdown gives its template besides the HTML.
pub(super) fn derived_hash(r: &Rendered) -> u64 {
    let mut h = HashWriter::default();
    h.add(&(&r.toc, &r.summary_html, r.word_count));
    h.finish()
}

/// Renders `text`'s Markdown and shortcodes; gives back what it rendered and its content
/// links, each with the URL it resolved to.
pub(super) fn render_markdown(
    site: &Loaded,
    highlighter: &Highlighter,
    text: &Text,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Rendered, Vec<(String, String)>) {
    let Text {
        file,
        rel,
        body,
        body_line,
        lang,
    } = *text;
    let (marked, calls) = crate::shortcode::extract(body, body_line, file, diagnostics);
    if !site.config.unsafe_html {
        crate::shortcode::check_urls(&calls, file, diagnostics);
    }
    let profile = &site.config.language(lang).profile;
    // The interface string `table` names a table's scrolling box; English if none has it.
    let table_label = site.strings.text(lang, "table", None, &[]);
    let input = markdown::Input {
        body: &marked,
        path: file,
        first_line: body_line,
        unsafe_html: site.config.unsafe_html,
        highlighter,
        typography: profile.typography,
        transliterate: profile.transliteration,
        turkic_case: profile.turkic_case,
        want_text: site.config.search,
        table_label: table_label.as_deref().unwrap_or("Table"),
        images: Some(&|dest: &str, line: usize| {
            site.images.resolve(&site.urls, (rel, file, line), dest)
        }),
    };
    // Remember each content link and its URL: the page must be rendered again when one moves.
    let links = std::cell::RefCell::new(Vec::new());
    let resolve = |dest: &str| {
        let r = resolve_link(&site.content, &site.urls, rel, lang, dest);
        if let LinkResolution::Resolved(url) = &r {
            links.borrow_mut().push((dest.to_string(), url.clone()));
        }
        r
    };
    let mut rendered = markdown::render(&input, &resolve, diagnostics);
    let mut links = links.into_inner();
    if calls.is_empty() {
        return (rendered, links);
    }
    let mut outputs = Vec::with_capacity(calls.len());
    for (nth, call) in calls.iter().enumerate() {
        let body_html = call.body.as_ref().map(|b| {
            let inner = Text {
                body: b,
                body_line: call.body_line,
                ..*text
            };
            let (r, l) = render_markdown(site, highlighter, &inner, diagnostics);
            links.extend(l);
            rendered.text.push(' ');
            rendered.text.push_str(&r.text);
            r.html
        });
        match render_shortcode(site, text, call, body_html, nth) {
            Ok(html) => outputs.push(html),
            Err(message) => {
                diagnostics.push(Kind::Shortcode.error(file, message).at(call.line));
                outputs.push(String::new());
            }
        }
    }
    use crate::shortcode::{replace, strip};
    rendered.html = replace(&rendered.html, &outputs);
    rendered.summary_html = rendered.summary_html.map(|h| replace(&h, &outputs));
    rendered.summary_text = strip(&rendered.summary_text);
    rendered.text = strip(&rendered.text);
    fn strip_toc(toc: &mut [markdown::TocEntry]) {
        for entry in toc {
            entry.title = crate::shortcode::strip(&entry.title);
            strip_toc(&mut entry.children);
        }
    }
    strip_toc(&mut rendered.toc);
    (rendered, links)
}

/// Renders a shortcode call with `templates/shortcodes/<name>.html`.
fn render_shortcode(
    site: &Loaded,
    text: &Text,
    call: &crate::shortcode::Call,
    body: Option<String>,
    nth: usize,
) -> Result<String, String> {
    let lang = text.lang;
    let Some(templates) = &site.templates else {
        return Ok(String::new());
    };
    let name = format!("shortcodes/{}.html", call.name);
    if !templates.has(&name) {
        let known: Vec<&str> = templates
            .names()
            .filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .collect();
        return Err(format!(
            "no shortcode `{}`: expected a template templates/shortcodes/{}.html in the site or the theme (there are: {})",
            call.name,
            call.name,
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        ));
    }
    let mut ctx = tera::Context::new();
    // A derived language's page is its parent's, transliterated: its arguments too.
    let convert = site.config.transliteration(lang);
    for (key, value) in &call.args {
        match (value, convert) {
            (serde_json::Value::String(text), Some(convert)) => {
                ctx.insert(key.as_str(), &convert(text))
            }
            _ => ctx.insert(key.as_str(), value),
        }
    }
    // `src` naming an image of the bundle: the image as processed, for the `<img>`.
    if let Some(serde_json::Value::String(src)) = call.args.get("src") {
        let at = (text.rel, text.file, call.line);
        match site.images.resolve(&site.urls, at, src) {
            markdown::ImageResolution::Picture(p) => ctx.insert("image", &picture_view(&p)),
            markdown::ImageResolution::Broken(message) => return Err(message),
            markdown::ImageResolution::Other => {}
        }
    }
    ctx.insert("body", &body);
    ctx.insert("nth", &nth);
    ctx.insert("lang", lang.as_str());
    ctx.insert("taxonomies", &site.config.taxonomies);
    ctx.insert(
        "language_path",
        &site.urls.path(&SitePath::folder([lang.as_str()])),
    );
    templates
        .render_shortcode(&name, &ctx, lang)
        .map_err(|message| format!("shortcode `{}`: {message}", call.name))
}

/// A processed image as shortcode templates see it: `image.src`, `image.srcset`,
/// `image.sizes`, `image.width`, `image.height`.
fn picture_view(p: &markdown::Picture) -> serde_json::Value {
    serde_json::json!({
        "src": p.src,
        "srcset": p.srcset,
        "sizes": p.sizes,
        "width": p.width,
        "height": p.height,
        "full": p.full,
    })
}
