/* dala's service worker (site.yaml `offline: true`; docs/offline.md). Pages the reader opens
   are kept in this browser for reading without a connection, up to a number of pages and of
   bytes, the oldest going first; the images they show with them. The home page, stylesheet
   and offline page of the reader's language are kept on the first visit. Pages come from
   the network first, so they are fresh when there is one; then from what was kept; else the
   offline page of the page's language. Stylesheets and scripts, named by their content,
   come from what was kept first.

   Everything is kept in one cache per version: the version is a hash of what this build
   keeps first (the names of its stylesheets and scripts, its offline pages). A new version
   fetches anew the pages the reader had kept, before it takes over, so that no page of one
   build is shown with another build's stylesheet; then it deletes the old caches.
   dala writes the line BUILD = ... when it builds the site. */
"use strict";
const BUILD = /*BUILD*/ {};
const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = "dala:" + SCOPE + ":";
const CACHE = PREFIX + BUILD.version;
// What is said of a copy the reader's visits kept (not of what the worker keeps first).
const KIND = "x-dala-kind", SAVED = "x-dala-saved", SIZE = "x-dala-size",
  TITLE = "x-dala-title", LANG = "x-dala-lang";
const ASSETS = new Set(BUILD.assets);
const LANGS = Object.keys(BUILD.langs);
// Pages the worker keeps first: never evicted to make room.
const PINNED = new Set();
for (const lang of LANGS) {
  PINNED.add(location.origin + BUILD.langs[lang].home);
  PINNED.add(location.origin + BUILD.langs[lang].offline);
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    if (self.registration.navigationPreload) {
      await self.registration.navigationPreload.enable().catch(() => {});
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || !url.pathname.startsWith(SCOPE)) return;
  if (request.mode === "navigate") event.respondWith(navigate(event, url));
  else if (ASSETS.has(url.pathname)) event.respondWith(asset(request, url));
  // The browser asks every site for its icon on its own: not an image of a page.
  else if (request.destination === "image" && url.pathname !== SCOPE + "favicon.ico") {
    event.respondWith(image(event, request));
  }
});

/* The language of a page of the site: the first folder of its path, if it is one. */
function languageOf(url) {
  const u = new URL(url, location.href);
  if (u.origin !== location.origin || !u.pathname.startsWith(SCOPE)) return null;
  let first = u.pathname.slice(SCOPE.length).split("/")[0];
  try { first = decodeURIComponent(first); } catch (e) { return null; }
  return Object.prototype.hasOwnProperty.call(BUILD.langs, first) ? first : null;
}

async function install() {
  const cache = await caches.open(CACHE);
  const clients = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const langs = new Set(clients.map((c) => languageOf(c.url)).filter(Boolean));
  for (const lang of langs) await keepLanguage(cache, lang);
  // The page the reader arrived on was fetched before the worker ran: it is kept too.
  for (const client of clients) {
    if (!languageOf(client.url)) continue;
    const url = new URL(client.url);
    const key = url.origin + url.pathname;
    const response = await fetch(key).catch(() => null);
    if (response && response.ok && !response.redirected && isPage(response)) {
      await save(cache, key, response, Date.now());
    }
  }
  await carryOver(cache);
}

/* The home page, offline page, stylesheets and scripts of `lang`, if not kept yet. */
async function keepLanguage(cache, lang) {
  const set = BUILD.langs[lang];
  const wanted = [set.home, set.offline].concat(set.assets);
  const missing = [];
  for (const path of wanted) if (!(await cache.match(path))) missing.push(path);
  await Promise.all(missing.map(async (path) => {
    // Pages are asked again of the server (it answers 304 when they are unchanged).
    const response = await fetch(path, { cache: ASSETS.has(path) ? "default" : "no-cache" });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    await cache.put(path, ASSETS.has(path) ? response : await plain(response, {}));
  }));
}

/* What the reader kept under an older version: each page fetched anew from this build (a
   page it no longer has is dropped), images as they were. Without a connection the install
   fails, and the old version goes on serving its own pages until the next try. */
async function carryOver(cache) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const copy = await old.match(request);
      const kind = copy && copy.headers.get(KIND);
      if (kind === "image") {
        if (!(await cache.match(request))) await cache.put(request, copy);
      } else if (kind === "page") {
        const response = await fetch(request.url, { cache: "no-cache" });
        if (!response.ok || response.redirected || !isPage(response)) continue;
        const html = await save(cache, request.url, response, Number(copy.headers.get(SAVED)));
        await keepAssetsOf(cache, html);
      }
    }
  }
  await trim(cache);
}

/* The stylesheets and scripts of this build that a page names. */
async function keepAssetsOf(cache, html) {
  for (const path of ASSETS) {
    if (html.indexOf('"' + path + '"') < 0 || (await cache.match(path))) continue;
    const response = await fetch(path);
    if (response.ok) await cache.put(path, response);
  }
}

async function navigate(event, url) {
  const key = url.origin + url.pathname;
  const cache = await caches.open(CACHE);
  const lang = languageOf(url.href);
  const fresh = fromNetwork(event);
  const later = [fresh.then((response) => {
    if (response.ok && isPage(response) && !response.redirected) {
      return save(cache, key, response.clone(), Date.now()).then(() => trim(cache));
    }
    if (response.status === 404 || response.status === 410) return cache.delete(key);
  })];
  if (lang) later.push(keepLanguage(cache, lang));
  event.waitUntil(Promise.all(later.map((p) => p.catch(() => {}))));
  const kept = cache.match(key);
  try {
    const response = await race(fresh, kept);
    if (response.status >= 500) return (await kept) || response;
    return response;
  } catch (e) {
    const copy = await kept;
    if (copy) return copy;
    // `/en/page` kept as `/en/page/`: the folder's address, as the server would answer.
    if (!url.pathname.endsWith("/") && (await cache.match(key + "/"))) {
      return Response.redirect(key + "/" + url.search, 301);
    }
    return (await offlinePage(cache, lang)) || Response.error();
  }
}

/* The page from the network: the browser's navigation preload if there is one. */
function fromNetwork(event) {
  return Promise.resolve(event.preloadResponse)
    .catch(() => null)
    .then((preloaded) => preloaded || fetch(event.request));
}

/* The network's answer; on a link too slow to answer in BUILD.timeout ms, the kept copy
   if there is one (the network's answer still replaces it when it comes). */
function race(fresh, kept) {
  return new Promise((resolve, reject) => {
    fresh.then(resolve, reject);
    setTimeout(() => kept.then((copy) => { if (copy) resolve(copy); }), BUILD.timeout);
  });
}

async function offlinePage(cache, lang) {
  const order = lang ? [lang].concat(LANGS) : [BUILD.default].concat(LANGS);
  for (const l of order) {
    const page = await cache.match(BUILD.langs[l].offline);
    if (page) return page;
  }
  return null;
}

async function asset(request, url) {
  const cache = await caches.open(CACHE);
  const copy = await cache.match(url.pathname);
  if (copy) return copy;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(url.pathname, response.clone());
  return response;
}

async function image(event, request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(copy.arrayBuffer().then((body) => {
        if (body.byteLength > BUILD.image_bytes) return null;
        const headers = { [KIND]: "image", [SAVED]: String(Date.now()), [SIZE]: String(body.byteLength) };
        return cache.put(request.url, rebuilt(copy, body, headers)).then(() => trim(cache));
      }).catch(() => {}));
    }
    return response;
  } catch (e) {
    return (await cache.match(request.url)) || Response.error();
  }
}

function isPage(response) {
  return (response.headers.get("content-type") || "").indexOf("text/html") >= 0;
}

/* A kept copy: the body read whole, the headers of the original with ours. */
async function plain(response, extra) {
  return rebuilt(response, await response.arrayBuffer(), extra);
}

function rebuilt(response, body, extra) {
  const headers = new Headers(response.headers);
  headers.delete("content-encoding");
  headers.delete("content-length");
  for (const name of Object.keys(extra)) headers.set(name, extra[name]);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/* Keeps a page the reader opened, with its title and when; gives its HTML. */
async function save(cache, key, response, time) {
  const body = await response.arrayBuffer();
  const html = new TextDecoder().decode(body);
  await cache.put(key, rebuilt(response, body, {
    [KIND]: "page",
    [SAVED]: String(time || Date.now()),
    [SIZE]: String(body.byteLength),
    [TITLE]: encodeURIComponent(titleOf(html)),
    [LANG]: languageOf(key) || "",
  }));
  return html;
}

/* A page's heading (else its title) as plain text. */
function titleOf(html) {
  const found = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html) || /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!found) return "";
  const entities = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return found[1]
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        try { return String.fromCodePoint(code); } catch (e) { return all; }
      }
      return entities[name.toLowerCase()] || all;
    })
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

/* Evicts the oldest pages and images while there are more than BUILD.pages pages or more
   than BUILD.bytes bytes of them. One trim at a time. */
let trimming = Promise.resolve();
function trim(cache) {
  trimming = trimming.then(() => trimNow(cache)).catch(() => {});
  return trimming;
}

async function trimNow(cache) {
  const kept = [];
  for (const request of await cache.keys()) {
    if (PINNED.has(request.url)) continue;
    const copy = await cache.match(request);
    const kind = copy && copy.headers.get(KIND);
    if (!kind) continue;
    kept.push({
      request,
      page: kind === "page",
      time: Number(copy.headers.get(SAVED)) || 0,
      size: Number(copy.headers.get(SIZE)) || 0,
    });
  }
  kept.sort((a, b) => a.time - b.time);
  let pages = kept.filter((k) => k.page).length;
  let bytes = kept.reduce((sum, k) => sum + k.size, 0);
  for (const k of kept) {
    if (pages <= BUILD.pages && bytes <= BUILD.bytes) break;
    await cache.delete(k.request);
    bytes -= k.size;
    if (k.page) pages -= 1;
  }
}
