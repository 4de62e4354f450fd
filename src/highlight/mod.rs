//! The only module that touches syntaxmate.
//!
//! syntaxmate reads code with TextMate grammars into scopes (`keyword.control.rust`,
//! `string.quoted.double.json`...); dala maps each token's scopes to one of a dozen short,
//! flat classes (`k` keyword, `s` string, `c` comment...) instead of nesting a span per
//! scope. Pages stay small (a highlighted block is about a third of what nested scope spans
//! weigh), the stylesheet is one short file with a light and a dark palette, and a theme
//! can restyle the classes.
//!
//! The grammars are TextMate grammars from Shiki's collection, most of them VS Code's
//! (JSX, TSX, PowerShell, TOML, Dockerfile...), vendored under licences that let dala's
//! binary carry them ([`catalog`]; their licences are in ACKNOWLEDGEMENTS.md). Shell sessions (`console`) have a small grammar of dala's
//! ([`console`]), and a Dockerfile's `RUN` commands are read as shell script
//! ([`dockerfile`]). Which word finds which grammar is [`words`]; reading code into classed
//! tokens is [`reader`]. Identical blocks (the same example in each translation) are
//! highlighted once per build.

mod catalog;
mod console;
mod dockerfile;
mod grammars;
mod reader;
mod words;

use crate::util::escape;
use reader::{with_readers, Unparsable};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use words::{Grammar, SESSIONS};

/// The stylesheet's path in the output.
pub const STYLESHEET: &str = "highlight.css";

/// Light palette on #f5f7fa and dark palette on #1e2125: every colour reaches WCAG AA
/// contrast (4.5:1) on its background (a test checks). A shell session's prompt (`gp`) is
/// left out when a reader selects the commands to copy them; its output (`go`) is dimmer
/// than the commands.
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
.code .gp { color: #8b1fa9; font-weight: bold; user-select: none; }
.code .go { color: #5d6570; }
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
  .code .gp { color: #d9a8ff; }
  .code .go { color: #a0a8b2; }
}
";

/// Highlights code for one build, remembering blocks it has seen.
#[derive(Default)]
pub struct Highlighter {
    /// Highlighted blocks by their language and their code's length and two hashes of
    /// independent functions (a copy of every block's code would weigh tens of megabytes
    /// on a large site).
    seen: Mutex<HashMap<BlockKey, Arc<str>>>,
}

/// A code block's language, and its code's length and two hashes.
type BlockKey = (String, usize, u64, u64);

impl Highlighter {
    /// Highlights `code` written in `lang` (a fence's info word). An unknown language gives
    /// plain escaped code and `Err` with a message for a warning.
    pub fn highlight(&self, code: &str, lang: &str) -> (Arc<str>, Result<(), String>) {
        let bytes = code.as_bytes();
        let key = (
            lang.to_string(),
            bytes.len(),
            crate::util::hash_bytes(bytes),
            crate::util::stable_hash(bytes),
        );
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
    let mut spans = Spans {
        html: &mut html,
        class: "",
        text: String::new(),
    };
    let (parsed, result) = match words::grammar(lang) {
        Grammar::Language(dockerfile::LANGUAGE) => (
            with_readers(|readers| dockerfile::dockerfile(code, readers, &mut spans)),
            Ok(()),
        ),
        Grammar::Language(id) => (
            with_readers(|readers| readers.tokens(code, id, &mut spans)),
            Ok(()),
        ),
        Grammar::Session => (
            with_readers(|readers| console::session(code, readers, &mut spans)),
            Ok(()),
        ),
        Grammar::Plain => (Err(Unparsable), Ok(())),
        Grammar::Unknown => (
            Err(Unparsable),
            Err(format!(
                "unknown language `{lang}` in a code block: shown without highlighting"
            )),
        ),
    };
    spans.flush();
    if parsed.is_err() {
        html.truncate(open.len());
        html.push_str(&escape(code));
    }
    html.push_str("</code></pre>\n");
    (html, result)
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
        // Classes come from one table: the same class is the same pointer, and comparing
        // the text of every token's class cost more than the comparison of pointers.
        let same = std::ptr::eq(class, self.class) || class == self.class;
        if !same && !text.trim().is_empty() {
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
mod tests;

/// A language the highlighter knows: its name in the catalog and the words a fence may
/// name it by (lower case; a word is also found written in capitals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownLanguage {
    pub name: String,
    pub words: Vec<String>,
}

/// Every language a fenced code block can be highlighted in, by name, with the fence words
/// that find it: the shell session words, then each language's name, the aliases its
/// grammar records and dala's words for it. Grammars that only serve inside others are
/// left out.
pub fn languages() -> Vec<KnownLanguage> {
    let catalog = catalog::catalog();
    let mut found: Vec<KnownLanguage> = vec![KnownLanguage {
        name: "Shell session (prompts, commands and their output)".to_string(),
        words: SESSIONS.iter().map(|w| w.to_string()).collect(),
    }];
    for language in catalog.languages().iter().filter(|l| l.public) {
        // A fence's language is one word.
        let words: Vec<String> = catalog
            .words_of(language.name)
            .into_iter()
            .filter(|w| !w.contains(char::is_whitespace))
            .map(str::to_string)
            .collect();
        found.push(KnownLanguage {
            name: language.display.to_string(),
            words,
        });
    }
    found[1..].sort_by_key(|l| l.name.to_lowercase());
    found
}

/// `docs/highlighting.md`: the table of [`languages`], which `dala highlight-languages`
/// prints and a test compares with the file, so that the list never drifts from the code.
pub fn languages_markdown() -> String {
    let mut out = String::from(
        "# Highlighted languages\n\n\
         <!-- Made by `dala highlight-languages > docs/highlighting.md`; a test fails when it\n\
         differs from what dala highlights. Do not edit by hand. -->\n\n\
         A fenced code block is highlighted when the word after its opening fence is one of\n\
         these (in any case: `json`, `JSON`). `text`, `txt`, `plain`, `plaintext` or no word\n\
         give plain code without a warning; any other word gives plain code and a warning\n\
         naming the file and line. See [the templates' side](templates.md#highlighted-code)\n\
         for the classes and the stylesheet.\n\n\
         The grammars are TextMate grammars, most of them VS Code's, each under a licence\n\
         that lets dala's binary carry it ([ACKNOWLEDGEMENTS.md](../ACKNOWLEDGEMENTS.md)).\n\
         No such grammar was found for Ada, Apache's configuration, AppleScript, AsciiDoc,\n\
         Elixir, ERB, GLSL, gnuplot, `.gitignore`, LLVM, MATLAB, nginx, Nim, PureScript,\n\
         Racket, Sass, SSH's configuration, Starlark or Tcl (Shiki's collection has none for\n\
         `.gitignore` and Starlark, and for the others grammars under the GPL or with no\n\
         licence it could assert): a fence naming one gives plain code and the warning.\n\n\
         | language | fence words |\n|---|---|\n",
    );
    for lang in languages() {
        let words: Vec<String> = lang
            .words
            .iter()
            .map(|w| format!("`{}`", w.replace('|', "\\|")))
            .collect();
        out.push_str(&format!(
            "| {} | {} |\n",
            lang.name.replace('|', "\\|"),
            words.join(", ")
        ));
    }
    out.push_str(&format!("\n{} languages.\n", languages().len()));
    out
}
