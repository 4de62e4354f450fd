//! Template contexts that fingerprint what is put into them, so that a page or listing
//! whose inputs did not change is kept instead of rendered; and what every page's context
//! holds.

use super::index::Index;
use super::load::Loaded;
use crate::lang::Lang;
use crate::url::SitePath;
use crate::views::TranslationView;
use serde::Serialize;
use tera::Context;

/// A `std::io::Write` that hashes what is written, to fingerprint views without keeping
/// their JSON. Small writes (serde_json makes many) are gathered before hashing.
#[derive(Clone, Default)]
pub(super) struct HashWriter {
    hasher: crate::util::StreamHasher,
    pending: Vec<u8>,
}

impl HashWriter {
    pub(super) fn add_bytes(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= 8192 {
            self.hasher.write(&self.pending);
            self.pending.clear();
        }
    }

    /// Adds the JSON of `value`.
    pub(super) fn add<T: Serialize + ?Sized>(&mut self, value: &T) {
        let _ = serde_json::to_writer(&mut *self, value);
    }

    pub(super) fn finish(&self) -> u64 {
        let mut hasher = self.hasher.clone();
        hasher.write(&self.pending);
        hasher.finish()
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.add_bytes(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A value for the template context, converted only if the template is rendered.
type Deferred<'a> = Box<dyn Fn() -> serde_json::Value + Send + Sync + 'a>;

/// A template context that fingerprints what is put into it: two contexts with equal
/// fingerprints (for one template, language and site) render the same bytes. Values are
/// hashed as they are put in (listed pages by their own fingerprints, see
/// [`crate::views::Listed`]) and converted into tera's values only if the template must be
/// rendered, so that an unchanged listing costs little more than its hash.
pub(super) struct PageContext<'a> {
    base: &'a Context,
    /// The values put in, by key, with the id of the [`Shared`] value each is, if it is.
    values: Vec<(&'static str, Option<u64>, Deferred<'a>)>,
    hash: HashWriter,
}

impl<'a> PageContext<'a> {
    pub(super) fn new(index: &'a Index, lang: &Lang) -> PageContext<'a> {
        let mut hash = HashWriter::default();
        hash.add_bytes(lang.as_str().as_bytes());
        PageContext {
            base: &index.base[lang],
            values: Vec::new(),
            hash,
        }
    }

    pub(super) fn insert<T: Serialize + Send + Sync + 'a>(&mut self, key: &'static str, value: T) {
        self.hash_value(key, &value);
        self.values.retain(|(k, _, _)| *k != key);
        self.values.push((
            key,
            None,
            Box::new(move || serde_json::to_value(&value).unwrap_or_default()),
        ));
    }

    /// [`PageContext::insert`] for a value many contexts share: hashed once, and converted
    /// once into what the templates read (each rendering context gets a copy).
    pub(super) fn insert_shared<T: Serialize + Sync>(
        &mut self,
        key: &'static str,
        shared: &'a Shared<T>,
    ) {
        self.hash.add_bytes(key.as_bytes());
        self.hash.add_bytes(&shared.hash.to_le_bytes());
        self.values.retain(|(k, _, _)| *k != key);
        self.values.push((
            key,
            Some(shared.id),
            Box::new(move || shared.converted().clone()),
        ));
    }

    /// Puts `value` in the fingerprint only: the caller passes it to
    /// [`PageContext::context_with`] when rendering.
    pub(super) fn hash_value<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.hash.add_bytes(key.as_bytes());
        crate::views::fingerprinting(|| self.hash.add(value));
    }

    /// Adds what the context does not show but the output depends on.
    pub(super) fn mix<T: Serialize + ?Sized>(&mut self, value: &T) {
        self.hash.add(value);
    }

    /// The fingerprint of rendering `template` with this context on this site.
    pub(super) fn fingerprint(&self, site: &Loaded, template: &str) -> u64 {
        let mut h = self.hash.clone();
        h.add_bytes(template.as_bytes());
        h.add_bytes(&site.fingerprint.to_le_bytes());
        if site.report_templates.contains(template) {
            h.add_bytes(&site.report_hash.to_le_bytes());
        }
        h.finish()
    }

    /// The context for tera: the language's base and the values put in.
    pub(super) fn context(&self) -> Context {
        let mut ctx = self.base.clone();
        ctx.extend(converted(self.values.iter()));
        ctx
    }

    /// Calls `render` with [`PageContext::context`]. With [`Shared`] values in it, the
    /// context is the one the last such call on this thread made, when it had the same
    /// base and shared values: only the other values are put in again. (A taxonomy's term
    /// pages are rendered one after another on each thread, and copying the whole taxonomy
    /// for each cost more than rendering the page.)
    pub(super) fn render_with<R>(&self, render: impl FnOnce(&Context) -> R) -> R {
        let shared: Vec<(&'static str, u64)> = self
            .values
            .iter()
            .filter_map(|(key, id, _)| Some((*key, (*id)?)))
            .collect();
        if shared.is_empty() {
            return render(&self.context());
        }
        let base = std::ptr::from_ref(self.base) as usize;
        let made = REUSED.with(|r| r.borrow_mut().take());
        let mut reused = match made {
            Some(r) if r.base == base && r.shared == shared => r,
            _ => {
                let mut context = self.base.clone();
                context.extend(converted(self.values.iter().filter(|v| v.1.is_some())));
                Reused {
                    base,
                    shared,
                    context,
                    own: Vec::new(),
                }
            }
        };
        // The last page's own values go (back to the base's, if it has the key).
        for key in reused.own.drain(..) {
            match self.base.get(key) {
                Some(value) => reused.context.insert(key, value),
                None => {
                    reused.context.remove(key);
                }
            }
        }
        let own = self.values.iter().filter(|v| v.1.is_none());
        reused.own.extend(own.clone().map(|v| v.0));
        reused.context.extend(converted(own));
        let result = render(&reused.context);
        REUSED.with(|r| *r.borrow_mut() = Some(reused));
        result
    }

    /// The context for tera with `key` set to `value` as well.
    pub(super) fn context_with<T: Serialize + ?Sized>(
        &self,
        key: &'static str,
        value: &T,
    ) -> Context {
        let mut ctx = self.context();
        ctx.insert(key, value);
        ctx
    }
}

/// `values` converted for tera.
fn converted<'v, 'a: 'v>(
    values: impl Iterator<Item = &'v (&'static str, Option<u64>, Deferred<'a>)>,
) -> Context {
    let map: serde_json::Map<String, serde_json::Value> = values
        .map(|(key, _, value)| (key.to_string(), value()))
        .collect();
    Context::from_value(serde_json::Value::Object(map)).unwrap_or_default()
}

/// A context kept by [`PageContext::render_with`] for the next page on its thread.
struct Reused {
    /// The address of the base context it was made from (a language's, which lives as
    /// long as the build: with `shared`, whose ids are never used twice, it names the
    /// context).
    base: usize,
    /// The shared values in it: their keys and ids.
    shared: Vec<(&'static str, u64)>,
    context: Context,
    /// The keys of the last page's own values, put in over the base.
    own: Vec<&'static str>,
}

thread_local! {
    static REUSED: std::cell::RefCell<Option<Reused>> = const { std::cell::RefCell::new(None) };
}

/// Drops the contexts [`PageContext::render_with`] kept on this thread.
pub(super) fn forget_reused() {
    REUSED.with(|r| r.borrow_mut().take());
}

/// A value that many pages' contexts hold (every term page of a taxonomy shows the whole
/// taxonomy), with its hash made once and its conversion for the templates made at most
/// once: converting it again for each page cost more than rendering the page.
pub(super) struct Shared<T> {
    value: T,
    hash: u64,
    /// A number no other shared value of this process has.
    id: u64,
    converted: std::sync::OnceLock<serde_json::Value>,
}

impl<T: Serialize> Shared<T> {
    pub(super) fn new(value: T) -> Shared<T> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Shared {
            hash: value_hash(&value),
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            value,
            converted: std::sync::OnceLock::new(),
        }
    }

    fn converted(&self) -> &serde_json::Value {
        self.converted
            .get_or_init(|| serde_json::to_value(&self.value).unwrap_or_default())
    }
}

/// The hash of a value as a [`PageContext`] fingerprints it.
pub(super) fn value_hash<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = HashWriter::default();
    crate::views::fingerprinting(|| h.add(value));
    h.finish()
}

/// Inserts what every HTML page's head needs: where it is, and its translations.
pub(super) fn locate<'a>(
    ctx: &mut PageContext<'a>,
    site: &Loaded,
    path: &SitePath,
    translations: &'a [TranslationView],
) {
    ctx.insert("current_path", site.urls.path(path));
    ctx.insert("current_url", site.urls.permalink(path));
    ctx.insert("translations", translations);
    ctx.insert(
        "x_default",
        site.urls.permalink(&SitePath::folder::<&str>([])),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(base: &'a Context) -> PageContext<'a> {
        PageContext {
            base,
            values: Vec::new(),
            hash: HashWriter::default(),
        }
    }

    fn seen(ctx: &PageContext) -> serde_json::Value {
        ctx.render_with(|c| c.clone().into_json())
    }

    #[test]
    fn a_reused_context_holds_only_the_current_pages_values() {
        let mut base = Context::new();
        base.insert("lang", "kk");
        base.insert("site", &serde_json::json!({"title": "Хаб"}));
        let taxonomy = Shared::new(serde_json::json!({"name": "tags", "terms": ["а", "б"]}));
        let other = Shared::new(serde_json::json!({"name": "countries", "terms": []}));

        let mut first = page(&base);
        first.insert_shared("taxonomy", &taxonomy);
        first.insert("term", "цифрлық үкімет");
        first.insert("only_first", 1);
        first.insert("lang", "ru");
        let first = seen(&first);
        assert_eq!(first["term"], "цифрлық үкімет");
        assert_eq!(first["only_first"], 1);
        assert_eq!(first["lang"], "ru");

        // The next term page on this thread: the same taxonomy, its own values only.
        let mut second = page(&base);
        second.insert_shared("taxonomy", &taxonomy);
        second.insert("term", "ашық деректер");
        let second = seen(&second);
        assert_eq!(second["term"], "ашық деректер");
        assert!(second.get("only_first").is_none(), "{second}");
        assert_eq!(
            second["lang"], "kk",
            "a base value the last page covered is back"
        );
        assert_eq!(second["taxonomy"]["terms"][1], "б");
        assert_eq!(second["site"]["title"], "Хаб");

        // Another shared value: a context of its own.
        let mut third = page(&base);
        third.insert_shared("taxonomy", &other);
        let third = seen(&third);
        assert_eq!(third["taxonomy"]["name"], "countries");
        assert!(third.get("term").is_none(), "{third}");
        forget_reused();
    }
}
