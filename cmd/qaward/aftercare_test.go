package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"qaward/award/sample"
)

// setClock makes the commands' clock the day given (10:00 Beijing time)
// until the test ends.
func setClock(t *testing.T, day string) {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, day, time.FixedZone("CST", 8*3600))
	if err != nil {
		t.Fatal(err)
	}
	at := d.Add(10 * time.Hour)
	clock = func() time.Time { return at }
	t.Cleanup(func() { clock = nil })
}

// TestAftercareWalk follows two winners through the command line for the
// years after their award: a cycle imported and decided, announced on
// 2026-10-12; visits and a sharing activity recorded (and entries that do
// not belong refused); a year later the listing flags the years without
// sharing (Art. 31(6)); a revocation on ground 6 inside the five years
// goes through, one outside them and one without a ground are refused;
// the register exported to CSV and XLSX reads back as listed.
func TestAftercareWalk(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "gen")
	mustQA(t, "gen", "--out", files, "--applicants", "20", "--reviewers", "14", "--per-applicant", "5")
	db := filepath.Join(dir, "cycle.db")
	q := func(args ...string) (string, string, int) { return qa(t, append([]string{"--db", db}, args...)...) }
	must := func(args ...string) string { t.Helper(); return mustQA(t, append([]string{"--db", db}, args...)...) }
	refused := func(code int, want string, args ...string) {
		t.Helper()
		out, errs, got := q(args...)
		if got != code || !strings.Contains(errs, want) {
			t.Fatalf("qaward %s: exit %d, stderr %q, stdout %q; want exit %d saying %q", strings.Join(args, " "), got, errs, out, code, want)
		}
	}
	setClock(t, "2026-09-01")
	must("init", "--cycle", "2026")
	for _, f := range sample.Files {
		must("import", f.Kind, filepath.Join(files, f.Name))
	}
	for _, id := range []string{"A0019", "A0009"} {
		for _, s := range []string{"material-review", "onsite-review", "satisfaction", "composite", "deliberation"} {
			must("stage", id, s)
		}
		must("decide", id, "award")
	}
	must("publish", "--start", "2026-09-28")
	refused(1, "no announced winner", "aftercare", "add", "--applicant", "A0019", "--kind", "visit", "--note", "回访")
	setClock(t, "2026-10-12")
	must("announce")

	setClock(t, "2027-05-20")
	if out := must("aftercare", "add", "--applicant", "A0019", "--kind", "visit", "--date", "2027-03-01", "--note", "市场监管局回访，质量管理体系运行有效"); !strings.Contains(out, "F001 of A0019 recorded: visit on 2027-03-01") {
		t.Errorf("add: %s", out)
	}
	must("aftercare", "add", "--applicant", "A0009", "--kind", "分享", "--note", "在全市质量大会上介绍卓越绩效实践")
	refused(1, "is no announced winner", "aftercare", "add", "--applicant", "A0008", "--kind", "visit", "--note", "x")
	refused(1, "outside the five years after the award (2026-10-12 to 2031-10-11)", "aftercare", "add", "--applicant", "A0019", "--kind", "visit", "--date", "2026-10-11", "--note", "x")
	refused(1, "is after today (2027-05-20)", "aftercare", "add", "--applicant", "A0019", "--kind", "visit", "--date", "2027-05-21", "--note", "x")
	refused(2, "want visit (回访), incident (事件) or sharing", "aftercare", "add", "--applicant", "A0019", "--kind", "party", "--note", "x")
	refused(2, "--note is required", "aftercare", "add", "--applicant", "A0019", "--kind", "visit")
	refused(1, "may not record the aftercare", "--as", "R001", "aftercare", "add", "--applicant", "A0019", "--kind", "visit", "--note", "x")
	refused(1, "may not", "--as", "R001", "aftercare", "list")
	// a correction keeps the ID and the winner, under the same checks
	if out := must("aftercare", "correct", "F001", "--date", "2027-03-02"); !strings.Contains(out, "F001 of A0019 corrected: visit on 2027-03-02") {
		t.Errorf("correct: %s", out)
	}
	refused(1, "outside the five years after the award", "aftercare", "correct", "F001", "--date", "2026-10-01")
	refused(1, "no entry F009", "aftercare", "correct", "F009", "--note", "x")
	refused(1, "may not record the aftercare", "--as", "R001", "aftercare", "correct", "F001", "--note", "x")
	if out := must("aftercare", "list", "--entries", "--format", "csv"); !strings.Contains(out, "F001,A0019,") || !strings.Contains(out, "2027-03-02,市场监管局回访，质量管理体系运行有效") {
		t.Errorf("entries after the correction:\n%s", out)
	}

	// a year and a half on: year 1 of A0019 ended with no sharing, year 2 of both
	setClock(t, "2028-11-01")
	list := must("aftercare", "list", "--format", "csv")
	for _, row := range []string{
		"A0019,武冈市华湘新材料股份有限公司,award,1,2026-10-12,2027-10-11,1,0,0,not-shared,F001",
		"A0019,武冈市华湘新材料股份有限公司,award,2,2027-10-12,2028-10-11,0,0,0,not-shared,",
		"A0019,武冈市华湘新材料股份有限公司,award,3,2028-10-12,2029-10-11,0,0,0,due,",
		",award,1,2026-10-12,2027-10-11,0,0,1,shared,F002",
		",award,2,2027-10-12,2028-10-11,0,0,0,not-shared,",
		",award,5,2030-10-12,2031-10-11,0,0,0,ahead,",
	} {
		if !strings.Contains(list, row) {
			t.Errorf("aftercare list lacks %q:\n%s", row, list)
		}
	}
	table := must("aftercare", "list", "--applicant", "A0019")
	for _, s := range []string{"第1年（2026-10-12 至 2027-10-11）未记录分享，第三十一条（六）", "第2年（2027-10-12 至 2028-10-11）未记录分享"} {
		if !strings.Contains(table, s) {
			t.Errorf("the table does not flag %q:\n%s", s, table)
		}
	}
	if strings.Contains(table, "A0009") {
		t.Errorf("--applicant A0019 lists A0009:\n%s", table)
	}
	if out := must("aftercare", "list", "--entries", "--format", "csv"); !strings.Contains(out, "F002,A0009,") || !strings.Contains(out, ",1,sharing,2027-05-20,在全市质量大会上介绍卓越绩效实践,office") {
		t.Errorf("entries:\n%s", out)
	}
	grounds := must("aftercare", "grounds", "--format", "csv")
	if n := strings.Count(grounds, "\n"); n != 9 || !strings.Contains(grounds, "6,第三十一条（六）,未履行推广分享义务,不能履行向社会推广、分享其质量工作经验和成果的义务，典型示范作用不能充分体现的") {
		t.Errorf("grounds (%d lines):\n%s", n, grounds)
	}

	refused(1, "cite at least one ground of Art. 31", "revoke", "A0019", "--reason", "未履行分享义务")
	refused(2, "ground \"9\"", "revoke", "A0019", "--reason", "x", "--ground", "9")
	refused(1, "2031-10-12 is outside the five years after the award (2026-10-12 to 2031-10-11, Art. 31)", "revoke", "A0009", "--reason", "抽查严重不合格", "--ground", "2", "--date", "2031-10-12")
	// an article cites what it names: a bare 第三十一条 no ground, 第三十一条（二） ground 2
	refused(1, "cite at least one ground of Art. 31", "revoke", "A0019", "--reason", "x", "--article", "第三十一条")
	refused(1, "2031-10-12 is outside the five years after the award", "revoke", "A0009", "--reason", "抽查严重不合格", "--article", "第三十一条（二）", "--date", "2031-10-12")
	if out := must("revoke", "A0019", "--reason", "连续两年未开展质量管理经验分享", "--ground", "6"); !strings.Contains(out, "A0019: award revoked (第三十一条（六）)") {
		t.Errorf("revoke: %s", out)
	}
	refused(1, "was revoked on 2028-11-01", "aftercare", "add", "--applicant", "A0019", "--kind", "visit", "--note", "x")
	if out := must("candidates", "--format", "csv"); !hasFinal(out, "A0019", "revoked") {
		t.Errorf("candidates after the revocation:\n%s", out)
	}

	// the export reads back as listed
	csvFile := filepath.Join(dir, "aftercare.csv")
	if out := must("--lang", "en", "export", "aftercare", csvFile); !strings.Contains(out, "10 rows") {
		t.Errorf("export: %s", out)
	}
	data, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 11 || strings.Join(rows[0], ",") != "applicant,name,final,year,starts,ends,visits,incidents,sharing,state,entries" {
		t.Fatalf("CSV %v:\n%s", err, data)
	}
	if got := strings.Join(rows[7], ","); !strings.HasPrefix(got, "A0019,") || !strings.HasSuffix(got, ",revoked,2,2027-10-12,2028-10-11,0,0,0,not-shared,") {
		t.Errorf("CSV row of A0019 year 2: %s", got)
	}
	xlsx := filepath.Join(dir, "aftercare.xlsx")
	must("export", "aftercare", xlsx, "--applicant", "A0009")
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "获奖后五年,跟踪登记" {
		t.Errorf("sheets %s", got)
	}
	if v, _ := f.GetCellValue("获奖后五年", "J3"); v != "未记录分享" {
		t.Errorf("XLSX state of A0009 year 2: %q", v)
	}
	if v, _ := f.GetCellValue("跟踪登记", "E2"); v != "经验交流与分享" {
		t.Errorf("XLSX activity of F002: %q", v)
	}
	refused(2, "aftercare takes --applicant only", "export", "aftercare", xlsx, "--stage", "onsite")

	// a year later the duty of the revoked A0019 stopped at its revocation:
	// its year 3 stays as it stood then, A0009's is flagged
	setClock(t, "2030-01-01")
	list = must("aftercare", "list", "--format", "csv")
	if !strings.Contains(list, ",revoked,3,2028-10-12,2029-10-11,0,0,0,due,") || !strings.Contains(list, ",award,3,2028-10-12,2029-10-11,0,0,0,not-shared,") {
		t.Errorf("year 3 after the revocation:\n%s", list)
	}
}
