package imports

import (
	"bytes"
	"errors"

	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"qaward/criteria"
)

// workbook builds an .xlsx in memory; fill writes its cells.
func workbook(t *testing.T, sheet string, fill func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	fill(f, sheet)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func set(t *testing.T, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func TestReadXLSXTypedValues(t *testing.T) {
	data := workbook(t, "申报单位", func(f *excelize.File, sh string) {
		for i, h := range []string{"编号", "类型", "名称", "行业", "统一社会信用代码", "成立日期"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			set(t, f, sh, cell, h)
		}
		set(t, f, sh, "A2", "O01")
		set(t, f, sh, "B2", "组织")
		set(t, f, sh, "C2", "武冈市云山食品有限公司")
		set(t, f, sh, "D2", "食品制造")
		set(t, f, sh, "E2", "91430581000000037P")
		// a date typed into Excel: a serial number with a date format
		set(t, f, sh, "F2", 38412)
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle(sh, "F2", "F2", style)
		set(t, f, sh, "A4", "P01") // row 3 left empty
		set(t, f, sh, "B4", "个人")
		set(t, f, sh, "C4", "王建国")
		// a Chinese date format
		set(t, f, sh, "F4", 45000)
		custom := `yyyy"年"m"月"d"日"`
		cs, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
		f.SetCellStyle(sh, "F4", "F4", cs)
	})
	tab, err := ReadXLSX("applicants.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if tab.Sheet != "申报单位" || strings.Join(tab.Header, ",") != "编号,类型,名称,行业,统一社会信用代码,成立日期" {
		t.Fatalf("sheet %q header %q", tab.Sheet, tab.Header)
	}
	var rows []Row
	if err := tab.Each(func(r Row) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 4 {
		t.Fatalf("rows %+v", rows)
	}
	if got := rows[0].Cells[5]; got != "2005-03-01" {
		t.Errorf("founded %q, want 2005-03-01", got)
	}
	if got := rows[1].Cells[5]; got != "2023-03-15" {
		t.Errorf("Chinese-format date %q, want 2023-03-15", got)
	}
}

func TestReadXLSXScoresAndCellErrors(t *testing.T) {
	header := []string{"阶段", "申报编号", "评审员编号", "条款", "得分率", "优势", "改进机会"}
	set19580, _ := criteria.Lookup("individual")
	build := func(bad bool) []byte {
		return workbook(t, "评分", func(f *excelize.File, sh string) {
			for i, h := range header {
				cell, _ := excelize.CoordinatesToCellName(i+1, 1)
				set(t, f, sh, cell, h)
			}
			for i, it := range set19580.Items() {
				row := i + 2
				cell := func(c int) string { s, _ := excelize.CoordinatesToCellName(c, row); return s }
				set(t, f, sh, cell(1), "材料评审")
				set(t, f, sh, cell(2), "P01")
				set(t, f, sh, cell(3), "R1")
				set(t, f, sh, cell(4), it.ID)
				// 45 stored as binary floating point noise, as some tools do
				set(t, f, sh, cell(5), 45.000000000000007)
				set(t, f, sh, cell(6), "优势"+it.ID)
			}
			if bad {
				f.SetCellValue(sh, "E4", 47)
			}
		})
	}
	tab, err := ReadXLSX("scores.xlsx", bytes.NewReader(build(false)), "评分")
	if err != nil {
		t.Fatal(err)
	}
	ss, err := Scores(tab, fuzzContext())
	tab.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || ss[0].Percents[0] != 45 || ss[0].Strengths[2] != "优势P3" || !ss[0].Submitted {
		t.Fatalf("sheets %+v", ss)
	}

	tab, err = ReadXLSX("scores.xlsx", bytes.NewReader(build(true)), "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Scores(tab, fuzzContext())
	tab.Close()
	want := `scores.xlsx: sheet 评分, cell E4: percent: "47": want a percentage 0, 5, 10, …, 100`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v\nwant  %s", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Sheet != "评分" || e.Line != 4 || e.Column != 5 {
		t.Fatalf("error fields %+v", e)
	}
}

func TestReadXLSXRefusals(t *testing.T) {
	if _, err := ReadXLSX("x.xlsx", strings.NewReader("id,name\n"), ""); err == nil || !strings.Contains(err.Error(), "x.xlsx: not a readable .xlsx workbook") {
		t.Errorf("CSV bytes: %v", err)
	}
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...)
	if _, err := ReadXLSX("p.xlsx", bytes.NewReader(ole), ""); err == nil || !strings.HasPrefix(err.Error(), "p.xlsx: a password-protected workbook, or an old .xls file") {
		t.Errorf("OLE file: %v", err)
	}
	empty := workbook(t, "Sheet1", func(*excelize.File, string) {})
	if _, err := ReadXLSX("e.xlsx", bytes.NewReader(empty), ""); err == nil || err.Error() != "e.xlsx: sheet Sheet1: empty sheet: a header row is required" {
		t.Errorf("empty: %v", err)
	}
	if _, err := ReadXLSX("e.xlsx", bytes.NewReader(empty), "评分"); err == nil || !strings.Contains(err.Error(), `no sheet "评分" (the workbook has: Sheet1)`) {
		t.Errorf("missing sheet: %v", err)
	}
	// a missing column names the sheet
	data := workbook(t, "Sheet1", func(f *excelize.File, sh string) { set(t, f, sh, "A1", "id") })
	tab, err := ReadXLSX("r.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if _, err := Reviewers(tab); err == nil || !strings.HasPrefix(err.Error(), `r.xlsx: sheet Sheet1, row 1: name: missing column "name"`) {
		t.Errorf("missing column: %v", err)
	}
}

func TestCSVErrorsUnchanged(t *testing.T) {
	tab, err := ReadCSV("file.csv", strings.NewReader("id,name\nR1,\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Reviewers(tab)
	if err == nil || err.Error() != "file.csv:2:2: name: must not be empty" {
		t.Errorf("CSV error %v", err)
	}
}

func TestNormalizeNumber(t *testing.T) {
	for in, want := range map[string]string{
		"45": "45", "45.000000000000007": "45", "1.1000000000000001": "1.1", "87.5": "87.5",
		"4.5E+1": "45", "1E-3": "0.001", "-0": "0", "0.30000000000000004": "0.3",
		"99.999999999999999": "100", "123456789012345678": "123456789012346000",
		"2.5e-7": "0.00000025", "-12.50": "-12.5", "007": "7", "abc": "abc",
	} {
		if got := normalizeNumber(in); got != want {
			t.Errorf("normalizeNumber(%q) = %q, want %q", in, got, want)
		}
	}
	for raw, want := range map[string]string{"38412": "2005-03-01", "1": "1900-01-01", "61": "1900-03-01", "45000.5": "2023-03-15 12:00:00"} {
		if got, err := serialDate(raw, false); err != nil || got != want {
			t.Errorf("serialDate(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	if got, _ := serialDate("0", true); got != "1904-01-01" {
		t.Errorf("1904 system: %q", got)
	}
	if !dateFormat(`yyyy"年"m"月"d"日"`) || dateFormat(`0.00"天"`) || dateFormat("[Red]0.00") || !dateFormat("mm-dd-yy") {
		t.Error("dateFormat")
	}
	if ColumnName(1) != "A" || ColumnName(26) != "Z" || ColumnName(27) != "AA" || ColumnName(703) != "AAA" {
		t.Error("columnName")
	}
}
