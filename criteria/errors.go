package criteria

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Error is a problem in a criteria file, at a position in its source.
//
// Line and Column start at 1; they are 0 when the position is unknown (for
// a set built in code and checked with [Validate]). Field is the path of the
// offending value, such as "category[2].item[0].points" (indices from 0); it
// is empty for TOML syntax errors.
type Error struct {
	File         string
	Line, Column int
	Field        string
	Msg          string

	// Err is the underlying error, such as a toml.ParseError; may be nil.
	Err error
}

// Error formats the problem as "file:line:col: field: msg", leaving out the
// parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errors is the list of problems of a file that has more than one, in the
// order of the file. errors.As(err, &e) with e of type *Error finds the
// first.
type Errors []*Error

// Error lists the problems one per line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}

// maxErrors bounds the problems reported for one file.
const maxErrors = 50

// problems collects the errors of one file.
type problems struct {
	file string
	loc  *locator // nil: positions unknown
	list Errors
}

// add records a problem with the value at path.
func (p *problems) add(path path, format string, args ...any) {
	if len(p.list) >= maxErrors {
		return
	}
	e := &Error{File: p.file, Field: path.String(), Msg: fmt.Sprintf(format, args...)}
	if p.loc != nil {
		e.Line, e.Column = p.loc.find(path)
	}
	p.list = append(p.list, e)
}

// line returns the line of the value at path, or 0.
func (p *problems) line(at path) int {
	if p.loc == nil {
		return 0
	}
	line, _ := p.loc.find(at)
	return line
}

// err returns nil, the single *Error, or Errors sorted by position.
func (p *problems) err() error {
	switch len(p.list) {
	case 0:
		return nil
	case 1:
		return p.list[0]
	}
	sort.SliceStable(p.list, func(i, j int) bool {
		a, b := p.list[i], p.list[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return p.list
}

// step is one element of a path: a key, and an index when the key holds an
// array of tables.
type step struct {
	key   string
	index int // -1: not indexed
}

// path locates a value in a criteria file.
type path []step

// at returns the path extended by key (not indexed).
func (p path) at(key string) path { return p.with(step{key, -1}) }

// elem returns the path extended by key[i].
func (p path) elem(key string, i int) path { return p.with(step{key, i}) }

func (p path) with(s step) path {
	q := make(path, len(p), len(p)+1)
	copy(q, p)
	return append(q, s)
}

// String formats the path as category[2].item[0].points.
func (p path) String() string {
	var b strings.Builder
	for i, s := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		if isBare(s.key) {
			b.WriteString(s.key)
		} else {
			b.WriteString(strconv.Quote(s.key))
		}
		if s.index >= 0 {
			fmt.Fprintf(&b, "[%d]", s.index)
		}
	}
	return b.String()
}

// isBare reports whether a TOML key can be written without quotes.
func isBare(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
