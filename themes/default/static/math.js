// lecgen default theme: typesets math with KaTeX (vendor/katex), in the
// page, with no network. Only pages with math load this and KaTeX.
//
// lecgen writes the TeX source into <span class="math math-inline">,
// <span class="math math-display"> and <div class="math math-display">;
// math it found malformed at build time carries class math-error and is
// left as it is.
//
// KaTeX runs with throwOnError: true and the error is caught here: with
// throwOnError: false KaTeX would still typeset a formula with an unknown
// command, only painting the command red, which is easy to miss and
// unreadable without colour. Instead, math KaTeX rejects shows its source,
// like math rejected at build time: class math-error (the theme adds a
// warning sign) and the error message as its title.
(function () {
  "use strict";
  if (!window.katex) return;

  // keepPunctuation keeps the punctuation right after a short inline
  // formula ("$x$, so") on the formula's line: Chromium may break between
  // KaTeX's boxes and a comma, which then starts the next line. The two
  // go in a span that does not wrap; a long formula (over 30 characters of
  // TeX) is left as it is, free to break at its operators on a phone.
  function keepPunctuation(el, tex) {
    var next = el.nextSibling, m = tex.length <= 30 && next && next.nodeType === 3 && /^[,.;:!?)\]\u2019\u201D]+/.exec(next.data);
    if (!m) return;
    var wrap = document.createElement("span");
    wrap.className = "math-nowrap";
    el.parentNode.insertBefore(wrap, el);
    wrap.appendChild(el);
    wrap.appendChild(document.createTextNode(m[0]));
    next.data = next.data.slice(m[0].length);
  }
  var els = document.querySelectorAll(".math:not(.math-error)");
  for (var i = 0; i < els.length; i++) {
    var el = els[i], tex = el.textContent, display = el.classList.contains("math-display");
    try {
      window.katex.render(tex, el, {
        displayMode: display,
        throwOnError: true,
        strict: "ignore",
        output: "htmlAndMathml"
      });
      el.classList.add("math-rendered");
      if (!display) keepPunctuation(el, tex);
    } catch (e) {
      var delim = display ? "$$" : "$", code = document.createElement("code");
      code.textContent = delim + tex + delim;
      el.textContent = "";
      el.appendChild(code);
      el.classList.add("math-error");
      el.title = "Math error: " + String(e && e.message || e).replace(/^KaTeX parse error: /, "");
    }
  }
})();
