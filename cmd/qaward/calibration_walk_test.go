package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
)

// The calibration walked as its users meet it, on the sample cycle: the
// office across the cycle and for one group, the material group's leader
// for their own group (worked by hand from the exported sheets), the
// on-site leader and a plain reviewer refused what is not theirs, the
// office's z-score what-if under its banner, and afterwards the rankings,
// the exported rankings and the audit log exactly as before.
func TestCalibrationWalk(t *testing.T) {
	db, _ := demoDB(t)
	dir := t.TempDir()
	before := officialFigures(t, db, filepath.Join(dir, "before.csv"))

	// The office, one group: material-01 holds every applicant and every
	// material reviewer of the sample, so the figures are the cycle's.
	cycleWide := readCSV(t, mustQA(t, "--db", db, "calibration", "--format", "csv"))
	group := readCSV(t, mustQA(t, "--db", db, "calibration", "--group", "material-01", "--format", "csv"))
	if strings.Join(group[0], ",") != "group,group_name,reviewer,name,stage,sheets,mean_offset,spread,above,below" || len(group) != len(cycleWide) {
		t.Fatalf("the office's group calibration: %v", group)
	}
	for i, row := range group[1:] {
		if row[0] != "material-01" || strings.Join(row[2:], ",") != strings.Join(cycleWide[i+1], ",") {
			t.Errorf("group row %v, cycle row %v", row, cycleWide[i+1])
		}
	}

	// The material leader R001: the members, against the group's panels
	// on which R001's own sheet is in (the others' scores are not theirs
	// to see before).
	totals, stageScore := materialSheets(t, db)
	want := leniencyByHand(totals, stageScore, func(app, _ string) bool {
		_, own := totals[[2]string{app, "R001"}]
		return own
	})
	led := readCSV(t, mustQA(t, "--db", db, "--as", "R001", "calibration", "--format", "csv"))
	if len(led)-1 != len(want) || len(want) < 3 {
		t.Fatalf("the leader sees %d members, %d worked by hand: %v", len(led)-1, len(want), led)
	}
	for _, row := range led[1:] {
		if got := strings.Join(row[5:8], " "); row[0] != "material-01" || got != want[row[2]] {
			t.Errorf("leader's row %v: want %s", row, want[row[2]])
		}
	}
	narrower := false // some member's figures rest on fewer panels than the cycle's
	for _, row := range cycleWide[1:] {
		narrower = narrower || strings.Join(row[3:6], " ") != want[row[0]]
	}
	if !narrower {
		t.Error("the leader's panels are the cycle's: the test shows nothing of the restriction")
	}
	table := mustQA(t, "--db", db, "--as", "R001", "calibration", "--group", "material-01")
	if !strings.Contains(table, "材料评审组") || !strings.Contains(table, "平均偏差") {
		t.Errorf("the leader's table:\n%s", table)
	}

	// The on-site leader leads no material group; a plain reviewer leads
	// none at all; the what-if is the office's.
	if out := readCSV(t, mustQA(t, "--db", db, "--as", "R006", "calibration", "--format", "csv")); len(out) != 1 {
		t.Errorf("R006 at material review: %v", out)
	}
	onsite := mustQA(t, "--db", db, "--as", "R006", "calibration", "--stage", "onsite", "--format", "csv")
	if rows := readCSV(t, onsite); len(rows) < 2 || rows[1][0] != "onsite-01" || rows[1][4] != "onsite" {
		t.Errorf("R006 on site: %v", rows)
	}
	if own := mustQA(t, "--db", db, "--as", "R006", "calibration", "--group", "onsite-01", "--format", "csv"); own != onsite {
		t.Errorf("--group onsite-01 is not at its own stage:\n%s\nwant\n%s", own, onsite)
	}
	for _, c := range []struct {
		args []string
		say  string
	}{
		{[]string{"--as", "R006", "calibration", "--group", "material-01"}, "leads no group"},
		{[]string{"--as", "R006", "calibration", "--group", "onsite-01", "--stage", "material"}, `leads no group "onsite-01" at the material stage`},
		{[]string{"--as", "R002", "calibration"}, "may not read the calibration"},
		{[]string{"--as", "R001", "calibration", "--what-if", "zscore"}, "may not ask for the z-score what-if"},
		{[]string{"calibration", "--group", "nosuch"}, `no group "nosuch"`},
	} {
		out, errOut, code := qa(t, append([]string{"--db", db}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.say) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 saying %q", c.args, code, out, errOut, c.say)
		}
	}
	for _, args := range [][]string{{"--what-if", "minmax"}, {"--what-if", "zscore", "--stage", "onsite"}, {"--what-if", "zscore", "--group", "material-01"}} {
		if _, _, code := qa(t, append([]string{"--db", db, "calibration"}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}

	// The office's what-if: the banner, the ranks in force beside the
	// normalised ones, the differences.
	text := mustQA(t, "--db", db, "calibration", "--what-if", "zscore")
	if first, _, _ := strings.Cut(text, "\n"); !strings.Contains(first, "假设分析，非正式结果") || !strings.Contains(first, "what-if, not the official result") {
		t.Errorf("the what-if table does not open with its banner:\n%s", text)
	}
	out, errOut, code := qa(t, "--db", db, "calibration", "--what-if", "zscore", "--format", "csv")
	if code != 0 || !strings.Contains(errOut, "what-if, not the official result") {
		t.Fatalf("what-if CSV: exit %d, stderr %q", code, errOut)
	}
	zs := readCSV(t, out)
	if strings.Join(zs[0], ",") != "rank,zscore_rank,move,id,name,score,zscore_score,difference,outcome,zscore_outcome" {
		t.Fatalf("what-if header %v", zs[0])
	}
	official := map[string][]string{}
	for _, row := range readCSV(t, before["composite"])[1:] {
		official[row[1]] = row
	}
	differs := false
	for _, row := range zs[1:] {
		o, listed := official[row[3]]
		if listed && (row[0] != o[0] || row[5] != o[7] || row[8] != o[8]) {
			t.Errorf("what-if row %v: in force %v", row, o)
		}
		if row[5] != "" && row[6] != "" {
			s, _ := award.ParseScore(row[5])
			z, _ := award.ParseScore(row[6])
			if (z - s).String() != row[7] {
				t.Errorf("%s: difference %s, want %s", row[3], row[7], (z - s).String())
			}
			differs = differs || z != s
		}
	}
	if !differs {
		t.Error("the normalisation changed no composite of the sample")
	}
	mat := readCSV(t, mustQA(t, "--db", db, "calibration", "--what-if", "zscore", "--stage", "material", "--format", "csv"))
	if len(mat) != len(readCSV(t, before["material"])) || len(mat[0]) != 8 {
		t.Errorf("material what-if: %v", mat)
	}

	// Nothing official moved, nothing was written.
	if after := officialFigures(t, db, filepath.Join(dir, "after.csv")); len(after) != len(before) {
		t.Fatal("figures lost")
	} else {
		for k, v := range before {
			if after[k] != v {
				t.Errorf("%s changed after the what-if:\nbefore %s\nafter  %s", k, v, after[k])
			}
		}
	}
}

// officialFigures are the rankings, an exported ranking and the audit log
// as they stand.
func officialFigures(t *testing.T, db, file string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, s := range []string{"material", "composite"} {
		out[s] = mustQA(t, "--db", db, "rank", "--stage", s, "--format", "csv")
	}
	mustQA(t, "--db", db, "export", "rankings", file, "--stage", "composite")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out["export"] = string(raw)
	out["audit"] = mustQA(t, "--db", db, "audit", "--format", "csv")
	return out
}
