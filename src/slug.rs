//! Readable URL segments and heading ids that keep every script's letters.
//!
//! `Цифрлық үкімет` becomes `цифрлық-үкімет`, `Digital ID` becomes `digital-id`: letters and
//! digits of any script are kept (lower-cased), everything else becomes one `-`.

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

/// `text` as an ASCII URL segment: transliterated (Kazakh by its Latin alphabet folded to
/// ASCII; Russian and the other Cyrillic languages by the Russian passport table), then
/// slugified; anything still outside ASCII is dropped.
pub fn ascii_slug(lang: &str, text: &str) -> String {
    let primary = lang.split('-').next().unwrap_or(lang);
    let latin = match primary {
        "kk" => crate::translit::kazakh_to_ascii(text),
        _ => crate::translit::russian_to_ascii(text),
    };
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
    fn ascii_slugs_per_language() {
        assert_eq!(
            super::ascii_slug("ru", "Цифровое правительство"),
            "tsifrovoe-pravitelstvo"
        );
        assert_eq!(super::ascii_slug("kk", "Цифрлық үкімет"), "sifrlyq-ukimet");
        assert_eq!(super::ascii_slug("ru", "Open data 2.0"), "open-data-2-0");
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
