//! Source files as other machines and editors write them: Windows line endings, bytes
//! that are not UTF-8, names that differ only by case or Unicode normalisation.

use super::*;

fn to_crlf(dir: &Path) {
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().is_file() && (name.ends_with(".md") || name.ends_with(".yaml")) {
            let text = read(e.path()).replace("\r\n", "\n").replace('\n', "\r\n");
            std::fs::write(e.path(), text).unwrap();
        }
    }
}

#[test]
fn a_crlf_checkout_builds_and_compares_as_the_same_site() {
    let site = site_copy("multilingual");
    let lf_out = site.parent().unwrap().join("public-lf");
    let report = |site: &Path| {
        let o = dala(&[
            "translations",
            "--root",
            site.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let marked = dala(&[
        "translations",
        "--root",
        site.to_str().unwrap(),
        "--mark",
        site.join("content/articles/digital-id.ru.md")
            .to_str()
            .unwrap(),
        site.join("content/articles/digital-id.kk.md")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(marked.status.code(), Some(0), "{}", stderr(&marked));
    let before = report(&site);
    assert!(before.contains("up-to-date"), "{before}");
    let o = build(&site, &lf_out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    to_crlf(&site.join("content"));
    to_crlf(&site.join("i18n"));
    to_crlf(&site.join("site.yaml"));
    assert_eq!(
        report(&site),
        before,
        "line endings changed translation statuses"
    );
    let crlf_out = site.parent().unwrap().join("public-crlf");
    let o = build(&site, &crlf_out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        snapshot(&crlf_out) == snapshot(&lf_out),
        "the output differs"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let (site, out) = built_site("utf8");
    let before = snapshot(&out);
    let mut bytes = b"---\ntitle: Open data\n---\nText.\n\nAb\xff more.\n".to_vec();
    std::fs::write(site.join("content/articles/open-data.md"), &bytes).unwrap();
    bytes = b"tags: \xc3(\n".to_vec();
    std::fs::write(site.join("i18n/ru.yaml"), &bytes).unwrap();
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "open-data.md", Some(6));
    assert!(stderr(&o).contains("open-data.md:6:3:"), "{}", stderr(&o));
    assert!(stderr(&o).contains("ru.yaml:1:7:"), "{}", stderr(&o));
    assert!(snapshot(&out) == before);
}

#[test]
fn names_that_differ_only_by_case_or_normalisation_are_refused() {
    let (site, out) = built_site("near-clash");
    let before = snapshot(&out);
    write(
        &site,
        "content/articles/Open-Data.md",
        "---\ntitle: Loud\n---\nText.\n",
    );
    // й written composed, and decomposed (и and a combining breve), as macOS may save it.
    write(
        &site,
        "content/articles/\u{439}.md",
        "---\ntitle: Composed\n---\nText.\n",
    );
    write(
        &site,
        "content/articles/\u{438}\u{306}.md",
        "---\ntitle: Decomposed\n---\nText.\n",
    );
    let o = build(&site, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let near: Vec<&str> = err.lines().filter(|l| l.contains("only by case")).collect();
    assert_eq!(near.len(), 1, "{err}");
    // A capital never reaches the address: `Open-Data.md` is published at `open-data/`,
    // the address of `open-data.md`, which is one page twice.
    assert!(
        err.contains("`/en/articles/open-data/index.html` is produced twice"),
        "{err}"
    );
    assert!(
        err.contains("the file name `Open-Data.md` has capital letters"),
        "{err}"
    );
    assert!(snapshot(&out) == before);
}
