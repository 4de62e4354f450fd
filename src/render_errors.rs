//! Render errors a theme author can act on: at the template line that caused them, naming
//! the templates involved, and once, not once per page.
//!
//! Tera's render errors carry no line. [`locate`] finds the line from what the error names
//! (a variable, a filter, a function, an interface string key), searching only the
//! templates that the failing one really uses (itself, what it extends, includes and
//! imports); when nothing matches it says "line unknown" rather than guess a line in an
//! unrelated template. [`merge_repeated`] turns the same error on many pages into one, and
//! the same warning about code blocks (an unknown language) into one per build.

use crate::error::{Diagnostic, Kind};
use crate::i18n::Strings;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What a render error says about the page; [`merge_repeated`] counts the pages.
const WHILE: &str = " (while rendering ";
/// The templates involved, before [`WHILE`].
const TEMPLATES: &str = " (template";

/// The message of `t()` for a key no language along the page's chain has: the same on
/// every page, naming the i18n files that lack it (a derived language has no file of its
/// own to fix: its parent's is named).
pub fn missing_string(strings: &Strings, key: &str) -> String {
    let files: Vec<String> = strings
        .lacking(key)
        .iter()
        .map(|l| format!("i18n/{l}.yaml"))
        .collect();
    format!(
        "no interface string `{key}`: {} lack{} it (add it to the default language at least)",
        files.join(", "),
        if files.len() == 1 { "s" } else { "" }
    )
}

/// The diagnostic for a failed render of template `name` (files: template name -> file).
/// `message` is Tera's error with its causes; `what` names the page.
pub fn render_error(
    files: &BTreeMap<String, PathBuf>,
    name: &str,
    message: &str,
    what: &str,
) -> Diagnostic {
    // Tera's "Failed to render 'page.html' (error happened in 'base.html')." is said by
    // naming the templates below; where it happened is searched first.
    let (mut message, hint, in_macro) = split_location(message, name);
    // A function's own message is what the author needs ("no interface string ...").
    for function in ["t", "load_data"] {
        let call = format!("Function call '{function}' failed: ");
        if let Some((_, inner)) = message.split_once(&call) {
            message = inner.to_string();
        }
    }
    if let Some(m) = in_macro {
        message = format!("in macro `{m}`: {message}");
    }
    let family = family(files, name);
    let mut order = family.clone();
    if let Some(h) = hint.filter(|h| family.contains(h)) {
        order.retain(|n| *n != h);
        order.insert(0, h);
    }
    let place = locate(files, &order, &message);
    let file = place.as_ref().map(|(f, ..)| f.clone()).unwrap_or_else(|| {
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    });
    let mut text = message;
    if place.is_none() {
        text.push_str(" (line unknown)");
    }
    if family.len() > 1 {
        text.push_str(&format!(" (templates: {})", family.join(", ")));
    } else {
        text.push_str(&format!(" (template: {name})"));
    }
    text.push_str(&format!("{WHILE}{what})"));
    let d = Kind::TemplateRender.error(file, text);
    match place {
        Some((_, line, source)) => d.at(line).quoting(&source, line, None),
        None => d,
    }
}

/// Tera's location before the cause: the cause, the template it names as where the error
/// happened, and the macro being rendered.
fn split_location(message: &str, name: &str) -> (String, Option<String>, Option<String>) {
    let Some(mut rest) = message.strip_prefix(&format!("Failed to render '{name}'")) else {
        return (message.to_string(), None, None);
    };
    let (mut hint, mut in_macro) = (None, None);
    loop {
        if let Some(r) = rest.strip_prefix(": error while rendering macro `") {
            let Some(end) = r.find('`') else { break };
            in_macro = Some(r[..end].to_string());
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix(" (error happened in '") {
            let Some(end) = r.find("')") else { break };
            hint = Some(r[..end].to_string());
            rest = r[end + 2..].strip_prefix('.').unwrap_or(&r[end + 2..]);
        } else if let Some(r) = rest.strip_prefix(" (error happened in a parent template)") {
            rest = r;
        } else {
            break;
        }
    }
    match rest.strip_prefix(": ") {
        Some(cause) => (cause.to_string(), hint, in_macro),
        None => (message.to_string(), None, None),
    }
}

/// `name` and every template it extends, includes or imports, directly or not, in the order
/// met (breadth first, so the template itself and its parents come first).
fn family(files: &BTreeMap<String, PathBuf>, name: &str) -> Vec<String> {
    let mut found = vec![name.to_string()];
    let mut i = 0;
    while i < found.len() {
        let text = files
            .get(&found[i])
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_default();
        if let Ok(t) = tera::Template::new(&found[i], None, &text) {
            for next in crate::template_check::references(&t) {
                if files.contains_key(&next) && !found.contains(&next) {
                    found.push(next);
                }
            }
        }
        i += 1;
    }
    found
}

/// The file, line and line's text, among `family`, of what `message` names.
fn locate(
    files: &BTreeMap<String, PathBuf>,
    family: &[String],
    message: &str,
) -> Option<(PathBuf, usize, String)> {
    let quoted = |open: char, close: char, after: &str| -> Option<String> {
        let rest = &message[message.find(after)? + after.len()..];
        let rest = rest.strip_prefix(open)?;
        Some(rest[..rest.find(close)?].to_string())
    };
    let word_after = |line: &str, at: usize, word: &str| -> bool {
        let rest = &line[at..];
        rest.starts_with(word)
            && !rest[word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    };
    type Matcher = Box<dyn Fn(&str) -> bool>;
    let matcher: Matcher = if let Some(f) = quoted('\'', '\'', "Filter ") {
        // `| name` with any spaces: the filter applied, not a word in the text.
        Box::new(move |line: &str| {
            line.match_indices('|').any(|(i, _)| {
                let after = &line[i + 1..];
                let at = i + 1 + (after.len() - after.trim_start().len());
                word_after(line, at, &f)
            })
        })
    } else if let Some(f) = quoted('\'', '\'', "Test ") {
        Box::new(move |line: &str| {
            line.match_indices(" is ").any(|(i, _)| {
                let rest = line[i + 4..].trim_start();
                let rest = rest.strip_prefix("not ").unwrap_or(rest).trim_start();
                word_after(rest, 0, &f)
            })
        })
    } else if let Some(f) = quoted('\'', '\'', "Function ") {
        Box::new(move |line: &str| line.contains(&format!("{f}(")))
    } else if let Some(key) = quoted('`', '`', "no interface string ") {
        Box::new(move |line: &str| {
            line.contains("t(")
                && [format!("key=\"{key}\""), format!("key='{key}'")]
                    .iter()
                    .any(|k| line.replace(' ', "").contains(k.as_str()))
        })
    } else if let Some(m) = quoted('`', '`', "Macro ") {
        Box::new(move |line: &str| line.contains(&format!("{m}(")))
    } else if let Some(v) = quoted('`', '`', "Variable ") {
        Box::new(move |line: &str| line.contains(v.as_str()))
    } else {
        // Otherwise the first thing the message quotes, up to a parenthesis or space.
        let q = message.split('`').nth(1).filter(|q| !q.is_empty())?;
        let needle = q.split(['(', ' ']).next().unwrap_or(q).to_string();
        Box::new(move |line: &str| line.contains(needle.as_str()))
    };
    for name in family {
        let Some(file) = files.get(name) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        if let Some((i, line)) = text.lines().enumerate().find(|(_, l)| matcher(l)) {
            return Some((file.clone(), i + 1, line.to_string()));
        }
    }
    None
}

/// The same render error on many pages (an unknown filter in `base.html` fails every page)
/// as one diagnostic, saying on how many pages it happened; and the same warning of a kind
/// said once per build (see [`merge_places`]). `items` is sorted; the order is kept.
pub fn merge_repeated(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    merge_places(merge_pages(items))
}

/// The same render error on many pages as one.
fn merge_pages(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // The same problem at the same place: the templates that led there may differ too
    // (page.html and section.html both extend the base.html that fails).
    let head = |d: &Diagnostic| -> Option<String> {
        let at = d.message.rfind(WHILE)?;
        let at = d.message[..at].rfind(TEMPLATES).unwrap_or(at);
        d.message
            .ends_with(')')
            .then(|| d.message[..at].to_string())
    };
    let mut groups: BTreeMap<(PathBuf, Option<usize>, Option<usize>, String), usize> =
        BTreeMap::new();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(items.len());
    let mut counts: Vec<usize> = Vec::new();
    for d in items {
        let Some(h) = head(&d) else {
            out.push(d);
            counts.push(1);
            continue;
        };
        let key = (d.path.clone(), d.line, d.column, h);
        match groups.get(&key) {
            Some(&i) => {
                counts[i] += 1;
                // Reached from several templates: the place says enough.
                if templates_of(&out[i]) != templates_of(&d) {
                    let first = &mut out[i];
                    if let Some(t) = templates_of(first) {
                        first.message = first.message.replacen(&t, "", 1);
                    }
                }
            }
            None => {
                groups.insert(key, out.len());
                out.push(d);
                counts.push(1);
            }
        }
    }
    for (d, n) in out.iter_mut().zip(counts) {
        if n > 1 {
            let others = n - 1;
            d.message.pop();
            d.message.push_str(&format!(
                " and {others} other page{})",
                if others == 1 { "" } else { "s" }
            ));
        }
    }
    out
}

/// Kinds of warning said once per build, at the first place, however many places give the
/// same one: a code block language the highlighter does not know (a site that writes
/// `klingon` blocks writes many, and each page's translations repeat them).
const ONCE_PER_BUILD: &[Kind] = &[Kind::CodeBlock];

/// Each warning of a kind in [`ONCE_PER_BUILD`] once, at its first place (`items` is
/// sorted), listing the other places that gave the same message.
fn merge_places(items: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut first: HashMap<(Kind, String), usize> = HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(items.len());
    let mut others: Vec<Vec<String>> = Vec::new();
    for d in items {
        if ONCE_PER_BUILD.contains(&d.kind) && !d.is_error() {
            let key = (d.kind, d.message.clone());
            if let Some(&i) = first.get(&key) {
                let mut place = d.path.display().to_string();
                if let Some(line) = d.line {
                    place.push_str(&format!(":{line}"));
                }
                others[i].push(place);
                continue;
            }
            first.insert(key, out.len());
        }
        out.push(d);
        others.push(Vec::new());
    }
    for (d, places) in out.iter_mut().zip(others) {
        if !places.is_empty() {
            d.message.push_str(&format!(
                " (and in {} other place{}: {})",
                places.len(),
                if places.len() == 1 { "" } else { "s" },
                places.join(", ")
            ));
        }
    }
    out
}

/// The " (templates: ...)" part of a render error.
fn templates_of(d: &Diagnostic) -> Option<String> {
    let end = d.message.rfind(WHILE)?;
    let start = d.message[..end].rfind(TEMPLATES)?;
    Some(d.message[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_error_on_many_pages_is_one() {
        let d = |what: &str| {
            Diagnostic::error(
                "t/base.html",
                format!("Filter 'nope' not found{WHILE}{what})"),
            )
            .at(3)
        };
        let other = Diagnostic::error(
            "t/page.html",
            "Variable `x` not found (while rendering a.md [en])",
        );
        let merged = merge_repeated(vec![
            d("a.md [en]"),
            d("b.md [en]"),
            d("c.md [ru]"),
            other.clone(),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(
            merged[0].to_string(),
            "t/base.html:3: error: Filter 'nope' not found (while rendering a.md [en] and 2 other pages)"
        );
        assert_eq!(merged[1], other);
    }

    #[test]
    fn an_unknown_code_block_language_is_one_warning_listing_its_places() {
        let unknown = |lang: &str, file: &str, line: usize| {
            Kind::CodeBlock
                .warning(
                    file,
                    format!(
                        "unknown language `{lang}` in a code block: shown without highlighting"
                    ),
                )
                .at(line)
        };
        let other = Kind::AltText
            .warning("b.md", "image `x.png` has no alt text")
            .at(2);
        let mut items = vec![
            unknown("jsx", "a.md", 3),
            unknown("jsx", "a.md", 9),
            unknown("klingon", "a.md", 12),
            other.clone(),
            unknown("jsx", "b.md", 4),
            unknown("klingon", "c.md", 1),
        ];
        items.sort();
        let merged: Vec<String> = merge_repeated(items)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            merged,
            [
                "a.md:3: warning: unknown language `jsx` in a code block: shown without highlighting (and in 2 other places: a.md:9, b.md:4)",
                "a.md:12: warning: unknown language `klingon` in a code block: shown without highlighting (and in 1 other place: c.md:1)",
                "b.md:2: warning: image `x.png` has no alt text",
            ]
        );
    }
}
