package backend

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"qaward/award"
	"qaward/criteria"
	"qaward/store"
)

// CriteriaSetInfo is one criteria set a cycle can score on, where it comes
// from, and how many of the cycle's applicants name it.
type CriteriaSetInfo struct {
	Set *criteria.Set
	// Builtin is true for the sets compiled into qaward; Source is the
	// record of a set loaded into the cycle (nil for a built-in set).
	Builtin bool
	Source  *award.CriteriaSource
	// Applicants is how many applicants are scored on the set.
	Applicants int
}

// maxCriteriaFile bounds the file LoadCriteriaSet reads; the store
// refuses a longer text with its own message.
const maxCriteriaFile = 1<<20 + 1

// LoadCriteriaSet loads an industry criteria set (Art. 12) from a TOML
// file into the cycle, or replaces the loaded one of its ID (refused
// while applicants name it if its scoring changes); the office's.
func (b *Backend) LoadCriteriaSet(cycle, file string) (award.CriteriaSource, error) {
	if err := b.officeOnly("load criteria sets"); err != nil {
		return award.CriteriaSource{}, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return award.CriteriaSource{}, err
	}
	f, err := os.Open(file)
	if err != nil {
		return award.CriteriaSource{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCriteriaFile))
	if err != nil {
		return award.CriteriaSource{}, fmt.Errorf("%s: %w", file, err)
	}
	src := award.CriteriaSource{File: filepath.Base(file), Source: string(data), Loaded: b.now().In(award.ChinaTime).Format(time.RFC3339)}
	if src, _, err = store.ParseCriteriaSource(src); err != nil {
		return src, err
	}
	return src, b.st.PutCriteriaSet(b.actor, cycle, src)
}

// RemoveCriteriaSet takes a loaded set out of the cycle (refused while
// applicants name it); the office's.
func (b *Backend) RemoveCriteriaSet(cycle, id string) error {
	if err := b.officeOnly("remove criteria sets"); err != nil {
		return err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return err
	}
	if _, builtin := criteria.Lookup(id); builtin {
		return fmt.Errorf("criteria set %s is built into qaward and cannot be removed", id)
	}
	return b.st.RemoveCriteriaSet(b.actor, cycle, id)
}

// CriteriaSets lists the sets the cycle can score on: the built-in ones,
// then the loaded ones, each with its origin and its applicants.
func (b *Backend) CriteriaSets(cycle string) ([]CriteriaSetInfo, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	srcs, err := b.st.CriteriaSets(cycle)
	if err != nil {
		return nil, err
	}
	as, err := b.st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	sets, err := b.Catalog(cycle)
	if err != nil {
		return nil, err
	}
	uses := map[string]int{}
	for _, a := range as {
		if s := sets.Set(a.CriteriaSet, string(a.Kind)); s != nil {
			uses[s.ID]++
		}
	}
	var out []CriteriaSetInfo
	for _, s := range criteria.Builtin() {
		out = append(out, CriteriaSetInfo{Set: s, Builtin: true, Applicants: uses[s.ID]})
	}
	for i := range srcs {
		s, ok := sets.Lookup(srcs[i].ID)
		if !ok {
			return nil, errors.New("criteria set " + srcs[i].ID + " is stored but not in the cycle's catalog")
		}
		out = append(out, CriteriaSetInfo{Set: s, Source: &srcs[i], Applicants: uses[s.ID]})
	}
	return out, nil
}

// CriteriaSet is the set of the cycle named id: built in or loaded.
func (b *Backend) CriteriaSet(cycle, id string) (*criteria.Set, error) {
	sets, err := b.Catalog(cycle)
	if err != nil {
		return nil, err
	}
	s, ok := sets.Lookup(id)
	if !ok {
		return nil, fmt.Errorf("no criteria set %q in this cycle (see 'qaward criteria --list'; load one with 'qaward criteria load FILE')", id)
	}
	return s, nil
}
