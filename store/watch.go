package store

import (
	"strings"
	"sync"

	"qaward/award"
)

// Watching. Every session of `qaward serve` shares one store; instead of
// asking the store again and again whether something changed, a session
// watches it: after each commit the store sends every watcher a Change,
// the new generation (Generation) with the records the commit wrote. A
// watcher that has not taken the last change yet gets it merged with the
// next: it is told everything that changed since it last looked, never
// flooded, and a slow session holds up nobody.

// Change is what commits wrote since a watcher last looked.
type Change struct {
	// Gen is the store's generation after the newest of them.
	Gen uint64
	// Records are the records written or removed, as the audit log names
	// them; Many says there were more than a watcher is told one by one
	// (maxChangeRecords), and then Records is empty: read it all again.
	Records []ChangedRecord
	Many    bool
}

// ChangedRecord is one record a commit wrote or removed.
type ChangedRecord struct {
	Bucket string // as in the audit log, such as cycles/2026/sheets
	Key    string
}

// Cycle and Sub split the record's bucket into its cycle and sub-bucket
// ("2026", "sheets"); ok is false for records outside the cycles.
func (r ChangedRecord) Cycle() (cycle, sub string, ok bool) {
	rest, ok := strings.CutPrefix(r.Bucket, "cycles/")
	if !ok {
		return "", "", false
	}
	cycle, sub, ok = strings.Cut(rest, "/")
	return cycle, sub, ok
}

// maxChangeRecords is how many records a change names at most; an import
// writes thousands, and a watcher then reads its share again whole.
const maxChangeRecords = 256

// merge is a and b together, in a list of its own (a change is sent to
// many watchers, and none may write into another's list).
func (a Change) merge(b Change) Change {
	out := Change{Gen: max(a.Gen, b.Gen), Many: a.Many || b.Many || len(a.Records)+len(b.Records) > maxChangeRecords}
	if !out.Many {
		out.Records = make([]ChangedRecord, 0, len(a.Records)+len(b.Records))
		out.Records = append(append(out.Records, a.Records...), b.Records...)
	}
	return out
}

// watchers are the channels the store tells of its commits, and the
// records written since the last commit was told.
type watchers struct {
	mu      sync.Mutex
	subs    map[chan Change]struct{}
	pending Change
}

// Watch returns a channel that receives a Change after every commit, and
// the function that stops it (closing the channel). It is safe to call
// from any goroutine.
func (db *DB) Watch() (<-chan Change, func()) {
	ch := make(chan Change, 1)
	w := &db.watchers
	w.mu.Lock()
	if w.subs == nil {
		w.subs = map[chan Change]struct{}{}
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

// note records a write of the transaction under way. A transaction that
// then rolls back leaves its records noted: a watcher reads a record it
// need not have, never misses one.
func (w *watchers) note(bucket string, key []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.subs) == 0 {
		return
	}
	w.pending = w.pending.merge(Change{Records: []ChangedRecord{{Bucket: bucket, Key: string(key)}}})
}

// publish tells every watcher the generation gen with the records noted
// since the last time, merged into a change it has not taken yet.
func (w *watchers) publish(gen uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.pending
	c.Gen = gen
	w.pending = Change{}
	for ch := range w.subs {
		select {
		case old := <-ch:
			ch <- old.merge(c)
		default:
			ch <- c
		}
	}
}

// committed is called after a write transaction committed: it tells the
// watchers, if there are any, the new generation and what was written.
func (db *DB) committed() {
	db.watchers.mu.Lock()
	n := len(db.watchers.subs)
	db.watchers.mu.Unlock()
	if n > 0 {
		db.watchers.publish(db.Generation())
	}
}

// Sheet is the key of a changed score sheet (not a consensus sheet) and
// its cycle; ok is false for any other record.
func (r ChangedRecord) Sheet() (cycle string, k award.SheetKey, ok bool) {
	cycle, sub, ok := r.Cycle()
	parts := strings.Split(r.Key, "\x00")
	if !ok || sub != subSheets || len(parts) != 3 {
		return "", award.SheetKey{}, false
	}
	return cycle, award.SheetKey{Stage: award.Stage(parts[0]), ApplicantID: parts[1], ReviewerID: parts[2]}, true
}

// IsApplicant reports whether the record is an applicant's own (its
// name, kind, profile …), as opposed to a record about it.
func (r ChangedRecord) IsApplicant() bool {
	_, sub, ok := r.Cycle()
	return ok && sub == subApplicants && r.Key != ""
}

// MergeChanges is a and b together, as a watcher that took neither would
// be told them.
func MergeChanges(a, b Change) Change { return a.merge(b) }

// ChangedApplicant is the applicant a changed record belongs to, by the
// key layout of its bucket, or "" for a record of no one applicant
// (reviewers, groups, the cycle itself …).
func ChangedApplicant(r ChangedRecord) string {
	_, sub, ok := r.Cycle()
	if !ok {
		return ""
	}
	parts := strings.Split(r.Key, "\x00")
	switch sub {
	case subSheets, subConsensus, subAssignments:
		if len(parts) >= 2 {
			return parts[1]
		}
	case subApplicants, subSatisfaction, subDecisions:
		return r.Key
	}
	return ""
}
