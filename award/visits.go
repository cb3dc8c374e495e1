package award

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Site visits (现场评审, Art. 20): the on-site groups visit the applicants
// shortlisted for them on official working days (Art. 24's calendar).
//
// A visit occupies its group, and every member of it, on its travel days
// before, its visit days and its travel days after: consecutive working
// days. The rules of a schedule (CheckVisit, PlanVisits):
//   - every occupied day is an official working day (weekends and
//     statutory days off are not, the weekend days made working days are);
//   - no member is unavailable (VisitAbsence) on an occupied day;
//   - a member who declared a conflict with the applicant recuses (Art.
//     35): they are not on that visit (VisitMembers), and their days do
//     not bind it;
//   - a group makes one visit at a time: the occupied days of two visits of
//     one group do not meet, so a group visits one applicant a day;
//   - a reviewer in two on-site groups is on one visit a day.

// Visit is one applicant's site visit by its on-site group.
type Visit struct {
	GroupID     string
	ApplicantID string
	// Days are the visit's consecutive working days, YYYY-MM-DD.
	Days []string
	// TravelBefore and TravelAfter are the working days the group travels
	// before the first and after the last visit day.
	TravelBefore, TravelAfter int
	// Planned is the start day of the plan that placed the visit, empty
	// for a visit entered by hand.
	Planned string `json:",omitempty"`
}

// VisitAbsence is a day a reviewer cannot go on a visit.
type VisitAbsence struct {
	ReviewerID string
	Date       string // YYYY-MM-DD
	Reason     string `json:",omitempty"`
}

// MaxVisitDays bounds a visit's days and each of its travel periods.
const MaxVisitDays = 10

// planHorizon is how far past its start a plan looks for free days.
const planHorizon = 366

// VisitPlan is what the planner is asked: the first day and the length of
// every visit.
type VisitPlan struct {
	Start                     time.Time
	Days                      int // visit days per applicant (1 when 0)
	TravelBefore, TravelAfter int
}

// Occupied lists the working days a visit takes, travel included, in
// order; an error for a visit day that is not a working day or days that
// do not follow one another on the calendar.
func (c *Calendar) Occupied(v Visit) ([]string, error) {
	if len(v.Days) == 0 {
		return nil, fmt.Errorf("visit of %s: no visit day given", v.ApplicantID)
	}
	first, err := visitDay(v.Days[0])
	if err != nil {
		return nil, err
	}
	var days []string
	d := first
	for i := 0; i < v.TravelBefore; i++ {
		if d, err = c.stepWorkday(d, -1); err != nil {
			return nil, err
		}
		days = append(days, d.Format(time.DateOnly))
	}
	slices.Reverse(days)
	for i, s := range v.Days {
		day, err := visitDay(s)
		if err != nil {
			return nil, err
		}
		if ok, err := c.IsWorkday(day); err != nil {
			return nil, err
		} else if !ok {
			return nil, fmt.Errorf("%s is not an official working day (%s)", s, dayKind(day))
		}
		if i > 0 && s != d.Format(time.DateOnly) {
			return nil, fmt.Errorf("visit days %s and %s: a visit takes consecutive working days (the working day after %s is %s)", v.Days[i-1], s, v.Days[i-1], d.Format(time.DateOnly))
		}
		days = append(days, s)
		if d, err = c.stepWorkday(day, 1); err != nil {
			return nil, err
		}
	}
	d, _ = visitDay(v.Days[len(v.Days)-1])
	for i := 0; i < v.TravelAfter; i++ {
		if d, err = c.stepWorkday(d, 1); err != nil {
			return nil, err
		}
		days = append(days, d.Format(time.DateOnly))
	}
	return days, nil
}

// stepWorkday is the working day after d (dir 1) or before it (dir -1).
func (c *Calendar) stepWorkday(d time.Time, dir int) (time.Time, error) {
	for {
		d = d.AddDate(0, 0, dir)
		ok, err := c.IsWorkday(d)
		if err != nil || ok {
			return d, err
		}
	}
}

// firstWorkday is d when it is a working day, else the next one.
func (c *Calendar) firstWorkday(d time.Time) (time.Time, error) {
	ok, err := c.IsWorkday(d)
	if err != nil || ok {
		return d, err
	}
	return c.stepWorkday(d, 1)
}

func visitDay(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, fmt.Errorf("%q is not a date: want YYYY-MM-DD", s)
	}
	return t, nil
}

// dayKind says why a day is not a working day.
func dayKind(d time.Time) string {
	if weekday(d) {
		return "a statutory day off"
	}
	return d.Weekday().String()
}

// VisitMembers are the members of group g on the visit to applicant: the
// group's members but those who declared a conflict with the applicant.
func VisitMembers(g Group, applicant string, conflicts []Conflict) []string {
	return slices.DeleteFunc(slices.Clone(g.Members), func(m string) bool {
		return slices.ContainsFunc(conflicts, func(c Conflict) bool { return c.ReviewerID == m && c.ApplicantID == applicant })
	})
}

// schedule is what a group's members are doing, day by day.
type schedule struct {
	cal       *Calendar
	conflicts []Conflict
	groups    map[string]Group
	away      map[string]map[string]bool  // reviewer → day
	busy      map[string]map[string]Visit // reviewer → day → visit
	visitOf   map[string]map[string]Visit // group → day → visit
}

func newSchedule(cal *Calendar, groups []Group, absences []VisitAbsence, conflicts []Conflict) *schedule {
	s := &schedule{cal: cal, conflicts: conflicts, groups: map[string]Group{}, away: map[string]map[string]bool{},
		busy: map[string]map[string]Visit{}, visitOf: map[string]map[string]Visit{}}
	for _, g := range groups {
		s.groups[g.ID] = g
	}
	for _, a := range absences {
		if s.away[a.ReviewerID] == nil {
			s.away[a.ReviewerID] = map[string]bool{}
		}
		s.away[a.ReviewerID][a.Date] = true
	}
	return s
}

// conflict is what keeps group g from visiting applicant on day: a
// member of the visit away or on another visit, or the group's own visit;
// "" when the day is free.
func (s *schedule) conflict(g Group, applicant, day string) string {
	if v, ok := s.visitOf[g.ID][day]; ok {
		return fmt.Sprintf("group %s already visits %s on %s (one visit of a group a day)", g.ID, v.ApplicantID, day)
	}
	for _, m := range VisitMembers(g, applicant, s.conflicts) {
		if s.away[m][day] {
			return fmt.Sprintf("reviewer %s of group %s is unavailable on %s", m, g.ID, day)
		}
		if v, ok := s.busy[m][day]; ok {
			return fmt.Sprintf("reviewer %s of group %s is on the visit of group %s to %s on %s", m, g.ID, v.GroupID, v.ApplicantID, day)
		}
	}
	return ""
}

// add books a visit's occupied days for its group and members.
func (s *schedule) add(v Visit, days []string) {
	g := s.groups[v.GroupID]
	for _, d := range days {
		if s.visitOf[g.ID] == nil {
			s.visitOf[g.ID] = map[string]Visit{}
		}
		s.visitOf[g.ID][d] = v
		for _, m := range VisitMembers(g, v.ApplicantID, s.conflicts) {
			if s.busy[m] == nil {
				s.busy[m] = map[string]Visit{}
			}
			s.busy[m][d] = v
		}
	}
}

// CheckVisit checks a visit entered by hand against the groups, the
// absences, the conflicts and the other visits of the schedule (the
// applicant's own earlier visit, which v replaces, left out): the first
// rule it breaks, with the day and the person.
func CheckVisit(cal *Calendar, v Visit, groups []Group, absences []VisitAbsence, conflicts []Conflict, others []Visit) error {
	name := "visit of " + v.ApplicantID
	g, ok := findGroup(groups, v.GroupID)
	switch {
	case !ok || g.Stage != Onsite:
		return fmt.Errorf("%s: %q is not an on-site group of the cycle", name, v.GroupID)
	case !slices.Contains(g.Applicants, v.ApplicantID):
		return fmt.Errorf("%s: the applicant is not among group %s's applicants", name, g.ID)
	case len(v.Days) == 0 || len(v.Days) > MaxVisitDays:
		return fmt.Errorf("%s: %d visit days: want 1 to %d", name, len(v.Days), MaxVisitDays)
	case v.TravelBefore < 0 || v.TravelBefore > MaxVisitDays || v.TravelAfter < 0 || v.TravelAfter > MaxVisitDays:
		return fmt.Errorf("%s: travel days %d before and %d after: want 0 to %d each", name, v.TravelBefore, v.TravelAfter, MaxVisitDays)
	}
	s := newSchedule(cal, groups, absences, conflicts)
	for _, o := range others {
		if o.ApplicantID == v.ApplicantID {
			continue
		}
		days, err := cal.Occupied(o)
		if err != nil {
			return fmt.Errorf("visit of %s already in the schedule: %w", o.ApplicantID, err)
		}
		s.add(o, days)
	}
	days, err := cal.Occupied(v)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, d := range days {
		if why := s.conflict(g, v.ApplicantID, d); why != "" {
			return fmt.Errorf("%s on %s: %s", name, strings.Join(v.Days, ", "), why)
		}
	}
	return nil
}

func findGroup(gs []Group, id string) (Group, bool) {
	for _, g := range gs {
		if g.ID == id {
			return g, true
		}
	}
	return Group{}, false
}

// PlanVisits places every applicant of every on-site group on the first
// free working days from p.Start: groups in ID order, each group's
// applicants in ID order, each visit on the earliest run of consecutive
// working days (travel before, visit days, travel after) on which no
// member of the visit is unavailable or on another visit, starting after
// the group's previous visit. The same records give the same plan.
func PlanVisits(cal *Calendar, groups []Group, absences []VisitAbsence, conflicts []Conflict, p VisitPlan) ([]Visit, error) {
	if p.Days == 0 {
		p.Days = 1
	}
	if p.Days < 1 || p.Days > MaxVisitDays || p.TravelBefore < 0 || p.TravelBefore > MaxVisitDays || p.TravelAfter < 0 || p.TravelAfter > MaxVisitDays {
		return nil, fmt.Errorf("plan: %d visit days, %d travel days before and %d after: want 1 to %d visit days and 0 to %d travel days", p.Days, p.TravelBefore, p.TravelAfter, MaxVisitDays, MaxVisitDays)
	}
	onsite := slices.DeleteFunc(slices.Clone(groups), func(g Group) bool { return g.Stage != Onsite })
	slices.SortFunc(onsite, func(a, b Group) int { return strings.Compare(a.ID, b.ID) })
	s := newSchedule(cal, onsite, absences, conflicts)
	var out []Visit
	for _, g := range onsite {
		cursor, err := cal.firstWorkday(p.Start)
		if err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
		apps := slices.Sorted(slices.Values(g.Applicants))
		for _, a := range apps {
			v, days, err := s.place(g, a, cursor, p)
			if err != nil {
				return nil, err
			}
			s.add(v, days)
			out = append(out, v)
			last, _ := visitDay(days[len(days)-1])
			if cursor, err = cal.stepWorkday(last, 1); err != nil {
				return nil, fmt.Errorf("plan: %w", err)
			}
		}
	}
	return out, nil
}

// place finds the first free run of working days from cursor for a visit
// of group g to applicant a.
func (s *schedule) place(g Group, a string, cursor time.Time, p VisitPlan) (Visit, []string, error) {
	n := p.TravelBefore + p.Days + p.TravelAfter
	limit := p.Start.AddDate(0, 0, planHorizon)
	for cursor.Before(limit) {
		days, err := s.run(cursor, n)
		if err != nil {
			return Visit{}, nil, fmt.Errorf("plan: %w", err)
		}
		free := true
		for _, d := range days {
			if s.conflict(g, a, d) != "" {
				free = false
				break
			}
		}
		if free {
			v := Visit{GroupID: g.ID, ApplicantID: a, Days: days[p.TravelBefore : p.TravelBefore+p.Days],
				TravelBefore: p.TravelBefore, TravelAfter: p.TravelAfter, Planned: p.Start.Format(time.DateOnly)}
			return v, days, nil
		}
		if cursor, err = s.cal.stepWorkday(cursor, 1); err != nil {
			return Visit{}, nil, fmt.Errorf("plan: %w", err)
		}
	}
	return Visit{}, nil, fmt.Errorf("plan: no %d free working days for group %s's visit to %s within a year of %s", n, g.ID, a, p.Start.Format(time.DateOnly))
}

// run is n consecutive working days from the working day d.
func (s *schedule) run(d time.Time, n int) ([]string, error) {
	days := []string{d.Format(time.DateOnly)}
	for len(days) < n {
		var err error
		if d, err = s.cal.stepWorkday(d, 1); err != nil {
			return nil, err
		}
		days = append(days, d.Format(time.DateOnly))
	}
	return days, nil
}

// CheckAbsence checks a reviewer's unavailable day against the visits
// already in the schedule: a day on which the reviewer is on a visit of
// their group is refused, naming the visit to move first.
func CheckAbsence(cal *Calendar, a VisitAbsence, groups []Group, conflicts []Conflict, visits []Visit) error {
	if _, err := visitDay(a.Date); err != nil {
		return fmt.Errorf("unavailable day of %s: %w", a.ReviewerID, err)
	}
	if err := ReasonText.Check(a.Reason); err != nil {
		return fmt.Errorf("unavailable day of %s: reason: %w", a.ReviewerID, err)
	}
	for _, v := range visits {
		g, ok := findGroup(groups, v.GroupID)
		if !ok || !slices.Contains(VisitMembers(g, v.ApplicantID, conflicts), a.ReviewerID) {
			continue
		}
		days, err := cal.Occupied(v)
		if err != nil {
			return err
		}
		if slices.Contains(days, a.Date) {
			return fmt.Errorf("reviewer %s is on group %s's visit to %s on %s: move that visit first ('qaward visits set' or 'qaward visits plan')", a.ReviewerID, g.ID, v.ApplicantID, a.Date)
		}
	}
	return nil
}

// VisitIssue is a question the on-site group takes to an applicant's site
// visit (the Baldrige "site visit issues"): derived from the material
// review's consensus (the rule is backend/visitissues.go's) or added by the
// office, with what the group found there.
type VisitIssue struct {
	ApplicantID string
	// ID is the criteria item's ID for an issue derived from that item,
	// X1, X2, … for one the office added.
	ID string
	// Item is the criteria item the issue is about ("" for none).
	Item    string `json:",omitempty"`
	Reasons []IssueReason
	Text    string
	// Percent is the item's material percentage in force, in hundredths
	// of a percent, and Range the material reviewers' spread on it, in
	// percentage points (derived issues).
	Percent Score `json:",omitempty"`
	Range   int   `json:",omitempty"`
	// Removed: the office took a derived issue off the list.
	Removed bool `json:",omitempty"`
	// Finding is what the on-site group found on the issue.
	Finding string `json:",omitempty"`
}

// IssueReason is why an issue is on an applicant's list.
type IssueReason string

// The reasons of a site-visit issue.
const (
	IssueWeak   IssueReason = "weak"      // the item's material percentage in force is below WeakPercent
	IssueSpread IssueReason = "spread"    // a material reviewer lies DispersionPoints or more from the others
	IssueWidest IssueReason = "widest"    // the item with the widest range of the material reviewers
	IssueOFI    IssueReason = "consensus" // the material consensus wrote an opportunity for improvement on it
	IssueOffice IssueReason = "office"    // the office added it
)

// WeakPercent: an item whose material percentage in force is below it
// (the bands 0–25 %: no more than the beginning of a systematic approach,
// or a few results) is a weak item the site visit looks at.
const WeakPercent = 30

// Name is the reason in Chinese, or in English when lang is "en".
func (r IssueReason) Name(lang string) string {
	zh := map[IssueReason]string{IssueWeak: "得分率低", IssueSpread: "评分分歧", IssueWidest: "极差最大",
		IssueOFI: "共识改进机会", IssueOffice: "办公室添加"}
	en := map[IssueReason]string{IssueWeak: "weak", IssueSpread: "disagreement", IssueWidest: "widest spread",
		IssueOFI: "consensus OFI", IssueOffice: "added by the office"}
	names := zh
	if lang == "en" {
		names = en
	}
	if n, ok := names[r]; ok {
		return n
	}
	return string(r)
}

// CheckVisitIssue checks the text of an issue and its finding.
func CheckVisitIssue(is VisitIssue) error {
	if err := DescriptionText.Check(is.Text); err != nil {
		return fmt.Errorf("issue %s of %s: text: %w", is.ID, is.ApplicantID, err)
	}
	if err := DescriptionText.Check(is.Finding); err != nil {
		return fmt.Errorf("issue %s of %s: finding: %w", is.ID, is.ApplicantID, err)
	}
	return nil
}
