//! Links in built HTML, as `dala build` and `dala check` read them: found by a plain scan of
//! the `href`, `src`, `id` and `name` attributes (dala and its templates quote them with
//! `"`), and resolved to a path of the output folder.

use crate::url::Urls;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;

/// What a built HTML file holds for the link checks: its links and its ids.
pub struct Scanned {
    pub links: Vec<String>,
    pub ids: HashSet<String>,
}

/// The links (`href`, `src`) and the ids (`id`, `name`) of a built HTML file, unescaped.
pub fn scan(html: &str) -> Scanned {
    Scanned {
        links: links(html).map(Cow::into_owned).collect(),
        ids: values(html.as_bytes(), " id=\"")
            .chain(values(html.as_bytes(), " name=\""))
            .map(Cow::into_owned)
            .collect(),
    }
}

/// The links (`href`, `src`) of a built HTML file, unescaped.
pub fn links(html: &str) -> impl Iterator<Item = Cow<'_, str>> {
    links_in(html.as_bytes())
}

/// [`links`] for HTML as bytes, not checked as UTF-8 as a whole: a value that is not
/// valid UTF-8 is left out. (The build's own pages are UTF-8 already; checking all of
/// every page again cost more than finding its links.)
pub fn links_in(html: &[u8]) -> impl Iterator<Item = Cow<'_, str>> {
    values(html, " href=\"").chain(values(html, " src=\""))
}

/// The values of the attribute that `attr` (` name="`) opens, unescaped. Only inside a
/// tag: `src="x"` in the text of a code span is not an attribute.
fn values<'a>(bytes: &'a [u8], attr: &'static str) -> impl Iterator<Item = Cow<'a, str>> {
    let finder = memchr::memmem::Finder::new(attr);
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let found = at + finder.find(&bytes[at..])?;
        let start = found + attr.len();
        let len = memchr::memchr(b'"', &bytes[start..]).unwrap_or(bytes.len() - start);
        at = start + len;
        let in_tag =
            memchr::memrchr2(b'<', b'>', &bytes[..found]).is_some_and(|i| bytes[i] == b'<');
        if in_tag {
            if let Ok(value) = std::str::from_utf8(&bytes[start..at]) {
                return Some(unescape(value));
            }
        }
    })
}

fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Where a link of a built page leads inside the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    /// A path of the output folder, decoded, without query or fragment: `en/x/`,
    /// `style.css`, or `` for the root.
    Path(String),
    /// Above the site's root, where a browser would stop at the root.
    Climbs,
}

/// Resolves the links of built pages against the site's base URL.
pub struct Resolver {
    /// `https://hub.example.org/hub`, no trailing slash.
    base_url: String,
    /// The path part of the base URL (`""` or `/hub`).
    prefix: String,
}

impl Resolver {
    pub fn new(urls: &Urls) -> Resolver {
        Resolver {
            base_url: urls.base_url().to_string(),
            prefix: urls.prefix().to_string(),
        }
    }

    /// Where `link` on the built file `page` (`en/x/index.html`) leads inside the site, query
    /// and fragment left out; `None` for a link that leaves it: another site, another
    /// scheme (`mailto:`, `data:`...), or a path of the host outside the base URL's path.
    pub fn target(&self, page: &str, link: &str) -> Option<Target> {
        let from_root = self.path_from_root(page, link)?;
        let Some(resolved) = crate::url::resolve_dots(&from_root) else {
            return Some(Target::Climbs);
        };
        let slash = from_root.ends_with('/') && !resolved.is_empty();
        Some(Target::Path(if slash {
            format!("{resolved}/")
        } else {
            resolved
        }))
    }

    /// Whether `link` leads to the same place from every page (it is absolute, or leaves
    /// the site): [`Resolver::target`] need not be asked again for another page.
    pub fn same_from_every_page(&self, link: &str) -> bool {
        link.starts_with('/') || has_scheme(link)
    }

    /// `link` as a path from the output's root (`/en/x/`), before `.` and `..` are
    /// resolved; `None` when it leaves the site.
    fn path_from_root(&self, page: &str, link: &str) -> Option<String> {
        let path = link.split(['#', '?']).next().unwrap_or("");
        let path = crate::url::percent_decode(path).unwrap_or_else(|| path.to_string());
        let from_root = if let Some(rest) = path.strip_prefix(self.base_url.as_str()) {
            if !(rest.is_empty() || rest.starts_with('/')) {
                return None;
            }
            format!("/{rest}")
        } else if path.starts_with("//") || has_scheme(&path) {
            return None;
        } else if path.starts_with('/') {
            let rest = path.strip_prefix(self.prefix.as_str())?;
            if !(rest.is_empty() || rest.starts_with('/')) {
                return None;
            }
            format!("/{rest}")
        } else {
            let dir = page.rfind('/').map_or("", |i| &page[..=i]);
            format!("/{dir}{path}")
        };
        Some(from_root)
    }
}

/// Whether `link` starts with a URL scheme (`https:`, `mailto:`, `data:`...).
fn has_scheme(link: &str) -> bool {
    let Some(colon) = link.find(':') else {
        return false;
    };
    let scheme = &link[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The output file a path of the output serves (`en/x/` → `en/x/index.html`, `en/x` too
/// when it is a folder), if `has` says it is there.
pub fn served_file(path: &str, has: impl Fn(&str) -> bool) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return has(&index).then_some(index);
    }
    if has(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    has(&index).then_some(index)
}

/// What a link that leads to nothing is told.
pub fn leads_to_nothing(link: &str) -> String {
    format!("link `{link}` leads to nothing in the built site")
}

/// What a content file that names a file that is not there is told.
pub fn no_such_file(link: &str) -> String {
    format!(
        "file `{link}` is not in the built site: put a page's own files beside its index.md \
         (a page bundle), and files for every page in static/"
    )
}

/// What a link above the site's root is told.
pub fn climbs(link: &str) -> String {
    format!("link `{link}` climbs above the site's root (a browser would stop at the root)")
}

/// Where a link no Markdown line has comes from: `pages` pages whose template puts it.
pub fn on_pages(pages: usize) -> String {
    let others = match pages.saturating_sub(1) {
        0 => String::new(),
        1 => " and 1 other page".to_string(),
        n => format!(" and {n} other pages"),
    };
    format!("a link the template puts on this page{others}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(base: &str, page: &str, link: &str) -> Option<Target> {
        Resolver::new(&Urls::new(base)).target(page, link)
    }

    fn path(p: &str) -> Option<Target> {
        Some(Target::Path(p.to_string()))
    }

    #[test]
    fn links_resolve_to_output_paths() {
        let base = "https://hub.example.org";
        assert_eq!(target(base, "en/x/index.html", "/ru/y/#a"), path("ru/y/"));
        assert_eq!(target(base, "en/x/index.html", "../y/?p=2"), path("en/y/"));
        assert_eq!(
            target(base, "en/x/index.html", "img%20one.png"),
            path("en/x/img one.png")
        );
        assert_eq!(target(base, "en/x/index.html", "#top"), path("en/x/"));
        assert_eq!(target(base, "404.html", "/"), path(""));
        assert_eq!(
            target(base, "en/index.html", "https://hub.example.org/kk/"),
            path("kk/")
        );
        assert_eq!(
            target(base, "en/index.html", "https://hub.example.org"),
            path("")
        );
        assert_eq!(
            target(base, "en/index.html", "../../x/"),
            Some(Target::Climbs)
        );
        for away in [
            "https://other.example/",
            "https://hub.example.org.evil/",
            "//cdn.example/x.js",
            "mailto:a@b.c",
            "data:image/png;base64,AAA",
            "tel:+7",
        ] {
            assert_eq!(target(base, "en/index.html", away), None, "{away}");
        }
    }

    #[test]
    fn a_base_path_is_the_root_of_the_output() {
        let base = "https://example.org/hub/";
        assert_eq!(target(base, "en/index.html", "/hub/ru/"), path("ru/"));
        assert_eq!(
            target(base, "en/index.html", "https://example.org/hub/ru/"),
            path("ru/")
        );
        assert_eq!(target(base, "en/index.html", "/hubble/"), None);
        assert_eq!(target(base, "en/index.html", "/other-app/"), None);
    }

    #[test]
    fn served_files() {
        let has = |p: &str| ["index.html", "en/x/index.html", "style.css"].contains(&p);
        assert_eq!(served_file("", has).as_deref(), Some("index.html"));
        assert_eq!(
            served_file("en/x/", has).as_deref(),
            Some("en/x/index.html")
        );
        assert_eq!(served_file("en/x", has).as_deref(), Some("en/x/index.html"));
        assert_eq!(served_file("style.css", has).as_deref(), Some("style.css"));
        assert_eq!(served_file("en/y/", has), None);
    }

    #[test]
    fn only_attributes_are_links() {
        let s = scan(
            r#"<p>Write <code>{{&lt; figure src="x" &gt;}}</code> as <a href="/y/">y</a></p>"#,
        );
        assert_eq!(s.links, ["/y/"]);
    }

    #[test]
    fn scanning_unescapes() {
        let s = scan(r#"<a href="/a?x=1&amp;y=2" id="t"><img src="b.png" name="n">"#);
        assert_eq!(s.links, ["/a?x=1&y=2", "b.png"]);
        assert!(s.ids.contains("t") && s.ids.contains("n"));
    }
}
