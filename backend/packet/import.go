package packet

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"qaward/award"
	"qaward/criteria"
	"qaward/scoring"
	"qaward/store"
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

// Conflict is a returned sheet that was not imported, and why: submitted
// centrally (Submitted, at At), changed centrally since the packet was
// issued or last imported (at At, the issue time), or of an applicant the
// reviewer has since declared a conflict of interest with (Recused).
type Conflict struct {
	Key       award.SheetKey
	Reason    string
	Submitted bool
	Recused   bool
	At        time.Time
}

func (c Conflict) String() string {
	return SheetName(c.Key) + ": " + c.Reason
}

// Result says what an import did.
type Result struct {
	Manifest  *Manifest
	Written   []award.SheetKey // sheets stored
	Unchanged int              // returned as issued, or already imported
	Conflicts []Conflict       // not imported
}

// Import checks a returned packet (Verify) and stores its sheets in the
// office's database in one transaction, all or nothing, together with the
// packet's record of what it wrote. A sheet is stored only when the
// reviewer changed it and the central sheet is still as it was when the
// packet was issued, or as the previous import of a return of this packet
// left it (a reviewer may return the same packet again after more work). A
// sheet submitted centrally is never overwritten, a sheet changed
// centrally otherwise is not either, and a sheet of an applicant the
// reviewer has since declared a conflict of interest with is never
// stored: each is reported as a conflict, and any conflict refuses the
// packet (wrapping ErrConflict) unless SkipConflicts, which imports the
// rest. Every text of a returned sheet is held to award's rules (no
// control characters, the length limits). Importing the same return again
// changes nothing.
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
	cycle := m.Cycle.ID
	if _, err := st.Cycle(cycle); err != nil {
		return res, fmt.Errorf("packet %s is for cycle %s: %w", m.PacketID, cycle, err)
	}
	if o.Catalog, err = store.CycleCatalog(st, cycle, o.Catalog); err != nil {
		return res, err
	}
	state, err := loadState(st, cycle, m.Reviewer.ID)
	if err != nil {
		return res, err
	}
	rec, err := officeRecord(st, r, m)
	if err != nil {
		return res, err
	}
	if body.Returned.Before(rec.Returned) {
		return res, fmt.Errorf("packet %s: this return was made at %s, before the return already imported (made at %s): import the newest return of the packet",
			m.PacketID, body.Returned.Local().Format(time.DateTime), rec.Returned.Local().Format(time.DateTime))
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
		switch {
		case seen[k]:
			return res, fmt.Errorf("packet %s returns sheet %s more than once: a duplicate sheet, which a return made by qaward never holds", m.PacketID, SheetName(k))
		case !ok:
			return res, fmt.Errorf("packet %s returns sheet %s, which it was not issued with", m.PacketID, SheetName(k))
		}
		seen[k] = true
		s := ps.Award()
		set, err := state.check(s, o.Catalog)
		if err == nil {
			err = checkText(ps, set)
		}
		if err != nil {
			return res, fmt.Errorf("packet %s: sheet %s: %v", m.PacketID, SheetName(k), err)
		}
		if ContentHash(s) == ContentHash(is.Sheet.Award()) {
			res.Unchanged++ // the reviewer left it as issued
			continue
		}
		if state.conflicted[k.ApplicantID] {
			res.Conflicts = append(res.Conflicts, Conflict{Key: k, Recused: true, Reason: "reviewer " + k.ReviewerID +
				" has since declared a conflict of interest with " + k.ApplicantID + " (Art. 35); the sheet no longer counts"})
			continue
		}
		cur, had := state.sheets[k]
		now, prev := hashOf(cur, had), rec.Imported[SheetName(k)]
		switch {
		case had && now == ContentHash(s):
			res.Unchanged++ // already imported
		case had && cur.Submitted:
			res.Conflicts = append(res.Conflicts, Conflict{Key: k, Reason: "already submitted in the central database (" +
				cur.Updated.Format("2006-01-02 15:04") + "); a submitted sheet is never overwritten", Submitted: true, At: cur.Updated})
		case now != is.Base && (prev == "" || now != prev):
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
		return res, fmt.Errorf("packet %s: %d sheet(s) conflict with the central database, nothing was imported (import the rest with --skip-conflicts):%s: %w",
			m.PacketID, len(res.Conflicts), b.String(), ErrConflict)
	}
	if len(writes) == 0 {
		return res, nil
	}
	if rec.Imported == nil {
		rec.Imported = map[string]string{}
	}
	for _, s := range writes {
		rec.Imported[SheetName(s.SheetKey)] = ContentHash(s)
	}
	rec.Returned = body.Returned
	raw, err := json.Marshal(rec)
	if err != nil {
		return res, err
	}
	if err := st.PutPacketSheets(o.Actor, cycle, writes, m.PacketID, raw); err != nil {
		return res, err
	}
	for _, s := range writes {
		res.Written = append(res.Written, s.SheetKey)
	}
	return res, nil
}

// officeRecord is the office's record of the packet, or, when the
// database has none (an older qaward issued it), one made from the
// manifest.
func officeRecord(st Office, r *Returned, m *Manifest) (*Record, error) {
	var rec *Record
	err := st.Packets(m.Cycle.ID, func(id string, raw []byte) error {
		if id != m.PacketID {
			return nil
		}
		var x Record
		if err := json.Unmarshal(raw, &x); err != nil {
			return fmt.Errorf("packet record %s: %v", id, err)
		}
		if x.Side == SideOffice {
			rec = &x
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if rec == nil {
		rec = &Record{Side: SideOffice, PacketID: m.PacketID, Reviewer: m.Reviewer.ID, Issued: m.Issued,
			Issuer: m.Issuer, Sheets: len(m.Sheets), Digest: digest(r.Manifest)}
	}
	return rec, nil
}

// checkText holds a returned sheet's text to award's rules: no control
// characters, each text within its length limit, no more texts than items.
func checkText(p Sheet, set *criteria.Set) error {
	if len(p.Strengths) > len(p.Percents) || len(p.Improvements) > len(p.Percents) {
		return fmt.Errorf("has %d strengths and %d improvements for %d items", len(p.Strengths), len(p.Improvements), len(p.Percents))
	}
	for _, f := range []struct {
		what  string
		texts []string
		rule  award.TextRule
	}{{"strengths", p.Strengths, award.StrengthsText}, {"improvements", p.Improvements, award.ImprovementsText}} {
		for i, t := range f.texts {
			if err := f.rule.Check(t); err != nil {
				return fmt.Errorf("item %s: %s: %v", set.Item(i).ID, f.what, err)
			}
		}
	}
	if err := award.FieldText.Check(p.Updated); err != nil {
		return fmt.Errorf("updated: %v", err)
	}
	return nil
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

// check validates a returned sheet against the central database and
// returns its criteria set. A sheet of an applicant the reviewer has since
// declared a conflict with is checked but for the assignment, which the
// declaration removed; Import reports it as a conflict.
func (s *state) check(sh award.Sheet, sets *criteria.Catalog) (*criteria.Set, error) {
	a, ok := s.applicants[sh.ApplicantID]
	switch {
	case !ok:
		return nil, errors.New("the applicant is no longer in the cycle")
	case !s.conflicted[sh.ApplicantID] && !s.assigned[sh.SheetKey]:
		return nil, fmt.Errorf("reviewer %s is no longer assigned to %s at this stage", sh.ReviewerID, sh.ApplicantID)
	case sh.CriteriaSet != a.CriteriaSet:
		return nil, fmt.Errorf("scored on criteria set %s, but %s is now scored on %s", sh.CriteriaSet, a.ID, a.CriteriaSet)
	}
	set := sets.Set(sh.CriteriaSet, string(a.Kind))
	if set == nil || set.NumItems() != len(sh.Percents) {
		return nil, fmt.Errorf("has %d items; criteria set %s has a different number", len(sh.Percents), sh.CriteriaSet)
	}
	for i, p := range sh.Percents {
		if p == award.Unscored {
			continue
		}
		if err := scoring.CheckPercent(p); err != nil {
			return nil, fmt.Errorf("item %s: %v", set.Item(i).ID, err)
		}
	}
	if sh.Submitted && !sh.Complete() {
		return nil, fmt.Errorf("is marked submitted but %d of %d items are scored", sh.Scored(), len(sh.Percents))
	}
	return set, nil
}
