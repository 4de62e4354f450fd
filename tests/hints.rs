//! The mistakes editors make most, each reported at its file and line with a message that
//! says what is wrong and what to do (issue 13).

mod common;
use common::*;
use dala::error::{Diagnostic, Kind, Severity};

/// The one error of `built` at `file`, its line and message.
fn only_error<'a>(built: &'a Built, file: &str) -> &'a Diagnostic {
    let errors = built.at(Severity::Error, file);
    assert_eq!(errors.len(), 1, "{:#?}", built.diagnostics());
    errors[0]
}

/// The message of the error at `file` with its line, for a page of front matter `yaml`.
fn front_matter_error(yaml: &str) -> (Option<usize>, String) {
    let built = SiteTest::new()
        .file("content/x.md", &format!("---\n{yaml}---\nText.\n"))
        .build();
    let d = only_error(&built, "content/x.md");
    (d.line, d.message.clone())
}

#[test]
fn a_tab_in_yaml_is_named_at_its_line() {
    let built = SiteTest::new()
        .file(
            "content/x.md",
            "---\ntitle: X\ndate: 2026-01-01\ntags:\n  - one\n  - two\n\t- three\n---\nText.\n",
        )
        .build();
    let d = only_error(&built, "content/x.md");
    assert_eq!(d.kind, Kind::Yaml);
    assert_eq!((d.line, d.column), (Some(7), Some(1)));
    assert_eq!(
        d.message,
        "a tab at line 7: YAML indents with spaces; replace the tab with spaces"
    );
    assert!(d.to_string().ends_with("\n  \t- three\n  ^^^^^^^^"), "{d}");
}

#[test]
fn a_title_with_a_colon_is_to_be_quoted() {
    let built = SiteTest::new()
        .file(
            "content/x.md",
            "---\ntitle: Подпись: как получить\n---\nText.\n",
        )
        .build();
    let d = only_error(&built, "content/x.md");
    assert_eq!((d.line, d.column), (Some(2), Some(15)));
    assert_eq!(
        d.message,
        "the title contains `: `; put it in quotes: `title: \"Подпись: как получить\"`"
    );
    assert!(
        d.to_string()
            .ends_with("\n  title: Подпись: как получить\n                ^^^^^^^^^^^^^^"),
        "{d}"
    );
    // Any key: its name is said.
    let (line, message) = front_matter_error("title: X\nsummary: Шаг 1: заявление\n");
    assert_eq!(line, Some(3));
    assert_eq!(
        message,
        "the summary contains `: `; put it in quotes: `summary: \"Шаг 1: заявление\"`"
    );
}

/// Builds with the binary a site whose `content/x.md` is `bytes`; its stderr.
fn build_with_page_bytes(bytes: &[u8]) -> String {
    let root = SiteTest::new().write();
    std::fs::write(root.join("content/x.md"), bytes).unwrap();
    let o = build(&root, &root.parent().unwrap().join("public"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    stderr(&o)
}

/// `text` in Windows-1251 (its ASCII and Russian letters).
fn windows_1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'Ё' => 0xA8,
            'ё' => 0xB8,
            'А'..='я' => (u32::from(c) - 0x0410 + 0xC0) as u8,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} is not in this test's Windows-1251"),
        })
        .collect()
}

#[test]
fn a_file_saved_as_windows_1251_is_recognised() {
    let bytes = windows_1251(
        "---\ntitle: Электронная подпись\n---\nКак получить электронную подпись в ЦОН.\n",
    );
    assert_eq!(bytes[11], 0xDD, "Э is one byte");
    let err = build_with_page_bytes(&bytes);
    assert!(
        err.contains("content/x.md:2:8: error: this file looks like Windows-1251 (Cyrillic), not UTF-8; save it as UTF-8 (Notepad: File, Save as, Encoding: UTF-8)\n  title: Электронная подпись\n         ^\n"),
        "{err}"
    );
}

#[test]
fn other_encodings_are_named_too() {
    // Notepad's "Unicode": UTF-16 with its byte order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "---\ntitle: X\n---\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let err = build_with_page_bytes(&utf16);
    assert!(
        err.contains("content/x.md:1:1: error: this file is UTF-16 (\"Unicode\"), not UTF-8; save it as UTF-8"),
        "{err}"
    );
    // Latin-1: "Café".
    let err = build_with_page_bytes(b"---\ntitle: Caf\xe9\n---\n");
    assert!(
        err.contains("content/x.md:2:11: error: this file looks like Latin-1 (Windows-1252), not UTF-8; save it as UTF-8"),
        "{err}"
    );
}

/// A site in English and Kazakh.
fn bilingual() -> SiteTest {
    SiteTest::new().file(
        "site.yaml",
        "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  kk: { name: Қазақша, title: Тест }\n",
    )
}

#[test]
fn a_country_code_in_a_file_name_names_the_language() {
    let built = bilingual()
        .file("content/x.kz.md", "---\ntitle: X\n---\n")
        .build();
    let d = only_error(&built, "content/x.kz.md");
    assert_eq!(d.kind, Kind::Path);
    assert_eq!(
        d.message,
        "`kz` is the country code of Kazakhstan; Kazakh is `kk`: rename the file `x.kk.md`"
    );
    // The language meant is not the site's: how to add it.
    let built = bilingual()
        .file("content/x.kg.md", "---\ntitle: X\n---\n")
        .build();
    assert_eq!(
        only_error(&built, "content/x.kg.md").message,
        "`kg` is the country code of Kyrgyzstan; Kyrgyz is `ky`, which site.yaml does not configure either (configured: en, kk); rename the file, or add the language under `languages:` in site.yaml (`ky: { name: ..., title: ... }`)"
    );
    let built = bilingual()
        .file("content/x.fr.md", "---\ntitle: X\n---\n")
        .build();
    assert_eq!(
        only_error(&built, "content/x.fr.md").message,
        "the file name says language `fr`, which site.yaml does not configure (configured: en, kk); rename the file, or add the language under `languages:` in site.yaml (`fr: { name: ..., title: ... }`)"
    );
}

#[test]
fn unknown_keys_say_the_key_meant() {
    for (key, message) in [
        ("sumary", "unknown front matter key `sumary`: did you mean `summary`?"),
        ("titel", "unknown front matter key `titel`: did you mean `title`?"),
        ("lastmod", "unknown front matter key `lastmod`: `lastmod` is `updated` in dala"),
        ("publishDate", "unknown front matter key `publishDate`: `publishDate` is `date` in dala"),
        ("author", "unknown front matter key `author`: `author` is `authors` in dala"),
        ("url", "unknown front matter key `url`: dala has no `url`; the address comes from the file name, or from `slug`; old addresses go in `aliases`"),
        ("categories", "unknown front matter key `categories`: dala has no `categories`; use `tags`, or make it a taxonomy under `taxonomies:` in site.yaml"),
        ("keywords", "unknown front matter key `keywords`: dala has no `keywords`; use `tags`, or make it a taxonomy under `taxonomies:` in site.yaml"),
        ("expiryDate", "unknown front matter key `expiryDate`: dala has no `expiryDate`; when the page should go, set `draft: true` or delete the file"),
        ("linkTitle", "unknown front matter key `linkTitle`: dala has no `linkTitle`; links and menus show the page's `title`"),
        ("sort_by", "unknown front matter key `sort_by`: `sort_by` belongs in a section's `_index.md`, not in a page"),
    ] {
        let (line, got) = front_matter_error(&format!("title: X\n{key}: y\n"));
        assert_eq!(line, Some(3), "{key}");
        assert_eq!(got, message);
    }
    // Nothing near: the keys there are.
    let (_, message) = front_matter_error("title: X\ncolour: blue\n");
    assert!(
        message.starts_with("unknown front matter key `colour`; allowed keys: title, date,"),
        "{message}"
    );
}

#[test]
fn dates_written_the_local_way_are_rewritten() {
    for (written, message) in [
        ("20.02.2026", "`20.02.2026` is not a date dala reads: write `2026-02-20` (year-month-day)"),
        ("20/02/2026", "`20/02/2026` is not a date dala reads: write `2026-02-20` (year-month-day)"),
        ("02/20/2026", "`02/20/2026` is not a date dala reads: write `2026-02-20` (year-month-day)"),
        ("2026.02.20", "`2026.02.20` is not a date dala reads: write `2026-02-20` (year-month-day)"),
        ("03/04/2026", "`03/04/2026` is not a date dala reads, and it can mean two days: write `2026-04-03` (3 April) or `2026-03-04` (4 March)"),
        ("soon", "`soon` is not a date: write it as year-month-day, `2026-11-27`, or with a time, `2026-11-27T10:30:00+05:00`"),
    ] {
        let (line, got) = front_matter_error(&format!("title: X\ndate: {written}\n"));
        assert_eq!(line, Some(3), "{written}");
        assert_eq!(got, format!("`date`: {message}"));
    }
}

#[test]
fn curly_quotes_in_a_shortcode_are_pointed_at() {
    let built = SiteTest::new()
        .file(
            "content/x.md",
            "---\ntitle: X\n---\nText.\n\n{{ figure(src=\"map.png\", alt=“Карта”) }}\n",
        )
        .build();
    let d = only_error(&built, "content/x.md");
    assert_eq!(d.kind, Kind::Shortcode);
    assert_eq!((d.line, d.column), (Some(6), Some(30)));
    assert_eq!(
        d.message,
        "shortcode `figure`: the value of `alt` has the typographic quote “; use straight quotes \" \" (a word processor may have changed them)"
    );
    assert!(
        d.to_string().ends_with(&format!(
            "\n  {{{{ figure(src=\"map.png\", alt=“Карта”) }}}}\n  {}^",
            " ".repeat(29)
        )),
        "{d}"
    );
    // Guillemets, and a straight quote closed by a curly one.
    for (call, column) in [
        ("{{ figure(alt=«Карта») }}", 15),
        ("{{ figure(alt='Карта') }}", 0),
        ("{{ figure(alt=\"Карта”) }}", 21),
    ] {
        let built = SiteTest::new()
            .file("content/x.md", &format!("---\ntitle: X\n---\n{call}\n"))
            .build();
        let d = only_error(&built, "content/x.md");
        if column == 0 {
            assert!(d.message.contains("must be a \"string\""), "{d}");
        } else {
            assert_eq!(d.column, Some(column), "{d}");
            assert!(d.message.contains("use straight quotes"), "{d}");
        }
    }
}

#[test]
fn links_to_a_broken_file_are_not_errors_of_their_own() {
    let built = SiteTest::new()
        .file("content/broken.md", "---\ntitle: Broken\ndate: soon\n---\n")
        .file("content/a.md", "---\ntitle: A\n---\nSee [it](broken.md).\n")
        .file(
            "content/b.md",
            "---\ntitle: B\n---\nSee [it](@/broken.md#part).\n",
        )
        .build();
    let errors: Vec<String> = built
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(only_error(&built, "content/broken.md").line, Some(3));
    // A file whose name cannot be placed is broken as well.
    let built = bilingual()
        .file("content/broken.kz.md", "---\ntitle: Broken\n---\n")
        .file(
            "content/a.md",
            "---\ntitle: A\n---\nSee [it](broken.kz.md).\n",
        )
        .build();
    let errors: Vec<String> = built
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

#[test]
fn a_missing_interface_string_is_one_error() {
    let page = "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title>\n<p>{{ t(key=\"motto\") }}</p>\n<main>{{ page.content | safe }}</main></html>\n";
    let mut site = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: kk\nlanguages:\n  kk: { name: Қазақша, title: Тест }\n  kk-Latn: { name: Qazaqşa, title: Test, derive_from: kk }\n  ru: { name: Русский, title: Тест }\n",
        )
        .file("i18n/kk.yaml", "home: Басты бет\n")
        .file("i18n/ru.yaml", "home: Главная\n")
        .file("templates/page.html", page);
    for n in 0..6 {
        site = site.file(
            &format!("content/p{n}.md"),
            "---\ntitle: Бет\n---\nМәтін.\n",
        );
        site = site.file(
            &format!("content/p{n}.ru.md"),
            "---\ntitle: Страница\n---\nТекст.\n",
        );
    }
    let built = site.build();
    let errors: Vec<&Diagnostic> = built
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.path, built.root.join("templates/page.html"));
    assert_eq!(d.line, Some(2));
    assert!(
        d.message.starts_with(
            "no interface string `motto`: i18n/kk.yaml, i18n/ru.yaml lack it (add it to the default language at least)"
        ),
        "{d}"
    );
    assert!(!d.message.contains("kk-Latn.yaml"), "{d}");
}

/// Each hint above as a Russian or Kazakh editor reads it (`--messages ru|kk`): the message
/// as the build gives it, through the catalogue.
#[test]
fn each_hint_reads_in_russian_or_kazakh() {
    use dala::messages::{translate, Lang};
    let tab = {
        let built = SiteTest::new()
            .file(
                "content/x.md",
                "---\ntitle: X\ntags:\n  - one\n\t- two\n---\n",
            )
            .build();
        only_error(&built, "content/x.md").message.clone()
    };
    let colon = front_matter_error("title: Подпись: как получить\n").1;
    let cp1251 = {
        let err = build_with_page_bytes(&windows_1251("---\ntitle: Подпись\n---\n"));
        let line = err.lines().next().unwrap_or("").to_string();
        line.split_once(": error: ")
            .map(|(_, m)| m.to_string())
            .unwrap_or(line)
    };
    let kz = {
        let built = bilingual()
            .file("content/x.kz.md", "---\ntitle: X\n---\n")
            .build();
        only_error(&built, "content/x.kz.md").message.clone()
    };
    let sumary = front_matter_error("title: X\nsumary: y\n").1;
    let lastmod = front_matter_error("title: X\nlastmod: 2026-01-01\n").1;
    let date = front_matter_error("title: X\ndate: 20.02.2026\n").1;
    let quotes = {
        let built = SiteTest::new()
            .file(
                "content/x.md",
                "---\ntitle: X\n---\n{{ figure(alt=«Карта») }}\n",
            )
            .build();
        only_error(&built, "content/x.md").message.clone()
    };
    for (lang, message, expected) in [
        (Lang::Ru, &tab, "табуляция в строке 5: в YAML отступы делают пробелами; замените табуляцию пробелами"),
        (Lang::Kk, &colon, "`title` ішінде `: ` бар; мәнді тырнақшаға алыңыз: `title: \"Подпись: как получить\"`"),
        (Lang::Ru, &cp1251, "похоже, этот файл в кодировке Windows-1251 (кириллица), а не UTF-8; сохраните его в UTF-8 (в Блокноте: Файл, Сохранить как, Кодировка: UTF-8)"),
        (Lang::Kk, &kz, "`kz` — ел коды (Қазақстан); қазақ тілі `kk` деп белгіленеді: файлдың атын `x.kk.md` деп өзгертіңіз"),
        (Lang::Ru, &sumary, "неизвестный ключ метаданных `sumary`: может быть, имелось в виду `summary`?"),
        (Lang::Kk, &lastmod, "беттің метадеректерінде белгісіз `lastmod` кілті: dala-да `lastmod` орнына `updated` жазылады"),
        (Lang::Ru, &date, "`date`: `20.02.2026` — dala не понимает такую запись даты: напишите `2026-02-20` (год-месяц-день)"),
        (Lang::Kk, &quotes, "`figure` шорткоды: `alt` мәнінде « типографиялық тырнақшасы тұр; тік тырнақша \" \" керек (оларды мәтін редакторы ауыстырып жіберген болуы мүмкін)"),
    ] {
        assert_eq!(translate(lang, message), expected, "{message}");
    }
}
