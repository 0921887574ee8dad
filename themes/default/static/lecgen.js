// lecgen default theme: keyboard navigation between slides. Works from
// file:// and needs no network.
(function () {
  "use strict";
  // A page with a self-check quiz loads quiz.js, from beside this file
  // (so from file:// and under a sub-path too).
  var self = document.currentScript;
  if (self && self.src && document.querySelector("form.callout-quiz[data-quiz]")) {
    var quiz = document.createElement("script");
    quiz.src = self.src.replace(/lecgen\.js([?#].*)?$/, "quiz.js");
    document.head.appendChild(quiz);
  }
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
  // A block that scrolls sideways (a long code line, a wide formula or
  // table) and holds nothing focusable joins the Tab order, so that the
  // keyboard can scroll it (WCAG 2.1.1); it leaves again when it fits.
  var scrollers = "pre, div.chroma, .math-display, table";
  var focusable = "a[href], button, input, select, textarea, [tabindex]";
  function scrollable() {
    var els = document.querySelectorAll(scrollers);
    for (var i = 0; i < els.length; i++) {
      var el = els[i], added = el.hasAttribute("data-scroll-focus");
      var scrolls = el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX);
      if (scrolls && !added && !el.hasAttribute("tabindex") && !el.querySelector(focusable)) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && added) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-focus");
      }
    }
  }
  var pending = 0;
  function later() {
    if (!pending) pending = requestAnimationFrame(function () { pending = 0; scrollable(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later); else later();
  window.addEventListener("load", later);
  window.addEventListener("resize", later);

  // Escape hides the glossary tooltip being shown, without moving the
  // focus or the pointer; it shows again once both have left the term
  // (WCAG 1.4.13).
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = document.querySelectorAll(".term:hover, .term:focus-within");
    for (var i = 0; i < open.length; i++) open[i].classList.add("tip-hidden");
  });
  function leave(e) {
    var term = e.target.closest && e.target.closest(".term.tip-hidden");
    if (!term || (e.relatedTarget && term.contains(e.relatedTarget))) return;
    // Focus leaving while the pointer stays, or the reverse: still hidden.
    if (term.matches(e.type === "focusout" ? ":hover" : ":focus-within")) return;
    term.classList.remove("tip-hidden");
  }
  document.addEventListener("focusout", leave);
  document.addEventListener("mouseout", leave);
  // A tooltip near the right edge of a narrow screen moves left to stay
  // inside the window.
  function place(e) {
    var term = e.target.closest && e.target.closest(".term");
    var tip = term && term.querySelector(".term-tip");
    if (!tip) return;
    tip.style.left = "";
    // Moving it can change its width (it shrinks to fit), hence the loop.
    for (var i = 0, left = 0; i < 3; i++) {
      var r = tip.getBoundingClientRect(), over = Math.min(r.right - (document.documentElement.clientWidth - 8), r.left - 8);
      if (over <= 0) break;
      left -= over;
      tip.style.left = left + "px";
    }
  }
  document.addEventListener("focusin", place);
  document.addEventListener("mouseover", place);

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
