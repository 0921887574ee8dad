// lecgen default theme: full-text search.
//
// lecgen writes the index at build time (internal/search): it is loaded
// here as a script, not fetched, so search works from file:// as well as
// over HTTP, with no network. It is loaded on first use, not with the page.
// `lecgen serve` marks its pages with <meta name="lecgen-search"
// content="json"> and serves the same data as .json files, fetched: its
// preview holds drafts and notes, and any site can run a script of it.
//
//   static/search-index.js   window.lecgenSearchIndex = {v, stop, lectures,
//                            docs, chunks, words, post}
//   static/search/N.js       lecgenSearchChunk(N, [text, ...]): the text
//                            that snippets are cut from, loaded per result
//   (as JSON: static/search-index.json {v, ...}, static/search/N.json [text, ...])
//
// Matching: every query word must match (if none matches them all, the
// best partial matches are shown). A word matches exactly, as a prefix
// ("distil" -> "distillation") and, from 5 letters on, with one typo (two
// from 9 letters: "adaptr" -> "adapter"). Titles and glossary terms rank
// above slide text, slide text above speaker notes.
//
// The UI is the ARIA combobox pattern: focus stays in the text box, the
// arrow keys move aria-activedescendant through the listbox's options
// (real links, so a click or middle-click works), Enter opens one, Escape
// closes the list. A live region announces the number of results.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !("normalize" in String.prototype)) return;
  var input = form.querySelector("input");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[role=status]");
  if (!input || !list || !status) return;
  var root = form.getAttribute("data-root") || "";
  var fileMode = location.protocol === "file:";
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  var MAX_SHOWN = 20;
  var MAX_EXPANSIONS = 60;
  var W_TITLE = 8, W_BODY = 2, W_NOTES = 1, W_LECTURE = 0.75;

  // --- Tokenising: the same rules as internal/search/tokenize.go.
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}+/gu;
  function norm(s) { return s.toLowerCase().normalize("NFKD").replace(MARKS, ""); }
  function tokens(s, stop) {
    var out = [], m, w;
    s = norm(s);
    WORD.lastIndex = 0;
    while ((m = WORD.exec(s))) {
      w = m[0];
      if (w.length > 40) w = Array.from(w).slice(0, 40).join("");
      if (w.length < 2 || (w.length === 2 && Array.from(w).length < 2)) continue;
      if (stop && stop[w]) continue;
      out.push(w);
    }
    return out;
  }

  // --- Loading.
  var ix = null, state = "idle"; // idle, loading, ready, failed
  var chunks = [], chunkLoading = {};
  window.lecgenSearchChunk = function (n, texts) { chunks[n] = texts; };

  function loadScript(src, ok, fail) {
    var s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = ok;
    s.onerror = fail;
    document.head.appendChild(s);
  }
  var asJSON = !!document.querySelector('meta[name="lecgen-search"][content="json"]');
  // load gets static/NAME.js (a script that sets a global or calls a
  // function) or, as JSON, static/NAME.json, whose data it hands to ok.
  function load(name, ok, fail) {
    if (!asJSON) { loadScript(root + "static/" + name + ".js", function () { ok(); }, fail); return; }
    fetch(root + "static/" + name + ".json", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(ok, fail);
  }
  function loadIndex() {
    if (state !== "idle") return;
    state = "loading";
    load("search-index", function (data) {
      var raw = asJSON ? data : window.lecgenSearchIndex;
      if (!raw || raw.v !== 1) { state = "failed"; announce("Search is unavailable: the index has an unknown format."); return; }
      ix = prepare(raw);
      state = "ready";
      if (input.value) run();
    }, function () {
      state = "failed";
      announce("Search is unavailable: the index could not be loaded.");
    });
  }
  function loadChunk(n) {
    if (chunks[n] || chunkLoading[n]) return;
    chunkLoading[n] = true;
    load("search/" + n, function (texts) {
      if (texts) chunks[n] = texts;
      fillSnippets();
    }, function () {});
  }

  // --- The index, decoded.
  var MORE = "!#$%'()*+,-./0123456789:;=?@ABCD";
  var NEXT = "EFGHIJKLMNOPQRSTUVWXYZ[]^_`a";
  var END = "bcdefghijklmnopqrstuvwxyz{|}";
  var DIGIT = [], KIND = []; // by char code: value, and 0 more / 1 next / 2 end
  [MORE, NEXT, END].forEach(function (set, kind) {
    for (var i = 0; i < set.length; i++) { DIGIT[set.charCodeAt(i)] = i; KIND[set.charCodeAt(i)] = kind; }
  });

  function prepare(raw) {
    var stop = {};
    raw.stop.split(" ").forEach(function (w) { stop[w] = true; });
    var entries = new Map(); // word -> {p: [start, end] in raw.post or null, t: [doc] titles, l: [lecture]}
    function entry(w) {
      var e = entries.get(w);
      if (!e) { e = { p: null, t: null, l: null, df: 0 }; entries.set(w, e); }
      return e;
    }
    // Words and where their postings start: the end digits delimit words.
    var s = raw.words, post = raw.post, prev = "", i = 0, at = 0;
    while (i < s.length) {
      var j = i + 1;
      while (j < s.length && (s.charCodeAt(j) < 65 || s.charCodeAt(j) > 90)) j++;
      var w = prev.slice(0, s.charCodeAt(i) - 65) + s.slice(i + 1, j);
      var start = at, n = 0;
      while (at < post.length) {
        var k = KIND[post.charCodeAt(at++)];
        if (k) n++;
        if (k === 2) break;
      }
      var e = entry(w);
      e.p = [start, at];
      e.df += n;
      prev = w;
      i = j;
    }
    var docs = raw.docs.map(function (d, id) {
      var lec = d[2] >= 0 ? raw.lectures[d[2]] : null, url = d[3];
      if (d[0] === "s" || d[0] === "l") url = (lec ? lec[1] : "") + url;
      else if (d[0] === "g") url = "glossary/#" + url;
      var seen = {};
      tokens(d[1] + " " + (d[5] || []).join(" "), stop).forEach(function (w) {
        if (seen[w]) return;
        seen[w] = true;
        var e = entry(w);
        (e.t = e.t || []).push(id);
        e.df++;
      });
      return { kind: d[0], title: d[1], lecture: d[2], url: url, length: d[4] };
    });
    // BM25's length normalisation (k1 = 1.2, b = 0.75) for a word that
    // occurs once: 1 for a text of average length, less for longer ones.
    var total = 0, counted = 0;
    docs.forEach(function (d) { if (d.length > 0) { total += d.length; counted++; } });
    var avg = counted ? total / counted : 1;
    docs.forEach(function (d) { d.norm = 2.2 / (1 + 1.2 * (0.25 + 0.75 * d.length / avg)); });
    var lectureDocs = raw.lectures.map(function () { return []; });
    docs.forEach(function (d, id) { if (d.lecture >= 0 && d.kind === "s") lectureDocs[d.lecture].push(id); });
    raw.lectures.forEach(function (l, li) {
      var seen = {};
      tokens(l[0], stop).forEach(function (w) {
        if (seen[w]) return;
        seen[w] = true;
        var e = entry(w);
        (e.l = e.l || []).push(li);
      });
    });
    var vocab = Array.from(entries.keys()).sort();
    return { stop: stop, entries: entries, vocab: vocab, post: post, docs: docs, lectures: raw.lectures,
      lectureDocs: lectureDocs, chunks: raw.chunks };
  }

  // postings decodes one word's body postings into f(doc, inBody).
  function postings(e, f) {
    if (!e.p) return;
    var n = 0, prev = -1;
    for (var i = e.p[0]; i < e.p[1]; i++) {
      var c = ix.post.charCodeAt(i);
      if (KIND[c] === 0) { n = n * 32 + DIGIT[c]; continue; }
      n = n * 28 + DIGIT[c];
      var doc = prev + 1 + Math.floor(n / 2);
      f(doc, n % 2 === 1);
      prev = doc;
      n = 0;
    }
  }

  // --- Matching.
  function lowerBound(a, x) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // prefixDistance is the edit distance from q to the closest prefix of
  // w, or max+1 once it is sure to exceed max.
  function prefixDistance(q, w, max) {
    var m = q.length, n = Math.min(w.length, m + max), prevRow = [], row, i, j;
    for (j = 0; j <= n; j++) prevRow[j] = j;
    for (i = 1; i <= m; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= n; j++) {
        var v = Math.min(prevRow[j] + 1, row[j - 1] + 1, prevRow[j - 1] + (q.charCodeAt(i - 1) === w.charCodeAt(j - 1) ? 0 : 1));
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prevRow = row;
    }
    var d = max + 1;
    for (j = Math.max(0, m - max); j <= n; j++) if (prevRow[j] < d) d = prevRow[j];
    return d;
  }
  // expand lists the index words a query word stands for, with a quality
  // in (0, 1]: 1 exact, less for a longer word it is a prefix of, less
  // again for a word one or two typos away.
  function expand(q) {
    var found = new Map();
    function add(w, quality) { if (!(found.get(w) >= quality)) found.set(w, quality); }
    if (ix.entries.has(q)) add(q, 1);
    var prefixed = [];
    for (var i = lowerBound(ix.vocab, q); i < ix.vocab.length && ix.vocab[i].lastIndexOf(q, 0) === 0; i++) {
      if (ix.vocab[i] !== q) prefixed.push(ix.vocab[i]);
    }
    if (prefixed.length > MAX_EXPANSIONS) {
      // Keep the most frequent: they are the likeliest completions.
      prefixed.sort(function (a, b) { return ix.entries.get(b).df - ix.entries.get(a).df; });
      prefixed.length = MAX_EXPANSIONS;
    }
    prefixed.forEach(function (w) { add(w, 0.55 + 0.35 * q.length / w.length); });
    var len = Array.from(q).length;
    if (len >= 5) {
      var max = len >= 9 ? 2 : 1, fuzzy = [];
      ix.vocab.forEach(function (w) {
        if (w.length < q.length - max || found.has(w)) return;
        var d = prefixDistance(q, w, max);
        if (d <= max) fuzzy.push([w, d]);
      });
      if (fuzzy.length > MAX_EXPANSIONS) {
        fuzzy.sort(function (a, b) { return a[1] - b[1] || ix.entries.get(b[0]).df - ix.entries.get(a[0]).df; });
        fuzzy.length = MAX_EXPANSIONS;
      }
      fuzzy.forEach(function (f) {
        var extra = Math.max(0, f[0].length - q.length - f[1]);
        add(f[0], (f[1] === 1 ? 0.45 : 0.3) * (1 - 0.3 * extra / f[0].length));
      });
    }
    return found;
  }

  // score returns, for one query word, doc -> its best score.
  function score(expansions) {
    var out = new Map(), N = ix.docs.length;
    function put(doc, s) { if (!(out.get(doc) >= s)) out.set(doc, s); }
    expansions.forEach(function (quality, w) {
      var e = ix.entries.get(w);
      var idf = Math.log(1 + N / Math.max(1, e.df));
      postings(e, function (doc, inBody) { put(doc, quality * idf * ix.docs[doc].norm * (inBody ? W_BODY : W_NOTES)); });
      if (e.t) e.t.forEach(function (doc) { put(doc, quality * idf * W_TITLE); });
      if (e.l) e.l.forEach(function (li) {
        ix.lectureDocs[li].forEach(function (doc) { put(doc, quality * W_LECTURE); });
      });
    });
    return out;
  }

  function find(query) {
    var qs = tokens(query, ix.stop);
    if (!qs.length) return { results: [], words: new Set() };
    var words = new Set(), per = qs.map(function (q) {
      var ex = expand(q);
      ex.forEach(function (_, w) { words.add(w); });
      return score(ex);
    });
    var total = new Map(), hits = new Map();
    per.forEach(function (m) {
      m.forEach(function (s, doc) {
        total.set(doc, (total.get(doc) || 0) + s);
        hits.set(doc, (hits.get(doc) || 0) + 1);
      });
    });
    var all = [], some = [];
    total.forEach(function (s, doc) { (hits.get(doc) === qs.length ? all : some).push({ doc: doc, score: s, hits: hits.get(doc) }); });
    var results = all.length ? all : some;
    results.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || a.doc - b.doc; });
    return { results: results, words: words, partial: !all.length && some.length > 0 };
  }

  // --- Snippets and highlighting.
  var SPAN = /[\p{L}\p{N}\p{M}]+/gu;
  function matches(text, words) {
    var out = [], m;
    SPAN.lastIndex = 0;
    while ((m = SPAN.exec(text))) {
      var ts = tokens(m[0]);
      for (var i = 0; i < ts.length; i++) {
        if (words.has(ts[i])) { out.push({ start: m.index, end: m.index + m[0].length, word: ts[i] }); break; }
      }
    }
    return out;
  }
  // marked appends text to el with the matched words in <mark>.
  function marked(el, text, words, ms) {
    ms = ms || matches(text, words);
    var at = 0;
    ms.forEach(function (m) {
      if (m.start < at) return;
      el.appendChild(document.createTextNode(text.slice(at, m.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m.start, m.end);
      el.appendChild(mark);
      at = m.end;
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }
  var SNIPPET = 180, BEFORE = 50;
  function snippet(el, text, words) {
    var ms = matches(text, words), start = 0, best = -1;
    // The window with the most distinct matched words, earliest first.
    for (var i = 0; i < ms.length; i++) {
      var seen = new Set();
      for (var j = i; j < ms.length && ms[j].end - ms[i].start <= SNIPPET - BEFORE; j++) seen.add(ms[j].word);
      if (seen.size > best) { best = seen.size; start = ms[i].start; }
    }
    if (start > BEFORE) {
      start -= BEFORE;
      var sp = text.indexOf(" ", start);
      if (sp >= 0 && sp < start + 20) start = sp + 1;
    } else {
      start = 0;
    }
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > start + SNIPPET / 2) end = back;
    }
    var part = text.slice(start, end);
    el.textContent = "";
    if (start > 0) el.appendChild(document.createTextNode("… "));
    marked(el, part, words, ms.filter(function (m) { return m.start >= start && m.end <= end; }).map(function (m) {
      return { start: m.start - start, end: m.end - start, word: m.word };
    }));
    if (end < text.length) el.appendChild(document.createTextNode(" …"));
  }

  // --- UI.
  var current = { results: [], words: new Set() }, active = -1, shown = [], timer = 0, announceTimer = 0, ran = null;

  function href(d) {
    var u = d.url;
    if (fileMode) {
      // No server turns "dir/" into "dir/index.html" on file://.
      var hash = u.indexOf("#"), path = hash >= 0 ? u.slice(0, hash) : u, frag = hash >= 0 ? u.slice(hash) : "";
      if (path === "" || path.charAt(path.length - 1) === "/") u = path + "index.html" + frag;
    }
    return root + u;
  }
  function context(d) {
    switch (d.kind) {
      case "g": return "Glossary";
      case "l": return "Lecture";
      case "p": return "Page";
    }
    var l = ix.lectures[d.lecture];
    return l ? l[0] : "";
  }
  function chunkOf(doc) {
    var c = ix.chunks, lo = 0, hi = c.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (c[mid] <= doc) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function textOf(doc) {
    var n = chunkOf(doc), t = chunks[n];
    return t ? t[doc - ix.chunks[n]] : null;
  }

  function open(yes) {
    list.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) setActive(-1);
  }
  function announce(msg) {
    clearTimeout(announceTimer);
    // A short delay lets screen readers finish echoing the typed letter.
    announceTimer = setTimeout(function () { status.textContent = msg; }, 350);
  }
  function setActive(i) {
    if (shown[active]) shown[active].setAttribute("aria-selected", "false");
    active = i;
    if (shown[i]) {
      shown[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", shown[i].id);
      shown[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function run() {
    var q = input.value;
    // The index may load while a run is pending: the second run of the
    // same query would reset the chosen result.
    if (state === "ready" && q === ran) return;
    ran = null;
    if (!tokens(q).length) {
      current = { results: [], words: new Set() };
      list.textContent = "";
      shown = [];
      open(false);
      status.textContent = "";
      return;
    }
    if (state === "idle") loadIndex();
    if (state === "loading") { announce("Loading the search index…"); return; }
    if (state !== "ready") return;
    current = find(q);
    ran = q;
    render();
    list.setAttribute("data-query", q);
  }

  function render() {
    var rs = current.results.slice(0, MAX_SHOWN);
    list.textContent = "";
    shown = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!rs.length) {
      // A listbox holds only options: "no results" is a disabled one.
      var none = document.createElement("div");
      none.className = "search-empty";
      none.setAttribute("role", "option");
      none.setAttribute("aria-disabled", "true");
      none.setAttribute("aria-selected", "false");
      none.textContent = "No results";
      list.appendChild(none);
    }
    rs.forEach(function (r, i) {
      var d = ix.docs[r.doc];
      var a = document.createElement("a");
      a.id = "search-result-" + i;
      a.className = "search-result";
      a.href = href(d);
      a.tabIndex = -1;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      // The option's name is all its text: title, context and snippet, as
      // shown (WCAG 2.5.3, label in name).
      var t = document.createElement("span");
      t.className = "search-result-title";
      t.id = a.id + "-t";
      marked(t, d.title, current.words);
      var c = document.createElement("span");
      c.className = "search-result-context";
      c.id = a.id + "-c";
      c.textContent = context(d);
      var s = document.createElement("span");
      s.className = "search-result-snippet";
      s.id = a.id + "-s";
      s.setAttribute("data-doc", r.doc);
      a.appendChild(t);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(c);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(s);
      a.addEventListener("mousemove", function () { if (active !== i) setActive(i); });
      list.appendChild(a);
      shown.push(a);
      loadChunk(chunkOf(r.doc));
    });
    fillSnippets();
    open(true);
    var n = current.results.length;
    announce(n === 0 ? "No results" : (n === 1 ? "1 result" : n + " results") +
      (n > MAX_SHOWN ? ", showing the first " + MAX_SHOWN : "") +
      (current.partial ? " matching some of the words" : "") + ". Use the up and down arrows to choose.");
  }

  function fillSnippets() {
    shown.forEach(function (a) {
      var s = a.querySelector(".search-result-snippet");
      if (s.getAttribute("data-done")) return;
      var text = textOf(+s.getAttribute("data-doc"));
      if (text === null) return;
      s.setAttribute("data-done", "1");
      snippet(s, text, current.words);
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  input.addEventListener("focus", function () {
    loadIndex();
    if (input.value && list.firstChild) open(true);
  });
  input.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var n = shown.length;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (!n) return;
        e.preventDefault();
        if (list.hidden) { open(true); setActive(e.key === "ArrowDown" ? 0 : n - 1); return; }
        setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
        break;
      case "Enter":
        e.preventDefault();
        if (state !== "ready") return;
        clearTimeout(timer);
        if (ran !== input.value) run();
        var target = shown[active >= 0 ? active : 0];
        if (target) window.location.href = target.href;
        break;
      case "Escape":
        if (!list.hidden) { e.preventDefault(); open(false); }
        else if (input.value) { e.preventDefault(); input.value = ""; run(); }
        else input.blur();
        break;
      case "Tab":
        open(false);
        break;
    }
  });
  // Keep the focus in the text box when a result is clicked.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  form.addEventListener("focusout", function (e) {
    if (!e.relatedTarget || !form.contains(e.relatedTarget)) open(false);
  });

  function editable(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || editable(document.activeElement)) return;
    if (e.key === "/" || e.key === "s") {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
