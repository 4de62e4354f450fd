/* dala search. Finds words in the index that `dala build` wrote under the folder named by
   the form's data-index, downloading only the index shards of the query's words and the
   documents it shows. Stems words with the rules in meta.json, as the build did. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status || !window.fetch) return;
  var base = form.getAttribute("data-index");
  var PAGE = 10;
  var files = {};
  var meta = null;
  var run = 0;

  function load(path) {
    if (!files[path]) {
      files[path] = fetch(base + path)
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return files[path];
  }

  function hex(s) {
    return Array.from(new TextEncoder().encode(s), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function normalize(w) {
    if (meta.turkic) w = w.replace(/I/g, "\u0131").replace(/\u0130/g, "i");
    w = w.toLowerCase();
    meta.fold.forEach(function (f) { w = w.split(f[0]).join(f[1]); });
    return w;
  }

  function stem(w) {
    var c = Array.from(w);
    for (var pass = 0; pass < meta.passes; pass++) {
      var before = c.length;
      meta.layers.forEach(function (layer) {
        var best = null;
        layer.forEach(function (rule) {
          var n = Array.from(rule[0]).length;
          if (n > (best ? best[0] : 0) && c.length >= n + meta.min_stem &&
              c.slice(c.length - n).join("") === rule[0] &&
              (!rule[2] || rule[2].indexOf(c[c.length - n - 1]) >= 0)) best = [n, rule[1]];
        });
        if (best) c = c.slice(0, c.length - best[0]).concat(Array.from(best[1]));
      });
      if (c.length === before) break;
    }
    return c.join("");
  }

  function words(text) {
    return (text.normalize("NFC").match(/[\p{Alphabetic}\p{N}]+/gu) || [])
      .filter(function (w) { return Array.from(w).length > 1; });
  }

  function shardOf(s) {
    var c = Array.from(s);
    for (var n = Math.min(4, c.length); n > 0; n--) {
      var p = c.slice(0, n).join("");
      if (meta.shardSet[p]) return p;
    }
    return null;
  }

  // The documents of one query word: exact stem, or stems it begins (the word being typed).
  function postings(stemmed, last) {
    var p = shardOf(stemmed);
    var done = p === null ? Promise.resolve(null) : load("s/" + hex(p) + ".json");
    return done.then(function (shard) {
      var out = { df: 0, capped: false, docs: new Map() };
      if (!shard) return out;
      var keys = stemmed in shard ? [stemmed] : !last ? [] :
        Object.keys(shard).filter(function (k) { return k.indexOf(stemmed) === 0; });
      keys.forEach(function (k) {
        var a = shard[k], d = 0;
        out.df = Math.max(out.df, a[0]);
        if (a[0] * 2 > a.length - 1) out.capped = true;
        for (var i = 1; i < a.length; i += 2) {
          d += a[i];
          out.docs.set(d, (out.docs.get(d) || 0) + a[i + 1]);
        }
      });
      return out;
    });
  }

  function rank(lists) {
    var scores = new Map();
    lists.forEach(function (l) {
      var idf = Math.log(1 + meta.docs / Math.max(1, l.df));
      l.docs.forEach(function (w, d) {
        var s = scores.get(d) || [0, 0];
        scores.set(d, [s[0] + 1, s[1] + w * idf]);
      });
    });
    // Documents with every word; a word whose list was cut to its best documents cannot
    // rule a document out.
    var must = lists.filter(function (l) { return !l.capped; });
    if (!must.length) must = lists;
    var all = [];
    scores.forEach(function (s, d) {
      if (must.every(function (l) { return l.docs.has(d); })) all.push([d, s[0], s[1]]);
    });
    if (!all.length) scores.forEach(function (s, d) { all.push([d, s[0], s[1]]); });
    all.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || a[0] - b[0]; });
    return all.map(function (r) { return r[0]; });
  }

  function say(text) { status.textContent = text; }

  function show(found, from, mine) {
    var shown = found.slice(from, from + PAGE);
    return Promise.all(shown.map(function (d) {
      return load("d/" + Math.floor(d / meta.chunk) + ".json").then(function (chunk) {
        return chunk && chunk[d % meta.chunk];
      });
    })).then(function (docs) {
      if (mine !== run) return;
      var old = document.getElementById("search-more");
      if (old) old.remove();
      docs.forEach(function (doc) {
        if (!doc) return;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = doc[1];
        a.textContent = doc[0];
        var h = document.createElement("h2");
        h.appendChild(a);
        li.appendChild(h);
        if (doc[2]) {
          var date = document.createElement("p");
          date.className = "meta";
          date.textContent = doc[2];
          li.appendChild(date);
        }
        if (doc[3]) {
          var p = document.createElement("p");
          p.textContent = doc[3];
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      if (from + PAGE < found.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.id = "search-more";
        more.textContent = form.getAttribute("data-more");
        more.addEventListener("click", function () {
          show(found, from + PAGE, mine).then(function () {
            var next = list.children[from + PAGE];
            var link = next && next.querySelector("a");
            if (link) link.focus();
          });
        });
        list.insertAdjacentElement("afterend", more);
      }
    });
  }

  function search(query) {
    var mine = ++run;
    var ready = meta ? Promise.resolve(meta) : load("meta.json").then(function (m) {
      if (m) {
        m.shardSet = {};
        m.shards.forEach(function (s) { m.shardSet[s] = true; });
      }
      meta = m;
      return m;
    });
    return ready.then(function (m) {
      if (mine !== run) return;
      list.textContent = "";
      var old = document.getElementById("search-more");
      if (old) old.remove();
      if (!m) { say(form.getAttribute("data-error")); return; }
      var ws = words(query).slice(0, 10);
      if (!ws.length) { say(""); return; }
      var stems = ws.map(function (w) { return stem(normalize(w)); });
      var last = /[\p{Alphabetic}\p{N}]$/u.test(query);
      return Promise.all(stems.map(function (s, i) {
        return postings(s, last && i === stems.length - 1);
      })).then(function (lists) {
        if (mine !== run) return;
        var found = rank(lists);
        // A single word's list may keep only its best documents: count them all.
        var total = lists.length === 1 ? Math.max(lists[0].df, found.length) : found.length;
        say(found.length ? form.getAttribute("data-found").replace("{n}", total)
                         : form.getAttribute("data-none"));
        return show(found, 0, mine);
      });
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 200);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    search(input.value);
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search(q);
  }
})();
