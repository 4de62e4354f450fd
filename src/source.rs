//! Reading the site's text files (Markdown, `site.yaml`, interface strings): UTF-8 is
//! checked with the line and column of the first bad byte, and Windows (and old Mac) line
//! endings are made plain, so that a checkout with `core.autocrlf` builds, hashes and compares exactly
//! as one without.

use crate::error::{Diagnostic, Excerpt, Kind};
use crate::hints;
use std::path::Path;

/// The text of `path`, with line ends made `\n`. `what` names the file's role in the error
/// (`"the site configuration"`).
pub fn read(path: &Path, what: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Kind::Io.error(path, format!("cannot read {what}: {e}")))?;
    decode(bytes, path)
}

/// `bytes` as text, with line ends made `\n`; an error at the first byte that is not UTF-8.
pub fn decode(bytes: Vec<u8>, path: &Path) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        // The column counts characters, as editors do.
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        let byte = e.as_bytes()[good.len()];
        let encoding = hints::guess_encoding(e.as_bytes());
        let mut d = Kind::Encoding
            .error(path, hints::not_utf8(encoding, byte))
            .at_column(line, column);
        // The line, the bad byte marked: read as Windows-1251 when it seems to be (the
        // editor sees their text), else with the bad bytes shown as `�`.
        let rest = &e.as_bytes()[line_start..];
        let end = rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
        let shown = match encoding {
            hints::Encoding::Windows1251 => hints::windows_1251_text(&rest[..end]),
            _ => String::from_utf8_lossy(&rest[..end]).into_owned(),
        };
        d.excerpt = Excerpt::new(&shown, column - 1, 1).map(Box::new);
        d
    })?;
    Ok(normalize_newlines(text))
}

/// `\r\n` and a lone `\r` made `\n`: YAML and CommonMark both take each for a line end,
/// and so must the line numbers of every message.
pub fn normalize_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bad_byte_is_located() {
        let d = decode(b"---\ntitle: \xd0\x90\xff\n".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(9)));
        let d = decode(b"\xc3".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
    }

    #[test]
    fn windows_line_endings_are_made_plain() {
        let t = decode(
            b"---\r\ntitle: A\r\n---\r\nText\r\n".to_vec(),
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(t, "---\ntitle: A\n---\nText\n");
    }
}
