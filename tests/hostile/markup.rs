//! Markup that tries to run script with raw HTML off: heading attributes, link schemes,
//! shortcode URL arguments, and JSON that tries to end its script element.

use super::*;

/// The fixture with one more article whose body is `body` (front matter on lines 1-3, the
/// body from line 4).
fn with_article(tag: &str, body: &str) -> (PathBuf, PathBuf, Output) {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join(format!("public-{tag}"));
    write(
        &site,
        "content/articles/hostile.md",
        &format!("---\ntitle: Hostile\n---\n{body}"),
    );
    let o = build(&site, &out, &[]);
    (site, out, o)
}

fn allow_raw_html(site: &Path) {
    let config = read(&site.join("site.yaml")) + "markdown: { unsafe_html: true }\n";
    write(site, "site.yaml", &config);
}

#[test]
fn heading_attributes_publish_only_id_and_class() {
    let body = "## Title {#h onfocus=alert(1) autofocus tabindex=0}\n\n## Другой {.wide #d}\n";
    let (_, out, o) = with_article("heading-attrs", body);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.contains("hostile.md:4:") && l.contains("warning") && l.contains("onfocus")),
        "a warning names the dropped attributes:\n{err}"
    );
    let doc = html(&out.join("en/articles/hostile/index.html"));
    let h = select(&doc, "h2#h");
    assert_eq!(h.len(), 1, "the id is kept");
    for attribute in ["onfocus", "autofocus", "tabindex"] {
        assert!(
            h[0].value().attr(attribute).is_none(),
            "{attribute} published"
        );
    }
    let d = select(&doc, "h2#d.wide");
    assert_eq!(d.len(), 1, "#id and .class keep working");
}

#[test]
fn heading_attributes_stay_when_raw_html_is_allowed() {
    let site = site_copy("multilingual");
    allow_raw_html(&site);
    write(
        &site,
        "content/articles/hostile.md",
        "---\ntitle: Hostile\n---\n## Title {#h data-x=1}\n",
    );
    let out = site.parent().unwrap().join("public-raw");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/hostile/index.html"));
    assert_eq!(select(&doc, "h2#h[data-x='1']").len(), 1);
}

#[test]
fn braces_that_are_not_an_attribute_list_stay_text() {
    let body = "## Title {/*id*/}\n\n## Бюджет {2026}\n";
    let (_, out, o) = with_article("heading-text", body);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/hostile/index.html"));
    let h2: Vec<_> = select(&doc, ".content h2");
    assert_eq!(h2.len(), 2);
    let text: String = h2[0].text().collect();
    assert_eq!(text, "Title {/*id*/}");
    for (name, _) in h2[0].value().attrs() {
        assert_eq!(name, "id", "no attribute but the id: {name}");
    }
    assert_eq!(h2[0].value().attr("id"), Some("title-id"));
    let text: String = h2[1].text().collect();
    assert_eq!(text, "Бюджет {2026}");
}

#[test]
fn script_urls_are_refused_in_every_kind_of_link() {
    let body = "\
[a](javascript:alert(1))
![i](JaVaScRiPt:alert(1))
[r][ref]
<javascript:alert(1)>
[e](&#106;avascript:alert(1))
[d](data:text/html;base64,PHNjcmlwdD4=)
[t](java&#x09;script:alert(1))

[ref]: vbscript:msgbox(1)
";
    let (site, out, o) = with_article("schemes", body);
    for line in [4, 5, 6, 7, 8, 9, 10] {
        assert_error_at(&o, "hostile.md", Some(line));
    }
    assert!(!out.exists(), "nothing was published");
    // The same text builds when the site allows raw HTML.
    allow_raw_html(&site);
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn safe_urls_pass() {
    let body = "[m](mailto:hub@example.org) [t](tel:+77172000000) [h](https://example.org) \
                [p](//example.org/x) [r](../x/) [f](#top) [q](?page=2) [c](@/articles/open-data.md)\n";
    let (_, out, o) = with_article("safe-schemes", body);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/hostile/index.html"));
    assert_eq!(select(&doc, ".content a").len(), 8);
}

#[test]
fn shortcode_url_arguments_are_checked() {
    let site = site_copy("shortcodes");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("themes"), &site.join("themes"));
    copy_dir(&root.join("i18n"), &site.join("i18n"));
    write(
        &site,
        "content/hostile.md",
        "---\ntitle: Hostile\n---\n{{ figure(src=\"javascript:alert(1)\", alt=\"x\") }}\n\n{{ country(code=\"kz\", portal=\"  JAVASCRIPT:alert(1)\") }}\n",
    );
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "hostile.md", Some(4));
    assert_error_at(&o, "hostile.md", Some(6));
}

#[test]
fn a_title_cannot_end_the_json_ld_script() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = scratch("json-ld").join("site");
    std::fs::create_dir_all(&site).unwrap();
    for part in ["site.yaml", "content", "themes", "templates", "i18n"] {
        let from = root.join(part);
        if from.is_dir() {
            copy_dir(&from, &site.join(part));
        } else {
            std::fs::copy(&from, site.join(part)).unwrap();
        }
    }
    let title = "<!--<script> & </script><b>x</b>";
    write(
        &site,
        "content/articles/hostile.md",
        &format!(
            // The hub's articles collection asks for a summary, authors and the terms.
            "---\ntitle: '{title}'\ndescription: '</script><script>alert(1)</script>'\ndate: 2026-01-01\nsummary: S\nauthors: [A]\ncountries: [kz]\nsdgs: [16]\nbuilding_blocks: [identity]\n---\nText after the title.\n"
        ),
    );
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/hostile/index.html"));
    let script = select(&doc, "script[type='application/ld+json']");
    assert_eq!(script.len(), 1);
    let data: serde_json::Value =
        serde_json::from_str(&script[0].text().collect::<String>()).unwrap();
    assert_eq!(data["headline"], title);
    let h1: String = select(&doc, "h1")[0].text().collect();
    assert_eq!(h1, title, "the page after the script is intact");
    assert!(select(&doc, "script:not([type])")
        .iter()
        .all(|s| !s.text().collect::<String>().contains("alert")));
}

#[test]
fn themes_get_json_script_and_safe_url() {
    let site = site_copy("multilingual");
    let page = read(&site.join("themes/plain/templates/page.html")).replace(
        "{% block main %}",
        "{% block main %}<script type=\"application/json\" id=\"a\">{{ page.title | json_script }}</script><script type=\"application/json\" id=\"b\">{{ page.title | json_encode | safe }}</script><a id=\"l\" href=\"{{ page.extra.link | default(value='#') | safe_url }}\">l</a>",
    );
    write(&site, "themes/plain/templates/page.html", &page);
    write(
        &site,
        "content/articles/hostile.md",
        "---\ntitle: '</script><script>alert(1)</script>'\nextra: { link: 'https://example.org/' }\n---\nText.\n",
    );
    let out = site.parent().unwrap().join("public");
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = html(&out.join("en/articles/hostile/index.html"));
    for id in ["a", "b"] {
        let s = select(&doc, &format!("script#{id}"));
        let v: String = serde_json::from_str(&s[0].text().collect::<String>()).unwrap();
        assert_eq!(v, "</script><script>alert(1)</script>");
    }
    assert_eq!(
        select(&doc, "a#l")[0].value().attr("href"),
        Some("https://example.org/")
    );
    // A theme that passes a script URL through safe_url fails the build at the page.
    write(
        &site,
        "content/articles/hostile.md",
        "---\ntitle: Hostile\nextra: { link: 'javascript:alert(1)' }\n---\nText.\n",
    );
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "page.html", None);
}
