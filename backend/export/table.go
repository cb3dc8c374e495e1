// Package export writes what the office hands on to Excel, WPS and the
// rest of its tools: rankings, the candidate list, the cycle's rules and
// the cycle's data tables, as XLSX workbooks (one sheet per table, header
// row frozen, columns wide enough for Chinese text, scores as exact
// decimals shown with two places) and as CSV with a UTF-8 byte-order mark.
//
// Tables arrive as rows of text, the same rows the command line prints, so
// a column is computed in one place only; this package decides how they
// look. Applicants' confidential fields are left out by the callers through
// package confidential before rows reach it. It does no database access.
package export

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Column kinds decide a cell's type and number format in a workbook.
type Column int

// The column kinds.
const (
	Text     Column = iota // text, as is
	Integer                // whole number: rank, count, percentage
	Decimal2               // exact decimal shown with two places: a score
)

// Table is one sheet of a workbook or one CSV file.
type Table struct {
	Name    string   // sheet name: at most 31 characters, none of []:*?/\
	Header  []string // column headings
	Columns []Column // kind per column; missing entries are Text
	Rows    [][]string
	// Source, when set, makes the rows on demand instead of Rows, for a
	// table too large to hold (the scores of a cycle: 300,000 rows); it
	// may be called more than once (widths, then cells) and must give the
	// same rows each time, Count of them. A row it yields is the writer's
	// only until the next.
	Source func(yield func(row []string) bool)
	Count  int
	// Notes are lines written under the table in a workbook, after an
	// empty row (ties, vacant places); CSV leaves them out.
	Notes []string
}

// Len is the number of rows.
func (t *Table) Len() int {
	if t.Source != nil {
		return t.Count
	}
	return len(t.Rows)
}

// All yields the rows with their index, from Rows or the Source.
func (t *Table) All() func(yield func(int, []string) bool) {
	return func(yield func(int, []string) bool) {
		if t.Source == nil {
			for i, r := range t.Rows {
				if !yield(i, r) {
					return
				}
			}
			return
		}
		i := 0
		t.Source(func(r []string) bool {
			ok := yield(i, r)
			i++
			return ok
		})
	}
}

// Kind returns the kind of column i.
func (t *Table) Kind(i int) Column {
	if i < len(t.Columns) {
		return t.Columns[i]
	}
	return Text
}

// BOM is the UTF-8 byte-order mark that makes Excel and WPS read a CSV
// file as UTF-8.
const BOM = "\ufeff"

// WriteCSV writes the table as CSV with a UTF-8 byte-order mark: the
// header row, then the rows as given, except that a text cell a
// spreadsheet would run as a formula is neutralised (Neutralize); number
// columns (Integer, Decimal2) are written exactly. Notes are left out.
func WriteCSV(w io.Writer, t *Table, progress func(done, total int)) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	row := make([]string, 0, len(t.Header))
	for i, r := range t.All() {
		row = row[:0]
		for j, c := range r {
			if t.Kind(j) == Text {
				c = Neutralize(c)
			}
			row = append(row, c)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
		report(progress, i+1, t.Len())
	}
	cw.Flush()
	return cw.Error()
}

// Neutralize is a text cell as it may go into a CSV file: a cell that
// begins with =, +, -, @, a tab or a carriage return, which Excel, WPS and
// LibreOffice would take for a formula (=HYPERLINK(…), +cmd|' /C calc'!A0,
// @SUM(…)), gets a leading apostrophe, which the spreadsheet shows as text
// and does not run (OWASP's rule against CSV injection). Every other cell
// is returned as it is. Only text columns go through it: numbers are
// written exactly.
func Neutralize(cell string) string {
	if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// report calls progress every 1,000 rows and at the end.
func report(progress func(done, total int), done, total int) {
	if progress != nil && (done%1000 == 0 || done == total) {
		progress(done, total)
	}
}

// Width is the display width of s in terminal cells and spreadsheet
// characters: East Asian wide and full-width characters count 2.
func Width(s string) int {
	n := 0
	for _, r := range s {
		if wide(r) {
			n += 2
		} else if r >= ' ' {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		r >= 0x3000 && r <= 0x303F || // CJK punctuation
		r >= 0xFF01 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 // full-width forms
}

// sheetName makes a valid, unique worksheet name.
func sheetName(name string, used map[string]bool) string {
	clean := make([]rune, 0, len(name))
	for _, r := range name {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			r = '_'
		}
		clean = append(clean, r)
	}
	if len(clean) > 31 {
		clean = clean[:31]
	}
	base := string(clean)
	if base == "" {
		base = "Sheet"
	}
	n, out := 1, base
	for used[out] {
		n++
		suffix := "(" + itoa(n) + ")"
		b := []rune(base)
		if len(b)+utf8.RuneCountInString(suffix) > 31 {
			b = b[:31-utf8.RuneCountInString(suffix)]
		}
		out = string(b) + suffix
	}
	used[out] = true
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
