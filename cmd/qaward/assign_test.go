package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readCSV reads a CSV file or text (a UTF-8 BOM allowed) into records.
func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	rs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func readFileCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readCSV(t, string(b))
}

// assignCycle makes a database with a generated cycle's applicants,
// reviewers and conflicts (60, 30, 2), one more reviewer whose
// affiliation is a department of applicant A0001, and the configuration
// given; it returns the database and the generated files' directory.
func assignCycle(t *testing.T, dir, config string) (string, string) {
	t.Helper()
	gen := filepath.Join(dir, "g")
	mustQA(t, "gen", "--applicants", "60", "--reviewers", "30", "--per-applicant", "5", "--out", gen)
	db := filepath.Join(dir, "c.db")
	mustQA(t, "--db", db, "init", "--cycle", "2026", "--config", writeFile(t, dir, "cycle.toml", config))
	for _, k := range []string{"applicants", "reviewers", "conflicts"} {
		mustQA(t, "--db", db, "import", k, filepath.Join(gen, k+".csv"))
	}
	apps := readFileCSV(t, filepath.Join(gen, "applicants.csv"))
	name := ""
	for _, r := range apps[1:] {
		if r[0] == "A0001" {
			name = r[2]
		}
	}
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "more.csv", "id,name,affiliation\nR999,欧阳明,"+name+"质量管理部\n"))
	return db, gen
}

// TestAssignApplyExportImport goes the office's way: propose the material
// groups, check the proposal, apply it, export the groups and import the
// file into another database, which then holds the same groups and
// assignments.
func TestAssignApplyExportImport(t *testing.T) {
	dir := t.TempDir()
	db, gen := assignCycle(t, dir, "")
	out := mustQA(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5")
	for _, want := range []string{"R999", "A0001", "评审员所在单位含申报单位名称", "目标值（最小费用流）：分组", "目标值（最小费用流）：分配", "评审员负荷 9-10"} {
		if !strings.Contains(out, want) {
			t.Errorf("proposal table lacks %q:\n%s", want, out)
		}
	}
	proposal := readCSV(t, mustQA(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5", "--format", "csv"))
	if strings.Join(proposal[0], ",") != "group_id,stage,leader_id,reviewer_id,applicant_id,name" {
		t.Fatalf("header %v", proposal[0])
	}
	conflicts := map[string]bool{"R999/A0001": true}
	for _, r := range readFileCSV(t, filepath.Join(gen, "conflicts.csv"))[1:] {
		conflicts[r[0]+"/"+r[1]] = true
	}
	per, load := map[string]int{}, map[string]int{}
	for _, r := range proposal[1:] {
		per[r[4]]++
		load[r[3]]++
		if conflicts[r[3]+"/"+r[4]] {
			t.Errorf("conflict assigned: %v", r)
		}
	}
	if len(per) != 60 {
		t.Errorf("%d applicants assigned, want 60", len(per))
	}
	for a, n := range per {
		if n != 5 {
			t.Errorf("%s has %d reviewers, want 5", a, n)
		}
	}
	lo, hi := 1000, 0
	for _, n := range load {
		lo, hi = min(lo, n), max(hi, n)
	}
	if len(load) != 31 || hi-lo > 1 {
		t.Errorf("%d reviewers loaded %d-%d: want all 31 within one", len(load), lo, hi)
	}

	_, errs, code := qa(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5", "--apply")
	if code != 0 || !strings.Contains(errs, "applied: ") {
		t.Fatalf("apply: exit %d, %s", code, errs)
	}
	if _, errs, code = qa(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5", "--apply"); code != 1 || !strings.Contains(errs, "the material stage already has") {
		t.Errorf("second apply: exit %d, %s", code, errs)
	}
	audit := mustQA(t, "--db", db, "audit", "--format", "csv")
	if !strings.Contains(audit, "put roster") {
		t.Error("the applied proposal is not in the audit log")
	}
	file := filepath.Join(dir, "groups.csv")
	mustQA(t, "--db", db, "export", "groups", file)
	if got := readFileCSV(t, file); len(got) != len(proposal) || strings.Join(got[1], ",") != strings.Join(proposal[1], ",") {
		t.Errorf("export differs from the proposal applied: %d rows, first %v", len(got), got[1])
	}

	// Another database with the same people imports the file.
	other := filepath.Join(dir, "other.db")
	mustQA(t, "--db", other, "init", "--cycle", "2026")
	for _, k := range []string{"applicants", "reviewers", "conflicts"} {
		mustQA(t, "--db", other, "import", k, filepath.Join(gen, k+".csv"))
	}
	mustQA(t, "--db", other, "import", "reviewers", filepath.Join(dir, "more.csv"))
	xlsx := filepath.Join(dir, "groups.xlsx")
	mustQA(t, "--db", db, "export", "groups", xlsx, "--stage", "material")
	mustQA(t, "--db", other, "import", "groups", xlsx)
	again := filepath.Join(dir, "again.csv")
	mustQA(t, "--db", other, "export", "groups", again)
	a, b := readFileCSV(t, file), readFileCSV(t, again)
	if len(a) != len(b) {
		t.Fatalf("re-imported groups: %d rows, want %d", len(b), len(a))
	}
	for i := range a {
		if strings.Join(a[i], ",") != strings.Join(b[i], ",") {
			t.Fatalf("row %d: %v, want %v", i, b[i], a[i])
		}
	}
	if x, y := mustQA(t, "--db", db, "groups", "--format", "json"), mustQA(t, "--db", other, "groups", "--format", "json"); x != y {
		t.Error("the two databases list different groups")
	}
}

// TestAssignOnsiteJSON: the on-site proposal from the shortlist in force,
// with continuity from the applied material groups.
func TestAssignOnsiteJSON(t *testing.T) {
	dir := t.TempDir()
	db, gen := assignCycle(t, dir, "[shortlist]\norganizations = 8\nindividuals = 2\n")
	if _, errs, code := qa(t, "--db", db, "assign", "--stage", "onsite", "--per-applicant", "5"); code != 1 || !strings.Contains(errs, "no applicant is on the on-site shortlist") {
		t.Errorf("on-site before any score: exit %d, %s", code, errs)
	}
	mustQA(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5", "--apply")
	file := filepath.Join(dir, "groups.csv")
	mustQA(t, "--db", db, "export", "groups", file)
	var spec strings.Builder
	for _, r := range readFileCSV(t, file)[1:] {
		spec.WriteString("material " + r[4] + " " + r[3] + " 60\n")
	}
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSVKinds(t, filepath.Join(gen, "applicants.csv"), spec.String())))
	var p struct {
		Groups []struct {
			ID      string   `json:"group_id"`
			Members []string `json:"members"`
		} `json:"groups"`
		Assignments []struct {
			ApplicantID string `json:"applicant_id"`
		} `json:"assignments"`
		Continued int                   `json:"continued"`
		Objective struct{ Total int64 } `json:"assignment_objective"`
	}
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "assign", "--stage", "onsite", "--per-applicant", "5", "--format", "json")), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Assignments) != 10*5 || p.Continued < 10 || len(p.Groups) != 2 || p.Groups[0].ID != "S01" {
		t.Errorf("on-site proposal: %d assignments, %d continued, groups %+v", len(p.Assignments), p.Continued, p.Groups)
	}
}

// scoresCSVKinds is scoresCSV with the applicants' kinds from the
// generated applicants file (individuals take the individual set).
func scoresCSVKinds(t *testing.T, applicants, spec string) string {
	t.Helper()
	individual := map[string]bool{}
	for _, r := range readFileCSV(t, applicants)[1:] {
		individual[r[0]] = r[1] == "individual"
	}
	var org, ind strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(spec), "\n") {
		f := strings.Fields(line)
		if individual[f[1]] {
			ind.WriteString(line + "\n")
		} else {
			org.WriteString(line + "\n")
		}
	}
	out := scoresCSV(t, org.String())
	if ind.Len() > 0 {
		// scoresCSV picks the individual set for IDs starting with P.
		rows := scoresCSV(t, strings.NewReplacer(" A", " PA").Replace(ind.String()))
		out += strings.SplitN(strings.ReplaceAll(rows, ",PA", ",A"), "\n", 2)[1]
	}
	return out
}

func TestAssignRefusals(t *testing.T) {
	dir := t.TempDir()
	db, _ := assignCycle(t, dir, "")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"assign", "--per-applicant", "5"}, 2, "give --stage material or onsite"},
		{[]string{"assign", "--stage", "final", "--per-applicant", "5"}, 2, `--stage "final": want material or onsite`},
		{[]string{"assign", "--stage", "material"}, 2, "give --per-applicant N"},
		{[]string{"assign", "--stage", "material", "--per-applicant", "5", "--out", "x.txt"}, 2, "x.txt: want a file ending in .csv or .xlsx"},
		{[]string{"assign", "--stage", "material", "--per-applicant", "40"}, 1, "31 reviewers cannot give each applicant 40"},
		{[]string{"assign", "--stage", "material", "--per-applicant", "5", "--groups", "7"}, 1, "groups 7: 31 reviewers cannot make 7 groups of at least 5"},
		{[]string{"--as", "R001", "assign", "--stage", "material", "--per-applicant", "5"}, 1, "R001 may not propose assignments"},
		{[]string{"--as", "R001", "export", "groups", filepath.Join(dir, "g.csv")}, 1, "R001 may not export groups"},
		{[]string{"export", "groups", filepath.Join(dir, "g.csv"), "--stage", "composite"}, 2, `export groups: --stage "composite"`},
	} {
		_, errs, code := qa(t, append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "g.csv")); err == nil {
		t.Error("a refused export wrote its file")
	}
}

// TestAssignEarlierCycleConflict: a conflict declared in 2026 is suggested
// again in 2028 for the same reviewer (by name) and applicant (by credit
// code), and kept out of the proposal.
func TestAssignEarlierCycleConflict(t *testing.T) {
	dir := t.TempDir()
	db, gen := assignCycle(t, dir, "")
	mustQA(t, "--db", db, "init", "--cycle", "2028")
	for _, k := range []string{"applicants", "reviewers"} {
		mustQA(t, "--db", db, "import", k, filepath.Join(gen, k+".csv"))
	}
	declared := readFileCSV(t, filepath.Join(gen, "conflicts.csv"))[1:]
	var p struct {
		Suspects []struct {
			ReviewerID  string `json:"reviewer_id"`
			ApplicantID string `json:"applicant_id"`
			Source      string `json:"source"`
			Reason      string `json:"reason"`
		} `json:"suspects"`
		Assignments []struct {
			ApplicantID string `json:"applicant_id"`
			ReviewerID  string `json:"reviewer_id"`
		} `json:"assignments"`
	}
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "assign", "--stage", "material", "--per-applicant", "5", "--format", "json")), &p); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, c := range declared {
		for _, s := range p.Suspects {
			if s.ReviewerID == c[0] && s.ApplicantID == c[1] && s.Source == "earlier-cycle" && strings.Contains(s.Reason, "往届（2026）") {
				found++
			}
		}
		for _, a := range p.Assignments {
			if a.ReviewerID == c[0] && a.ApplicantID == c[1] {
				t.Errorf("the 2026 conflict %v is assigned in 2028", c)
			}
		}
	}
	if found != len(declared) {
		t.Errorf("%d of the %d conflicts of 2026 suggested in 2028: %+v", found, len(declared), p.Suspects)
	}
}
