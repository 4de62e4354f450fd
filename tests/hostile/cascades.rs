//! One cause, one report: errors that follow from another are not piled on top of it.

use super::*;

fn errors_and_warnings(o: &Output) -> (Vec<String>, Vec<String>) {
    let err = stderr(o);
    let errors = err
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(String::from)
        .collect();
    let warnings = err
        .lines()
        .filter(|l| l.contains(": warning: "))
        .map(String::from)
        .collect();
    (errors, warnings)
}

#[test]
fn a_page_with_bad_front_matter_is_not_also_reported_by_every_link_to_it() {
    let (site, out) = built_site("cascade-links");
    write(
        &site,
        "content/articles/open-data.md",
        "---\ntitle: Open data\ncolour: blue\n---\nText.\n",
    );
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "open-data.md", Some(3));
    let (errors, _) = errors_and_warnings(&o);
    assert_eq!(errors.len(), 1, "only the cause:\n{}", stderr(&o));
}

#[test]
fn a_missing_theme_is_one_error_not_one_per_page() {
    let (site, out) = built_site("cascade-theme");
    let config = read(&site.join("site.yaml")).replace("theme: plain", "theme: nosuch");
    write(&site, "site.yaml", &config);
    let o = build(&site, &out, &[]);
    let (errors, _) = errors_and_warnings(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(errors.len(), 1, "only the cause:\n{}", stderr(&o));
    assert!(errors[0].contains("site.yaml") && errors[0].contains("nosuch"));
}

#[test]
fn a_broken_strings_file_is_not_followed_by_its_fallback_warnings() {
    let (site, out) = built_site("cascade-i18n");
    write(&site, "i18n/ru.yaml", "home: [unclosed\n");
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "ru.yaml", None);
    let (errors, warnings) = errors_and_warnings(&o);
    assert_eq!(errors.len(), 1, "only the cause:\n{}", stderr(&o));
    assert!(
        warnings.iter().all(|w| !w.contains("ru.yaml")),
        "no fallback warnings for the broken file:\n{}",
        stderr(&o)
    );
}
