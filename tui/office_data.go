package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/scoring"
	"qaward/store"
)

// records is what the office's screens show of a cycle beyond the score
// sheets: the pipeline, the eligibility reports, the evaluation (rankings,
// shortlist, outcomes), the committee's decisions, publicity, objections,
// revocations and evaluations of reviewers. It is read in one command and
// never changed afterwards: every write reads a fresh one, which the root
// hands to every screen in an officeMsg.
type records struct {
	// Results are the results in force, from the backend: every figure
	// and final status the office's screens show.
	*backend.Results

	appIdx      map[string]int // applicant ID -> index in Snapshot.Applicants
	transitions map[string][]award.Transition
	opinionsOf    map[string]map[string]award.Opinion // applicant -> department
	notice      award.Notice
	objections  []award.Objection
	evaluations []award.Evaluation
	conflicts   []award.Conflict
	assignments []award.Assignment
	satisf      map[string]award.Satisfaction
	loads       map[string][2]int // reviewer -> applicants assigned, material and on-site
	material    map[string]scoring.MaterialRow
	composite   map[string]scoring.CompositeRow
}

// officeMsg reports an office write (from names the screen that asked for
// it; nil for a plain read) and carries the records as read after it. Data
// is set when the write changed what the scoring screens index (groups,
// assignments, conflicts), so that the root replaces its Data.
type officeMsg struct {
	from any
	rec  *records
	data *Data
	note string
	err  error
	// warn are lines for the screen that asked, beyond the one-line
	// note: what did not go through (a returned packet's conflicts).
	warn []string
}

// applicantByID returns the applicant as last read.
func (r *records) applicantByID(id string) (award.Applicant, bool) {
	i, ok := r.appIdx[id]
	if !ok {
		return award.Applicant{}, false
	}
	return r.Snapshot.Applicants[i], true
}

func (r *records) status(id string) award.Status {
	a, _ := r.applicantByID(id)
	if a.Status == "" {
		return award.Accepted
	}
	return a.Status
}

// loadRecordsCmd reads the office's records, off the update loop.
func loadRecordsCmd(c Common, cycle string) tea.Cmd {
	return func() tea.Msg {
		rec, err := readRecords(c, cycle)
		return officeMsg{rec: rec, err: err}
	}
}

// officeWrite runs one write of the office in a command and reads the
// records again after it; withData also reads the scoring Data again.
func officeWrite(c Common, from any, note string, withData bool, write func(st store.Store, cycle string) error) tea.Cmd {
	cycle := c.Cycle
	return func() tea.Msg {
		if err := write(c.Store, cycle); err != nil {
			return officeMsg{from: from, err: err}
		}
		msg := officeMsg{from: from, note: note}
		msg.rec, msg.err = readRecords(c, cycle)
		if msg.err == nil && withData {
			msg.data, msg.err = Load(c.Store, cycle, c.Office, c.Catalog)
		}
		return msg
	}
}

// readRecords reads the results in force (backend) and the office's other
// records of a cycle.
func readRecords(c Common, cycle string) (*records, error) {
	st := c.Store
	res, err := c.backend().Results(cycle)
	if err != nil {
		return nil, err
	}
	r := &records{Results: res}
	cycle = res.Cycle.ID
	ts, err := st.Transitions(cycle)
	if err != nil {
		return nil, err
	}
	if r.notice, err = st.Notice(cycle); err != nil {
		return nil, err
	}
	if r.objections, err = st.Objections(cycle); err != nil {
		return nil, err
	}
	if r.evaluations, err = st.Evaluations(cycle); err != nil {
		return nil, err
	}
	if r.conflicts, err = st.Conflicts(cycle); err != nil {
		return nil, err
	}
	if r.assignments, err = st.Assignments(cycle); err != nil {
		return nil, err
	}
	// Stored text reaches the screens escaped (printable.go).
	printableData(r.Results, &ts, &r.notice, &r.objections, &r.evaluations, &r.conflicts)
	r.index(ts)
	return r, nil
}

// index builds the screens' lookups (pure; called from the reading
// command).
func (r *records) index(ts []award.Transition) {
	as := r.Snapshot.Applicants
	r.appIdx = make(map[string]int, len(as))
	for i, a := range as {
		r.appIdx[a.ID] = i
	}
	r.transitions = map[string][]award.Transition{}
	for _, t := range ts {
		r.transitions[t.ApplicantID] = append(r.transitions[t.ApplicantID], t)
	}
	r.opinionsOf = map[string]map[string]award.Opinion{}
	for _, o := range r.Opinions {
		if r.opinionsOf[o.ApplicantID] == nil {
			r.opinionsOf[o.ApplicantID] = map[string]award.Opinion{}
		}
		r.opinionsOf[o.ApplicantID][o.Department] = o
	}
	r.loads = map[string][2]int{}
	for _, a := range r.assignments {
		l := r.loads[a.ReviewerID]
		if a.Stage == award.Material {
			l[0]++
		} else {
			l[1]++
		}
		r.loads[a.ReviewerID] = l
	}
	r.satisf = make(map[string]award.Satisfaction, len(r.Snapshot.Satisfaction))
	for _, s := range r.Snapshot.Satisfaction {
		r.satisf[s.ApplicantID] = s
	}
	r.material = make(map[string]scoring.MaterialRow, len(r.Eval.Material))
	for _, m := range r.Eval.Material {
		r.material[m.Applicant.ID] = m
	}
	r.composite = make(map[string]scoring.CompositeRow, len(r.Eval.Composite))
	for _, m := range r.Eval.Composite {
		r.composite[m.Applicant.ID] = m
	}
}

// onsiteApplicants lists the applicants an on-site group reviews or that
// have on-site assignments, in ID order.
func (r *records) onsiteApplicants(d *Data) []string {
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

// conflicted reports whether the person declared a conflict with the
// applicant.
func (r *records) conflicted(person, app string) bool {
	for _, c := range r.conflicts {
		if c.ReviewerID == person && c.ApplicantID == app {
			return true
		}
	}
	return false
}

// conflict returns the declared conflict of a person with an applicant.
func (r *records) conflict(person, app string) (award.Conflict, bool) {
	for _, c := range r.conflicts {
		if c.ReviewerID == person && c.ApplicantID == app {
			return c, true
		}
	}
	return award.Conflict{}, false
}

// statusName names a pipeline status in the interface language.
func (c Common) statusName(s award.Status) string {
	if s == "" {
		s = award.Accepted
	}
	if c.Text.English() {
		return s.Name("en")
	}
	return s.Name("zh")
}

// outcomeName names an outcome (award, nomination, none, incomplete).
func (c Common) outcomeName(o string) string {
	if o == "" {
		return "--"
	}
	if !c.Text.English() {
		return award.OutcomeName(o)
	}
	return c.Text.S("out." + o)
}

// personLabel is "ID name" of a reviewer or the office.
func personLabel(d *Data, t Text, id string) string {
	n := d.PersonName(t, id)
	if n == id {
		return id
	}
	return fmt.Sprintf("%s %s", id, n)
}

// errText is an error as the status line shows it.
func (c Common) errText(err error) string { return c.Text.F("err", c.errWords(err)) }

// errWords says an error in the interface's language where it can: a
// refusal by a rule of the management rules citing its article, a file
// that cannot be read or written; anything else as it is.
func (c Common) errWords(err error) string {
	if c.Text.English() {
		return err.Error()
	}
	var re *award.RuleError
	if errors.As(err, &re) {
		return re.Chinese()
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

// winners are the applicants announced with an award or nomination that
// stands.
func (r *records) winners() []award.Applicant {
	var out []award.Applicant
	for _, a := range r.Snapshot.Applicants {
		if d, ok := r.Decisions[a.ID]; ok && a.Status == award.Announced && d.Final() != award.DecideNone {
			out = append(out, a)
		}
	}
	return out
}
