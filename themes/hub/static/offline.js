/* Offline reading (site.yaml `offline: true`): registers dala's service worker, which keeps
   the pages read here for reading without a connection. The script's data-worker and
   data-scope name the worker and the part of the site it serves. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(me.getAttribute("data-worker"), { scope: me.getAttribute("data-scope") })
    .catch(function () {});
})();
