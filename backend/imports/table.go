// Package imports turns the office's tables (CSV files and XLSX worksheets)
// into award records, validating every cell against the cycle: applicants,
// reviewers, conflicts, score sheets, satisfaction results and raw survey
// answers. A table is accepted whole or refused with the position of the
// first bad cell (file, line, column, field, what was expected); nothing is
// written here, so a refused file changes nothing.
//
// The rules every kind of table gets, in this file: a header row naming
// known columns only; no cell beyond the header; every cell within the text
// rules of its column (award/text.go: no control characters, a length limit
// in characters); at least one row and at most MaxRows; a CSV row of at most
// MaxRowBytes.
package imports

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"qaward/award"
)

// Limits of a table read, so that a huge or hostile file is refused early.
const (
	// MaxRows bounds the data rows of a table: ten times the reference
	// cycle's 310,000 score rows fit (DESIGN §5); a worksheet has at most
	// 1,048,576 rows anyway.
	MaxRows = 4_000_000
	// MaxRowBytes bounds one CSV row (record) as UTF-8: two long texts of
	// 5,000 four-byte characters fit four times over.
	MaxRowBytes = 256 << 10
	// MaxCSVBytes bounds a CSV file as UTF-8 text.
	MaxCSVBytes = 1 << 30
)

// rowLimit is MaxRows; tests lower it.
var rowLimit = MaxRows

// Table is an imported sheet of rows under a header row. Its rows are
// either held in Rows or, for a CSV file, read one at a time by Each, so
// that a file of hundreds of thousands of rows is never held whole.
type Table struct {
	File string
	// Sheet is the worksheet a spreadsheet table was read from ("" for
	// CSV); errors about its cells name the sheet and the cell.
	Sheet string
	// Encoding is what a CSV file was read as (UTF8 or GB18030).
	Encoding Encoding
	Header   []string // as written, trimmed
	Rows     []Row
	next     func() (Row, error) // streaming source; io.EOF at the end
	close    func() error        // releases a spreadsheet source (see Close)
	check    func(Row) error     // the column rules, set by bind
}

// Row is one data row with its line number in the file (1-based).
type Row struct {
	Line  int
	Cells []string
}

// Each calls fn for every row in order, stopping at the first error (a
// row that cannot be read is an *Error with its position). Every row is
// first checked against the rules of its columns (see bind); a table
// without rows, or with more than MaxRows, is refused. A streamed table can
// be walked once.
func (t *Table) Each(fn func(Row) error) error {
	check := t.check
	if check == nil {
		check = t.checkCells
	}
	n := 0
	visit := func(r Row) error {
		if n++; n > rowLimit {
			return &Error{File: t.File, Sheet: t.Sheet, Line: r.Line,
				Msg: fmt.Sprintf("more than %d rows; split the table into smaller files", rowLimit)}
		}
		if err := check(r); err != nil {
			return err
		}
		return fn(r)
	}
	if t.next == nil {
		for _, r := range t.Rows {
			if err := visit(r); err != nil {
				return err
			}
		}
	} else {
		for {
			r, err := t.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			if err := visit(r); err != nil {
				return err
			}
		}
	}
	if n == 0 {
		return &Error{File: t.File, Sheet: t.Sheet, Msg: "no rows: the table has a header row but no data under it; nothing to import"}
	}
	return nil
}

// Error is a refused cell or row. Column is 1-based; 0 means the whole row
// or file. For a spreadsheet, Sheet names the worksheet and Line is the row
// number, and the message names the cell as Excel does ("cell E17").
type Error struct {
	File   string
	Sheet  string
	Line   int
	Column int
	Field  string
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		b.WriteString(sheetPosition(e.Sheet, e.Line, e.Column))
	} else if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": %s", safe(e.Field))
	}
	fmt.Fprintf(&b, ": %s", e.Msg)
	return b.String()
}

// safe quotes text that holds a character a terminal could act on.
func safe(s string) string {
	if award.HasRefused(s, false) {
		return fmt.Sprintf("%+q", s)
	}
	return s
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// column describes one expected column: its contract name, the Chinese
// headers accepted for it, and whether it must be present. The rule for its
// text follows from its name (textRules).
type column struct {
	name     string
	aliases  []string
	required bool
}

// textRules are the text rules of the columns named so in any table of
// any kind; a column of another name is a single line of at most
// award.MaxFieldLen characters (award.FieldText).
var textRules = map[string]award.TextRule{
	"name":         award.NameText,
	"legal_person": award.NameText,
	"industry":     award.IndustryText,
	"affiliation":  award.AffiliationText,
	"reason":       award.ReasonText,
	"strengths":    award.StrengthsText,
	"improvements": award.ImprovementsText,
	"description":  award.DescriptionText,
}

func (c column) rule() award.TextRule {
	if r, ok := textRules[c.name]; ok {
		return r
	}
	return award.FieldText
}

// layout maps each expected column to its index in a table's header.
type layout struct {
	t     *Table
	idx   map[string]int
	names []string         // contract name of each header column, "" for an empty header cell
	rules []award.TextRule // text rule of each header column
}

// bind matches a table's header against the expected columns: every
// header names one of them (by name, case aside, or by a Chinese alias),
// none twice, and each required one is there. From then on Each checks every
// row against the columns' text rules and refuses cells beyond the header.
func bind(t *Table, cols []column) (*layout, error) {
	l := &layout{t: t, idx: map[string]int{}, names: make([]string, len(t.Header)), rules: make([]award.TextRule, len(t.Header))}
	for i, h := range t.Header {
		if err := award.FieldText.Check(h); err != nil {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Column: i + 1, Msg: "header: " + err.Error()}
		}
		if h == "" {
			continue
		}
		var col *column
		for j := range cols {
			if strings.EqualFold(h, cols[j].name) || contains(cols[j].aliases, h) {
				col = &cols[j]
				break
			}
		}
		if col == nil {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Column: i + 1, Field: h,
				Msg: fmt.Sprintf("unknown column %q; the columns of this table are: %s", h, expected(cols))}
		}
		if prev, dup := l.idx[col.name]; dup {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Column: i + 1, Field: h,
				Msg: fmt.Sprintf("column repeats column %d", prev+1)}
		}
		l.idx[col.name] = i
		l.names[i] = col.name
		l.rules[i] = col.rule()
	}
	for _, c := range cols {
		if _, ok := l.idx[c.name]; !ok && c.required {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Field: c.name,
				Msg: fmt.Sprintf("missing column %q (header has: %s)", c.name, strings.Join(t.Header, ", "))}
		}
	}
	t.check = l.checkRow
	return l, nil
}

// expected lists the columns of a table with their first Chinese header:
// "id (编号), kind (类型), …".
func expected(cols []column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
		if len(c.aliases) > 0 {
			names[i] += " (" + c.aliases[0] + ")"
		}
	}
	return strings.Join(names, ", ")
}

// checkRow checks every cell of a row: a cell beyond the header, or under
// an empty header cell, must be empty; the others keep their column's text
// rule, on their text without surrounding spaces.
func (l *layout) checkRow(r Row) error {
	for i, c := range r.Cells {
		if i >= len(l.names) || l.names[i] == "" {
			if strings.TrimSpace(c) != "" {
				return l.t.extraCell(r, i)
			}
			continue
		}
		if err := cellText(l.rules[i], c); err != nil {
			return &Error{File: l.t.File, Sheet: l.t.Sheet, Line: r.Line, Column: i + 1, Field: l.names[i], Msg: err.Error()}
		}
	}
	return nil
}

// checkCells is the row check of a table walked without bind: no cells
// beyond the header and no control characters anywhere.
func (t *Table) checkCells(r Row) error {
	for i, c := range r.Cells {
		if i >= len(t.Header) && strings.TrimSpace(c) != "" {
			return t.extraCell(r, i)
		}
		if err := cellText(award.TextRule{Multiline: true}, c); err != nil {
			field := ""
			if i < len(t.Header) {
				field = t.Header[i]
			}
			return &Error{File: t.File, Sheet: t.Sheet, Line: r.Line, Column: i + 1, Field: field, Msg: err.Error()}
		}
	}
	return nil
}

func (t *Table) extraCell(r Row, i int) *Error {
	msg := fmt.Sprintf("a cell beyond the header, which has %d columns; remove it or give its column a header", len(t.Header))
	if i < len(t.Header) {
		msg = "a cell under an empty header cell; name the column in the header or remove the cell"
	}
	return &Error{File: t.File, Sheet: t.Sheet, Line: r.Line, Column: i + 1, Msg: msg}
}

// cellText checks a cell's text without its surrounding spaces against a
// rule; the position of a refused character counts from the cell's start.
func cellText(rule award.TextRule, cell string) error {
	v := strings.TrimSpace(cell)
	err := rule.Check(v)
	if te, ok := err.(*award.TextError); ok && te.Rune != 0 {
		lead := len(cell) - len(strings.TrimLeftFunc(cell, unicode.IsSpace))
		te.Index += utf8.RuneCountInString(cell[:lead])
	}
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// has reports whether the table has the column.
func (l *layout) has(name string) bool {
	_, ok := l.idx[name]
	return ok
}

// get returns a row's trimmed cell of the named column ("" when absent).
func (l *layout) get(r Row, name string) string {
	i, ok := l.idx[name]
	if !ok || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// fail builds the error for a row's cell in the named column.
func (l *layout) fail(r Row, name, format string, args ...any) *Error {
	col := 0
	if i, ok := l.idx[name]; ok {
		col = i + 1
	}
	return &Error{File: l.t.File, Sheet: l.t.Sheet, Line: r.Line, Column: col, Field: name, Msg: fmt.Sprintf(format, args...)}
}

// required returns the cell or an error when it is empty.
func (l *layout) required(r Row, name string) (string, error) {
	v := l.get(r, name)
	if v == "" {
		return "", l.fail(r, name, "must not be empty")
	}
	return v, nil
}
