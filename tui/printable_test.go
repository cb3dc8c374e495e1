package tui

import (
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/pages/home"
	"qaward/tui/pages/office"
	"qaward/tui/pages/reviewer"
)

// pwned retitles the terminal (OSC 0) and clears the screen.
const pwned = "\x1b]0;PWNED\a\x1b[2J"

// hostileStore is the office's demo cycle with terminal escapes in every
// applicant's name and industry, every reviewer's name and affiliation,
// the conflicts' reasons and one sheet's text, written with the store
// directly as an older database could hold them (imports refuse them).
func hostileStore(t *testing.T) (st *store.DB, reviewer, app string) {
	t.Helper()
	db := officeStore(t)
	d := sample.Demo()
	c := d.Cycle.ID
	for i := range d.Applicants {
		d.Applicants[i].Name = pwned + d.Applicants[i].Name
		d.Applicants[i].Industry = pwned
	}
	for i := range d.Reviewers {
		d.Reviewers[i].Name = pwned + d.Reviewers[i].Name
		d.Reviewers[i].Affiliation = pwned
	}
	for i := range d.Conflicts {
		d.Conflicts[i].Reason = pwned + "\n亲属"
	}
	if err := db.PutApplicants("office", c, d.Applicants); err != nil {
		t.Fatal(err)
	}
	if err := db.PutReviewers("office", c, d.Reviewers); err != nil {
		t.Fatal(err)
	}
	if err := db.PutConflicts("office", c, d.Conflicts); err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sheets {
		if s.Stage == award.Material && !s.Submitted {
			s.Strengths = append([]string(nil), s.Strengths...)
			s.Strengths[0] = pwned + "领导作用突出\n第二行"
			if err := db.PutSheets("office", c, []award.Sheet{s}); err != nil {
				t.Fatal(err)
			}
			return db, s.ReviewerID, s.ApplicantID
		}
	}
	t.Fatal("the demo has no draft material sheet")
	return
}

// clean fails when a screen passes on an escape character (the renderer
// is colourless, so the screens' own styles write none) or does not show
// the escaped name.
func clean(t *testing.T, what string, d *driver, shown ...string) {
	t.Helper()
	v := d.View()
	if strings.Contains(v, "\x1b]0;PWNED") || strings.ContainsAny(v, "\x1b\a") {
		t.Errorf("%s passes the raw escape on:\n%q", what, v)
	}
	for _, s := range shown {
		if !strings.Contains(v, s) {
			t.Errorf("%s does not show %q:\n%s", what, s, v)
		}
	}
}

// TestStoredEscapesNeverReachTheScreen: the reviewer's home and sheet, the
// office's applicant list, applicant screen, rankings and conflicts show
// the hostile text escaped, never as it is.
func TestStoredEscapesNeverReachTheScreen(t *testing.T) {
	st, rid, app := hostileStore(t)
	escaped := `\x1b]0;PWNED`

	// the reviewer's home and their own sheet
	c := testCommon(st, common.Chinese)
	c.As = rid
	d := newDriver(t, c, 160, 40)
	clean(t, "reviewer's home", d, escaped)
	h := d.top().(*home.Home)
	opened := false
	for vi, ri := range h.List.Visible {
		if r := h.List.Rows[ri]; !r.Header {
			if tg := r.Value.(home.HomeTarget); !tg.Group && tg.App == app && tg.Stage == award.Material {
				h.List.Cursor = vi
				d.keys("enter")
				opened = true
				break
			}
		}
	}
	if !opened {
		t.Fatalf("no row for %s on the home:\n%s", app, d.View())
	}
	if _, ok := d.top().(*reviewer.SheetScreen); !ok {
		t.Fatalf("top is %T, not the sheet", d.top())
	}
	clean(t, "reviewer's sheet", d, escaped)
	if s := d.top().(*reviewer.SheetScreen); strings.Contains(s.Strengths.Value(), "\x1b") || !strings.Contains(s.Strengths.Value(), "领导作用突出\n第二行") {
		t.Errorf("the strengths area holds %q", s.Strengths.Value())
	}

	// the office: applicants, one applicant, the rankings both ways, conflicts
	o := asOffice(t, st, "", 160, 40)
	clean(t, "office's applicant list", o, escaped)
	o.keys("enter")
	if _, ok := o.top().(*office.ApplicantScreen); !ok {
		t.Fatalf("top is %T, not the applicant screen", o.top())
	}
	clean(t, "office's applicant screen", o, escaped)
	o.keys("esc")
	o.toTab("ranking")
	clean(t, "composite ranking", o, escaped)
	o.keys("right")
	clean(t, "material ranking", o, escaped)
	o.toTab("progress")
	clean(t, "progress", o)
}

// TestPrintableData: text fields are escaped in place, keys are not, long
// text keeps its line breaks, map values and pointers are reached.
func TestPrintableData(t *testing.T) {
	a := award.Applicant{ID: "A\u009b1", Name: "甲\x1b[2J\n乙", Industry: "制造"}
	s := award.Sheet{SheetKey: award.SheetKey{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R\u202e1"},
		Percents: []int{50}, Strengths: []string{"好\n\t\a"}, Reason: "理由\r\n"}
	m := map[string]award.Decision{"A1": {ApplicantID: "A1", Note: "备注\x07"}}
	p := &award.Reviewer{ID: "R1", Name: "\u202e张三"}
	common.PrintableData(&a, &s, &m, &p)
	want := award.Applicant{ID: "A\u009b1", Name: `甲\x1b[2J\n乙`, Industry: "制造"}
	if a.ID != want.ID || a.Name != want.Name || a.Industry != want.Industry {
		t.Errorf("applicant %+v", a)
	}
	if s.ReviewerID != "R\u202e1" || s.Strengths[0] != "好\n\t\\x07" || s.Reason != `理由\r`+"\n" || s.Percents[0] != 50 {
		t.Errorf("sheet %+v", s)
	}
	if m["A1"].Note != `备注\x07` || m["A1"].ApplicantID != "A1" {
		t.Errorf("decision %+v", m["A1"])
	}
	if p.Name != `\u202e张三` {
		t.Errorf("reviewer %+v", p)
	}
	if got := common.Fit("一\n二\t三", 12); got != `一\n二\t三  ` {
		t.Errorf("fit = %q", got)
	}
}
