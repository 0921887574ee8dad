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
	// listeners, if set, is told the number of clients when it changes
	// (Options.Listeners); called with mu held, so the counts arrive in
	// order.
	listeners func(n int)
}

type event struct {
	name string // "reload", "errors", "ok"
	data []byte
}

func newHub(listeners func(n int)) *hub {
	return &hub{clients: map[chan event]struct{}{}, listeners: listeners}
}

func (h *hub) subscribe() (chan event, *event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan event, 8)
	h.clients[ch] = struct{}{}
	if h.listeners != nil {
		h.listeners(len(h.clients))
	}
	return ch, h.last
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	delete(h.clients, ch)
	if h.listeners != nil {
		h.listeners(len(h.clients))
	}
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
