//! `dala import hugo SRC DEST` on the small Hugo site of `tests/fixtures/hugo/`: YAML, TOML
//! and JSON front matter become dala's, every shortcode call and template is listed with its
//! file and line, and nothing in DEST is replaced without `--force` or written outside it.

mod common;
use common::*;
use std::path::Path;

/// Imports the fixture into a new folder; returns it and what the command printed.
fn import(extra: &[&str]) -> (std::path::PathBuf, std::process::Output) {
    let dest = scratch("import").join("site");
    let out = run(&dest, extra);
    (dest, out)
}

fn run(dest: &Path, extra: &[&str]) -> std::process::Output {
    let src = fixture("hugo");
    let mut args = vec![
        "import",
        "hugo",
        src.to_str().unwrap(),
        dest.to_str().unwrap(),
    ];
    args.extend(extra);
    dala(&args)
}

/// The front matter of a written file.
fn front_matter(path: &Path) -> serde_yaml::Mapping {
    let text = read(path);
    let rest = text.strip_prefix("---\n").expect("YAML front matter");
    let end = rest.find("\n---\n").expect("closed");
    serde_yaml::from_str(&rest[..end + 1]).unwrap()
}

fn get<'a>(m: &'a serde_yaml::Mapping, key: &str) -> Option<&'a serde_yaml::Value> {
    m.get(serde_yaml::Value::String(key.to_string()))
}

fn strings(v: Option<&serde_yaml::Value>) -> Vec<String> {
    v.and_then(|v| v.as_sequence())
        .map(|s| s.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn front_matter_keys_are_mapped_and_dates_normalised() {
    let (dest, out) = import(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // TOML front matter.
    let kk = front_matter(&dest.join("content/posts/digital-id.md"));
    let s = |k| get(&kk, k).and_then(|v| v.as_str()).map(str::to_string);
    assert_eq!(s("title").as_deref(), Some("Цифрлық құжаттар"));
    assert_eq!(s("date").as_deref(), Some("2024-03-05T10:00:00+05:00"));
    assert_eq!(s("updated").as_deref(), Some("2024-04-01"));
    assert_eq!(s("translation_key").as_deref(), Some("digital-id"));
    assert_eq!(strings(get(&kk, "tags")), ["id", "egov"]);
    assert_eq!(strings(get(&kk, "categories")), ["services"]);
    assert_eq!(strings(get(&kk, "aliases")), ["/kk/old/digital-documents/"]);
    for hugo_only in [
        "lastmod",
        "url",
        "translationKey",
        "linkTitle",
        "keywords",
        "params",
    ] {
        assert!(get(&kk, hugo_only).is_none(), "{hugo_only} left at the top");
    }
    let extra = get(&kk, "extra").and_then(|v| v.as_mapping()).unwrap();
    assert_eq!(strings(get(extra, "keywords")), ["eGov", "ЖСН"]);
    assert_eq!(
        get(extra, "subtitle").and_then(|v| v.as_str()),
        Some("Қағазсыз қызмет")
    );
    // YAML front matter, with its language suffix kept.
    let ru = front_matter(&dest.join("content/posts/digital-id.ru.md"));
    assert_eq!(
        get(&ru, "date").and_then(|v| v.as_str()),
        Some("2024-03-06T09:30:00Z")
    );
    assert_eq!(strings(get(&ru, "authors")), ["Айгерим Сарсенова"]);
    // JSON front matter.
    let about = front_matter(&dest.join("content/about/index.ru.md"));
    assert_eq!(
        get(&about, "title").and_then(|v| v.as_str()),
        Some("О хабе")
    );
    // `<!--more-->` as dala writes it; the body otherwise as it was.
    let text = read(&dest.join("content/posts/digital-id.md"));
    assert!(text.contains("\n<!-- more -->\n"), "{text}");
    assert!(text.contains("{{< figure src=\"card.png\" alt=\"Цифрлық құжат\" >}}"));
    // A bundle's image and the static files are copied.
    assert!(dest.join("content/posts/one-stop/map.svg").is_file());
    assert!(dest.join("static/css/site.css").is_file());
    assert!(!dest.join("layouts").exists() && !dest.join("hugo.toml").exists());
}

#[test]
fn every_shortcode_call_and_template_is_listed_with_file_and_line() {
    let (_, out) = import(&[]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let src = fixture("hugo");
    let at = |rel: &str, rest: &str| format!("{}{rest}", src.join(rel).display());
    for line in [
        at(
            "content/posts/digital-id.md",
            ":20:1: warning: Hugo shortcode `figure`",
        ),
        at(
            "content/posts/digital-id.md",
            ":22:24: warning: Hugo shortcode `ref`",
        ),
        at(
            "content/posts/digital-id.ru.md",
            ":12:1: warning: Hugo shortcode `note`",
        ),
        at(
            "content/posts/one-stop/index.md",
            ":8:1: warning: Hugo shortcode `youtube`",
        ),
        at(
            "content/posts/one-stop/index.md",
            ":4: warning: `layout: wide`",
        ),
        at(
            "content/posts/digital-id.md",
            ":9: warning: `url: /kk/old/digital-documents/`",
        ),
        at(
            "content/posts/digital-id.md",
            ":8: note: front matter key `keywords`",
        ),
        at(
            "layouts/_default/single.html",
            ":1: warning: a Hugo template",
        ),
        at(
            "layouts/shortcodes/note.html",
            ":1: warning: a Hugo shortcode template",
        ),
        at(
            "themes/plain/layouts/index.html",
            ":1: warning: a Hugo template",
        ),
        at("hugo.toml", ":1: warning: Hugo's configuration"),
    ] {
        assert!(text.contains(&line), "missing: {line}\n{text}");
    }
    // A closing tag is not a call: one warning for `note`.
    assert_eq!(text.matches("shortcode `note`").count(), 1, "{text}");
    assert!(text.contains("9 files"), "{text}");
}

#[test]
fn the_imported_content_builds_once_site_yaml_is_written() {
    let (dest, out) = import(&[]);
    assert!(out.status.success());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("themes/hub"), &dest.join("themes/hub"));
    std::fs::write(
        dest.join("site.yaml"),
        "base_url: https://egov.example.kz\ndefault_language: kk\nlanguages:\n  kk: { name: Қазақша, title: Цифрлық үкімет }\n  ru: { name: Русский, title: Цифровое правительство }\ntheme: hub\ntaxonomies: [tags, categories]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dest.join("i18n")).unwrap();
    std::fs::write(dest.join("i18n/kk.yaml"), "categories: Санаттар\n").unwrap();
    std::fs::write(dest.join("i18n/ru.yaml"), "categories: Категории\n").unwrap();
    let built = build(&dest, &dest.join("public"), &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let doc = html(&dest.join("public/ru/posts/digital-id/index.html"));
    assert_eq!(
        attr(&doc, "html", "lang").as_deref(),
        Some("ru"),
        "the Russian translation is a page of its own language"
    );
    assert!(dest
        .join("public/kk/old/digital-documents/index.html")
        .is_file());
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_then_nothing_else_is_written() {
    let (dest, out) = import(&[]);
    assert!(out.status.success());
    let page = dest.join("content/posts/digital-id.md");
    std::fs::write(&page, "edited by a person\n").unwrap();
    std::fs::remove_file(dest.join("static/css/site.css")).unwrap();
    let again = run(&dest, &[]);
    assert_eq!(again.status.code(), Some(1));
    let err = stderr(&again);
    assert!(
        err.contains("digital-id.md: error: already exists"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(read(&page), "edited by a person\n");
    assert!(
        !dest.join("static/css/site.css").exists(),
        "written despite the refusal"
    );
    let forced = run(&dest, &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(read(&page).starts_with("---\ntitle: Цифрлық құжаттар\n"));
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_link_that_leaves_dest() {
    let base = scratch("import-link");
    let outside = base.join("outside");
    let dest = base.join("site");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&dest).unwrap();
    std::os::unix::fs::symlink(&outside, dest.join("content")).unwrap();
    for force in [&[][..], &["--force"][..]] {
        let out = run(&dest, force);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("leads outside the destination folder"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        assert!(!dest.join("static").exists());
    }
}

#[test]
fn front_matter_that_does_not_parse_stops_the_import_with_its_line() {
    let src = scratch("import-bad");
    std::fs::create_dir_all(src.join("content")).unwrap();
    std::fs::write(
        src.join("content/a.md"),
        "+++\ntitle = \"A\"\ndate = soon\n+++\nText\n",
    )
    .unwrap();
    let dest = src.join("out");
    let out = dala(&[
        "import",
        "hugo",
        src.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("a.md:3: error: TOML front matter"), "{err}");
    assert!(!dest.join("content").exists());
}

#[test]
fn content_folders_named_like_languages_are_pointed_out() {
    let src = scratch("import-langs");
    for (file, text) in [
        ("content/ru/news/x.md", "---\ntitle: Новость\n---\n"),
        ("content/kk/news/x.md", "---\ntitle: Жаңалық\n---\n"),
        ("content/news/_index.md", "---\ntitle: News\n---\n"),
    ] {
        let path = src.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let dest = src.join("out");
    let out = dala(&[
        "import",
        "hugo",
        src.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    for lang in ["kk", "ru"] {
        let line = format!(
            "{}: warning: a folder named like the language `{lang}`",
            src.join("content").join(lang).display()
        );
        assert!(text.contains(&line), "missing: {line}\n{text}");
    }
    assert!(!text.contains("language `news`"), "{text}");
}
