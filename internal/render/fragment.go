package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// Fragment is the data of a template run through the "cached" function:
// only what many pages share, so that the template runs once per build for
// all of them instead of once per page.
//
// In a theme, {{cached "site-header" .}} (with the page as its argument)
// shows the template "site-header" run with a Fragment of the page. The
// result is reused for every page of the same kind and Root, which is
// sound because the template sees nothing else: a field it has no access
// to cannot go stale. Parts that show anything of one page (its title, its
// neighbours) belong in an ordinary {{template}}.
//
// Every html/template action costs about two microseconds per page, most
// of it in the escaping functions; the default theme's head, header and
// footer are about a third of a slide page's actions.
type Fragment struct {
	Site *Site
	Root string // as Page.Root
	Kind string // as Page.Kind
}

// themeFuncs are the functions lecgen gives theme templates.
var themeFuncs = template.FuncMap{"cached": cached}

// cached is the template function "cached". It takes any value for the
// page so that a wrong one gets this message rather than text/template's.
func cached(name string, page any) (template.HTML, error) {
	p, _ := page.(*Page)
	if p == nil || p.frags == nil {
		return "", fmt.Errorf(`cached needs the page as its argument, as in {{cached %q $}}, not %T`, name, page)
	}
	return p.frags.get(name, Fragment{Site: p.Site, Root: p.Root, Kind: p.Kind})
}

// fragments holds the cached templates' output for the pages of one kind
// in one render.
type fragments struct {
	set *template.Template // the kind's template set
	mu  sync.Mutex
	m   map[fragmentKey]template.HTML
}

// fragmentKey is what a fragment's output depends on within one render and
// kind: the Site is the same for every page of a render.
type fragmentKey struct{ name, root string }

func newFragments(set *template.Template) *fragments {
	return &fragments{set: set, m: map[fragmentKey]template.HTML{}}
}

func (f *fragments) get(name string, data Fragment) (template.HTML, error) {
	k := fragmentKey{name, data.Root}
	f.mu.Lock()
	h, ok := f.m[k]
	f.mu.Unlock()
	if ok {
		return h, nil
	}
	// Two pages may make the same fragment at once; both get the same
	// bytes, so the second store is harmless.
	var buf bytes.Buffer
	if err := f.set.ExecuteTemplate(&buf, name, &data); err != nil {
		return "", err
	}
	h = template.HTML(buf.String())
	f.mu.Lock()
	f.m[k] = h
	f.mu.Unlock()
	return h, nil
}
