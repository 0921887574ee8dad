package serve

import (
	"sort"
	"sync"
)

// hub fans events out to the connected browsers. Each client has a small
// buffer; a client too slow to keep up loses events rather than blocking
// a rebuild.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	last    *event // the current error state, replayed to new clients
}

type event struct {
	name string // "reload", "errors", "ok"
	data []byte
}

func newHub() *hub { return &hub{clients: map[chan event]struct{}{}} }

func (h *hub) subscribe() (chan event, *event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan event, 8)
	h.clients[ch] = struct{}{}
	return ch, h.last
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	delete(h.clients, ch)
	h.mu.Unlock()
}

func (h *hub) broadcast(e event, sticky bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if sticky {
		h.last = &e
	} else {
		h.last = nil
	}
	for ch := range h.clients {
		select {
		case ch <- e:
		default: // slow client; it will reconnect or catch up on the next event
		}
	}
}

func sortStrings(s []string) { sort.Strings(s) }
