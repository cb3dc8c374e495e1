package export_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/award/sample"
	"qaward/backend/export"
	"qaward/backend/imports"
	"qaward/criteria"
)

func setFor(id string, kind award.Kind) (string, error) {
	if id == "" {
		return criteria.Default(string(kind)).ID, nil
	}
	return id, nil
}

// readBack reads one sheet of a workbook through the importers' reader.
func readBack(t *testing.T, data []byte, sheet string) *imports.Table {
	t.Helper()
	tab, err := imports.ReadXLSX("export.xlsx", bytes.NewReader(data), sheet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tab.Close() })
	return tab
}

// TestRoundTrip exports the demo cycle's data tables to one workbook,
// imports every sheet back and compares the records.
func TestRoundTrip(t *testing.T) {
	d := sample.Demo()
	scores, skipped := export.Scores(d.Sheets, criteria.BuiltinCatalog())
	var submitted []award.Sheet
	for _, s := range d.Sheets {
		if s.Submitted && s.Complete() {
			s.Updated = time.Time{}
			submitted = append(submitted, s)
		}
	}
	if skipped != len(d.Sheets)-len(submitted) || skipped == 0 {
		t.Fatalf("skipped %d of %d sheets", skipped, len(d.Sheets))
	}
	tables := []export.Table{export.Applicants(d.Applicants, true), export.Reviewers(d.Reviewers),
		export.Conflicts(d.Conflicts), scores, export.Satisfaction(d.Satisfaction)}
	var b bytes.Buffer
	var calls [][2]int
	if err := export.WriteXLSX(&b, tables, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if last := calls[len(calls)-1]; last[0] != last[1] || last[1] != len(d.Applicants)+len(d.Reviewers)+len(d.Conflicts)+scores.Len()+len(d.Satisfaction) {
		t.Errorf("progress ended at %v", last)
	}
	data := b.Bytes()

	as, err := imports.Applicants(readBack(t, data, "申报者"), setFor)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]award.Applicant, len(d.Applicants))
	for i, a := range d.Applicants {
		a.Profile = award.Profile{} // not an import column
		a.Status = award.Accepted
		want[i] = a
	}
	same(t, "applicants", as, want)
	rs, err := imports.Reviewers(readBack(t, data, "评审员"))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "reviewers", rs, d.Reviewers)
	ctx := imports.NewContext(d.Applicants, d.Reviewers, nil, criteria.BuiltinCatalog(), award.Survey{Low: 1, High: 10})
	cs, err := imports.Conflicts(readBack(t, data, "回避"), ctx)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "conflicts", cs, d.Conflicts)
	ss, err := imports.Scores(readBack(t, data, "评分"), ctx)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "sheets", ss, submitted)
	sat, err := imports.Satisfaction(readBack(t, data, "满意度"), ctx)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "satisfaction", sat, d.Satisfaction)
}

func same[T any](t *testing.T, what string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d records back, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s %d:\n got %+v\nwant %+v", what, i, got[i], want[i])
		}
	}
}

func TestWorkbookLayout(t *testing.T) {
	tab := export.Table{Name: export.SheetMaterial, Header: []string{"rank", "id", "name", "material"},
		Columns: []export.Column{export.Integer, export.Text, export.Text, export.Decimal2},
		Rows:    [][]string{{"1", "O01", "武冈市云山食品有限公司", "700.13"}, {"", "O02", "甲", ""}},
		Notes:   []string{"vacant places: 1"}}
	tab = export.Localize(tab, "zh")
	var b bytes.Buffer
	if err := export.WriteXLSX(&b, []export.Table{tab, export.Rules(award.Cycle{ID: "2026", Config: award.DefaultConfig()})}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"材料评审", "评审规则"}) {
		t.Fatalf("sheets %v", got)
	}
	if h, _ := f.GetCellValue("材料评审", "D1"); h != "材料评审得分" {
		t.Errorf("heading %q", h)
	}
	panes, err := f.GetPanes("材料评审")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v %v", panes, err)
	}
	// the name is 11 Chinese characters: 22 + 2
	if w, _ := f.GetColWidth("材料评审", "C"); w != 24 {
		t.Errorf("name column width %v, want 24", w)
	}
	raw, _ := f.GetCellValue("材料评审", "D2", excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue("材料评审", "D2")
	if typ, _ := f.GetCellType("材料评审", "D2"); raw != "700.13" || shown != "700.13" || typ == excelize.CellTypeInlineString {
		t.Errorf("score cell raw %q shown %q type %v", raw, shown, typ)
	}
	style, _ := f.GetCellStyle("材料评审", "D2")
	if st, _ := f.GetStyle(style); st == nil || st.NumFmt != 2 {
		t.Errorf("score number format %+v", st)
	}
	if v, _ := f.GetCellValue("材料评审", "A5"); v != "vacant places: 1" {
		t.Errorf("note %q", v)
	}
	rows, _ := f.GetRows("评审规则")
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"材料评审权重 w_m|0.3", "满意度权重 w_s|0.2", "提名奖名额|10", "入围现场评审最低材料得分|400.00"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("rules sheet lacks %q:\n%s", want, text.String())
		}
	}
}

func TestCSVHasBOM(t *testing.T) {
	tab := export.Table{Header: []string{"rank", "name"}, Rows: [][]string{{"1", "武冈市云山食品有限公司"}}}
	var b bytes.Buffer
	if err := export.WriteCSV(&b, &tab, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "\ufeffrank,name\n1,武冈市云山食品有限公司\n"; got != want {
		t.Errorf("CSV %q, want %q", got, want)
	}
	// and it reads back through the importers' reader
	back, err := imports.ReadCSV("x.csv", &b)
	if err != nil || back.Header[0] != "rank" {
		t.Fatalf("read back: %v %v", back, err)
	}
}

func TestConfidentialMasked(t *testing.T) {
	a := award.Applicant{ID: "O01", Kind: award.Organization, Name: "甲", Industry: "军工配套", CreditCode: "91430581000000037P", Founded: "2005-03-01"}
	a.Profile.Confidential = []string{confidential.CreditCode, confidential.Industry}
	row := export.Applicants([]award.Applicant{a}, false).Rows[0]
	if strings.Contains(strings.Join(row, ","), "军工配套") || strings.Contains(strings.Join(row, ","), "91430581000000037P") || row[5] != "2005-03-01" {
		t.Errorf("masked row %v", row)
	}
	row = export.Applicants([]award.Applicant{a}, true).Rows[0]
	if row[3] != "军工配套" || row[4] != "91430581000000037P" {
		t.Errorf("included row %v", row)
	}
}

func TestWidth(t *testing.T) {
	if export.Width("abc") != 3 || export.Width("武冈") != 4 || export.Width("（保密）") != 8 {
		t.Error("Width")
	}
}

// TestWorkbookEmptyCells: an empty cell is left out of the sheet and takes
// its column's style, so that a score typed into it later is a number
// shown with two places, and text typed into a text column stays text.
func TestWorkbookEmptyCells(t *testing.T) {
	tab := export.Table{Name: "评分", Header: []string{"rank", "id", "material"},
		Columns: []export.Column{export.Integer, export.Text, export.Decimal2},
		Rows:    [][]string{{"1", "O01", "700.13"}, {"", "", ""}, {"2", "O02", "690"}}}
	var b bytes.Buffer
	if err := export.WriteXLSX(&b, []export.Table{tab}, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("PK\x05\x06")) {
		t.Fatal("not a zip archive")
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("评分")
	if len(rows) != 4 || len(rows[2]) != 0 || strings.Join(rows[3], ",") != "2,O02,690.00" {
		t.Fatalf("rows %q", rows)
	}
	for cell, want := range map[string]int{"A3": 1, "B3": 49, "C3": 2} {
		style, err := f.GetCellStyle("评分", cell)
		st, _ := f.GetStyle(style)
		if err != nil || st == nil || st.NumFmt != want {
			t.Errorf("%s: number format %+v, want %d (%v)", cell, st, want, err)
		}
	}
}
