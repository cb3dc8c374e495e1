package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qaward/award/sample"
	"qaward/backend/export"
	"qaward/store"
)

// workbookText is every cell of every sheet of a workbook, one row a line.
func workbookText(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("## " + sh + "\n")
		for _, r := range rows {
			b.WriteString(strings.Join(r, ",") + "\n")
		}
	}
	return b.String()
}

func TestExportRankingsCSVIsRankWithBOM(t *testing.T) {
	db := setupScenario(t)
	dir := t.TempDir()
	for _, stage := range []string{"material", "onsite", "composite"} {
		file := filepath.Join(dir, stage+".csv")
		mustQA(t, "--db", db, "--lang", "en", "export", "rankings", file, "--stage", stage)
		got, _ := os.ReadFile(file)
		want := export.BOM + mustQA(t, "--db", db, "rank", "--stage", stage, "--format", "csv")
		if string(got) != want {
			t.Errorf("%s: export differs from rank --format csv:\n%s\nwant\n%s", stage, got, want)
		}
	}
	// Chinese by default
	file := filepath.Join(dir, "zh.csv")
	mustQA(t, "--db", db, "export", "rankings", file, "--stage", "material")
	got, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(got), export.BOM+"排名,编号,类型,名称,材料评审得分,评分表数,入围现场评审\n1,P01,个人,王建国,800.00,3,是\n") {
		t.Errorf("Chinese CSV:\n%s", got)
	}
	if _, errs, code := qa(t, "--db", db, "export", "rankings", file); code != 2 || !strings.Contains(errs, "a CSV file holds one ranking") {
		t.Errorf("all stages to CSV: exit %d %s", code, errs)
	}
}

func TestExportRankingsWorkbook(t *testing.T) {
	db := setupScenario(t)
	file := filepath.Join(t.TempDir(), "rankings.xlsx")
	mustQA(t, "--db", db, "export", "rankings", file)
	text := workbookText(t, file)
	for _, want := range []string{"## 材料评审\n排名,编号,类型,名称,材料评审得分", "6,O04,组织,武冈市威溪制药有限公司,700.13,4,是",
		"## 现场评审", "## 综合评价", "## 候选名单", "## 评审规则", "材料评审权重 w_m,0.3"} {
		if !strings.Contains(text, want) {
			t.Errorf("workbook lacks %q:\n%s", want, text)
		}
	}
}

// TestXLSXRoundTrip exports every data table as a workbook, imports them
// into a new database, and compares the records and the rankings.
func TestXLSXRoundTrip(t *testing.T) {
	db := setupScenario(t)
	dir := t.TempDir()
	db2 := filepath.Join(dir, "copy.db")
	mustQA(t, "--db", db2, "init", "--cycle", "2026")
	for _, kind := range []string{"applicants", "reviewers", "conflicts", "scores", "satisfaction"} {
		file := filepath.Join(dir, kind+".xlsx")
		mustQA(t, "--db", db, "export", kind, file)
		mustQA(t, "--db", db2, "import", kind, file)
	}
	for _, kind := range []string{"applicants", "reviewers", "conflicts", "scores", "satisfaction"} {
		a, b := filepath.Join(dir, kind+"-1.csv"), filepath.Join(dir, kind+"-2.csv")
		mustQA(t, "--db", db, "export", kind, a)
		mustQA(t, "--db", db2, "export", kind, b)
		x, _ := os.ReadFile(a)
		y, _ := os.ReadFile(b)
		if !bytes.Equal(x, y) || len(x) < 20 {
			t.Errorf("%s differ after the round trip", kind)
		}
	}
	for _, stage := range []string{"material", "onsite", "composite"} {
		x := mustQA(t, "--db", db, "rank", "--stage", stage, "--format", "csv")
		y := mustQA(t, "--db", db2, "rank", "--stage", stage, "--format", "csv")
		if x != y {
			t.Errorf("%s ranking differs after the round trip", stage)
		}
	}
}

func TestImportXLSXErrorNamesSheetAndCell(t *testing.T) {
	db := setupScenario(t)
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "评分")
	rows := [][]any{{"stage", "applicant_id", "reviewer_id", "item_id", "percent"},
		{"material", "P01", "R8", "P1", 50}, {"material", "P01", "R8", "P2", 47}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("评分", cell, &r)
	}
	file := filepath.Join(dir, "scores.xlsx")
	if err := f.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, db)
	_, errs, code := qa(t, "--db", db, "import", "scores", file)
	want := `qaward: ` + file + `: sheet 评分, cell E3: percent: "47": want a percentage 0, 5, 10, …, 100`
	if code != 1 || strings.TrimSpace(errs) != want {
		t.Errorf("exit %d\n got %s\nwant %s", code, errs, want)
	}
	if fileHash(t, db) != before {
		t.Error("a refused workbook changed the database")
	}
	if _, errs, _ := qa(t, "--db", db, "import", "scores", file, "--sheet", "Sheet9"); !strings.Contains(errs, `no sheet "Sheet9" (the workbook has: 评分)`) {
		t.Errorf("missing sheet: %s", errs)
	}
}

// confidentialApplicant is the demo applicant that declares fields
// confidential: an organisation whose sheets are partly drafts, so that it
// is in reviewer 1's packet.
const confidentialApplicant = 9

// demoDB stores the demo cycle, with one applicant declaring three fields
// confidential, and returns the database and that applicant's secrets.
func demoDB(t *testing.T) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := sample.Demo()
	a := &d.Applicants[confidentialApplicant]
	a.Industry, a.Founded = "精密军工配套", "1999-09-09"
	a.Profile.Confidential = []string{"credit_code", "industry", "founded"}
	secrets := []string{a.CreditCode, a.Industry, a.Founded}
	if err := storeDataset(st, "office", d); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path, secrets
}

func TestConfidentialAndReviewerNamesNeverLeak(t *testing.T) {
	db, secrets := demoDB(t)
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	mustQA(t, "--db", db, "export", "rankings", out("r.xlsx"))
	mustQA(t, "--db", db, "export", "rankings", out("r.csv"), "--stage", "material")
	mustQA(t, "--db", db, "export", "candidates", out("c.xlsx"))
	mustQA(t, "--db", db, "export", "applicants", out("a.xlsx"))
	mustQA(t, "--db", db, "export", "applicants", out("a.csv"))
	mustQA(t, "--db", db, "export", "scores", out("s.xlsx"))
	mustQA(t, "--db", db, "feedback", "--all", "--out", out("fb"))
	mustQA(t, "--db", db, "feedback", "--all", "--out", out("fbh"), "--format", "html", "--scores")
	d := sample.Demo()
	mustQA(t, "--db", db, "packet", "export", d.Reviewers[1].ID, out("p.json"))
	texts := map[string]string{}
	for _, n := range []string{"r.xlsx", "c.xlsx", "a.xlsx", "s.xlsx"} {
		texts[n] = workbookText(t, out(n))
	}
	for _, n := range []string{"r.csv", "a.csv", "p.json"} {
		b, _ := os.ReadFile(out(n))
		texts[n] = string(b)
	}
	for _, sub := range []string{"fb", "fbh"} {
		ents, _ := os.ReadDir(out(sub))
		if len(ents) < 10 {
			t.Fatalf("%s: %d reports", sub, len(ents))
		}
		for _, e := range ents {
			b, _ := os.ReadFile(filepath.Join(out(sub), e.Name()))
			texts[sub+"/"+e.Name()] = string(b)
		}
	}
	for name, text := range texts {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s shows the confidential %q", name, s)
			}
		}
		for i, r := range d.Reviewers {
			if name == "p.json" && i == 1 {
				continue // the packet's own reviewer
			}
			if strings.Contains(text, r.Name) {
				t.Errorf("%s names reviewer %s", name, r.Name)
			}
			if strings.HasPrefix(name, "fb") && strings.Contains(text, r.ID) {
				t.Errorf("%s shows reviewer ID %s", name, r.ID)
			}
		}
	}
	if !strings.Contains(texts["p.json"], d.Applicants[confidentialApplicant].Name) {
		t.Error("the packet does not hold the applicant with confidential fields: the test proves nothing for packets")
	}
	if !strings.Contains(texts["a.csv"], "（保密）") {
		t.Error("the applicants export does not mark withheld fields")
	}

	// asked for: the fields appear, and the disclosure is audited
	_, errs, code := qa(t, "--db", db, "export", "applicants", out("all.xlsx"), "--include-confidential")
	if code != 0 || !strings.Contains(errs, "recorded in the audit log") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	text := workbookText(t, out("all.xlsx"))
	for _, s := range secrets {
		if !strings.Contains(text, s) {
			t.Errorf("--include-confidential export lacks %q", s)
		}
	}
	id := d.Applicants[confidentialApplicant].ID
	fb := mustQA(t, "--db", db, "feedback", id, "--include-confidential")
	if !strings.Contains(fb, secrets[0]) {
		t.Error("--include-confidential feedback lacks the credit code")
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Disclosures(sample.DemoCycle)
	if err != nil || len(ds) != 2 || !strings.Contains(ds[0].What, "export applicants to "+out("all.xlsx")) ||
		!strings.Contains(ds[0].What, id+" credit_code") || !strings.Contains(ds[1].What, "feedback report "+id) {
		t.Errorf("disclosures %+v %v", ds, err)
	}
	audited := 0
	st.Audit(func(e store.Entry) error {
		if e.Action == "disclose confidential fields" {
			audited++
		}
		return nil
	})
	if audited != 2 {
		t.Errorf("%d audit entries for disclosures", audited)
	}
	mustQA(t, "--db", db, "verify")
}

// TestSofficeReadsBOMCSV converts the BOM CSV with LibreOffice and checks
// that the Chinese came through.
func TestSofficeReadsBOMCSV(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice (soffice) is not installed: the BOM CSV was not opened in Calc; install libreoffice-calc to run this test")
		}
	}
	db := setupScenario(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "rank.csv")
	mustQA(t, "--db", db, "export", "rankings", file, "--stage", "composite")
	outDir := filepath.Join(dir, "out")
	// CSV:44,34,0 is comma, double quote and the character set left to Calc
	// to find, as when a user opens the file: the BOM says UTF-8.
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter=CSV:44,34,0", "--convert-to", "xlsx", "--outdir", outDir, file)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	text := workbookText(t, filepath.Join(outDir, "rank.xlsx"))
	for _, want := range []string{"排名", "综合得分", "武冈市云山食品有限公司", "市长质量奖"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's copy lacks %q:\n%s", want, text)
		}
	}
}

func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, "reading scores.csv", false)
	for i := 1; i <= 50000; i += 1000 {
		p(i, 50000)
	}
	p(50000, 50000)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 11 || lines[0] != "reading scores.csv: 0% (1 of 50000)" || lines[10] != "reading scores.csv: 100% (50000 of 50000)" {
		t.Errorf("progress lines:\n%s", b.String())
	}
	b.Reset()
	small := newProgress(&b, "x", false)
	small(10, 10)
	if b.Len() != 0 {
		t.Error("small work printed progress")
	}
}
