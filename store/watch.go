package store

import "sync"

// Watching. Every session of `qaward serve` shares one store; instead of
// asking the store again and again whether something changed, a session
// watches it: after each commit that changed the database the store sends
// the new generation (Generation) to every watcher. A watcher that has not
// taken the last one yet gets only the newest: it is told that something
// changed since it last looked, never flooded, and a slow session holds up
// nobody.

// watchers are the channels the store tells of its commits.
type watchers struct {
	mu   sync.Mutex
	subs map[chan uint64]struct{}
}

// Watch returns a channel that receives the store's generation after every
// commit, and the function that stops it (closing the channel). It is safe
// to call from any goroutine.
func (db *DB) Watch() (<-chan uint64, func()) {
	ch := make(chan uint64, 1)
	w := &db.watchers
	w.mu.Lock()
	if w.subs == nil {
		w.subs = map[chan uint64]struct{}{}
	}
	w.subs[ch] = struct{}{}
	w.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			w.mu.Lock()
			delete(w.subs, ch)
			close(ch)
			w.mu.Unlock()
		})
	}
}

// publish tells every watcher the generation gen, replacing one it has not
// taken yet.
func (w *watchers) publish(gen uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for ch := range w.subs {
		select {
		case <-ch:
		default:
		}
		ch <- gen
	}
}

// committed is called after a write transaction committed: it tells the
// watchers, if there are any, the new generation.
func (db *DB) committed() {
	db.watchers.mu.Lock()
	n := len(db.watchers.subs)
	db.watchers.mu.Unlock()
	if n > 0 {
		db.watchers.publish(db.Generation())
	}
}
