// lecgen serve: live reload. Injected only by `lecgen serve`, never into
// `lecgen build` output.
(function () {
  "use strict";
  var KEY = "lecgen-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  function here() {
    var p = location.pathname;
    if (/\/index\.html$/.test(p)) p = p.slice(0, -"index.html".length);
    return p;
  }
  function overlay(text, previous) {
    var el = document.getElementById("lecgen-error-overlay");
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("div");
      el.id = "lecgen-error-overlay";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0e;color:#ffd7d5;border-top:4px solid #f85149;padding:1rem 1.25rem;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      document.body.appendChild(el);
    }
    el.textContent = (previous ? "lecgen: the last build failed; showing the previous version of the site.\n\n" :
      "lecgen: the site does not build yet; fix these and it appears.\n\n") + text;
  }
  var es = new EventSource("/__lecgen/events");
  es.addEventListener("errors", function (e) { var d = JSON.parse(e.data); overlay(d.text, d.previous); });
  es.addEventListener("ok", function () { overlay(""); });
  es.addEventListener("reload", function (e) {
    overlay("");
    var c = JSON.parse(e.data), p = here();
    if ((c.deleted || []).indexOf(p) >= 0) {
      var seg = p.split("/").filter(Boolean);
      var up = seg.length > 1 ? "/" + seg[0] + "/" : "/";
      location.href = (c.deleted || []).indexOf(up) >= 0 ? "/" : up;
      return;
    }
    if (c.all || (c.changed || []).indexOf(p) >= 0) {
      sessionStorage.setItem(KEY, String(window.scrollY));
      location.reload();
    }
  });
})();
