//! Readable URL segments and heading ids that keep every script's letters.
//!
//! `Цифрлық үкімет` becomes `цифрлық-үкімет`, `Digital ID` becomes `digital-id`: letters and
//! digits of any script are kept (lower-cased), everything else becomes one `-`. A language
//! may ask for ASCII segments instead ([`Mode::Ascii`]).

use crate::translit::Transliteration;

/// Lower-cases letters, keeps letters and digits of every script and `_`, and joins the rest
/// with single dashes. Returns an empty string when nothing is left.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if !is_mark(c) {
            dash = true;
        } else {
            // Combining marks (e.g. in Devanagari or decomposed Cyrillic й) stay with their letter.
            out.push(c);
        }
    }
    out
}

/// How a language writes its URL segments (page slugs, taxonomy terms): `slugs:` of a
/// language in `site.yaml`.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    /// As written, in the language's script (`unicode`, the default).
    Unicode,
    /// In ASCII (`ascii`), romanised by the language's transliteration: see [`ascii_slug`].
    Ascii(Transliteration),
}

impl Mode {
    /// `segment` as a URL segment in this mode.
    pub fn segment(&self, segment: &str) -> String {
        match self {
            Mode::Unicode => segment.to_string(),
            Mode::Ascii(romanise) => ascii_slug(*romanise, segment),
        }
    }
}

/// `text` as an ASCII URL segment: romanised by `romanise`, then slugified; anything still
/// outside ASCII is dropped.
pub fn ascii_slug(romanise: Transliteration, text: &str) -> String {
    let latin = romanise(text);
    let ascii: String = latin
        .chars()
        .map(|c| if c.is_ascii() { c } else { '-' })
        .collect();
    slugify(&ascii)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn ascii_slugs() {
        use crate::translit::{kazakh_to_ascii, russian_to_ascii};
        let russian = super::Mode::Ascii(russian_to_ascii);
        assert_eq!(
            russian.segment("Цифровое правительство"),
            "tsifrovoe-pravitelstvo"
        );
        assert_eq!(russian.segment("Open data 2.0"), "open-data-2-0");
        let kazakh = super::Mode::Ascii(kazakh_to_ascii);
        assert_eq!(kazakh.segment("Цифрлық үкімет"), "sifrlyq-ukimet");
        assert_eq!(
            super::Mode::Unicode.segment("Цифрлық үкімет"),
            "Цифрлық үкімет"
        );
    }

    #[test]
    fn keeps_letters_of_every_script() {
        assert_eq!(slugify("Цифрлық үкімет"), "цифрлық-үкімет");
        assert_eq!(
            slugify("Digital ID: what's next?"),
            "digital-id-what-s-next"
        );
        assert_eq!(slugify("  ციფრული მმართველობა "), "ციფრული-მმართველობა");
        assert_eq!(slugify("Թվային կառավարում"), "թվային-կառավարում");
        assert_eq!(slugify("???"), "");
        assert_eq!(slugify("e-Gov 2.0"), "e-gov-2-0");
    }
}
