package serve

import (
	"io"
	"testing"

	"github.com/lecgen/lecgen/internal/render"
)

// laterServer is a Server with only what buildLater uses, and the
// reload events it sends.
type laterServer struct {
	*Server
	events chan event
}

func newLaterServer() laterServer {
	s := &Server{hub: newHub(nil), log: io.Discard}
	events, _ := s.hub.subscribe()
	return laterServer{s, events}
}

// serve serves a new snapshot whose course handout is handout, as a
// rebuild does, and returns it.
func (s laterServer) serve(handout string) *snapshot {
	snap := &snapshot{later: &lazyFiles{build: func() ([]render.File, error) {
		return []render.File{{Path: render.CourseHandoutPath, Data: []byte(handout)}}, nil
	}}}
	s.swap(snap)
	return snap
}

// reloads returns the events sent so far.
func (s laterServer) reloads() []string {
	var got []string
	for {
		select {
		case e := <-s.events:
			got = append(got, e.name+" "+string(e.data))
		default:
			return got
		}
	}
}

const handoutReloadEvent = `reload {"changed":["/handout/"],"deleted":null,"all":false}`

// TestHandoutReload: the course handout, built after a rebuild's reload
// event, reloads when it differs from any handout a browser may have
// open, whichever snapshots in between were replaced before theirs was
// built. A slide saved twice in quick succession (or one save the
// watcher saw as two changes on a loaded machine) is two rebuilds, the
// first replaced before its background build started; the second was
// compared with that never-built handout, and the handout a browser
// showed was never reloaded (TestEditReloads, under load).
func TestHandoutReload(t *testing.T) {
	for _, tc := range []struct {
		name   string
		steps  func(s laterServer)
		reload bool
	}{
		{"changed", func(s laterServer) {
			s.buildLater(s.serve("A"))
			s.buildLater(s.serve("B"))
		}, true},
		{"unchanged", func(s laterServer) {
			s.buildLater(s.serve("A"))
			s.buildLater(s.serve("A"))
		}, false},
		{"changed, the snapshot between replaced before it was built", func(s laterServer) {
			s.buildLater(s.serve("A"))
			s1 := s.serve("B")
			s2 := s.serve("B")
			s.buildLater(s1) // replaced: nothing to do
			s.buildLater(s2)
		}, true},
		{"changed, the snapshot between built on request and replaced", func(s laterServer) {
			s.buildLater(s.serve("A"))
			s1 := s.serve("B")
			s1.later.get() // a request
			s2 := s.serve("B")
			s.buildLater(s1)
			s.buildLater(s2)
		}, true},
		{"changed back, the version between shown on request", func(s laterServer) {
			s.buildLater(s.serve("A"))
			s1 := s.serve("B")
			s2 := s.serve("A")
			s1.later.get() // a request that began before s2 was served
			s.buildLater(s1)
			s.buildLater(s2)
		}, true},
		{"changed back before anything was built", func(s laterServer) {
			s.buildLater(s.serve("A"))
			s1 := s.serve("B")
			s2 := s.serve("A")
			s.buildLater(s1)
			s.buildLater(s2)
		}, false},
		{"no handout was ever built", func(s laterServer) {
			s0 := s.serve("A")
			s.buildLater(s.serve("B"))
			s.buildLater(s0)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newLaterServer()
			tc.steps(s)
			got := s.reloads()
			switch {
			case tc.reload && (len(got) != 1 || got[0] != handoutReloadEvent):
				t.Errorf("events %q, want one handout reload", got)
			case !tc.reload && len(got) != 0:
				t.Errorf("events %q, want none", got)
			}
		})
	}
}
