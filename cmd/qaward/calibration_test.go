package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"qaward/award"
)

// The calibration of the demo cycle's material review, worked from the
// files a user gets: every reviewer's sheet totals from `export scores`
// and the points of `criteria`, against the applicant's material score as
// `rank` prints it; the mean offset is the mean of the differences and the
// spread the mean of their absolute values, rounded half away from zero.
func TestCalibrationAgainstRank(t *testing.T) {
	db, _ := demoDB(t)
	points := map[string]int64{} // set/item -> points
	for _, set := range []string{"gbt19580-2012", "individual"} {
		for _, row := range readCSV(t, mustQA(t, "criteria", "--set", set, "--format", "csv"))[1:] {
			p, _ := strconv.ParseInt(row[4], 10, 64)
			points[set+"/"+row[2]] = p
		}
	}
	stageScore := map[string]int64{} // applicant -> material score in hundredths
	for _, row := range readCSV(t, mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"))[1:] {
		if s, err := award.ParseScore(row[4]); err == nil && row[4] != "" {
			stageScore[row[1]] = int64(s)
		}
	}
	kind := map[string]string{}
	for _, row := range readCSV(t, mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"))[1:] {
		kind[row[1]] = row[2]
	}
	file := filepath.Join(t.TempDir(), "scores.csv")
	mustQA(t, "--db", db, "export", "scores", file)
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	totals := map[[2]string]int64{} // (applicant, reviewer) -> sheet total in hundredths
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
	sum, abs, n := map[string]int64{}, map[string]int64{}, map[string]int64{}
	for k, total := range totals {
		score, ok := stageScore[k[0]]
		if !ok {
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

	out := readCSV(t, mustQA(t, "--db", db, "calibration", "--format", "csv"))
	if strings.Join(out[0], ",") != "reviewer,name,stage,sheets,mean_offset,spread,above,below" {
		t.Fatalf("header %v", out[0])
	}
	if len(out)-1 != len(n) || len(n) == 0 {
		t.Fatalf("%d reviewers calibrated, %d worked out by hand", len(out)-1, len(n))
	}
	for _, row := range out[1:] {
		r := row[0]
		want := []string{strconv.FormatInt(n[r], 10), round(sum[r], n[r]).String(), round(abs[r], n[r]).String()}
		if got := []string{row[3], row[4], row[5]}; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: sheets, mean offset, spread %v; by hand %v", r, got, want)
		}
	}
	if _, errOut, code := qa(t, "--db", db, "calibration", "--stage", "final"); code != 2 || !strings.Contains(errOut, "want material or onsite") {
		t.Errorf("a bad stage: exit %d, %q", code, errOut)
	}
}
