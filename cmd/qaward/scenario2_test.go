package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Scenario B: a cycle configured away from the defaults (median, weights
// 0.4/0.4/0.2, tighter quotas and thresholds), satisfaction computed from raw
// survey answers, and a vacant organisation award.
const scenarioBConfig = `[weights]
material = 0.4
onsite = 0.4
satisfaction = 0.2

[consolidation]
method = "median"

[quotas]
award_organizations = 2
award_individuals = 1
nominations = 2

[thresholds]
award_min = 75
nomination_min = 65
material_min = 500

[shortlist]
organizations = 3
individuals = 1

[survey]
low = 1
high = 5
weights = [0.5, 0.3, 0.2]
`

// Survey: CSI·100 = Σ W_k (Σx_k − nL) / (n (H − L)), W in ten-thousandths.
//
//	O01 n=3, sums 14 14 13 → 11 11 10 → (55000+33000+20000)/12 = 9000 → 90.00
//	O02 n=2, sums 7 8 9 → 5 6 7 → (25000+18000+14000)/8 = 7125 → 71.25
//	O03 n=3, sums 13 11 10 → 10 8 7 → (50000+24000+14000)/12 = 7333.3… → 73.33
const scenarioBSurvey = `applicant_id,respondent,q1,q2,q3
O01,a,5,5,4
O01,b,4,5,5
O01,c,5,4,4
O02,a,4,4,4
O02,b,3,4,5
O03,a,4,4,3
O03,b,5,3,3
O03,c,4,4,4
`

func TestScenarioConfiguredCycle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "b.db")
	mustQA(t, "--db", db, "init", "--cycle", "2028", "--config", writeFile(t, dir, "cycle.toml", scenarioBConfig))
	mustQA(t, "--db", db, "import", "applicants", writeFile(t, dir, "a.csv", strings.Join(strings.Split(scenarioApplicants, "\n")[:5], "\n")+"\nP01,individual,王建国,装备制造,,\n"))
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "r.csv", scenarioReviewers))
	// Material, median:
	//	O01 700 750 800 900 → (750+800)/2 = 775.00
	//	O02 600 700 850 → 700.00
	//	O03 650 and 700.75 (4.4.3, 15 points, at 75 %) → 675.375 → 675.38
	//	O04 450 500 550 600 700 → 550.00 (shortlist cap of 3 reached: no)
	//	P01 800 850 900 → 850.00
	// On site, median: O01 850, O02 750, O03 750, P01 (800+900)/2 = 850.
	scores := sheets("material", "O01", rs, 80, 70, 75, 90) +
		sheets("material", "O02", rs, 60, 85, 70) +
		"material O03 R1 65\nmaterial O03 R2 70 4.4.3=75\n" +
		sheets("material", "O04", rs, 55, 50, 60, 45, 70) +
		sheets("material", "P01", rs, 90, 80, 85) +
		sheets("onsite", "O01", rs, 85, 80, 90) +
		sheets("onsite", "O02", rs, 75, 75, 80) +
		sheets("onsite", "O03", rs, 70, 75, 80) +
		sheets("onsite", "P01", rs, 80, 90)
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "s.csv", scoresCSV(t, scores)))
	mustQA(t, "--db", db, "import", "survey", writeFile(t, dir, "survey.csv", scenarioBSurvey))

	material := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	wantMaterial := `rank,id,kind,name,material,reviewers,shortlisted
1,P01,individual,王建国,850.00,3,yes
2,O01,organization,武冈市云山食品有限公司,775.00,4,yes
3,O02,organization,武冈市法相建设工程有限公司,700.00,3,yes
4,O03,organization,武冈市资江机械制造有限公司,675.38,2,yes
5,O04,organization,武冈市威溪制药有限公司,550.00,5,no
`
	if material != wantMaterial {
		t.Errorf("material ranking:\n got:\n%s\nwant:\n%s", material, wantMaterial)
	}
	// C = 0.04·M + 0.04·O + 0.2·S; individuals (0.4·M + 0.4·O)/8.
	//	P01 (340 + 340)/8 = 85.00
	//	O01 31 + 34 + 18 = 83.00
	//	O02 28 + 30 + 14.25 = 72.25
	//	O03 27.0152 + 30 + 14.666 = 71.6812 → 71.68
	// Awards ≥ 75: O01 (one organisation place vacant), P01. Nominations ≥ 65:
	// O02, O03 (quota of 2 full).
	got := mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv")
	want := `rank,id,kind,name,material,onsite,satisfaction,composite,outcome
1,P01,individual,王建国,850.00,850.00,,85.00,award
2,O01,organization,武冈市云山食品有限公司,775.00,850.00,90.00,83.00,award
3,O02,organization,武冈市法相建设工程有限公司,700.00,750.00,71.25,72.25,nomination
4,O03,organization,武冈市资江机械制造有限公司,675.38,750.00,73.33,71.68,nomination
`
	if got != want {
		t.Errorf("composite ranking:\n got:\n%s\nwant:\n%s", got, want)
	}
	table := mustQA(t, "--db", db, "rank", "--stage", "composite")
	if !strings.Contains(table, "vacant places: 1 organisation award(s), 0 individual award(s), 0 nomination(s)") {
		t.Errorf("vacancy not reported:\n%s", table)
	}
	js := mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "json")
	if !strings.Contains(js, `"composite": 71.68`) || !strings.Contains(js, `"satisfaction": null`) {
		t.Errorf("json output:\n%s", js)
	}
}

// TestReimportKeepsPipelineAndProfile: importing the applicants again (a
// corrected name, say) changes what the file says and keeps what the office
// recorded since: the pipeline stage.
func TestReimportKeepsPipeline(t *testing.T) {
	db := setupScenario(t)
	mustQA(t, "--db", db, "stage", "O11", "withdrawn", "--reason", "申报单位书面申请撤回", "--article", "第十七条")
	dir := t.TempDir()
	fixed := strings.Replace(scenarioApplicants, "武冈市鸿泰卤味食品有限公司", "武冈市鸿泰食品有限公司", 1)
	mustQA(t, "--db", db, "import", "applicants", writeFile(t, dir, "a.csv", fixed))
	got := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	if strings.Contains(got, "O11") {
		t.Errorf("withdrawn O11 back in the ranking after a re-import:\n%s", got)
	}
	mustQA(t, "--db", db, "verify")
}
