//! Messages for the mistakes editors make most, each saying what is wrong and what to do.
//!
//! Every message of such a mistake is built here, in one function taking what varies, so
//! that a translation of the messages changes one place per mistake. The little logic that
//! recognises a mistake (a key of another site generator, a country code used as a
//! language, an old file encoding, a misspelt key) is here too, next to its message; the
//! modules that find the problem (`yaml`, `source`, `date`, `shortcode`, `content`) call it.
//! A leaf: it imports nothing of dala.

/// A tab where YAML wants spaces (`line` is the file's).
pub fn yaml_tab(line: usize) -> String {
    format!("a tab at line {line}: YAML indents with spaces; replace the tab with spaces")
}

/// A value with `: ` in it, which YAML takes for a second key; `key` and `value` as written.
pub fn yaml_colon_in_value(key: &str, value: &str) -> String {
    format!(
        "the {key} contains `: `; put it in quotes: `{key}: {}`",
        quoted(value)
    )
}

/// A `: ` that YAML cannot read, where the value that has it is not plain to tell.
pub fn yaml_colon_unclear() -> String {
    "YAML cannot read the `: ` here; if it is part of a text, put the whole text in quotes"
        .to_string()
}

/// `value` in YAML quotes: double, or single when it has a double quote.
fn quoted(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// What a file that is not UTF-8 seems to be, from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Windows-1251: Cyrillic, as old Windows programs save Russian text.
    Windows1251,
    /// UTF-16 (Notepad's "Unicode"), with or without its byte order mark.
    Utf16,
    /// Latin-1 / Windows-1252, or another one-byte encoding of Latin letters.
    Latin1,
    /// Nothing recognised.
    Unknown,
}

/// A guess of the encoding of `bytes`, which are not UTF-8: a byte order mark or many zero
/// bytes say UTF-16; letters of bytes 0xC0–0xFF that mostly stand next to one another
/// (whole words of them) say Windows-1251 Cyrillic; such bytes alone between ASCII letters
/// (`é`, `ü`) say Latin-1.
pub fn guess_encoding(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let zeros = sample.iter().filter(|b| **b == 0).count();
    if sample.len() >= 4 && zeros * 4 >= sample.len() {
        return Encoding::Utf16;
    }
    let high = |b: u8| b >= 0x80;
    let letter = |b: u8| b >= 0xC0 || b == 0xA8 || b == 0xB8;
    let (mut highs, mut letters, mut in_runs) = (0usize, 0usize, 0usize);
    for (i, &b) in sample.iter().enumerate() {
        if !high(b) {
            continue;
        }
        highs += 1;
        if letter(b) {
            letters += 1;
            let before = i > 0 && letter(sample[i - 1]);
            let after = sample.get(i + 1).is_some_and(|n| letter(*n));
            if before || after {
                in_runs += 1;
            }
        }
    }
    if highs == 0 {
        Encoding::Unknown
    } else if letters * 10 >= highs * 8 && in_runs * 2 >= letters {
        Encoding::Windows1251
    } else if letters * 2 >= highs {
        Encoding::Latin1
    } else {
        Encoding::Unknown
    }
}

/// The text of `bytes` read as Windows-1251 (its letters; other bytes above 0x7F as `�`),
/// to show an editor the line as they wrote it.
pub fn windows_1251_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7F => char::from(b),
            0xA8 => 'Ё',
            0xB8 => 'ё',
            0xC0..=0xFF => char::from_u32(0x0410 + u32::from(b - 0xC0)).unwrap_or('\u{FFFD}'),
            _ => '\u{FFFD}',
        })
        .collect()
}

/// A file that is not UTF-8 text, seemingly `encoding`; `byte` is the first bad one.
pub fn not_utf8(encoding: Encoding, byte: u8) -> String {
    const SAVE: &str = "save it as UTF-8 (Notepad: File, Save as, Encoding: UTF-8)";
    match encoding {
        Encoding::Windows1251 => {
            format!("this file looks like Windows-1251 (Cyrillic), not UTF-8; {SAVE}")
        }
        Encoding::Utf16 => format!("this file is UTF-16 (\"Unicode\"), not UTF-8; {SAVE}"),
        Encoding::Latin1 => {
            format!("this file looks like Latin-1 (Windows-1252), not UTF-8; {SAVE}")
        }
        Encoding::Unknown => format!(
            "this file is not UTF-8 text: byte 0x{byte:02X} cannot start or continue a character here; {SAVE}"
        ),
    }
}

/// Country codes written where a language is meant, with the language's code and name:
/// the confusions likely on a site of Central Asia and its neighbours.
const COUNTRY_NOT_LANGUAGE: &[(&str, &str, &str, &str)] = &[
    // (written, country, language code, language)
    ("kz", "Kazakhstan", "kk", "Kazakh"),
    ("kg", "Kyrgyzstan", "ky", "Kyrgyz"),
    ("tj", "Tajikistan", "tg", "Tajik"),
    ("tm", "Turkmenistan", "tk", "Turkmen"),
    ("ua", "Ukraine", "uk", "Ukrainian"),
    ("ge", "Georgia", "ka", "Georgian"),
    ("am", "Armenia", "hy", "Armenian"),
    ("by", "Belarus", "be", "Belarusian"),
    ("cn", "China", "zh", "Chinese"),
    ("jp", "Japan", "ja", "Japanese"),
    ("kr", "Korea", "ko", "Korean"),
    ("gb", "the United Kingdom", "en", "English"),
    ("us", "the United States", "en", "English"),
];

/// The language a file name's suffix that is a country code means (`kz` -> `kk`, and
/// `kz-Latn` -> `kk-Latn`): the suffix meant, the country and the language's name.
pub fn country_as_language(suffix: &str) -> Option<(String, &'static str, &'static str)> {
    let (first, rest) = match suffix.find(['-', '_']) {
        Some(i) => suffix.split_at(i),
        None => (suffix, ""),
    };
    let first = first.to_ascii_lowercase();
    COUNTRY_NOT_LANGUAGE
        .iter()
        .find(|(written, ..)| *written == first)
        .map(|(_, country, code, name)| {
            (format!("{code}{}", rest.replace('_', "-")), *country, *name)
        })
}

/// A file name whose language suffix is a country's code, and the language meant is one of
/// the site's: `file` renamed is `renamed`.
pub fn country_code_in_file_name(
    written: &str,
    country: &str,
    meant: &str,
    name: &str,
    renamed: &str,
) -> String {
    format!(
        "`{written}` is the country code of {country}; {name} is `{meant}`: rename the file `{renamed}`"
    )
}

/// A file name's language suffix the site does not have; `meant` is the language a country
/// code stands for (`kz`: Kazakh, `kk`), when it is one.
pub fn unconfigured_language(
    written: &str,
    configured: &str,
    meant: Option<(&str, &str, &str)>,
) -> String {
    let add = "rename the file, or add the language under `languages:` in site.yaml";
    match meant {
        Some((code, country, name)) => format!(
            "`{written}` is the country code of {country}; {name} is `{code}`, which site.yaml does not configure either (configured: {configured}); {add} (`{code}: {{ name: ..., title: ... }}`)"
        ),
        None => format!(
            "the file name says language `{written}`, which site.yaml does not configure (configured: {configured}); {add} (`{written}: {{ name: ..., title: ... }}`)"
        ),
    }
}

/// A language of `site.yaml` without its `name`; `native` is the language's name in
/// itself when dala knows it.
pub fn language_without_name(code: &str, native: Option<&str>) -> String {
    format!(
        "language `{code}` has no `name`: add `name: {}`, the name readers choose it by",
        native.unwrap_or("...")
    )
}

/// A language of `site.yaml` without its `title` (and not derived from another, whose
/// title it would take).
pub fn language_without_title(code: &str, native: Option<&str>) -> String {
    let language = native.map_or(format!("`{code}`"), |n| n.to_string());
    format!(
        "language `{code}` has no `title`: add `title: ...`, the site's title in {language}, shown at the top of every page and in the browser's tab"
    )
}

/// `dala new` for a page in `folder` (inside `content/`), which is not a section and is in
/// none: no `_index.md` in it or above it. `sections` are the top-level sections there are.
pub fn new_page_outside_sections(folder: &str, sections: &[String]) -> String {
    let mut message = format!(
        "`{folder}/` is not a section (it has no `_index.md`, nor has a folder above it), so no listing or menu would show the page: make it a section first with `dala new section {folder}`"
    );
    if !sections.is_empty() {
        let list: Vec<String> = sections.iter().map(|s| format!("`{s}/`")).collect();
        message.push_str(&format!(
            ", or put the page in a section: {}",
            list.join(", ")
        ));
    }
    message
}

/// `dala new section NAME --bundle`: a section is its folder's `_index.md` already.
pub fn new_section_as_bundle(rel: &str) -> String {
    format!("--bundle makes a page a folder of its own; a section is a folder already (`{rel}/_index.md`): leave out --bundle")
}

/// The YAML comment beside a new translation's title, which is the `from` version's.
pub fn new_title_to_translate(from: &str) -> String {
    format!("translate this title (the `{from}` version's)")
}

/// The YAML comment above a new page's placeholder title in a language dala has no
/// placeholder in (`code`, `name` in English), written in `written_in` instead.
pub fn new_title_placeholder_untranslated(code: &str, name: &str, written_in: &str) -> String {
    format!("dala has no placeholder title in {name} (`{code}`): this one is in {written_in}; write the page's title in {name}")
}

/// A name of `content/` (a file's without its language suffix and `.md`, or a folder's) as
/// its address has it, when it has spaces or capital letters: lower case, with `-` for each
/// run of spaces (`My Page`: `my-page`); `None` when it is fine as it is.
pub fn url_name(name: &str) -> Option<String> {
    if !name.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
        return None;
    }
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    Some(words.join("-"))
}

/// A content file (or `folder`) named `written`, with spaces or capital letters: `renamed`
/// is the name its address has.
pub fn name_to_rename(folder: bool, written: &str, renamed: &str) -> String {
    let what = match (
        written.chars().any(char::is_whitespace),
        written.chars().any(char::is_uppercase),
    ) {
        (true, true) => "spaces and capital letters",
        (true, false) => "spaces",
        _ => "capital letters",
    };
    let (kind, address) = if folder {
        ("folder", "the addresses of its pages have it")
    } else {
        ("file", "its page's address has it")
    };
    format!(
        "the {kind} name `{written}` has {what}: rename it `{renamed}` (lower case, `-` for spaces), as {address}"
    )
}

/// What dala has for a front matter key of another site generator (Hugo, Jekyll, Zola).
enum Other {
    /// The same under another name.
    Renamed(&'static str),
    /// Nothing: what to do instead.
    Missing(&'static str),
}

fn other_generator_key(key: &str) -> Option<Other> {
    use Other::{Missing, Renamed};
    Some(match key {
        "lastmod" | "lastModified" | "last_modified" | "modified" => Renamed("updated"),
        "publishDate" | "publishdate" | "pubdate" | "pubDate" => Renamed("date"),
        "author" => Renamed("authors"),
        "translationKey" => Renamed("translation_key"),
        "layout" | "type" => Renamed("template"),
        "excerpt" => Renamed("summary"),
        "tag" => Renamed("tags"),
        "expiryDate" | "expirydate" | "unpublishdate" => {
            Missing("when the page should go, set `draft: true` or delete the file")
        }
        "linkTitle" | "linktitle" => Missing("links and menus show the page's `title`"),
        "url" | "permalink" => Missing(
            "the address comes from the file name, or from `slug`; old addresses go in `aliases`",
        ),
        "categories" | "category" | "keywords" => {
            Missing("use `tags`, or make it a taxonomy under `taxonomies:` in site.yaml")
        }
        _ => return None,
    })
}

/// The message for front matter key `key` that is not one of `allowed` (the page's or
/// section's keys); `section_only` are the keys only a section's `_index.md` takes.
pub fn unknown_front_matter_key(key: &str, allowed: &[&str], section_only: &[&str]) -> String {
    let head = format!("unknown front matter key `{key}`");
    if section_only.contains(&key) && !allowed.contains(&key) {
        return format!("{head}: `{key}` belongs in a section's `_index.md`, not in a page");
    }
    match other_generator_key(key) {
        Some(Other::Renamed(ours)) if allowed.contains(&ours) => {
            return format!("{head}: `{key}` is `{ours}` in dala")
        }
        Some(Other::Missing(advice)) => return format!("{head}: dala has no `{key}`; {advice}"),
        _ => {}
    }
    match closest(key, allowed) {
        Some(near) => format!("{head}: did you mean `{near}`?"),
        None => format!("{head}; allowed keys: {}", allowed.join(", ")),
    }
}

/// The one word of `words` nearest `word` when it is near enough to be a typing mistake
/// (case left aside): at most one edit for a short word, two from six letters, three from
/// eleven; none when two are equally near.
pub fn closest<'a>(word: &str, words: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        6..=10 => 2,
        _ => 3,
    };
    let mut scored: Vec<(usize, &str)> = words
        .iter()
        .map(|w| (distance(&lower, &w.to_lowercase()), *w))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    match scored.as_slice() {
        [(_, w)] => Some(*w),
        [(a, w), (b, _), ..] if a < b => Some(*w),
        _ => None,
    }
}

/// Edits from `a` to `b`: a letter put in, left out, changed, or two swapped.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

/// A date written otherwise than `YYYY-MM-DD`; `readings` are what it can mean, written as
/// dala wants it (none when it is not a date dala can tell, two when day and month may be
/// either way round).
pub fn date_not_read(written: &str, readings: &[String]) -> String {
    match readings {
        [one] => format!("`{written}` is not a date dala reads: write `{one}` (year-month-day)"),
        [first, second, ..] => format!(
            "`{written}` is not a date dala reads, and it can mean two days: write `{first}` ({}) or `{second}` ({})",
            day_and_month(first),
            day_and_month(second)
        ),
        [] => format!(
            "`{written}` is not a date: write it as year-month-day, `2026-11-27`, or with a time, `2026-11-27T10:30:00+05:00`"
        ),
    }
}

/// `2026-04-03` as `3 April`.
fn day_and_month(ymd: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month: usize = ymd.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let day: u32 = ymd.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    format!("{day} {}", MONTHS[month.clamp(1, 12) - 1])
}

/// Quotation marks a word processor puts where a shortcode's value wants `"`.
pub const CURLY_QUOTES: &[char] = &[
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{00AB}', '\u{00BB}', '\u{2018}', '\u{2019}',
    '\u{201A}', '\u{201B}', '\u{2039}', '\u{203A}',
];

/// A shortcode argument's value in curly quotes (`quote` is the first one met).
pub fn curly_quote(shortcode: &str, argument: &str, quote: char) -> String {
    format!(
        "shortcode `{shortcode}`: the value of `{argument}` has the typographic quote {quote}; use straight quotes \" \" (a word processor may have changed them)"
    )
}

/// A Hugo shortcode call (`{{< name ... >}}`, `{{% name %}}`) in a page's text, which dala
/// shows as written: `hub` when the hub theme has a shortcode of that name, `args` its
/// arguments as dala writes them (when they could be read), `paired` when it has a body.
pub fn hugo_shortcode(name: &str, hub: bool, args: Option<&str>, paired: bool) -> String {
    let args = args.unwrap_or("...");
    let call = if paired {
        format!("`{{% {name}({args}) %}}` at the end of a line, the body on the lines after it, and `{{% end %}}` on a line of its own")
    } else {
        format!("`{{{{ {name}({args}) }}}}`")
    };
    if hub {
        format!("a Hugo shortcode, which dala does not run (it shows it as written): write {call} (docs/shortcodes.md)")
    } else {
        format!("a Hugo shortcode, which dala does not run (it shows it as written): dala has no shortcode `{name}`; write one in `templates/shortcodes/{name}.html` and call it {call} (docs/shortcodes.md#your-own-shortcodes)")
    }
}

mod collections;
mod data;
pub use collections::*;
pub use data::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_keys_are_suggested() {
        let keys = ["title", "summary", "date", "updated", "tags", "draft"];
        assert_eq!(closest("sumary", &keys), Some("summary"));
        assert_eq!(closest("titel", &keys), Some("title"));
        assert_eq!(closest("Title", &keys), Some("title"));
        assert_eq!(closest("colour", &keys), None);
        assert_eq!(closest("xy", &keys), None);
    }

    #[test]
    fn encodings_are_told_apart() {
        // "Привет, мир" in Windows-1251.
        let cp1251 = b"title: \xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0\n";
        assert_eq!(guess_encoding(cp1251), Encoding::Windows1251);
        assert_eq!(windows_1251_text(cp1251), "title: Привет, мир\n");
        // "Café crème" in Latin-1.
        assert_eq!(guess_encoding(b"Caf\xe9 cr\xe8me"), Encoding::Latin1);
        assert_eq!(guess_encoding(b"\xff\xfet\x00i\x00"), Encoding::Utf16);
        assert_eq!(guess_encoding(b"a\x00b\x00c\x00"), Encoding::Utf16);
    }

    #[test]
    fn country_codes_mean_languages() {
        assert_eq!(
            country_as_language("kz"),
            Some(("kk".to_string(), "Kazakhstan", "Kazakh"))
        );
        assert_eq!(country_as_language("kz-Latn").unwrap().0, "kk-Latn");
        assert_eq!(country_as_language("uz"), None);
        assert_eq!(country_as_language("az"), None);
    }
}
