package render

import (
	"reflect"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
)

// fill sets every exported field below v to a non-zero value: strings
// "a", numbers 1, true, one-element slices, allocated pointers.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("a")
	case reflect.Int:
		v.SetInt(1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.Map: // map[string]any, as [params]
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf("a"), reflect.ValueOf("a"))
	}
}

// leaves calls f with a description of every settable leaf below v and a
// function that changes it.
func leaves(v reflect.Value, path string, f func(path string, change func())) {
	switch v.Kind() {
	case reflect.String:
		f(path, func() { v.SetString(v.String() + "b") })
	case reflect.Int:
		f(path, func() { v.SetInt(v.Int() + 1) })
	case reflect.Bool:
		f(path, func() { v.SetBool(!v.Bool()) })
	case reflect.Pointer:
		f(path+" (nil)", func() { v.Set(reflect.Zero(v.Type())) })
		leaves(v.Elem(), path, f)
	case reflect.Slice:
		f(path+" (one more)", func() { v.Set(reflect.Append(v, v.Index(0))) })
		leaves(v.Index(0), path+"[0]", f)
	case reflect.Map:
		f(path+" (one more)", func() { v.SetMapIndex(reflect.ValueOf("b"), reflect.ValueOf("a")) })
		f(path+" (changed)", func() { v.SetMapIndex(reflect.ValueOf("a"), reflect.ValueOf("a b")) })
		f(path+" (nil)", func() { v.Set(reflect.Zero(v.Type())) })
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				leaves(v.Field(i), path+"."+v.Type().Field(i).Name, f)
			}
		}
	}
}

// TestPageKeyCoversEveryField changes every field a template can see, one
// at a time, and checks that the page's cache key changes: a field added
// to Page (or a view in it) but not to pageKey would let serve mode show
// a stale page.
func TestPageKeyCoversEveryField(t *testing.T) {
	n := 0
	var all Page
	fill(reflect.ValueOf(&all).Elem())
	leaves(reflect.ValueOf(&all).Elem(), "Page", func(path string, _ func()) {
		if path == "Page.Site" || path == "Page.Site (nil)" || len(path) > 10 && path[:10] == "Page.Site." {
			return // every page has the same Site; siteKey covers it
		}
		var p Page
		fill(reflect.ValueOf(&p).Elem())
		p.marginTitle = "m"
		before := pageKey(nil, "slide", &p)
		// Find the same field in a fresh page and change it there.
		var q Page
		fill(reflect.ValueOf(&q).Elem())
		q.marginTitle = "m"
		found := false
		leaves(reflect.ValueOf(&q).Elem(), "Page", func(qp string, qchange func()) {
			if qp == path && !found {
				found = true
				qchange()
			}
		})
		if !found {
			t.Fatalf("%s: not found again", path)
		}
		if pageKey(nil, "slide", &q) == before {
			t.Errorf("changing %s does not change the page's cache key: add it to pageKey", path)
		}
		n++
	})
	if n < 60 {
		t.Errorf("only %d fields checked; the walk is broken", n)
	}
	var p Page
	fill(reflect.ValueOf(&p).Elem())
	before := pageKey(nil, "slide", &p)
	if pageKey(nil, "lecture", &p) == before {
		t.Error("the template kind is not in the key")
	}
	p.marginTitle = "other"
	if pageKey(nil, "slide", &p) == before {
		t.Error("marginTitle is not in the key")
	}
	p.later([]byte("doc"), func() {})
	if pageKey(nil, "slide", &p) == before {
		t.Error("lazy parts are not in the key")
	}
}

// TestSiteKeyCoversEveryField does the same for the Site every page shows.
func TestSiteKeyCoversEveryField(t *testing.T) {
	var all Site
	fill(reflect.ValueOf(&all).Elem())
	leaves(reflect.ValueOf(&all).Elem(), "Site", func(path string, _ func()) {
		var a, b Site
		fill(reflect.ValueOf(&a).Elem())
		fill(reflect.ValueOf(&b).Elem())
		leaves(reflect.ValueOf(&b).Elem(), "Site", func(bp string, change func()) {
			if bp == path {
				change()
			}
		})
		if string(siteKey(&a)) == string(siteKey(&b)) {
			t.Errorf("changing %s does not change siteKey", path)
		}
	})
}

// TestItemsKey checks that a lecture's sidebar key, which pageKey hashes
// instead of the sidebar's Items when set, is the hash of those items.
func TestItemsKey(t *testing.T) {
	items := []Link{{Href: "../a/", Title: "A"}, {Href: "../b/", Title: "B"}}
	k := newKey()
	k.links(items)
	sum := k.sum()
	l := &course.Lecture{Slug: "l", Title: "L"}
	l.Slides = []*course.Slide{{Lecture: l, Slug: "a"}, {Lecture: l, Slug: "b"}}
	// Titles as shown come from resolve (SlideDocs.Title), via refs.
	r := &renderer{siteKey: []byte{1}, refs: map[*course.Slide]slideRef{l.Slides[0]: {title: "A"}, l.Slides[1]: {title: "B"}}}
	if ld := r.lectureData(l); ld.key != sum {
		t.Error("lectureData's key is not the hash of its items")
	}
}
