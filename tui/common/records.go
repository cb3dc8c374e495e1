package common

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/scoring"
	"qaward/store"
)

// Records is what the office's screens show of a cycle beyond the score
// sheets: the pipeline, the eligibility reports, the evaluation (rankings,
// shortlist, outcomes), the committee's decisions, publicity, objections,
// revocations and evaluations of reviewers. It is read in one command and
// never changed afterwards: every write reads a fresh one, which the root
// hands to every screen in an officeMsg.
type Records struct {
	// Results are the results in force, from the backend: every figure
	// and final status the office's screens show.
	*backend.Results

	appIdx      map[string]int // applicant ID -> index in Snapshot.Applicants
	Transitions map[string][]award.Transition
	OpinionsOf  map[string]map[string]award.Opinion // applicant -> department
	Notice      award.Notice
	Objections  []award.Objection
	Evaluations []award.Evaluation
	conflicts   []award.Conflict
	assignments []award.Assignment
	Satisf      map[string]award.Satisfaction
	Loads       map[string][2]int // reviewer -> applicants assigned, material and on-site
	Material    map[string]scoring.MaterialRow
	Composite   map[string]scoring.CompositeRow
	// Followed are the winners in their five years after the award, with
	// their aftercare entries and sharing years (Art. 28, 31, 40–43).
	Followed []backend.AftercareWinner
}

// OfficeMsg reports an office write (from names the screen that asked for
// it; nil for a plain read) and carries the records as read after it. Data
// is set when the write changed what the scoring screens index (groups,
// assignments, conflicts), so that the root replaces its Data.
type OfficeMsg struct {
	From any
	Rec  *Records
	Data *Data
	Note string
	Err  error
	// Warn are lines for the screen that asked, beyond the one-line
	// note: what did not go through (a returned packet's conflicts).
	Warn []string
	// Took is how long a plain read of the records took.
	Took time.Duration
}

// ApplicantByID returns the applicant as last read.
func (r *Records) ApplicantByID(id string) (award.Applicant, bool) {
	i, ok := r.appIdx[id]
	if !ok {
		return award.Applicant{}, false
	}
	return r.Snapshot.Applicants[i], true
}

func (r *Records) Status(id string) award.Status {
	a, _ := r.ApplicantByID(id)
	if a.Status == "" {
		return award.Accepted
	}
	return a.Status
}

// LoadRecordsCmd reads the office's records, off the update loop.
func LoadRecordsCmd(c Common, cycle string) tea.Cmd { return LoadRecordsAfter(c, cycle, 0) }

// LoadRecordsAfter reads the office's records after a pause (in the
// command, off the update loop), saying how long the read took.
func LoadRecordsAfter(c Common, cycle string, pause time.Duration) tea.Cmd {
	return func() tea.Msg {
		time.Sleep(pause)
		start := time.Now()
		rec, err := ReadRecords(c, cycle)
		return OfficeMsg{Rec: rec, Err: err, Took: time.Since(start)}
	}
}

// OfficeWrite runs one write of the office in a command and reads the
// records again after it; withData also reads the scoring Data again.
func OfficeWrite(c Common, from any, note string, withData bool, write func(st store.Store, cycle string) error) tea.Cmd {
	cycle := c.Cycle
	return func() tea.Msg {
		if err := write(c.Store, cycle); err != nil {
			return OfficeMsg{From: from, Err: err}
		}
		msg := OfficeMsg{From: from, Note: note}
		msg.Rec, msg.Err = ReadRecords(c, cycle)
		if msg.Err == nil && withData {
			msg.Data, msg.Err = Load(c.Store, cycle, c.Office, c.Catalog)
		}
		return msg
	}
}

// ReadRecords reads the results in force (backend) and the office's other
// records of a cycle.
func ReadRecords(c Common, cycle string) (*Records, error) {
	st := c.Store
	res, err := c.Backend().Results(cycle)
	if err != nil {
		return nil, err
	}
	r := &Records{Results: res}
	cycle = res.Cycle.ID
	ts, err := st.Transitions(cycle)
	if err != nil {
		return nil, err
	}
	if r.Notice, err = st.Notice(cycle); err != nil {
		return nil, err
	}
	if r.Objections, err = st.Objections(cycle); err != nil {
		return nil, err
	}
	if r.Evaluations, err = st.Evaluations(cycle); err != nil {
		return nil, err
	}
	if r.conflicts, err = st.Conflicts(cycle); err != nil {
		return nil, err
	}
	if r.assignments, err = st.Assignments(cycle); err != nil {
		return nil, err
	}
	es, err := st.Aftercare(cycle)
	if err != nil {
		return nil, err
	}
	// Stored text reaches the screens escaped (printable.go).
	PrintableData(r.Results, &ts, &r.Notice, &r.Objections, &r.Evaluations, &r.conflicts, &es)
	r.index(ts)
	r.Followed = r.Results.Aftercare(ts, es)
	return r, nil
}

// index builds the screens' lookups (pure; called from the reading
// command).
func (r *Records) index(ts []award.Transition) {
	as := r.Snapshot.Applicants
	r.appIdx = make(map[string]int, len(as))
	for i, a := range as {
		r.appIdx[a.ID] = i
	}
	r.Transitions = map[string][]award.Transition{}
	for _, t := range ts {
		r.Transitions[t.ApplicantID] = append(r.Transitions[t.ApplicantID], t)
	}
	r.OpinionsOf = map[string]map[string]award.Opinion{}
	for _, o := range r.Opinions {
		if r.OpinionsOf[o.ApplicantID] == nil {
			r.OpinionsOf[o.ApplicantID] = map[string]award.Opinion{}
		}
		r.OpinionsOf[o.ApplicantID][o.Department] = o
	}
	r.Loads = map[string][2]int{}
	for _, a := range r.assignments {
		l := r.Loads[a.ReviewerID]
		if a.Stage == award.Material {
			l[0]++
		} else {
			l[1]++
		}
		r.Loads[a.ReviewerID] = l
	}
	r.Satisf = make(map[string]award.Satisfaction, len(r.Snapshot.Satisfaction))
	for _, s := range r.Snapshot.Satisfaction {
		r.Satisf[s.ApplicantID] = s
	}
	r.Material = make(map[string]scoring.MaterialRow, len(r.Eval.Material))
	for _, m := range r.Eval.Material {
		r.Material[m.Applicant.ID] = m
	}
	r.Composite = make(map[string]scoring.CompositeRow, len(r.Eval.Composite))
	for _, m := range r.Eval.Composite {
		r.Composite[m.Applicant.ID] = m
	}
}

// OnsiteApplicants lists the applicants an on-site group reviews or that
// have on-site assignments, in ID order.
func (r *Records) OnsiteApplicants(d *Data) []string {
	seen := map[string]bool{}
	for _, g := range d.Groups {
		if g.Stage == award.Onsite {
			for _, a := range g.Applicants {
				seen[a] = true
			}
		}
	}
	for _, a := range r.assignments {
		if a.Stage == award.Onsite {
			seen[a.ApplicantID] = true
		}
	}
	var out []string
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Conflicted reports whether the person declared a conflict with the
// applicant.
func (r *Records) Conflicted(person, app string) bool {
	for _, c := range r.conflicts {
		if c.ReviewerID == person && c.ApplicantID == app {
			return true
		}
	}
	return false
}

// Conflict returns the declared conflict of a person with an applicant.
func (r *Records) Conflict(person, app string) (award.Conflict, bool) {
	for _, c := range r.conflicts {
		if c.ReviewerID == person && c.ApplicantID == app {
			return c, true
		}
	}
	return award.Conflict{}, false
}

// StatusName names a pipeline status in the interface language.
func (c Common) StatusName(s award.Status) string {
	if s == "" {
		s = award.Accepted
	}
	if c.Text.English() {
		return s.Name("en")
	}
	return s.Name("zh")
}

// OutcomeName names an outcome (award, nomination, none, incomplete).
func (c Common) OutcomeName(o string) string {
	if o == "" {
		return "--"
	}
	if !c.Text.English() {
		return award.OutcomeName(o)
	}
	return c.Text.S("out." + o)
}

// PersonLabel is "ID name" of a reviewer or the office.
func PersonLabel(d *Data, t Text, id string) string {
	n := d.PersonName(t, id)
	if n == id {
		return id
	}
	return fmt.Sprintf("%s %s", id, n)
}

// ErrText is an error as the status line shows it.
func (c Common) ErrText(err error) string { return c.Text.F("err", c.ErrWords(err)) }

// ErrWords says an error in the interface's language where it can: a
// refusal by a rule of the domain (an article of the management rules, a
// move through the pipeline), a file that cannot be read or written;
// anything else as it is.
func (c Common) ErrWords(err error) string {
	if c.Text.English() {
		return err.Error()
	}
	var zh interface{ Chinese() string } // award.RuleError, award.Refusal
	if errors.As(err, &zh) {
		return zh.Chinese()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		why := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, fs.ErrNotExist):
			why = "文件或文件夹不存在"
		case errors.Is(pe.Err, fs.ErrPermission):
			why = "没有权限"
		case errors.Is(pe.Err, fs.ErrExist):
			why = "已存在"
		}
		path := filepath.Clean(pe.Path)
		if strings.Contains(filepath.Base(path), ".tmp-") { // the temporary file of a write
			path = filepath.Dir(path)
		}
		return path + "：" + why
	}
	return err.Error()
}

// Winners are the applicants announced with an award or nomination that
// stands.
func (r *Records) Winners() []award.Applicant {
	var out []award.Applicant
	for _, a := range r.Snapshot.Applicants {
		if d, ok := r.Decisions[a.ID]; ok && a.Status == award.Announced && d.Final() != award.DecideNone {
			out = append(out, a)
		}
	}
	return out
}
