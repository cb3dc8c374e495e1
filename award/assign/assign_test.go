package assign

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
)

func org(id, name, industry string) award.Applicant {
	return award.Applicant{ID: id, Kind: award.Organization, Name: name, Industry: industry, CreditCode: "cc-" + id}
}

func rev(id, name, aff string) award.Reviewer {
	return award.Reviewer{ID: id, Name: name, Affiliation: aff}
}

// TestContinuityBeatsGreedy: one on-site group of R1 and R2, applicants
// A1 and A2, one reviewer each, one material reviewer wanted. At material
// R1 reviewed A1 and A2, R2 reviewed A1 only. A greedy pass in applicant
// order gives A1 the first free material reviewer, R1, and leaves A2 with
// R2, who is fresh to it: one continuity missing, cost costMissing = 300.
// The flow gives A1 R2 and A2 R1: both continue, cost 0 (each reviewer
// carries one applicant, the floor, so no load cost; one industry each,
// so no industry cost).
func TestContinuityBeatsGreedy(t *testing.T) {
	in := Input{Stage: award.Onsite, PerApplicant: 1, GroupSize: 2, Continuity: 1,
		Applicants: []award.Applicant{org("A1", "甲公司", "食品"), org("A2", "乙公司", "食品")},
		Reviewers:  []award.Reviewer{rev("R1", "张三", "某协会"), rev("R2", "李四", "某大学")},
		Material: []award.Assignment{{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R1"},
			{Stage: award.Material, ApplicantID: "A2", ReviewerID: "R1"}, {Stage: award.Material, ApplicantID: "A1", ReviewerID: "R2"}},
	}
	p, err := Assign(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []award.Assignment{{Stage: award.Onsite, ApplicantID: "A1", ReviewerID: "R2"}, {Stage: award.Onsite, ApplicantID: "A2", ReviewerID: "R1"}}
	if !slices.Equal(p.Assignments, want) {
		t.Fatalf("assignments %v, want %v", p.Assignments, want)
	}
	if p.Assignment.Total != 0 || p.Continued != 2 {
		t.Fatalf("objective %+v, continued %d: want 0 and 2", p.Assignment, p.Continued)
	}
}

// TestIndustrySpread: one group of two reviewers, four applicants, one
// reviewer each: two of industry X, two of Y. Giving one reviewer both
// X costs costIndustry for their second X, and the same for the other's
// second Y: 20. One of each for both costs nothing, which the flow finds.
func TestIndustrySpread(t *testing.T) {
	in := Input{Stage: award.Material, PerApplicant: 1, GroupSize: 2,
		Applicants: []award.Applicant{org("A1", "甲", "X"), org("A2", "乙", "X"), org("A3", "丙", "Y"), org("A4", "丁", "Y")},
		Reviewers:  []award.Reviewer{rev("R1", "张三", "a"), rev("R2", "李四", "b")},
	}
	p, err := Assign(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Assignment.Industry != 0 || p.MaxLoad != 2 || p.MinLoad != 2 {
		t.Fatalf("objective %+v loads %d-%d", p.Assignment, p.MinLoad, p.MaxLoad)
	}
	by := map[string][]string{}
	for _, a := range p.Assignments {
		by[a.ReviewerID] = append(by[a.ReviewerID], a.ApplicantID)
	}
	for r, as := range by {
		if len(as) != 2 || as[0] > "A2" || as[1] < "A3" {
			t.Errorf("%s reviews %v: want one of X and one of Y", r, as)
		}
	}
}

func TestSuspects(t *testing.T) {
	apps := []award.Applicant{
		org("A1", "武冈市云山食品有限公司", "食品"),
		org("A2", "武冈市资江制药有限公司", "医药"),
		{ID: "A3", Kind: award.Individual, Name: "王建国"},
		org("A4", "武冈市法相电子科技有限公司", "电子"),
	}
	rs := []award.Reviewer{
		rev("R1", "刘一", "武冈市云山食品有限公司质量部"), // holds the name
		rev("R2", "陈二", "湖南资江制药集团"),       // the core name
		rev("R3", "王建国", "邵阳学院"),          // the individual's name
		rev("R4", "赵四", "法相村委会"),          // trade name only: a hint
		rev("R5", "周五", "邵阳学院"),           // declared before, by name
	}
	earlier := []Earlier{{Cycle: "2024", Identity: "org:cc-A2", ReviewerID: "R017", ReviewerName: "周五", Reason: "曾在该单位任职"}}
	declared := []award.Conflict{{ReviewerID: "R1", ApplicantID: "A2", Reason: "x"}}
	ss, hs := detect(apps, rs, declared, earlier)
	got := map[string]string{}
	for _, s := range ss {
		got[s.ReviewerID+"/"+s.ApplicantID] = s.Source
	}
	want := map[string]string{"R1/A1": "affiliation", "R2/A2": "affiliation", "R3/A3": "name", "R5/A2": "earlier-cycle"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("suspects %v, want %v", got, want)
	}
	if len(hs) != 1 || hs[0] != (hint{"R4", "A4"}) {
		t.Fatalf("hints %v, want R4/A4", hs)
	}
}

// TestSuspectsNotAssigned: a suspected and a declared conflict are both
// kept out, and the leader leads no applicant it conflicts with.
func TestSuspectsNotAssigned(t *testing.T) {
	var apps []award.Applicant
	for i := 1; i <= 6; i++ {
		apps = append(apps, org(fmt.Sprintf("A%d", i), fmt.Sprintf("武冈市测试%d号有限公司", i), "食品"))
	}
	var rs []award.Reviewer
	for i := 1; i <= 5; i++ {
		rs = append(rs, rev(fmt.Sprintf("R%d", i), fmt.Sprintf("评审员%d", i), "邵阳学院"))
	}
	rs[0].Affiliation = "武冈市测试1号有限公司"
	p, err := Assign(Input{Stage: award.Material, PerApplicant: 4, GroupSize: 5, Applicants: apps, Reviewers: rs,
		Conflicts: []award.Conflict{{ReviewerID: "R2", ApplicantID: "A3"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Assignments {
		if a.ReviewerID == "R1" && a.ApplicantID == "A1" || a.ReviewerID == "R2" && a.ApplicantID == "A3" {
			t.Errorf("conflicted pair assigned: %v", a)
		}
	}
	if len(p.Suspects) != 1 || len(p.Short) != 0 || len(p.Assignments) != 24 {
		t.Fatalf("suspects %v short %v assignments %d", p.Suspects, p.Short, len(p.Assignments))
	}
	if l := p.Groups[0].LeaderID; l == "R1" || l == "R2" {
		t.Errorf("leader %s has a conflict in the group", l)
	}
}

func reference(t testing.TB) sample.Dataset {
	d, err := sample.Generate(sample.Options{Applicants: 1000, Reviewers: 300, PerApplicant: 7, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// check verifies what every proposal must hold: N reviewers for every
// applicant, none conflicted, every assignment inside the applicant's
// one group of the stage, a leader who is a member without a conflict
// in the group, loads within one of each other.
func check(t *testing.T, p Proposal, d sample.Dataset, n int) {
	t.Helper()
	conflicted := map[[2]string]bool{}
	for _, c := range d.Conflicts {
		conflicted[[2]string{c.ReviewerID, c.ApplicantID}] = true
	}
	groupOf := map[string]*award.Group{}
	for i := range p.Groups {
		g := &p.Groups[i]
		if g.Members[0] != g.LeaderID {
			t.Errorf("group %s: leader %s not first", g.ID, g.LeaderID)
		}
		for _, a := range g.Applicants {
			if groupOf[a] != nil {
				t.Fatalf("applicant %s in groups %s and %s", a, groupOf[a].ID, g.ID)
			}
			groupOf[a] = g
			if conflicted[[2]string{g.LeaderID, a}] {
				t.Errorf("leader %s of %s conflicts with %s", g.LeaderID, g.ID, a)
			}
		}
	}
	per := map[string]int{}
	load := map[string]int{}
	for _, a := range p.Assignments {
		per[a.ApplicantID]++
		load[a.ReviewerID]++
		if conflicted[[2]string{a.ReviewerID, a.ApplicantID}] {
			t.Errorf("conflict assigned: %v", a)
		}
		if g := groupOf[a.ApplicantID]; g == nil || !slices.Contains(g.Members, a.ReviewerID) {
			t.Errorf("%v outside the applicant's group", a)
		}
	}
	for _, a := range d.Applicants {
		if per[a.ID] != n {
			t.Errorf("%s has %d reviewers, want %d", a.ID, per[a.ID], n)
		}
	}
	lo, hi := len(p.Assignments), 0
	for _, g := range p.Groups {
		for _, m := range g.Members {
			lo, hi = min(lo, load[m]), max(hi, load[m])
		}
	}
	if hi-lo > 1 || lo != p.MinLoad || hi != p.MaxLoad {
		t.Errorf("loads %d-%d (reported %d-%d): want within one", lo, hi, p.MinLoad, p.MaxLoad)
	}
	if len(p.Short) != 0 {
		t.Errorf("short: %v", p.Short)
	}
}

// TestReferenceScale: the reference cycle of DESIGN §5 (1,000 applicants,
// 300 reviewers, 7 each), material then on-site on every applicant, with
// the material proposal as the on-site continuity.
func TestReferenceScale(t *testing.T) {
	if testing.Short() {
		t.Skip("reference scale")
	}
	d := reference(t)
	start := time.Now()
	mat, err := Assign(Input{Stage: award.Material, PerApplicant: 7, Applicants: d.Applicants, Reviewers: d.Reviewers, Conflicts: d.Conflicts})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("material: %v, %d groups, loads %d-%d, grouping %+v, assignment %+v", time.Since(start), len(mat.Groups), mat.MinLoad, mat.MaxLoad, mat.Grouping, mat.Assignment)
	check(t, mat, d, 7)
	if len(mat.Unused) != 0 {
		t.Errorf("unused reviewers: %v", mat.Unused)
	}
	start = time.Now()
	on, err := Assign(Input{Stage: award.Onsite, PerApplicant: 7, Applicants: d.Applicants, Reviewers: d.Reviewers, Conflicts: d.Conflicts,
		Material: mat.Assignments, MaterialGroups: mat.Groups})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("onsite: %v, %d groups, loads %d-%d, continued %d, grouping %+v, assignment %+v", time.Since(start), len(on.Groups), on.MinLoad, on.MaxLoad, on.Continued, on.Grouping, on.Assignment)
	check(t, on, d, 7)
	cont := map[string]int{}
	matPairs := map[[2]string]bool{}
	for _, a := range mat.Assignments {
		matPairs[[2]string{a.ReviewerID, a.ApplicantID}] = true
	}
	for _, a := range on.Assignments {
		if matPairs[[2]string{a.ReviewerID, a.ApplicantID}] {
			cont[a.ApplicantID]++
		}
	}
	few := 0
	for _, a := range d.Applicants {
		if cont[a.ID] < 1 {
			t.Errorf("%s keeps none of its material reviewers", a.ID)
		}
		if cont[a.ID] < 2 {
			few++
		}
		if cont[a.ID] == 7 {
			t.Errorf("%s keeps all of its material reviewers: no fresh eyes", a.ID)
		}
	}
	if few > len(d.Applicants)/20 {
		t.Errorf("%d applicants keep fewer than 2 material reviewers", few)
	}
}

// TestShortlistOnsite: a small shortlist makes a few full groups, not
// many empty ones, and keeps continuity.
func TestShortlistOnsite(t *testing.T) {
	d := reference(t)
	mat, err := Assign(Input{Stage: award.Material, PerApplicant: 7, Applicants: d.Applicants, Reviewers: d.Reviewers, Conflicts: d.Conflicts})
	if err != nil {
		t.Fatal(err)
	}
	short := d.Applicants[100:116]
	on, err := Assign(Input{Stage: award.Onsite, PerApplicant: 7, Applicants: short, Reviewers: d.Reviewers, Conflicts: d.Conflicts,
		Material: mat.Assignments, MaterialGroups: mat.Groups})
	if err != nil {
		t.Fatal(err)
	}
	if len(on.Groups) != 2 || len(on.Assignments) != 16*7 || on.MaxLoad-on.MinLoad > 1 {
		t.Fatalf("%d groups, %d assignments, loads %d-%d", len(on.Groups), len(on.Assignments), on.MinLoad, on.MaxLoad)
	}
	// The 16 come from as many material groups, so two material
	// reviewers each would take 32 places in two groups of 9: one each
	// is what is possible.
	cont := map[string]int{}
	matPairs := map[award.Assignment]bool{}
	for _, a := range mat.Assignments {
		matPairs[award.Assignment{Stage: award.Onsite, ApplicantID: a.ApplicantID, ReviewerID: a.ReviewerID}] = true
	}
	for _, a := range on.Assignments {
		if matPairs[a] {
			cont[a.ApplicantID]++
		}
	}
	for _, a := range short {
		if cont[a.ID] < 1 {
			t.Errorf("%s keeps none of its material reviewers", a.ID)
		}
	}
	t.Logf("continued %d, grouping %+v, assignment %+v", on.Continued, on.Grouping, on.Assignment)
}

func TestBadInput(t *testing.T) {
	apps := []award.Applicant{org("A1", "甲", "X")}
	rs := []award.Reviewer{rev("R1", "张三", "a"), rev("R2", "李四", "b")}
	for _, c := range []struct {
		in   Input
		want string
	}{
		{Input{Stage: "x", PerApplicant: 1, Applicants: apps, Reviewers: rs}, `stage "x": want material or onsite`},
		{Input{Stage: award.Material, PerApplicant: 0, Applicants: apps, Reviewers: rs}, "per-applicant 0: want at least 1"},
		{Input{Stage: award.Material, PerApplicant: 3, Applicants: apps, Reviewers: rs}, "2 reviewers cannot give each applicant 3"},
		{Input{Stage: award.Material, PerApplicant: 2, GroupSize: 1, Applicants: apps, Reviewers: rs}, "group size 1: want at least per-applicant (2)"},
		{Input{Stage: award.Material, PerApplicant: 2, Groups: 2, Applicants: apps, Reviewers: rs}, "groups 2: 2 reviewers cannot make 2 groups of at least 2 (per-applicant)"},
		{Input{Stage: award.Material, PerApplicant: 1, Reviewers: rs}, "no applicant to assign at material"},
	} {
		if _, err := Assign(c.in); err == nil || err.Error() != c.want {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}

// BenchmarkAssignReference times a material proposal at the reference
// scale (1,000 applicants, 300 reviewers, 7 each).
func BenchmarkAssignReference(b *testing.B) {
	d := reference(b)
	in := Input{Stage: award.Material, PerApplicant: 7, Applicants: d.Applicants, Reviewers: d.Reviewers, Conflicts: d.Conflicts}
	for b.Loop() {
		if _, err := Assign(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssignReferenceOnsite times the on-site proposal of every
// applicant with the material proposal's continuity.
func BenchmarkAssignReferenceOnsite(b *testing.B) {
	d := reference(b)
	mat, err := Assign(Input{Stage: award.Material, PerApplicant: 7, Applicants: d.Applicants, Reviewers: d.Reviewers, Conflicts: d.Conflicts})
	if err != nil {
		b.Fatal(err)
	}
	in := Input{Stage: award.Onsite, PerApplicant: 7, Applicants: d.Applicants, Reviewers: d.Reviewers, Conflicts: d.Conflicts,
		Material: mat.Assignments, MaterialGroups: mat.Groups}
	for b.Loop() {
		if _, err := Assign(in); err != nil {
			b.Fatal(err)
		}
	}
}
