package award

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// The 2026 calendar around May Day, as the State Council's notice gives it:
// Wed 4/29 and Thu 4/30 are working days, 5/1–5/5 are off, Wed 5/6 to Sat
// 5/9 (made a working day) are working days, Sun 5/10 is off.
func visitFixture(t *testing.T) (*Calendar, []Group, []VisitAbsence) {
	t.Helper()
	cal, err := NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	groups := []Group{
		{ID: "G2", Stage: Onsite, Members: []string{"R2", "R3"}, Applicants: []string{"B2", "B1"}},
		{ID: "G1", Stage: Onsite, Members: []string{"R1", "R2"}, Applicants: []string{"A3", "A1", "A2"}},
		{ID: "M1", Stage: Material, Members: []string{"R1", "R4"}, Applicants: []string{"A1", "A2", "A3", "B1", "B2"}},
	}
	return cal, groups, []VisitAbsence{{ReviewerID: "R1", Date: "2026-05-06", Reason: "出差"}}
}

func ymd(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// TestPlanVisits works the plan out by hand: G1 first (ID order), its
// applicants in ID order from Wed 4/29: A1 4/29, A2 4/30, then May Day
// (5/1–5/5) is off and R1 is away on 5/6, so A3 on 5/7. G2 shares R2 with
// G1: 4/29 and 4/30 R2 is with G1, so B1 on 5/6 (R1 is not in G2); B2
// from 5/7, where R2 is at A3, so on 5/8.
func TestPlanVisits(t *testing.T) {
	cal, groups, away := visitFixture(t)
	got, err := PlanVisits(cal, groups, away, nil, VisitPlan{Start: ymd("2026-04-29")})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"A1": "2026-04-29", "A2": "2026-04-30", "A3": "2026-05-07", "B1": "2026-05-06", "B2": "2026-05-08"}
	order := []string{"A1", "A2", "A3", "B1", "B2"}
	if len(got) != len(want) {
		t.Fatalf("plan %+v", got)
	}
	for i, v := range got {
		if v.ApplicantID != order[i] || len(v.Days) != 1 || v.Days[0] != want[v.ApplicantID] || v.Planned != "2026-04-29" {
			t.Errorf("visit %d: %+v, want %s on %s", i, v, order[i], want[order[i]])
		}
		if err := CheckVisit(cal, v, groups, away, nil, got); err != nil {
			t.Errorf("the plan's own visit is refused: %v", err)
		}
	}
	again, _ := PlanVisits(cal, groups, away, nil, VisitPlan{Start: ymd("2026-04-29")})
	if !reflect.DeepEqual(got, again) {
		t.Error("the same records give another plan")
	}
}

// TestPlanVisitsTravel: two visit days with a travel day either side take
// four consecutive working days: from Thu 4/30 they are 4/30 (travel),
// 5/6 and 5/7 (visit), 5/8 (travel); the next visit starts on 5/9, the
// Saturday made a working day, and runs over Sun 5/10 to Mon 5/11 … Wed
// 5/13.
func TestPlanVisitsTravel(t *testing.T) {
	cal, _ := NewCalendar(nil)
	g := []Group{{ID: "G1", Stage: Onsite, Members: []string{"R1"}, Applicants: []string{"A1", "A2"}}}
	got, err := PlanVisits(cal, g, nil, nil, VisitPlan{Start: ymd("2026-04-30"), Days: 2, TravelBefore: 1, TravelAfter: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[0].Days, []string{"2026-05-06", "2026-05-07"}) || !reflect.DeepEqual(got[1].Days, []string{"2026-05-11", "2026-05-12"}) {
		t.Fatalf("plan %+v", got)
	}
	occ, _ := cal.Occupied(got[1])
	if !reflect.DeepEqual(occ, []string{"2026-05-09", "2026-05-11", "2026-05-12", "2026-05-13"}) {
		t.Errorf("second visit occupies %v", occ)
	}
	if _, err := PlanVisits(cal, g, nil, nil, VisitPlan{Start: ymd("2026-04-30"), Days: 11}); err == nil {
		t.Error("11 visit days planned")
	}
	if _, err := PlanVisits(cal, g, nil, nil, VisitPlan{Start: ymd("2099-04-30")}); err == nil || !strings.Contains(err.Error(), "does not cover") {
		t.Errorf("a year the calendar does not cover: %v", err)
	}
}

// TestCheckVisit: each rule of a schedule entered by hand is refused with
// the day and the person.
func TestCheckVisit(t *testing.T) {
	cal, groups, away := visitFixture(t)
	plan := []Visit{{GroupID: "G1", ApplicantID: "A1", Days: []string{"2026-04-29"}}, {GroupID: "G2", ApplicantID: "B1", Days: []string{"2026-05-07"}}}
	cases := []struct {
		v    Visit
		want string
	}{
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-05-02"}}, "2026-05-02 is not an official working day (Saturday)"},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-05-04"}}, "2026-05-04 is not an official working day (a statutory day off)"},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-05-06"}}, "reviewer R1 of group G1 is unavailable on 2026-05-06"},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-04-29"}}, "group G1 already visits A1 on 2026-04-29"},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-04-30"}, TravelBefore: 1}, "group G1 already visits A1 on 2026-04-29"},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-05-07"}}, "reviewer R2 of group G1 is on the visit of group G2 to B1 on 2026-05-07"},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"2026-05-07", "2026-05-09"}}, "a visit takes consecutive working days (the working day after 2026-05-07 is 2026-05-08)"},
		{Visit{GroupID: "G1", ApplicantID: "B2", Days: []string{"2026-05-08"}}, "not among group G1's applicants"},
		{Visit{GroupID: "M1", ApplicantID: "A2", Days: []string{"2026-05-08"}}, `"M1" is not an on-site group`},
		{Visit{GroupID: "G1", ApplicantID: "A2", Days: []string{"8 May"}}, `"8 May" is not a date`},
	}
	for _, c := range cases {
		err := CheckVisit(cal, c.v, groups, away, nil, plan)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.v, err, c.want)
		}
	}
	// the applicant's own visit moves
	if err := CheckVisit(cal, Visit{GroupID: "G1", ApplicantID: "A1", Days: []string{"2026-04-30"}}, groups, away, nil, plan); err != nil {
		t.Errorf("moving A1's visit: %v", err)
	}
	if err := CheckAbsence(cal, VisitAbsence{ReviewerID: "R2", Date: "2026-05-07"}, groups, nil, plan); err == nil ||
		!strings.Contains(err.Error(), "reviewer R2 is on group G2's visit to B1 on 2026-05-07") {
		t.Errorf("an absence on a visit day: %v", err)
	}
	if err := CheckAbsence(cal, VisitAbsence{ReviewerID: "R4", Date: "2026-05-07"}, groups, nil, plan); err != nil {
		t.Errorf("R4 is on no visit: %v", err)
	}
}

// TestVisitsRecusal: R1 declared a conflict with A3 (Art. 35), so R1 is
// not on A3's visit: R1 away on 5/6 no longer keeps A3 from that day.
// Worked by hand from TestPlanVisits:
// A1 4/29, A2 4/30, A3 now 5/6; G2's B1 then finds R2 (with A3) busy on
// 5/6 and goes to 5/7, B2 to 5/8.
func TestVisitsRecusal(t *testing.T) {
	cal, groups, away := visitFixture(t)
	conflicts := []Conflict{{ReviewerID: "R1", ApplicantID: "A3"}}
	got, err := PlanVisits(cal, groups, away, conflicts, VisitPlan{Start: ymd("2026-04-29")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"A1 2026-04-29", "A2 2026-04-30", "A3 2026-05-06", "B1 2026-05-07", "B2 2026-05-08"}
	for i, v := range got {
		if s := v.ApplicantID + " " + v.Days[0]; s != want[i] {
			t.Errorf("visit %d: %s, want %s", i, s, want[i])
		}
	}
	if m := VisitMembers(groups[1], "A3", conflicts); !reflect.DeepEqual(m, []string{"R2"}) {
		t.Errorf("members on A3's visit: %v", m)
	}
	if err := CheckAbsence(cal, VisitAbsence{ReviewerID: "R1", Date: "2026-05-06"}, groups, conflicts, got); err != nil {
		t.Errorf("R1 away on the day of A3's visit, from which R1 recused: %v", err)
	}
}
