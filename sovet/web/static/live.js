/* Live parts of Sovet's pages, without a build step. An element with
   data-live-events="<url>" subscribes to that server-sent event stream: each
   "counts" event's data replaces the element's content, and a "closed" event ends the
   subscription and hides the parts marked data-open-only. Without JavaScript the same content is on the page at each reload. */
(function () {
  "use strict";
  function subscribe(el) {
    if (!window.EventSource || el.dataset.liveBound) { return; }
    el.dataset.liveBound = "1";
    var source = new EventSource(el.dataset.liveEvents);
    source.addEventListener("counts", function (e) {
      el.innerHTML = e.data;
      if (window.htmx) { window.htmx.process(el); }
    });
    source.addEventListener("closed", function () {
      source.close();
      // the ballot and the chair's form are for an open poll only
      document.querySelectorAll("[data-open-only]").forEach(function (part) {
        part.hidden = true;
      });
    });
  }
  function start() {
    document.querySelectorAll("[data-live-events]").forEach(subscribe);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
