//! Punctuation each language's readers expect.
//!
//! pulldown-cmark's smart punctuation turns `"text"` into English quotes “text”; dala then
//! gives each language its own quotes («ёлочки», „ “ or “ ”) and, in Cyrillic-script
//! languages, a no-break space that keeps one-letter words (в, с, и, а...) on the line of the
//! word after them, and a dash on the line of the word before it, as typesetters do. Which
//! language gets which is its profile's choice ([`crate::language::Profile`]).

use std::borrow::Cow;

const NBSP: char = '\u{a0}';

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
        let quotes = self.open != "“" && text.contains(['“', '”']);
        let spacing = self.cyrillic_spacing && text.contains(' ');
        if !quotes && !spacing {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 8);
        // The two characters before the current one, for one-letter words.
        let (mut before, mut before_that) = (None, None);
        for (i, c) in text.char_indices() {
            match c {
                '“' if quotes => out.push_str(self.open),
                '”' if quotes => out.push_str(self.close),
                ' ' if spacing && keeps_together(before, before_that, &text[i + 1..]) => {
                    out.push(NBSP)
                }
                c => out.push(c),
            }
            (before, before_that) = (Some(c), before);
        }
        Cow::Owned(out)
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
}
