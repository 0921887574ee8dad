package serve_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/testsite/browsertest"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
)

// foreignPage is a page of another site that tries to read the preview's
// search data the ways a page can read another origin's script: as
// <script src> (the index defines a global, a chunk calls a function the
// page defines) and with fetch.
const foreignPage = `<!DOCTYPE html><title>Elsewhere</title>
<script>
window.stolen = [];
window.lecgenSearchChunk = function (n, texts) { stolen.push("chunk " + n + ": " + JSON.stringify(texts)); };
function tryScript(src) {
  return new Promise(function (done) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = function () { done("loaded"); };
    s.onerror = function () { done("refused"); };
    document.head.appendChild(s);
  });
}
function tryFetch(src) {
  return fetch(src).then(function (r) { return r.text(); }).then(function (t) { stolen.push("fetch " + src + ": " + t.slice(0, 200)); return "read"; },
    function () { return "refused"; });
}
var paths = ["static/search-index.js", "static/search/0.js", "static/search-index.json", "static/search/0.json"];
window.result = Promise.all(paths.map(function (p) { return tryScript(PREVIEW + p); }).concat(
  paths.map(function (p) { return tryFetch(PREVIEW + p); }))).then(function (how) {
  if (window.lecgenSearchIndex) stolen.push("index: " + JSON.stringify(window.lecgenSearchIndex).slice(0, 200));
  return JSON.stringify({how: how, stolen: stolen});
});
</script>`

// TestBrowserForeignPageCannotReadPreview: a page served from another
// port of the same machine (same site) or from another host name mapped
// to loopback (cross-site) cannot read the preview's search data, which
// holds every slide's text and speaker notes; the preview's own search
// still works.
func TestBrowserForeignPageCannotReadPreview(t *testing.T) {
	tab := browserTab(t)
	dir := site(t)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "# Hello\n\nFirst version.\n\nNote:\nThe exam answer is seventeen.\n")
	r := servetest.Start(t, dir)

	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, strings.ReplaceAll(foreignPage, "PREVIEW", fmt.Sprintf("%q", r.URL)))
	}))
	t.Cleanup(foreign.Close)
	port := foreign.URL[strings.LastIndex(foreign.URL, ":")+1:]
	for _, origin := range []string{
		"http://127.0.0.1:" + port + "/", // same site as the preview, another origin
		"http://localhost:" + port + "/", // another site
	} {
		var got string
		if err := chromedp.Do(tab, chromedp.Navigate(origin)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](`window.result`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", origin, err)
		}
		var res struct {
			How    []string
			Stolen []string
		}
		if err := json.Unmarshal([]byte(got), &res); err != nil {
			t.Fatalf("%s: %v: %s", origin, err, got)
		}
		for _, s := range res.Stolen {
			t.Errorf("a page at %s read the preview's data: %.300s", origin, s)
		}
		for i, how := range res.How {
			if how != "refused" {
				t.Errorf("a page at %s: request %d was %s, want refused", origin, i, how)
			}
		}
	}

	// The preview's own search: type a word of the speaker notes, get the
	// slide with a snippet.
	if err := chromedp.Do(tab,
		chromedp.Navigate(r.URL+"intro/next/"),
		chromedp.WaitVisible(`#search-input`),
		chromedp.Click(`#search-input`),
		chromedp.SendKeys(`#search-input`, "seventeen"),
	); err != nil {
		t.Fatal(err)
	}
	// Wait for the results of the whole word, with their snippets: while
	// the keys are typed, search.js may show the results of a prefix
	// ("seven", its snippet marking "seven").
	const done = `(() => { const l = document.getElementById("search-results");
		return l.dataset.query === "seventeen" && [...l.querySelectorAll(".search-result-snippet")].every(e => e.hasAttribute("data-done")) })()`
	if err := browsertest.Until(tab, done, 15*time.Second); err != nil {
		status, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("form.search [role=status]").textContent`))
		t.Fatalf("the preview's search shows no results for \"seventeen\" (status %q): %v", status, err)
	}
	const snippet = `(() => { const s = document.querySelector("#search-results .search-result-snippet mark"); return s ? s.textContent : "" })()`
	if text, err := chromedp.Run(tab, chromedp.Evaluate[string](snippet)); err != nil || text != "seventeen" {
		t.Fatalf("the preview's search for \"seventeen\" marks %q in its first snippet, want the word (%v)", text, err)
	}
	if href, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("#search-results a").getAttribute("href")`)); !strings.Contains(href, "intro/hello/") {
		t.Errorf("first result links to %q, want the hello slide", href)
	}
}
