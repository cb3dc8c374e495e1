package packet

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"qaward/award"
	"qaward/criteria"
	"qaward/scoring"
)

// ImportOptions control Import.
type ImportOptions struct {
	Actor string
	// Reviewer, when set, is the reviewer the office expects the packet
	// from; a packet of anyone else is refused.
	Reviewer string
	// SkipConflicts imports the sheets without conflict and leaves the
	// others; by default one conflict refuses the whole packet.
	SkipConflicts bool
	Catalog       *criteria.Catalog
}

// Conflict is a returned sheet that was not imported, and why: either
// submitted centrally (Submitted, at At) or changed centrally since the
// packet was issued (at At, the issue time).
type Conflict struct {
	Key       award.SheetKey
	Reason    string
	Submitted bool
	At        time.Time
}

func (c Conflict) String() string {
	return fmt.Sprintf("%s/%s/%s: %s", c.Key.Stage, c.Key.ApplicantID, c.Key.ReviewerID, c.Reason)
}

// Result says what an import did.
type Result struct {
	Manifest  *Manifest
	Written   []award.SheetKey // sheets stored
	Unchanged int              // returned as issued, or already imported
	Conflicts []Conflict       // not imported
}

// Import checks a returned packet (Verify) and stores its sheets in the
// office's database in one transaction, all or nothing. A sheet is stored
// only when the reviewer changed it and the central sheet is still as it
// was when the packet was issued. A sheet submitted centrally is never
// overwritten, and a sheet changed centrally since issue is not either:
// each is reported as a conflict, and any conflict refuses the packet
// (wrapping ErrConflict) unless SkipConflicts. Importing the same return
// again changes nothing.
func Import(st Office, data []byte, o ImportOptions) (*Result, error) {
	v, err := Decode(data)
	if err != nil {
		return nil, err
	}
	r, ok := v.(*Returned)
	if !ok {
		return nil, refusal(ErrNotReturned, "this is an issued packet, not a returned one: open it on the reviewer's laptop with 'qaward packet open', and import what 'qaward packet return' writes")
	}
	secret, err := st.PacketSecret(o.Actor, false)
	if err != nil {
		return nil, err
	}
	if secret == nil {
		m, _ := ReadManifest(r.Manifest)
		id := ""
		if m != nil {
			id = m.PacketID + " "
		}
		return nil, refusal(ErrOtherDatabase, "packet %swas issued by another qaward database: this one has never issued a packet", id)
	}
	m, body, err := Verify(r, secret)
	if err != nil {
		return nil, err
	}
	res := &Result{Manifest: m}
	if o.Reviewer != "" && o.Reviewer != m.Reviewer.ID {
		return res, refusal(ErrOtherReviewer, "packet %s is reviewer %s's (%s), not %s's", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, o.Reviewer)
	}
	if o.Catalog == nil {
		o.Catalog = criteria.BuiltinCatalog()
	}
	cycle := m.Cycle.ID
	if _, err := st.Cycle(cycle); err != nil {
		return res, fmt.Errorf("packet %s is for cycle %s: %w", m.PacketID, cycle, err)
	}
	state, err := loadState(st, cycle, m.Reviewer.ID)
	if err != nil {
		return res, err
	}
	issued := map[award.SheetKey]IssuedSheet{}
	for _, s := range m.Sheets {
		issued[s.Sheet.Key()] = s
	}
	var writes []award.Sheet
	seen := map[award.SheetKey]bool{}
	for _, ps := range body.Sheets {
		k := ps.Key()
		is, ok := issued[k]
		if !ok || seen[k] {
			return res, fmt.Errorf("packet %s returns sheet %s/%s/%s, which it was not issued with", m.PacketID, k.Stage, k.ApplicantID, k.ReviewerID)
		}
		seen[k] = true
		s := ps.Award()
		if err := state.check(s, o.Catalog); err != nil {
			return res, fmt.Errorf("packet %s: sheet %s/%s: %v", m.PacketID, k.Stage, k.ApplicantID, err)
		}
		if ContentHash(s) == ContentHash(is.Sheet.Award()) {
			res.Unchanged++ // the reviewer left it as issued
			continue
		}
		cur, had := state.sheets[k]
		switch {
		case had && ContentHash(cur) == ContentHash(s):
			res.Unchanged++ // already imported
		case had && cur.Submitted:
			res.Conflicts = append(res.Conflicts, Conflict{Key: k, Reason: "already submitted in the central database (" +
				cur.Updated.Format("2006-01-02 15:04") + "); a submitted sheet is never overwritten", Submitted: true, At: cur.Updated})
		case hashOf(cur, had) != is.Base:
			res.Conflicts = append(res.Conflicts, Conflict{Key: k, Reason: "changed in the central database since the packet was issued (" +
				m.Issued.Format("2006-01-02 15:04") + ")", At: m.Issued})
		default:
			writes = append(writes, s)
		}
	}
	if len(res.Conflicts) > 0 && !o.SkipConflicts {
		var b strings.Builder
		for _, c := range res.Conflicts {
			b.WriteString("\n  " + c.String())
		}
		return res, fmt.Errorf("packet %s is stale: %d sheet(s) conflict, nothing was imported (import the rest with --skip-conflicts):%s: %w",
			m.PacketID, len(res.Conflicts), b.String(), ErrConflict)
	}
	if len(writes) > 0 {
		if err := st.PutSheets(o.Actor, cycle, writes); err != nil {
			return res, err
		}
	}
	for _, s := range writes {
		res.Written = append(res.Written, s.SheetKey)
	}
	return res, nil
}

func hashOf(s award.Sheet, had bool) string {
	if !had {
		return ""
	}
	return ContentHash(s)
}

// state is the central database as far as one reviewer's return needs it.
type state struct {
	reviewer   bool
	applicants map[string]award.Applicant
	assigned   map[award.SheetKey]bool
	conflicted map[string]bool
	sheets     map[award.SheetKey]award.Sheet
}

func loadState(st Office, cycle, reviewer string) (*state, error) {
	s := &state{applicants: map[string]award.Applicant{}, assigned: map[award.SheetKey]bool{},
		conflicted: map[string]bool{}, sheets: map[award.SheetKey]award.Sheet{}}
	rs, err := st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		s.reviewer = s.reviewer || r.ID == reviewer
	}
	if !s.reviewer {
		return nil, fmt.Errorf("reviewer %s is no longer in cycle %s", reviewer, cycle)
	}
	as, err := st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		s.applicants[a.ID] = a
	}
	asg, err := st.Assignments(cycle)
	if err != nil {
		return nil, err
	}
	for _, a := range asg {
		if a.ReviewerID == reviewer {
			s.assigned[award.SheetKey{Stage: a.Stage, ApplicantID: a.ApplicantID, ReviewerID: reviewer}] = true
		}
	}
	cs, err := st.Conflicts(cycle)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.ReviewerID == reviewer {
			s.conflicted[c.ApplicantID] = true
		}
	}
	err = st.Sheets(cycle, true, func(sh award.Sheet) error {
		if sh.ReviewerID == reviewer {
			s.sheets[sh.SheetKey] = sh
		}
		return nil
	})
	return s, err
}

// check validates a returned sheet against the central database.
func (s *state) check(sh award.Sheet, sets *criteria.Catalog) error {
	a, ok := s.applicants[sh.ApplicantID]
	switch {
	case !ok:
		return errors.New("the applicant is no longer in the cycle")
	case s.conflicted[sh.ApplicantID]:
		return fmt.Errorf("reviewer %s has since declared a conflict of interest with %s (Art. 35)", sh.ReviewerID, sh.ApplicantID)
	case !s.assigned[sh.SheetKey]:
		return fmt.Errorf("reviewer %s is no longer assigned to %s at this stage", sh.ReviewerID, sh.ApplicantID)
	case sh.CriteriaSet != a.CriteriaSet:
		return fmt.Errorf("scored on criteria set %s, but %s is now scored on %s", sh.CriteriaSet, a.ID, a.CriteriaSet)
	}
	set := sets.Set(sh.CriteriaSet, string(a.Kind))
	if set == nil || set.NumItems() != len(sh.Percents) {
		return fmt.Errorf("has %d items; criteria set %s has a different number", len(sh.Percents), sh.CriteriaSet)
	}
	for i, p := range sh.Percents {
		if p == award.Unscored {
			continue
		}
		if err := scoring.CheckPercent(p); err != nil {
			return fmt.Errorf("item %s: %v", set.Item(i).ID, err)
		}
	}
	if sh.Submitted && !sh.Complete() {
		return fmt.Errorf("is marked submitted but %d of %d items are scored", sh.Scored(), len(sh.Percents))
	}
	return nil
}
