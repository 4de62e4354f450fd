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
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '“' if quotes => out.push_str(self.open),
                '”' if quotes => out.push_str(self.close),
                ' ' if spacing && self.keeps_together(&chars, i) => out.push(NBSP),
                c => out.push(c),
            }
        }
        Cow::Owned(out)
    }

    /// Whether the space at `i` should not break: after a one-letter word, before a dash.
    fn keeps_together(&self, chars: &[char], i: usize) -> bool {
        let before_dash = matches!(chars.get(i + 1), Some('—' | '–'));
        let after_short_word = i >= 1
            && chars[i - 1].is_alphabetic()
            && (i == 1 || !chars[i - 2].is_alphanumeric())
            && is_cyrillic(chars[i - 1]);
        before_dash || after_short_word
    }
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
