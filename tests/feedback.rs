//! "Is this page useful?": with `feedback:` in site.yaml, the pages of the sections it names
//! carry a plain form that posts to its endpoint, in the page's language (the hub theme);
//! no endpoint, no form; a bad value is an error at its line of site.yaml.

mod common;
use common::*;
use dala::error::Kind;
use std::path::Path;

const SITE: &str = "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Test }\n  ru: { name: Русский, title: Тест }\n  kk: { name: Қазақша, title: Тест }\ntheme: hub\n";

/// A site with the hub theme: articles in three languages, one in a subsection, and notes.
fn site(feedback: &str) -> SiteTest {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut site = SiteTest::new()
        .without("templates/page.html")
        .without("templates/section.html")
        .file("site.yaml", &format!("{SITE}{feedback}"))
        .file("content/articles/_index.md", "---\ntitle: Articles\n---\n")
        .file("content/articles/a.md", "---\ntitle: A\n---\nText.\n")
        .file("content/articles/a.ru.md", "---\ntitle: А\n---\nТекст.\n")
        .file("content/articles/a.kk.md", "---\ntitle: Ә\n---\nМәтін.\n")
        .file("content/articles/2026/b.md", "---\ntitle: B\n---\nText.\n")
        .file("content/notes/n.md", "---\ntitle: N\n---\nText.\n");
    let theme = root.join("themes/hub");
    for entry in walkdir::WalkDir::new(&theme) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy();
            site = site.file(&rel.replace('\\', "/"), &read(entry.path()));
        }
    }
    site
}

const ENDPOINT: &str = "https://test.example.org/api/feedback";

#[test]
fn the_chosen_pages_carry_the_form_in_their_language() {
    let built = site(&format!(
        "feedback:\n  endpoint: {ENDPOINT}\n  sections: [articles]\n"
    ))
    .build();
    built.assert_ok();
    for (lang, question, yes, thanks) in [
        (
            "en",
            "Is this page useful?",
            "Yes",
            "Thank you for your answer!",
        ),
        ("ru", "Полезна ли эта страница?", "Да", "Спасибо за ответ!"),
        ("kk", "Бұл бет пайдалы ма?", "Иә", "Жауабыңызға рахмет!"),
    ] {
        let doc = built.page(&format!("{lang}/articles/a/"));
        let value = |css: &str, name: &str| attr(&doc, css, name).unwrap_or_default();
        let text = |css: &str| -> String { select(&doc, css)[0].text().collect() };
        let form = "form.feedback-form";
        assert_eq!(value(form, "method"), "post", "{lang}");
        assert_eq!(value(form, "action"), ENDPOINT, "{lang}");
        assert_eq!(text(&format!("{form} legend")), question);
        let permalink = format!("https://test.example.org/{lang}/articles/a/");
        assert_eq!(value("input[name=page]", "value"), permalink);
        assert_eq!(value("input[name=lang]", "value"), lang);
        assert_eq!(
            value("input[name=return_to]", "value"),
            format!("{permalink}#feedback-thanks")
        );
        // Yes or no, one of them required; a labelled comment of at most 2000 characters.
        let answers: Vec<_> = select(&doc, "input[type=radio][name=useful]")
            .iter()
            .map(|i| i.value().attr("value").unwrap().to_string())
            .collect();
        assert_eq!(answers, ["yes", "no"]);
        assert!(select(&doc, "input[name=useful][required]").len() == 1);
        assert_eq!(text("label:has(input[value=yes])").trim(), yes);
        assert_eq!(value("textarea[name=comment]", "maxlength"), "2000");
        let comment_id = value("textarea[name=comment]", "id");
        assert_eq!(select(&doc, &format!("label[for={comment_id}]")).len(), 1);
        // The trap: hidden from people and screen readers, out of the tab order, empty.
        let trap = "[aria-hidden=true] input[name=website]";
        assert_eq!(value(trap, "tabindex"), "-1", "{lang}");
        assert_eq!(value(trap, "autocomplete"), "off");
        assert_eq!(value(trap, "value"), "");
        // What is collected, the thanks of a plain post, the live region of the script's.
        assert!(!text(".feedback-note").is_empty());
        assert_eq!(text("#feedback-thanks"), thanks);
        assert_eq!(select(&doc, ".feedback [role=status]").len(), 1);
        let script = value("script[src*='/feedback.']", "src");
        assert!(script.ends_with(".js"), "{script}");
        assert!(value("script[src*='/feedback.']", "integrity").starts_with("sha384-"));
        assert_eq!(value("script[src*='/feedback.']", "defer"), "");
    }
    // A subsection's page is its section's; another section's page has no form.
    let doc = built.page("en/articles/2026/b/");
    assert_eq!(select(&doc, "form.feedback-form").len(), 1);
    for page in ["en/notes/n/", "en/articles/", "en/"] {
        let doc = built.page(page);
        assert!(select(&doc, "form.feedback-form").is_empty(), "{page}");
        assert!(
            select(&doc, "script[src*='/feedback.']").is_empty(),
            "{page}"
        );
    }
}

#[test]
fn without_sections_every_page_asks_and_without_feedback_none() {
    let built = site(&format!("feedback: {{ endpoint: {ENDPOINT} }}\n")).build();
    built.assert_ok();
    for page in ["en/articles/a/", "kk/articles/a/", "en/notes/n/"] {
        assert_eq!(
            select(&built.page(page), "form.feedback-form").len(),
            1,
            "{page}"
        );
    }
    let built = site("").build();
    built.assert_ok();
    for page in ["en/articles/a/", "kk/articles/a/", "en/notes/n/"] {
        let doc = built.page(page);
        assert!(select(&doc, ".feedback").is_empty(), "{page}");
        assert!(
            select(&doc, "script[src*='/feedback.']").is_empty(),
            "{page}"
        );
    }
}

#[test]
fn a_bad_feedback_value_is_an_error_at_its_line_of_site_yaml() {
    // site.yaml's first 7 lines are SITE; `feedback:` is line 8.
    for (feedback, key, line) in [
        (
            "feedback:\n  endpoint: /feedback\n",
            "`feedback.endpoint`",
            9,
        ),
        (
            "feedback:\n  endpoint: javascript:alert(1)\n",
            "`feedback.endpoint`",
            9,
        ),
        (
            "feedback:\n  sections: [articles]\n  endpoint: https://test.example.org/f#x\n",
            "`feedback.endpoint`",
            10,
        ),
        (
            "feedback:\n  sections: [articles]\n",
            "`feedback.endpoint`",
            8,
        ),
        (
            "feedback:\n  endpoint: https://test.example.org/f\n  sections: [../up]\n",
            "`feedback.sections`",
            10,
        ),
        (
            "feedback:\n  endpoint: https://test.example.org/f\n  colour: red\n",
            "colour",
            10,
        ),
        ("feedback: yes\n", "feedback", 8),
    ] {
        let built = site(feedback).build();
        let errors = built.of(Kind::Config, "site.yaml");
        let error = errors.iter().find(|d| d.message.contains(key));
        let Some(error) = error else {
            panic!(
                "{feedback}: no error naming {key}: {:#?}",
                built.diagnostics()
            );
        };
        assert_eq!(error.line, Some(line), "{feedback}: {error}");
        assert!(built.result.is_err(), "{feedback}");
    }
}

#[test]
fn dala_check_finds_a_section_that_content_does_not_have() {
    let root = site(&format!(
        "feedback:\n  endpoint: {ENDPOINT}\n  sections: [articles, artciles]\n"
    ))
    .write();
    let o = dala(&["check", "--root", root.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    let errors: Vec<&str> = out.lines().filter(|l| l.contains("feedback")).collect();
    assert_eq!(
        errors,
        ["site.yaml:10: error: `feedback.sections`: there is no section content/artciles/"],
        "{out}"
    );
}

#[test]
fn the_docs_show_the_reference_receiver_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let receiver = read(&root.join("docs/feedback-receiver.mjs"));
    let doc = read(&root.join("docs/feedback.md"));
    assert!(
        doc.contains(&format!("```js\n{receiver}```\n")),
        "docs/feedback.md must show docs/feedback-receiver.mjs as it is"
    );
}
