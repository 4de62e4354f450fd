//! Paths chosen by content and configuration: aliases, slugs, file names, the theme and
//! the base URL never name a place outside the output, nor break out of an attribute.

use super::*;

/// Builds the fixture, adds `alias` to an article, builds again: the second build must
/// fail at the alias line, leave the output as it was and write nothing beside it.
fn alias_is_refused(tag: &str, alias: &str) {
    let (site, out) = built_site(tag);
    let article = "content/articles/open-data.md";
    write(
        &site,
        article,
        &format!(
            "---\ntitle: Open data\ndate: 2026-06-15\naliases:\n  - /old/open-data/\n  - \"{alias}\"\n---\nText.\n"
        ),
    );
    let parent = site.parent().unwrap().to_path_buf();
    let before_output = snapshot(&out);
    let before = listing(&parent, &[&out]);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "open-data.md", Some(6));
    assert!(
        snapshot(&out) == before_output,
        "the previous output changed"
    );
    assert!(
        listing(&parent, &[&out]) == before,
        "something was written beside the output"
    );
}

#[test]
fn an_alias_climbing_out_of_the_output_is_refused() {
    alias_is_refused("alias-up", "../site.yaml");
    alias_is_refused("alias-up-up", "../../victim.txt");
    alias_is_refused("alias-inner", "/en/../../x/");
}

#[test]
fn an_alias_with_a_backslash_percent_or_control_character_is_refused() {
    alias_is_refused("alias-backslash", "..\\\\site.yaml");
    alias_is_refused("alias-percent", "/%2e%2e/x/");
    alias_is_refused("alias-nul", "/a\\0b/");
    alias_is_refused("alias-empty-segment", "/a//b/");
    alias_is_refused("alias-dot", "/./a/");
}

#[test]
fn check_refuses_an_alias_that_would_land_at_the_filesystem_root() {
    let site = site_copy("multilingual");
    let name = format!("dala-hostile-{}", std::process::id());
    write(
        &site,
        "content/articles/open-data.md",
        &format!(
            "---\ntitle: Open data\naliases: [\"../../../../../../../../{name}\"]\n---\nText.\n"
        ),
    );
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("open-data.md:3")
            || stderr(&o).contains("open-data.md:3"),
        "check names the alias line:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    assert!(!Path::new("/").join(&name).exists());
}

#[test]
fn a_slug_that_is_not_one_safe_segment_is_refused() {
    for (tag, slug) in [
        ("slug-percent", "a%2fb"),
        ("slug-dots", ".."),
        ("slug-backslash", "a\\\\b"),
        ("slug-control", "a\\u0007b"),
    ] {
        let (site, out) = built_site(tag);
        write(
            &site,
            "content/articles/open-data.md",
            &format!("---\ntitle: Open data\nslug: \"{slug}\"\n---\nText.\n"),
        );
        let before = snapshot(&out);
        let o = build(&site, &out, &[]);
        assert_error_at(&o, "open-data.md", Some(3));
        assert!(
            snapshot(&out) == before,
            "{slug}: the previous output changed"
        );
    }
}

#[test]
fn a_content_file_name_that_cannot_be_a_url_segment_is_refused() {
    let (site, out) = built_site("file-name");
    write(
        &site,
        "content/articles/a\\b.md",
        "---\ntitle: A\n---\nText.\n",
    );
    write(
        &site,
        "content/articles/50%.md",
        "---\ntitle: B\n---\nText.\n",
    );
    let before = snapshot(&out);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "a\\b.md", None);
    assert_error_at(&o, "50%.md", None);
    assert!(snapshot(&out) == before);
}

#[test]
fn a_theme_name_that_climbs_out_of_themes_is_refused() {
    let (site, out) = built_site("theme-up");
    let config = read(&site.join("site.yaml")).replace("theme: plain", "theme: ../../plain");
    write(&site, "site.yaml", &config);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "site.yaml", Some(7));
}

#[test]
fn a_base_url_that_would_break_out_of_an_attribute_is_refused() {
    let (site, out) = built_site("base-url");
    let before = snapshot(&out);
    // On the command line: bad usage.
    for bad in [
        "https://x.org/\"><script>alert(1)</script>",
        "https://x.org/\nSitemap: https://evil.example/",
        "javascript:alert(1)",
    ] {
        let o = build(&site, &out, &["--base-url", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", stderr(&o));
    }
    // In site.yaml: an error at its line.
    let config = read(&site.join("site.yaml")).replace(
        "base_url: https://fixture.example.org",
        "base_url: \"https://fixture.example.org/'><script>alert(1)</script>\"",
    );
    write(&site, "site.yaml", &config);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "site.yaml", Some(1));
    assert!(snapshot(&out) == before);
}
