// Package backend is qaward's application layer, as soft-serve's
// pkg/backend is for git: every use case that a command of cmd/qaward or a
// screen of tui performs is written here once, so that the command line,
// the terminal UI and every session of `qaward serve` show the same figures
// and obey the same rules.
//
// A Backend acts for one person. It reads and writes the store through
// that person's view (store/access), so a reviewer's backend cannot see or
// change what the reviewer may not, and on top of that it applies the
// rules of the management rules that bind the office's procedure (DESIGN
// rules 11 and 12): eligibility before 评委会审议, the quotas of Art. 3,
// the final status with revocations. The results in force (stage scores
// with consensus, composite, outcomes, decisions, final status) are
// computed in Results and nowhere else. The file formats live beneath it:
// backend/imports and backend/importer (tables in), backend/export and
// backend/feedback (tables and reports out), backend/packet (offline
// reviewer packets).
package backend

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"qaward/criteria"
	"qaward/store"
	"qaward/store/access"
)

// ErrForbidden is store/access's refusal: the person's role does not allow
// the call.
var ErrForbidden = access.ErrForbidden

// Options configure a Backend.
type Options struct {
	// Person acts when the store given to New is not already a person's
	// view; the zero Person is the office.
	Person access.Person
	// Catalog finds the criteria sets; nil is the built-in catalog.
	Catalog *criteria.Catalog
	// Actor names the person in the audit log; empty is the person's ID.
	Actor string
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Backend is one person's access to a cycle's use cases.
type Backend struct {
	st      store.Store // the person's view
	person  access.Person
	catalog *criteria.Catalog
	actor   string
	now     func() time.Time
}

// New returns the backend of the person whose view st is (store/access);
// a bare store is wrapped for o.Person (the office when zero).
func New(st store.Store, o Options) *Backend {
	p, ok := access.PersonOf(st)
	if !ok {
		p = o.Person
		if p.ID == "" {
			p = access.Person{ID: "office", Role: access.Office}
		}
		st = access.Wrap(st, p)
	}
	b := &Backend{st: st, person: p, catalog: o.Catalog, actor: o.Actor, now: o.Now}
	if b.catalog == nil {
		b.catalog = criteria.BuiltinCatalog()
	}
	if b.actor == "" {
		b.actor = p.ID
	}
	if b.now == nil {
		b.now = time.Now
	}
	return b
}

// Store is the person's view of the store, for the reads that are not use
// cases of their own (listing reviewers, reading a sheet).
func (b *Backend) Store() store.Store { return b.st }

// Person is who the backend acts for.
func (b *Backend) Person() access.Person { return b.person }

// Catalog is the criteria catalog a cycle scores with: the backend's
// (the built-in sets unless Options named others) with the sets loaded
// into the cycle.
func (b *Backend) Catalog(cycle string) (*criteria.Catalog, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	return store.CycleCatalog(b.st, cycle, b.catalog)
}

// Actor is the name the audit log records for the backend's writes.
func (b *Backend) Actor() string { return b.actor }

// officeOnly refuses a use case to anyone but the office, as store/access
// refuses the office's writes.
func (b *Backend) officeOnly(what string) error {
	if b.person.Role != access.Office {
		return fmt.Errorf("%s may not %s (the office's work): %w", b.person, what, ErrForbidden)
	}
	return nil
}

// cycleID resolves "" to the current cycle.
func (b *Backend) cycleID(cycle string) (string, error) {
	if cycle != "" {
		return cycle, nil
	}
	return b.st.CurrentCycle()
}

// decisionsMu serialises the writes whose rules count over other records
// (quotas over the decisions in force), so that two sessions of one server
// cannot both take the last place. One process writes a database, so a
// process-wide lock is enough.
var decisionsMu sync.Mutex

// IsForbidden reports whether err is a refusal by role.
func IsForbidden(err error) bool { return errors.Is(err, ErrForbidden) }
