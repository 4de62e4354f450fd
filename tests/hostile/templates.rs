//! Hostile cases: templates (see main.rs). Templates that would render without end (cycles
//! of include, extends and import; macros and shortcodes that recurse without end) must
//! give an error at a file and line, exit 1 and leave the previous output as it was; they
//! must never overflow the stack (exit 134, no file, and under `dala serve` a dead server).

use super::*;

/// The theme's `page.html` of the fixture with `extra` added at the end of its main block.
fn page_with(extra: &str) -> String {
    let page = read(&fixture("multilingual").join("themes/plain/templates/page.html"));
    page.replace(
        "{% endblock main %}",
        &format!("{extra}\n{{% endblock main %}}"),
    )
}

/// Builds the changed site over its previous output, expecting a failure at `file:line`,
/// no sign of a stack overflow, and the previous output untouched.
fn fails_at(site: &Path, out: &Path, file: &str, line: Option<usize>) -> String {
    let before = snapshot(out);
    let parent = out.parent().unwrap();
    let around = listing(parent, &[out, site]);
    let result = build(site, out, &[]);
    let err = stderr(&result);
    assert_ne!(result.status.code(), Some(134), "aborted:\n{err}");
    assert!(!err.contains("overflow"), "a stack overflow:\n{err}");
    assert_error_at(&result, file, line);
    assert!(
        snapshot(out) == before,
        "the previous output changed:\n{err}"
    );
    assert!(
        listing(parent, &[out, site]) == around,
        "something was written beside the output"
    );
    err
}

#[test]
fn include_cycle_is_an_error_at_the_include_that_closes_it() {
    let (site, out) = built_site("tpl-include-cycle");
    write(
        &site,
        "templates/a.html",
        "<p>a</p>\n{% include \"b.html\" %}\n",
    );
    write(
        &site,
        "templates/b.html",
        "<p>b</p>\n\n{%- include [\"missing.html\", \"a.html\"] ignore missing %}\n",
    );
    write(
        &site,
        "templates/page.html",
        &page_with("{% include \"a.html\" %}"),
    );
    let err = fails_at(&site, &out, "templates/b.html", Some(3));
    assert!(err.contains("a.html -> b.html -> a.html"), "{err}");
}

#[test]
fn self_including_template_is_an_error() {
    let (site, out) = built_site("tpl-self-include");
    write(
        &site,
        "templates/partial.html",
        "<p>x</p>\n{% include \"partial.html\" %}\n",
    );
    write(
        &site,
        "templates/page.html",
        &page_with("{% include \"partial.html\" %}"),
    );
    let err = fails_at(&site, &out, "templates/partial.html", Some(2));
    assert!(err.contains("partial.html -> partial.html"), "{err}");
}

#[test]
fn extends_cycle_is_an_error_at_a_template_of_the_site() {
    let (site, out) = built_site("tpl-extends-cycle");
    // page.html extends base.html, which now extends page.html.
    write(
        &site,
        "templates/base.html",
        "{% extends \"page.html\" %}\n",
    );
    let err = fails_at(&site, &out, "themes/plain/templates/page.html", Some(1));
    assert!(err.contains("base.html -> page.html -> base.html"), "{err}");
}

#[test]
fn import_cycle_is_an_error() {
    let (site, out) = built_site("tpl-import-cycle");
    write(
        &site,
        "templates/macros.html",
        "{% import \"more.html\" as more %}\n{% macro a() %}a{% endmacro a %}\n",
    );
    write(
        &site,
        "templates/more.html",
        "\n{% import \"macros.html\" as m %}\n{% macro b() %}b{% endmacro b %}\n",
    );
    let page = page_with("{{ m::a() }}").replacen(
        "{% extends \"base.html\" %}",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}",
        1,
    );
    write(&site, "templates/page.html", &page);
    let err = fails_at(&site, &out, "templates/more.html", Some(2));
    assert!(
        err.contains("macros.html -> more.html -> macros.html"),
        "{err}"
    );
}

/// A page template that imports `templates/macros.html` as `m` and calls `call`.
fn page_calling(site: &Path, macros: &str, call: &str) {
    write(site, "templates/macros.html", macros);
    let page = page_with(call).replacen(
        "{% extends \"base.html\" %}",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}",
        1,
    );
    write(site, "templates/page.html", &page);
}

#[test]
fn macro_calling_itself_with_the_same_arguments_is_an_error_before_rendering() {
    let (site, out) = built_site("tpl-macro-same");
    page_calling(
        &site,
        "{# a list #}\n{% macro list(items) -%}\n<ul>{{ self::list(items=items) }}</ul>\n{%- endmacro list %}\n",
        "{{ m::list(items=page.toc) }}",
    );
    let err = fails_at(&site, &out, "templates/macros.html", Some(3));
    assert!(err.contains("macro `list`"), "{err}");
}

#[test]
fn macro_recursing_without_end_stops_with_an_error_at_the_macro() {
    let (site, out) = built_site("tpl-macro-endless");
    // The argument changes, so no static check can tell: the stack guard must.
    page_calling(
        &site,
        "\n{% macro count(n) %}{{ n }} {{ self::count(n=n + 1) }}{% endmacro count %}\n",
        "{{ m::count(n=0) }}",
    );
    let err = fails_at(&site, &out, "templates/macros.html", Some(2));
    assert!(
        err.contains("macro `count`") && err.contains("too deep"),
        "{err}"
    );
}

#[test]
fn deep_recursion_over_data_still_builds() {
    let (site, out) = built_site("tpl-macro-deep");
    // The hub's own macros, whose toc_items recurses over the table of contents, and a
    // macro that recurses 2,000 levels and stops.
    let hub = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/hub/templates/macros.html"));
    page_calling(
        &site,
        &format!("{hub}\n{{% macro down(n) %}}{{% if n > 0 %}}{{{{ self::down(n=n - 1) }}}}{{% else %}}<b id=\"bottom\"></b>{{% endif %}}{{% endmacro down %}}\n"),
        "<nav id=\"deep\">{{ m::toc_items(entries=page.toc) }}</nav>{{ m::down(n=2000) }}",
    );
    write(
        &site,
        "content/articles/deep.md",
        "---\ntitle: Deep\n---\n# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n\nText.\n",
    );
    let result = build(&site, &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let doc = html(&out.join("en/articles/deep/index.html"));
    assert_eq!(select(&doc, "#deep ol ol ol ol ol ol li a").len(), 1);
    assert_eq!(select(&doc, "#bottom").len(), 1);
}

#[test]
fn shortcode_including_itself_is_an_error() {
    let (site, out) = built_site("tpl-shortcode-include");
    write(
        &site,
        "templates/shortcodes/echo.html",
        "<span>{{ text }}</span>{% include \"shortcodes/echo.html\" %}\n",
    );
    write(
        &site,
        "content/articles/echo.md",
        "---\ntitle: Echo\n---\nText {{ echo(text=\"again\") }}.\n",
    );
    let err = fails_at(&site, &out, "templates/shortcodes/echo.html", Some(1));
    assert!(
        err.contains("shortcodes/echo.html -> shortcodes/echo.html"),
        "{err}"
    );
}

#[test]
fn shortcode_recursing_without_end_is_an_error_at_the_markdown_call() {
    let (site, out) = built_site("tpl-shortcode-endless");
    // A shortcode's output is never read for calls again, and bodies do not nest: a
    // shortcode recurses only through its template, here a macro without an end.
    write(
        &site,
        "templates/shortcodes/nest.html",
        "{% macro nest(n) %}<div>{{ self::nest(n=n + 1) }}</div>{% endmacro nest %}\n{{ body | safe }}{{ self::nest(n=1) }}\n",
    );
    write(
        &site,
        "content/articles/nest.md",
        "---\ntitle: Nest\n---\nIntro.\n\n{% nest() %}\nInside.\n{% end %}\n",
    );
    let err = fails_at(&site, &out, "content/articles/nest.md", Some(6));
    assert!(
        err.contains("macro `nest`") && err.contains("shortcodes/nest.html:1"),
        "{err}"
    );
}

// Item 15: render errors at the right place, once.

/// The lines of stderr that are errors and contain `needle`.
fn error_lines<'a>(err: &'a str, needle: &str) -> Vec<&'a str> {
    err.lines()
        .filter(|l| l.contains(": error: ") && l.contains(needle))
        .collect()
}

#[test]
fn unknown_filter_is_one_error_at_its_line() {
    let (site, out) = built_site("tpl-unknown-filter");
    let base = read(&site.join("themes/plain/templates/base.html"));
    let base = base.replace(
        "<main>",
        "<p class=\"motto\">{{ site.title | shout }}</p>\n<main>",
    );
    let line = base.lines().position(|l| l.contains("shout")).unwrap() + 1;
    write(&site, "templates/base.html", &base);
    let err = fails_at(&site, &out, "templates/base.html", Some(line));
    // Every page, section and the 404 fail the same way: said once, with the count.
    let lines = error_lines(&err, "shout");
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("other pages"), "{err}");
    assert!(lines[0].contains("base.html"), "{err}");
}

#[test]
fn missing_interface_string_is_one_line_at_the_template_that_asks() {
    let site = site_copy("derived");
    copy_dir(
        &fixture("multilingual").join("themes"),
        &site.join("themes"),
    );
    let out = site.parent().unwrap().join("public");
    let first = build(&site, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // base.html asks for a key no i18n file has; page.html extends base.html, and so does
    // 404.html, which must not be blamed.
    let base = read(&site.join("themes/plain/templates/base.html"));
    let base = base.replace("<main>", "<p>{{ t(key=\"motto\") }}</p>\n<main>");
    let line = base.lines().position(|l| l.contains("motto")).unwrap() + 1;
    write(&site, "templates/base.html", &base);
    let err = fails_at(&site, &out, "templates/base.html", Some(line));
    let lines = error_lines(&err, "motto");
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("i18n/kk.yaml"), "{err}");
    // kk-Latn is made from kk: it has no file of its own to fix.
    assert!(!lines[0].contains("kk-Latn.yaml"), "{err}");
    assert!(!err.contains("404.html:"), "{err}");
}

#[test]
fn missing_string_in_a_page_template_is_not_blamed_on_another() {
    let (site, out) = built_site("tpl-missing-string");
    // The key is asked for in page.html only; 404.html also has text that looks alike.
    write(
        &site,
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}<p>motto: none</p>{% endblock main %}\n",
    );
    let page = page_with("<p>{{ t(key=\"motto\") }}</p>");
    let line = page.lines().position(|l| l.contains("t(key")).unwrap() + 1;
    write(&site, "templates/page.html", &page);
    let err = fails_at(&site, &out, "templates/page.html", Some(line));
    let lines = error_lines(&err, "motto");
    assert_eq!(lines.len(), 1, "{err}");
    for lang in ["en", "kk", "ru"] {
        assert!(lines[0].contains(&format!("i18n/{lang}.yaml")), "{err}");
    }
}

#[test]
fn missing_parent_is_reported_at_the_extends_line() {
    let (site, out) = built_site("tpl-missing-parent");
    write(
        &site,
        "templates/page.html",
        "{# a page #}\n{% extends \"layout.html\" %}\n",
    );
    let err = fails_at(&site, &out, "templates/page.html", Some(2));
    assert!(err.contains("layout.html"), "{err}");
}
