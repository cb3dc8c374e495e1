package export_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/imports"
	"qaward/criteria"
)

func sampleForms() []export.ScoreForm {
	cat := criteria.BuiltinCatalog()
	org := award.Applicant{ID: "A0001", Kind: award.Organization, Name: "武冈市云山食品有限公司"}
	ind := award.Applicant{ID: "A0011", Kind: award.Individual, Name: "王建国"}
	r1 := award.Reviewer{ID: "R003", Name: "李明"}
	r2 := award.Reviewer{ID: "R004", Name: "周\"敏\""}
	return []export.ScoreForm{
		{Stage: award.Onsite, Applicant: org, Reviewer: r1, Set: cat.Set("", string(org.Kind))},
		{Stage: award.Onsite, Applicant: org, Reviewer: r2, Set: cat.Set("", string(org.Kind))},
		{Stage: award.Onsite, Applicant: ind, Reviewer: r1, Set: cat.Set("", string(ind.Kind))},
	}
}

func writeForms(t *testing.T, forms []export.ScoreForm, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	p := export.Print{Cycle: "2026", Lang: lang, Created: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	if err := export.WriteScoreForms(&b, forms, p); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("QAWARD_FORMS_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "forms-"+lang+".xlsx"), b.Bytes(), 0o644)
	}
	return b.Bytes()
}

// TestScoreFormReadsAsScoresTable: the importer reads a blank form as the
// scores table (header, one row per item, banners skipped), and refuses it
// only for the empty percentages, at the first one.
func TestScoreFormReadsAsScoresTable(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		data := writeForms(t, sampleForms(), lang)
		tab, err := imports.ReadXLSX("forms.xlsx", bytes.NewReader(data), "")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var first imports.Row
		err = tab.Each(func(r imports.Row) error {
			if n == 0 {
				first = r
			}
			n++
			return nil
		})
		tab.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := 23 + 23 + 5; n != want {
			t.Errorf("%s: %d rows, want %d (one per item)", lang, n, want)
		}
		if first.Line != 4 || first.Cells[3] != "4.1.2" || first.Cells[1] != "A0001" || first.Cells[2] != "R003" {
			t.Errorf("%s: first row %+v, want line 4 with A0001, R003, 4.1.2", lang, first)
		}
		if lang == "zh" && strings.Join(tab.Header, ",") != "阶段,申报编号,评审员编号,条款编号,得分率,优势,改进机会" {
			t.Errorf("header %q", tab.Header)
		}
	}
}

// TestScoreFormLayout: A4 landscape, fitted one page wide, print titles,
// a page break before every form but the first, the fill-in cells
// unlocked and the sheet protected.
func TestScoreFormLayout(t *testing.T) {
	data := writeForms(t, sampleForms(), "zh")
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "评分表" || got[1] != "评分指南" {
		t.Fatalf("sheets %q", got)
	}
	lo, err := f.GetPageLayout("评分表")
	if err != nil {
		t.Fatal(err)
	}
	if *lo.Size != 9 || *lo.Orientation != "landscape" || *lo.FitToWidth != 1 {
		t.Errorf("page layout %+v", lo)
	}
	hf, _ := f.GetHeaderFooter("评分表")
	if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") || !strings.Contains(hf.OddHeader, "2026") {
		t.Errorf("header/footer %+v", hf)
	}
	style, _ := f.GetCellStyle("评分表", "E4")
	s, _ := f.GetStyle(style)
	if s.Protection == nil || s.Protection.Locked {
		t.Errorf("percent cell E4 is locked: %+v", s.Protection)
	}
	style, _ = f.GetCellStyle("评分表", "D4")
	s, _ = f.GetStyle(style)
	if s.Protection == nil || !s.Protection.Locked || s.CustomNumFmt == nil || !strings.Contains(*s.CustomNumFmt, "高层领导的作用") {
		t.Errorf("item cell D4: %+v", s)
	}
	if v, _ := f.GetCellValue("评分表", "D4", excelize.Options{RawCellValue: true}); v != "4.1.2" {
		t.Errorf("D4 holds %q, want the item ID", v)
	}
}

// TestScoreFormInLibreOffice prints the forms to PDF with LibreOffice, as
// the office would, and saves them again as Calc does: each form starts a
// page (two pages for the 23 items of GB/T 19580, one for the five of the
// individual set, one for the guide), the item names shown by the formats
// are printed, and the workbook Calc saved still reads as the scores table.
func TestScoreFormInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice (soffice) is not installed: the forms were not printed; install libreoffice-calc to run this test")
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "forms.xlsx")
	if err := os.WriteFile(file, writeForms(t, sampleForms(), "zh"), 0o644); err != nil {
		t.Fatal(err)
	}
	convert := func(to, outDir string) string {
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", to, "--outdir", outDir, file)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		return filepath.Join(outDir, "forms."+to)
	}
	pdf, err := os.ReadFile(convert("pdf", dir))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type/Page\n")); n != 0 && n != 6 {
		t.Errorf("%d pages, want 6 (2 + 2 + 1 forms, 1 guide)", n)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "forms.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(out), "\f")
		if len(pages) < 6 {
			t.Fatalf("%d pages printed, want 6", len(pages))
		}
		for i, want := range []string{"高层领导的作用", "领导方面的结果", "高层领导的作用", "领导方面的结果", "质量意识与职业操守", "无系统方法"} {
			if !strings.Contains(pages[i], want) {
				t.Errorf("page %d lacks %q:\n%s", i+1, want, pages[i])
			}
		}
		for _, want := range []string{"申报者：A0001 武冈市云山食品有限公司", "评审员签名", "第 1 页"} {
			if !strings.Contains(pages[0]+pages[1], want) {
				t.Errorf("the first form lacks %q", want)
			}
		}
	}
	saved := convert("xlsx", filepath.Join(dir, "calc"))
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := imports.ReadXLSX("forms.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	n := 0
	if err := tab.Each(func(imports.Row) error { n++; return nil }); err != nil || n != 51 {
		t.Errorf("Calc's copy: %d rows, %v; want the 51 item rows", n, err)
	}
}
