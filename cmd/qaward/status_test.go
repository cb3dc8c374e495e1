package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatus walks the progress of a cycle with deadlines: groups applied,
// two thirds of the material sheets imported, the material due date past
// and the on-site one ahead; the office sees the overdue sheets with their
// reviewers and what blocks the shortlist, a reviewer only their own.
func TestStatus(t *testing.T) {
	dir := t.TempDir()
	db, gen := assignCycle(t, dir, "[deadlines]\nmaterial = 2020-06-30\nonsite = \"2099-08-15\"\n")
	mustQA(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5", "--apply")
	file := filepath.Join(dir, "groups.csv")
	mustQA(t, "--db", db, "export", "groups", file)
	var spec strings.Builder
	late := map[string]bool{}
	for i, r := range readFileCSV(t, file)[1:] {
		if i%3 == 0 {
			late[r[3]+"/"+r[4]] = true
			continue
		}
		spec.WriteString("material " + r[4] + " " + r[3] + " 60\n")
	}
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSVKinds(t, filepath.Join(gen, "applicants.csv"), spec.String())))

	stages := readCSV(t, mustQA(t, "--db", db, "status", "--format", "csv"))
	want := [][]string{{"stage", "due", "sheets", "done", "in_progress", "not_started", "overdue", "consensus", "consensus_of"},
		{"material", "2020-06-30", "300", "200", "0", "100", "100", "0", "60"}, {"onsite", "2099-08-15", "0", "0", "0", "0", "0", "0", "0"}}
	for i := range want {
		if strings.Join(stages[i], ",") != strings.Join(want[i], ",") {
			t.Errorf("stages row %d: %v, want %v", i, stages[i], want[i])
		}
	}
	overdue := readCSV(t, mustQA(t, "--db", db, "status", "--list", "overdue", "--format", "csv"))
	if len(overdue) != 101 {
		t.Fatalf("%d overdue rows, want 100", len(overdue)-1)
	}
	for _, r := range overdue[1:] {
		if !late[r[2]+"/"+r[4]] || r[3] == "" || r[5] == "" || r[6] != "no" {
			t.Errorf("overdue row %v: not one of the missing sheets, or without names", r)
		}
	}
	blocks := mustQA(t, "--db", db, "status", "--list", "blocks", "--format", "csv")
	for _, w := range []string{"材料评审表未提交", "评审组组长共识未记录"} {
		if !strings.Contains(blocks, w) {
			t.Errorf("blocks lack %q:\n%s", w, blocks)
		}
	}
	table := mustQA(t, "--db", db, "status")
	for _, w := range []string{"逾期评分表 100 份", "另有 80 份未列出", "下一步的阻碍", "材料评审"} {
		if !strings.Contains(table, w) {
			t.Errorf("status table lacks %q:\n%s", w, table)
		}
	}

	// A reviewer who is no leader sees their own sheets and no blocks.
	groups := readFileCSV(t, file)
	leaders := map[string]bool{}
	for _, r := range groups[1:] {
		leaders[r[2]] = true
	}
	rid := ""
	for _, r := range groups[1:] {
		if !leaders[r[3]] {
			rid = r[3]
			break
		}
	}
	var s struct {
		Office bool `json:"office"`
		Stages []struct {
			Sheets, Overdue int
		} `json:"stages"`
		Overdue []struct {
			ReviewerID string `json:"reviewer_id"`
		} `json:"overdue"`
		Blocks []any `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "--as", rid, "status", "--format", "json")), &s); err != nil {
		t.Fatal(err)
	}
	mine := 0
	for _, r := range groups[1:] {
		if r[3] == rid {
			mine++
		}
	}
	if s.Office || s.Stages[0].Sheets != mine || len(s.Blocks) != 0 {
		t.Errorf("reviewer %s: office %v, %d sheets (want %d), %d blocks", rid, s.Office, s.Stages[0].Sheets, mine, len(s.Blocks))
	}
	for _, o := range s.Overdue {
		if o.ReviewerID != rid {
			t.Errorf("reviewer %s sees %s's overdue sheet", rid, o.ReviewerID)
		}
	}
	// A leader sees the sheets of their group (progress only) and its
	// consensus.
	lead, led := groups[1][2], 0
	for _, r := range groups[1:] {
		if r[0] == groups[1][0] {
			led++
		}
	}
	var ls struct {
		Stages []struct{ Sheets int } `json:"stages"`
		Groups []struct {
			ID      string   `json:"group_id"`
			Missing []string `json:"missing"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "--as", lead, "status", "--format", "json")), &ls); err != nil {
		t.Fatal(err)
	}
	if ls.Stages[0].Sheets != led || len(ls.Groups) != 1 || ls.Groups[0].ID != groups[1][0] || len(ls.Groups[0].Missing) == 0 {
		t.Errorf("leader %s: %d sheets (want %d), groups %+v", lead, ls.Stages[0].Sheets, led, ls.Groups)
	}
	if out := mustQA(t, "--db", db, "--as", rid, "status"); !strings.Contains(out, "仅评委会办公室可见") {
		t.Errorf("reviewer's table does not say the blocks are the office's:\n%s", out)
	}
}

func TestStatusRefusals(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := qa(t, "--db", filepath.Join(dir, "x.db"), "init", "--cycle", "2026", "--config",
		writeFile(t, dir, "bad.toml", "[deadlines]\nmaterial = \"2026-07-01\"\nonsite = \"2026-06-30\"\n"))
	if code != 1 || !strings.Contains(errs, "bad.toml:3: deadlines.onsite: 2026-06-30 is before the material deadline 2026-07-01") {
		t.Errorf("bad deadlines: exit %d, %s", code, errs)
	}
	db, _ := assignCycle(t, dir, "")
	if _, errs, code := qa(t, "--db", db, "status", "--list", "all"); code != 2 || !strings.Contains(errs, `--list "all": want one of stages, overdue, groups, blocks`) {
		t.Errorf("bad --list: exit %d, %s", code, errs)
	}
}
