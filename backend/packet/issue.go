package packet

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/criteria"
	"qaward/store"
)

// Office is what issuing and importing packets need of the office's
// database; *store.DB has these methods.
type Office interface {
	Cycle(id string) (award.Cycle, error)
	Applicants(cycle string) ([]award.Applicant, error)
	Reviewers(cycle string) ([]award.Reviewer, error)
	Assignments(cycle string) ([]award.Assignment, error)
	Conflicts(cycle string) ([]award.Conflict, error)
	Sheets(cycle string, text bool, fn func(award.Sheet) error) error
	PutSheets(actor, cycle string, ss []award.Sheet) error
	PacketSecret(actor string, create bool) ([]byte, error)
	PutPacket(actor, cycle, id string, rec []byte) error
	Packets(cycle string, fn func(id string, rec []byte) error) error
	// PutPacketSheets stores an import's sheets and the packet's record in
	// one transaction.
	PutPacketSheets(actor, cycle string, ss []award.Sheet, id string, rec []byte) error
	// CriteriaSets are the sets loaded into the cycle (store.CycleCatalog).
	CriteriaSets(cycle string) ([]award.CriteriaSource, error)
}

// Record is what a database keeps of a packet: on the office's side the
// packets it issued; on a laptop the packet it holds, with the issued file
// itself (Envelope), which the return is made from.
type Record struct {
	Side     string          `json:"side"` // "office" or "laptop"
	PacketID string          `json:"packet_id"`
	Reviewer string          `json:"reviewer"`
	Issued   time.Time       `json:"issued"`
	Issuer   string          `json:"issuer"`
	Sheets   int             `json:"sheets"`
	Digest   string          `json:"manifest_sha256"`
	Envelope json.RawMessage `json:"envelope,omitempty"`
	// Imported is, on the office's side, what the imports of this
	// packet's returns wrote: per sheet (SheetName), the content hash of
	// the sheet last written from a return. A later return of the same
	// packet may then replace a sheet still as the previous return left
	// it, as well as one still as issued.
	Imported map[string]string `json:"imported,omitempty"`
	// Returned is when the newest return imported was made (on the
	// laptop's clock); an older return is refused, so that it cannot undo
	// the newer one's work.
	Returned time.Time `json:"returned,omitzero"`
}

// SheetName names a sheet in records and messages: stage/applicant/reviewer.
func SheetName(k award.SheetKey) string {
	return string(k.Stage) + "/" + k.ApplicantID + "/" + k.ReviewerID
}

// Sides of a Record.
const (
	SideOffice = "office"
	SideLaptop = "laptop"
)

// IssueOptions choose what a packet holds.
type IssueOptions struct {
	Cycle    string
	Reviewer string
	// Stage limits the packet to one stage; "" takes both.
	Stage award.Stage
	Actor string // the office person issuing
	Now   time.Time
	// IncludeConfidential keeps the applicants' confidential fields (the
	// caller audits the disclosure); by default they are removed.
	IncludeConfidential bool
	// Catalog is the base of the cycle's criteria sets (nil: the
	// built-in ones); the sets loaded into the cycle are added to it, and
	// each set's TOML source goes into the packet.
	Catalog *criteria.Catalog
}

// Export issues a packet for a reviewer from the office's database: the
// reviewer's assignments at the stage (conflicted applicants left out),
// each with the central draft or a blank sheet; sheets already submitted
// centrally are listed as done. The issued packet is recorded in the
// database (without its key) and returned with its file bytes.
func Export(st Office, o IssueOptions) (*Issued, []byte, error) {
	var err error
	if o.Catalog, err = store.CycleCatalog(st, o.Cycle, o.Catalog); err != nil {
		return nil, nil, err
	}
	cy, err := st.Cycle(o.Cycle)
	if err != nil {
		return nil, nil, err
	}
	rs, err := st.Reviewers(o.Cycle)
	if err != nil {
		return nil, nil, err
	}
	i := slices.IndexFunc(rs, func(r award.Reviewer) bool { return r.ID == o.Reviewer })
	if i < 0 {
		return nil, nil, fmt.Errorf("no reviewer %q in cycle %s", o.Reviewer, o.Cycle)
	}
	m := &Manifest{Database: "", Cycle: CycleInfo{ID: cy.ID, Created: cy.Created, Config: cy.Config, ConfigText: cy.ConfigText},
		Reviewer: rs[i], Issued: o.Now.UTC(), Issuer: o.Actor}
	if err := gather(st, o, m); err != nil {
		return nil, nil, err
	}
	secret, err := st.PacketSecret(o.Actor, true)
	if err != nil {
		return nil, nil, err
	}
	m.Database = DatabaseID(secret)
	if m.PacketID, err = newID(o.Now); err != nil {
		return nil, nil, err
	}
	p, err := sign(m, secret)
	if err != nil {
		return nil, nil, err
	}
	data, err := Encode(p)
	if err != nil {
		return nil, nil, err
	}
	rec, _ := json.Marshal(Record{Side: SideOffice, PacketID: m.PacketID, Reviewer: m.Reviewer.ID, Issued: m.Issued,
		Issuer: o.Actor, Sheets: len(m.Sheets), Digest: digest(p.Manifest)})
	if err := st.PutPacket(o.Actor, o.Cycle, m.PacketID, rec); err != nil {
		return nil, nil, err
	}
	return p, data, nil
}

// gather fills the manifest with the reviewer's work.
func gather(st Office, o IssueOptions, m *Manifest) error {
	as, err := st.Assignments(o.Cycle)
	if err != nil {
		return err
	}
	cs, err := st.Conflicts(o.Cycle)
	if err != nil {
		return err
	}
	roster := award.NewRoster(award.RosterInput{Assignments: as, Conflicts: cs})
	var mine []award.Assignment
	for _, a := range roster.MyAssignments(o.Reviewer) {
		if o.Stage == "" || a.Stage == o.Stage {
			mine = append(mine, a)
		}
	}
	if len(mine) == 0 {
		return fmt.Errorf("reviewer %s has no assignment%s to put in a packet", o.Reviewer, stageSuffix(o.Stage))
	}
	apps, err := st.Applicants(o.Cycle)
	if err != nil {
		return err
	}
	byID := map[string]award.Applicant{}
	for _, a := range apps {
		byID[a.ID] = a
	}
	central := map[award.SheetKey]award.Sheet{}
	if err := st.Sheets(o.Cycle, true, func(s award.Sheet) error {
		if s.ReviewerID == o.Reviewer {
			central[s.SheetKey] = s
		}
		return nil
	}); err != nil {
		return err
	}
	sets := map[string]bool{}
	seenApp := map[string]bool{}
	for _, as := range mine {
		k := award.SheetKey{Stage: as.Stage, ApplicantID: as.ApplicantID, ReviewerID: o.Reviewer}
		a, ok := byID[as.ApplicantID]
		if !ok || !a.Status.Ranked() {
			continue
		}
		set := o.Catalog.Set(a.CriteriaSet, string(a.Kind))
		if set == nil {
			return fmt.Errorf("applicant %s uses criteria set %q, which this qaward does not have", a.ID, a.CriteriaSet)
		}
		s, had := central[k]
		if had && s.Submitted {
			m.Done = append(m.Done, k)
			continue
		}
		base := ""
		if had {
			base = ContentHash(s)
		} else {
			s = award.NewSheet(k, set.ID, set.NumItems())
		}
		m.Sheets = append(m.Sheets, IssuedSheet{Sheet: FromSheet(s), Base: base})
		m.Assignments = append(m.Assignments, as)
		if !seenApp[a.ID] {
			seenApp[a.ID] = true
			if !o.IncludeConfidential {
				a = confidential.Redact(a)
			}
			m.Applicants = append(m.Applicants, a)
		}
		if !sets[set.ID] {
			sets[set.ID] = true
			src, ok := store.CriteriaSetSource(st, o.Cycle, set.ID)
			if !ok {
				return fmt.Errorf("criteria set %s has no TOML source to put in the packet", set.ID)
			}
			sum := sha256.Sum256(src)
			m.Sets = append(m.Sets, SetSource{ID: set.ID, SHA256: hex.EncodeToString(sum[:]), Source: string(src)})
		}
	}
	if len(m.Sheets) == 0 {
		return fmt.Errorf("reviewer %s has submitted every assigned sheet%s: nothing to put in a packet", o.Reviewer, stageSuffix(o.Stage))
	}
	return nil
}

func stageSuffix(s award.Stage) string {
	if s == "" {
		return ""
	}
	return " at the " + string(s) + " stage"
}

// newID makes a packet ID such as P20260302-1f2e3d4c.
func newID(now time.Time) (string, error) {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "P" + now.UTC().Format("20060102") + "-" + hex.EncodeToString(b), nil
}

func digest(raw json.RawMessage) string {
	c, err := compact(raw)
	if err != nil {
		c = raw
	}
	sum := sha256.Sum256(c)
	return hex.EncodeToString(sum[:])
}
