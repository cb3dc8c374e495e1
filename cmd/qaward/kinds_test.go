package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qaward/award/sample"
	"qaward/criteria"
)

// The import kinds beyond the first six (DESIGN §3 "More import kinds"),
// through the command line: a group's consensus recorded by the office is
// the stage score (rule 4), and the imported profiles answer eligibility
// (rule 12).
const kindsApplicants = `id,kind,name,industry,credit_code,founded
O01,organization,武冈市云山食品有限公司,食品制造,91430581000000037P,2005-03-01
O02,organization,武冈市法相建设工程有限公司,建筑业,91430581000000074J,2010-06-18
P01,individual,王建国,装备制造,,
`

const kindsReviewers = `id,name,affiliation
R1,赵一,武冈市市场监督管理局
R2,钱二,邵阳学院
R3,孙三,湖南省质量协会
R4,李四,武冈市工业和信息化局
`

// kindsConsensus is O01's material consensus: every item at 75 % but
// 4.1.2 (50 points) at 80 % and 4.7.2 (80 points) at 70 %.
func kindsConsensus(reason func(item string) string) string {
	var b strings.Builder
	b.WriteString("阶段,申报编号,条款,得分率,共识理由\n")
	for _, it := range criteria.Default("organization").Items() {
		p := 75
		switch it.ID {
		case "4.1.2":
			p = 80
		case "4.7.2":
			p = 70
		}
		fmt.Fprintf(&b, "材料评审,O01,%s,%d,%s\n", it.ID, p, reason(it.ID))
	}
	return b.String()
}

func TestScenarioImportKinds(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cycle.db")
	mustQA(t, "--db", db, "init", "--cycle", "2026")
	mustQA(t, "--db", db, "import", "applicants", writeFile(t, dir, "applicants.csv", kindsApplicants))
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, dir, "reviewers.csv", kindsReviewers))
	mustQA(t, "--db", db, "import", "conflicts", writeFile(t, dir, "conflicts.csv", "reviewer_id,applicant_id,reason\nR4,O01,曾在该单位任职\n"))
	out := mustQA(t, "--db", db, "import", "groups", writeFile(t, dir, "groups.csv", `group_id,stage,leader_id,reviewer_id,applicant_id,name
M1,material,R1,R1,O01,材料评审第一组
M1,material,R1,R2,O01,
M1,material,R1,R3,O01,
M1,material,R1,R1,O02,
M1,material,R1,R2,O02,
M1,material,R1,R3,O02,
`))
	if !strings.Contains(out, "imported 1 groups") {
		t.Errorf("groups: %s", out)
	}
	// Three sheets of O01 at material: uniform 60, 70 and 80 % total 600,
	// 700 and 800 points; fewer than trim_min (5), so the mean: 700.00.
	// O02: three at 50 %, 500.00.
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "scores.csv", scoresCSV(t,
		sheets("material", "O01", rs, 60, 70, 80)+sheets("material", "O02", rs, 50, 50, 50))))
	before := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	if !strings.Contains(before, "1,O01,organization,武冈市云山食品有限公司,700.00,3,yes\n") {
		t.Errorf("material ranking before the consensus:\n%s", before)
	}

	// A bad consensus file (a reason differs on 4.1.4, line 4) is refused
	// with its position and changes nothing.
	hash := fileHash(t, db)
	bad := writeFile(t, dir, "bad-consensus.csv", kindsConsensus(func(item string) string {
		if item == "4.1.4" {
			return "另议"
		}
		return "合议"
	}))
	_, errs, code := qa(t, "--db", db, "import", "consensus", bad)
	if code == 0 || !strings.Contains(errs, "bad-consensus.csv:4:5: reason: differs from the reason on line 2") {
		t.Errorf("bad consensus: exit %d: %s", code, errs)
	}
	if fileHash(t, db) != hash {
		t.Error("a refused consensus file changed the database")
	}

	// O01's consensus: at 75 % everywhere the sheet totals 750.00 points;
	// 4.1.2 at 80 % adds 50 × 5 % = 2.50, 4.7.2 at 70 % takes 80 × 5 % =
	// 4.00 away: 750.00 + 2.50 − 4.00 = 748.50, which replaces the computed
	// 700.00 as O01's material score (rule 4). O02 keeps its mean.
	out = mustQA(t, "--db", db, "import", "consensus", writeFile(t, dir, "consensus.csv",
		kindsConsensus(func(string) string { return "组长负责制：经小组合议，以纸质共识表为准" })))
	if !strings.Contains(out, "imported 1 consensus sheets") {
		t.Errorf("consensus: %s", out)
	}
	got := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	want := `rank,id,kind,name,material,reviewers,shortlisted
1,O01,organization,武冈市云山食品有限公司,748.50,3,yes
2,O02,organization,武冈市法相建设工程有限公司,500.00,3,yes
,P01,individual,王建国,,0,no
`
	if got != want {
		t.Errorf("material ranking:\n got:\n%s\nwant:\n%s", got, want)
	}

	// Profiles: O01 meets every rule; O02 is no legal person, its only
	// certificate expired, and it had a major accident in 2025.
	mustQA(t, "--db", db, "import", "profiles", writeFile(t, dir, "profiles.csv",
		"申报编号,注册地,法人资格,卓越绩效管理模式,保密字段\nO01,武冈市,是,是,certifications\nO02,武冈市,否,yes,\n"))
	certs := filepath.Join(dir, "certificates.xlsx")
	writeWorkbook(t, certs, [][]any{{"applicant_id", "name", "number", "valid_until"},
		{"O01", "GB/T 19001 质量管理体系", "00123Q4567", "2099-12-31"}, {"O02", "GB/T 19001 质量管理体系", "00456Q7890", "2025-06-30"}})
	mustQA(t, "--db", db, "import", "certificates", certs)
	mustQA(t, "--db", db, "import", "incidents", writeFile(t, dir, "incidents.csv",
		"applicant_id,date,kind,major,description\nO02,2025-05-12,safety,yes,生产车间火灾\nO01,2024-03-20,quality,no,标签不合格已整改\n"))
	mustQA(t, "--db", db, "import", "prior-awards", writeFile(t, dir, "prior-awards.csv",
		"applicant_id,award,year,cycle\nO01,wugang-mayor-nomination,2024,2024\n"))

	el := mustQA(t, "--db", db, "eligibility", "--as-of", "2026-03-02", "--format", "csv", "O01")
	for _, row := range []string{
		"O01,武冈市云山食品有限公司,第八条(二),依法在武冈市本级行政区域内注册登记,met,",
		"O01,武冈市云山食品有限公司,第八条(二),具有法人资格,met,具有法人资格",
		"O01,武冈市云山食品有限公司,第八条(三),取得体系认证证书并运行有效，已实施卓越绩效管理模式,met,有效证书：GB/T 19001 质量管理体系（00123Q4567，有效期至 2099-12-31）；已实施卓越绩效管理模式",
		"O01,武冈市云山食品有限公司,第八条(七),近3年内无较大质量、安全、环保、公共卫生等事故，无违法、违规、违纪行为,met,",
		"O01,武冈市云山食品有限公司,第十条,未获得中国质量奖、省长质量奖、邵阳市市长质量奖,met,",
	} {
		if !strings.Contains(el, row) {
			t.Errorf("eligibility of O01 lacks %q:\n%s", row, el)
		}
	}
	if strings.Contains(el, ",not-met,") || strings.Contains(el, ",not-recorded,") {
		t.Errorf("O01 fails a rule:\n%s", el)
	}
	el = mustQA(t, "--db", db, "eligibility", "--as-of", "2026-03-02", "--format", "csv", "O02")
	for _, row := range []string{"第八条(二),具有法人资格,not-met,", "运行有效，已实施卓越绩效管理模式,not-met,无有效期内的体系认证证书", "not-met,2025-05-12 安全事故：生产车间火灾"} {
		if !strings.Contains(el, row) {
			t.Errorf("eligibility of O02 lacks %q:\n%s", row, el)
		}
	}
	mustQA(t, "--db", db, "verify")
}

// writeWorkbook writes rows as the first sheet of an .xlsx workbook.
func writeWorkbook(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// `qaward gen --out` writes every table of a synthetic cycle; imported in
// order into a new cycle, they give the rankings and the eligibility of the
// cycle gen stores directly.
func TestGenFilesRunTheProcedure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "gen")
	mustQA(t, "gen", "--out", out, "--applicants", "60", "--reviewers", "30", "--per-applicant", "5", "--seed", "7")
	db := filepath.Join(dir, "files.db")
	mustQA(t, "--db", db, "init", "--cycle", "gen")
	for _, f := range sample.Files {
		if _, err := os.Stat(filepath.Join(out, f.Name)); err != nil {
			t.Fatal(err)
		}
		mustQA(t, "--db", db, "import", f.Kind, filepath.Join(out, f.Name))
	}
	direct := filepath.Join(dir, "direct.db")
	mustQA(t, "--db", direct, "gen", "--applicants", "60", "--reviewers", "30", "--per-applicant", "5", "--seed", "7")
	for _, stage := range []string{"material", "onsite", "composite"} {
		x := mustQA(t, "--db", db, "rank", "--stage", stage, "--format", "csv")
		y := mustQA(t, "--db", direct, "rank", "--stage", stage, "--format", "csv")
		if x != y {
			t.Errorf("%s ranking from the files differs from gen's:\n%s\n%s", stage, x, y)
		}
	}
	x := mustQA(t, "--db", db, "eligibility", "--as-of", "2026-03-01", "--format", "csv")
	y := mustQA(t, "--db", direct, "eligibility", "--as-of", "2026-03-01", "--format", "csv")
	if x != y {
		t.Errorf("eligibility from the files differs from gen's")
	}
	// A0004 and A0054 (major accidents), A0012 (no legal person), A0024
	// (expired certificate), A0038 (Shaoyang award) and the individual A0040
	// (a violation) fail, one rule each.
	for _, s := range []string{"A0004,", "A0054,", "A0012,", "A0024,", "A0038,", "A0040,"} {
		found := false
		for _, line := range strings.Split(x, "\n") {
			if strings.HasPrefix(line, s) && strings.Contains(line, ",not-met,") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s does not fail a rule", strings.TrimSuffix(s, ","))
		}
	}
	if n := strings.Count(x, ",not-met,"); n != 6 {
		t.Errorf("%d failures, want 6:\n%s", n, x)
	}
}
