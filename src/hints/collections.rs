//! The messages about collections: their schema in site.yaml, their pages' fields, their
//! data records, facets, exports and JSON-LD.

/// `collections:` of site.yaml: a key that a collection or a field does not have.
pub fn collection_unknown_key(field: &str, key: &str, keys: &str) -> String {
    format!("`collections`: `{field}` has an unknown key `{key}` (the keys are {keys})")
}

/// `collections:` of site.yaml: a field without `type:`.
pub fn collection_field_without_type(field: &str) -> String {
    format!("`collections`: the field `{field}` needs a `type:`, e.g. `type: string`")
}

/// `collections:` of site.yaml: a type that needs a key it does not have (`enum` and
/// `values`, `list` and `of`, `ref` and `to`, `object` and `fields`).
pub fn collection_needs(field: &str, kind: &str, key: &str) -> String {
    format!("`collections`: the field `{field}` is of type `{kind}`, which needs `{key}:`")
}

/// `collections:` of site.yaml: a type dala does not have.
pub fn collection_unknown_type(field: &str, kind: &str, types: &str) -> String {
    format!(
        "`collections`: the field `{field}` has an unknown type `{kind}` (the types are {types})"
    )
}

/// `collections:` of site.yaml: a `ref` to a collection that is not there.
pub fn collection_unknown_ref(field: &str, target: &str, names: &str) -> String {
    format!("`collections`: the field `{field}` refers to `{target}`, which is not a collection (the collections are {names})")
}

/// A page of a collection without a required field.
pub fn collection_missing(field: &str) -> String {
    format!("missing required field `{field}` under `extra:`")
}

/// `facets:` of a collection: a name that is not one of its fields.
pub fn collection_facet_unknown(collection: &str, facet: &str, near: Option<&str>) -> String {
    match near {
        Some(near) => format!("`collections`: `{collection}` has no field `{facet}` to filter by; did you mean `{near}`?"),
        None => format!("`collections`: `{collection}` has no field `{facet}` to filter by (a facet is one of the collection's `fields:`)"),
    }
}

/// `facets:` of a collection: a field whose values a reader cannot choose among.
pub fn collection_facet_type(collection: &str, facet: &str) -> String {
    format!("`collections`: `{collection}` cannot filter by `{facet}`: a facet's values are chosen by readers, so it cannot be of type `text`, `url`, `datetime` or `object`")
}

/// `export:` of a collection that is not `true` or `false`.
pub fn collection_export_bool(collection: &str) -> String {
    format!("`collections`: `export` of `{collection}` must be `true` or `false`")
}

/// `jsonld:` of a collection: a type that is not a schema.org type's name.
pub fn collection_jsonld_type(collection: &str, name: &str) -> String {
    format!("`collections`: `{collection}`'s `jsonld` type `{name}` is not a schema.org type name (a word in upper camel case: `SoftwareApplication`, `Dataset`, `Article`)")
}

/// `jsonld:` of a collection names a field the collection does not have.
pub fn collection_jsonld_field(collection: &str, field: &str) -> String {
    format!("`collections`: `{collection}`'s `jsonld` names the field `{field}`, which the collection does not have")
}

/// `jsonld: { types: }` gives a type to a value its `type_field` cannot have.
pub fn collection_jsonld_value(collection: &str, field: &str, value: &str, values: &str) -> String {
    format!("`collections`: `{collection}`'s `jsonld` types the value `{value}`, which `{field}` cannot have (its values are {values})")
}

/// `jsonld: { types: }` without `type_field:`.
pub fn collection_jsonld_types(collection: &str) -> String {
    format!("`collections`: `{collection}`'s `jsonld` has `types` but no `type_field` whose values they type")
}

/// `jsonld: { properties: }` with a key that is not a schema.org property's name.
pub fn collection_jsonld_property(collection: &str, property: &str) -> String {
    format!("`collections`: `{collection}`'s `jsonld` property `{property}` is not a schema.org property name (a word in lower camel case: `license`, `sameAs`)")
}

/// A `ref` to an entry that the collection does not have.
pub fn collection_unknown_entry(field: &str, id: &str, to: &str, near: Option<&str>) -> String {
    match near {
        Some(near) => format!(
            "field `{field}`: the collection `{to}` has no entry `{id}`; did you mean `{near}`?"
        ),
        None => format!("field `{field}`: the collection `{to}` has no entry `{id}` (an entry's id is its file name)"),
    }
}

/// A page of a collection without a required field written at the top of the front
/// matter (a key of its own, such as `date`, or a taxonomy).
pub fn collection_missing_key(field: &str) -> String {
    format!("missing required field `{field}`")
}

/// A field's value of the wrong kind; `what` is one of the descriptions of the types.
pub fn collection_expected(field: &str, what: &str, value: &str) -> String {
    format!("field `{field}`: expected {what}, found `{value}`")
}

/// A field's value that is not one of its enum's values.
pub fn collection_not_allowed(field: &str, value: &str, values: &str) -> String {
    format!("field `{field}`: `{value}` is not one of the allowed values: {values}")
}

/// A field's value with a problem said by another check (a URL's, a licence's).
pub fn collection_problem(field: &str, problem: &str) -> String {
    format!("field `{field}`: {problem}")
}

/// A key of an object field that its schema does not have.
pub fn collection_unknown_field(field: &str, key: &str, keys: &str) -> String {
    format!("field `{field}` has an unknown key `{key}` (its keys are {keys})")
}

/// A licence expression that does not parse.
pub fn spdx_syntax(text: &str) -> String {
    format!("`{text}` is not a licence expression: licence ids joined by `AND`, `OR` or `WITH`, in parentheses where needed")
}

/// A licence id dala does not know; `close` names the closest, or is empty.
pub fn spdx_unknown(id: &str, close: &str) -> String {
    if close.is_empty() {
        format!("unknown licence `{id}` (an SPDX id, or `LicenseRef-` and a name of your own)")
    } else {
        format!("unknown licence `{id}`; did you mean {close}?")
    }
}

/// A translation that writes a shared field of a collection with another value than its
/// original (`original`, the original's file in `content/`).
pub fn collection_shared_differs(field: &str, original: &str) -> String {
    format!("field `{field}` is shared: it is written once, in the original `{original}`, and this translation gives it another value; remove it here")
}

/// A problem of the record `id` of a collection's data file.
pub fn record_problem(id: &str, problem: &str) -> String {
    format!("record `{id}`: {problem}")
}

/// A problem of the version in language `lang` of the record `id` of a collection's data
/// file.
pub fn record_version_problem(id: &str, lang: &str, problem: &str) -> String {
    format!("record `{id}`, its `{lang}` version: {problem}")
}

/// A collection whose data file `path` (inside `data/`) is not there.
pub fn records_missing(collection: &str, path: &str) -> String {
    format!(
        "collection `{collection}` takes its entries from `data/{path}`, and there is no such file"
    )
}

/// A collection's data file (`shown`) that holds no list of records.
pub fn records_not_a_list(shown: &str, collection: &str) -> String {
    format!("`{shown}` gives the entries of collection `{collection}`: it must hold a list of records, or a mapping whose one list (or the list under `{collection}:`) is it")
}

/// Record number `n` of a collection's data file is not a mapping.
pub fn record_not_a_mapping(number: usize) -> String {
    format!("record {number} is not a mapping of keys to values")
}

/// Record number `n` of a collection's data file has neither `id` nor `slug`.
pub fn record_without_id(number: usize) -> String {
    format!("record {number} has no `id` (or `slug`): each record needs one, the id of its entry and the last part of its address")
}

/// Two records of one data file with the same id (`first` and `second`, their numbers).
pub fn record_twice(id: &str, first: usize, second: usize) -> String {
    format!("records {first} and {second} both have the id `{id}`: each entry needs its own")
}

/// A key of a record that is neither a field of its collection nor a key a record may give.
pub fn record_unknown_key(key: &str, collection: &str, allowed: &str) -> String {
    format!("`{key}` is neither a field of collection `{collection}` nor a key a record may give ({allowed})")
}

/// A shared field (or a taxonomy) given per language in a record.
pub fn record_shared_per_language(key: &str) -> String {
    format!("`{key}` is shared: give one value for every language, not one per language")
}

/// A per-language value of a record in `lang`, which is not a language of the site.
pub fn record_unknown_language(key: &str, lang: &str, languages: &str) -> String {
    format!("`{key}` has a value for `{lang}`, which is not a language of the site ({languages})")
}

/// A Markdown file joined to record `id` of data file `data` that writes shared field
/// `field` with another value.
pub fn record_shared_differs(field: &str, data: &str, id: &str) -> String {
    format!("field `{field}` is shared and record `{id}` of `{data}` gives it another value; write it in one place")
}
