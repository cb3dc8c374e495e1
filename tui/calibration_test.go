package tui

import (
	"strconv"
	"strings"
	"testing"

	"qaward/award"
	"qaward/backend"
	"qaward/scoring"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/pages/home"
	"qaward/tui/pages/leader"
	"qaward/tui/pages/office"
)

// leniencyCells are the figures a calibration row shows, as text.
func leniencyCells(r scoring.LeniencyRow) string {
	mean := r.Mean.String()
	if r.Mean > 0 {
		mean = "+" + mean
	}
	return strings.Join([]string{r.ReviewerID, strconv.Itoa(r.Sheets), mean, r.Spread.String(), strconv.Itoa(r.Above), strconv.Itoa(r.Below)}, " ")
}

// shownCells are the same figures read off a screen's line of reviewer id.
func shownCells(t *testing.T, view, id string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(l), ">"))
		if len(f) >= 7 && f[0] == id {
			return strings.Join(append([]string{f[0]}, f[2:7]...), " ")
		}
	}
	t.Fatalf("no row of %s on the screen:\n%s", id, view)
	return ""
}

// The material leader opens their calibration from their home with F4:
// their group's members with the figures of `qaward --as R001
// calibration`; ←/→ switch to the on-site review, where they lead no
// group; esc goes back. A reviewer who leads nothing has no such key.
func TestLeaderCalibrationScreen(t *testing.T) {
	st := demoStore(t)
	c := testCommon(st, common.Chinese)
	c.As = "R001"
	d := newDriver(t, c, 120, 40)
	d.mustContain("F4 评审员校准")
	d.keys("f4")
	cal, ok := d.top().(*leader.Calibration)
	if !ok {
		t.Fatalf("F4 opened %T:\n%s", d.top(), d.View())
	}
	want, _, err := backend.New(access.Wrap(st, access.Person{ID: "R001", Role: access.Leader}), backend.Options{}).GroupCalibration(cyc, award.Material, "")
	if err != nil || len(want) < 3 {
		t.Fatalf("the leader's calibration: %v, %v", want, err)
	}
	d.mustContain("本组评审员校准", "material-01  材料评审组", "平均偏差", "平均离散")
	for _, r := range want {
		if got := shownCells(t, d.View(), r.ReviewerID); got != leniencyCells(r.LeniencyRow) {
			t.Errorf("%s shows %s, want %s", r.ReviewerID, got, leniencyCells(r.LeniencyRow))
		}
	}
	d.keys("right")
	if cal.Stage != award.Onsite {
		t.Fatalf("stage %s after →", cal.Stage)
	}
	d.mustContain("现场评审", "您在该阶段不担任组长")
	d.keys("left")
	d.mustContain("material-01")
	d.keys("esc")
	if _, ok := d.top().(*home.Home); !ok {
		t.Fatalf("esc left %T on top", d.top())
	}

	// The on-site leader sees their own group only.
	c.As = "R006"
	d = newDriver(t, c, 120, 40)
	d.keys("c", "right")
	d.mustContain("onsite-01  现场评审组")
	d.mustNotContain("material-01")
	cal = d.top().(*leader.Calibration)
	for _, r := range cal.Rows {
		if r.GroupID != "onsite-01" || !strings.Contains("R006 R003 R004 R007", r.ReviewerID) {
			t.Errorf("R006 shown %+v", r)
		}
	}

	c.As = "R002"
	d = newDriver(t, c, 120, 40)
	d.mustNotContain("F4")
	d.keys("f4", "c")
	if _, ok := d.top().(*home.Home); !ok {
		t.Fatalf("a reviewer's F4 opened %T", d.top())
	}
}

// The office's calibration tab: every reviewer across the cycle with the
// figures of `qaward calibration`, the material review first, → the
// on-site review.
func TestOfficeCalibrationTab(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("calibration")
	b := backend.New(st, backend.Options{})
	for _, stage := range []award.Stage{award.Material, award.Onsite} {
		rows, _, err := b.Calibration(cyc, stage)
		if err != nil || len(rows) < 4 {
			t.Fatalf("%s: %v %v", stage, rows, err)
		}
		d.mustContain(map[award.Stage]string{award.Material: "材料评审  （", award.Onsite: "现场评审  （"}[stage])
		for _, r := range rows {
			if got := shownCells(t, d.View(), r.ReviewerID); got != leniencyCells(r) {
				t.Errorf("%s %s shows %s, want %s", stage, r.ReviewerID, got, leniencyCells(r))
			}
		}
		d.keys("right")
	}
	d.mustContain("材料评审  （←/→ 切换阶段）")
}

// F4 in the what-if view turns the z-score normalisation on, under its
// banner: the ranks and composites are those of
// backend.Results.ZScoreWhatIf, with each row's composite difference; F4
// again turns it off. Nothing is saved and the results in force stay.
func TestOfficeWhatIfZScore(t *testing.T) {
	st := officeStore(t)
	audit := 0
	must(t, st.Audit(func(store.Entry) error { audit++; return nil }))
	d := asOffice(t, st, "", 120, 40)
	official := d.desk().Rec.Eval.Composite
	d.toTab("ranking")
	d.keys("end", "enter")
	w, ok := d.top().(*office.WhatIf)
	if !ok {
		t.Fatalf("top is %T", d.top())
	}
	d.mustContain("F4 标准分校准")
	d.mustNotContain(backend.ZScoreBanner)
	d.keys("f4")
	if !w.ZScore {
		t.Fatal("F4 did not turn the z-score normalisation on")
	}
	d.mustContain("*** "+backend.ZScoreBanner+" ***", "材料评审：47 份，μ 635.39，δ 98.05，已校准 5 位")
	r, err := backend.New(st, backend.Options{}).Results(cyc)
	if err != nil {
		t.Fatal(err)
	}
	z := r.ZScoreWhatIf(r.Cycle.Config)
	now := map[string]scoring.CompositeRow{}
	for _, row := range z.Eval.Composite {
		now[row.Applicant.ID] = row
	}
	moved := false
	for _, row := range w.Rows() {
		if n := now[row.Id]; row.Now.Rank != n.Rank || row.Now.Composite != n.Composite {
			t.Errorf("%s: what-if %d %s, z-score %d %s", row.Id, row.Now.Rank, row.Now.Composite, n.Rank, n.Composite)
		}
		if row.Was.Rank > 0 && row.Now.Rank > 0 && row.Was.Composite != row.Now.Composite {
			moved = true
			diff := row.Now.Composite - row.Was.Composite
			s := diff.String()
			if diff > 0 {
				s = "+" + s
			}
			d.mustContain(s)
		}
	}
	if !moved {
		t.Error("no composite moved under the normalisation")
	}
	d.keys("f4")
	d.mustNotContain(backend.ZScoreBanner)
	for _, row := range w.Rows() {
		if row.Was.Rank > 0 && (row.Now.Rank != row.Was.Rank || row.Now.Composite != row.Was.Composite) {
			t.Errorf("%s with the normalisation off: %+v", row.Id, row)
		}
	}
	d.keys("f4", "esc")
	n := 0
	must(t, st.Audit(func(store.Entry) error { n++; return nil }))
	if n != audit {
		t.Errorf("the what-if wrote to the audit log: %d -> %d", audit, n)
	}
	for i, row := range d.desk().Rec.Eval.Composite {
		if row.Rank != official[i].Rank || row.Composite != official[i].Composite || row.Outcome != official[i].Outcome {
			t.Errorf("the results in force changed: %+v, was %+v", row, official[i])
		}
	}
}
