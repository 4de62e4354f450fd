/* dala serve: reloads the page when a rebuild changed it (or a stylesheet, script, font or
   image it may use), and shows the build's errors over the page when a change broke the
   site (the page stays as it was last built). */
(function () {
  "use strict";
  var first = true, box = null;
  function show(errors, heading) {
    if (!box) {
      box = document.createElement("div");
      box.id = "dala-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;top:0;max-height:70vh;overflow:auto;" +
        "z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2a0c0c;color:#ffecec;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;" +
        "border-bottom:4px solid #e5484d";
      document.body.appendChild(box);
    }
    box.textContent = (heading || "dala: the last change does not build; this is the page as it was.") +
      "\n\n" + errors.join("\n");
  }
  function affected(changed) {
    if (!changed) return true;
    var here = decodeURIComponent(location.pathname);
    if (here.slice(-1) === "/") here += "index.html";
    for (var i = 0; i < changed.length; i++) {
      var c = changed[i];
      if (c === here || /\.(css|js|woff2?|svg|png|jpe?g|gif|webp|avif|ico)$/.test(c)) return true;
    }
    return false;
  }
  // A service worker that a build with `offline: true` left at this address (dala serve
  // builds without one) would stand between the page and the server: it is removed.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.getRegistrations().then(function (found) {
      found.forEach(function (r) { r.unregister(); });
    }, function () {});
  }
  var events = new EventSource("/__dala/events");
  events.onmessage = function (e) {
    var state = JSON.parse(e.data);
    var was = first;
    first = false;
    if (state.errors) show(state.errors, state.heading);
    else if (box || (!was && affected(state.changed))) location.reload();
  };
})();
