//! The only module that touches syntect.
//!
//! syntect parses code into scopes (`keyword.control.rust`, `string.quoted.double.json`...);
//! dala maps each token's scopes to one of a dozen short, flat classes (`k` keyword, `s`
//! string, `c` comment...) instead of nesting a span per scope. Pages stay small (a
//! highlighted block is about a third of what nested scope spans weigh), the stylesheet is
//! one short file with a light and a dark palette, and a theme can restyle the classes.
//! Syntaxes are loaded once per process; identical blocks (the same example in each
//! translation) are highlighted once per build.

use crate::util::escape;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The stylesheet's path in the output.
pub const STYLESHEET: &str = "highlight.css";

/// The classes, by the scope selector that gives them: the first selector (in this order)
/// that matches any scope of the token wins.
const CLASSES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("meta.mapping.key", "p"),
    ("meta.structure.dictionary.key", "p"),
    ("support.type.property-name", "p"),
    ("constant.character.escape", "e"),
    ("string", "s"),
    ("constant.numeric", "n"),
    ("constant.language", "l"),
    ("constant.character", "s"),
    ("constant.other", "l"),
    ("entity.name.tag", "g"),
    ("entity.other.attribute-name", "a"),
    ("keyword.operator", "o"),
    ("keyword", "k"),
    ("storage.modifier", "k"),
    ("storage.type.function", "k"),
    ("storage", "t"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("variable.function", "f"),
    ("support.macro", "f"),
    ("entity.name", "t"),
    ("support.type", "t"),
    ("support.class", "t"),
    ("entity.other.inherited-class", "t"),
    ("variable.parameter", "v"),
    ("variable.language", "l"),
    ("variable.other.constant", "l"),
    ("markup.heading", "h"),
    ("markup.inserted", "s"),
    ("markup.deleted", "o"),
];

/// Light palette on #f5f7fa and dark palette on #1e2125: every colour reaches WCAG AA
/// contrast (4.5:1) on its background.
const CSS: &str = "/* Code highlighting by dala: flat classes, a light and a dark palette. */
pre.code { background: #f5f7fa; color: #1c1e21; }
.code .c { color: #5d6570; font-style: italic; }
.code .s, .code .e { color: #0b6b2f; }
.code .n, .code .l { color: #9a4500; }
.code .k, .code .o { color: #8b1fa9; }
.code .t { color: #8a3100; }
.code .f { color: #1550b5; }
.code .p, .code .g { color: #0b5394; }
.code .a { color: #6a3fb5; }
.code .v { color: #6e4a00; }
.code .h { color: #b31d28; font-weight: bold; }
@media (prefers-color-scheme: dark) {
  pre.code { background: #1e2125; color: #e8eaed; }
  .code .c { color: #a0a8b2; }
  .code .s, .code .e { color: #9fd8a5; }
  .code .n, .code .l { color: #f6bd86; }
  .code .k, .code .o { color: #d9a8ff; }
  .code .t { color: #ffcf8a; }
  .code .f { color: #8ec2ff; }
  .code .p, .code .g { color: #9cdcfe; }
  .code .a { color: #d2a8ff; }
  .code .v { color: #ffd9a0; }
  .code .h { color: #ff9b9b; }
}
";

struct Syntaxes {
    set: SyntaxSet,
    classes: Vec<(Scope, &'static str)>,
}

fn syntaxes() -> &'static Syntaxes {
    static SET: OnceLock<Syntaxes> = OnceLock::new();
    SET.get_or_init(|| Syntaxes {
        set: SyntaxSet::load_defaults_newlines(),
        classes: CLASSES
            .iter()
            .filter_map(|(selector, class)| Scope::new(selector).ok().map(|s| (s, *class)))
            .collect(),
    })
}

/// Languages that mean "no highlighting" without a warning.
fn is_plain(lang: &str) -> bool {
    matches!(lang, "" | "text" | "txt" | "plain" | "plaintext")
}

/// Highlights code for one build, remembering blocks it has seen.
#[derive(Default)]
pub struct Highlighter {
    seen: Mutex<HashMap<(String, String), Arc<str>>>,
}

impl Highlighter {
    /// Highlights `code` written in `lang` (a fence's info word). An unknown language gives
    /// plain escaped code and `Err` with a message for a warning.
    pub fn highlight(&self, code: &str, lang: &str) -> (Arc<str>, Result<(), String>) {
        let key = (lang.to_string(), code.to_string());
        let cached = self
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned();
        if let Some(html) = cached {
            return (html, Ok(()));
        }
        let (html, result) = highlight(code, lang);
        let html: Arc<str> = html.into();
        if result.is_ok() {
            self.seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, html.clone());
        }
        (html, result)
    }
}

pub fn highlight(code: &str, lang: &str) -> (String, Result<(), String>) {
    let syntaxes = syntaxes();
    let set = &syntaxes.set;
    let syntax = if is_plain(lang) {
        None
    } else {
        set.find_syntax_by_token(lang)
            .or_else(|| set.find_syntax_by_token(&lang.to_ascii_lowercase()))
    };
    let lang_attr = escape(lang);
    let open = if lang_attr.is_empty() {
        "<pre class=\"code\"><code>".to_string()
    } else {
        format!(
            "<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">"
        )
    };
    let mut html = String::with_capacity(code.len() * 2 + 64);
    html.push_str(&open);
    let result = match syntax {
        Some(syntax) => {
            let mut spans = Spans {
                html: &mut html,
                class: "",
                text: String::new(),
            };
            let mut state = ParseState::new(syntax);
            let mut stack = ScopeStack::new();
            let mut ok = true;
            'lines: for line in LinesWithEndings::from(code) {
                let Ok(ops) = state.parse_line(line, set) else {
                    ok = false;
                    break;
                };
                let mut pos = 0;
                for (index, op) in ops {
                    let index = index.min(line.len());
                    if index > pos {
                        spans.push(&line[pos..index], class_of(&stack, &syntaxes.classes));
                        pos = index;
                    }
                    if stack.apply(&op).is_err() {
                        ok = false;
                        break 'lines;
                    }
                }
                spans.push(&line[pos..], class_of(&stack, &syntaxes.classes));
            }
            spans.flush();
            if !ok {
                html.truncate(open.len());
                html.push_str(&escape(code));
            }
            Ok(())
        }
        None => {
            html.push_str(&escape(code));
            if is_plain(lang) {
                Ok(())
            } else {
                Err(format!(
                    "unknown language `{lang}` in a code block: shown without highlighting"
                ))
            }
        }
    };
    html.push_str("</code></pre>\n");
    (html, result)
}

/// The class of the first selector that matches a scope of the token.
fn class_of(stack: &ScopeStack, classes: &[(Scope, &'static str)]) -> &'static str {
    let scopes = stack.as_slice();
    classes
        .iter()
        .find(|(selector, _)| scopes.iter().any(|s| selector.is_prefix_of(*s)))
        .map_or("", |(_, class)| class)
}

/// Joins neighbouring tokens of one class into one span; white space joins any span.
struct Spans<'a> {
    html: &'a mut String,
    class: &'static str,
    text: String,
}

impl Spans<'_> {
    fn push(&mut self, text: &str, class: &'static str) {
        if text.is_empty() {
            return;
        }
        if class != self.class && !text.trim().is_empty() {
            self.flush();
            self.class = class;
        }
        self.text.push_str(text);
    }

    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        // White space at the end stays outside the span.
        let trimmed = self.text.trim_end();
        let tail = &self.text[trimmed.len()..];
        if self.class.is_empty() || trimmed.is_empty() {
            self.html.push_str(&escape(&self.text));
        } else {
            self.html.push_str("<span class=\"");
            self.html.push_str(self.class);
            self.html.push_str("\">");
            self.html.push_str(&escape(trimmed));
            self.html.push_str("</span>");
            self.html.push_str(&escape(tail));
        }
        self.text.clear();
    }
}

/// The stylesheet for highlighted code: a light palette, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn stylesheet() -> &'static str {
    CSS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_flat_classes() {
        let (html, result) = highlight("fn main() { let x = \"hi\"; } // done\n", "rust");
        assert!(result.is_ok());
        assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
        assert!(
            html.contains("<span class=\"s\">&quot;hi&quot;</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"c\">// done</span>"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(!html.contains("<span class=\"\">"), "{html}");
    }

    #[test]
    fn json_keys_and_values() {
        let (html, _) = highlight("{\"id\": 42, \"ok\": true}\n", "json");
        assert!(html.contains("<span class=\"n\">42</span>"), "{html}");
        assert!(html.contains("<span class=\"l\">true</span>"), "{html}");
        assert!(html.contains("class=\"p\""), "{html}");
    }

    #[test]
    fn unknown_language_is_plain_with_a_warning() {
        let (html, result) = highlight("<x>\n", "klingon");
        assert!(result.is_err());
        assert!(html.contains("&lt;x&gt;"));
    }

    #[test]
    fn identical_blocks_are_highlighted_once() {
        let h = Highlighter::default();
        let (a, _) = h.highlight("let x = 1;\n", "rust");
        let (b, _) = h.highlight("let x = 1;\n", "rust");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
