//! Hostile cases: writer (see main.rs). The output folder and what lies beside it: a
//! tampered record or journal, two builds of one output at once, a folder that cannot be
//! written, a build watched while it commits, and `--output` naming something dala did not
//! make.

use super::*;
use std::fs;
use std::process::{Command, Stdio};

/// A file beside the output `out` (`.public.dala-journal` for `journal`).
fn beside(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().unwrap().to_string_lossy();
    out.with_file_name(format!(".{name}.dala-{suffix}"))
}

/// The record slot in use beside `out`.
fn record(out: &Path) -> PathBuf {
    let slot = fs::read_to_string(beside(out, "state")).unwrap();
    beside(out, &format!("state-{slot}"))
}

/// Changes the body of one article, so that the next build has files to write.
fn touch_article(site: &Path, text: &str) {
    write(
        site,
        "content/articles/open-data.md",
        &format!(
            "---\ntitle: Open data\ndate: 2026-06-15\ntags: [open-data, identity]\n---\n{text}\n"
        ),
    );
}

/// What a build that wrote nothing prints.
fn wrote_nothing(o: &Output) -> bool {
    let out = String::from_utf8_lossy(&o.stdout);
    out.contains("(0 written,") && out.contains(" 0 removed)")
}

/// The output of a fresh build of `site` into a new folder.
fn fresh(site: &Path, tag: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let out = site.parent().unwrap().join(format!("fresh-{tag}"));
    let o = build(site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    snapshot(&out)
}

#[test]
fn a_journal_listing_a_file_beside_the_output_deletes_nothing() {
    let (site, out) = built_site("journal");
    let parent = out.parent().unwrap().to_path_buf();
    fs::write(parent.join("victim.txt"), "keep me").unwrap();
    fs::write(
        beside(&out, "journal"),
        r#"{"stale":["en/index.html","../victim.txt","../site/site.yaml"],"slot":0}"#,
    )
    .unwrap();
    touch_article(&site, "Changed.");
    let before = listing(&parent, &[]);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, "journal", None);
    assert_eq!(
        listing(&parent, &[]),
        before,
        "nothing beside the output changed, nor inside it (all or nothing)"
    );
    assert_eq!(read(&parent.join("victim.txt")), "keep me");
    assert!(site.join("site.yaml").exists());
}

#[test]
fn a_record_listing_a_file_beside_the_output_is_not_trusted() {
    let (site, out) = built_site("record");
    let parent = out.parent().unwrap().to_path_buf();
    fs::write(parent.join("victim.txt"), "keep me").unwrap();
    // The record says the output had `../victim.txt`; the next build does not produce it,
    // so a writer trusting the record would delete it as stale.
    let slot = record(&out);
    let mut state: serde_json::Value = serde_json::from_slice(&fs::read(&slot).unwrap()).unwrap();
    state["files"]["../victim.txt"] = serde_json::json!({"len": 7, "hash": 1});
    fs::write(&slot, serde_json::to_vec(&state).unwrap()).unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&parent.join("victim.txt")), "keep me");
    assert_eq!(snapshot(&out), fresh(&site, "record"));
}

#[test]
fn a_build_while_another_holds_the_output_fails_at_once() {
    let (site, out) = built_site("locked");
    let before = snapshot(&out);
    let parent = out.parent().unwrap().to_path_buf();
    touch_article(&site, "Changed while locked.");
    let listed = listing(&parent, &[&site]);
    let lock = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(beside(&out, "lock"))
        .unwrap();
    lock.lock().unwrap();
    let started = std::time::Instant::now();
    let o = build(&site, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.lines().any(|l| l.contains(&*out.to_string_lossy())
            && l.contains("error")
            && l.contains("another dala build")),
        "an error naming the output and the other build expected:\n{err}"
    );
    assert!(err.contains("left as it was"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "fails fast"
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(
        listing(&parent, &[&site]),
        listed,
        "nothing beside it either"
    );
    drop(lock);
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn two_builds_of_one_output_at_once_never_corrupt_it() {
    let (site, out) = built_site("twice");
    for round in 0..4 {
        touch_article(&site, &format!("Round {round}."));
        if round % 2 == 1 {
            // A full build next: the record is gone.
            fs::remove_file(beside(&out, "state")).unwrap();
        }
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_dala"))
                .args(["build", "--root", site.to_str().unwrap()])
                .args(["--output", out.to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let results = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        for o in &results {
            let err = stderr(o);
            assert!(!err.contains("panicked"), "{err}");
            match o.status.code() {
                Some(0) => {}
                Some(1) => assert!(err.contains("another dala build"), "{err}"),
                other => panic!("exit status {other:?}:\n{err}"),
            }
        }
        assert!(
            results.iter().any(|o| o.status.code() == Some(0)),
            "one of them built"
        );
        let third = build(&site, &out, &[]);
        assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
        assert!(
            wrote_nothing(&third),
            "round {round}: the output was complete: {}",
            String::from_utf8_lossy(&third.stdout)
        );
        assert_eq!(snapshot(&out), fresh(&site, &format!("twice-{round}")));
    }
}

#[test]
fn a_file_where_the_output_needs_a_folder_leaves_the_output_as_it_was() {
    // Tests run as root here, where permission bits do not stop a write: a folder of the
    // output replaced by a file makes creating inside it fail (ENOTDIR) for anyone.
    let (site, out) = built_site("notdir");
    let page = out.join("en/articles/open-data");
    assert!(page.join("index.html").is_file());
    fs::remove_dir_all(&page).unwrap();
    fs::write(&page, "not a folder").unwrap();
    touch_article(&site, "Changed behind a file.");
    let before = snapshot(&out);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, &out.to_string_lossy(), None);
    let err = stderr(&o);
    assert!(err.contains("en/articles/open-data"), "{err}");
    assert!(err.contains("left as it was"), "{err}");
    assert_eq!(snapshot(&out), before, "the output was left as it was");
    assert!(
        !beside(&out, "journal").exists(),
        "not past the commit point"
    );
}

#[test]
fn a_failure_after_the_commit_point_says_so_and_the_next_build_finishes() {
    let (site, out) = built_site("partly");
    // The page's file replaced by a folder with something in it: the folder it is in can
    // be written (the checks before the commit point pass), renaming over it cannot.
    let file = out.join("en/articles/open-data/index.html");
    fs::remove_file(&file).unwrap();
    fs::create_dir_all(file.join("in-the-way")).unwrap();
    touch_article(&site, "Changed, once the way is clear.");
    let o = build(&site, &out, &[]);
    let err = stderr(&o);
    assert_error_at(&o, &out.to_string_lossy(), None);
    assert!(err.contains("partly updated"), "{err}");
    assert!(err.contains("next build finishes"), "{err}");
    assert!(!err.contains("left as it was"), "{err}");
    fs::remove_dir_all(&file).unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(snapshot(&out), fresh(&site, "partly"));
}

#[test]
fn no_output_file_goes_missing_while_a_build_replaces_them() {
    let (site, out) = built_site("vanish");
    for i in 0..300 {
        write(
            &site,
            &format!("content/articles/many-{i:03}.md"),
            &format!("---\ntitle: Many {i}\ndate: 2026-01-01\n---\nText {i}.\n"),
        );
    }
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<PathBuf> = snapshot(&out)
        .into_iter()
        .map(|(p, _)| out.join(p))
        .collect();
    assert!(files.len() > 300);
    // Every page changes: a comment in the base template.
    let base = site.join("themes/plain/templates/base.html");
    let text = read(&base).replace("<body>", "<body><!-- changed -->");
    fs::write(&base, text).unwrap();

    let done = std::sync::atomic::AtomicBool::new(false);
    let missing = std::thread::scope(|s| {
        let watcher = s.spawn(|| {
            let mut missing = std::collections::BTreeSet::new();
            let mut sweeps = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) || sweeps == 0 {
                for f in &files {
                    if fs::symlink_metadata(f).is_err() {
                        missing.insert(f.clone());
                    }
                }
                sweeps += 1;
            }
            missing
        });
        let o = build(&site, &out, &[]);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let written = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(!written.contains("(0 written"), "{written}");
        watcher.join().unwrap()
    });
    assert!(
        missing.is_empty(),
        "{} files were missing at some moment: {:?}",
        missing.len(),
        missing.iter().take(5).collect::<Vec<_>>()
    );
    assert!(read(&out.join("en/articles/many-000/index.html")).contains("<!-- changed -->"));
}

#[test]
fn an_output_that_is_a_file_is_refused_and_left_alone() {
    let site = site_copy("multilingual");
    let parent = site.parent().unwrap().to_path_buf();
    let out = parent.join("notes.txt");
    fs::write(&out, "my notes").unwrap();
    let before = listing(&parent, &[]);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, &out.to_string_lossy(), None);
    assert_eq!(listing(&parent, &[]), before, "nothing moved aside or made");
    // Nothing is left that breaks the next build into a folder.
    let o = build(&site, &parent.join("public"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read(&out), "my notes");
}

#[test]
fn a_folder_that_dala_did_not_make_is_refused_without_force() {
    let site = site_copy("multilingual");
    let parent = site.parent().unwrap().to_path_buf();
    let out = parent.join("public");
    // Another generator's output: files, and no record of a dala build beside it.
    write(&out, "index.html", "<p>made by hugo</p>");
    write(&out, "posts/one/index.html", "<p>one</p>");
    let before = listing(&parent, &[]);
    let o = build(&site, &out, &[]);
    assert_error_at(&o, &out.to_string_lossy(), None);
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(listing(&parent, &[]), before, "nothing touched");

    let o = build(&site, &out, &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join("posts/one/index.html").exists());
    assert_eq!(snapshot(&out), fresh(&site, "forced"));
    // Now it is dala's: the next build needs no --force.
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_empty_folder_or_dala_s_own_output_needs_no_force() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("empty");
    fs::create_dir_all(&out).unwrap();
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The record deleted to force a full build (as the docs say) still leaves it dala's.
    for slot in ["state", "state-a", "state-b"] {
        let _ = fs::remove_file(beside(&out, slot));
    }
    let o = build(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
