package imports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// records imports a table as kind against the fuzz context and returns the
// records.
func records(tab *Table, kind string) (any, error) {
	c := fuzzContext()
	switch kind {
	case "applicants":
		return Applicants(tab, defaultSet)
	case "reviewers":
		return Reviewers(tab)
	case "conflicts":
		return Conflicts(tab, c)
	case "scores":
		return Scores(tab, c)
	case "satisfaction":
		return Satisfaction(tab, c)
	case "survey":
		return Survey(tab, c)
	}
	panic("kind " + kind)
}

// TestImportLibreOfficeXLSX imports workbooks that LibreOffice Calc made
// from CSV files (testdata/libreoffice, see its README) to the same records
// as the CSV files. LibreOffice writes its default cell style as the custom
// number format 164 "General", whose "e" was once taken for a date token:
// "cell E2: percent: \"1900-01-25\"".
func TestImportLibreOfficeXLSX(t *testing.T) {
	for _, kind := range []string{"applicants", "reviewers", "conflicts", "scores", "satisfaction", "survey"} {
		dir := filepath.Join("testdata", "libreoffice")
		f, err := os.Open(filepath.Join(dir, kind+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		tab, err := ReadCSV(kind+".csv", f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := records(tab, kind)
		f.Close()
		if err != nil {
			t.Fatalf("%s.csv: %v", kind, err)
		}
		data, err := os.ReadFile(filepath.Join(dir, kind+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("PK")) {
			t.Fatalf("%s.xlsx is not a workbook", kind)
		}
		xt, err := ReadXLSX(kind+".xlsx", bytes.NewReader(data), "")
		if err != nil {
			t.Fatal(err)
		}
		got, err := records(xt, kind)
		xt.Close()
		if err != nil {
			t.Errorf("%s.xlsx: %v", kind, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s.xlsx:\n got %+v\nwant %+v", kind, got, want)
		}
		if reflect.ValueOf(got).Len() == 0 {
			t.Errorf("%s: no records", kind)
		}
	}
}

// TestImportXLSXGeneralCustomFormat: numbers under a custom number format
// "General", as LibreOffice writes, are numbers, not dates.
func TestImportXLSXGeneralCustomFormat(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File, sh string) {
		general, text := "General", "@"
		gs, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &general})
		ts, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &text})
		for i, h := range []string{"stage", "applicant_id", "reviewer_id", "item_id", "percent"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			set(t, f, sh, cell, h)
		}
		for i := 1; i <= 5; i++ {
			row := []any{"material", "P01", "R1", "P" + string(rune('0'+i)), 20 * i}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(sh, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		f.SetCellStyle(sh, "A1", "D6", ts)
		f.SetCellStyle(sh, "E1", "E6", gs)
	})
	tab, err := ReadXLSX("scores.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	ss, err := Scores(tab, fuzzContext())
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || !reflect.DeepEqual(ss[0].Percents, []int{20, 40, 60, 80, 100}) {
		t.Fatalf("sheets %+v", ss)
	}
	for code, want := range map[string]bool{
		"General": false, "general": false, "@": false, "General;-General": false, "0.00E+00": false, "##0.0e-0": false,
		`"Date"0`: false, "[Red]General": false, `[$-804]General`: false,
		"yyyy-mm-dd": true, "YYYY\\-MM\\-DD": true, "d/m": true, `yyyy"年"m"月"d"日"`: true, "[$-804]e年m月d日": true, "mm-dd-yy": true,
	} {
		if got := dateFormat(code); got != want {
			t.Errorf("dateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestBadXLSXFormulaWithoutValue(t *testing.T) {
	data := workbook(t, "评分", func(f *excelize.File, sh string) {
		for i, h := range []string{"stage", "applicant_id", "reviewer_id", "item_id", "percent"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			set(t, f, sh, cell, h)
		}
		for i := 1; i <= 5; i++ {
			row := []any{"material", "P01", "R1", "P" + string(rune('0'+i)), 50}
			if i == 2 {
				row = row[:4]
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			f.SetSheetRow(sh, cell, &row)
		}
		// a formula excelize stores without a cached value, as a script
		// or a web export does
		if err := f.SetCellFormula(sh, "E3", "=E2+5"); err != nil {
			t.Fatal(err)
		}
	})
	tab, err := ReadXLSX("scores.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	ss, err := Scores(tab, fuzzContext())
	refused(t, "formula", len(ss), err, "scores.xlsx: sheet 评分, cell E3: percent: the cell holds a formula without a saved value, "+
		"and qaward reads values, not formulas: open the workbook in Excel, WPS or LibreOffice and save it, so that the values are stored, or paste the cells as values")
}

func TestBadXLSXControlCharacters(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File, sh string) {
		for i, h := range []string{"id", "name", "affiliation"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			set(t, f, sh, cell, h)
		}
		set(t, f, sh, "A2", "R7")
		set(t, f, sh, "B2", "张三")
		set(t, f, sh, "A3", "R8")
		set(t, f, sh, "B3", "ESCAPED李四")
		set(t, f, sh, "A4", "R9")
		set(t, f, sh, "C4", "某\u202e单位")
	})
	// Excel writes a control character in a cell as _x001B_, which
	// excelize decodes; excelize itself would not write one
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	escaped := rebuild(t, zr, map[string]func(*zip.Writer){"xl/sharedStrings.xml": func(w *zip.Writer) {
		part, _ := zr.Open("xl/sharedStrings.xml")
		text, _ := io.ReadAll(part)
		out, _ := w.Create("xl/sharedStrings.xml")
		out.Write(bytes.Replace(text, []byte("ESCAPED"), []byte("_x001B_]0;PWNED_x0007__x001B_[2J"), 1))
	}})
	tab, err := ReadXLSX("r.xlsx", bytes.NewReader(escaped), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	rs, err := Reviewers(tab)
	refused(t, "escape", len(rs), err, "r.xlsx: sheet Sheet1, cell B3: name: character 1 is U+001B (ESC): control characters are not allowed in text")
	tab, err = ReadXLSX("r.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	rs, err = Reviewers(tab)
	refused(t, "bidi", len(rs), err, "r.xlsx: sheet Sheet1, cell C4: affiliation: character 2 is U+202E (RIGHT-TO-LEFT OVERRIDE): bidirectional override characters, which can disguise text, are not allowed")

	// a header-only sheet is refused like a header-only CSV file
	data = workbook(t, "Sheet1", func(f *excelize.File, sh string) { set(t, f, sh, "A1", "id"); set(t, f, sh, "B1", "name") })
	tab, err = ReadXLSX("h.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	rs, err = Reviewers(tab)
	refused(t, "header only", len(rs), err, "h.xlsx: sheet Sheet1: no rows: the table has a header row but no data under it; nothing to import")
}

// smallWorkbook is a real one-sheet workbook's zip entries.
func smallWorkbook(t *testing.T) *zip.Reader {
	t.Helper()
	data := workbook(t, "Sheet1", func(f *excelize.File, sh string) { set(t, f, sh, "A1", "id"); set(t, f, sh, "A2", "R1") })
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

// rebuild copies a workbook's parts, replacing those in with by the raw
// (header, packed body) given.
func rebuild(t *testing.T, zr *zip.Reader, with map[string]func(w *zip.Writer)) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, f := range zr.File {
		if put, ok := with[f.Name]; ok {
			put(w)
			delete(with, f.Name)
			continue
		}
		if err := w.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for _, put := range with {
		put(w)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugeDeclaredPart is the fuzz input that killed the fuzzing worker: a
// workbook of a few KB whose styles part declares 3.98 GB unpacked, which
// excelize allocated up front.
func hugeDeclaredPart(t *testing.T) []byte {
	t.Helper()
	var body bytes.Buffer
	fw, _ := flate.NewWriter(&body, flate.BestCompression)
	fw.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`))
	fw.Close()
	return rebuild(t, smallWorkbook(t), map[string]func(*zip.Writer){"xl/styles.xml": func(w *zip.Writer) {
		raw, err := w.CreateRaw(&zip.FileHeader{Name: "xl/styles.xml", Method: zip.Deflate,
			CompressedSize64: uint64(body.Len()), UncompressedSize64: 3_980_000_000})
		if err != nil {
			t.Fatal(err)
		}
		raw.Write(body.Bytes())
	}})
}

// inflatingSheet is a workbook of about 1 MB whose worksheet truly
// unpacks to 1 GiB: a packed run of identical rows, repeated. Each piece is
// packed on its own and flushed, so the pieces join into one deflate
// stream.
func inflatingSheet(t *testing.T) []byte {
	t.Helper()
	pack := func(s []byte, final bool) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		fw.Write(s)
		if final {
			fw.Close()
		} else {
			fw.Flush()
		}
		return b.Bytes()
	}
	head := []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	tail := []byte(`</sheetData></worksheet>`)
	row := []byte(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`)
	chunk := bytes.Repeat([]byte(" "), 1<<20) // white space between rows packs best
	chunk = append(chunk[:len(chunk)-len(row)], row...)
	n := (1 << 30) / len(chunk)
	var body bytes.Buffer
	body.Write(pack(head, false))
	packed := pack(chunk, false)
	crc := crc32.Update(0, crc32.IEEETable, head)
	for i := 0; i < n; i++ {
		body.Write(packed)
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	body.Write(pack(tail, true))
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	size := uint64(len(head) + n*len(chunk) + len(tail))
	return rebuild(t, smallWorkbook(t), map[string]func(*zip.Writer){"xl/worksheets/sheet1.xml": func(w *zip.Writer) {
		raw, err := w.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(body.Len()), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		raw.Write(body.Bytes())
	}})
}

// TestBadXLSXBombsRefusedAtOnce: both bombs are refused from the zip
// directory, before excelize unpacks or allocates anything: little memory,
// no temporary file.
func TestBadXLSXBombsRefusedAtOnce(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"3.98 GB declared", hugeDeclaredPart(t), "bomb.xlsx: workbook part xl/styles.xml declares 3.7 GiB unpacked from "},
		{"1 GB from 1 MB", inflatingSheet(t), "bomb.xlsx: workbook part xl/worksheets/sheet1.xml declares 1.0 GiB unpacked from 1.1 MiB packed, "},
	} {
		if len(c.data) > 2<<20 {
			t.Fatalf("%s: the bomb is %d bytes", c.name, len(c.data))
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		tab, err := ReadXLSX("bomb.xlsx", bytes.NewReader(c.data), "")
		runtime.ReadMemStats(&after)
		if err == nil {
			tab.Close()
			t.Fatalf("%s: accepted", c.name)
		}
		if !strings.HasPrefix(err.Error(), c.want) || !strings.Contains(err.Error(), " times its size: this is a zip bomb, not a spreadsheet") {
			t.Errorf("%s:\n got %v\nwant %s…", c.name, err, c.want)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("%s: refusing allocated %d bytes", c.name, alloc)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("%s: unpacked to %s", c.name, left[0].Name())
		}
	}
	// the fuzz seed is that first bomb
	seed, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzReadXLSX", "huge_declared_part"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(seed, []byte("xl/styles.xml")) {
		t.Error("the fuzz seed is not the huge declared part")
	}
}

// declared is a zip whose directory declares parts of the given unpacked
// and packed sizes, without their bodies: checkZip reads no more.
func declared(t *testing.T, parts map[string][2]uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, sizes := range parts {
		if _, err := w.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, UncompressedSize64: sizes[0], CompressedSize64: sizes[1]}); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	return b.Bytes()
}

// TestXLSXLimitsAdmitReferenceScale: the workbooks of the reference
// cycle's 309,400 score rows pass the limits, as excelize writes them
// (export) and as LibreOffice does (the sizes measured from each), and
// twice their size too.
func TestXLSXLimitsAdmitReferenceScale(t *testing.T) {
	for name, parts := range map[string]map[string][2]uint64{
		"excelize": {"xl/worksheets/sheet1.xml": {126_580_677, 8_567_135}, "xl/styles.xml": {6_646, 1_401}, "xl/workbook.xml": {752, 408}},
		"LibreOffice": {"xl/worksheets/sheet1.xml": {100_503_022, 6_250_479}, "xl/sharedStrings.xml": {55_793, 3_844},
			"xl/styles.xml": {4_457, 657}},
		"twice": {"xl/worksheets/sheet1.xml": {253_161_354, 17_134_270}, "xl/worksheets/sheet2.xml": {200_000_000, 14_000_000}},
	} {
		if err := checkZip(declared(t, parts)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, c := range map[string]struct {
		parts map[string][2]uint64
		want  string
	}{
		"too big": {map[string][2]uint64{"xl/worksheets/sheet1.xml": {600 << 20, 40 << 20}},
			"the workbook unpacks to more than 512 MiB (part xl/worksheets/sheet1.xml declares 600 MiB)"},
		"in memory": {map[string][2]uint64{"xl/media/image1.png": {70 << 20, 69 << 20}},
			"the workbook's parts other than its worksheets unpack to more than 64 MiB (part xl/media/image1.png declares 70 MiB)"},
	} {
		if err := checkZip(declared(t, c.parts)); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant %s…", name, err, c.want)
		}
	}
}
