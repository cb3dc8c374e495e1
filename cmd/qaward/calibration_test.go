package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"qaward/award"
)

// materialSheets are the demo cycle's material sheet totals, worked from
// the files a user gets: every reviewer's item percentages from `export
// scores` and the points of `criteria`; with the applicants' material
// scores as `rank` prints them.
func materialSheets(t *testing.T, db string) (totals map[[2]string]int64, stageScore map[string]int64) {
	t.Helper()
	points := map[string]int64{} // set/item -> points
	for _, set := range []string{"gbt19580-2012", "individual"} {
		for _, row := range readCSV(t, mustQA(t, "criteria", "--set", set, "--format", "csv"))[1:] {
			p, _ := strconv.ParseInt(row[4], 10, 64)
			points[set+"/"+row[2]] = p
		}
	}
	stageScore = map[string]int64{} // applicant -> material score in hundredths
	kind := map[string]string{}
	for _, row := range readCSV(t, mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"))[1:] {
		if s, err := award.ParseScore(row[4]); err == nil && row[4] != "" {
			stageScore[row[1]] = int64(s)
		}
		kind[row[1]] = row[2]
	}
	file := filepath.Join(t.TempDir(), "scores.csv")
	mustQA(t, "--db", db, "export", "scores", file)
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	totals = map[[2]string]int64{} // (applicant, reviewer) -> sheet total in hundredths
	for _, row := range readCSV(t, string(raw))[1:] {
		if row[0] != "材料评审" {
			continue
		}
		set := "gbt19580-2012"
		if kind[row[1]] == "individual" {
			set = "individual"
		}
		pct, _ := strconv.ParseInt(row[4], 10, 64)
		totals[[2]string{row[1], row[2]}] += points[set+"/"+row[3]] * pct // points × percent / 100, in hundredths
	}
	return totals, stageScore
}

// leniencyByHand is each reviewer's sheets, mean offset and spread over
// the sheets keep accepts: the mean of the differences from the stage
// score and the mean of their absolute values, rounded half away from
// zero.
func leniencyByHand(totals map[[2]string]int64, stageScore map[string]int64, keep func(app, reviewer string) bool) map[string]string {
	sum, abs, n := map[string]int64{}, map[string]int64{}, map[string]int64{}
	for k, total := range totals {
		score, ok := stageScore[k[0]]
		if !ok || !keep(k[0], k[1]) {
			continue
		}
		d := total - score
		sum[k[1]] += d
		abs[k[1]] += max(d, -d)
		n[k[1]]++
	}
	round := func(s, n int64) award.Score { // half away from zero
		if s < 0 {
			return -award.Score((-2*s + n) / (2 * n))
		}
		return award.Score((2*s + n) / (2 * n))
	}
	out := map[string]string{}
	for r := range n {
		out[r] = strconv.FormatInt(n[r], 10) + " " + round(sum[r], n[r]).String() + " " + round(abs[r], n[r]).String()
	}
	return out
}

// The calibration of the demo cycle's material review, worked from the
// files a user gets.
func TestCalibrationAgainstRank(t *testing.T) {
	db, _ := demoDB(t)
	totals, stageScore := materialSheets(t, db)
	want := leniencyByHand(totals, stageScore, func(string, string) bool { return true })

	out := readCSV(t, mustQA(t, "--db", db, "calibration", "--format", "csv"))
	if strings.Join(out[0], ",") != "reviewer,name,stage,sheets,mean_offset,spread,above,below" {
		t.Fatalf("header %v", out[0])
	}
	if len(out)-1 != len(want) || len(want) == 0 {
		t.Fatalf("%d reviewers calibrated, %d worked out by hand", len(out)-1, len(want))
	}
	for _, row := range out[1:] {
		if got := strings.Join(row[3:6], " "); got != want[row[0]] {
			t.Errorf("%s: sheets, mean offset, spread %s; by hand %s", row[0], got, want[row[0]])
		}
	}
	if _, errOut, code := qa(t, "--db", db, "calibration", "--stage", "final"); code != 2 || !strings.Contains(errOut, "want material or onsite") {
		t.Errorf("a bad stage: exit %d, %q", code, errOut)
	}
}
