//! SPDX licence expressions (`MIT OR Apache-2.0`, `(MIT AND BSD-3-Clause)`,
//! `GPL-2.0-only WITH Classpath-exception-2.0`): the grammar, and ids from a short list of
//! common licences plus `LicenseRef-*`.

/// Licence ids dala knows; others are errors naming the closest.
const LICENCES: &[&str] = &[
    "0BSD",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSL-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-ND-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MIT-0",
    "MPL-2.0",
    "ODbL-1.0",
    "ODC-By-1.0",
    "OFL-1.1",
    "PDDL-1.0",
    "PostgreSQL",
    "Python-2.0",
    "Unlicense",
    "Zlib",
    "OGL-UK-3.0",
    "CC-BY-3.0",
    "CC-BY-SA-3.0",
];
/// Exceptions after `WITH`.
const EXCEPTIONS: &[&str] = &[
    "Classpath-exception-2.0",
    "LLVM-exception",
    "GCC-exception-3.1",
    "Autoconf-exception-3.0",
    "Bison-exception-2.2",
    "Font-exception-2.0",
    "OpenJDK-assembly-exception-1.0",
];

/// Why `text` is not a licence expression dala knows; `Ok` when it is.
pub fn check(text: &str) -> Result<(), String> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    if tokens.is_empty() {
        return Err(crate::hints::spdx_syntax(text));
    }
    let mut at = 0;
    expression(&tokens, &mut at, text)?;
    if at != tokens.len() {
        return Err(crate::hints::spdx_syntax(text));
    }
    Ok(())
}

/// expression = term { ("AND" | "OR") term }
fn expression(tokens: &[&str], at: &mut usize, text: &str) -> Result<(), String> {
    term(tokens, at, text)?;
    while matches!(tokens.get(*at), Some(&"AND") | Some(&"OR")) {
        *at += 1;
        term(tokens, at, text)?;
    }
    Ok(())
}

/// term = "(" expression ")" | id ["+"] ["WITH" exception]
fn term(tokens: &[&str], at: &mut usize, text: &str) -> Result<(), String> {
    let syntax = || crate::hints::spdx_syntax(text);
    match tokens.get(*at) {
        Some(&"(") => {
            *at += 1;
            expression(tokens, at, text)?;
            if tokens.get(*at) != Some(&")") {
                return Err(syntax());
            }
            *at += 1;
            Ok(())
        }
        Some(&id) if !["AND", "OR", "WITH", ")"].contains(&id) => {
            *at += 1;
            let bare = id.strip_suffix('+').unwrap_or(id);
            known(bare, LICENCES)?;
            if tokens.get(*at) == Some(&"WITH") {
                *at += 1;
                match tokens.get(*at) {
                    Some(&exception) if !["AND", "OR", "WITH", "(", ")"].contains(&exception) => {
                        *at += 1;
                        known(exception, EXCEPTIONS)?;
                    }
                    _ => return Err(syntax()),
                }
            }
            Ok(())
        }
        _ => Err(syntax()),
    }
}

fn known(id: &str, list: &[&str]) -> Result<(), String> {
    let custom = id.starts_with("LicenseRef-") && id.len() > "LicenseRef-".len();
    if custom || list.contains(&id) {
        return Ok(());
    }
    let lower = id.to_lowercase();
    let mut close: Vec<(usize, &str)> = list
        .iter()
        .map(|k| (distance(&lower, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= 3 || k.to_lowercase().starts_with(&lower))
        .collect();
    close.sort();
    let close: Vec<String> = close
        .iter()
        .take(3)
        .map(|(_, k)| format!("`{k}`"))
        .collect();
    Err(crate::hints::spdx_unknown(id, &close.join(", ")))
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn expressions() {
        for ok in [
            "MIT",
            "MIT OR Apache-2.0",
            "(MIT AND BSD-3-Clause)",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "LicenseRef-Hub",
            "(MIT OR Apache-2.0) AND CC-BY-4.0",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in ["", "MIT OR", "(MIT", "MIT AND AND ISC", "MIT WITH"] {
            assert!(check(bad).is_err(), "{bad}");
        }
        let e = check("Apache2").unwrap_err();
        assert!(e.contains("`Apache-2.0`"), "{e}");
    }
}
