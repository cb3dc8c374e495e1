package backend

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/backend/export"
)

// The site visits (现场评审, Art. 20): the schedule of the on-site groups
// on the official working-day calendar, the reviewers' unavailable days,
// and the site-visit issues each group takes to its applicants. The
// office plans and changes them; a leader and the members of an on-site
// group read their group's visits and issues (store/access).

// Visits is the schedule the person may see, in applicant ID order.
func (b *Backend) Visits(cycle string) ([]award.Visit, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	return b.st.Visits(cycle)
}

// Absences are the unavailable days the person may see.
func (b *Backend) Absences(cycle string) ([]award.VisitAbsence, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	return b.st.Absences(cycle)
}

// visitRecords is what a schedule is checked against.
type visitRecords struct {
	cycle     string
	cal       *award.Calendar
	groups    []award.Group // on-site groups, their applicants still in the running
	absences  []award.VisitAbsence
	conflicts []award.Conflict
	visits    []award.Visit
}

// visitRecords reads the calendar, the on-site groups, the absences and
// the schedule of a cycle (the office's).
func (b *Backend) visitRecords(cycle, what string) (*visitRecords, error) {
	if err := b.officeOnly(what); err != nil {
		return nil, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	c, err := b.st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	x := &visitRecords{cycle: cycle}
	if x.cal, err = award.NewCalendar(c.Config.Calendar); err != nil {
		return nil, err
	}
	if x.groups, err = b.onsiteGroups(cycle); err != nil {
		return nil, err
	}
	if x.absences, err = b.st.Absences(cycle); err != nil {
		return nil, err
	}
	if x.conflicts, err = b.st.Conflicts(cycle); err != nil {
		return nil, err
	}
	if x.visits, err = b.st.Visits(cycle); err != nil {
		return nil, err
	}
	return x, nil
}

// onsiteGroups are the cycle's on-site groups, each with the applicants
// still in the running (rejected, withdrawn and ineligible ones get no
// visit).
func (b *Backend) onsiteGroups(cycle string) ([]award.Group, error) {
	gs, err := b.st.Groups(cycle)
	if err != nil {
		return nil, err
	}
	as, err := b.st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, a := range as {
		out[a.ID] = !a.Status.Ranked()
	}
	var on []award.Group
	for _, g := range gs {
		if g.Stage == award.Onsite {
			g.Applicants = slices.DeleteFunc(slices.Clone(g.Applicants), func(id string) bool { return out[id] })
			on = append(on, g)
		}
	}
	return on, nil
}

// PlanVisits plans the site visits from a start day (award.PlanVisits)
// and, with apply, makes the plan the schedule (the visits of applicants
// it does not place are removed) and carries the site-visit issues from
// the material consensus (as DeriveVisitIssues), in one transaction.
// Without apply nothing is written.
func (b *Backend) PlanVisits(cycle string, p award.VisitPlan, apply bool) ([]award.Visit, error) {
	x, err := b.visitRecords(cycle, "plan the site visits")
	if err != nil {
		return nil, err
	}
	plan, err := award.PlanVisits(x.cal, x.groups, x.absences, x.conflicts, p)
	if err != nil || !apply {
		return plan, err
	}
	var remove []string
	for _, v := range x.visits {
		if !slices.ContainsFunc(plan, func(n award.Visit) bool { return n.ApplicantID == v.ApplicantID }) {
			remove = append(remove, v.ApplicantID)
		}
	}
	_, putIssues, removeIssues, err := b.issueChanges(x.cycle, "")
	if err != nil {
		return nil, err
	}
	return plan, b.st.SetVisitPlan(b.actor, x.cycle, plan, remove, putIssues, removeIssues) // the schedule and its issues, all or nothing
}

// SetVisit enters one applicant's visit by hand (replacing its earlier
// one), refused with the rule it breaks (award.CheckVisit): a day that is
// not a working day, a member unavailable or on another visit, two visits
// of one group on one day.
func (b *Backend) SetVisit(cycle string, v award.Visit) error {
	x, err := b.visitRecords(cycle, "change the site-visit schedule")
	if err != nil {
		return err
	}
	v.Planned = ""
	if err := award.CheckVisit(x.cal, v, x.groups, x.absences, x.conflicts, x.visits); err != nil {
		return err
	}
	return b.st.SetVisits(b.actor, x.cycle, []award.Visit{v}, nil)
}

// RemoveVisit takes an applicant's visit off the schedule.
func (b *Backend) RemoveVisit(cycle, applicant string) error {
	x, err := b.visitRecords(cycle, "change the site-visit schedule")
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(x.visits, func(v award.Visit) bool { return v.ApplicantID == applicant }) {
		return fmt.Errorf("visit of %s: none is scheduled (see 'qaward visits list')", applicant)
	}
	return b.st.SetVisits(b.actor, x.cycle, nil, []string{applicant})
}

// MarkUnavailable records a reviewer's unavailable day, or with remove
// takes it back. A day on which the reviewer's group visits is refused
// (award.CheckAbsence): the visit moves first.
func (b *Backend) MarkUnavailable(cycle string, a award.VisitAbsence, remove bool) error {
	x, err := b.visitRecords(cycle, "record reviewers' unavailable days")
	if err != nil {
		return err
	}
	rs, err := b.st.Reviewers(x.cycle)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(rs, func(r award.Reviewer) bool { return r.ID == a.ReviewerID }) {
		return fmt.Errorf("unavailable day: %q is not a reviewer of cycle %s", a.ReviewerID, x.cycle)
	}
	if remove {
		if !slices.ContainsFunc(x.absences, func(o award.VisitAbsence) bool { return o.ReviewerID == a.ReviewerID && o.Date == a.Date }) {
			return fmt.Errorf("unavailable day: %s is not recorded as unavailable on %s", a.ReviewerID, a.Date)
		}
		return b.st.PutAbsence(b.actor, x.cycle, a, true)
	}
	if err := award.CheckAbsence(x.cal, a, x.groups, x.conflicts, x.visits); err != nil {
		return err
	}
	return b.st.PutAbsence(b.actor, x.cycle, a, false)
}

// VisitRow is a visit with the names a list shows.
type VisitRow struct {
	award.Visit
	Group, Applicant string // names
	Leader           string // the leader's name
	// Members are the names of the members on the visit, leader first
	// (those who declared a conflict with the applicant recuse, as far
	// as the person may know of it).
	Members []string
	// Occupied are the visit's working days with travel.
	Occupied []string
}

// VisitRows are the visits the person may see with names, by group then
// first day then applicant; group filters to one group ("" for all).
func (b *Backend) VisitRows(cycle, group string) ([]VisitRow, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	vs, err := b.st.Visits(cycle)
	if err != nil {
		return nil, err
	}
	vs = slices.DeleteFunc(vs, func(v award.Visit) bool { return group != "" && v.GroupID != group })
	return b.PlannedRows(cycle, vs)
}

// PlannedRows are visits (of a plan not stored, say) with names, in the
// order of VisitRows.
func (b *Backend) PlannedRows(cycle string, vs []award.Visit) ([]VisitRow, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	n, err := b.visitNames(cycle)
	if err != nil {
		return nil, err
	}
	rows := make([]VisitRow, 0, len(vs))
	for _, v := range vs {
		rows = append(rows, n.row(v))
	}
	slices.SortFunc(rows, func(a, b VisitRow) int {
		if c := strings.Compare(a.GroupID, b.GroupID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Days[0], b.Days[0]); c != 0 {
			return c
		}
		return strings.Compare(a.ApplicantID, b.ApplicantID)
	})
	return rows, nil
}

// visitNames finds the names of a cycle's groups, applicants and
// reviewers, as the person may see them.
type visitNames struct {
	cal        *award.Calendar
	conflicts  []award.Conflict
	groups     map[string]award.Group
	applicants map[string]string
	reviewers  map[string]string
}

func (b *Backend) visitNames(cycle string) (*visitNames, error) {
	c, err := b.st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	n := &visitNames{groups: map[string]award.Group{}, applicants: map[string]string{}, reviewers: map[string]string{}}
	if n.cal, err = award.NewCalendar(c.Config.Calendar); err != nil {
		return nil, err
	}
	gs, err := b.st.Groups(cycle)
	if err != nil {
		return nil, err
	}
	for _, g := range gs {
		n.groups[g.ID] = g
	}
	if n.conflicts, err = b.st.Conflicts(cycle); err != nil {
		return nil, err
	}
	as, err := b.st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		n.applicants[a.ID] = a.Name
	}
	rs, err := b.st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		n.reviewers[r.ID] = r.Name
	}
	return n, nil
}

func (n *visitNames) reviewer(id string) string {
	if s := n.reviewers[id]; s != "" {
		return s
	}
	return id
}

func (n *visitNames) row(v award.Visit) VisitRow {
	g := n.groups[v.GroupID]
	r := VisitRow{Visit: v, Group: cmp.Or(g.Name, v.GroupID), Applicant: n.applicants[v.ApplicantID], Leader: n.reviewer(g.LeaderID)}
	members := award.VisitMembers(g, v.ApplicantID, n.conflicts)
	if slices.Contains(members, g.LeaderID) {
		r.Members = append(r.Members, r.Leader)
	}
	for _, m := range members {
		if m != g.LeaderID {
			r.Members = append(r.Members, n.reviewer(m))
		}
	}
	if occ, err := n.cal.Occupied(v); err == nil {
		r.Occupied = occ
	}
	return r
}

// VisitsReport is the schedule as the command line prints it.
func VisitsReport(rows []VisitRow) export.Report {
	r := export.Report{Table: export.Table{Name: "现场评审日程",
		Header: []string{"group", "applicant", "name", "days", "travel_before", "travel_after", "first_day", "last_day", "leader", "members", "planned"}}}
	for _, v := range rows {
		from, to := v.Days[0], v.Days[len(v.Days)-1]
		if len(v.Occupied) > 0 {
			from, to = v.Occupied[0], v.Occupied[len(v.Occupied)-1]
		}
		r.Rows = append(r.Rows, []string{v.GroupID, v.ApplicantID, v.Applicant, strings.Join(v.Days, " "),
			strconv.Itoa(v.TravelBefore), strconv.Itoa(v.TravelAfter), from, to, v.Leader, strings.Join(v.Members, "、"), v.Planned})
	}
	return r
}

// ExportVisits writes the site-visit schedule (of one group, or every
// group for "") and the issues of its visits, removed ones included, to a
// workbook of two sheets, or the schedule to a CSV file.
func (b *Backend) ExportVisits(cycle, group, file, lang string) (ExportResult, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return ExportResult{}, err
	}
	rows, err := b.VisitRows(cycle, group)
	if err != nil {
		return ExportResult{}, err
	}
	all, err := b.VisitIssues(cycle, "", true)
	if err != nil {
		return ExportResult{}, err
	}
	visited := map[string]bool{}
	for _, v := range rows {
		visited[v.ApplicantID] = true
	}
	var is []award.VisitIssue
	for _, x := range all {
		if visited[x.ApplicantID] {
			is = append(is, x)
		}
	}
	return b.writeReports(cycle, file, lang, VisitsReport(rows), VisitIssuesReport(is))
}
