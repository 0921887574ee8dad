// lecgen default theme: the slide deck (<lecture>/present/).
//
// The slides are laid out on a canvas of fixed logical size (data-width x
// data-height) and the canvas is scaled as a whole to the window, so what
// fits on the laptop fits on the projector. A slide too long for it is
// zoomed down (long lists first flow into columns) and marked when even
// half size is not enough. The address names the slide and step
// (#/<slug>/<step>), replaced rather than pushed, so Back leaves the deck.
//
// The speaker view is this page opened with ?speaker. The two windows
// send each other their whole state (slide, step, blackout, overview) by
// postMessage (the deck and the window it opened; works from file://) and
// by BroadcastChannel where the origin allows it; messages carry their
// sender and a sequence number, so one that arrives twice, or late, is
// dropped.
(function () {
  "use strict";
  var deck = document.querySelector("main.deck");
  if (!deck) return;
  var W = +deck.dataset.width || 1280, H = +deck.dataset.height || 720;
  var viewport = deck.querySelector(".deck-viewport");
  var stage = deck.querySelector(".deck-stage");
  var slides = [].slice.call(stage.querySelectorAll(".deck-slide"));
  var last = slides.length - 1;
  var query = location.search;
  var speaker = /[?&]speaker\b/.test(query), printing = /[?&]print\b/.test(query);
  var FLOOR = 0.5; // a slide is not zoomed below this without being marked
  var state = { i: 0, step: 0, blank: "", overview: false, pick: 0 };
  var $ = function (sel) { return deck.querySelector(sel); };
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };

  document.documentElement.classList.add(printing ? "deck-printing" : "deck-js");
  if (speaker) document.documentElement.classList.add("deck-speaker");

  // --- incremental lists: the items of the body's top-level lists ---
  function items(k) {
    var s = slides[k];
    if (!s._items) {
      s._items = s.hasAttribute("data-incremental") ?
        [].slice.call(s.querySelectorAll(".deck-fit > ul > li, .deck-fit > ol > li")) : [];
    }
    return s._items;
  }
  function steps(k) { return items(k).length; }
  function showStep(s, k, step) {
    var its = s === slides[k] ? items(k) : s.querySelectorAll(".deck-fit > ul > li, .deck-fit > ol > li");
    for (var j = 0; j < its.length; j++) its[j].classList.toggle("deck-hidden", steps(k) > 0 && j >= step);
  }

  // --- fitting a slide into its frame ---
  function fits(frame, inner) {
    if (inner.getBoundingClientRect().height > frame.getBoundingClientRect().height + 0.5) return false;
    if (inner.scrollWidth > inner.clientWidth + 1) return false;
    var wide = inner.querySelectorAll("pre, table");
    for (var j = 0; j < wide.length; j++) if (wide[j].scrollWidth > wide[j].clientWidth + 1) return false;
    return true;
  }
  // largest zoom in [lo, hi] at which the slide fits, given that it fits at lo
  function search(frame, inner, lo, hi) {
    for (var n = 0; n < 8; n++) {
      var mid = (lo + hi) / 2;
      inner.style.zoom = String(mid);
      if (fits(frame, inner)) lo = mid; else hi = mid;
    }
    return Math.floor(lo * 1000) / 1000;
  }
  function fit(s) {
    if (s.hasAttribute("data-zoom")) return;
    var frame = s.querySelector(".deck-frame"), inner = s.querySelector(".deck-fit");
    if (!frame || !inner) return;
    s.classList.add("deck-measure");
    inner.style.zoom = "";
    var lists = inner.querySelectorAll(":scope > ul, :scope > ol"), z = 1, cols = 1;
    var done = fits(frame, inner);
    while (!done && cols <= 3) {
      // Long lists of short items flow into columns before shrinking.
      if (cols > 1 && !flow(lists, cols)) break;
      inner.style.zoom = String(FLOOR);
      if (fits(frame, inner)) { z = search(frame, inner, FLOOR, 1); done = true; } else cols++;
    }
    if (!done) { // nothing fits at the floor: one column, smaller still
      cols = 1;
      flow(lists, 1);
      z = search(frame, inner, 0.05, FLOOR);
      s.setAttribute("data-overflow", "");
    }
    inner.style.zoom = z < 1 ? String(z) : "";
    s.setAttribute("data-zoom", String(z));
    if (cols > 1) s.setAttribute("data-columns", String(cols));
    s.classList.remove("deck-measure");
    // An image that loads later changes the height: fit again then.
    var imgs = s.querySelectorAll("img");
    for (var k = 0; k < imgs.length; k++) {
      if (!imgs[k].complete) imgs[k].addEventListener("load", refit.bind(null, s), { once: true });
    }
  }
  // flow sets the lists of 8 items or more in n columns; false when there
  // are none.
  function flow(lists, n) {
    var any = false;
    for (var j = 0; j < lists.length; j++) {
      if (lists[j].children.length >= 8) { lists[j].style.columns = n > 1 ? String(n) : ""; any = true; }
    }
    return any;
  }
  function unfit(s) {
    s.removeAttribute("data-zoom");
    s.removeAttribute("data-overflow");
    s.removeAttribute("data-columns");
    var lists = s.querySelectorAll(".deck-fit > ul, .deck-fit > ol");
    for (var j = 0; j < lists.length; j++) lists[j].style.columns = "";
  }
  function refit(s) {
    unfit(s);
    fit(s);
    if (s === slides[state.i]) render(true);
  }
  function fitAll() { slides.forEach(fit); }

  // --- scaling the canvas to its box, letterboxed ---
  function scaleInto(el, box) {
    var r = box.getBoundingClientRect();
    var sc = Math.min(r.width / W, r.height / H);
    if (!(sc > 0)) return;
    el.style.transform = "translate(" + (r.width - W * sc) / 2 + "px," + (r.height - H * sc) / 2 + "px) scale(" + sc + ")";
  }
  function scaleThumbs() {
    var cs = grid.querySelectorAll(".deck-copy");
    for (var j = 0; j < cs.length; j++) scaleInto(cs[j], cs[j].parentNode);
  }
  function layout() {
    scaleInto(stage, viewport);
    if (state.overview) scaleThumbs();
    var nb = $(".speaker-next-box .deck-stage");
    if (nb) scaleInto(nb, nb.parentNode);
  }

  // --- the address ---
  function slug(k) { return slides[k].getAttribute("data-slug"); }
  function hashOf(st) {
    var h = "#/" + slug(st.i);
    return steps(st.i) ? h + "/" + st.step : h;
  }
  function fromHash() {
    var m = /^#\/([^/]*)(?:\/(\d+))?$/.exec(location.hash);
    if (!m) return null;
    var name = m[1];
    try { name = decodeURIComponent(name); } catch (e) { /* keep it */ }
    for (var k = 0; k <= last; k++) {
      if (slug(k) === name) {
        var step = m[2] === undefined ? 0 : Math.min(+m[2], steps(k));
        return { i: k, step: step };
      }
    }
    return null;
  }

  // --- showing the state ---
  var shown = -1, announced = -1;
  function render(quiet) {
    var cur = slides[state.i];
    if (shown !== state.i) {
      if (shown >= 0 && slides[shown]) slides[shown].classList.remove("current");
      cur.classList.add("current");
      shown = state.i;
    }
    fit(cur);
    showStep(cur, state.i, state.step);
    if (location.hash !== hashOf(state) && !printing) {
      history.replaceState(history.state, "", hashOf(state));
    }
    deck.setAttribute("data-blank", state.blank);
    $(".deck-page-link").setAttribute("href", cur.getAttribute("data-href"));
    if (announced !== state.i) {
      announced = state.i;
      $(".deck-status").textContent = state.i === 0 ? "Title slide: " + cur.getAttribute("data-title") :
        "Slide " + state.i + " of " + last + ": " + cur.getAttribute("data-title");
    }
    renderOverview();
    if (speaker) renderSpeaker();
    if (!quiet) send({ type: "state", state: state });
  }
  function set(next) {
    var changed = false;
    for (var k in next) if (next[k] !== state[k]) { state[k] = next[k]; changed = true; }
    if (!changed) return;
    started();
    render();
  }
  function go(k, step) {
    k = Math.max(0, Math.min(last, k));
    set({ i: k, step: step === undefined ? 0 : Math.max(0, Math.min(step, steps(k))), pick: k });
  }
  function next() {
    if (state.step < steps(state.i)) set({ step: state.step + 1 });
    else if (state.i < last) go(state.i + 1, 0);
  }
  function prev() {
    if (state.step > 0) set({ step: state.step - 1 });
    else if (state.i > 0) go(state.i - 1, steps(state.i - 1)); // fully revealed
  }

  // --- overview ---
  var grid = $(".deck-overview");
  function renderOverview() {
    deck.classList.toggle("deck-overviewing", state.overview);
    if (!state.overview) {
      if (!grid.hidden) { grid.hidden = true; grid.textContent = ""; }
      return;
    }
    if (grid.hidden) {
      grid.hidden = false;
      fitAll();
      slides.forEach(function (s, k) {
        var b = document.createElement("button"), label = document.createElement("span");
        b.type = "button";
        b.className = "deck-thumb";
        label.className = "deck-thumb-label";
        label.textContent = (k ? k + " · " : "") + s.getAttribute("data-title");
        b.appendChild(thumb(s, k, steps(k)));
        b.appendChild(label);
        b.addEventListener("click", function () { pick(k); });
        grid.appendChild(b);
      });
      scaleThumbs();
    }
    var bs = grid.children;
    for (var k = 0; k < bs.length; k++) bs[k].classList.toggle("picked", k === state.pick);
    var b = bs[state.pick];
    if (b) {
      b.scrollIntoView({ block: "nearest" });
      if (document.activeElement !== b && grid.contains(document.activeElement) || document.activeElement === document.body) b.focus({ preventScroll: true });
    }
  }
  // thumb is a copy of slide s at step, on a canvas of its own.
  function thumb(s, k, step) {
    var box = document.createElement("div");
    box.className = "deck-stage deck-copy";
    box.setAttribute("aria-hidden", "true");
    box.inert = true; // a picture of the slide: its links are not there
    var c = s.cloneNode(true);
    c.classList.add("current");
    c.removeAttribute("aria-label");
    var t = c.querySelectorAll("template");
    for (var j = 0; j < t.length; j++) t[j].remove();
    showStep(c, k, step);
    box.appendChild(c);
    return box;
  }
  function pick(k) { set({ overview: false, i: k, step: 0, pick: k }); }
  function columns() {
    var bs = grid.children;
    if (bs.length < 2) return 1;
    var top = bs[0].offsetTop, n = 1;
    while (n < bs.length && bs[n].offsetTop === top) n++;
    return n;
  }

  // --- sync with the other window ---
  var id = Math.random().toString(36).slice(2), seq = 0, seen = {};
  var path = location.pathname, peers = [], channel = null;
  if (speaker && window.opener) peers.push(window.opener);
  try {
    channel = new BroadcastChannel("lecgen-present:" + path);
    channel.onmessage = function (e) { receive(e.data, null); };
  } catch (e) { channel = null; }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.lecgen !== "present" || d.path !== path) return;
    if (e.source && peers.indexOf(e.source) < 0) peers.push(e.source);
    receive(d, e.source);
  });
  function send(msg) {
    msg.lecgen = "present";
    msg.path = path;
    msg.from = id;
    msg.seq = ++seq;
    var origin = location.origin && location.origin !== "null" && location.protocol !== "file:" ? location.origin : "*";
    peers = peers.filter(function (w) { return w && !w.closed; });
    peers.forEach(function (w) { try { w.postMessage(msg, origin); } catch (e) { /* gone */ } });
    if (channel) channel.postMessage(msg);
  }
  function receive(d) {
    if (!d || d.from === id || d.lecgen !== "present") return;
    if (seen[d.from] >= d.seq) return; // a copy by the other route, or late
    seen[d.from] = d.seq;
    heard = Date.now();
    if (d.type === "hello") { send({ type: "state", state: state }); return; }
    if (d.type !== "state" || !d.state) return;
    var s = d.state, k = Math.max(0, Math.min(last, s.i | 0));
    var nst = { i: k, step: Math.max(0, Math.min(s.step | 0, steps(k))), blank: s.blank === "black" || s.blank === "white" ? s.blank : "",
      overview: !!s.overview, pick: Math.max(0, Math.min(last, s.pick | 0)) };
    var changed = false;
    for (var key in nst) if (nst[key] !== state[key]) { state[key] = nst[key]; changed = true; }
    if (changed) { started(); render(true); }
  }
  // The speaker view asks its deck for the state when it opens, and again
  // while it hears nothing (a deck reloaded under `lecgen serve`).
  var heard = 0;
  if (speaker) {
    send({ type: "hello" });
    setInterval(function () { if (Date.now() - heard > 2500) send({ type: "hello" }); }, 1000);
  }

  // --- speaker view ---
  var timer = { acc: 0, start: 0, running: false, paused: false };
  var timerKey = "lecgen-timer:" + path;
  if (speaker) {
    try { timer = JSON.parse(sessionStorage.getItem(timerKey)) || timer; } catch (e) { /* fresh */ }
  }
  function saveTimer() { try { sessionStorage.setItem(timerKey, JSON.stringify(timer)); } catch (e) { /* fine */ } }
  var moved = false;
  function started() {
    if (!speaker || moved) return;
    moved = true;
    if (!timer.running && !timer.paused && timer.acc === 0) { timer.running = true; timer.start = Date.now(); saveTimer(); }
  }
  function elapsed() { return timer.acc + (timer.running ? Date.now() - timer.start : 0); }
  function pauseTimer() {
    if (timer.running) { timer.acc = elapsed(); timer.running = false; timer.paused = true; }
    else { timer.running = true; timer.paused = false; timer.start = Date.now(); }
    saveTimer();
    tick();
  }
  function resetTimer() { timer = { acc: 0, start: Date.now(), running: timer.running, paused: timer.paused }; saveTimer(); tick(); }
  function clock(ms) {
    var s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m % 60) : m) + ":" + two(s % 60);
  }
  function tick() {
    if (!speaker) return;
    var e = elapsed();
    $(".speaker-elapsed").textContent = clock(e);
    $("[data-action=pause]").textContent = timer.running ? "Pause" : (e ? "Resume" : "Start");
    var d = new Date();
    $(".speaker-clock").textContent = (d.getHours() < 10 ? "0" : "") + d.getHours() + ":" + (d.getMinutes() < 10 ? "0" : "") + d.getMinutes();
    var minutes = +deck.dataset.duration, pace = $(".speaker-pace");
    if (minutes > 0 && last > 0) {
      // An even pace reaches slide i after (i-1)/M of the time.
      var due = minutes * 60000 * Math.max(0, state.i - 1) / last, diff = Math.round((e - due) / 60000);
      pace.textContent = diff > 0 ? diff + " min behind an even pace" : diff < 0 ? -diff + " min ahead of an even pace" : "On pace";
      pace.setAttribute("data-pace", diff > 0 ? "behind" : diff < 0 ? "ahead" : "on");
      pace.textContent += " · " + minutes + " min talk";
    } else pace.textContent = "";
  }
  var notesSize = +store.get("lecgen-notes-size") || 28;
  function notesBy(d) {
    notesSize = Math.max(14, Math.min(72, notesSize + d));
    store.set("lecgen-notes-size", String(notesSize));
    $(".speaker-notes-text").style.fontSize = notesSize + "px";
  }
  function afterState(st) { // the state one "next" leads to
    if (st.step < steps(st.i)) return { i: st.i, step: st.step + 1 };
    if (st.i < last) return { i: st.i + 1, step: 0 };
    return null;
  }
  var notesFor = -1;
  function renderSpeaker() {
    var cur = slides[state.i];
    $(".speaker-count").textContent = state.i === 0 ? "Title slide (" + last + " slides)" : "Slide " + state.i + " of " + last;
    if (steps(state.i)) $(".speaker-count").textContent += " · item " + state.step + " of " + steps(state.i);
    $(".speaker-overflow").hidden = !cur.hasAttribute("data-overflow");
    var bl = $(".speaker-blanked");
    bl.hidden = !state.blank;
    bl.textContent = state.blank ? "The audience sees a " + state.blank + " screen (any key returns)" : "";
    var n = afterState(state), box = $(".speaker-next-box"), title = $(".speaker-next-title");
    box.textContent = "";
    if (n) {
      fit(slides[n.i]);
      box.appendChild(thumb(slides[n.i], n.i, n.step));
      title.textContent = (n.i === state.i ? "Next item on this slide" : "Next: " + slides[n.i].getAttribute("data-title"));
    } else title.textContent = "End of the deck";
    if (notesFor !== state.i) {
      notesFor = state.i;
      var t = cur.querySelector("template.deck-notes"), out = $(".speaker-notes-text");
      out.textContent = "";
      if (t) {
        out.appendChild(document.importNode(t.content, true));
        typeset(out);
      } else {
        var p = document.createElement("p");
        p.className = "speaker-no-notes";
        p.textContent = "No notes for this slide.";
        out.appendChild(p);
      }
    }
    layout();
    tick();
  }
  // typeset renders math in notes taken out of their <template>.
  function typeset(el) {
    if (!window.katex) return;
    var ms = el.querySelectorAll(".math:not(.math-error)");
    for (var j = 0; j < ms.length; j++) {
      try {
        window.katex.render(ms[j].textContent, ms[j], { displayMode: ms[j].classList.contains("math-display"), throwOnError: true, strict: "ignore", output: "htmlAndMathml" });
        ms[j].classList.add("math-rendered");
      } catch (e) { ms[j].classList.add("math-error"); } // its source stays
    }
  }

  // --- keys ---
  var digits = "", digitTimer = 0;
  function setDigits(d) {
    digits = d;
    var el = $(".deck-digits");
    el.hidden = !d;
    el.textContent = d;
    clearTimeout(digitTimer);
    if (d) digitTimer = setTimeout(function () { setDigits(""); }, 3000);
  }
  function toggleFullscreen() {
    if (document.fullscreenElement) { if (document.exitFullscreen) document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(function () {});
  }
  function openSpeaker() {
    var url = location.href.split(/[?#]/)[0] + "?speaker" + hashOf(state);
    var w = window.open(url, "lecgen-speaker", "popup,width=1200,height=760");
    if (w && peers.indexOf(w) < 0) peers.push(w);
  }
  function help() {
    var d = $(".deck-help");
    if (d.open) d.close(); else d.showModal();
  }
  function jump() {
    var d = $(".deck-jump"), input = d.querySelector("input");
    input.value = "";
    d.showModal();
    input.focus();
  }
  $(".deck-jump").addEventListener("close", function () {
    var d = $(".deck-jump"), v = d.querySelector("input").value.trim().toLowerCase();
    if (d.returnValue !== "go" || !v) return;
    d.returnValue = "";
    if (/^\d+$/.test(v)) { go(+v); return; }
    for (var k = 0; k <= last; k++) {
      if (slug(k) === v || slides[k].getAttribute("data-title").toLowerCase().indexOf(v) >= 0) { go(k); return; }
    }
  });
  $(".deck-jump form").addEventListener("submit", function () { $(".deck-jump").returnValue = "go"; });
  var actions = {
    speaker: openSpeaker, overview: function () { set({ overview: !state.overview, pick: state.i }); },
    fullscreen: toggleFullscreen, help: help, pause: pauseTimer, reset: resetTimer,
    smaller: function () { notesBy(-2); }, bigger: function () { notesBy(2); }
  };
  deck.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-action]");
    if (b && actions[b.getAttribute("data-action")]) actions[b.getAttribute("data-action")]();
  });

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var k = e.key, t = e.target;
    if (/^(Shift|Control|Alt|Meta|CapsLock|Tab)$/.test(k)) return;
    if (t.closest && t.closest("dialog[open], input, textarea, select")) return;
    var handled = true;
    if (state.blank) { set({ blank: "" }); e.preventDefault(); return; } // any key returns
    if (state.overview) {
      var c = columns();
      switch (k) {
      case "ArrowRight": set({ pick: Math.min(last, state.pick + 1) }); break;
      case "ArrowLeft": set({ pick: Math.max(0, state.pick - 1) }); break;
      case "ArrowDown": set({ pick: Math.min(last, state.pick + c) }); break;
      case "ArrowUp": set({ pick: Math.max(0, state.pick - c) }); break;
      case "Home": set({ pick: 0 }); break;
      case "End": set({ pick: last }); break;
      case "Enter": case " ": // the thumbnail with the focus, if one has it
        var f = [].indexOf.call(grid.children, t);
        pick(f >= 0 ? f : state.pick); break;
      case "Escape": case "o": case "O": set({ overview: false, pick: state.i }); break;
      default: handled = false;
      }
      if (handled) e.preventDefault();
      return;
    }
    if (/^[0-9]$/.test(k)) { setDigits((digits + k).slice(-4)); e.preventDefault(); return; }
    if (k === "Enter" && digits) { var n = +digits; setDigits(""); go(n); e.preventDefault(); return; }
    setDigits("");
    // Enter and Space on a button or link work it.
    if ((k === "Enter" || k === " ") && t.closest && t.closest("a[href], button")) return;
    switch (k) {
    case "ArrowRight": case "ArrowDown": case " ": case "PageDown": case "n": case "N": case "Enter": next(); break;
    case "ArrowLeft": case "ArrowUp": case "PageUp": case "p": case "P": case "Backspace": prev(); break;
    case "Home": go(0); break;
    case "End": go(last, steps(last)); break;
    case "b": case "B": case ".": set({ blank: "black" }); break;
    case "w": case "W": set({ blank: "white" }); break;
    case "o": case "O": set({ overview: true, pick: state.i }); break;
    case "g": case "G": jump(); break;
    case "f": case "F": case "F5": toggleFullscreen(); break;
    case "s": case "S": if (!speaker) openSpeaker(); break;
    case "?": help(); break;
    case "+": case "=": if (speaker) notesBy(2); else handled = false; break;
    case "-": case "_": if (speaker) notesBy(-2); else handled = false; break;
    case "t": case "T": if (speaker) pauseTimer(); else handled = false; break;
    case "r": case "R": if (speaker) resetTimer(); else handled = false; break;
    default: handled = false;
    }
    if (handled) e.preventDefault();
  });

  // A link to another slide of this deck moves the deck there rather than
  // leaving it for the slide's page.
  var byHref = {};
  slides.forEach(function (s, k) {
    try { byHref[new URL(s.getAttribute("data-href"), location.href).href] = k; } catch (e) { /* no URL */ }
  });
  stage.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var k = byHref[a.href.split("#")[0]];
    if (k === undefined) return;
    e.preventDefault();
    go(k);
  });

  // Touch: a swipe left or right moves; a tap does nothing.
  var touch = null;
  viewport.addEventListener("touchstart", function (e) {
    touch = e.touches.length === 1 ? { x: e.touches[0].clientX, y: e.touches[0].clientY } : null;
  }, { passive: true });
  viewport.addEventListener("touchend", function (e) {
    if (!touch || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touch.x, dy = e.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) { if (dx < 0) next(); else prev(); }
  });

  // The bar shows while the mouse moves, or while it has the focus.
  var idle = 0;
  document.addEventListener("mousemove", function () {
    deck.classList.add("deck-active");
    clearTimeout(idle);
    idle = setTimeout(function () { deck.classList.remove("deck-active"); }, 2000);
  });

  // --- start ---
  if (printing) {
    // Every slide, every step, fitted, for `lecgen pdf --deck`.
    var imgs = document.querySelectorAll("img");
    var waits = [].map.call(imgs, function (im) {
      im.loading = "eager";
      return im.complete ? null : new Promise(function (ok) { im.addEventListener("load", ok); im.addEventListener("error", ok); });
    });
    Promise.all(waits.concat([document.fonts ? document.fonts.ready : null])).then(function () {
      fitAll();
      deck.setAttribute("data-fitted", "");
    });
    return;
  }
  window.addEventListener("beforeprint", fitAll);
  var h = fromHash();
  if (h) { state.i = h.i; state.step = h.step; state.pick = h.i; }
  if (speaker) {
    $(".speaker").hidden = false;
    $(".speaker-info").appendChild($(".deck-bar"));
    $("[data-action=speaker]").hidden = true;
    $(".speaker-current").appendChild(viewport);
    $(".speaker-notes-text").style.fontSize = notesSize + "px";
    document.title = "Speaker view · " + document.title;
    setInterval(tick, 1000);
  }
  window.addEventListener("resize", layout);
  window.addEventListener("hashchange", function () {
    var h = fromHash();
    if (h) set({ i: h.i, step: h.step, pick: h.i });
  });
  layout();
  render(true);
  // Fonts and math change sizes: fit the slide shown again once they are in.
  window.addEventListener("load", function () {
    var again = function () { slides.forEach(unfit); render(true); };
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(again); else again();
  });
})();
