//! Punctuation each language's readers expect.
//!
//! pulldown-cmark's smart punctuation turns `"text"` into English quotes “text”; dala then
//! gives each language its own: «ёлочки» for Russian, Kazakh, Kyrgyz, Tajik, Uzbek and
//! Armenian, „ “ for Georgian, “ ” for English, Azerbaijani and Turkmen. In Cyrillic-script
//! languages a no-break space also keeps one-letter words (в, с, и, а...) on the line of the
//! word after them, and a dash on the line of the word before it, as typesetters do.

use std::borrow::Cow;

const NBSP: char = '\u{a0}';

#[derive(Debug, Clone, Copy)]
pub struct Typography {
    open: &'static str,
    close: &'static str,
    /// Whether no-break spaces follow one-letter words and precede dashes.
    cyrillic_spacing: bool,
}

impl Typography {
    /// The rules for a BCP 47 tag; a script subtag (`uz-Cyrl`, `kk-Latn`) counts.
    pub fn for_language(tag: &str) -> Typography {
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or("");
        let script = parts.find(|p| p.len() == 4).unwrap_or("");
        let cyrillic = match script {
            "Cyrl" => true,
            "Latn" => false,
            _ => matches!(
                language,
                "ru" | "kk" | "ky" | "tg" | "uk" | "be" | "bg" | "mn"
            ),
        };
        let (open, close) = match language {
            "ru" | "kk" | "ky" | "tg" | "uz" | "hy" | "uk" | "be" => ("«", "»"),
            "ka" => ("„", "“"),
            _ => ("“", "”"),
        };
        Typography {
            open,
            close,
            cyrillic_spacing: cyrillic,
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
    fn quotes_per_language() {
        assert_eq!(Typography::for_language("ru").apply("“Тундук”"), "«Тундук»");
        assert_eq!(Typography::for_language("kk").apply("“Тундук”"), "«Тундук»");
        assert_eq!(Typography::for_language("en").apply("“X-Road”"), "“X-Road”");
        assert_eq!(Typography::for_language("ka").apply("“X”"), "„X“");
        assert_eq!(Typography::for_language("uz-Cyrl").apply("“X”"), "«X»");
    }

    #[test]
    fn no_break_spaces_in_cyrillic_text() {
        let ru = Typography::for_language("ru");
        assert_eq!(
            ru.apply("в центре и у окна — быстро"),
            "в\u{a0}центре и\u{a0}у\u{a0}окна\u{a0}— быстро"
        );
        assert_eq!(
            Typography::for_language("en").apply("a cat — a dog"),
            "a cat — a dog"
        );
        assert_eq!(Typography::for_language("kk-Latn").apply("a — b"), "a — b");
    }
}
