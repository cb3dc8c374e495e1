package imports

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads a worksheet of an Excel or WPS workbook (.xlsx) as a
// table: the named sheet, or the first one when sheet is "". The first
// non-empty row is the header; empty rows are skipped. Cells come through
// as the text a person typed: numbers exactly as entered (45, not
// 45.0000000001; Excel keeps 15 significant digits), dates as YYYY-MM-DD
// whatever their display format, text as is. Rows are read as the table is
// walked; call Close when done with the table.
func ReadXLSX(file string, r io.Reader, sheet string) (*Table, error) {
	return ReadXLSXProgress(file, r, sheet, nil)
}

// ReadXLSXProgress is ReadXLSX reporting the rows read to progress (done,
// total), when progress is not nil; total is the sheet's last row.
func ReadXLSXProgress(file string, r io.Reader, sheet string, progress func(done, total int)) (*Table, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxXLSXBytes+1))
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	if len(data) > MaxXLSXBytes {
		return nil, &Error{File: file, Msg: fmt.Sprintf("workbook is larger than %d MB; save the sheet as CSV UTF-8", MaxXLSXBytes>>20)}
	}
	if err := checkZip(data); err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxXLSXUnpackedBytes, UnzipXMLSizeLimit: xlsxStreamedPart})
	if err != nil {
		return nil, &Error{File: file, Msg: "not a readable .xlsx workbook (" + err.Error() + "); save it as an Excel workbook (.xlsx) or as CSV UTF-8"}
	}
	t, err := readSheet(file, data, f, sheet, progress)
	if err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// Close releases what reading the table holds (a spreadsheet and its
// temporary files). It is safe to call more than once, and on any table.
func (t *Table) Close() error {
	if t.close == nil {
		return nil
	}
	c := t.close
	t.close = nil
	return c()
}

func readSheet(file string, data []byte, f *excelize.File, sheet string, progress func(done, total int)) (*Table, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &Error{File: file, Msg: "the workbook has no worksheet"}
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !contains(sheets, sheet) {
		return nil, &Error{File: file, Msg: fmt.Sprintf("no sheet %q (the workbook has: %s)", sheet, strings.Join(sheets, ", "))}
	}
	meta, err := newMetaReader(data, sheet)
	if err != nil {
		return nil, &Error{File: file, Sheet: sheet, Msg: err.Error()}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		meta.Close()
		return nil, &Error{File: file, Sheet: sheet, Msg: err.Error()}
	}
	c := &cellReader{f: f, dates: map[int]bool{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		c.date1904 = *props.Date1904
	}
	total := lastRow(f, sheet)
	t := &Table{File: file, Sheet: sheet}
	line := 0
	t.close = func() error {
		rows.Close()
		meta.Close()
		return f.Close()
	}
	t.next = func() (Row, error) {
		for rows.Next() {
			line++
			if progress != nil && (line%1000 == 0 || line == total) && (total == 0 || line <= total) {
				progress(line, total)
			}
			raw, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return Row{}, &Error{File: file, Sheet: sheet, Line: line, Msg: err.Error()}
			}
			types := meta.at(line)
			if meta.err != nil {
				return Row{}, &Error{File: file, Sheet: sheet, Line: line, Msg: meta.err.Error()}
			}
			if col := formulaWithoutValue(types); col > 0 {
				return Row{}, &Error{File: file, Sheet: sheet, Line: line, Column: col, Field: at(t.Header, col-1),
					Msg: "the cell holds a formula without a saved value, and qaward reads values, not formulas: " +
						"open the workbook in Excel, WPS or LibreOffice and save it, so that the values are stored, or paste the cells as values"}
			}
			if blank(raw) {
				continue
			}
			cells := make([]string, len(raw))
			for i, v := range raw {
				if cells[i], err = c.text(types[i+1], v); err != nil {
					return Row{}, &Error{File: file, Sheet: sheet, Line: line, Column: i + 1, Field: at(t.Header, i), Msg: err.Error()}
				}
			}
			return Row{Line: line, Cells: cells}, nil
		}
		if err := rows.Error(); err != nil {
			return Row{}, &Error{File: file, Sheet: sheet, Line: line, Msg: err.Error()}
		}
		if progress != nil && line != total {
			progress(line, line)
		}
		return Row{}, io.EOF
	}
	header, err := t.next()
	if err == io.EOF {
		return nil, &Error{File: file, Sheet: sheet, Msg: "empty sheet: a header row is required"}
	}
	if err != nil {
		return nil, err
	}
	for _, h := range header.Cells {
		t.Header = append(t.Header, strings.TrimSpace(h))
	}
	return t, nil
}

// lastRow is the last row of the sheet's used range, 0 when unknown.
func lastRow(f *excelize.File, sheet string) int {
	dim, err := f.GetSheetDimension(sheet)
	if err != nil {
		return 0
	}
	_, last, _ := strings.Cut(dim, ":")
	if last == "" {
		last = dim
	}
	_, row, err := excelize.CellNameToCoordinates(last)
	if err != nil || row <= 1 { // some writers leave the dimension at A1
		return 0
	}
	return row
}

// cellReader turns raw cell values into text by their type and number
// format.
type cellReader struct {
	f        *excelize.File
	date1904 bool
	dates    map[int]bool // style ID → its number format shows a date
}

func (c *cellReader) text(m cellMeta, raw string) (string, error) {
	switch m.t {
	case "", "n": // a number
	case "b":
		if raw == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	case "d": // an ISO 8601 date: keep the date when the time is midnight
		if isoDatePattern.MatchString(raw) {
			return raw[:10], nil
		}
		return raw, nil
	default: // text, formula text, errors: as written, with Windows line ends as line feeds
		if strings.Contains(raw, "\r\n") {
			raw = strings.ReplaceAll(raw, "\r\n", "\n")
		}
		return raw, nil
	}
	if raw == "" {
		return "", nil
	}
	if c.isDate(m.s) {
		return serialDate(raw, c.date1904)
	}
	return normalizeNumber(raw), nil
}

var isoDatePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(T00:00:00(\.0+)?Z?)?$`)

// isDate reports whether the number format of a style shows a date.
func (c *cellReader) isDate(style int) bool {
	if d, ok := c.dates[style]; ok {
		return d
	}
	d := false
	if s, err := c.f.GetStyle(style); err == nil && s != nil {
		if s.CustomNumFmt != nil {
			d = dateFormat(*s.CustomNumFmt)
		} else {
			d = builtinDate(s.NumFmt)
		}
	}
	c.dates[style] = d
	return d
}

// builtinDate reports whether a built-in number format ID shows a date
// (ECMA-376 18.8.30 and the CJK locale formats).
func builtinDate(id int) bool {
	return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// dateFormat reports whether a custom number format code shows a date: its
// first section has a year (y), day (d) or era year (e) token outside
// quoted text, escaped characters and brackets ([Red], [$-804], [h]). The
// keyword General, which LibreOffice writes as a custom format, the text
// placeholder @ and the exponent of scientific notation (0.00E+00,
// 0.00e-00) are not dates.
func dateFormat(code string) bool {
	code, _, _ = strings.Cut(code, ";")
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		ch := code[i]
		switch {
		case inQuote:
			inQuote = ch != '"'
		case inBracket:
			inBracket = ch != ']'
		case ch == '"':
			inQuote = true
		case ch == '[':
			inBracket = true
		case ch == '\\' || ch == '_' || ch == '*':
			i++
		case len(code)-i >= len("General") && strings.EqualFold(code[i:i+len("General")], "General"):
			i += len("General") - 1
		case (ch == 'e' || ch == 'E') && i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-'):
			i++
		case ch == 'y' || ch == 'Y' || ch == 'd' || ch == 'D' || ch == 'e':
			return true
		}
	}
	return false
}

// serialDate turns an Excel date serial number into YYYY-MM-DD (with the
// time of day when it has one).
func serialDate(raw string, date1904 bool) (string, error) {
	whole, frac, _ := strings.Cut(strings.TrimPrefix(normalizeNumber(raw), "+"), ".")
	days, err := strconv.Atoi(whole)
	if err != nil || days < 0 || days > 2958465 {
		return "", fmt.Errorf("%q is not a date Excel can show", raw)
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days == 60:
		return "1900-02-29", nil // Excel's phantom leap day
	case days < 60:
		base = base.AddDate(0, 0, 1)
	}
	d := base.AddDate(0, 0, days)
	if strings.Trim(frac, "0") == "" {
		return d.Format(time.DateOnly), nil
	}
	// time of day: the fraction of 86400 seconds, to the nearest second
	num, _ := strconv.ParseInt((frac + "000000000")[:9], 10, 64)
	secs := (num*86400 + 500000000) / 1000000000
	return d.Add(time.Duration(secs) * time.Second).Format(time.DateTime), nil
}

// at returns list[i], or "" past its end.
func at(list []string, i int) string {
	if i >= 0 && i < len(list) {
		return list[i]
	}
	return ""
}
