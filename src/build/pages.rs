//! The fourth phase: every page, Markdown, template and file in one parallel job each, so
//! that no page's HTML outlives its job. A page whose file, links and template inputs are
//! unchanged since the last build is kept: its memo in the record says what its Markdown
//! gave and fingerprints everything its HTML came from.

use super::builtin::redirect;
use super::context::{locate, HashWriter, PageContext};
use super::index::Index;
use super::load::Loaded;
use super::record::{BuildCache, PageMemo, Warning, MEMO_VERSION};
use super::sink::{Body, Sink};
use super::sitemap::{sitemap_entry, SitemapEntry};
use super::text::{derived_hash, render_markdown, Text};
use crate::content::{Page, PageId};
use crate::error::{Diagnostic, Diagnostics, Kind};
use crate::highlight::Highlighter;
use crate::markdown::{LinkResolution, Rendered};
use crate::output::Origin;
use crate::site::links::resolve_link;
use crate::site::summary::summary;
use crate::site::translations::{page_versions, translations_of};
use crate::url::SitePath;
use crate::views::{PageSummary, PageView};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

/// What the pages phase hands the listings: each page's summary, and what the record and
/// the sitemap keep of the pages.
pub(super) struct RenderedPages {
    /// By page index.
    pub(super) summaries: Vec<PageSummary>,
    /// Each page's summary hash, as listings fingerprint it.
    pub(super) summary_hashes: Vec<u64>,
    pub(super) sitemap: Vec<SitemapEntry>,
    /// The record's pages, by file.
    pub(super) memos: BTreeMap<String, PageMemo>,
    /// Pages whose Markdown and template were rendered (the others were unchanged).
    pub(super) rendered: usize,
}

/// Renders every page of the site into `sink`, reusing what `previous` recorded. `bodies`
/// are the pages' texts as loading read them (by page index): each is dropped as soon as
/// its page is rendered, so that a large site's Markdown is not all held until the end.
pub(super) fn render_pages(
    jobs: &PageJobs,
    bodies: Vec<Option<String>>,
    previous: &BuildCache,
    diagnostics: &Diagnostics,
    progress: Option<&crate::progress::Progress>,
) -> RenderedPages {
    let pages = &jobs.site.content.pages;
    if let Some(p) = progress {
        p.stage("pages", pages.len());
    }
    let outcomes: Vec<PageOutcome> = pages
        .par_iter()
        .zip(bodies)
        .enumerate()
        .map(|(i, (page, body))| {
            let mut d = Vec::new();
            let memo = previous.pages.get(&page.rel);
            let outcome = jobs.run(memo, (PageId(i), page, body), &mut d);
            diagnostics.extend(d);
            if let Some(p) = progress {
                p.step();
            }
            outcome
        })
        .collect();
    let mut done = RenderedPages {
        summaries: Vec::with_capacity(outcomes.len()),
        summary_hashes: Vec::with_capacity(outcomes.len()),
        sitemap: Vec::new(),
        memos: BTreeMap::new(),
        rendered: outcomes.iter().filter(|o| o.rendered).count(),
    };
    for (page, outcome) in pages.iter().zip(outcomes) {
        done.summaries.push(outcome.summary);
        done.summary_hashes.push(outcome.summary_hash);
        done.sitemap.extend(outcome.sitemap);
        done.memos.insert(page.rel.clone(), outcome.memo);
    }
    done
}

/// What a page job leaves for the listings and the next build.
pub(super) struct PageOutcome {
    pub(super) summary: PageSummary,
    /// A hash of the summary: listings fingerprint their pages by it.
    pub(super) summary_hash: u64,
    pub(super) memo: PageMemo,
    pub(super) sitemap: Option<SitemapEntry>,
    pub(super) rendered: bool,
}

/// What every page job shares.
pub(super) struct PageJobs<'a> {
    pub(super) site: &'a Loaded,
    pub(super) index: &'a Index,
    pub(super) highlighter: &'a Highlighter,
    pub(super) sink: &'a Sink<'a>,
}

impl PageJobs<'_> {
    /// Renders page `id` into the sink, or keeps its file when `memo` shows nothing
    /// it comes from changed. `body` is its text when it was read already (else it is read
    /// if needed).
    pub(super) fn run(
        &self,
        memo: Option<&PageMemo>,
        (id, page, mut body): (PageId, &Page, Option<String>),
        errors: &mut Vec<Diagnostic>,
    ) -> PageOutcome {
        let (site, index) = (self.site, self.index);
        let reusable = memo.filter(|m| self.reusable(m, page));
        let (mut memo, fresh) = match reusable {
            Some(m) => {
                errors.extend(m.warnings.iter().map(|w| w.at(&page.file)));
                (m.clone(), None)
            }
            None => {
                let (memo, r) = self.memo(page, body.take(), errors);
                (memo, Some(r))
            }
        };

        let summary = summary(&site.model(), &index.model.terms, page, &memo.summary_text);
        let translations = translations_of(
            &site.model(),
            &page_versions(&site.model(), &page.group),
            &page.lang,
        );
        let lastmod = page
            .fm
            .updated
            .as_ref()
            .or(page.fm.date.as_ref())
            .map(|d| d.day().to_string());
        let sitemap = Some(sitemap_entry(site, &page.path, lastmod, &translations));
        let template = page
            .fm
            .template
            .clone()
            .unwrap_or_else(|| "page.html".into());
        // The view without what the Markdown gave: that is in the fingerprint as hashes.
        let view = PageView {
            summary: summary.clone(),
            slug: page.slug.clone(),
            content: String::new(),
            summary_html: None,
            toc: Vec::new(),
            word_count: 0,
            reading_time: 0,
            section: page.section.clone(),
            file: page.rel.clone(),
            edit_url: super::translate::edit_link(&site.config, &page.rel),
            translate: super::translate::offers(site, page),
            feedback: feedback_form(&site.config, &page.section, &summary.permalink),
            translation_status: site.report.status_of(&page.rel).map(|s| s.name()),
            translations: translations.clone(),
            related: index.model.related[id.index()].clone(),
            refs: index.model.references.refs[id.index()].clone(),
            backlinks: index.model.references.backlinks[id.index()].clone(),
            jsonld: crate::export::jsonld::of_page(&site.model(), page, &summary),
        };
        let mut ctx = PageContext::new(index, &page.lang);
        ctx.hash_value("page", &view);
        locate(&mut ctx, site, &page.path, &translations);
        ctx.mix(&(page.source_hash, &memo.links, memo.derived));
        let fingerprint = ctx.fingerprint(site, &template);
        memo.fingerprint = fingerprint;

        let origin = Origin {
            file: page.file.clone(),
            line: page.fm.lines.get("slug").copied(),
        };
        let path = page.path.output_file();
        let unchanged = reusable
            .is_some_and(|m| m.fingerprint == fingerprint && site.data.unchanged(&m.template_data))
            && site.templates.is_some()
            && self.sink.keep(&path, origin.clone());
        if unchanged {
            // Kept: its template's fallbacks are those of the build that rendered it.
            memo.fallbacks = reusable.map(|m| m.fallbacks.clone()).unwrap_or_default();
            site.strings.replay(&memo.fallbacks);
        } else {
            let page_view = Rendering {
                page,
                body,
                template: &template,
                ctx: &ctx,
                view,
                origin,
            };
            (memo.fallbacks, memo.template_data) = self.render(page_view, fresh, errors);
        }
        self.publish_assets_and_aliases(page, errors);
        let mut h = HashWriter::default();
        h.add(&summary);
        PageOutcome {
            summary,
            summary_hash: h.finish(),
            memo,
            sitemap,
            rendered: !unchanged,
        }
    }

    /// Whether what the last build's Markdown gave stands: the same file, settings and
    /// links resolving to the same URLs.
    fn reusable(&self, m: &PageMemo, page: &Page) -> bool {
        let site = self.site;
        m.version == MEMO_VERSION
            && m.source == page.source_hash
            && m.unsafe_html == site.config.unsafe_html
            && m.terms.is_some() == site.config.search
            && site.data.unchanged(&m.markdown_data)
            && m.links.iter().all(|(dest, url)| {
                matches!(resolve_link(&site.content, &site.urls, &page.rel, &page.lang, dest), LinkResolution::Resolved(u) if u == *url)
            })
    }

    /// Renders the page's Markdown (`body`, else read from its file), timed.
    fn markdown(
        &self,
        page: &Page,
        body: Option<String>,
        errors: &mut Vec<Diagnostic>,
    ) -> (Rendered, Vec<(String, String)>) {
        let site = self.site;
        let body = match body {
            Some(body) => Ok(std::borrow::Cow::Owned(body)),
            None => page.body(),
        };
        let body = body.unwrap_or_else(|e| {
            errors.push(e);
            std::borrow::Cow::Borrowed("")
        });
        let started = std::time::Instant::now();
        let text = Text {
            file: &page.file,
            rel: &page.rel,
            body: &body,
            body_line: page.body_line,
            lang: &page.lang,
        };
        let r = render_markdown(site, self.highlighter, &text, errors);
        site.markdown_time.0.fetch_add(1, Ordering::Relaxed);
        site.markdown_time
            .1
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        r
    }

    /// The page's memo from its Markdown, rendered now (its fingerprint is set later).
    fn memo(
        &self,
        page: &Page,
        body: Option<String>,
        errors: &mut Vec<Diagnostic>,
    ) -> (PageMemo, Rendered) {
        let site = self.site;
        let mut d = Vec::new();
        let ((r, links), markdown_data) =
            crate::data::recording(|| self.markdown(page, body, &mut d));
        let warnings = d
            .iter()
            .filter(|x| !x.is_error())
            .map(Warning::of)
            .collect();
        errors.append(&mut d);
        let memo = PageMemo {
            source: page.source_hash,
            unsafe_html: site.config.unsafe_html,
            links,
            summary_text: if page.fm.summary.is_some() {
                String::new()
            } else {
                r.summary_text.clone()
            },
            derived: derived_hash(&r),
            version: MEMO_VERSION,
            warnings,
            fingerprint: 0,
            fallbacks: Vec::new(),
            markdown_data,
            template_data: BTreeMap::new(),
            terms: self
                .index
                .search_rules
                .get(&page.lang)
                .map(|rules| crate::search::terms(rules, &page.fm.title, &r.text)),
        };
        (memo, r)
    }

    /// Renders the page's template into the sink (its Markdown again if `fresh` is not
    /// given); returns the interface string fallbacks it took and the data files it read.
    fn render(
        &self,
        rendering: Rendering,
        fresh: Option<Rendered>,
        errors: &mut Vec<Diagnostic>,
    ) -> (Vec<crate::i18n::Fallback>, BTreeMap<String, u64>) {
        let site = self.site;
        let Rendering {
            page,
            body,
            template,
            ctx,
            mut view,
            origin,
        } = rendering;
        let Some(templates) = &site.templates else {
            // The cause (a broken template, a missing theme) was reported when loading.
            return Default::default();
        };
        if !templates.has(template) {
            let d = Kind::Template.error(
                &page.file,
                format!("no template `{template}` in the theme or templates/"),
            );
            errors.push(d.at(page.fm.lines.get("template").copied().unwrap_or(1)));
            return Default::default();
        }
        let r = match fresh {
            Some(r) => r,
            None => self.markdown(page, body, &mut Vec::new()).0,
        };
        view.reading_time = r.word_count.div_ceil(200).max(1);
        view.word_count = r.word_count;
        view.toc = r.toc;
        view.summary_html = r.summary_html;
        view.content = r.html;
        let what = format!("{} [{}]", page.file.display(), page.lang);
        let ((result, taken), read) = crate::data::recording(|| {
            crate::i18n::recording(|| {
                templates.render_bytes(
                    template,
                    &ctx.context_with("page", &view),
                    &page.lang,
                    &what,
                )
            })
        });
        match result {
            Ok(html) => self
                .sink
                .put(&page.path.output_file(), Body::Bytes(html), origin),
            Err(d) => errors.push(d),
        }
        (taken, read)
    }

    /// The files of the page's bundle, and a redirect at each of its aliases.
    fn publish_assets_and_aliases(&self, page: &Page, errors: &mut Vec<Diagnostic>) {
        let site = self.site;
        for asset in site.content.assets.iter().filter(|a| {
            page.bundle.is_some()
                && a.bundle.as_deref() == Some(page.group.as_str())
                && !site.images.publishes(&a.file)
        }) {
            let origin = Origin {
                file: asset.file.clone(),
                line: None,
            };
            self.sink.put(
                &format!("{}{}", page.path.as_str(), asset.name),
                Body::Copy(asset.file.clone()),
                origin,
            );
        }
        for alias in &page.fm.aliases {
            let from = SitePath::from_user(alias);
            let origin = Origin {
                file: page.file.clone(),
                line: page.fm.lines.get("aliases").copied(),
            };
            let to = site.urls.permalink(&page.path);
            let what = format!("{} [{}], alias `{alias}`", page.file.display(), page.lang);
            match redirect(site, self.index, &page.lang, &to, &what) {
                Some(Ok(html)) => {
                    let body = Body::Bytes(html.into_bytes());
                    self.sink.put(&from.output_file(), body, origin);
                }
                Some(Err(d)) => errors.push(d),
                None => {}
            }
        }
    }
}

/// A page to render with its template.
struct Rendering<'a, 'c> {
    page: &'a Page,
    /// Its text, when it was read already and its Markdown was not rendered yet.
    body: Option<String>,
    template: &'a str,
    ctx: &'a PageContext<'c>,
    /// The view without what the Markdown gave.
    view: PageView,
    origin: Origin,
}

/// "Is this page useful?" on a page of `section`, when site.yaml's `feedback:` names it.
fn feedback_form(
    config: &crate::config::Config,
    section: &str,
    permalink: &str,
) -> Option<crate::views::FeedbackView> {
    let feedback = config.feedback.as_ref().filter(|f| f.covers(section))?;
    Some(crate::views::FeedbackView {
        endpoint: feedback.endpoint.clone(),
        return_to: format!("{permalink}#feedback-thanks"),
    })
}
