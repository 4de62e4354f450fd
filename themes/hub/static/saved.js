/* The offline page: lists the pages this browser keeps for reading without a connection
   (read from the service worker's cache; see docs/offline.md), the newest first, and shows
   a button that tries the address again. Without JavaScript the page's text stays. */
(function () {
  "use strict";
  var list = document.getElementById("offline-saved");
  var none = document.getElementById("offline-none");
  var retry = document.getElementById("offline-retry");
  if (retry) {
    retry.hidden = false;
    retry.addEventListener("click", function () { location.reload(); });
  }
  if (!list || !window.caches) return;
  var prefix = "dala:" + list.getAttribute("data-scope") + ":";
  function entries(name) {
    return caches.open(name).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (r) {
            if (!r || r.headers.get("x-dala-kind") !== "page") return null;
            var title = "";
            try { title = decodeURIComponent(r.headers.get("x-dala-title") || ""); } catch (e) { /* kept as none */ }
            return {
              url: request.url,
              title: title || decodeURI(new URL(request.url).pathname),
              lang: r.headers.get("x-dala-lang") || "",
              time: Number(r.headers.get("x-dala-saved")) || 0
            };
          });
        }));
      });
    });
  }
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(prefix) === 0; }).map(entries));
  }).then(function (found) {
    var seen = {};
    var pages = [].concat.apply([], found).filter(function (p) {
      if (!p || seen[p.url]) return false;
      seen[p.url] = true;
      return true;
    });
    pages.sort(function (a, b) { return b.time - a.time; });
    pages.forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      if (p.lang && p.lang !== document.documentElement.lang) {
        link.lang = p.lang;
        link.hreflang = p.lang;
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = pages.length === 0;
    if (none) none.hidden = pages.length > 0;
  }).catch(function () {});
})();
