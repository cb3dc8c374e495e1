// Package imports turns the office's tables (CSV now, spreadsheets later)
// into award records, validating every cell against the cycle: applicants,
// reviewers, conflicts, score sheets, satisfaction results and raw survey
// answers. A table is accepted whole or refused with the position of the
// first bad cell (file, line, column, field, what was expected); nothing is
// written here, so a refused file changes nothing.
package imports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Table is an imported sheet of rows under a header row. Its rows are
// either held in Rows or, for a CSV file, read one at a time by Each, so
// that a file of hundreds of thousands of rows is never held whole.
type Table struct {
	File string
	// Sheet is the worksheet a spreadsheet table was read from ("" for
	// CSV); errors about its cells name the sheet and the cell.
	Sheet  string
	Header []string // as written, trimmed
	Rows   []Row
	next   func() (Row, error) // streaming source; io.EOF at the end
	close  func() error        // releases a spreadsheet source (see Close)
}

// Row is one data row with its line number in the file (1-based).
type Row struct {
	Line  int
	Cells []string
}

// Each calls fn for every row in order, stopping at the first error (a
// row that cannot be read is an *Error with its position). A streamed table
// can be walked once.
func (t *Table) Each(fn func(Row) error) error {
	if t.next == nil {
		for _, r := range t.Rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	for {
		r, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
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
		fmt.Fprintf(&b, ": %s", e.Field)
	}
	fmt.Fprintf(&b, ": %s", e.Msg)
	return b.String()
}

// ReadCSV reads the header row of a UTF-8 CSV file (a byte-order mark is
// allowed) and returns a table whose rows Each reads from r as it goes.
// Empty lines are skipped.
func ReadCSV(file string, r io.Reader) (*Table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\ufeff")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	t := &Table{File: file}
	t.next = func() (Row, error) {
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				return Row{}, err
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return Row{}, &Error{File: file, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
				}
				return Row{}, &Error{File: file, Msg: err.Error()}
			}
			line, _ := cr.FieldPos(0)
			for i, c := range rec {
				if !utf8.ValidString(c) {
					return Row{}, &Error{File: file, Line: line, Column: i + 1, Msg: "not valid UTF-8 (save the file as CSV UTF-8)"}
				}
			}
			if !blank(rec) {
				return Row{Line: line, Cells: rec}, nil
			}
		}
	}
	header, err := t.next()
	if err == io.EOF {
		return nil, &Error{File: file, Line: 1, Msg: "empty file: a header row is required"}
	}
	if err != nil {
		return nil, err
	}
	for _, h := range header.Cells {
		t.Header = append(t.Header, strings.TrimSpace(h))
	}
	return t, nil
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
// headers accepted for it, and whether it must be present.
type column struct {
	name     string
	aliases  []string
	required bool
}

// layout maps each expected column to its index in a table's header.
type layout struct {
	t   *Table
	idx map[string]int
}

// bind matches a table's header against the expected columns.
func bind(t *Table, cols []column) (*layout, error) {
	l := &layout{t: t, idx: map[string]int{}}
	seen := map[string]int{}
	for i, h := range t.Header {
		key := strings.ToLower(h)
		for _, c := range cols {
			if key == c.name || contains(c.aliases, h) {
				key = c.name
				break
			}
		}
		if prev, dup := seen[key]; dup && key != "" {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Column: i + 1, Field: h,
				Msg: fmt.Sprintf("column repeats column %d", prev+1)}
		}
		seen[key] = i
		l.idx[key] = i
	}
	for _, c := range cols {
		if _, ok := l.idx[c.name]; !ok && c.required {
			return nil, &Error{File: t.File, Sheet: t.Sheet, Line: 1, Field: c.name,
				Msg: fmt.Sprintf("missing column %q (header has: %s)", c.name, strings.Join(t.Header, ", "))}
		}
	}
	return l, nil
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
