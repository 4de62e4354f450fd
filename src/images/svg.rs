//! SVG published safely: an SVG is a document that a reader can open as a page of the site,
//! so whatever in it can run or reach outside is removed: `<script>`, `<foreignObject>`
//! (HTML inside), event handler attributes (`onload=`), animations that set a link or a
//! handler, links and references to anything but a fragment of the same file, style that
//! imports or points at an outside address, processing instructions and the document type
//! (where entities would be declared).

use super::{ImageError, Size};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Elements dropped with all they hold.
const DROPPED: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

/// The SVG in `bytes` with what can run or reach outside removed.
pub fn sanitize(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let mut reader = Reader::from_reader(bytes);
    let mut writer = Writer::new(Vec::with_capacity(bytes.len()));
    // Inside an element being dropped: how deep.
    let mut skipping = 0usize;
    let mut in_style = false;
    let mut saw_svg = false;
    let error = |e: &dyn std::fmt::Display, at: u64| ImageError::Svg(format!("{e}, at byte {at}"));
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| error(&e, at))?;
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        let kept = match event {
            Event::Start(e) if dropped(&e) => {
                skipping = 1;
                None
            }
            Event::Empty(e) if dropped(&e) => None,
            Event::Start(e) => {
                saw_svg |= is(&e, "svg");
                in_style = is(&e, "style");
                Some(Event::Start(clean(&e)))
            }
            Event::Empty(e) => {
                saw_svg |= is(&e, "svg");
                Some(Event::Empty(clean(&e)))
            }
            Event::End(e) => {
                in_style = false;
                Some(Event::End(e))
            }
            Event::Text(t) if in_style && unsafe_style(&t) => None,
            Event::CData(t) if in_style && unsafe_style(&t) => None,
            Event::PI(_) | Event::DocType(_) => None,
            Event::Eof => break,
            other => Some(other),
        };
        if let Some(event) = kept {
            writer
                .write_event(event)
                .map_err(|e| ImageError::Io(e.to_string()))?;
        }
    }
    if !saw_svg {
        return Err(ImageError::Svg("it has no <svg> element".into()));
    }
    Ok(writer.into_inner())
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

fn is(e: &BytesStart, name: &str) -> bool {
    local(e) == name
}

/// Whether the element is one that is dropped whole: scripts and HTML, and animations that
/// set a link or an event handler.
fn dropped(e: &BytesStart) -> bool {
    let name = local(e);
    if DROPPED.contains(&name.as_str()) {
        return true;
    }
    if matches!(
        name.as_str(),
        "set" | "animate" | "animatemotion" | "animatetransform"
    ) {
        return e.attributes().flatten().any(|a| {
            a.key
                .local_name()
                .as_ref()
                .eq_ignore_ascii_case("attributename")
                && {
                    let v = a.value.to_ascii_lowercase();
                    let v = v.rsplit(':').next().unwrap_or("").trim().to_string();
                    v == "href" || v.starts_with("on")
                }
        });
    }
    false
}

/// The element with its unsafe attributes left out.
fn clean(e: &BytesStart) -> BytesStart<'static> {
    let name = e.name().as_ref().to_string();
    let mut out = BytesStart::new(name);
    for attribute in e.attributes().with_checks(false).flatten() {
        let key = attribute.key.local_name().as_ref().to_ascii_lowercase();
        let value = attribute.value.clone();
        let unsafe_attribute = key.starts_with("on")
            || ((key == "href" || key == "src") && !value.trim_start().starts_with('#'))
            || (key == "style" && unsafe_style(&value))
            || value.to_ascii_lowercase().contains("javascript:")
            || (value.contains("url(") && unsafe_style(&value));
        if !unsafe_attribute {
            out.push_attribute(attribute);
        }
    }
    out
}

/// Whether CSS imports a file or points at anything outside the document (`url(#id)` is
/// kept: it names a gradient or a clip path of the same file).
fn unsafe_style(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") || lower.contains("javascript:") || lower.contains("expression(") {
        return true;
    }
    lower.match_indices("url(").any(|(i, _)| {
        let rest = lower[i + 4..].trim_start_matches([' ', '\'', '"']);
        !rest.starts_with('#')
    })
}

/// The width and height an SVG gives itself: its `width` and `height` in pixels, else its
/// `viewBox`.
pub fn size(bytes: &[u8]) -> Option<Size> {
    let mut reader = Reader::from_reader(bytes);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if is(&e, "svg") => {
                let get = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                let px = |v: Option<String>| -> Option<f64> {
                    let v = v?;
                    let v = v.trim().trim_end_matches("px");
                    v.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
                };
                let (w, h) = match (px(get("width")), px(get("height"))) {
                    (Some(w), Some(h)) => (w, h),
                    _ => {
                        let view = get("viewBox")?;
                        let n: Vec<f64> = view
                            .split([' ', ','])
                            .filter(|s| !s.is_empty())
                            .filter_map(|s| s.parse().ok())
                            .collect();
                        (*n.get(2)?, *n.get(3)?)
                    }
                };
                if !(w >= 1.0 && h >= 1.0 && w < 100_000.0 && h < 100_000.0) {
                    return None;
                }
                return Some(Size {
                    width: w.round() as u32,
                    height: h.round() as u32,
                });
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_text(svg: &str) -> String {
        String::from_utf8(sanitize(svg.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn scripts_handlers_and_outside_references_go() {
        let svg = r##"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><?xml-stylesheet href="http://e.x/a.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="alert(1)">
<script>alert(2)</script><svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(3)</svg:script>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(4)"/></div></foreignObject>
<a xlink:href="javascript:alert(5)"><rect width="5" height="5" onclick="alert(6)" fill="url(#g)"/></a>
<image href="https://tracker.example/p.png"/><use href="#shape"/>
<set attributeName="href" to="javascript:alert(7)"/><animate attributeName="x" from="0" to="1"/>
<style>@import url(https://e.x/f.css); rect { fill: red }</style><style>circle { fill: url(#g) }</style>
<rect style="background: url(https://e.x/t.png)"/>
</svg>"##;
        let out = clean_text(svg);
        for gone in [
            "alert",
            "script",
            "foreignObject",
            "onload",
            "onclick",
            "tracker",
            "@import",
            "ENTITY",
            "xml-stylesheet",
            "e.x",
        ] {
            assert!(!out.contains(gone), "{gone} is still in {out}");
        }
        for kept in [
            "fill=\"url(#g)\"",
            "<use href=\"#shape\"/>",
            "<animate attributeName=\"x\"",
            "circle { fill: url(#g) }",
            "width=\"10\"",
        ] {
            assert!(out.contains(kept), "{kept} is missing from {out}");
        }
    }

    #[test]
    fn broken_or_foreign_xml_is_an_error() {
        assert!(matches!(
            sanitize(b"<svg><g></svg>"),
            Err(ImageError::Svg(_))
        ));
        assert!(matches!(
            sanitize(b"<html></html>"),
            Err(ImageError::Svg(_))
        ));
    }

    #[test]
    fn sizes_from_attributes_or_the_view_box() {
        let s = |t: &str| size(t.as_bytes()).map(|s| (s.width, s.height));
        assert_eq!(s(r#"<svg width="640px" height="480"/>"#), Some((640, 480)));
        assert_eq!(
            s(r#"<svg viewBox="0 0 800 450" width="100%"/>"#),
            Some((800, 450))
        );
        assert_eq!(s(r#"<svg/>"#), None);
    }
}
