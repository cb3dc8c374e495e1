package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/criteria"
	"qaward/store"
	"qaward/store/access"
)

// Scenario C: a group's consensus (DESIGN §2 rule 4) is the stage score
// wherever a stage score is used: the on-site shortlist (rule 8), the
// composite (rule 6), the order (rule 7) and the outcomes (rule 9), and
// every list that shows them. Every expected figure was worked out by hand;
// the working is in the comments. A uniform sheet at p % totals 10·p
// points; an item of q points at p % scores q·p/100 points.
//
// The cycle: five organisations and one individual, three sheets each
// (fewer than trim_min = 5, so the stage score is the plain mean), an
// on-site shortlist of 3 organisations and 1 individual, one award place per
// kind and 2 nominations; weights, thresholds and method as by default
// (0.3/0.5/0.2, award ≥ 60, nomination ≥ 50, material ≥ 400).
const consensusConfig = `[quotas]
award_organizations = 1
award_individuals = 1
nominations = 2

[shortlist]
organizations = 3
individuals = 1
`

const consensusApplicants = `id,kind,name,industry,credit_code,founded
O01,organization,武冈市云山食品有限公司,食品制造,91430581000000037P,2005-03-01
O02,organization,武冈市法相建设工程有限公司,建筑业,91430581000000074J,2010-06-18
O03,organization,武冈市资江机械制造有限公司,装备制造,91430581000000111Q,1998-01-01
O04,organization,武冈市威溪制药有限公司,医药,91430581000000148H,2012-09-09
O05,organization,武冈市都梁电子科技有限公司,电子信息,91430581000000185C,2015-05-05
P01,individual,王建国,装备制造,,
`

// Material (M), mean of three:
//
//	P01 3 × 850 → 850.00
//	O01 3 × 800 → 800.00
//	O02 700 750 800 → 2250/3 = 750.00
//	O03 3 × 700 → 700.00
//	O04 3 × 650 → 650.00 (4th organisation: not shortlisted)
//	O05 3 × 600 → 600.00
//
// On site (O): P01 3 × 700; O01 3 × 800; O02 700 700 750 → 2150/3 =
// 716.666… → 716.67; O03 3 × 700; O04 3 × 650; O05 none.
func consensusScores() string {
	return sheets("material", "P01", rs, 85, 85, 85) +
		sheets("material", "O01", rs, 80, 80, 80) +
		sheets("material", "O02", rs, 70, 75, 80) +
		sheets("material", "O03", rs, 70, 70, 70) +
		sheets("material", "O04", rs, 65, 65, 65) +
		sheets("material", "O05", rs, 60, 60, 60) +
		sheets("onsite", "P01", rs, 70, 70, 70) +
		sheets("onsite", "O01", rs, 80, 80, 80) +
		sheets("onsite", "O02", rs, 70, 70, 75) +
		sheets("onsite", "O03", rs, 70, 70, 70) +
		sheets("onsite", "O04", rs, 65, 65, 65)
}

// Satisfaction (S) of the organisations.
const consensusSatisfaction = `applicant_id,csi,responses
O01,80.00,200
O02,85.00,200
O03,70.00,200
O04,75.50,200
`

// consensusRows is the consensus file of the sheets given as
// "stage applicant percent [item=percent …]" lines (as scoresCSV, without
// a reviewer), every row with the reason.
func consensusRows(t *testing.T, reason, spec string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("stage,applicant_id,item_id,percent,reason\n")
	for _, line := range strings.Split(strings.TrimSpace(spec), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			t.Fatalf("bad spec line %q", line)
		}
		set := criteria.Default("organization")
		if strings.HasPrefix(f[1], "P") {
			set = criteria.Default("individual")
		}
		override := map[string]string{}
		for _, o := range f[3:] {
			k, v, _ := strings.Cut(o, "=")
			override[k] = v
		}
		for _, it := range set.Items() {
			p := f[2]
			if v, ok := override[it.ID]; ok {
				p = v
			}
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", f[0], f[1], it.ID, p, reason)
		}
	}
	return b.String()
}

const consensusReason = "组长负责制：经小组合议，以签字的纸质共识表为准"

// O04's material consensus: 70 % everywhere (700.00) but 4.7.2 (80 points)
// at 75 %, which adds 80 × 5 % = 4.00: 704.00. It replaces the computed
// 650.00 and lifts O04 above O03 (700.00) into the shortlist of three.
var materialConsensus = "material O04 70 4.7.2=75"

// The on-site consensus sheets:
//
//	O02: 90 % everywhere (900.00), 4.7.2 (80 points) at 85 % (− 4.00) and
//	     4.4.6 (10 points) at 95 % (+ 0.50): 896.50, replacing 716.67;
//	P01: 85 % everywhere (850.00), P5 (100 points) at 90 % (+ 5.00): 855.00,
//	     replacing 700.00.
var onsiteConsensus = "onsite O02 90 4.7.2=85 4.4.6=95\nonsite P01 85 P5=90"

// setupConsensusCycle creates the cycle of scenario C, without consensus.
func setupConsensusCycle(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "c.db")
	mustQA(t, "--db", db, "init", "--cycle", "2027", "--config", writeFile(t, dir, "cycle.toml", consensusConfig))
	mustQA(t, "--db", db, "import", "applicants", writeFile(t, dir, "applicants.csv", consensusApplicants))
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "reviewers.csv", scenarioReviewers))
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSV(t, consensusScores())))
	mustQA(t, "--db", db, "import", "satisfaction", writeFile(t, dir, "satisfaction.csv", consensusSatisfaction))
	return db, dir
}

// importConsensus imports the consensus sheets of spec and checks the count.
func importConsensus(t *testing.T, db, dir, name, spec string) {
	t.Helper()
	out := mustQA(t, "--db", db, "import", "consensus", writeFile(t, dir, name, consensusRows(t, consensusReason, spec)))
	n := len(strings.Split(strings.TrimSpace(spec), "\n"))
	if want := fmt.Sprintf("imported %d consensus sheets", n); !strings.Contains(out, want) {
		t.Errorf("import consensus: %q lacks %q", out, want)
	}
}

func checkCSV(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got:\n%s\nwant:\n%s", what, got, want)
	}
}

// Without consensus, the composite (rule 6, organisations
// C = 0.03·M + 0.05·O + 0.2·S, individuals C = (0.3·M + 0.5·O) / 8):
//
//	O01 24 + 40 + 16 = 80.00
//	P01 (255 + 350)/8 = 605/8 = 75.625 → half up 75.63
//	O02 22.5 + 35.8335 + 17 = 75.3335 → 75.33
//	O03 21 + 35 + 14 = 70.00
//
// Outcomes (rule 9): O01 takes the one organisation award, P01 the one
// individual award; O02 and O03 (≥ 50) the two nominations.
const compositeBefore = `rank,id,kind,name,material,onsite,satisfaction,composite,outcome
1,O01,organization,武冈市云山食品有限公司,800.00,800.00,80.00,80.00,award
2,P01,individual,王建国,850.00,700.00,,75.63,award
3,O02,organization,武冈市法相建设工程有限公司,750.00,716.67,85.00,75.33,nomination
4,O03,organization,武冈市资江机械制造有限公司,700.00,700.00,70.00,70.00,nomination
`

// After O04's material consensus (704.00): O04 replaces O03 on the
// composite ranking, C(O04) = 21.12 + 32.5 + 15.1 = 68.72, and takes O03's
// nomination.
const compositeAfterMaterial = `rank,id,kind,name,material,onsite,satisfaction,composite,outcome
1,O01,organization,武冈市云山食品有限公司,800.00,800.00,80.00,80.00,award
2,P01,individual,王建国,850.00,700.00,,75.63,award
3,O02,organization,武冈市法相建设工程有限公司,750.00,716.67,85.00,75.33,nomination
4,O04,organization,武冈市威溪制药有限公司,704.00,650.00,75.50,68.72,nomination
`

// After the on-site consensus of O02 (896.50) and P01 (855.00):
//
//	P01 (255 + 0.5·855)/8 = (255 + 427.5)/8 = 682.5/8 = 85.3125 → 85.31
//	O02 22.5 + 0.05·896.5 + 17 = 22.5 + 44.825 + 17 = 84.325 → half up
//	    84.33 (half to even would give 84.32)
//	O01 80.00, O04 68.72 as before.
//
// O02 now takes the organisation award from O01, which falls to a
// nomination; P01 keeps the individual award.
const compositeAfterOnsite = `rank,id,kind,name,material,onsite,satisfaction,composite,outcome
1,P01,individual,王建国,850.00,855.00,,85.31,award
2,O02,organization,武冈市法相建设工程有限公司,750.00,896.50,85.00,84.33,award
3,O01,organization,武冈市云山食品有限公司,800.00,800.00,80.00,80.00,nomination
4,O04,organization,武冈市威溪制药有限公司,704.00,650.00,75.50,68.72,nomination
`

// TestConsensusChangesTheShortlist: O04, 4th of the organisations by its
// computed M, is lifted into the shortlist of three by its material
// consensus, and O03 drops out of the shortlist and the composite ranking.
func TestConsensusChangesTheShortlist(t *testing.T) {
	db, dir := setupConsensusCycle(t)
	// Material ranking by M descending; the shortlist takes P01 (1
	// individual) and the first three organisations: O01 O02 O03.
	checkCSV(t, "material ranking without consensus", mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"),
		`rank,id,kind,name,material,reviewers,shortlisted
1,P01,individual,王建国,850.00,3,yes
2,O01,organization,武冈市云山食品有限公司,800.00,3,yes
3,O02,organization,武冈市法相建设工程有限公司,750.00,3,yes
4,O03,organization,武冈市资江机械制造有限公司,700.00,3,yes
5,O04,organization,武冈市威溪制药有限公司,650.00,3,no
6,O05,organization,武冈市都梁电子科技有限公司,600.00,3,no
`)
	checkCSV(t, "composite ranking without consensus", mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv"), compositeBefore)

	importConsensus(t, db, dir, "material-consensus.csv", materialConsensus)
	// O04 at 704.00 passes O03 (700.00): O04 is the third organisation and
	// shortlisted, O03 is not. The reviewers column still counts the three
	// sheets behind the computed value.
	checkCSV(t, "material ranking with O04's consensus", mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"),
		`rank,id,kind,name,material,reviewers,shortlisted
1,P01,individual,王建国,850.00,3,yes
2,O01,organization,武冈市云山食品有限公司,800.00,3,yes
3,O02,organization,武冈市法相建设工程有限公司,750.00,3,yes
4,O04,organization,武冈市威溪制药有限公司,704.00,3,yes
5,O03,organization,武冈市资江机械制造有限公司,700.00,3,no
6,O05,organization,武冈市都梁电子科技有限公司,600.00,3,no
`)
	composite := mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv")
	checkCSV(t, "composite ranking with O04's consensus", composite, compositeAfterMaterial)
	if strings.Contains(composite, "O03") {
		t.Errorf("O03, no longer shortlisted, is on the composite ranking:\n%s", composite)
	}
	mustQA(t, "--db", db, "verify")
}

// TestConsensusChangesTheOutcome: on-site consensus sheets change the
// composite figures (rule 6) and move the organisation award from O01 to
// O02 (rule 9).
func TestConsensusChangesTheOutcome(t *testing.T) {
	db, dir := setupConsensusCycle(t)
	importConsensus(t, db, dir, "material-consensus.csv", materialConsensus)
	checkCSV(t, "composite ranking before the on-site consensus", mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv"), compositeAfterMaterial)

	importConsensus(t, db, dir, "onsite-consensus.csv", onsiteConsensus)
	checkCSV(t, "composite ranking with the on-site consensus", mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv"), compositeAfterOnsite)
	// The on-site ranking (O, then M, then ID) shows the consensus totals
	// too: O03 (not shortlisted) keeps its place by its computed O.
	checkCSV(t, "on-site ranking", mustQA(t, "--db", db, "rank", "--stage", "onsite", "--format", "csv"),
		`rank,id,kind,name,onsite,reviewers,material
1,O02,organization,武冈市法相建设工程有限公司,896.50,3,750.00
2,P01,individual,王建国,855.00,3,850.00
3,O01,organization,武冈市云山食品有限公司,800.00,3,800.00
4,O03,organization,武冈市资江机械制造有限公司,700.00,3,700.00
5,O04,organization,武冈市威溪制药有限公司,650.00,3,704.00
`)
	table := mustQA(t, "--db", db, "rank", "--stage", "composite")
	if !strings.Contains(table, "vacant places: 0 organisation award(s), 0 individual award(s), 0 nomination(s)") {
		t.Errorf("composite table: vacancies:\n%s", table)
	}
	mustQA(t, "--db", db, "verify")
}

// Scenario D: one cycle per consolidation method. O01 and O02 each have the
// same six material sheets:
//
//	550.00 (55 %), 600.00 (60 %), 650.00 (65 %),
//	750.75 (75 %, 4.4.3 of 15 points at 80 %: + 0.75),
//	850.75 (85 %, 4.4.3 at 90 %: + 0.75),
//	950.50 (95 %, 4.4.6 of 10 points at 100 %: + 0.50).
//
// Sum 1800 + 750.75 + 850.75 + 950.50 = 4352.00. By method:
//
//	mean:                        4352.00/6 = 725.333… → 725.33
//	trimmed-mean, trim_min 5:    n = 6 ≥ 5, drop 950.50 and 550.00:
//	                             (600 + 650 + 750.75 + 850.75)/4 =
//	                             2851.50/4 = 712.875 → half up 712.88
//	trimmed-mean, trim_min 7:    n = 6 < 7, the mean of all: 725.33
//	median (even n):             (650.00 + 750.75)/2 = 700.375 → 700.38
//
// O02's consensus: 80 % everywhere (800.00) but 4.1.2 (50 points) at 85 %
// (+ 2.50): 802.50, whatever the method.
func methodScores() string {
	var b strings.Builder
	for _, a := range []string{"O01", "O02"} {
		b.WriteString(sheets("material", a, rs, 55, 60, 65))
		b.WriteString("material " + a + " R4 75 4.4.3=80\n")
		b.WriteString("material " + a + " R5 85 4.4.3=90\n")
		b.WriteString("material " + a + " R6 95 4.4.6=100\n")
	}
	return b.String()
}

func TestConsensusReplacesEveryMethod(t *testing.T) {
	const a = `id,kind,name,industry,credit_code,founded
O01,organization,武冈市云山食品有限公司,食品制造,91430581000000037P,2005-03-01
O02,organization,武冈市法相建设工程有限公司,建筑业,91430581000000074J,2010-06-18
`
	for _, tc := range []struct {
		name, config, computed string
	}{
		{"trimmed-mean", "[consolidation]\nmethod = \"trimmed-mean\"\ntrim_min = 5\n", "712.88"},
		{"trimmed-mean-below-trim_min", "[consolidation]\nmethod = \"trimmed-mean\"\ntrim_min = 7\n", "725.33"},
		{"mean", "[consolidation]\nmethod = \"mean\"\n", "725.33"},
		{"median", "[consolidation]\nmethod = \"median\"\n", "700.38"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "m.db")
			mustQA(t, "--db", db, "init", "--cycle", "2027", "--config", writeFile(t, dir, "cycle.toml", tc.config))
			mustQA(t, "--db", db, "import", "applicants", writeFile(t, dir, "applicants.csv", a))
			mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "reviewers.csv", scenarioReviewers))
			mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSV(t, methodScores())))
			// Without consensus both have the method's value; equal M, so
			// the ID decides.
			checkCSV(t, "without consensus", mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"),
				"rank,id,kind,name,material,reviewers,shortlisted\n"+
					"1,O01,organization,武冈市云山食品有限公司,"+tc.computed+",6,yes\n"+
					"2,O02,organization,武冈市法相建设工程有限公司,"+tc.computed+",6,yes\n")
			importConsensus(t, db, dir, "consensus.csv", "material O02 80 4.1.2=85")
			checkCSV(t, "with O02's consensus", mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"),
				"rank,id,kind,name,material,reviewers,shortlisted\n"+
					"1,O02,organization,武冈市法相建设工程有限公司,802.50,6,yes\n"+
					"2,O01,organization,武冈市云山食品有限公司,"+tc.computed+",6,yes\n")
		})
	}
}

// TestConsensusFileRefused: a consensus file with one wrong row is refused
// whole, naming file, line and column, and the database is unchanged. The
// file is O04's material consensus: line 1 is the header, line 2 is 4.1.2,
// line 3 4.1.3, line 4 4.1.4, … (the items in set order).
func TestConsensusFileRefused(t *testing.T) {
	db, dir := setupConsensusCycle(t)
	good := consensusRows(t, consensusReason, materialConsensus)
	lines := strings.Split(good, "\n")
	edit := func(line int, f func(cells []string) []string) string {
		out := append([]string(nil), lines...)
		if cells := f(strings.Split(out[line-1], ",")); cells == nil {
			out = append(out[:line-1], out[line:]...)
		} else {
			out[line-1] = strings.Join(cells, ",")
		}
		return strings.Join(out, "\n")
	}
	if !strings.HasPrefix(lines[12], "material,O04,4.4.6,") || !strings.HasPrefix(lines[3], "material,O04,4.1.4,") {
		t.Fatalf("unexpected file layout:\n%s", good)
	}
	for _, tc := range []struct {
		name, file, want string
	}{
		// 4.4.6 (line 13) left out: the sheet, first seen on line 2, lacks it.
		{"missing-item", edit(13, func([]string) []string { return nil }), ":2:3: item_id: incomplete consensus sheet (material, O04): 1 of 23 items missing: 4.4.6"},
		{"reason-differs", edit(4, func(c []string) []string { c[4] = "另议"; return c }), ":4:5: reason: differs from the reason on line 2"},
		{"empty-reason", edit(5, func(c []string) []string { c[4] = ""; return c }), ":5:5: reason: must not be empty"},
		{"percent-42", edit(6, func(c []string) []string { c[3] = "42"; return c }), ":6:4: percent: \"42\": want a percentage 0, 5, 10, …, 100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fileHash(t, db)
			rank := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
			path := writeFile(t, dir, tc.name+".csv", tc.file)
			_, errs, code := qa(t, "--db", db, "import", "consensus", path)
			if code == 0 {
				t.Fatalf("a bad consensus file was accepted")
			}
			t.Logf("refused: %s", strings.TrimSpace(errs))
			if !strings.Contains(errs, path+tc.want) {
				t.Errorf("stderr %q lacks %q", errs, path+tc.want)
			}
			if fileHash(t, db) != before {
				t.Error("a refused consensus file changed the database")
			}
			if got := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"); got != rank {
				t.Errorf("the material ranking changed:\n%s", got)
			}
		})
	}
}

// TestConsensusFiguresAgree: the candidate list, the exported ranking and
// the feedback report show the consensus figures that rank shows.
func TestConsensusFiguresAgree(t *testing.T) {
	db, dir := setupConsensusCycle(t)
	importConsensus(t, db, dir, "material-consensus.csv", materialConsensus)
	importConsensus(t, db, dir, "onsite-consensus.csv", onsiteConsensus)
	checkCSV(t, "composite ranking", mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv"), compositeAfterOnsite)

	// The candidate list: the four proposed (two awards, two nominations)
	// with the composite figures of compositeAfterOnsite.
	cand := mustQA(t, "--db", db, "candidates", "--format", "csv")
	for _, row := range []string{
		"1,P01,individual,王建国,85.31,award,",
		"2,O02,organization,武冈市法相建设工程有限公司,84.33,award,",
		"3,O01,organization,武冈市云山食品有限公司,80.00,nomination,",
		"4,O04,organization,武冈市威溪制药有限公司,68.72,nomination,",
	} {
		if !strings.Contains(cand, "\n"+row) {
			t.Errorf("candidates lack %q:\n%s", row, cand)
		}
	}
	if strings.Contains(cand, "O03") || strings.Contains(cand, "O05") {
		t.Errorf("candidates list an applicant not proposed:\n%s", cand)
	}

	// The exported rankings (in English: the column names and values of the
	// contract) are the rank CSV (UTF-8 with a BOM).
	for _, stage := range []string{"composite", "material", "onsite"} {
		file := filepath.Join(dir, stage+".csv")
		mustQA(t, "--db", db, "--lang", "en", "export", "rankings", file, "--stage", stage)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.ReplaceAll(strings.TrimPrefix(string(b), "\ufeff"), "\r\n", "\n")
		checkCSV(t, "exported "+stage+" ranking", got, mustQA(t, "--db", db, "rank", "--stage", stage, "--format", "csv"))
	}

	// The feedback reports with --scores: the stage score is the consensus
	// total, and the items carry the consensus percentages (O04 at
	// material: 4.7.2 at 75 % of 80 points = 60.00; O02 on site: 4.7.2 at
	// 85 % = 68.00, 4.4.6 at 95 % of 10 points = 9.50).
	for _, tc := range []struct {
		id, stage string
		want      []string
	}{
		{"O04", "material", []string{"| 材料评审得分 | 704.00 / 1000 |", "| 4.7.2 |", "| 80 | ", "| 75.00% | 60.00 |", "| 70.00% | 35.00 |"}},
		{"O02", "onsite", []string{"| 现场评审得分 | 896.50 / 1000 |", "| 85.00% | 68.00 |", "| 95.00% | 9.50 |"}},
		{"P01", "onsite", []string{"| 现场评审得分 | 855.00 / 1000 |", "| 90.00% | 90.00 |"}},
	} {
		out := mustQA(t, "--db", db, "feedback", tc.id, "--stage", tc.stage, "--scores")
		for _, s := range tc.want {
			if !strings.Contains(out, s) {
				t.Errorf("feedback %s --stage %s lacks %q:\n%s", tc.id, tc.stage, s, out)
			}
		}
	}
}

// TestLeaderConsensusThroughAccess: the group leader records O04's
// material consensus through the access layer, as the TUI does; rank reads
// it as an imported one (704.00, shortlisted, O03 out).
func TestLeaderConsensusThroughAccess(t *testing.T) {
	db, dir := setupConsensusCycle(t)
	// R1 leads material group M1 of R1, R2 and R3, who scored O04.
	mustQA(t, "--db", db, "import", "groups", writeFile(t, dir, "groups.csv", `group_id,stage,leader_id,reviewer_id,applicant_id
M1,material,R1,R1,O04
M1,material,R1,R2,O04
M1,material,R1,R3,O04
`))
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	set := criteria.Default("organization")
	items := set.Items()
	s := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "O04", ReviewerID: "R1"}, set.ID, len(items))
	for i, it := range items {
		s.Percents[i] = 70
		if it.ID == "4.7.2" {
			s.Percents[i] = 75
		}
	}
	s.Consensus, s.Submitted, s.Reason = true, true, consensusReason
	// A reviewer who does not lead the group may not record it.
	if err := access.Wrap(st, access.Person{ID: "R2", Role: access.Leader}).SaveConsensus("R2", "2027", s); err == nil {
		t.Error("R2, no leader of M1, recorded a consensus")
	}
	if err := access.Wrap(st, access.Person{ID: "R1", Role: access.Leader}).SaveConsensus("R1", "2027", s); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	checkCSV(t, "material ranking with the leader's consensus", mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv"),
		`rank,id,kind,name,material,reviewers,shortlisted
1,P01,individual,王建国,850.00,3,yes
2,O01,organization,武冈市云山食品有限公司,800.00,3,yes
3,O02,organization,武冈市法相建设工程有限公司,750.00,3,yes
4,O04,organization,武冈市威溪制药有限公司,704.00,3,yes
5,O03,organization,武冈市资江机械制造有限公司,700.00,3,no
6,O05,organization,武冈市都梁电子科技有限公司,600.00,3,no
`)
	checkCSV(t, "composite ranking with the leader's consensus", mustQA(t, "--db", db, "rank", "--stage", "composite", "--format", "csv"), compositeAfterMaterial)
	mustQA(t, "--db", db, "verify")
}
