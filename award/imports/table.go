// Package imports turns the office's tables (CSV now, spreadsheets later)
// into award records, validating every cell against the cycle: applicants,
// reviewers, conflicts, score sheets, satisfaction results and raw survey
// answers. A table is accepted whole or refused with the position of the
// first bad cell (file, line, column, field, what was expected); nothing is
// written here, so a refused file changes nothing.
package imports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Table is an imported sheet of rows under a header row.
type Table struct {
	File   string
	Header []string // as written, trimmed
	Rows   []Row
}

// Row is one data row with its line number in the file (1-based).
type Row struct {
	Line  int
	Cells []string
}

// Error is a refused cell or row. Column is 1-based; 0 means the whole row
// or file.
type Error struct {
	File   string
	Line   int
	Column int
	Field  string
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
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

// MaxCSVBytes bounds an imported file; the reference cycle's scores are
// about 20 MB.
const MaxCSVBytes = 512 << 20

// ReadCSV reads a UTF-8 CSV file (a byte-order mark is allowed) with a
// header row. Empty lines are skipped.
func ReadCSV(file string, r io.Reader) (*Table, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	if len(data) > MaxCSVBytes {
		return nil, &Error{File: file, Msg: fmt.Sprintf("file is larger than %d MB", MaxCSVBytes>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, &Error{File: file, Line: line, Msg: "not valid UTF-8 (save the file as CSV UTF-8)"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	t := &Table{File: file}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{File: file, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
			}
			return nil, &Error{File: file, Msg: err.Error()}
		}
		line, _ := cr.FieldPos(0)
		if t.Header == nil {
			for _, h := range rec {
				t.Header = append(t.Header, strings.TrimSpace(h))
			}
			continue
		}
		if blank(rec) {
			continue
		}
		t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	}
	if t.Header == nil {
		return nil, &Error{File: file, Line: 1, Msg: "empty file: a header row is required"}
	}
	return t, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
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
			return nil, &Error{File: t.File, Line: 1, Column: i + 1, Field: h,
				Msg: fmt.Sprintf("column repeats column %d", prev+1)}
		}
		seen[key] = i
		l.idx[key] = i
	}
	for _, c := range cols {
		if _, ok := l.idx[c.name]; !ok && c.required {
			return nil, &Error{File: t.File, Line: 1, Field: c.name,
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
	return &Error{File: l.t.File, Line: r.Line, Column: col, Field: name, Msg: fmt.Sprintf(format, args...)}
}

// required returns the cell or an error when it is empty.
func (l *layout) required(r Row, name string) (string, error) {
	v := l.get(r, name)
	if v == "" {
		return "", l.fail(r, name, "must not be empty")
	}
	return v, nil
}
