use super::*;

/// A folder of its own for one test, two levels inside the system's temporary folder, so
/// that the folder above it is this test's too (what a test finds there is its own, never
/// another program's `/tmp/x`).
fn scratch(tag: &str) -> PathBuf {
    let own = std::env::temp_dir().join(format!("dala-output-test-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&own);
    let dir = own.join("work");
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn origin() -> Origin {
    Origin {
        file: "content/x.md".into(),
        line: Some(3),
    }
}

#[test]
fn paths_that_leave_the_folder_are_refused() {
    for bad in [
        "",
        "../site.yaml",
        "../../victim.txt",
        "en/../../x",
        "./x",
        "en//x",
        "en/",
        "/etc/passwd",
        "en\\..\\x",
        "a\0b",
        "a\nb",
        "a\u{1b}b",
        "en/.",
    ] {
        let e = check_path(bad).expect_err(bad);
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad}");
    }
    for good in [
        "index.html",
        "en/статья/index.html",
        ".well-known/x",
        "a..b/c.d",
    ] {
        check_path(good).unwrap_or_else(|e| panic!("{good}: {e}"));
    }
}

#[test]
fn put_copy_and_write_live_write_nothing_outside() {
    let dir = scratch("outside");
    let out = dir.join("public");
    let source = dir.join("source.txt");
    fs::write(&source, "s").unwrap();
    let (writer, ()) = Writer::begin::<()>(&out).unwrap();
    assert!(writer.put("../x", b"x", origin()).is_err());
    assert!(writer.put("../../x", b"x", origin()).is_err());
    assert!(writer.copy("../y", &source, origin()).is_err());
    writer.put("ok.html", b"ok", origin()).unwrap();
    writer.commit(&()).unwrap();
    assert!(!dir.join("x").exists() && !dir.parent().unwrap().join("x").exists());
    assert!(!dir.join("y").exists());
    assert!(write_live(&out, &[("../x".into(), b"x".to_vec())]).is_err());
    assert!(!dir.join("x").exists());
    assert_eq!(fs::read(out.join("ok.html")).unwrap(), b"ok");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_second_writer_of_one_output_fails_at_once() {
    let dir = scratch("lock");
    let out = dir.join("public");
    let (first, ()) = Writer::begin::<()>(&out).unwrap();
    first.put("a.html", b"a", origin()).unwrap();
    let e = Writer::begin::<()>(&out)
        .err()
        .expect("the output is locked");
    assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
    assert!(e.to_string().contains("another dala build"), "{e}");
    let e = write_live(&out, &[("b.html".into(), b"b".to_vec())]).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
    // The first build's staging folder is untouched by the second's attempt.
    first.commit(&()).unwrap();
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"a");
    // Released with the writer.
    let (second, ()) = Writer::begin::<()>(&out).unwrap();
    second.abort();
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_staged_file_that_vanished_fails_the_commit() {
    let dir = scratch("vanished");
    let out = dir.join("public");
    let (writer, ()) = Writer::begin::<()>(&out).unwrap();
    writer.put("a.html", b"a", origin()).unwrap();
    writer.commit(&()).unwrap();
    let (writer, ()) = Writer::begin::<()>(&out).unwrap();
    writer.put("a.html", b"new", origin()).unwrap();
    fs::remove_file(writer.staging.join("a.html")).unwrap();
    let e = writer.commit(&()).unwrap_err();
    assert!(e.to_string().contains("vanished"), "{e}");
    assert!(PartlyUpdated::of(&e).is_none(), "before the commit point");
    assert_eq!(fs::read(out.join("a.html")).unwrap(), b"a");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn nothing_is_written_through_a_symbolic_link_in_the_output() {
    let dir = scratch("symlink");
    let out = dir.join("public");
    let elsewhere = dir.join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let (writer, ()) = Writer::begin::<()>(&out).unwrap();
    writer.put("en/a.html", b"a", origin()).unwrap();
    writer.commit(&()).unwrap();
    fs::remove_dir_all(out.join("en")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("en")).unwrap();
    let (writer, ()) = Writer::begin::<()>(&out).unwrap();
    writer.put("en/a.html", b"b", origin()).unwrap();
    let e = writer.commit(&()).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(fs::read_dir(&elsewhere).unwrap().next().is_none());
    let e = write_live(&out, &[("en/b.html".into(), b"b".to_vec())]).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(fs::read_dir(&elsewhere).unwrap().next().is_none());
    let _ = fs::remove_dir_all(&dir);
}
