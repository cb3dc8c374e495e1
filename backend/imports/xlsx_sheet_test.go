package imports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// rawWorkbook zips a workbook from the XML of its sheet, shared strings
// and styles, with date1904 set in the workbook when asked.
func rawWorkbook(t *testing.T, sheet, sst, styles string, date1904 bool) []byte {
	t.Helper()
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	rel := "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + rel + `">` +
			pr + `<sheets><sheet name="评分" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="` + rel + `/styles" Target="/xl/styles.xml"/>` +
			`<Relationship Id="rId3" Type="` + rel + `/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F9"/><sheetData>` + sheet + `</sheetData></worksheet>`,
		"xl/styles.xml":        `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + styles + `</styleSheet>`,
		"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`,
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, body := range parts {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sheetRowsOf reads every row of a workbook's first sheet.
func sheetRowsOf(t *testing.T, data []byte) ([]string, []Row, error) {
	t.Helper()
	tab, err := ReadXLSX("x.xlsx", bytes.NewReader(data), "")
	if err != nil {
		return nil, nil, err
	}
	defer tab.Close()
	var rows []Row
	err = tab.Each(func(r Row) error { rows = append(rows, r); return nil })
	return tab.Header, rows, err
}

// withWindows runs fn with the scanner's window at its size and at sizes
// that cut every tag and text at the window's edge.
func withWindows(t *testing.T, fn func(t *testing.T)) {
	for _, w := range []int{scanWindow, 5, 16, 61} {
		t.Run(fmt.Sprintf("window %d", w), func(t *testing.T) {
			old := scanWindow
			scanWindow = w
			defer func() { scanWindow = old }()
			fn(t)
		})
	}
}

const testStyles = `<numFmts count="2"><numFmt numFmtId="164" formatCode="General"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>` +
	`<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>`

// TestReadXLSXSheetForms: the forms a worksheet's XML takes in the tools
// the office uses, read in one pass: shared strings (rich text runs,
// phonetic runs, Excel's escapes), inline strings, formula results, booleans,
// ISO dates, error values, dates by built-in and custom formats, numbers
// under "General", entities, CDATA, comments, prefixed names, single
// quotes, rows and cells without references, empty rows.
func TestReadXLSXSheetForms(t *testing.T) {
	sst := `<si><t>编号</t></si><si><r><rPr><b/></rPr><t>名</t></r><r><t xml:space="preserve">称 </t></r><rPh sb="0" eb="1"><t>めい</t></rPh></si>` +
		`<si><t>第一行_x000D_` + "\n" + `第二行</t></si><si><t>a_x005F_x0041_b_xD83D__xDE00_</t></si><si/>`
	sheet := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>日期</t></is></c>` +
		`<c r="D1" t="inlineStr"><is><t>值</t></is></c><c r="E1" t="inlineStr"><is><t>备注</t></is></c></row>` +
		`<row r="3" spans="1:5"><c r="A3" t="inlineStr"><is><t>R1</t></is></c><c r="B3" t="s"><v> 2 </v></c>` +
		`<c r="C3" s="1"><v>38412</v></c><c r="D3" s="2"><v>45.000000000000007</v></c><c r="E3" t="str"><f>A3&amp;"x"</f><v>R1x</v></c></row>` +
		"\n  <!-- a comment -->\n" +
		`<row><c t="inlineStr"><is><t>R&#x4E2D;&lt;2&gt;</t></is></c><c t="b"><v>1</v></c><c s="3"><v>45000</v></c>` +
		`<c t="e"><f>1/0</f><v>#DIV/0!</v></c><c t="d"><v>2024-05-06T00:00:00Z</v></c></row>` +
		`<row r="5"><c r="A5" t="s"><v>4</v></c></row>` + // an empty shared string: an empty row
		`<row r="6"><c r='A6' t='inlineStr'><is><r><t>R</t></r><r><t><![CDATA[<3>]]></t></r></is></c><c r="B6" t="s"><v>3</v></c>` +
		`<c r="C6"/><c r="D6" s="2"><v>1.1000000000000001</v></c><c r="E6" t="inlineStr"><is><t>一&#13;` + "\r\n" + `二</t></is></c></row>` +
		`<x:row r="7" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="A7" t="inlineStr"><x:is><x:t>R7</x:t></x:is></x:c><x:c r="D7"><x:v>-0</x:v></x:c></x:row>`
	want := []Row{
		{Line: 3, Cells: []string{"R1", "第一行\n第二行", "2005-03-01", "45", "R1x"}},
		{Line: 4, Cells: []string{"R中<2>", "TRUE", "2023-03-15", "#DIV/0!", "2024-05-06"}},
		{Line: 6, Cells: []string{"R<3>", "a_x0041_b😀", "", "1.1", "一\n二"}},
		{Line: 7, Cells: []string{"R7", "", "", "0"}},
	}
	withWindows(t, func(t *testing.T) {
		header, rows, err := sheetRowsOf(t, rawWorkbook(t, sheet, sst, testStyles, false))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(header, ",") != "编号,名称,日期,值,备注" {
			t.Errorf("header %q", header)
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("rows\n got %+v\nwant %+v", rows, want)
		}
	})
}

// TestReadXLSX1904Dates: a workbook in the 1904 date system (Excel for
// Mac before 2011) counts its serial numbers from 1904-01-01.
func TestReadXLSX1904Dates(t *testing.T) {
	sheet := `<row r="1"><c r="A1" t="inlineStr"><is><t>founded</t></is></c></row>` +
		`<row r="2"><c r="A2" s="1"><v>36950</v></c></row><row r="3"><c r="A3" s="1"><v>0</v></c></row>`
	for date1904, want := range map[bool][]string{false: {"2001-02-28", "1899-12-31"}, true: {"2005-03-01", "1904-01-01"}} {
		_, rows, err := sheetRowsOf(t, rawWorkbook(t, sheet, "", testStyles, date1904))
		if err != nil {
			t.Fatal(err)
		}
		if got := []string{rows[0].Cells[0], rows[1].Cells[0]}; !reflect.DeepEqual(got, want) {
			t.Errorf("1904 system %v: %q, want %q", date1904, got, want)
		}
	}
}

// TestBadXLSXSheetXML: a damaged worksheet is refused with the row where
// the damage is, and a cell that refers to what the workbook does not
// have with its cell.
func TestBadXLSXSheetXML(t *testing.T) {
	head := `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>`
	for _, c := range []struct{ name, sheet, want string }{
		{"mismatched", `<row r="2"><c r="A2"><v>1</c></row>`,
			"x.xlsx: sheet 评分, row 2: the worksheet is damaged: XML syntax error: <v> is closed by </c>"},
		{"missing shared string", `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2" t="s"><v>7</v></c></row>`,
			`x.xlsx: sheet 评分, cell B2: name: the cell refers to shared string "7", which the workbook does not have (it has 1)`},
		{"rows out of order", `<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`,
			"x.xlsx: sheet 评分: the worksheet is damaged: row 2 comes after row 3: the worksheet's rows are out of order"},
		{"cells out of order", `<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>1</v></c></row>`,
			"x.xlsx: sheet 评分, row 2: the worksheet is damaged: cell A2 comes after cell B2: the row's cells are out of order"},
		{"cell in another row", `<row r="2"><c r="A5"><v>1</v></c></row>`,
			"x.xlsx: sheet 评分, row 2: the worksheet is damaged: cell A5 stands in row 2"},
		{"bad reference", `<row r="2"><c r="5A"><v>1</v></c></row>`,
			`x.xlsx: sheet 评分, row 2: the worksheet is damaged: "5A" is not a cell reference`},
		{"row beyond a sheet", `<row r="1048577"><c><v>1</v></c></row>`,
			`x.xlsx: sheet 评分: the worksheet is damaged: row number "1048577" is not a row of a worksheet (1 to 1048576)`},
		{"unknown entity", `<row r="2"><c r="A2" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`,
			"x.xlsx: sheet 评分, row 2: the worksheet is damaged: XML syntax error: unknown reference &nbsp;"},
		{"cut short", `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>R`,
			"x.xlsx: sheet 评分, row 3: the worksheet is damaged: the XML ends early, inside <t>"},
		{"tag in a tag", `<row r="2"><c r="A2" <v>1</v></c></row>`,
			"x.xlsx: sheet 评分, row 2: the worksheet is damaged: XML syntax error: < inside a tag"},
	} {
		data := rawWorkbook(t, head+c.sheet, `<si><t>x</t></si>`, testStyles, false)
		if c.name == "cut short" {
			data = rawWorkbookPart(t, data, "xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+head+c.sheet)
		}
		withWindows(t, func(t *testing.T) {
			if _, _, err := sheetRowsOf(t, data); err == nil || err.Error() != c.want {
				t.Errorf("%s:\n got %v\nwant %s", c.name, err, c.want)
			}
		})
	}
	for name, sheet := range map[string]string{
		"a document type":  `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>`,
		"no table":         `<worksheet></worksheet>`,
		"UTF-16":           "\xff\xfe<\x00w\x00",
		"another encoding": `<?xml version="1.0" encoding="GB2312"?><worksheet><sheetData/></worksheet>`,
	} {
		data := rawWorkbookPart(t, rawWorkbook(t, "", "", testStyles, false), "xl/worksheets/sheet1.xml", sheet)
		_, _, err := sheetRowsOf(t, data)
		if err == nil || !strings.HasPrefix(err.Error(), "x.xlsx: sheet 评分: the worksheet is damaged: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// rawWorkbookPart replaces one part of a workbook.
func rawWorkbookPart(t *testing.T, data []byte, name, body string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return rebuild(t, zr, map[string]func(*zip.Writer){name: func(w *zip.Writer) {
		f, _ := w.Create(name)
		f.Write([]byte(body))
	}})
}

// TestReadXLSXWindowEdges: the workbooks LibreOffice and excelize write
// read the same whatever the window cuts.
func TestReadXLSXWindowEdges(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "libreoffice", "*.xlsx"))
	if len(files) == 0 {
		t.Fatal("no workbooks in testdata/libreoffice")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := sheetRowsOf(t, data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		withWindows(t, func(t *testing.T) {
			if _, got, err := sheetRowsOf(t, data); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v\n got %+v\nwant %+v", file, err, got, want)
			}
		})
	}
}

// TestBadXLSXWideRowsReadAheadBounded: rows that each reach the last
// column (XFD, 16,384 cells as read) are refused at the first, and reading
// ahead of the importer holds a few of them, not thousands: 3,000 such rows
// would take 800 MB.
func TestBadXLSXWideRowsReadAheadBounded(t *testing.T) {
	var sheet strings.Builder
	sheet.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>`)
	for r := 2; r <= 3000; r++ {
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>R%d</t></is></c><c r="XFD%d"><v>1</v></c></row>`, r, r, r, r)
	}
	data := rawWorkbook(t, sheet.String(), "", testStyles, false)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	tab, err := ReadXLSX("wide.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Reviewers(tab)
	tab.Close()
	runtime.ReadMemStats(&after)
	refused(t, "wide rows", len(rs), err, "wide.xlsx: sheet 评分, cell XFD2: a cell beyond the header, which has 2 columns; remove it or give its column a header")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading ahead allocated %d MB", alloc>>20)
	}
}

// TestBadXLSXSharedStringsLimit: shared strings of more text than qaward
// holds are refused before the sheet is read.
func TestBadXLSXSharedStringsLimit(t *testing.T) {
	old := sharedTextLimit
	sharedTextLimit = 1 << 10
	defer func() { sharedTextLimit = old }()
	sst := strings.Repeat("<si><t>"+strings.Repeat("质", 100)+"</t></si>", 4)
	_, _, err := sheetRowsOf(t, rawWorkbook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, sst, testStyles, false))
	want := "x.xlsx: the workbook's shared strings hold more than 1 KiB of text: save the sheet as CSV UTF-8"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestDateFormatTokens: only a real date token (y, d, e) outside quoted
// text, escapes, fills, paddings and brackets makes a format a date; times
// and durations alone, text and General are not dates.
func TestDateFormatTokens(t *testing.T) {
	for code, want := range map[string]bool{
		"[h]:mm:ss": false, "mm:ss": false, "h:mm AM/PM": false, `0"d"`: false, `0\d`: false, "0_d": false, "0*d": false,
		"[$-F800]dddd, mmmm dd, yyyy": true, `[DBNum1][$-804]yyyy"年"m"月"d"日"`: true, "dd/mm/yyyy h:mm": true,
		"@": false, "GENERAL": false, `#,##0.00_);[Red](#,##0.00)`: false, "0%": false, ";;;": false, "": false,
		`"截至"yyyy"年"`: true, "General;@;d": false, // the first section decides
	} {
		if got := dateFormat(code); got != want {
			t.Errorf("dateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}
