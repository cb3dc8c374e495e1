package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qaward/award"
	"qaward/award/sample"
	"qaward/criteria"
	"qaward/scoring"
	"qaward/store"
)

// plainDemo is a database holding the demo cycle as `qaward demo` loads
// it: on-site group onsite-01 (R006 leading R003, R004, R007) on A0001–
// A0005, A0007 and A0011, R007 conflicted with A0002.
func plainDemo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := storeDataset(st, "office", sample.Demo()); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// fillForms types into a score-form workbook as an office clerk would from
// the paper: a number into every percentage box (percent(row) decides
// which), and a strength into the first item of each form. It returns the
// item rows filled.
func fillForms(t *testing.T, file string, percent func(row int) int) int {
	t.Helper()
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i, r := range rows[1:] {
		if len(r) < 4 || strings.TrimSpace(r[3]) == "" {
			continue // a title, note or signature row
		}
		row := i + 2
		if err := f.SetCellInt(sheet, fmt.Sprintf("E%d", row), int64(percent(n))); err != nil {
			t.Fatal(err)
		}
		if r[3] == "4.1.2" || r[3] == "P1" {
			f.SetCellStr(sheet, fmt.Sprintf("F%d", row), "高层领导亲自推动质量文化建设")
			f.SetCellStr(sheet, fmt.Sprintf("G%d", row), "战略目标分解尚未覆盖全部车间")
		}
		n++
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return n
}

// sheetTotal is the total of a stored sheet.
func sheetTotal(t *testing.T, db string, k award.SheetKey) award.Score {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Sheet(sample.DemoCycle, k)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := criteria.BuiltinCatalog().Lookup(s.CriteriaSet)
	return scoring.SheetTotal(set, s.Percents)
}

// csvRow is the row of a CSV listing whose column col is value.
func csvRow(t *testing.T, out, col, value string) map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		if m[col] == value {
			return m
		}
	}
	t.Fatalf("no row with %s %s in\n%s", col, value, out)
	return nil
}

// TestScoreFormRoundTrip goes the way the office goes: print the on-site
// forms of an applicant, type the reviewers' percentages into the same
// file, import it as it is, and read the result in the on-site ranking.
func TestScoreFormRoundTrip(t *testing.T) {
	db := plainDemo(t)
	file := filepath.Join(t.TempDir(), "A0007现场.xlsx")
	out, errs, code := qa(t, "--db", db, "export", "scoreform", file, "--applicant", "A0007")
	if code != 0 {
		t.Fatalf("export scoreform: exit %d: %s", code, errs)
	}
	// R004 submitted A0007's on-site sheet; R003, R006 and R007 have not
	// (R003 has a draft)
	if !strings.Contains(out, "3 onsite score form(s), 69 item rows") {
		t.Errorf("stdout: %s", out)
	}
	if !strings.Contains(errs, "1 pair(s) left out: their onsite sheet is submitted already (A0007/R004)") ||
		!strings.Contains(errs, "1 reviewer(s) have a draft sheet that the typed-back form replaces on import (A0007/R003)") {
		t.Errorf("stderr does not name what was left out and the draft: %s", errs)
	}
	before := sheetTotal(t, db, award.SheetKey{Stage: award.Onsite, ApplicantID: "A0007", ReviewerID: "R004"})
	// R003 writes 70 everywhere, R006 60, R007 50 (the forms go by reviewer)
	percent := func(n int) int { return []int{70, 60, 50}[n/23] }
	if n := fillForms(t, file, percent); n != 69 {
		t.Fatalf("filled %d rows, want 69", n)
	}
	got := mustQA(t, "--db", db, "import", "scores", file)
	if !strings.Contains(got, "3") {
		t.Errorf("import: %s", got)
	}
	row := csvRow(t, mustQA(t, "--db", db, "rank", "--stage", "onsite", "--format", "csv"), "id", "A0007")
	// four sheets, fewer than trim_min: the mean of 700, 600, 500 and R004's
	want := award.Score(scoring.RoundHalfUp(int64(70000+60000+50000+before), 4))
	if row["onsite"] != want.String() || row["reviewers"] != "4" {
		t.Errorf("A0007 on-site: %v, want onsite %s from 4 sheets", row, want)
	}
	// the typed strengths arrived with the sheet
	scores := filepath.Join(t.TempDir(), "scores.csv")
	mustQA(t, "--db", db, "export", "scores", scores)
	data, _ := os.ReadFile(scores)
	if !strings.Contains(string(data), "高层领导亲自推动质量文化建设") {
		t.Error("the strengths typed into the form are not in the exported scores")
	}
	// the forms are now submitted: a second export has none left for A0007
	if _, errs, code := qa(t, "--db", db, "export", "scoreform", file, "--applicant", "A0007"); code != 1 || !strings.Contains(errs, "4 have their sheet submitted") {
		t.Errorf("second export: exit %d: %s", code, errs)
	}
}

// TestScoreFormIncomplete: a form typed back with a box left empty is
// refused with its cell, and nothing is imported.
func TestScoreFormIncomplete(t *testing.T) {
	db := plainDemo(t)
	file := filepath.Join(t.TempDir(), "R006.xlsx")
	mustQA(t, "--db", db, "export", "scoreform", file, "--reviewer", "R006", "--applicant", "A0007")
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for row := 4; row < 4+23; row++ {
		if row != 10 {
			f.SetCellInt("评分表", fmt.Sprintf("E%d", row), 65)
		}
	}
	f.SetCellInt("评分表", "E11", 47)
	f.Save()
	f.Close()
	_, errs, code := qa(t, "--db", db, "import", "scores", file)
	if code != 1 || !strings.Contains(errs, "cell E10") || !strings.Contains(errs, "percent") {
		t.Errorf("exit %d: %s", code, errs)
	}
	audit := mustQA(t, "--db", db, "audit", "--format", "csv")
	if strings.Contains(audit, "import scores") {
		t.Error("a refused form imported something")
	}
}

// TestScoreFormChoice: a group's forms skip the conflicted pair; a form
// for a conflicted or unassigned pair is refused with the reason; flags
// are checked.
func TestScoreFormChoice(t *testing.T) {
	db := plainDemo(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "group.xlsx")
	out := mustQA(t, "--db", db, "export", "scoreform", file, "--group", "onsite-01")
	if !strings.Contains(out, "onsite score form(s)") {
		t.Errorf("group: %s", out)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("评分表", excelize.Options{RawCellValue: true})
	f.Close()
	for _, r := range rows {
		if len(r) > 2 && r[1] == "A0002" && r[2] == "R007" {
			t.Fatal("the group's forms hold the conflicted pair A0002/R007")
		}
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--reviewer", "R007", "--applicant", "A0002"}, 1, "conflict of interest"},
		{[]string{"--reviewer", "R001", "--applicant", "A0007"}, 1, "not assigned"},
		{[]string{"--reviewer", "R099"}, 1, `no reviewer "R099"`},
		{[]string{"--group", "nope"}, 1, "material-01, onsite-01"},
		{[]string{"--group", "material-01", "--stage", "onsite"}, 1, "material stage"},
		{[]string{"--stage", "composite"}, 2, "want onsite or material"},
	}
	for _, tc := range cases {
		args := append([]string{"--db", db, "export", "scoreform", filepath.Join(dir, "x.xlsx")}, tc.args...)
		_, errs, code := qa(t, args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d saying %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a refused export wrote its file")
	}
	if _, errs, code := qa(t, "--db", db, "export", "scoreform", filepath.Join(dir, "x.csv")); code != 2 || !strings.Contains(errs, ".xlsx") {
		t.Errorf("a CSV score form: exit %d: %s", code, errs)
	}
	if _, errs, code := qa(t, "--db", db, "export", "reviewers", filepath.Join(dir, "r.csv"), "--reviewer", "R003"); code != 2 || !strings.Contains(errs, "scoreform") {
		t.Errorf("--reviewer on another kind: exit %d: %s", code, errs)
	}
}
