//! Where a page writes a collection's field: at the top of its front matter, or under
//! `extra:`.

/// Whether a field is written at the top of the front matter (a key of its own or a
/// taxonomy) rather than under `extra:`.
pub fn is_top_level(name: &str, taxonomies: &[String]) -> bool {
    crate::schema::PAGE_KEYS.contains(&name) || taxonomies.iter().any(|t| t == name)
}

/// The key of a field's line in the front matter's `lines`.
pub fn place_key(name: &str, taxonomies: &[String]) -> String {
    if is_top_level(name, taxonomies) {
        name.to_string()
    } else {
        format!("extra.{name}")
    }
}

/// The message for a required field that is not there.
pub fn missing(name: &str, top: bool) -> String {
    if top {
        crate::hints::collection_missing_key(name)
    } else {
        crate::hints::collection_missing(name)
    }
}
