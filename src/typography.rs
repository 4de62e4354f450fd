//! Punctuation each language's readers expect.
//!
//! pulldown-cmark's smart punctuation turns `"text"` into English quotes “text”; dala then
//! gives each language its own quotes («ёлочки», „ “ or “ ”) and, in Cyrillic-script
//! languages, a no-break space that keeps one-letter words (в, с, и, а...) on the line of the
//! word after them, and a dash on the line of the word before it, as typesetters do. Which
//! language gets which is its profile's choice ([`crate::language::Profile`]).

use std::borrow::Cow;

const NBSP: &str = "\u{a0}";

/// An opening and a closing quotation mark.
pub type Quotes = (&'static str, &'static str);

#[derive(Debug, Clone, Copy)]
pub struct Typography {
    open: &'static str,
    close: &'static str,
    /// Whether no-break spaces follow one-letter words and precede dashes.
    cyrillic_spacing: bool,
}

impl Typography {
    /// «Ёлочки»: Russian, Kazakh, Kyrgyz, Tajik, Uzbek, Armenian...
    pub const GUILLEMETS: Quotes = ("«", "»");
    /// „ “: Georgian.
    pub const LOW_HIGH: Quotes = ("„", "“");
    /// “ ”: English, and what smart punctuation writes.
    pub const ENGLISH: Quotes = ("“", "”");

    /// Quotes `(open, close)` in place of “ ”; with `cyrillic_spacing`, no-break spaces after
    /// one-letter Cyrillic words and before dashes.
    pub const fn new(quotes: Quotes, cyrillic_spacing: bool) -> Typography {
        Typography {
            open: quotes.0,
            close: quotes.1,
            cyrillic_spacing,
        }
    }

    /// `text` with the language's quotes and no-break spaces.
    pub fn apply<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let quotes = self.open != "“";
        let spacing = self.cyrillic_spacing;
        if !quotes && !spacing {
            return Cow::Borrowed(text);
        }
        // Most texts change in few places, or none: the text between is copied whole, and a
        // text with nothing to change is not copied at all.
        let mut out: Option<String> = None;
        let mut from = 0;
        for (i, byte) in text.bytes().enumerate() {
            let (with, len) = match byte {
                b' ' if spacing => {
                    // The two characters before, for one-letter words.
                    let mut back = text[..i].chars().rev();
                    if !keeps_together(back.next(), back.next(), &text[i + 1..]) {
                        continue;
                    }
                    (NBSP, 1)
                }
                // The first byte of `“` and of `”`.
                0xE2 if quotes => match &text[i..] {
                    rest if rest.starts_with('“') => (self.open, '“'.len_utf8()),
                    rest if rest.starts_with('”') => (self.close, '”'.len_utf8()),
                    _ => continue,
                },
                _ => continue,
            };
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
            out.push_str(&text[from..i]);
            out.push_str(with);
            from = i + len;
        }
        match out {
            None => Cow::Borrowed(text),
            Some(mut out) => {
                out.push_str(&text[from..]);
                Cow::Owned(out)
            }
        }
    }
}

/// Whether a space should not break: before a dash (`after` is the text after the space),
/// or after a one-letter Cyrillic word (`before` is the character before the space,
/// `before_that` the one before it).
fn keeps_together(before: Option<char>, before_that: Option<char>, after: &str) -> bool {
    let before_dash = after.starts_with(['—', '–']);
    let after_short_word = before.is_some_and(|c| is_cyrillic(c) && is_letter(c))
        && !before_that.is_some_and(is_letter_or_digit);
    before_dash || after_short_word
}

/// `char::is_alphabetic`, answered at once for the Russian alphabet: most of what it is
/// asked about in Cyrillic text, and otherwise a table search.
fn is_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё') || c.is_alphabetic()
}

/// `char::is_alphanumeric`, as fast as [`is_letter`] for the Russian alphabet.
fn is_letter_or_digit(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё') || c.is_alphanumeric()
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        let guillemets = Typography::new(Typography::GUILLEMETS, true);
        assert_eq!(guillemets.apply("“Тундук”"), "«Тундук»");
        let english = Typography::new(Typography::ENGLISH, false);
        assert_eq!(english.apply("“X-Road”"), "“X-Road”");
        let georgian = Typography::new(Typography::LOW_HIGH, false);
        assert_eq!(georgian.apply("“X”"), "„X“");
    }

    #[test]
    fn no_break_spaces_in_cyrillic_text() {
        let ru = Typography::new(Typography::GUILLEMETS, true);
        assert_eq!(
            ru.apply("в центре и у окна — быстро"),
            "в\u{a0}центре и\u{a0}у\u{a0}окна\u{a0}— быстро"
        );
        let en = Typography::new(Typography::ENGLISH, false);
        assert_eq!(en.apply("a cat — a dog"), "a cat — a dog");
    }
    /// The rule, one character at a time, as `apply` once was written: `apply` must give
    /// the same text while copying only what changes.
    fn one_at_a_time(t: &Typography, text: &str) -> String {
        let quotes = t.open != "“";
        let mut out = String::new();
        let (mut before, mut before_that) = (None, None);
        for (i, c) in text.char_indices() {
            match c {
                '“' if quotes => out.push_str(t.open),
                '”' if quotes => out.push_str(t.close),
                ' ' if t.cyrillic_spacing
                    && keeps_together(before, before_that, &text[i + 1..]) =>
                {
                    out.push_str(NBSP)
                }
                c => out.push(c),
            }
            (before, before_that) = (Some(c), before);
        }
        out
    }

    #[test]
    fn copying_only_what_changes_gives_the_same_text() {
        let ru = Typography::new(Typography::GUILLEMETS, true);
        let kk = Typography::new(Typography::GUILLEMETS, true);
        let ka = Typography::new(Typography::LOW_HIGH, false);
        for text in [
            "",
            " ",
            "я",
            "я ",
            " я ",
            "“В” и “я”",
            "Ақпарат пен “е-Үкімет” — ә у",
            "Ёж и ёлка, а 5 я — ок",
            "“”“",
            "ends with a space ",
            "— в начале",
            "“X” “ა”",
        ] {
            for t in [&ru, &kk, &ka] {
                assert_eq!(t.apply(text), one_at_a_time(t, text), "{text:?}");
            }
        }
        assert!(matches!(ru.apply("Без изменений здесь"), Cow::Borrowed(_)));
    }
}
