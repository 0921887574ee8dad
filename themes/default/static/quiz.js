// lecgen default theme: self-check quizzes ([!QUIZ] callouts). Works
// offline and from file://.
//
// A student page holds no answer: each option carries the first 16 hex
// digits of SHA-256(salt + ":" + index + ":right") if it is right, and of
// "...:wrong" if not (internal/markdown/quiz.go). Check computes the
// "right" hash of each option and compares. That stops casual peeking,
// not a determined student; real grading needs a server.
//
// The last answers of each quiz are kept in localStorage, per page.
(function () {
  "use strict";

  // sha256 is SHA-256 of an ASCII string, as hex, for where
  // crypto.subtle is missing: it needs a secure context (https,
  // localhost, file://), not a site on a plain-http LAN address.
  var K = null, H0 = null;
  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
  function sha256(s) {
    var i;
    if (!K) {
      // The fractional parts of the primes' square and cube roots.
      K = []; H0 = [];
      for (var n = 2; K.length < 64; n++) {
        var d = 2;
        while (d * d <= n && n % d) d++;
        if (d * d <= n) continue;
        if (H0.length < 8) H0.push((Math.pow(n, 1 / 2) * 4294967296) | 0);
        K.push((Math.pow(n, 1 / 3) * 4294967296) | 0);
      }
    }
    var bytes = [];
    for (i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i) & 255);
    var bits = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    var hi = Math.floor(bits / 4294967296);
    bytes.push(hi >>> 24 & 255, hi >>> 16 & 255, hi >>> 8 & 255, hi & 255, bits >>> 24 & 255, bits >>> 16 & 255, bits >>> 8 & 255, bits & 255);
    var h = H0.slice(), w = [];
    for (var off = 0; off < bytes.length; off += 64) {
      for (i = 0; i < 16; i++) w[i] = bytes[off + 4 * i] << 24 | bytes[off + 4 * i + 1] << 16 | bytes[off + 4 * i + 2] << 8 | bytes[off + 4 * i + 3];
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], dd = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (dd + t1) | 0; dd = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + dd) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + hh) | 0;
    }
    var out = "";
    for (i = 0; i < 8; i++) out += ("0000000" + (h[i] >>> 0).toString(16)).slice(-8);
    return out;
  }

  // digest resolves to the hex SHA-256 of s: the browser's own where it
  // has one, else sha256.
  function digest(s) {
    var subtle = window.crypto && window.crypto.subtle;
    if (!subtle || !window.TextEncoder) return Promise.resolve(sha256(s));
    return subtle.digest("SHA-256", new TextEncoder().encode(s)).then(function (buf) {
      var b = new Uint8Array(buf), out = "";
      for (var i = 0; i < b.length; i++) out += (b[i] < 16 ? "0" : "") + b[i].toString(16);
      return out;
    }, function () { return sha256(s); });
  }

  function storageKey(form) { return "lecgen-quiz:" + location.pathname + ":" + form.getAttribute("data-quiz"); }
  function load(form) {
    try { return JSON.parse(localStorage.getItem(storageKey(form)) || "null"); } catch (e) { return null; }
  }
  // save keeps the choice and whether it was checked; null forgets it.
  // Storage may be off (private windows, some file:// setups).
  function save(form, state) {
    try {
      if (state) localStorage.setItem(storageKey(form), JSON.stringify(state));
      else localStorage.removeItem(storageKey(form));
    } catch (e) { /* the quiz works without */ }
  }

  function options(form) { return form.querySelectorAll(".quiz-option"); }
  function input(li) { return li.querySelector("input"); }
  function chosen(form) {
    var out = [], opts = options(form);
    for (var i = 0; i < opts.length; i++) if (input(opts[i]).checked) out.push(Number(input(opts[i]).value));
    return out;
  }

  // unmark takes the marks of a check off, keeping the choice.
  function unmark(form) {
    var opts = options(form);
    for (var i = 0; i < opts.length; i++) {
      var li = opts[i];
      li.classList.remove("quiz-right", "quiz-wrong", "quiz-chosen");
      var v = li.querySelector(".quiz-verdict");
      if (v) v.parentNode.removeChild(v);
      var fb = li.querySelector(".quiz-feedback");
      if (fb) fb.hidden = true;
    }
    form.classList.remove("quiz-passed", "quiz-failed");
    form.querySelector(".quiz-result").textContent = "";
    form.querySelector(".quiz-retry").hidden = true;
    form.removeAttribute("data-checked");
  }

  function check(form) {
    var many = form.getAttribute("data-answers") === "many";
    var result = form.querySelector(".quiz-result");
    var picks = chosen(form);
    if (!picks.length) {
      unmark(form);
      result.textContent = many ? "Choose at least one answer first." : "Choose an answer first.";
      return;
    }
    var salt = form.getAttribute("data-quiz"), opts = options(form), sums = [];
    for (var i = 0; i < opts.length; i++) sums.push(digest(salt + ":" + input(opts[i]).value + ":right"));
    Promise.all(sums).then(function (hex) {
      unmark(form);
      var got = 0, total = 0, wrong = 0;
      for (var i = 0; i < opts.length; i++) {
        var li = opts[i], right = hex[i].slice(0, 16) === li.getAttribute("data-h"), picked = input(li).checked;
        total += right ? 1 : 0;
        got += right && picked ? 1 : 0;
        wrong += !right && picked ? 1 : 0;
        li.classList.add(right ? "quiz-right" : "quiz-wrong");
        if (picked) li.classList.add("quiz-chosen");
        var v = document.createElement("span");
        v.className = "quiz-verdict";
        v.textContent = right ? (picked ? "✓ Right, your choice" : "✓ Right answer, not chosen") : (picked ? "✗ Wrong, your choice" : "✗ Wrong answer");
        li.querySelector("label").insertAdjacentElement("afterend", v);
        var fb = li.querySelector(".quiz-feedback");
        if (fb) fb.hidden = false;
      }
      var passed = got === total && wrong === 0;
      form.classList.add(passed ? "quiz-passed" : "quiz-failed");
      if (passed) result.textContent = many ? "Right: you chose every right answer." : "Right.";
      else if (!many) result.textContent = "Not quite: the right answer is marked.";
      else result.textContent = "Not quite: " + got + " of " + total + " right answers chosen" + (wrong ? ", and " + wrong + " wrong " + (wrong === 1 ? "one" : "ones") : "") + ".";
      form.querySelector(".quiz-retry").hidden = false;
      form.setAttribute("data-checked", "");
      save(form, { a: picks, c: true });
    });
  }

  function setUp(form) {
    form.querySelector(".quiz-actions").hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      check(form);
    });
    form.addEventListener("change", function () {
      if (form.hasAttribute("data-checked")) unmark(form);
      else form.querySelector(".quiz-result").textContent = "";
      var picks = chosen(form);
      save(form, picks.length ? { a: picks, c: false } : null);
    });
    form.querySelector(".quiz-retry").addEventListener("click", function () {
      var opts = options(form);
      for (var i = 0; i < opts.length; i++) input(opts[i]).checked = false;
      unmark(form);
      save(form, null);
      if (opts.length) input(opts[0]).focus();
    });
    var state = load(form);
    if (!state || !state.a || !state.a.length) return;
    var opts = options(form);
    for (var i = 0; i < opts.length; i++) input(opts[i]).checked = state.a.indexOf(Number(input(opts[i]).value)) >= 0;
    if (state.c) check(form);
  }

  function start() {
    var forms = document.querySelectorAll("form.callout-quiz[data-quiz]");
    for (var i = 0; i < forms.length; i++) setUp(forms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
