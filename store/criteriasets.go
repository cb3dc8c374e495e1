package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
	"qaward/criteria"
)

// The criteria sets loaded into a cycle (schema version 6), JSON one per
// set ID, each write with its audit entry:
//
//	cycles/<id>/criteria-sets/<set ID>   award.CriteriaSource: the set's TOML text

// CriteriaSetStore keeps the criteria sets a cycle has loaded beside the
// built-in ones (Art. 12), as their TOML text.
type CriteriaSetStore interface {
	// PutCriteriaSet loads a set into the cycle, or replaces the one of
	// its ID. It refuses a text that is not a valid set, the ID of a
	// built-in set, and a replacement that scores differently
	// (criteria.SameScoring) while applicants of the cycle name the set.
	PutCriteriaSet(actor, cycle string, src award.CriteriaSource) error
	// RemoveCriteriaSet takes a set out of the cycle; refused while
	// applicants name it.
	RemoveCriteriaSet(actor, cycle, id string) error
	CriteriaSetReader
}

// CriteriaSetReader reads the sets loaded into a cycle.
type CriteriaSetReader interface {
	// CriteriaSets lists the cycle's loaded sets in ID order.
	CriteriaSets(cycle string) ([]award.CriteriaSource, error)
}

// ParseCriteriaSource checks src's text as a criteria set and fills in
// its ID, name, kind of applicant and hash from it. The ID may not be a
// built-in set's.
func ParseCriteriaSource(src award.CriteriaSource) (award.CriteriaSource, *criteria.Set, error) {
	if len(src.Source) > maxCriteriaBytes {
		return src, nil, fmt.Errorf("%s: a criteria set's file is at most %d KiB; this one has %d bytes", src.File, maxCriteriaBytes>>10, len(src.Source))
	}
	set, err := criteria.Parse(src.File, []byte(src.Source))
	if err != nil {
		return src, nil, err
	}
	if err := plainSet(set); err != nil {
		return src, nil, fmt.Errorf("%s: %w", src.File, err)
	}
	if _, builtin := criteria.Lookup(set.ID); builtin {
		return src, nil, fmt.Errorf("%s: criteria set %q is built in; give the variant an ID of its own (id = \"%s-…\")", src.File, set.ID, set.ID)
	}
	sum := sha256.Sum256([]byte(src.Source))
	src.ID, src.Name, src.Applicant, src.SHA256 = set.ID, set.Name, set.Applicant, hex.EncodeToString(sum[:])
	parsed.Store(src.SHA256, set)
	return src, set, nil
}

// plainSet refuses a set whose names or guidance hold characters that
// would act on a terminal or a document (award.HasRefused): a loaded set
// reaches every reviewer's screen.
func plainSet(set *criteria.Set) error {
	check := func(where, s string, multiline bool) error {
		if award.HasRefused(s, multiline) {
			return fmt.Errorf("%s %s holds a control, escape or direction character; a criteria set's text must be plain", where, award.Printable(s))
		}
		return nil
	}
	if err := errors.Join(check("name", set.Name, false), check("name_en", set.NameEn, false)); err != nil {
		return err
	}
	for _, c := range set.Categories {
		if err := errors.Join(check("category "+c.ID+" name", c.Name, false), check("category "+c.ID+" name_en", c.NameEn, false)); err != nil {
			return err
		}
		for _, it := range c.Items {
			if err := errors.Join(check("item "+it.ID+" name", it.Name, false), check("item "+it.ID+" name_en", it.NameEn, false)); err != nil {
				return err
			}
		}
	}
	for _, kind := range set.Kinds() {
		for _, b := range set.Bands[kind] {
			for _, f := range b.Factors {
				where := fmt.Sprintf("%s band %d–%d factor", kind, b.Min, b.Max)
				if err := errors.Join(check(where, f.Name, false), check(where, f.NameEn, false), check(where+" text", f.Text, true), check(where+" text", f.TextEn, true)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// PutCriteriaSet stores a criteria set's text in the cycle, audited.
func (db *DB) PutCriteriaSet(actor, cycle string, src award.CriteriaSource) error {
	src, set, err := ParseCriteriaSource(src)
	if err != nil {
		return fmt.Errorf("load criteria set: %w", err)
	}
	return db.inCycle(actor, "load criteria set", cycle, func(w *writer, c *bolt.Bucket) error {
		var old award.CriteriaSource
		switch err := getJSON(c, cycle, subCriteriaSets, []byte(src.ID), &old); {
		case err == nil:
			prev, err := sourceSet(old)
			if err != nil {
				return err
			}
			if !criteria.SameScoring(prev, set) {
				if users := setUsers(c, src.ID); len(users) > 0 {
					return fmt.Errorf("criteria set %s is named by %s: its items, points or kinds cannot change; load the new version under an ID of its own", src.ID, listUsers(users))
				}
			}
		case !errors.Is(err, ErrNotFound):
			return err
		}
		return putJSON(w, c, cycle, subCriteriaSets, []byte(src.ID), src)
	})
}

// RemoveCriteriaSet takes a loaded set out of the cycle, audited.
func (db *DB) RemoveCriteriaSet(actor, cycle, id string) error {
	return db.inCycle(actor, "remove criteria set", cycle, func(w *writer, c *bolt.Bucket) error {
		b := c.Bucket([]byte(subCriteriaSets))
		if b.Get([]byte(id)) == nil {
			return fmt.Errorf("criteria set %q: %w (loaded sets are listed by 'qaward criteria --list')", id, ErrNotFound)
		}
		if users := setUsers(c, id); len(users) > 0 {
			return fmt.Errorf("criteria set %s is named by %s; give them another set first", id, listUsers(users))
		}
		return w.remove(b, cyclePath(cycle)+"/"+subCriteriaSets, []byte(id))
	})
}

// CriteriaSets returns the cycle's loaded sets in ID order.
func (db *DB) CriteriaSets(cycle string) ([]award.CriteriaSource, error) {
	return listJSON[award.CriteriaSource](db, cycle, subCriteriaSets)
}

// setUsers lists the IDs of the cycle's applicants that name set id.
func setUsers(c *bolt.Bucket, id string) []string {
	var users []string
	_ = c.Bucket([]byte(subApplicants)).ForEach(func(k, v []byte) error {
		var a struct{ CriteriaSet string }
		if json.Unmarshal(v, &a) == nil && a.CriteriaSet == id {
			users = append(users, string(k))
		}
		return nil
	})
	return users
}

func listUsers(ids []string) string {
	const shown = 5
	if len(ids) == 1 {
		return "applicant " + ids[0]
	}
	s := fmt.Sprintf("%d applicants (%s", len(ids), strings.Join(ids[:min(shown, len(ids))], ", "))
	if len(ids) > shown {
		s += ", …"
	}
	return s + ")"
}

// maxCriteriaBytes bounds a criteria set's TOML text (the built-in
// GB/T 19580 file has about 30 KB).
const maxCriteriaBytes = 1 << 20

// parsed holds the sets parsed from stored texts, by hash: a text is
// parsed once per process however often a cycle's catalog is asked for.
var parsed sync.Map // SHA-256 hex -> *criteria.Set

// sourceSet is the set a stored text holds.
func sourceSet(src award.CriteriaSource) (*criteria.Set, error) {
	sum := sha256.Sum256([]byte(src.Source))
	if s, ok := parsed.Load(hex.EncodeToString(sum[:])); ok {
		return s.(*criteria.Set), nil
	}
	_, set, err := ParseCriteriaSource(src)
	if err != nil {
		return nil, fmt.Errorf("stored criteria set %s: %w", src.ID, err)
	}
	return set, nil
}

// CycleCatalog is base with the criteria sets loaded into the cycle: the
// one way every part of qaward (rankings, imports, screens, packets,
// documents) finds an applicant's set.
func CycleCatalog(st CriteriaSetReader, cycle string, base *criteria.Catalog) (*criteria.Catalog, error) {
	srcs, err := st.CriteriaSets(cycle)
	if err != nil {
		return nil, err
	}
	return catalogOf(srcs, base)
}

// catalogOf is base (nil: the built-in catalog) with the sets of srcs.
func catalogOf(srcs []award.CriteriaSource, base *criteria.Catalog) (*criteria.Catalog, error) {
	if base == nil {
		base = criteria.BuiltinCatalog()
	}
	if len(srcs) == 0 {
		return base, nil
	}
	sets := make([]*criteria.Set, 0, len(srcs))
	for _, src := range srcs {
		set, err := sourceSet(src)
		if err != nil {
			return nil, err
		}
		sets = append(sets, set)
	}
	return base.With(sets...), nil
}

// CriteriaSetSource is the TOML text of a set of the cycle: a built-in
// set's embedded file or a loaded set's stored text.
func CriteriaSetSource(st CriteriaSetReader, cycle, id string) ([]byte, bool) {
	if src, ok := criteria.BuiltinSource(id); ok {
		return src, true
	}
	srcs, err := st.CriteriaSets(cycle)
	if err != nil {
		return nil, false
	}
	for _, s := range srcs {
		if s.ID == id {
			return []byte(s.Source), true
		}
	}
	return nil, false
}
