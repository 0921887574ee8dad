// lecgen default theme: a copy button on every code block. The button is
// a real <button>, so it is reachable with Tab and works with Enter and
// Space; "Copied" is announced through a polite live region. Print
// style sheets hide it (.copy-button).
(function () {
  "use strict";
  var codes = document.querySelectorAll("pre > code");
  if (!codes.length) return;

  var live = document.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  function text(code) {
    // Inline line numbers (<span class="ln">) are not part of the code.
    var c = code.cloneNode(true), ln = c.querySelectorAll(".ln, .lnt");
    for (var i = 0; i < ln.length; i++) ln[i].remove();
    return c.textContent.replace(/\n$/, "");
  }
  function fallbackCopy(s) {
    var ta = document.createElement("textarea");
    ta.value = s;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    ta.remove();
    return ok;
  }
  function copy(s, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(s).then(function () { done(true); }, function () { done(fallbackCopy(s)); });
    } else {
      done(fallbackCopy(s));
    }
  }

  Array.prototype.forEach.call(codes, function (code) {
    var pre = code.parentNode;
    // The block's outermost element: the titled wrapper, the line-number
    // table's wrapper, or the <pre> itself.
    var block = pre.closest(".code-block") || pre.closest("div.chroma") || pre;
    var wrap = block.parentNode;
    if (!wrap.classList || !wrap.classList.contains("code-wrap")) {
      wrap = document.createElement("div");
      wrap.className = "code-wrap";
      block.parentNode.insertBefore(wrap, block);
      wrap.appendChild(block);
    }
    if (block.classList.contains("code-block")) wrap.classList.add("has-title");
    var title = block.querySelector && block.querySelector(".code-title");
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy-button";
    // Visible "Copy", heard "Copy code" (or "Copy main.go").
    var label = document.createElement("span");
    label.textContent = "Copy";
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = title ? " " + title.textContent : " code";
    btn.appendChild(label);
    btn.appendChild(hidden);
    var timer = 0;
    btn.addEventListener("click", function () {
      copy(text(code), function (ok) {
        label.textContent = ok ? "Copied" : "Copy failed";
        live.textContent = "";
        // A fresh text node makes repeated copies announce again.
        setTimeout(function () { live.textContent = ok ? "Copied" : "Copy failed"; }, 50);
        clearTimeout(timer);
        timer = setTimeout(function () { label.textContent = "Copy"; }, 2000);
      });
    });
    wrap.insertBefore(btn, wrap.firstChild);
  });
})();
