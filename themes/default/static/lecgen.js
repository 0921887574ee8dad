// lecgen default theme: keyboard navigation between slides. Works from
// file:// and needs no network.
(function () {
  "use strict";
  function editable(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }
  // Opened from a folder (file://), a link to "lora/" shows a folder
  // listing: point folder links at their index.html. On a web server the
  // pretty URLs stay.
  if (location.protocol === "file:") {
    var fix = function (root) {
      var links = root.querySelectorAll("a[href], link[rel=prev][href], link[rel=next][href]");
      for (var i = 0; i < links.length; i++) {
        var h = links[i].getAttribute("href");
        if (!h || /^[a-z][a-z0-9+.-]*:/i.test(h) || h.charAt(0) === "#") continue;
        var m = h.match(/^([^?#]*\/)([?#].*)?$/);
        if (m) links[i].setAttribute("href", m[1] + "index.html" + (m[2] || ""));
        else if (h === "" || h === "." || h === "..") links[i].setAttribute("href", (h === "" ? "" : h + "/") + "index.html");
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { fix(document); });
    else fix(document);
  }
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || editable(document.activeElement)) return;
    var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('link[rel="' + rel + '"]');
    if (link) {
      e.preventDefault();
      window.location.href = link.href;
    }
  });
})();
