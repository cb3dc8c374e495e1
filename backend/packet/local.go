package packet

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"qaward/award"
	"qaward/criteria"
	"qaward/store"
)

// Local is what a laptop's working copy needs of its database; *store.DB
// has these methods.
type Local interface {
	Cycles() ([]award.Cycle, error)
	CreateCycle(actor string, c award.Cycle) error
	PutApplicants(actor, cycle string, as []award.Applicant) error
	PutReviewers(actor, cycle string, rs []award.Reviewer) error
	PutAssignments(actor, cycle string, as []award.Assignment) error
	PutSheets(actor, cycle string, ss []award.Sheet) error
	Sheets(cycle string, text bool, fn func(award.Sheet) error) error
	PutPacket(actor, cycle, id string, rec []byte) error
	Packets(cycle string, fn func(id string, rec []byte) error) error
	PutCriteriaSet(actor, cycle string, src award.CriteriaSource) error
}

// ErrAlreadyOpen: the database already holds this packet; nothing changed.
var ErrAlreadyOpen = errors.New("this packet is already open in the database")

// Open makes a local database the working copy of an issued packet: the
// packet's cycle with its rules, the reviewer, the assigned applicants
// (without confidential fields), the assignments and the draft sheets;
// the reviewer then scores with the TUI (qaward --db FILE --as REVIEWER)
// as on the office's machine. The database must be new (if opening fails
// half-way, delete it and open again), or hold this same packet
// (ErrAlreadyOpen, nothing is written: work done since is kept).
// as, when set, is the person opening it, who must be the packet's
// reviewer. The criteria sets must be exactly this qaward's.
func Open(st Local, data []byte, as string) (*Manifest, error) {
	p, m, err := issued(data)
	if err != nil {
		return nil, err
	}
	if as != "" && as != m.Reviewer.ID {
		return m, fmt.Errorf("packet %s is reviewer %s's (%s), not %s's", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, as)
	}
	var loaded []award.CriteriaSource // the office's industry sets, which the copy keeps as their text
	for _, s := range m.Sets {
		local, builtin := criteria.BuiltinSource(s.ID)
		if !builtin {
			sum := sha256.Sum256([]byte(s.Source))
			if hex.EncodeToString(sum[:]) != s.SHA256 {
				return m, fmt.Errorf("packet %s: criteria set %s does not match its hash: the packet is damaged", m.PacketID, s.ID)
			}
			loaded = append(loaded, award.CriteriaSource{File: "packet " + m.PacketID, Source: s.Source, Loaded: m.Issued.Format(time.RFC3339)})
			continue
		}
		sum := sha256.Sum256(local)
		if hex.EncodeToString(sum[:]) != s.SHA256 {
			return m, fmt.Errorf("packet %s scores on criteria set %s as the office has it, which differs from this qaward's: install the office's qaward version", m.PacketID, s.ID)
		}
	}
	cycles, err := st.Cycles()
	if err != nil {
		return m, err
	}
	if len(cycles) > 0 {
		var held *Record
		if len(cycles) == 1 && cycles[0].ID == m.Cycle.ID {
			if held, _, err = Held(st, m.Cycle.ID); err != nil {
				return m, err
			}
		}
		switch {
		case held != nil && held.PacketID == m.PacketID:
			return m, ErrAlreadyOpen
		case held != nil:
			return m, fmt.Errorf("this database already holds packet %s of reviewer %s: return it, and open packet %s in a new database (--db NEW.db)", held.PacketID, held.Reviewer, m.PacketID)
		}
		return m, fmt.Errorf("this database already holds cycle data: open a packet in a new database (--db NEW.db)")
	}
	actor := m.Reviewer.ID
	c := m.Cycle.ID
	var drafts []award.Sheet
	for _, s := range m.Sheets {
		if sh := s.Sheet.Award(); sh.Scored() > 0 || hasText(sh) {
			drafts = append(drafts, sh)
		}
	}
	rec, _ := json.Marshal(Record{Side: SideLaptop, PacketID: m.PacketID, Reviewer: m.Reviewer.ID, Issued: m.Issued,
		Issuer: m.Issuer, Sheets: len(m.Sheets), Digest: digest(p.Manifest), Envelope: mustJSON(p)})
	steps := []func() error{
		func() error {
			return st.CreateCycle(actor, award.Cycle{ID: c, Created: m.Cycle.Created, Config: m.Cycle.Config, ConfigText: m.Cycle.ConfigText})
		},
		func() error {
			for _, src := range loaded {
				if err := st.PutCriteriaSet(actor, c, src); err != nil {
					return err
				}
			}
			return nil
		},
		func() error { return st.PutApplicants(actor, c, m.Applicants) },
		func() error { return st.PutReviewers(actor, c, []award.Reviewer{m.Reviewer}) },
		func() error { return st.PutAssignments(actor, c, m.Assignments) },
		func() error { return st.PutSheets(actor, c, drafts) },
		func() error { return st.PutPacket(actor, c, m.PacketID, rec) }, // last: marks the copy complete
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return m, err
		}
	}
	return m, nil
}

func hasText(s award.Sheet) bool {
	for i := range s.Strengths {
		if s.Strengths[i] != "" || s.Improvements[i] != "" {
			return true
		}
	}
	return false
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Held returns the packet a laptop database holds in the cycle (nil when
// none) with its issued file.
func Held(st Local, cycle string) (*Record, *Issued, error) {
	var rec *Record
	err := st.Packets(cycle, func(id string, raw []byte) error {
		var r Record
		if err := json.Unmarshal(raw, &r); err != nil {
			return fmt.Errorf("packet record %s: %v", id, err)
		}
		if r.Side == SideLaptop {
			rec = &r
		}
		return nil
	})
	if err != nil || rec == nil {
		return nil, nil, err
	}
	var p Issued
	if err := json.Unmarshal(rec.Envelope, &p); err != nil {
		return nil, nil, fmt.Errorf("packet record %s: %v", rec.PacketID, err)
	}
	return rec, &p, nil
}

// Progress is how far a working copy is: sheets issued, with any score or
// text, and submitted.
type Progress struct {
	PacketID, Reviewer         string
	Sheets, Started, Submitted int
}

// Return makes the signed returned packet of a laptop database's working
// copy: every sheet of the packet as it now stands. It writes nothing to the
// database, so it may be run again after more work.
func Return(st Local, now time.Time) (*Returned, []byte, Progress, error) {
	cycles, err := st.Cycles()
	if err != nil {
		return nil, nil, Progress{}, err
	}
	if len(cycles) != 1 {
		return nil, nil, Progress{}, fmt.Errorf("this database is not a packet's working copy (open one with 'qaward packet open')")
	}
	c := cycles[0].ID
	rec, p, err := Held(st, c)
	if err != nil {
		return nil, nil, Progress{}, err
	}
	if rec == nil {
		return nil, nil, Progress{}, fmt.Errorf("this database holds no reviewer packet (open one with 'qaward packet open')")
	}
	m, err := ReadManifest(p.Manifest)
	if err != nil {
		return nil, nil, Progress{}, err
	}
	want := map[award.SheetKey]bool{}
	for _, s := range m.Sheets {
		want[s.Sheet.Key()] = true
	}
	pr := Progress{PacketID: m.PacketID, Reviewer: m.Reviewer.ID, Sheets: len(m.Sheets)}
	body := &ReturnBody{PacketID: m.PacketID, Reviewer: m.Reviewer.ID, Returned: now.UTC()}
	err = st.Sheets(c, true, func(s award.Sheet) error {
		if !want[s.SheetKey] {
			return nil
		}
		body.Sheets = append(body.Sheets, FromSheet(s))
		if s.Scored() > 0 || hasText(s) {
			pr.Started++
		}
		if s.Submitted {
			pr.Submitted++
		}
		return nil
	})
	if err != nil {
		return nil, nil, pr, err
	}
	r, err := signBody(p, body)
	if err != nil {
		return nil, nil, pr, err
	}
	data, err := Encode(r)
	return r, data, pr, err
}

// workingCopier is a person's view of a store (store/access) that hands
// out the store below it for opening a packet issued to that person.
type workingCopier interface {
	WorkingCopy(reviewer string) (store.Store, error)
}

// OpenAs opens an issued packet in st as Open does, for the person st acts
// for: through a person's view (store/access) only the office or the
// packet's own reviewer may open it; on a bare store, as (when set) must be
// the packet's reviewer.
func OpenAs(st store.Store, data []byte, as string) (*Manifest, error) {
	if wc, ok := st.(workingCopier); ok {
		m, err := issuedManifest(data)
		if err != nil {
			return nil, err
		}
		inner, err := wc.WorkingCopy(m.Reviewer.ID)
		if err != nil {
			return m, fmt.Errorf("packet %s: %w", m.PacketID, err)
		}
		st, as = inner, ""
	}
	l, ok := st.(Local)
	if !ok {
		return nil, errors.New("this database cannot hold a packet's working copy")
	}
	return Open(l, data, as)
}

// issuedManifest is the manifest of an issued packet.
func issuedManifest(data []byte) (*Manifest, error) {
	_, m, err := issued(data)
	return m, err
}

// issued decodes an issued packet and its manifest.
func issued(data []byte) (*Issued, *Manifest, error) {
	v, err := Decode(data)
	if err != nil {
		return nil, nil, err
	}
	p, ok := v.(*Issued)
	if !ok {
		return nil, nil, fmt.Errorf("this is a returned packet: the office imports it with 'qaward packet import'")
	}
	m, err := ReadManifest(p.Manifest)
	return p, m, err
}
