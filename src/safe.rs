//! What untrusted text may put into a page: URLs with a safe scheme, JSON that cannot end
//! the script element it stands in, and paths that stay inside the output.
//!
//! Content and themes are untrusted unless the site sets `unsafe_html: true`. A link's
//! destination is checked the way a browser reads it: character references decoded,
//! whitespace and control characters dropped, case folded. Only `http`, `https`, `mailto`,
//! `tel`, relative URLs and fragments pass; `javascript:`, `vbscript:`, `data:` and every
//! other scheme are refused.

use std::collections::HashMap;
use tera::{Tera, Value};

/// The schemes a link may have when the site does not allow raw HTML.
pub const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Why `url` may not stand in a link or an image of an untrusted page; `Ok` when it may.
pub fn check_url(url: &str) -> Result<(), String> {
    let seen = as_browser_reads(url);
    if seen.starts_with("//") {
        // Protocol-relative: http or https, whichever the page has.
        return Ok(());
    }
    match scheme(&seen) {
        Some(s) if !SAFE_SCHEMES.contains(&s) => Err(format!(
            "the URL `{}` has the scheme `{s}:`; allowed are {}, relative URLs and #fragments (or set `unsafe_html: true` in site.yaml)",
            shown(url),
            SAFE_SCHEMES
                .iter()
                .map(|s| format!("`{s}:`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => Ok(()),
    }
}

/// The URL's scheme, lower-case, if it has one (`mailto` in `mailto:a@b.org`). Text before
/// a `:` that comes after `/`, `?` or `#` is a path, not a scheme.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(candidate)
}

/// `url` as a browser takes it in an attribute: character references decoded, ASCII
/// whitespace and control characters removed, lower-cased.
fn as_browser_reads(url: &str) -> String {
    decode_references(url)
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && *c != '\u{feff}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Decodes numeric character references (`&#106;`, `&#x6A;`, with or without `;`) and the
/// named ones that can hide a scheme (`&colon;`, `&Tab;`, `&NewLine;`...).
fn decode_references(text: &str) -> String {
    const NAMED: &[(&str, char)] = &[
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("amp", '&'),
        ("sol", '/'),
        ("period", '.'),
        ("num", '#'),
        ("quest", '?'),
        ("lpar", '('),
        ("rpar", ')'),
        ("nbsp", '\u{a0}'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(num) = after.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            // Leading zeros are allowed and unbounded; the value is what counts.
            let value = digits[..len].trim_start_matches('0');
            let code = if value.is_empty() {
                Some(0)
            } else if value.len() > 8 {
                None
            } else {
                u32::from_str_radix(value, if hex { 16 } else { 10 }).ok()
            };
            if len > 0 {
                out.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
                let used = num.len() - digits.len() + len;
                rest = &num[used..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        } else {
            let name_len = after
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(after.len());
            let name = after[..name_len].to_ascii_lowercase();
            if let Some((_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
                out.push(*c);
                rest = &after[name_len..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A URL as quoted in a message: control characters made visible, long ones cut.
fn shown(url: &str) -> String {
    let visible: String = url.chars().flat_map(char::escape_default).collect();
    match visible.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &visible[..i]),
        None => visible,
    }
}

/// Names of shortcode arguments that carry a URL: checked like a Markdown link.
pub fn is_url_argument(name: &str) -> bool {
    matches!(
        name,
        "src" | "href" | "url" | "link" | "portal" | "poster" | "watch" | "action" | "srcset"
    ) || ["_url", "_src", "_href", "_link"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// `value` as JSON that may stand inside a `<script>` element: `<`, `>` and `&` (and the
/// line separators JavaScript once refused) written as `\u` escapes, so that no text of
/// the value can close the element or open a comment in it.
pub fn json_for_script(value: &Value, pretty: bool) -> Result<String, serde_json::Error> {
    let json = if pretty {
        serde_json::to_string_pretty(value)?
    } else {
        serde_json::to_string(value)?
    };
    Ok(escape_json_for_script(&json))
}

fn escape_json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Gives themes `safe_url` and `json_script`, and makes Tera's `json_encode` escape for
/// scripts too, so that a theme that forgets `json_script` is safe all the same.
pub fn register(tera: &mut Tera) {
    tera.register_filter("safe_url", SafeUrl);
    tera.register_filter("json_script", JsonScript);
    tera.register_filter(
        "json_encode",
        |value: &Value, args: &HashMap<String, Value>| {
            let pretty = args.get("pretty").and_then(Value::as_bool).unwrap_or(false);
            json_for_script(value, pretty)
                .map(Value::String)
                .map_err(|e| tera::Error::msg(format!("json_encode: {e}")))
        },
    );
}

/// `{{ link | safe_url }}`: the URL as it is when its scheme is safe, else a render error.
struct SafeUrl;

impl tera::Filter for SafeUrl {
    fn filter(&self, value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
        let url = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("safe_url: expected a string"))?;
        check_url(url).map_err(|e| tera::Error::msg(format!("safe_url: {e}")))?;
        Ok(value.clone())
    }
}

/// `{{ data | json_script }}`: JSON for a `<script>` element, not escaped again as HTML.
struct JsonScript;

impl tera::Filter for JsonScript {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let pretty = args.get("pretty").and_then(Value::as_bool).unwrap_or(false);
        json_for_script(value, pretty)
            .map(Value::String)
            .map_err(|e| tera::Error::msg(format!("json_script: {e}")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Why `path`, a path in the site written by a user (an alias), cannot name a place in
/// the output: it must stay inside it, whatever file system or web server reads it.
pub fn check_site_path(path: &str) -> Result<(), String> {
    let inner = path.strip_prefix('/').unwrap_or(path);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    if inner.is_empty() {
        return Err(format!(
            "`{}` names the site's root; an alias needs a path such as /old/page/",
            shown(path)
        ));
    }
    inner.split('/').try_for_each(|s| check_segment(s, path))
}

/// Why `segment` cannot be one segment of a URL path (a slug, a file or folder name).
pub fn check_segment(segment: &str, whole: &str) -> Result<(), String> {
    let bad = if segment.is_empty() {
        Some("an empty segment (`//`)".to_string())
    } else if segment == "." || segment == ".." {
        Some(format!("a `{segment}` segment"))
    } else {
        segment
            .chars()
            .find(|c| c.is_control() || matches!(c, '/' | '\\' | '%' | '?' | '#'))
            .map(|c| format!("the character `{}`", c.escape_default()))
    };
    match bad {
        Some(what) => Err(format!(
            "`{}` has {what}: a path in the site is made of names separated by single `/`, without `.` or `..`, `\\`, `%`, `?`, `#` or control characters",
            shown(whole)
        )),
        None => Ok(()),
    }
}

/// Why `url` cannot be the site's base URL: an absolute `http` or `https` URL with a host,
/// and no character that would need escaping in HTML, XML or robots.txt.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{}` must start with http:// or https://", shown(url)))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("`{}` has no host name after `//`", shown(url)));
    }
    if let Some(c) = url.chars().find(|c| {
        !c.is_ascii_graphic()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '?' | '#'
            )
    }) {
        return Err(format!(
            "`{}` has the character `{}`, which a base URL cannot carry (percent-encode it)",
            shown(url),
            c.escape_default()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_pass() {
        for ok in [
            "https://example.org/x",
            "http://x",
            "mailto:a@b.org",
            "tel:+77172000000",
            "/en/articles/",
            "../x.md",
            "#part",
            "?q=1",
            "//cdn.example.org/x.js",
            "img/map.svg",
            "a/b:c",
            "",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#0000106avascript:alert(1)",
            "javascript&colon;alert(1)",
            "vbscript:msgbox",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "ftp://x",
        ] {
            assert!(check_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn json_cannot_end_a_script() {
        let v = Value::String("<!--<script></script>&\u{2028}".into());
        let j = json_for_script(&v, false).unwrap();
        assert!(
            !j.contains('<') && !j.contains('>') && !j.contains('&'),
            "{j}"
        );
        let back: String = serde_json::from_str(&j).unwrap();
        assert_eq!(back, "<!--<script></script>&\u{2028}");
    }

    #[test]
    fn site_paths_stay_inside() {
        for ok in ["/old/page/", "old/page.html", "/ru/статьи/x/", "/a"] {
            assert!(check_site_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "../site.yaml",
            "/a/../../b",
            "a//b",
            "./a",
            "a\\b",
            "a%2e%2e/b",
            "a\0b",
            "a\nb",
            "",
            "/",
            "a?b",
            "a#b",
        ] {
            assert!(check_site_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn base_urls() {
        assert!(check_base_url("https://hub.example.org").is_ok());
        assert!(check_base_url("http://127.0.0.1:1111/hub").is_ok());
        for bad in [
            "ftp://x",
            "https://",
            "https://x\"><script>",
            "https://x/\nSitemap: evil",
            "https://x y",
            "javascript:alert(1)//https://",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad:?}");
        }
    }
}
