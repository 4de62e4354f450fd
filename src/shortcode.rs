//! Shortcodes: small templates that editors call from Markdown.
//!
//! ```text
//! {{ figure(src="map.svg", alt="A map of the region", caption="Where the hub's members are") }}
//!
//! {% note(kind="warning") %}
//! Markdown, **rendered**, passed to the template as `body`.
//! {% end %}
//! ```
//!
//! A call `{{ name(...) }}` may stand anywhere outside code; a call with a body opens with
//! `{% name(...) %}` at the end of a line and closes with `{% end %}` on a line of its own.
//! Arguments are `key=value`, the value a "string" (with `\"` and `\\`), a number, `true`
//! or `false`. `{{/* ... */}}` writes `{{ ... }}` as it is. The template is
//! `templates/shortcodes/<name>.html` of the site or the theme.
//!
//! Before the Markdown is parsed, each call is replaced by a placeholder of private-use
//! characters that Markdown, typography and transliteration leave alone; the rendered
//! templates replace the placeholders afterwards (a placeholder that is a paragraph of its
//! own is replaced with that paragraph).

use crate::error::{Diagnostic, Kind};
use serde_json::{Map, Value};
use std::path::Path;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// One shortcode call found in a Markdown text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    /// The Markdown between `{% name(...) %}` and `{% end %}`.
    pub body: Option<String>,
    /// The file line of the call.
    pub line: usize,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Whether `text` holds a call's placeholder (a line of the text marked by [`extract`] is
/// then not as written).
pub fn holds_placeholder(text: &str) -> bool {
    text.contains(OPEN)
}

/// The placeholder of call `n`.
pub fn placeholder(n: usize) -> String {
    format!("{OPEN}{n}{CLOSE}")
}

/// Replaces the calls in `text` (whose first line is file line `first_line`) with
/// placeholders; the lines stay where they were, so later diagnostics keep their lines.
pub fn extract(
    text: &str,
    first_line: usize,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, Vec<Call>) {
    if !text.contains("{{") && !text.contains("{%") {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut calls = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = first_line + i;
        i += 1;
        if let Some(f) = fence_of(line) {
            match fence {
                None => fence = Some(f),
                Some((c, n)) if f.0 == c && f.1 >= n => fence = None,
                Some(_) => {}
            }
            out.push_str(line);
            continue;
        }
        if fence.is_some() {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find(['{']) {
            out.push_str(&rest[..at]);
            let here = &rest[at..];
            // `{{/* ... */}}` and `{%/* ... */%}`: the call as written, not run.
            if let Some((open, close)) = [("{{/*", "*/}}"), ("{%/*", "*/%}")]
                .into_iter()
                .find(|(o, _)| here.starts_with(o))
            {
                // The close is looked for after the open (`{{/*/}}` shares the `/`).
                if let Some(end) = here[open.len()..].find(close).map(|i| i + open.len()) {
                    out.push_str(&open[..2]);
                    out.push_str(&here[open.len()..end]);
                    out.push_str(&close[2..]);
                    rest = &here[end + close.len()..];
                    continue;
                }
            }
            let with_body = here.starts_with("{%");
            let parsed = if here.starts_with("{{") || with_body {
                parse_call(&here[2..], if with_body { "%}" } else { "}}" })
            } else {
                None
            };
            match parsed {
                None => {
                    out.push('{');
                    rest = &here[1..];
                }
                Some(Err((message, None))) => {
                    let d = Kind::Shortcode.error(path, message).at(number);
                    diagnostics.push(d.quoting(line, number, Some(here.trim_end())));
                    let text = here.trim_end_matches(['\n', '\r']);
                    out.push_str(text);
                    rest = &here[text.len()..];
                    break;
                }
                Some(Err((message, Some(offset)))) => {
                    // Marked at the one character at fault (`offset` is after the braces).
                    let at = line.len() - here.len() + 2 + offset;
                    let column = line[..at].chars().count();
                    let mut d = Kind::Shortcode
                        .error(path, message)
                        .at_column(number, column + 1);
                    d.excerpt = crate::error::Excerpt::new(line, column, 1).map(Box::new);
                    diagnostics.push(d);
                    let text = here.trim_end_matches(['\n', '\r']);
                    out.push_str(text);
                    rest = &here[text.len()..];
                    break;
                }
                Some(Ok((name, args, used))) => {
                    let after = &here[2 + used..];
                    let mut call = Call {
                        name,
                        args,
                        body: None,
                        line: number,
                        body_line: number + 1,
                    };
                    if with_body {
                        if !after.trim().is_empty() {
                            diagnostics.push(
                                Kind::Shortcode.error(
                                    path,
                                    format!(
                                        "shortcode `{}`: the body starts on the next line; put `{{% {}(...) %}}` at the end of its line",
                                        call.name, call.name
                                    ),
                                )
                                .at(number),
                            );
                        }
                        let (body, blank) =
                            read_body(&lines, &mut i, (&call.name, number), path, diagnostics);
                        call.body = Some(body);
                        out.push_str(&placeholder(calls.len()));
                        calls.push(call);
                        // Keep every line of the call, empty, so later lines keep their numbers.
                        out.push('\n');
                        for _ in 0..blank {
                            out.push('\n');
                        }
                        rest = "";
                        break;
                    }
                    out.push_str(&placeholder(calls.len()));
                    calls.push(call);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }
    (out, calls)
}

/// The body of a call with one (`{% name(...) %}`) from `lines[*i]` to its `{% end %}`
/// line, and how many lines that took; `*i` is moved past them. `(name, line)` say where
/// the call is, for the error when it has no end.
fn read_body(
    lines: &[&str],
    i: &mut usize,
    (name, line): (&str, usize),
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, usize) {
    let mut body = String::new();
    let mut closed = false;
    let mut blank = 0;
    while *i < lines.len() {
        let l = lines[*i];
        *i += 1;
        blank += 1;
        if l.trim() == "{% end %}" {
            closed = true;
            break;
        }
        body.push_str(l);
    }
    if !closed {
        diagnostics.push(
            Diagnostic::error(
                path,
                format!(
                    "shortcode `{name}` has no `{{% end %}}`: its body runs to the end of the file"
                ),
            )
            .at(line),
        );
    }
    (body, blank)
}

/// Refuses the calls' URL arguments (`src`, `href`, `portal`, `..._url`: see
/// [`crate::safe::is_url_argument`]) whose scheme is not safe, as a Markdown link's would be.
pub fn check_urls(calls: &[Call], path: &Path, diagnostics: &mut Vec<Diagnostic>) {
    for call in calls {
        for (name, value) in &call.args {
            let Some(url) = value.as_str() else { continue };
            if !crate::safe::is_url_argument(name) {
                continue;
            }
            if let Err(problem) = crate::safe::check_url(url) {
                diagnostics.push(
                    Kind::UnsafeUrl
                        .error(
                            path,
                            format!("shortcode `{}`, argument `{name}`: {problem}", call.name),
                        )
                        .at(call.line),
                );
            }
        }
    }
}

/// A line that opens or closes a fenced code block: its fence character and length.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

type Parsed = (String, Map<String, Value>, usize);

/// A call written wrong: the message, and where in the text the character at fault is when
/// it is one (a curly quote).
type CallError = (String, Option<usize>);

/// Parses ` name(key=value, ...) }}` (after the opening braces): `None` if the text is not
/// a call at all, an error if it is a call written wrong. Gives the name, the arguments
/// and the length used, closing braces included.
fn parse_call(text: &str, close: &str) -> Option<Result<Parsed, CallError>> {
    let mut p = Cursor { text, at: 0 };
    p.spaces();
    let name = p.ident();
    if name.is_empty() {
        return None;
    }
    p.spaces();
    if !p.eat("(") {
        return None;
    }
    let mut args = Map::new();
    let mut fault = None;
    let result = (|| {
        loop {
            p.spaces();
            if p.eat(")") {
                break;
            }
            let key = p.ident();
            if key.is_empty() {
                return Err(format!(
                    "shortcode `{name}`: expected an argument name or `)` at `{}`",
                    p.snippet()
                ));
            }
            p.spaces();
            if !p.eat("=") {
                return Err(format!(
                    "shortcode `{name}`: expected `=` after `{key}` (arguments are key=value)"
                ));
            }
            p.spaces();
            if let Some((at, quote)) = p.curly_quote() {
                fault = Some(at);
                return Err(crate::hints::curly_quote(&name, &key, quote));
            }
            let value = p.value().ok_or_else(|| {
                format!(
                    "shortcode `{name}`: the value of `{key}` must be a \"string\", a number, true or false, not `{}`",
                    p.snippet()
                )
            })?;
            if args.insert(key.clone(), value).is_some() {
                return Err(format!("shortcode `{name}`: `{key}` is given twice"));
            }
            p.spaces();
            if p.eat(",") {
                continue;
            }
            if p.eat(")") {
                break;
            }
            return Err(format!(
                "shortcode `{name}`: expected `,` or `)` at `{}`",
                p.snippet()
            ));
        }
        p.spaces();
        if !p.eat(close) {
            return Err(format!(
                "shortcode `{name}`: expected `{close}` to close the call at `{}`",
                p.snippet()
            ));
        }
        Ok(())
    })();
    Some(result.map(|()| (name, args, p.at)).map_err(|m| (m, fault)))
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }
    fn spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }
    fn eat(&mut self, s: &str) -> bool {
        let ok = self.rest().starts_with(s);
        if ok {
            self.at += s.len();
        }
        ok
    }
    fn ident(&mut self) -> String {
        let rest = self.rest();
        let n = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return String::new();
        }
        self.at += n;
        rest[..n].to_string()
    }
    fn snippet(&self) -> String {
        self.rest().trim_end().chars().take(20).collect::<String>()
    }
    /// A value that opens with a typographic quote, or a straight-quoted one that a
    /// typographic quote closes: where that quote is in the text, and the quote.
    fn curly_quote(&self) -> Option<(usize, char)> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        if crate::hints::CURLY_QUOTES.contains(&first) {
            return Some((self.at, first));
        }
        let body = rest.strip_prefix('"')?;
        let line = &body[..body.find('\n').unwrap_or(body.len())];
        if line.contains('"') {
            return None;
        }
        line.char_indices()
            .find(|(_, c)| crate::hints::CURLY_QUOTES.contains(c))
            .map(|(i, c)| (self.at + 1 + i, c))
    }

    fn value(&mut self) -> Option<Value> {
        let rest = self.rest();
        if let Some(body) = rest.strip_prefix('"') {
            let mut s = String::new();
            let mut chars = body.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '"' => {
                        self.at += 1 + i + 1;
                        return Some(Value::String(s));
                    }
                    '\\' => match chars.next()?.1 {
                        'n' => s.push('\n'),
                        other => s.push(other),
                    },
                    '\n' => return None,
                    c => s.push(c),
                }
            }
            return None;
        }
        for (word, value) in [("true", Value::Bool(true)), ("false", Value::Bool(false))] {
            if rest.starts_with(word) {
                self.at += word.len();
                return Some(value);
            }
        }
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(rest.len());
        let number: serde_json::Number = rest[..n].parse().ok()?;
        self.at += n;
        Some(Value::Number(number))
    }
}

/// Puts the rendered calls in place of their placeholders in `html`; `rendered[n]` is call
/// `n`'s HTML. A placeholder alone in a paragraph takes the paragraph's place.
pub fn replace(html: &str, rendered: &[String]) -> String {
    if !html.contains(OPEN) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let Some(len) = rest[at..].find(CLOSE) else {
            break;
        };
        let n: Option<usize> = rest[at + OPEN.len_utf8()..at + len].parse().ok();
        let end = at + len + CLOSE.len_utf8();
        let (mut before, mut after) = (&rest[..at], &rest[end..]);
        let html = n.and_then(|n| rendered.get(n)).map_or("", |h| h.trim());
        let alone = before.ends_with("<p>") && after.starts_with("</p>");
        if alone {
            before = &before[..before.len() - 3];
            after = &after[4..];
        }
        out.push_str(before);
        if !alone && is_block(html) && before.contains("<p>") {
            // A block inside a paragraph: end the paragraph around it.
            out.push_str("</p>\n");
            out.push_str(html);
            out.push_str("\n<p>");
        } else {
            out.push_str(html);
        }
        rest = after;
    }
    out.push_str(rest);
    out.replace("<p></p>", "")
}

/// Whether HTML starts with an element that cannot sit inside a paragraph.
fn is_block(html: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "<div",
        "<figure",
        "<aside",
        "<section",
        "<table",
        "<ul",
        "<ol",
        "<dl",
        "<p",
        "<h",
        "<blockquote",
        "<details",
        "<pre",
        "<hr",
    ];
    BLOCKS.iter().any(|b| html.starts_with(b))
}

/// Text without placeholders (for summaries and the search index).
pub fn strip(text: &str) -> String {
    if !text.contains(OPEN) {
        return text.to_string();
    }
    replace(text, &[])
}

/// A Hugo shortcode call found in a text (`{{< figure src="x" >}}`, `{{% note %}}`).
#[derive(Debug, Clone, PartialEq)]
pub struct HugoCall {
    /// Where it starts in the text (its `{{`), and its length.
    pub at: usize,
    pub len: usize,
    pub name: String,
    /// Closed by `{{< /name >}}` later in the text: a call with a body.
    pub paired: bool,
    /// One of the hub theme's shortcodes (`figure`, `note`, `country`, `video`).
    pub hub: bool,
    /// Its arguments as dala writes them (`src="x", alt="y"`), for a shortcode of the hub
    /// theme whose arguments it has; `None` for another name, or positional arguments.
    pub dala_args: Option<String>,
}

/// The hub theme's shortcodes, and a Hugo argument name that is another one in dala.
const HUB_SHORTCODES: &[(&str, &[(&str, &str)])] = &[
    ("figure", &[("attr", "credit")]),
    ("note", &[]),
    ("country", &[]),
    ("video", &[]),
];

/// The Hugo shortcode calls of `text`, opening ones only (`{{< /name >}}` closes one).
/// Hugo's comment form `{{</* x */>}}` is not a call.
pub fn hugo_calls(text: &str) -> Vec<HugoCall> {
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("{{").map(|i| from + i) {
        from = found + 2;
        let rest = &text[found + 2..];
        let (close, inner) = match rest.chars().next() {
            Some('<') => (">}}", &rest[1..]),
            Some('%') => ("%}}", &rest[1..]),
            _ => continue,
        };
        let Some(end) = inner.find(close).filter(|e| !inner[..*e].contains('\n')) else {
            continue;
        };
        let call = inner[..end].trim();
        if call.starts_with('/') || call.starts_with("/*") {
            continue;
        }
        let name: String = call
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
            .collect();
        if name.is_empty() {
            continue;
        }
        let len = 3 + end + close.len();
        let after = &text[found + len..];
        // `{{< /name >}}`, `{{</name>}}`, `{{% /name %}}`: the name whole, not a longer one's.
        let paired = ["<", "%"].iter().any(|o| {
            [format!("{{{{{o} /{name}"), format!("{{{{{o}/{name}")]
                .iter()
                .any(|closing| {
                    after.match_indices(closing.as_str()).any(|(i, _)| {
                        after[i + closing.len()..]
                            .starts_with(|c: char| c.is_whitespace() || c == '>' || c == '%')
                    })
                })
        });
        let hub = HUB_SHORTCODES.iter().find(|(n, _)| *n == name);
        let dala_args = hub.and_then(|(_, renamed)| dala_arguments(&call[name.len()..], renamed));
        calls.push(HugoCall {
            at: found,
            len,
            name,
            paired,
            hub: hub.is_some(),
            dala_args,
        });
        from = found + len;
    }
    calls
}

/// Hugo's `key="value" key2=value` as dala's `key="value", key2="value"`, with the names
/// of `renamed` changed; `None` when an argument is positional or not read.
fn dala_arguments(text: &str, renamed: &[(&str, &str)]) -> Option<String> {
    let mut args = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let value_text = rest[eq + 1..].trim_start();
        let (value, used) = match value_text.chars().next()? {
            q @ ('"' | '`') => {
                let end = value_text[1..].find(q)? + 1;
                (value_text[1..end].to_string(), end + 1)
            }
            _ => {
                let end = value_text
                    .find(char::is_whitespace)
                    .unwrap_or(value_text.len());
                (value_text[..end].to_string(), end)
            }
        };
        let key = renamed
            .iter()
            .find(|(hugo, _)| *hugo == key)
            .map_or(key, |(_, ours)| ours);
        let quoted = serde_json::to_string(&value).unwrap_or_default();
        args.push(format!("{key}={quoted}"));
        rest = value_text[used..].trim_start();
    }
    Some(args.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<Call>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let (out, calls) = extract(text, 10, Path::new("a.md"), &mut d);
        (out, calls, d)
    }

    #[test]
    fn calls_with_and_without_a_body_keep_the_lines() {
        let text = "Intro {{ flag(code=\"kz\", big=true, n=-2.5) }} text.\n\n{% note(kind=\"warning\") %}\nBody **bold**.\n{% end %}\nAfter.\n```\n{{ not_a_call() }}\n```\n";
        let (out, calls, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "flag");
        assert_eq!(calls[0].args["code"], "kz");
        assert_eq!(calls[0].args["big"], true);
        assert_eq!(calls[0].args["n"], -2.5);
        assert_eq!(calls[0].line, 10);
        assert_eq!(calls[1].body.as_deref(), Some("Body **bold**.\n"));
        assert_eq!((calls[1].line, calls[1].body_line), (12, 13));
        assert_eq!(out.lines().count(), text.lines().count());
        assert_eq!(out.lines().nth(5), Some("After."));
        assert!(out.contains("{{ not_a_call() }}"));
        let html = replace(
            &format!("<p>{}</p>\n<p>a {} b</p>", placeholder(1), placeholder(0)),
            &["<b>0</b>".into(), "<div>1</div>".into()],
        );
        assert_eq!(html, "<div>1</div>\n<p>a <b>0</b> b</p>");
    }

    #[test]
    fn mistakes_are_reported_at_their_line() {
        let (_, _, d) = run("ok\n{{ figure(src=\"a.png\" alt=\"x\") }}\n");
        assert_eq!(d[0].line, Some(11));
        assert!(
            d[0].message.contains("expected `,` or `)`"),
            "{}",
            d[0].message
        );
        let (_, _, d) = run("{% note() %}\nnever closed\n");
        assert!(d[0].message.contains("no `{% end %}`"));
        let (_, _, d) = run("{{ video(id=abc) }}");
        assert!(d[0].message.contains("must be a \"string\""));
        // Typographic quotes: marked where the first one is.
        for (text, column) in [
            ("{{ figure(alt=“Map”) }}", 15),
            ("Text {{ figure(alt=«Карта») }}", 20),
            ("{{ figure(alt=\"Map”) }}", 19),
        ] {
            let (_, _, d) = run(text);
            assert!(
                d[0].message.contains("use straight quotes"),
                "{}",
                d[0].message
            );
            assert_eq!(d[0].column, Some(column), "{text}");
            let excerpt = d[0].excerpt.as_ref().unwrap();
            assert_eq!(excerpt.width, 1);
        }
        // Braces that are not a call stay text.
        let (out, calls, d) = run("a {{ b }} and {% raw %} and {x}");
        assert!(calls.is_empty() && d.is_empty());
        assert_eq!(out, "a {{ b }} and {% raw %} and {x}");
        let (out, ..) = run("{{/* figure(src=\"x\") */}}");
        assert_eq!(out, "{{ figure(src=\"x\") }}");
    }

    #[test]
    fn hugo_calls_are_found_and_converted() {
        let text = "A {{< figure src=\"a.png\" alt=\"A map\" attr=\"UN\" >}} b {{<gist x y>}}\n{{% note kind=\"warning\" %}}\nBody\n{{% /note %}}\n{{</* figure */>}} {{ x() }}\n{{< country code=\"kz\" >}} {{< /countryside >}} {{< video >}}{{</video>}}\n";
        let calls = hugo_calls(text);
        let names: Vec<&str> = calls.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["figure", "gist", "note", "country", "video"]);
        assert!(!calls[3].paired && calls[4].paired);
        assert_eq!(
            calls[0].dala_args.as_deref(),
            Some("src=\"a.png\", alt=\"A map\", credit=\"UN\"")
        );
        assert_eq!(
            &text[calls[0].at..calls[0].at + calls[0].len],
            "{{< figure src=\"a.png\" alt=\"A map\" attr=\"UN\" >}}"
        );
        assert!(!calls[0].paired && !calls[1].paired && calls[2].paired);
        assert_eq!(calls[1].dala_args, None);
        assert_eq!(calls[2].dala_args.as_deref(), Some("kind=\"warning\""));
    }
}
