//! Every key dala accepts, in one place: `site.yaml`'s, a language's, front matter's. The
//! parsers check against these lists, and messages quote them.

/// The keys `site.yaml` may have.
pub const SITE_KEYS: &[&str] = &[
    "base_url",
    "default_language",
    "languages",
    "theme",
    "taxonomies",
    "markdown",
    "search",
    "rules",
    "collections",
    "menu",
    "logo",
    "extra_css",
    "images",
    "precompress",
    "offline",
    "timezone",
    "edit_url",
    "new_file_url",
    "feedback",
    "extra",
];
/// The keys of a language in `site.yaml`'s `languages:`.
pub const LANGUAGE_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "fallback",
    "derive_from",
    "slugs",
    "untranslated",
];
/// The keys of `site.yaml`'s `markdown:`.
pub const MARKDOWN_KEYS: &[&str] = &["unsafe_html"];

/// The keys of a page's front matter (the contract's, and dala's own).
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "draft",
    "featured",
    "slug",
    "summary",
    "description",
    "weight",
    "template",
    "aliases",
    "authors",
    "translation_key",
    "original_hash",
    "original",
    "tags",
    "extra",
];
/// Keys a section's `_index.md` may also carry.
pub const SECTION_KEYS: &[&str] = &["sort_by", "paginate_by"];

/// Whether `key` is a front matter key of its own (so no taxonomy may take the name).
pub fn is_reserved_key(key: &str) -> bool {
    key != "tags" && (PAGE_KEYS.contains(&key) || SECTION_KEYS.contains(&key))
}
