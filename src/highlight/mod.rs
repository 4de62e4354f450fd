//! The only module that touches syntect.
//!
//! syntect parses code into scopes (`keyword.control.rust`, `string.quoted.double.json`...);
//! dala maps each token's scopes to one of a dozen short, flat classes (`k` keyword, `s`
//! string, `c` comment...) instead of nesting a span per scope. Pages stay small (a
//! highlighted block is about a third of what nested scope spans weigh), the stylesheet is
//! one short file with a light and a dark palette, and a theme can restyle the classes.
//!
//! The syntaxes are the ones bat ships, as the two-face crate packages them: syntect's own
//! and some hundred more (TypeScript, TSX, TOML, PowerShell, Dockerfile...; their licences
//! are in ACKNOWLEDGEMENTS.md). Shell sessions (`console`) have a small grammar of dala's
//! ([`console`]). Syntaxes are loaded once per process; identical blocks (the same example
//! in each translation) are highlighted once per build.

mod console;

use crate::util::escape;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
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
    // TOML's keys (`name = "dala"`).
    ("meta.tag.key", "p"),
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

/// Fence words that name a syntax otherwise than by one of its file extensions or its name,
/// or that would find a worse one: (word, syntax name), the word in lower case.
const ALIASES: &[(&str, &str)] = &[
    // JavaScript is read with the Babel grammar, which knows JSX, as bat reads `.js` files:
    // React examples are written in `js` blocks, and the older "JavaScript" grammar takes the
    // `/` of `</button>` for the start of a regular expression. The Babel grammar reads
    // plain JavaScript as well (a test checks division, regular expressions and `<`).
    ("javascript", "JavaScript (Babel)"),
    ("js", "JavaScript (Babel)"),
    ("jsx", "JavaScript (Babel)"),
    ("mjs", "JavaScript (Babel)"),
    ("ts", "TypeScript"),
    ("typescript", "TypeScript"),
    ("tsx", "TypeScriptReact"),
    ("shell", "Bourne Again Shell (bash)"),
    ("pwsh", "PowerShell"),
    ("ps1", "PowerShell"),
    // The commands after RUN read as shell commands.
    ("docker", "Dockerfile (with bash)"),
    ("dockerfile", "Dockerfile (with bash)"),
    ("golang", "Go"),
];

/// Fence words of a shell session: prompts and commands, and their output ([`console`]).
const SESSIONS: &[&str] = &["console", "shell-session", "shellsession", "sh-session"];

struct Syntaxes {
    set: SyntaxSet,
    classes: Vec<(Scope, &'static str)>,
}

fn syntaxes() -> &'static Syntaxes {
    static SET: OnceLock<Syntaxes> = OnceLock::new();
    SET.get_or_init(|| Syntaxes {
        set: two_face::syntax::extra_newlines(),
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

/// What a fence's language asks for.
#[derive(Clone, Copy)]
enum Grammar<'a> {
    /// No highlighting.
    Plain,
    Syntax(&'a SyntaxReference),
    /// A shell session ([`console`]).
    Session,
    /// A language no syntax is for.
    Unknown,
}

impl Syntaxes {
    /// The grammar for `lang`: a session word, an alias, a file extension or a syntax's name,
    /// as written or in lower case.
    fn grammar(&self, lang: &str) -> Grammar<'_> {
        if is_plain(lang) {
            return Grammar::Plain;
        }
        let lower = lang.to_ascii_lowercase();
        if SESSIONS.contains(&lower.as_str()) {
            return Grammar::Session;
        }
        let set = &self.set;
        ALIASES
            .iter()
            .find(|(word, _)| *word == lower)
            .and_then(|(_, name)| set.find_syntax_by_name(name))
            .or_else(|| set.find_syntax_by_token(lang))
            .or_else(|| set.find_syntax_by_token(&lower))
            .map_or(Grammar::Unknown, Grammar::Syntax)
    }

    /// Pushes the tokens of `code`, read in `syntax`, each with its class.
    fn tokens(
        &self,
        code: &str,
        syntax: &SyntaxReference,
        spans: &mut Spans,
    ) -> Result<(), Unparsable> {
        let mut parser = Parser::new(syntax);
        for line in LinesWithEndings::from(code) {
            self.line(&mut parser, line, spans)?;
        }
        Ok(())
    }

    /// Pushes the tokens of one line (with its line end), read by `parser` where the lines
    /// before left it.
    fn line(&self, parser: &mut Parser, line: &str, spans: &mut Spans) -> Result<(), Unparsable> {
        let ops = parser
            .state
            .parse_line(line, &self.set)
            .map_err(|_| Unparsable)?;
        let mut pos = 0;
        for (index, op) in ops {
            let index = index.min(line.len());
            if index > pos {
                spans.push(&line[pos..index], class_of(&parser.stack, &self.classes));
                pos = index;
            }
            parser.stack.apply(&op).map_err(|_| Unparsable)?;
        }
        spans.push(&line[pos..], class_of(&parser.stack, &self.classes));
        Ok(())
    }
}

/// A syntax's parser part way through a text: its state, and the scopes open.
struct Parser {
    state: ParseState,
    stack: ScopeStack,
}

impl Parser {
    fn new(syntax: &SyntaxReference) -> Parser {
        Parser {
            state: ParseState::new(syntax),
            stack: ScopeStack::new(),
        }
    }
}

/// Code that a grammar failed on (a regular expression that does not compile, a scope
/// popped that was not pushed): shown plain.
struct Unparsable;

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

/// The grammar for `lang`, looked up once per thread: finding a syntax by a file extension
/// walks every syntax of the set.
fn grammar_of(syntaxes: &'static Syntaxes, lang: &str) -> Grammar<'static> {
    thread_local! {
        static FOUND: std::cell::RefCell<HashMap<String, Grammar<'static>>> =
            std::cell::RefCell::new(HashMap::new());
    }
    FOUND.with(|found| {
        if let Some(grammar) = found.borrow().get(lang) {
            return *grammar;
        }
        let grammar = syntaxes.grammar(lang);
        found.borrow_mut().insert(lang.to_string(), grammar);
        grammar
    })
}

pub fn highlight(code: &str, lang: &str) -> (String, Result<(), String>) {
    let syntaxes = syntaxes();
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
    let (parsed, result) = match grammar_of(syntaxes, lang) {
        Grammar::Syntax(syntax) => (syntaxes.tokens(code, syntax, &mut spans), Ok(())),
        Grammar::Session => (console::session(code, syntaxes, &mut spans), Ok(())),
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
mod tests;

/// A language the highlighter knows: its syntax's name and the words a fence may name it
/// by (lower case; a word is also found written in capitals).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownLanguage {
    pub name: String,
    pub words: Vec<String>,
}

/// Every language a fenced code block can be highlighted in, by name, with the fence words
/// that find it: the shell session words, the aliases, each syntax's file extensions and
/// its name. Grammars that only serve inside others (hidden ones) are left out.
pub fn languages() -> Vec<KnownLanguage> {
    let syntaxes = syntaxes();
    let mut found: Vec<KnownLanguage> = vec![KnownLanguage {
        name: "Shell session (prompts, commands and their output)".to_string(),
        words: SESSIONS.iter().map(|w| w.to_string()).collect(),
    }];
    for syntax in syntaxes.set.syntaxes().iter().filter(|s| !s.hidden) {
        let mut words: Vec<String> = ALIASES
            .iter()
            .filter(|(_, name)| *name == syntax.name)
            .map(|(word, _)| word.to_string())
            .collect();
        words.extend(syntax.file_extensions.iter().map(|e| e.to_string()));
        words.push(syntax.name.to_lowercase());
        // Keep a word only where the lookup a fence makes ends at this syntax.
        // A fence's language is one word.
        words.retain(|w| {
            !is_plain(w)
                && !w.contains(char::is_whitespace)
                && matches!(syntaxes.grammar(w), Grammar::Syntax(s) if std::ptr::eq(s, syntax))
        });
        let mut seen = std::collections::BTreeSet::new();
        words.retain(|w| seen.insert(w.to_lowercase()));
        if !words.is_empty() {
            found.push(KnownLanguage {
                name: syntax.name.clone(),
                words,
            });
        }
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
