// Package highlight syntax-highlights fenced code blocks with chroma and
// caches the result, in memory and on disk, so that no build highlights the
// same code twice.
//
// Lexing with chroma's regexp2-based lexers dominates a build's CPU time, so
// the cache is the point of this package: entries are content-addressed by
// everything that can change the output (see cacheKey), verified with a
// checksum on every read, and written atomically. A cache entry that does
// not verify is never used. Some lexers are superlinear on some input, so
// each block has a budget of CPU time (budget.go), past which it is shown
// as plain text.
package highlight

import (
	"bytes"
	"fmt"
	"html"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// Bounds on the in-process state of a Highlighter.
const (
	memBudget        = 64 << 20 // bytes of HTML kept in the in-memory de-dup map
	memMaxEntry      = 4 << 20  // larger payloads are not kept in memory
	maxFormatters    = 256      // distinct option sets with a cached formatter
	maxLexerCache    = 4096     // distinct language words with a cached lookup (a miss costs ms)
	maxHighlightCode = 1 << 20  // longer code is shown as plain text
)

// Highlighter turns code into HTML with CSS classes (no inline styles).
// It is safe for concurrent use.
type Highlighter struct {
	store Store // nil: no persistent cache

	mu       sync.Mutex
	mem      map[cacheKey]string  // payloads by key, bounded by memLimit
	memBytes int                  // sum of len(mem values)
	memLimit int                  // memBudget; smaller in tests
	inflight map[cacheKey]*flight // payloads being produced right now

	fmtMu      sync.Mutex
	formatters map[string]*chromahtml.Formatter // by options string

	memHits, diskHits, sharedHits  atomic.Int64
	misses, invalid, lexerFailures atomic.Int64
	unstable, overBudget           atomic.Int64
	writes, writeErrors            atomic.Int64
	firstWriteErr                  atomic.Pointer[error]
}

// flight lets concurrent requests for the same key wait for one producer.
type flight struct {
	done      chan struct{}
	payload   string
	ok        bool // false if the producer panicked
	cacheable bool // false if the payload must not be kept (see lex)
}

// Stats counts cache activity since New.
type Stats struct {
	Hits       int64 // blocks served without lexing (MemoryHits + DiskHits + SharedHits)
	MemoryHits int64 // served from this process's in-memory map
	DiskHits   int64 // served from a verified persistent cache entry
	SharedHits int64 // waited for a concurrent Highlight of the same block
	Misses     int64 // blocks lexed and formatted afresh
	// LexerFailures counts misses whose lexer failed, panicked or looped;
	// those blocks are shown as plain text.
	LexerFailures int64
	// OverBudget counts misses whose lexer ran out of budget (see
	// lexBudget); those blocks are shown as plain text, with a warning.
	OverBudget int64
	// Unstable counts misses whose result may depend on machine load
	// (regexp timeouts in a starved process: two lexes disagreed, or a
	// costly lex had a token slow enough); those results were not cached.
	Unstable    int64
	Invalid     int64 // persistent entries found but rejected (truncated, corrupt, foreign, not a file)
	Writes      int64 // persistent entries written
	WriteErrors int64 // persistent entries that could not be written (not fatal)
	// WriteErr is the first write error, for a one-time warning.
	WriteErr error
}

// String summarises s for --verbose output, without a leading label.
func (s Stats) String() string {
	str := fmt.Sprintf("%d hits (%d memory, %d disk, %d shared), %d misses (%d lexer failures, %d over budget, %d unstable), %d invalid entries, %d writes, %d write errors",
		s.Hits, s.MemoryHits, s.DiskHits, s.SharedHits, s.Misses, s.LexerFailures, s.OverBudget, s.Unstable, s.Invalid, s.Writes, s.WriteErrors)
	if s.WriteErr != nil {
		str += " (first: " + s.WriteErr.Error() + ")"
	}
	return str
}

// New returns a highlighter that keeps the blocks it makes in store (nil:
// none, every run highlights every block afresh); an in-memory de-dup map
// (bounded) is used either way.
func New(store Store) *Highlighter {
	return &Highlighter{
		store:      store,
		mem:        map[cacheKey]string{},
		memLimit:   memBudget,
		inflight:   map[cacheKey]*flight{},
		formatters: map[string]*chromahtml.Formatter{},
	}
}

// Stats reports cache hits/misses/writes since New.
func (h *Highlighter) Stats() Stats {
	s := Stats{
		MemoryHits:    h.memHits.Load(),
		DiskHits:      h.diskHits.Load(),
		SharedHits:    h.sharedHits.Load(),
		Misses:        h.misses.Load(),
		LexerFailures: h.lexerFailures.Load(),
		OverBudget:    h.overBudget.Load(),
		Unstable:      h.unstable.Load(),
		Invalid:       h.invalid.Load(),
		Writes:        h.writes.Load(),
		WriteErrors:   h.writeErrors.Load(),
	}
	s.Hits = s.MemoryHits + s.DiskHits + s.SharedHits
	if p := h.firstWriteErr.Load(); p != nil {
		s.WriteErr = *p
	}
	return s
}

// options is the normalised form of the Fence fields that change chroma's
// output. Its String is part of the cache key and the formatter-cache key.
type options struct {
	ranges    [][2]int // merged, sorted, already shifted to displayed line numbers
	lineNos   bool
	table     bool
	lineStart int
}

func (o options) String() string {
	var b strings.Builder
	b.WriteString("hl=")
	for i, r := range o.ranges {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(r[0]))
		b.WriteByte('-')
		b.WriteString(strconv.Itoa(r[1]))
	}
	switch {
	case o.lineNos && o.table:
		b.WriteString(";ln=table")
	case o.lineNos:
		b.WriteString(";ln=inline")
	}
	b.WriteString(";start=")
	b.WriteString(strconv.Itoa(o.lineStart))
	return b.String()
}

// normalise re-validates a Fence (which may not come from ParseInfo) and
// canonicalises it so that equivalent requests share cache entries.
func normalise(f Fence) options {
	o := options{lineNos: f.LineNumbers, table: f.LineNumbers && f.LineNumbersTable, lineStart: f.LineStart}
	o.lineStart = min(max(o.lineStart, 1), maxLine)
	rs := make([][2]int, 0, min(len(f.HLLines), maxRanges))
	for _, r := range f.HLLines {
		if len(rs) == maxRanges {
			break
		}
		if r[0] < 1 || r[1] < r[0] || r[0] > maxLine {
			continue
		}
		rs = append(rs, [2]int{r[0], min(r[1], maxLine)})
	}
	slices.SortFunc(rs, func(a, b [2]int) int { return a[0] - b[0] })
	// Merge overlapping and adjacent ranges: chroma walks ranges in order
	// and assumes they do not overlap.
	var merged [][2]int
	for _, r := range rs {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1]+1 {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	// HLLines count from the block's first line; chroma compares ranges
	// with displayed numbers, so shift by LineStart-1 (as Hugo does).
	for i := range merged {
		merged[i][0] += o.lineStart - 1
		merged[i][1] += o.lineStart - 1
	}
	o.ranges = merged
	return o
}

// Highlight returns the HTML for one code block:
//
//	<pre class="chroma"><code class="language-go" data-lang="go"><span class="line">…</span></code></pre>
//
// from chroma's HTML formatter with classes. Highlighted lines carry the
// classes "line hl"; line numbers are inline `<span class="ln">` or, with
// LineNumbersTable, a `<div class="chroma"><table class="lntable">` layout.
// The result has no trailing newline. A non-empty Title wraps the block as
// `<div class="code-block"><div class="code-title">TITLE</div>…</div>`
// with TITLE HTML-escaped here. An unknown or empty language falls back to
// plain text (still escaped), never an error. All code text is
// HTML-escaped. A block whose lexer runs out of budget (see lexBudget) is
// shown as plain text, and returned with a *SlowError, a warning. Any
// other error is reserved for failures that cannot happen with the
// current chroma formatter; callers may treat it as fatal.
func (h *Highlighter) Highlight(code string, f Fence) (string, error) {
	lexer := h.lexer(f.Lang)
	if len(code) > maxHighlightCode {
		// Why: regexp lexers can be superlinear on pathological input; a
		// huge block should not stall the build.
		lexer = lexers.Fallback
	}
	opts := normalise(f)
	key := makeKey(lexer.Config().Name, opts.String(), code)

	payload, err := h.payload(key, code, lexer, opts)
	if err != nil {
		return "", err
	}
	if p, ok := strings.CutPrefix(payload, slowMark); ok {
		return decorate(p, classLang(f.Lang), f.Title), &SlowError{Lexer: lexer.Config().Name, Bytes: len(code), Budget: lexBudget(len(code))}
	}
	return decorate(payload, classLang(f.Lang), f.Title), nil
}

// decorate adds what is not part of the cached payload: the language class
// (so "go" and "golang" share one entry) and the title.
func decorate(payload, lang, title string) string {
	// Chroma ends the table layout, but not the others, with a newline.
	out := strings.TrimSuffix(payload, "\n")
	if lang != "" {
		// The payload's first "<code>" is the wrapper: every token is
		// escaped by chroma, so a literal "<code>" cannot come from code.
		if i := strings.Index(out, "<code>"); i >= 0 {
			out = out[:i] + `<code class="language-` + lang + `" data-lang="` + lang + `">` + out[i+len("<code>"):]
		}
	}
	if title != "" {
		t := html.EscapeString(strings.ToValidUTF8(title, "\uFFFD"))
		out = `<div class="code-block"><div class="code-title">` + t + `</div>` + out + `</div>`
	}
	return out
}

// payload returns chroma's HTML for key, from memory, a concurrent
// producer, the persistent cache, or by lexing.
func (h *Highlighter) payload(key cacheKey, code string, lexer chroma.Lexer, opts options) (string, error) {
	h.mu.Lock()
	if p, ok := h.mem[key]; ok {
		h.mu.Unlock()
		h.memHits.Add(1)
		return p, nil
	}
	if fl, ok := h.inflight[key]; ok {
		h.mu.Unlock()
		<-fl.done
		if fl.ok {
			h.sharedHits.Add(1)
			return fl.payload, nil
		}
		p, _, err := h.produce(key, code, lexer, opts)
		return p, err
	}
	fl := &flight{done: make(chan struct{})}
	h.inflight[key] = fl
	h.mu.Unlock()

	defer func() {
		h.mu.Lock()
		delete(h.inflight, key)
		if fl.ok && fl.cacheable {
			h.remember(key, fl.payload)
		}
		h.mu.Unlock()
		close(fl.done)
	}()

	if h.store != nil {
		switch p, err := h.store.Get(key); {
		case err == nil:
			h.diskHits.Add(1)
			fl.payload, fl.ok, fl.cacheable = p, true, true
			return p, nil
		case !isNotExist(err):
			h.invalid.Add(1) // ignored: re-highlight and overwrite below
		}
	}
	p, cacheable, err := h.produce(key, code, lexer, opts)
	if err != nil {
		return "", err
	}
	fl.payload, fl.ok, fl.cacheable = p, true, cacheable
	return p, nil
}

// produce lexes and formats code, and stores the result on disk unless
// it may depend on machine load (see lex). cacheable reports whether the
// payload may be kept at all. The payload of a block over budget starts
// with slowMark.
func (h *Highlighter) produce(key cacheKey, code string, lexer chroma.Lexer, opts options) (p string, cacheable bool, err error) {
	h.misses.Add(1)
	tokens, cacheable, slow := h.lex(lexer, code)
	var buf bytes.Buffer
	buf.Grow(len(code) * 4)
	// With classes the style only feeds CSS that writeHTML computes and
	// ignores, so any fixed style gives identical HTML.
	if err := h.formatter(opts).Format(&buf, styles.Fallback, chroma.Literator(tokens...)); err != nil {
		return "", false, fmt.Errorf("highlight: format: %w", err)
	}
	p = buf.String()
	if slow {
		p = slowMark + p
	}
	if h.store != nil && cacheable {
		if err := h.store.Put(key, p); err != nil {
			h.writeErrors.Add(1)
			h.firstWriteErr.CompareAndSwap(nil, &err)
		} else {
			h.writes.Add(1)
		}
	}
	return p, cacheable, nil
}

// Why lexing is checked: chroma gives every rule's regexp a 250 ms match
// timeout, measured on regexp2's coarse background clock. In a starved
// process (overloaded CI, -race) a match can "time out" and silently count
// as no match, which yields Error tokens or other wrong tokens. Such a
// result depends on load, and caching it would make it permanent.
const (
	// suspectStep is the wall time of one token from which a regexp
	// in it may have timed out: a match times out after running for
	// 250 ms, less the lag of regexp2's clock (its 100 ms tick), so a lex
	// whose every token took less did not time out.
	suspectStep = 100 * time.Millisecond
	// recheckCPU bounds the lexes that are checked by lexing again: a
	// slow block is lexed once.
	recheckCPU = 20 * time.Millisecond
)

// lex tokenises code within its budget (see lexBudget) and reports
// whether the result is safe to cache, and whether the budget ran out
// (the tokens are then the plain text).
//
// A cheap lex with Error tokens, or with a token slow enough for a regexp
// timeout, is lexed a second time and is cacheable only if both agree.
// Genuine Error tokens (code the lexer does not understand) reproduce, so
// those blocks are still cached, at the cost of one extra lex on a miss. A
// costly lex is never repeated: it is not cached if a token was that slow.
func (h *Highlighter) lex(lexer chroma.Lexer, code string) (tokens []chroma.Token, cacheable, slow bool) {
	if plainText(lexer) {
		// What it would make, without the regexps: a 1 MB block took
		// over a second under -race.
		return plainTokens(code), true, false
	}
	budget := lexBudget(len(code))
	tokens, run := tokenise(lexer, code, budget)
	if run.over {
		h.overBudget.Add(1)
		// Only the thread clock makes this a property of the input.
		return tokens, run.cpuClock, true
	}
	if !run.ok {
		h.lexerFailures.Add(1)
	}
	suspect := run.longest >= suspectStep
	if !suspect && (!hasErrorToken(tokens) || run.cpu >= recheckCPU) {
		return tokens, true, false
	}
	if run.cpu >= recheckCPU {
		h.unstable.Add(1)
		return tokens, false, false
	}
	again, run2 := tokenise(lexer, code, budget)
	if slices.Equal(tokens, again) {
		return tokens, true, false
	}
	h.unstable.Add(1)
	if !run2.over && errorTokens(again) < errorTokens(tokens) {
		tokens = again
	}
	return tokens, false, false
}

// plainTokens is code as one Text token, with line ends as chroma's
// lexers make them (TokeniseOptions.EnsureLF, on by default).
func plainTokens(code string) []chroma.Token {
	return []chroma.Token{{Type: chroma.Text, Value: lineEnds.Replace(code)}}
}

var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// plainText tells chroma's plain-text lexers, which make every line one
// Text token: the fallback for unknown languages, and "text".
func plainText(l chroma.Lexer) bool {
	return l == lexers.Fallback || l.Config().Name == "plaintext"
}

func hasErrorToken(tokens []chroma.Token) bool { return errorTokens(tokens) > 0 }

func errorTokens(tokens []chroma.Token) int {
	n := 0
	for _, t := range tokens {
		if t.Type == chroma.Error {
			n++
		}
	}
	return n
}

// lexRun describes one run of tokenise.
type lexRun struct {
	ok       bool          // false: the lexer failed, panicked or looped
	over     bool          // the budget ran out
	cpu      time.Duration // the time it took: CPU time if cpuClock, else wall time
	cpuClock bool          // the thread's CPU clock measured it
	longest  time.Duration // the wall time of the slowest token
}

// eagerPiece bounds the text handed to one call of an eager lexer (see
// eager), which cannot be stopped within a call.
const eagerPiece = 1024

// eager tells the lexers that tokenise their whole input before their
// iterator returns the first token: chroma's delegating lexers (ERB, PHP,
// Svelte, Go templates, YAML+Jinja) lex with both of their lexers first.
func eager(l chroma.Lexer) bool {
	return fmt.Sprintf("%T", l) == "*chroma.delegatingLexer"
}

// tokenise runs lexer on code, merging runs of same-type tokens (as
// chroma.Coalesce does, for fewer spans). It falls back to a single plain
// token if the lexer fails, panics (chroma lexers panic on some internal
// errors), stops making progress (some lexers, Jungle and JSONata in
// v2.27, emit empty tokens forever on some input) or takes more than
// budget. The token bounds are deterministic, and so is the budget where
// the thread's CPU clock measures it, so the result can be cached like
// any other.
func tokenise(lexer chroma.Lexer, code string, budget time.Duration) (tokens []chroma.Token, run lexRun) {
	plain := plainTokens(code)
	// The thread's clock measures this goroutine only while it stays on
	// the thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0, cpuOK := threadCPU()
	wall0 := time.Now()
	used := func(now time.Time) time.Duration {
		if cpuOK {
			if c, ok := threadCPU(); ok {
				return c - cpu0
			}
		}
		return now.Sub(wall0)
	}
	defer func() {
		if recover() != nil {
			tokens, run.ok, run.over = plain, false, false
		}
		run.cpu, run.cpuClock = used(time.Now()), cpuOK
	}()
	pieces := []string{code}
	if eager(lexer) {
		pieces = split(code, eagerPiece)
	}
	// A sane lexer emits at most a few (possibly empty) tokens per byte
	// and about len(code) bytes in all (plus a newline per call), and
	// few empty tokens in a row: a lexer stuck in a loop is caught by
	// these bounds long before its budget runs out.
	const maxEmpty = 100
	maxTokens := 4*len(code) + 10_000
	maxBytes := 2*len(code) + 1_000 + len(pieces)
	var prev chroma.Token
	n, size, empty := 0, 0, 0
	last := wall0
	for i, piece := range pieces {
		it, err := lexer.Tokenise(nil, piece)
		if err != nil {
			return plain, lexRun{}
		}
		start := size
		for t := it(); t != chroma.EOF; t = it() {
			now := time.Now()
			run.longest = max(run.longest, now.Sub(last))
			last = now
			// CPU time never exceeds wall time: the thread's clock
			// (a system call) is read only once wall time is over.
			if now.Sub(wall0) >= budget && used(now) >= budget {
				return plain, lexRun{ok: true, over: true, longest: run.longest}
			}
			n++
			size += len(t.Value)
			if n > maxTokens || size > maxBytes {
				return plain, lexRun{}
			}
			if t.Value == "" {
				if empty++; empty > maxEmpty {
					return plain, lexRun{}
				}
				continue
			}
			empty = 0
			if prev.Type == t.Type && prev.Value != "" && len(prev.Value) < 8192 {
				prev.Value += t.Value
				continue
			}
			if prev.Value != "" {
				tokens = append(tokens, prev)
			}
			prev = t
		}
		// Chroma ends a text that lacks one with a newline; inside the
		// block, the piece's own end is the text's.
		if i < len(pieces)-1 && size-start == len(piece)+1 && strings.HasSuffix(prev.Value, "\n") {
			prev.Value = prev.Value[:len(prev.Value)-1]
		}
	}
	if prev.Value != "" {
		tokens = append(tokens, prev)
	}
	return tokens, lexRun{ok: true, longest: run.longest}
}

// split cuts code into pieces of at most n bytes, each ending with a
// blank line where there is one in its second half (a lexer is most often
// back in its first state there), else with a newline where there is
// one, else at a character boundary.
func split(code string, n int) []string {
	var pieces []string
	for len(code) > n {
		i := strings.LastIndex(code[:n], "\n\n") + 2
		if i <= n/2 {
			i = strings.LastIndexByte(code[:n], '\n') + 1
		}
		if i == 0 {
			i = n
			for i > 0 && !utf8.RuneStart(code[i]) {
				i--
			}
			if i == 0 {
				i = n
			}
		}
		pieces = append(pieces, code[:i])
		code = code[i:]
	}
	return append(pieces, code)
}

// Forget drops the in-memory de-dup map: a one-off build calls it once
// its slides are rendered, as the map then only holds copies of HTML the
// pages already have (~15 MB for 10,000 slides), at the build's peak.
func (h *Highlighter) Forget() {
	h.mu.Lock()
	h.mem, h.memBytes = map[cacheKey]string{}, 0
	h.mu.Unlock()
}

// remember stores a payload in the bounded in-memory map. h.mu must be held.
func (h *Highlighter) remember(key cacheKey, p string) {
	if len(p) > min(memMaxEntry, h.memLimit) {
		return
	}
	if _, ok := h.mem[key]; ok {
		return
	}
	// Evict arbitrary entries until it fits: cheap, and good enough for a
	// de-dup map whose hits come mostly within one build.
	for k, v := range h.mem {
		if h.memBytes+len(p) <= h.memLimit {
			break
		}
		delete(h.mem, k)
		h.memBytes -= len(v)
	}
	h.mem[key] = p
	h.memBytes += len(p)
}

// lexerCache maps validated Fence.Lang words to lexers for the whole
// process: lexers.Get falls back to matching every lexer's filename globs,
// which costs milliseconds for a name that is not a lexer name or alias.
var lexerCache struct {
	sync.RWMutex
	m map[string]chroma.Lexer
}

// lexer resolves a Fence.Lang to a lexer, falling back to plain text.
// Chroma's RegexLexer compiles its rules once under a mutex and keeps all
// per-call state in a fresh LexerState, and regexp2 regexps are safe for
// concurrent use, so one lexer instance is shared by all goroutines.
func (h *Highlighter) lexer(lang string) chroma.Lexer {
	id, ok := cleanLang(lang)
	if !ok || id == "" {
		return lexers.Fallback
	}
	lexerCache.RLock()
	l, ok := lexerCache.m[id]
	lexerCache.RUnlock()
	if ok {
		return l
	}
	l = lexers.Get(id)
	if l == nil {
		l = lexers.Fallback
	}
	lexerCache.Lock()
	if lexerCache.m == nil {
		lexerCache.m = map[string]chroma.Lexer{}
	}
	if len(lexerCache.m) < maxLexerCache {
		lexerCache.m[id] = l // "none" is remembered too
	}
	lexerCache.Unlock()
	return l
}

// formatter returns a shared formatter for opts. Formatters are read-only
// during Format (their style cache has its own lock), so sharing is safe.
func (h *Highlighter) formatter(opts options) *chromahtml.Formatter {
	id := opts.String()
	h.fmtMu.Lock()
	defer h.fmtMu.Unlock()
	if f, ok := h.formatters[id]; ok {
		return f
	}
	if len(h.formatters) >= maxFormatters {
		clear(h.formatters) // simple bound; rebuilding one is cheap
	}
	f := chromahtml.New(
		chromahtml.WithClasses(true),
		chromahtml.WithPreWrapper(preWrapper{}),
		chromahtml.HighlightLines(slices.Clone(opts.ranges)),
		chromahtml.WithLineNumbers(opts.lineNos),
		chromahtml.LineNumbersInTable(opts.table),
		chromahtml.BaseLineNumber(opts.lineStart),
	)
	h.formatters[id] = f
	return f
}

// preWrapper emits `<pre class="chroma"><code>`; decorate relies on the
// bare "<code>" to add the language class.
type preWrapper struct{}

func (preWrapper) Start(code bool, styleAttr string) string {
	if code {
		return "<pre" + styleAttr + "><code>"
	}
	return "<pre" + styleAttr + ">"
}

func (preWrapper) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}
