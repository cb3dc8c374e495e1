package imports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReadXLSX reads a worksheet of an Excel or WPS workbook (.xlsx) as a
// table: the named sheet, or the first one when sheet is "". The first
// non-empty row is the header; empty rows are skipped. Cells come through
// as the text a person typed: numbers exactly as entered (45, not
// 45.0000000001; Excel keeps 15 significant digits), dates as YYYY-MM-DD
// whatever their display format, text as is. The worksheet is read in one
// pass as the table is walked, each cell's value, type and style together;
// call Close when done with the table.
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
	if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) { // an OLE compound file
		return nil, &Error{File: file, Msg: "a password-protected workbook, or an old .xls file under the name .xlsx: " +
			"remove the password, or save it as an Excel workbook (.xlsx) or as CSV UTF-8"}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{File: file, Msg: "not a readable .xlsx workbook (" + err.Error() + "); save it as an Excel workbook (.xlsx) or as CSV UTF-8"}
	}
	if err := checkArchive(zr); err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	wb, err := openWorkbook(zr)
	if _, ok := err.(limitError); ok {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	if err != nil {
		return nil, &Error{File: file, Msg: "not a readable .xlsx workbook (" + err.Error() + "); save it as an Excel workbook (.xlsx) or as CSV UTF-8"}
	}
	return readSheet(file, wb, sheet, progress)
}

// Close releases what reading the table holds (a spreadsheet's open
// worksheet). It is safe to call more than once, and on any table.
func (t *Table) Close() error {
	if t.close == nil {
		return nil
	}
	c := t.close
	t.close = nil
	return c()
}

func readSheet(file string, wb *book, sheet string, progress func(done, total int)) (*Table, error) {
	if len(wb.sheets) == 0 {
		return nil, &Error{File: file, Msg: "the workbook has no worksheet"}
	}
	part := wb.sheets[0]
	if sheet != "" {
		i := slices.IndexFunc(wb.sheets, func(s sheetPart) bool { return s.name == sheet })
		if i < 0 {
			return nil, &Error{File: file, Msg: fmt.Sprintf("no sheet %q (the workbook has: %s)", sheet, strings.Join(wb.names(), ", "))}
		}
		part = wb.sheets[i]
	}
	sheet = part.name
	rc, err := wb.open(part.part)
	if err != nil {
		return nil, &Error{File: file, Sheet: sheet, Msg: err.Error()}
	}
	rows := newSheetRows(rc)
	if err := rows.start(); err != nil {
		rows.Close()
		return nil, &Error{File: file, Sheet: sheet, Msg: "the worksheet is damaged: " + err.Error()}
	}
	src := &sheetSource{file: file, sheet: sheet, rows: rows, cells: &cellReader{wb: wb}}
	header, err := src.read(nil)
	if err == io.EOF {
		rows.Close()
		return nil, &Error{File: file, Sheet: sheet, Msg: "empty sheet: a header row is required"}
	}
	if err != nil {
		rows.Close()
		return nil, err
	}
	t := &Table{File: file, Sheet: sheet}
	for _, h := range header.Cells {
		t.Header = append(t.Header, strings.TrimSpace(h))
	}
	st := src.stream(t.Header)
	t.close, t.next = st.close, st.reader(progress, rows.total)
	return t, nil
}

// sheetSource turns a worksheet's rows into table rows.
type sheetSource struct {
	file, sheet string
	rows        *sheetRows
	cells       *cellReader
	last        int // the row last read, blank or not
}

// read returns the next row that is not blank, io.EOF at the end of the
// table; header names the fields in errors.
func (s *sheetSource) read(header []string) (Row, error) {
	for {
		line, raw, err := s.rows.next()
		if err == io.EOF {
			s.last = line
			return Row{}, io.EOF
		}
		if err != nil {
			return Row{}, &Error{File: s.file, Sheet: s.sheet, Line: line, Msg: "the worksheet is damaged: " + err.Error()}
		}
		s.last = line
		cells, cerr := s.cells.row(raw, header)
		if cerr != nil {
			cerr.File, cerr.Sheet, cerr.Line = s.file, s.sheet, line
			return Row{}, cerr
		}
		if !blank(cells) {
			return Row{Line: line, Cells: cells}, nil
		}
	}
}

// rowStream reads a worksheet's rows ahead, on a goroutine of its own, in
// batches, while the rows before them are checked and stored: reading the
// XML and importing the rows take the two halves of the time, and run side
// by side.
type rowStream struct {
	ch         chan rowBatch
	stop, done chan struct{}
	closeRows  func() error
	batch      []Row
	i          int
	end        error // the error or io.EOF after batch
	last       int   // the row last read, when end is io.EOF
}

type rowBatch struct {
	rows []Row
	end  error
	last int
}

// A batch is at most streamBatch rows and, for a sheet of wide rows, about
// streamCells cells, so that what is read ahead stays small whatever the
// rows hold.
const (
	streamBatch = 512
	streamCells = 1 << 14
)

func (s *sheetSource) stream(header []string) *rowStream {
	st := &rowStream{ch: make(chan rowBatch, 4), stop: make(chan struct{}), done: make(chan struct{}), closeRows: s.rows.Close}
	go func() {
		defer close(st.done)
		var b rowBatch
		cells := 0
		for {
			r, err := s.read(header)
			if err != nil {
				b.end, b.last = err, s.last
				st.send(b)
				return
			}
			b.rows, cells = append(b.rows, r), cells+len(r.Cells)
			if len(b.rows) == streamBatch || cells >= streamCells {
				if !st.send(b) {
					return
				}
				b, cells = rowBatch{rows: make([]Row, 0, streamBatch)}, 0
			}
		}
	}()
	return st
}

func (st *rowStream) send(b rowBatch) bool {
	select {
	case st.ch <- b:
		return true
	case <-st.stop:
		return false
	}
}

// close stops the reading ahead and closes the worksheet.
func (st *rowStream) close() error {
	close(st.stop)
	<-st.done
	return st.closeRows()
}

// reader returns the table's next function, which reports the rows read
// to progress (every 1,000 and the last) on the caller's goroutine.
func (st *rowStream) reader(progress func(done, total int), total int) func() (Row, error) {
	reported := 0
	return func() (Row, error) {
		for st.i == len(st.batch) {
			if st.end != nil {
				if progress != nil && st.end == io.EOF && st.last != total && reported != -1 {
					reported = -1
					progress(st.last, st.last)
				}
				return Row{}, st.end
			}
			b := <-st.ch
			st.batch, st.i, st.end, st.last = b.rows, 0, b.end, b.last
		}
		r := st.batch[st.i]
		st.i++
		if progress != nil && (r.Line-reported >= 1000 || r.Line == total) && (total == 0 || r.Line <= total) {
			reported = r.Line
			progress(r.Line, total)
		}
		return r, nil
	}
}

// cellReader turns the cells of a row into text by their type and number
// format.
type cellReader struct{ wb *book }

// row is the text of a row's cells by column, up to the last cell with a
// value or a formula; the error has the column and field only.
func (c *cellReader) row(raw []rawCell, header []string) ([]string, *Error) {
	n := 0
	for i := range raw {
		if raw[i].formula && !raw[i].hasValue {
			return nil, &Error{Column: raw[i].col, Field: at(header, raw[i].col-1),
				Msg: "the cell holds a formula without a saved value, and qaward reads values, not formulas: " +
					"open the workbook in Excel, WPS or LibreOffice and save it, so that the values are stored, or paste the cells as values"}
		}
		if raw[i].value != "" || raw[i].formula {
			n = raw[i].col
		}
	}
	cells := make([]string, n)
	for i := range raw {
		m := &raw[i]
		if m.col > n || m.value == "" {
			continue
		}
		v, err := c.text(m)
		if err != nil {
			return nil, &Error{Column: m.col, Field: at(header, m.col-1), Msg: err.Error()}
		}
		cells[m.col-1] = v
	}
	return cells, nil
}

func (c *cellReader) text(m *rawCell) (string, error) {
	raw := m.value
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
	case "s":
		s, err := c.wb.sharedString(raw)
		if err != nil {
			return "", err
		}
		return lineFeeds(s), nil
	default: // text, formula text, errors (#N/A): as written
		return lineFeeds(raw), nil
	}
	if c.wb.isDate(m.s) {
		return serialDate(raw, c.wb.date1904)
	}
	return normalizeNumber(raw), nil
}

// lineFeeds writes Windows line ends (which Excel saves as _x000D_ and a
// line feed) as line feeds.
func lineFeeds(s string) string {
	if strings.Contains(s, "\r\n") {
		return strings.ReplaceAll(s, "\r\n", "\n")
	}
	return s
}

var isoDatePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}(T00:00:00(\.0+)?Z?)?$`)

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
