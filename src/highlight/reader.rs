//! Reading code into classed tokens with syntaxmate's tokenizers.
//!
//! A language's grammar is prepared once per process (its patterns compile as they are
//! first met, shared by every thread); each rendering thread keeps its own tokenizer per
//! language, and remembers the class of each scope stack the tokenizer has given, so that
//! a token's class is found once per distinct stack instead of once per token.

use super::catalog::catalog;
use super::Spans;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use syntaxmate::{
    GrammarRegistry, PreparedLanguage, ScopeStackId, Token, Tokenizer, TokenizerOptions,
    TokenizerState,
};

/// The classes, by the scope selector that gives them: the first selector (in this order)
/// that matches any scope of the token wins. A selector matches a scope it is the start of,
/// atom by atom: `keyword` matches `keyword.control.rust`, not `keywords`.
pub(super) const CLASSES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("meta.mapping.key", "p"),
    ("meta.structure.dictionary.key", "p"),
    ("support.type.property-name", "p"),
    // TOML's keys (`name = "dala"`; `[package]`'s `package` is a table name) and YAML's.
    ("variable.other.key", "p"),
    ("entity.name.tag.yaml", "p"),
    ("constant.character.escape", "e"),
    // A shell command's options (`--release`), and its other words left plain as in a
    // terminal (the grammar calls them unquoted strings).
    ("constant.other.option", "v"),
    ("string.unquoted.argument", ""),
    ("string", "s"),
    ("constant.numeric", "n"),
    ("constant.language", "l"),
    ("constant.character", "s"),
    ("constant.other", "l"),
    ("entity.name.tag", "g"),
    ("entity.other.attribute-name", "a"),
    // Punctuation that grammars call operators stays plain, as in most editors' themes:
    // `::` and `.` between names, `:` after a field or a key.
    ("keyword.operator.namespace", ""),
    ("keyword.operator.access", ""),
    ("keyword.operator.key-value", ""),
    ("keyword.operator", "o"),
    ("keyword", "k"),
    ("storage.modifier", "k"),
    ("storage.type.function", "k"),
    ("storage", "t"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("variable.function", "f"),
    // Python's calls (`print(x)`).
    ("meta.function-call.generic", "f"),
    ("support.macro", "f"),
    // The `std` and `collections` of `std::collections::HashMap` stay plain.
    ("entity.name.namespace", ""),
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

/// The tokenizers' limits. A line of 8 KiB or more (minified code) is left unread, as
/// syntaxmate does by default: its patterns would cost more than the page is worth. Lines
/// are not remembered across blocks (syntaxmate would keep 32,768 per tokenizer): whole
/// blocks are ([`super::Highlighter`]), and real code repeats few lines
/// (bench/README.md, "Remembering parsed lines").
const OPTIONS: TokenizerOptions = TokenizerOptions {
    max_line_bytes: 8 * 1024,
    line_cache_entries: 0,
};

/// Code that a grammar failed on: shown plain.
pub(super) struct Unparsable;

/// A language's tokenizer on this thread, and the class of each scope stack it has given.
struct Reader {
    tokenizer: Tokenizer,
    classes: HashMap<ScopeStackId, &'static str>,
    tokens: Vec<Token>,
}

/// The prepared grammar of the catalog's language `id`, with the grammars it embeds,
/// shared by every thread. Each language is prepared once, under its own lock: a thread
/// meeting its first block in one language does not wait for another language.
pub(super) fn prepared(id: &'static str) -> Result<PreparedLanguage, Unparsable> {
    type Cell = Arc<OnceLock<Option<PreparedLanguage>>>;
    static PREPARED: OnceLock<Mutex<HashMap<&'static str, Cell>>> = OnceLock::new();
    let cell = PREPARED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(id)
        .or_default()
        .clone();
    cell.get_or_init(|| prepare(id).ok())
        .clone()
        .ok_or(Unparsable)
}

fn prepare(id: &'static str) -> Result<PreparedLanguage, Unparsable> {
    let mut registry = GrammarRegistry::new();
    let mut root = None;
    for grammar in catalog().closure(id) {
        let added = registry.add_json(grammar.json).map_err(|_| Unparsable)?;
        if grammar.name == id {
            root = Some(added);
        }
    }
    let root = root.ok_or(Unparsable)?;
    PreparedLanguage::new(&registry, root).map_err(|_| Unparsable)
}

/// A text being read in one language: where its tokenizer stands.
pub(super) struct Parser {
    language: &'static str,
    state: Option<TokenizerState>,
}

impl Parser {
    pub(super) fn new(language: &'static str) -> Parser {
        Parser {
            language,
            state: None,
        }
    }
}

/// This thread's tokenizers, by language.
pub(super) struct Readers {
    readers: HashMap<&'static str, Reader>,
}

thread_local! {
    static READERS: RefCell<Readers> = RefCell::new(Readers { readers: HashMap::new() });
}

/// Runs `read` with this thread's tokenizers.
pub(super) fn with_readers<T>(read: impl FnOnce(&mut Readers) -> T) -> T {
    READERS.with(|readers| read(&mut readers.borrow_mut()))
}

impl Readers {
    /// Pushes the tokens of `code`, read in the catalog's language `id`, each with its class.
    pub(super) fn tokens(
        &mut self,
        code: &str,
        id: &'static str,
        spans: &mut Spans,
    ) -> Result<(), Unparsable> {
        let mut parser = Parser::new(id);
        for line in code.split_inclusive('\n') {
            self.line(&mut parser, line, spans)?;
        }
        Ok(())
    }

    /// Pushes the tokens of one line (with its line end, if any), read by `parser` where
    /// the lines before left it.
    pub(super) fn line(
        &mut self,
        parser: &mut Parser,
        line: &str,
        spans: &mut Spans,
    ) -> Result<(), Unparsable> {
        let reader = match self.readers.entry(parser.language) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let tokenizer = prepared(parser.language)?.tokenizer(OPTIONS);
                entry.insert(Reader {
                    tokenizer,
                    classes: HashMap::new(),
                    tokens: Vec::new(),
                })
            }
        };
        let state = parser
            .state
            .get_or_insert_with(|| reader.tokenizer.initial_state());
        let content = line.strip_suffix('\n').unwrap_or(line);
        reader
            .tokenizer
            .tokenize_line_into(content, state, &mut reader.tokens)
            .map_err(|_| Unparsable)?;
        let mut pos = 0;
        for token in &reader.tokens {
            let range = token.range();
            if range.start < pos || range.end > content.len() || range.start > range.end {
                return Err(Unparsable);
            }
            if range.start > pos {
                spans.push(&content[pos..range.start], "");
            }
            let class = match token.scope_stack() {
                Some(stack) => *reader
                    .classes
                    .entry(stack)
                    .or_insert_with(|| class_of(token)),
                None => class_of(token),
            };
            spans.push(&content[range.clone()], class);
            pos = range.end;
        }
        // What no token covers: a line's `\r` and `\n`, or a line left unread.
        spans.push(&line[pos..], "");
        Ok(())
    }
}

/// The class of the first selector that matches a scope of the token.
fn class_of(token: &Token) -> &'static str {
    CLASSES
        .iter()
        .find(|(selector, _)| token.scopes().any(|scope| matches(selector, scope)))
        .map_or("", |(_, class)| class)
}

/// Whether `selector` is the start of `scope`, atom by atom.
fn matches(selector: &str, scope: &str) -> bool {
    scope
        .strip_prefix(selector)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}
