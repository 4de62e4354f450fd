//! Messages in English, Russian and Kazakh (issue 13): the catalogues agree with each
//! other, they know every message the fixture sites and the planted mistakes give, and the
//! commands print them in the language chosen by `--messages`, `DALA_MESSAGES` or the
//! locale, while `--format json` stays English.

mod common;
use common::*;
use dala::cldr::LanguageData;
use dala::messages::{self, Lang, Translation};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn catalogue(lang: Lang) -> messages::Written {
    messages::parse(messages::source(lang).unwrap())
        .unwrap_or_else(|e| panic!("src/messages/{}.yaml: {e}", lang.code()))
}

/// (a) Every pattern is in both catalogues, each translation has the placeholders of its
/// English, and plural forms are the ones the language needs.
#[test]
fn the_catalogues_have_the_same_patterns_and_placeholders() {
    let mut patterns: BTreeMap<Lang, BTreeSet<String>> = BTreeMap::new();
    for lang in [Lang::Ru, Lang::Kk] {
        let written = catalogue(lang);
        let needs: BTreeSet<_> = LanguageData::new(lang.code(), None)
            .categories()
            .into_iter()
            .collect();
        for severity in ["error", "warning", "note"] {
            assert!(
                written.severities.contains_key(severity),
                "{}: no word for `{severity}`",
                lang.code()
            );
        }
        let mut problems = Vec::new();
        for (english, translation) in &written.messages {
            let wanted: BTreeSet<String> = messages::placeholders(english).into_iter().collect();
            if let Err(e) = messages::compile(english, None) {
                problems.push(format!("{english}: {e}"));
            }
            for text in translation.texts() {
                let got: BTreeSet<String> = messages::placeholders(text).into_iter().collect();
                if got != wanted {
                    problems.push(format!(
                        "{english}\n    {text}\n    placeholders {got:?}, expected {wanted:?}"
                    ));
                }
            }
            if let Translation::Plural { count, forms } = translation {
                let has: BTreeSet<_> = forms.keys().copied().collect();
                if has != needs {
                    problems.push(format!("{english}: plural forms {has:?}, {needs:?} needed"));
                }
                if !wanted.contains(count) {
                    problems.push(format!("{english}: counts `{count}`, not a placeholder"));
                }
            }
            assert!(
                patterns.entry(lang).or_default().insert(english.clone()),
                "{}: `{english}` twice",
                lang.code()
            );
        }
        assert!(
            problems.is_empty(),
            "src/messages/{}.yaml:\n{}",
            lang.code(),
            problems.join("\n")
        );
    }
    let (ru, kk) = (&patterns[&Lang::Ru], &patterns[&Lang::Kk]);
    assert!(
        ru == kk,
        "only in ru.yaml: {:#?}\nonly in kk.yaml: {:#?}",
        ru.difference(kk).collect::<Vec<_>>(),
        kk.difference(ru).collect::<Vec<_>>()
    );
}

/// A fixture site copied to a scratch folder, with the repository's themes where it has
/// none of its own.
fn fixture_copy(name: &str) -> std::path::PathBuf {
    let site = site_copy(name);
    if !site.join("themes").exists() {
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes"),
            &site.join("themes"),
        );
    }
    site
}

/// Sites with the mistakes planted by tests/errors.rs, tests/hints.rs and tests/check.rs,
/// and more: each as its files.
fn planted() -> Vec<SiteTest> {
    let page = |fm: &str| format!("---\n{fm}---\nText.\n");
    let mut cp1251: Vec<u8> = b"---\ntitle: ".to_vec();
    cp1251.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2\n---\n");
    let front_matter = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\ntaxonomies: [countries, sdgs]\n",
        )
        .file("content/a.md", &page("title: A\ncolour: blue\n"))
        .file("content/b.md", &page("title: B\nweight: heavy\n"))
        .file("content/c.md", &page("summary: no title\n"))
        .file("content/d.md", &page("title: D\ndate: 27.11.2026\n"))
        .file("content/e.md", &page("title: E\ndate: 2026-02-30\n"))
        .file("content/f.md", &page("title: F\ndate: 03/04/2026\n"))
        .file("content/g.md", &page("title: G\ndate: soon\n"))
        .file("content/h.md", "---\ntitle: H\ntags:\n  - a\n\t- b\n---\n")
        .file("content/i.md", &page("title: Подпись: как получить\n"))
        .file("content/j.md", &page("title: J\nlastmod: 2026-01-01\n"))
        .file("content/k.md", &page("title: K\nsumary: x\n"))
        .file("content/l.md", &page("title: L\nurl: /x/\n"))
        .file("content/m.md", &page("title: M\nsort_by: date\n"))
        .file("content/n.md", "No front matter.\n")
        .file("content/o.md", "---\ntitle: O\n")
        .file("content/p.fr.md", &page("title: P\n"))
        .file("content/q.kz.md", &page("title: Q\n"))
        .file("content/r.md", &page("title: ''\n"))
        .file("content/s.md", &page("title: S\nslug: a/b\n"))
        .file("content/t.md", &page("title: T\nextra: 5\n"))
        .file("content/u.md", &page("title: U\ncountries: [xx]\nsdgs: [18]\n"))
        .file("content/v.md", &page("title: V\noriginal: fr\n"))
        .file("content/w.md", &page("title: W\ncategories: [a]\n"))
        .file("content/x.md", &page("title: X\nauthor: me\n"))
        .file("content/y.md", &page("title: Y\nexpiryDate: 2027-01-01\n"))
        .file("content/z.md", &page("title: Z\ntitel: Z\n"))
        .file("content/sec/_index.md", &page("title: Sec\nsort_by: size\npaginate_by: 0\n"))
        .file("content/zz.md", &page("title: [a, b]\n"))
        .file("content/index.md", &page("title: I\n"))
        .file("content/al.md", &page("title: Al\naliases: [\"/\", \"/a//b/\"]\n"))
        .file("content/un.md", "---\ntitle: Un\n---\n[x](javascript:alert(1))\n");
    let markdown = SiteTest::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\nSee [x](gone.md), [y](@/nowhere.md) and [z](../../out.md).\n\n![](map.png)\n\n## Head {onclick=x}\n\n```klingon\nx\n```\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\n---\n{{ figure(alt=“Map”) }}\n\n{{ video(id=abc) }}\n\n{{ nope() }}\n\n{{ figure(src=\"a.png\" alt=\"x\") }}\n\n{{ note(a=1, a=2) }}\n\n{% note() %}\nnever closed\n",
        )
        .file("content/c.md", "---\ntitle: C\n---\n```klingon\ny\n```\n[broken](/en/nothing/)\n")
        .file("templates/shortcodes/note.html", "<aside>{{ body }}</aside>")
        .file("templates/shortcodes/figure.html", "<figure>{{ alt }}</figure>")
        .file("templates/shortcodes/video.html", "<div>{{ id }}</div>");
    let templates = SiteTest::new()
        .file("content/a.md", &page("title: A\ntemplate: broken.html\n"))
        .file("content/b.md", &page("title: B\ntemplate: broken.html\n"))
        .file("content/c.md", &page("title: C\ntemplate: filter.html\n"))
        .file("content/d.md", &page("title: D\ntemplate: missing.html\n"))
        .file("templates/broken.html", "<p>{{ nope.x }}</p>\n")
        .file(
            "templates/filter.html",
            "<p>{{ page.title | nofilter }}</p>\n",
        )
        .file("templates/section.html", "{{ t(key=\"none\") }}\n");
    let config = SiteTest::new().file(
        "site.yaml",
        "base_url: https://test.example.org\ndefault_language: fr\ncolour: blue\nlanguages:\n  en: { name: English, title: Test }\n  kk_KZ: { name: Қазақша, title: Т }\n",
    );
    let no_languages = SiteTest::new().file("site.yaml", "base_url: https://test.example.org\n");
    let derive = SiteTest::new().file(
        "site.yaml",
        "base_url: ftp://test.example.org\ndefault_language: en\nmarkdown: { colour: 1 }\nlanguages:\n  en: { name: English, title: Test, colour: 1 }\n  uz-Cyrl: { name: U, title: U, derive_from: en }\n  ru: { name: R, title: R, fallback: fr }\n",
    );
    let strings = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n",
        )
        .file("i18n/en.yaml", "home: Home\nn: { one: \"{count} x\", other: \"{count} xs\", few: \"{count} y\" }\nm: [1]\nk: { one: a, lots: b }\n")
        .file("i18n/ru.yaml", "n: { one: \"{count} x\" }\n")
        .file("templates/page.html", "{{ t(key=\"home\") }}{{ page.content | safe }}");
    // tests/collections.rs: a bad schema, and a value of each type that is wrong.
    let collections_schema = SiteTest::new().file(
        "site.yaml",
        "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\ncollections:\n  solutions:\n    colour: blue\n    fields:\n      a: { type: colour }\n      b: { type: enum }\n      c: { type: list }\n      d: { type: ref, to: projects }\n      e: { type: object, fields: {} }\n      g: { type: string, optional: true }\n      h: { shared: true }\n",
    );
    let collections_values = SiteTest::new()
        .file(
            "site.yaml",
            "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\ncollections:\n  solutions:\n    fields:\n      s: string\n      i: integer\n      n: number\n      b: bool\n      d: date\n      t: datetime\n      u: url\n      u2: url\n      e: { type: enum, values: [a, b] }\n      r: { type: ref, to: solutions }\n      c: country\n      l: language\n      g: sdg\n      p: spdx\n      p2: spdx\n      p3: spdx\n      li: { type: list, of: sdg }\n      o: { type: object, fields: { name: { type: string, required: true } } }\n      w: { type: url, required: true }\n",
        )
        .file(
            "content/solutions/x.md",
            &page("title: X\nextra:\n  s: 1\n  i: x\n  n: x\n  b: x\n  d: x\n  t: x\n  u: 1\n  u2: \"javascript:x\"\n  e: c\n  r: \"a b\"\n  c: KZ\n  l: x_y\n  g: 18\n  p: Apache2\n  p2: Qwertyuiop\n  p3: \"MIT OR\"\n  li: x\n  o: { colour: 1 }\n"),
        );
    // tests/data_files.rs: data files that do not parse, and templates that ask for what
    // is not there.
    let data = SiteTest::new()
        .file("data/a.yaml", "- a: [1\n")
        .file("data/b.json", "{\"a\" 1}\n")
        .file("data/c.csv", "x,y\n1\n")
        .file("data/d.csv", "x,y\n1,\"2\n")
        .file("data/e.csv", "x,x\n1,2\n")
        .file("data/f.yml", "a:\n\t- 1\n")
        .file("data/g.yaml", "---\na: 1\n---\nb: 2\n")
        .file("templates/a.html", "{{ load_data(path=\"a.yaml\") }}")
        .file("templates/b.html", "{{ load_data(path=\"../site.yaml\") }}")
        .file("templates/c.html", "{{ load_data(path=\"x.txt\") }}")
        .file("templates/d.html", "{{ load_data(path=\"none.json\") }}")
        .file("templates/e.html", "{{ load_data() }}")
        .file("content/a.md", &page("title: A\ntemplate: a.html\n"))
        .file("content/b.md", &page("title: B\ntemplate: b.html\n"))
        .file("content/c.md", &page("title: C\ntemplate: c.html\n"))
        .file("content/d.md", &page("title: D\ntemplate: d.html\n"))
        .file("content/e.md", &page("title: E\ntemplate: e.html\n"));
    let mut sites = vec![
        data,
        collections_schema,
        collections_values,
        front_matter,
        markdown,
        templates,
        config,
        no_languages,
        derive,
        strings,
    ];
    sites.push(
        SiteTest::new()
            .without("content/_index.md")
            .file("content/x.md", "\u{FEFF}"),
    );
    let _ = cp1251;
    sites
}

/// Every message of a site: its build's and its check's.
fn messages_of(root: &Path, into: &mut BTreeSet<String>) {
    for d in dala::check::check(root, false) {
        into.insert(d.message);
    }
}

/// (b) Every message the fixture sites and the planted mistakes give is known to both
/// catalogues; the test lists those that are not.
#[test]
fn every_message_of_the_fixtures_and_planted_mistakes_is_translated() {
    let mut found = BTreeSet::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !fixtures.join(&name).join("site.yaml").exists() {
            continue;
        }
        messages_of(&fixture_copy(&name), &mut found);
    }
    for site in planted() {
        let built = site.build();
        found.extend(built.diagnostics().iter().map(|d| d.message.clone()));
        messages_of(&built.root, &mut found);
    }
    // Files in encodings other than UTF-8.
    for bytes in [
        &b"---\ntitle: \xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0\n---\n"[..],
        b"\xff\xfet\x00i\x00",
        b"---\ntitle: Caf\xe9 cr\xe8me\n---\n",
        b"---\ntitle: \x81\n---\n",
    ] {
        let root = SiteTest::new().write();
        std::fs::write(root.join("content/x.md"), bytes).unwrap();
        messages_of(&root, &mut found);
    }
    if std::env::var_os("DALA_LIST_MESSAGES").is_some() {
        for m in &found {
            println!(
                "{m}\n  ru: {}\n  kk: {}",
                messages::translate(Lang::Ru, m),
                messages::translate(Lang::Kk, m)
            );
        }
    }
    assert!(found.len() > 40, "too few messages found: {found:#?}");
    let unknown: Vec<String> = found
        .iter()
        .filter(|m| !messages::is_known(Lang::Ru, m) || !messages::is_known(Lang::Kk, m))
        .cloned()
        .collect();
    assert!(
        unknown.is_empty(),
        "{} of {} messages match no pattern of src/messages/*.yaml:\n{}",
        unknown.len(),
        found.len(),
        unknown.join("\n")
    );
}

/// `dala` with `args`, in an environment whose only language settings are `env`.
fn dala_in(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_dala"));
    for name in ["DALA_MESSAGES", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap()
}

/// The multilingual fixture with a misspelt key in a new article.
fn misspelt_site() -> std::path::PathBuf {
    let site = fixture_copy("multilingual");
    std::fs::write(
        site.join("content/articles/x.md"),
        "---\ntitle: X\ntitel: X\n---\nText.\n",
    )
    .unwrap();
    site
}

/// A run of the build: its environment, its flags, the first line of its error and its
/// last line.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], &'a str, &'a str);

/// (c) `dala build` says the same mistake in the language chosen, and the check's JSON
/// stays English.
#[test]
fn build_prints_its_messages_in_the_language_chosen() {
    let site = misspelt_site();
    let root = site.to_str().unwrap();
    let out = site.parent().unwrap().join("public");
    let out = out.to_str().unwrap();
    let build = ["build", "--root", root, "--output", out];
    let excerpt = "\n  titel: X\n  ^^^^^^^^\n";
    let cases: [Case; 6] = [
        (
            &[],
            &["--messages", "ru"],
            "content/articles/x.md:3:1: ошибка: неизвестный ключ метаданных `titel`: может быть, имелось в виду `title`?",
            "сборка не удалась: 1 ошибка; папка с результатом осталась прежней",
        ),
        (
            &[("DALA_MESSAGES", "kk")],
            &[],
            "content/articles/x.md:3:1: қате: беттің метадеректерінде белгісіз `titel` кілті: `title` демек болдыңыз ба?",
            "жинау сәтсіз аяқталды: 1 қате; нәтиже қалтасы бұрынғы күйінде қалды",
        ),
        (
            &[("LANG", "ru_RU.UTF-8")],
            &[],
            "content/articles/x.md:3:1: ошибка: неизвестный ключ метаданных `titel`: может быть, имелось в виду `title`?",
            "сборка не удалась: 1 ошибка; папка с результатом осталась прежней",
        ),
        (
            &[("LANG", "kk_KZ.UTF-8"), ("LC_ALL", "C")],
            &[],
            "content/articles/x.md:3:1: error: unknown front matter key `titel`: did you mean `title`?",
            "build failed with 1 error; the output folder was left as it was",
        ),
        (
            &[("DALA_MESSAGES", "kk"), ("LANG", "ru_RU.UTF-8")],
            &["--messages", "en"],
            "content/articles/x.md:3:1: error: unknown front matter key `titel`: did you mean `title`?",
            "build failed with 1 error; the output folder was left as it was",
        ),
        (
            &[("LC_MESSAGES", "kk_KZ.UTF-8"), ("LANG", "ru_RU.UTF-8")],
            &[],
            "content/articles/x.md:3:1: қате: беттің метадеректерінде белгісіз `titel` кілті: `title` демек болдыңыз ба?",
            "жинау сәтсіз аяқталды: 1 қате; нәтиже қалтасы бұрынғы күйінде қалды",
        ),
    ];
    for (env, flags, first, last) in cases {
        let args: Vec<&str> = build.iter().chain(flags).copied().collect();
        let o = dala_in(env, &args);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        let at = err
            .find("content/articles/x.md")
            .unwrap_or_else(|| panic!("{env:?} {flags:?}:\n{err}"));
        assert!(
            err[at..].starts_with(&format!("{first}{excerpt}")),
            "{env:?} {flags:?}:\n{err}"
        );
        assert_eq!(err.lines().last(), Some(last), "{env:?} {flags:?}:\n{err}");
    }

    // The check: its text in Russian, its JSON in English whatever the language.
    let check = ["check", "--root", root];
    let o = dala_in(&[("LANG", "ru_RU.UTF-8")], &check);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains(
            ": ошибка: неизвестный ключ метаданных `titel`: может быть, имелось в виду `title`?\n"
        ),
        "{text}"
    );
    let summary = text.lines().last().unwrap();
    assert!(summary.starts_with("проверка: 1 ошибка"), "{text}");
    for env in [&[("LANG", "ru_RU.UTF-8")][..], &[("DALA_MESSAGES", "kk")]] {
        for flags in [&[][..], &["--messages", "kk"]] {
            let args: Vec<&str> = check
                .iter()
                .chain(flags)
                .chain(&["--format", "json"])
                .copied()
                .collect();
            let o = dala_in(env, &args);
            let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let messages: Vec<&str> = json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["message"].as_str().unwrap())
                .collect();
            assert!(
                messages.contains(&"unknown front matter key `titel`: did you mean `title`?"),
                "{messages:?}"
            );
            assert!(!String::from_utf8_lossy(&o.stdout).contains("ошибка"));
        }
    }

    // A good build's summary.
    std::fs::remove_file(site.join("content/articles/x.md")).unwrap();
    let o = dala_in(&[], &[&build[..], &["--messages", "kk"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.starts_with(&format!("сайт {out} қалтасына "))
            && summary.contains(" с ішінде жиналды: беттер en "),
        "{summary}"
    );
}

/// A bad `--messages` is bad usage.
#[test]
fn an_unknown_messages_language_is_bad_usage() {
    let o = dala_in(&[], &["build", "--messages", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected en, ru or kk"),
        "{}",
        stderr(&o)
    );
}

/// `dala serve --messages kk` on a broken site: the terminal and the overlay's event speak
/// Kazakh.
#[test]
fn serve_shows_its_errors_in_the_language_chosen() {
    use std::io::{BufRead, BufReader, Write};
    let site = misspelt_site();
    let out = site.parent().unwrap().join("served");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dala"))
        .env("DALA_MESSAGES", "ru")
        .args(["serve", "--port", "0", "--messages", "kk", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(&out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let _child = Kill(child);
    // "сайт http://127.0.0.1:PORT/ мекенжайында ашық, ..."
    let line = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.starts_with("сайт http://"))
        .expect("the address, in Kazakh");
    assert!(line.contains(" мекенжайында ашық, файлдар "), "{line}");
    let address = line["сайт http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(stream, "GET /__dala/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let data = loop {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the stream ended");
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            break data.to_string();
        }
    };
    let event: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(
        event["heading"],
        "dala: соңғы түзетуден кейін сайт жиналмайды; мұнда беттің бұрынғы нұсқасы."
    );
    let firsts: Vec<&str> = event["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e.as_str()?.lines().next())
        .collect();
    assert!(
        firsts.contains(
            &"content/articles/x.md:3:1: қате: беттің метадеректерінде белгісіз `titel` кілті: `title` демек болдыңыз ба?"
        ),
        "{firsts:#?}"
    );
}

/// `dala new` says what it wrote, and why it refuses, in the language chosen.
#[test]
fn new_speaks_the_language_chosen() {
    let site = fixture_copy("multilingual");
    let root = site.to_str().unwrap();
    let o = dala_in(
        &[("LANG", "kk_KZ.UTF-8")],
        &["new", "article", "articles/jana-qyzmet", "--root", root],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let wrote = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        wrote
            .trim_end()
            .ends_with("articles/jana-qyzmet.md файлы жазылды"),
        "{wrote}"
    );
    let o = dala_in(
        &[],
        &[
            "--messages",
            "ru",
            "new",
            "article",
            "nowhere/x",
            "--root",
            root,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(": ошибка: `nowhere/` — не раздел (ни в этой папке, ни выше нет `_index.md`), поэтому страницу не покажет ни один список и ни одно меню: сначала сделайте раздел командой `dala new section nowhere`"),
        "{err}"
    );
}

/// `dala init` says what it made, and why it refuses, in the language chosen; so do the
/// output folder's rare failures, whose messages start with a path.
#[test]
fn init_and_the_output_folder_speak_the_language_chosen() {
    let dir = scratch("init-kk").join("site");
    let dir_text = dir.to_str().unwrap();
    let o = dala_in(
        &[("DALA_MESSAGES", "kk")],
        &["init", dir_text, "--languages", "kk,ru"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim_end(),
        format!("{dir_text} ішінде сайт жасалды (40 файл), тілдері: kk, ru (әдепкі тіл: kk); оны dala build --root {dir_text} пәрменімен жинаңыз")
    );
    let o = dala_in(&[], &["--messages", "ru", "init", dir_text]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "ошибка: {dir_text}: папка не пуста; dala init создаёт сайт в новой или пустой папке"
        )
    );
    let o = dala_in(
        &[],
        &["--messages", "ru", "init", "x", "--languages", "kk,ru,kk"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "ошибка: --languages kk,ru,kk: `kk` указан дважды"
    );
    assert_eq!(
        messages::translate(
            Lang::Kk,
            "cannot write: public/en: a symbolic link inside the output: nothing is written through it"
        ),
        "жазу мүмкін емес: public/en: нәтиже қалтасының ішіндегі символдық сілтеме: ол арқылы ештеңе жазылмайды"
    );
}
