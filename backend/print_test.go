package backend_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"

	"github.com/xuri/excelize/v2"

	"qaward/backend"
	"qaward/backend/document/doctest"
)

// TestExportsPrintOnA4 exports the demo's rankings and candidate list,
// reopens the workbooks and checks that every sheet prints on A4 one page
// wide, with the header row on every page, page header and footer, an
// auto-filter and the notes in the sheet's language; with LibreOffice
// installed it prints the candidate list and checks it takes one page.
func TestExportsPrintOnA4(t *testing.T) {
	c := newCycleDocs(t)
	dir := t.TempDir()
	for _, tc := range []struct{ kind, lang, pages string }{
		{"candidates", "zh", "第 &P 页，共 &N 页"},
		{"rankings", "zh", "第 &P 页，共 &N 页"},
		{"rankings", "en", "Page &P of &N"},
	} {
		file := filepath.Join(dir, tc.kind+"-"+tc.lang+".xlsx")
		res, err := c.b.Export("", backend.ExportRequest{Kind: tc.kind, Stage: "all", Lang: tc.lang, File: file})
		if err != nil {
			t.Fatalf("export %s: %v", tc.kind, err)
		}
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetDocProps()
		if err != nil || !strings.Contains(props.Title, "2026") || !strings.HasPrefix(props.Created, "2026-03-02") {
			t.Errorf("%s: document properties %+v, %v", file, props, err)
		}
		names := f.GetDefinedName()
		for _, sheet := range res.Tables {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if *pl.Size != 9 || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
				t.Errorf("%s %s: paper %d, fit %d wide %d tall; want A4 (9), 1 wide", file, sheet, *pl.Size, *pl.FitToWidth, *pl.FitToHeight)
			}
			sp, _ := f.GetSheetProps(sheet)
			if sp.FitToPage == nil || !*sp.FitToPage {
				t.Errorf("%s %s: fit to page is off", file, sheet)
			}
			wantOrient := map[string]string{"候选名单": "landscape", "综合评价": "landscape", "评审规则": "portrait",
				"材料评审": "portrait"}[sheet]
			if wantOrient != "" && *pl.Orientation != wantOrient {
				t.Errorf("%s %s: orientation %s, want %s", file, sheet, *pl.Orientation, wantOrient)
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(hf.OddFooter, tc.pages) || !strings.Contains(hf.OddHeader, "2026") ||
				!strings.Contains(hf.OddHeader, "&C") {
				t.Errorf("%s %s: header %q footer %q", file, sheet, hf.OddHeader, hf.OddFooter)
			}
			titles := false
			for _, n := range names {
				if n.Name == "_xlnm.Print_Titles" && n.Scope == sheet && strings.HasSuffix(n.RefersTo, "!$1:$1") {
					titles = true
				}
			}
			if !titles {
				t.Errorf("%s %s: no print titles in %+v", file, sheet, names)
			}
		}
		// the notes under the candidate list are in its language
		rows, err := f.GetRows("候选名单")
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for _, r := range rows {
			if len(r) == 1 && r[0] != "" {
				notes = append(notes, r[0])
			}
		}
		all := strings.Join(notes, "\n")
		if tc.lang == "zh" && (!strings.Contains(all, "空缺：组织奖") || strings.Contains(all, "vacant")) ||
			tc.lang == "en" && !strings.Contains(all, "vacant places") {
			t.Errorf("%s: notes under the candidate list:\n%s", file, all)
		}
		f.Close()
	}
	if testing.Short() {
		return
	}
	data, err := os.ReadFile(filepath.Join(dir, "candidates-zh.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := doctest.Convert(t, "candidates.xlsx", data, "pdf")
	// the candidate list and the rules sheet: one page each
	if n := doctest.Pages(t, pdf); n > 2 {
		t.Errorf("the demo's candidate list and rules print on %d pages, want 2", n)
	}
	if w, h := doctest.PageSize(t, pdf); w < h || w < 840 || w > 843 {
		t.Errorf("the candidate list prints on %.0f × %.0f pt, want A4 landscape", w, h)
	}
	if text := doctest.PageText(t, pdf, 1); !strings.Contains(text, "第 1 页，共 2 页") || !strings.Contains(text, "备注") {
		t.Errorf("page 1 of the candidate list:\n%s", text)
	}
}

// TestFeedbackPrintsCompact renders a demo applicant's feedback report
// (HTML) to PDF with LibreOffice and checks that it takes a few A4 pages,
// with the applicant and cycle in its footer line.
func TestFeedbackPrintsCompact(t *testing.T) {
	if testing.Short() {
		t.Skip("renders with LibreOffice")
	}
	c := newCycleDocs(t)
	fb, err := c.b.Feedback("", backend.FeedbackOptions{Stage: award.Material, Scores: true})
	if err != nil {
		t.Fatal(err)
	}
	todo := fb.Todo()
	if len(todo) == 0 {
		t.Fatal("no feedback to write")
	}
	ap := todo[0]
	r, err := fb.Build(ap)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, "html"); err != nil {
		t.Fatal(err)
	}
	pdf := doctest.Convert(t, ap.ID+".html", buf.Bytes(), "pdf:writer_web_pdf_Export")
	n := doctest.Pages(t, pdf)
	t.Logf("%s: %d pages", ap.ID, n)
	if n > maxFeedbackPages {
		t.Errorf("the feedback report of %s prints on %d pages, want at most %d", ap.ID, n, maxFeedbackPages)
	}
	if w, h := doctest.PageSize(t, pdf); w < 594 || w > 596 || h < 841 || h > 843 {
		t.Errorf("page size %.0f × %.0f pt, want A4", w, h)
	}
	if text := doctest.PageText(t, pdf, n); !strings.Contains(text, ap.Name) {
		t.Errorf("the last page does not name %s:\n%s", ap.Name, text)
	}
}

// maxFeedbackPages is what LibreOffice's HTML import (a stand-in for a
// browser, which lays the page out tighter) gives the demo's A0001 with
// scores: 14 pages before the report was made compact.
const maxFeedbackPages = 9
