package criteria

import (
	"maps"
	"sync"
)

// Catalog is the criteria sets a cycle scores on, found by ID, with a
// default set per kind of applicant. It is built once and injected into
// whatever needs a set (the backend, scoring, the screens), so that every
// part of the program resolves an applicant's set the same way. Its sets
// are shared: callers must not change them.
type Catalog struct {
	byID     map[string]*Set
	defaults map[string]*Set // applicant kind -> set
}

// NewCatalog makes a catalog of sets; the first set for each kind of
// applicant is that kind's default.
func NewCatalog(sets ...*Set) *Catalog {
	c := &Catalog{byID: map[string]*Set{}, defaults: map[string]*Set{}}
	for _, s := range sets {
		c.byID[s.ID] = s
		if _, ok := c.defaults[s.Applicant]; !ok {
			c.defaults[s.Applicant] = s
		}
	}
	return c
}

var builtinCatalog = sync.OnceValue(func() *Catalog {
	c := NewCatalog(Builtin()...)
	// The defaults are fixed by name, whatever the order of the files.
	c.defaults[Organization] = c.byID[GBT19580ID]
	c.defaults[Individual] = c.byID[IndividualID]
	return c
})

// BuiltinCatalog is the catalog of the built-in sets (GB/T 19580-2012 for
// organisations, the individual set for individuals).
func BuiltinCatalog() *Catalog { return builtinCatalog() }

// Set is the set an applicant of a kind scores on: the set named id, or
// the kind's default when id is empty; nil when there is none.
func (c *Catalog) Set(id, applicantKind string) *Set {
	if c == nil {
		return nil
	}
	if id == "" {
		return c.defaults[applicantKind]
	}
	return c.byID[id]
}

// Lookup is the set named id.
func (c *Catalog) Lookup(id string) (*Set, bool) {
	if c == nil {
		return nil, false
	}
	s, ok := c.byID[id]
	return s, ok
}

// Sets lists the catalog's sets in ID order.
func (c *Catalog) Sets() []*Set {
	out := make([]*Set, 0, len(c.byID))
	for _, s := range c.byID {
		out = append(out, s)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].ID < out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// With is a catalog of c's sets and sets (the criteria sets a cycle has
// loaded, Art. 12), keeping c's defaults: a loaded set is scored on only
// by the applicants that name it. A set of sets whose ID c already has
// replaces it. With no sets it is c itself.
func (c *Catalog) With(sets ...*Set) *Catalog {
	if len(sets) == 0 {
		return c
	}
	n := &Catalog{byID: map[string]*Set{}, defaults: map[string]*Set{}}
	if c != nil {
		maps.Copy(n.byID, c.byID)
		maps.Copy(n.defaults, c.defaults)
	}
	for _, s := range sets {
		n.byID[s.ID] = s
		if _, ok := n.defaults[s.Applicant]; !ok {
			n.defaults[s.Applicant] = s
		}
	}
	return n
}

// SameScoring reports whether sheets scored on a score the same on b:
// the same kind of applicant and total, and the same items in the same
// order with the same points and kinds. Names, guidance and bands may
// differ; a set whose scoring differs is a new set, with an ID of its own.
func SameScoring(a, b *Set) bool {
	if a.Applicant != b.Applicant || a.Total != b.Total || a.NumItems() != b.NumItems() {
		return false
	}
	for i := range a.NumItems() {
		x, y := a.Item(i), b.Item(i)
		if x.ID != y.ID || x.Points != y.Points || x.Kind != y.Kind {
			return false
		}
	}
	return true
}
