/* The catalogue's filters (themes/hub/templates/macros.html, `catalogue`). Without this
   script each facet value is a link to a page of its own. With it, each value is a
   checkbox: values of one facet widen the choice (OR), facets narrow it (AND); each value
   shows how many entries choosing it would leave; the choice is kept in the query string
   (?type=software&countries=kz), so a filtered view can be shared and reloaded; and a live
   region says how many entries are shown, in the page's language and plural form. */
(function () {
  var root = document.querySelector("[data-catalogue]");
  if (!root) return;
  var status = root.querySelector(".catalogue-status");
  var entries = Array.prototype.map.call(root.querySelectorAll(".catalogue-entries > li"), function (li) {
    var values = {};
    (li.getAttribute("data-facets") || "").split(" ").forEach(function (token) {
      var eq = token.indexOf("=");
      if (eq < 1) return;
      var field = token.slice(0, eq);
      (values[field] = values[field] || {})[token.slice(eq + 1)] = true;
    });
    return { li: li, values: values };
  });
  var facets = Array.prototype.map.call(root.querySelectorAll(".facet[data-field]"), function (box) {
    var field = box.getAttribute("data-field");
    var options = Array.prototype.map.call(box.querySelectorAll("li[data-value]"), function (li) {
      var value = li.getAttribute("data-value");
      var link = li.querySelector("a");
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = field;
      input.value = value;
      var text = document.createElement("span");
      text.textContent = link.textContent;
      var count = li.querySelector(".count");
      label.append(input, " ", text, " ", count);
      li.replaceChildren(label);
      input.addEventListener("change", update);
      return { value: value, input: input, count: count, li: li };
    });
    return { field: field, options: options, box: box };
  });

  /* The plural form of `n` in the page's language: the sample with the same CLDR
     category, its number replaced by `n`. */
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;
  var samples = [1, 2, 3, 5, 11, 21, 22, 25, 101, 0];
  function counted(n) {
    var sample = samples.find(function (s) { return rules && rules.select(s) === rules.select(n); });
    if (sample === undefined) sample = n === 1 ? 1 : 2;
    var text = status.getAttribute("data-n" + sample) || "";
    return text.replace(String(sample), String(n));
  }

  function chosen() {
    var out = {};
    facets.forEach(function (f) {
      var on = f.options.filter(function (o) { return o.input.checked; }).map(function (o) { return o.value; });
      if (on.length) out[f.field] = on;
    });
    return out;
  }

  function matches(entry, choice, except) {
    return Object.keys(choice).every(function (field) {
      if (field === except) return true;
      var has = entry.values[field] || {};
      return choice[field].some(function (v) { return has[v]; });
    });
  }

  function update() {
    var choice = chosen();
    var shown = 0;
    entries.forEach(function (e) {
      var on = matches(e, choice);
      e.li.hidden = !on;
      if (on) shown += 1;
    });
    facets.forEach(function (f) {
      var others = entries.filter(function (e) { return matches(e, choice, f.field); });
      f.options.forEach(function (o) {
        var n = others.filter(function (e) { return (e.values[f.field] || {})[o.value]; }).length;
        o.count.textContent = "(" + n + ")";
        o.li.classList.toggle("empty", n === 0 && !o.input.checked);
      });
    });
    var any = Object.keys(choice).length > 0;
    root.querySelector(".facets-clear").hidden = !any;
    root.querySelector(".catalogue-empty").hidden = shown > 0;
    status.textContent = counted(shown);
    var params = new URLSearchParams(location.search);
    facets.forEach(function (f) { params.delete(f.field); });
    Object.keys(choice).forEach(function (field) {
      choice[field].forEach(function (v) { params.append(field, v); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  root.querySelector("[data-clear]").addEventListener("click", function () {
    facets.forEach(function (f) { f.options.forEach(function (o) { o.input.checked = false; }); });
    update();
    status.focus();
  });
  status.tabIndex = -1;

  var params = new URLSearchParams(location.search);
  facets.forEach(function (f) {
    var wanted = params.getAll(f.field);
    f.options.forEach(function (o) { o.input.checked = wanted.indexOf(o.value) >= 0; });
    if (wanted.length) f.box.open = true;
  });
  update();
})();
