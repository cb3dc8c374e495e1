package criteria

import (
	"strconv"
	"strings"
)

// The TOML decoder does not report where keys are, so the locator scans the
// source once, after the decoder has accepted it, and remembers the line and
// column of every table header and key. It understands what criteria files
// use: [table] and [[array]] headers, key = value lines, dotted and quoted
// keys, multi-line strings and arrays. Values inside inline tables are not
// indexed; errors there point at the key holding the inline table.

// position is a 1-based line and byte column.
type position struct{ line, col int }

// table is one table of the source: its header and its keys.
type table struct {
	at     position
	keys   map[string]position
	tables map[string]*table   // [a.b] and dotted keys
	arrays map[string][]*table // [[a.b]], in order
}

func newTable(at position) *table {
	return &table{at: at, keys: map[string]position{}, tables: map[string]*table{}, arrays: map[string][]*table{}}
}

// locator maps paths to source positions.
type locator struct {
	root *table
	// scanner state carried across lines
	ml    string // open multi-line string delimiter: `"""` or `'''`
	depth int    // open [ and { in a value
}

// newLocator indexes src, which must be valid TOML.
func newLocator(src []byte) *locator {
	l := &locator{root: newTable(position{1, 1})}
	cur := l.root
	text := strings.TrimPrefix(string(src), "\uFEFF")
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if l.ml != "" || l.depth > 0 {
			l.scanValue(line, 0)
			continue
		}
		i := skipSpace(line, 0)
		if i == len(line) || line[i] == '#' {
			continue
		}
		at := position{n + 1, i + 1}
		if line[i] == '[' {
			if strings.HasPrefix(line[i:], "[[") {
				keys, _ := parseKeys(line, i+2)
				cur = l.arrayTable(keys, at)
			} else {
				keys, _ := parseKeys(line, i+1)
				cur = l.table(keys, at)
			}
			continue
		}
		keys, j := parseKeys(line, i)
		if len(keys) > 0 {
			t := cur
			for _, k := range keys[:len(keys)-1] {
				t = descend(t, k, at)
			}
			if _, dup := t.keys[keys[len(keys)-1]]; !dup {
				t.keys[keys[len(keys)-1]] = at
			}
		}
		if j < len(line) && line[j] == '=' {
			l.scanValue(line, j+1)
		}
	}
	return l
}

// descend returns the child table k of t: the last element of an array of
// tables, or a plain table, created at pos if need be.
func descend(t *table, k string, at position) *table {
	if arr := t.arrays[k]; len(arr) > 0 {
		return arr[len(arr)-1]
	}
	c, ok := t.tables[k]
	if !ok {
		c = newTable(at)
		t.tables[k] = c
	}
	return c
}

// table handles a [a.b] header.
func (l *locator) table(keys []string, at position) *table {
	if len(keys) == 0 {
		return l.root
	}
	t := l.root
	for _, k := range keys[:len(keys)-1] {
		t = descend(t, k, at)
	}
	c := descend(t, keys[len(keys)-1], at)
	c.at = at // an implicit table gets its own header's position
	return c
}

// arrayTable handles a [[a.b]] header.
func (l *locator) arrayTable(keys []string, at position) *table {
	if len(keys) == 0 {
		return l.root
	}
	t := l.root
	for _, k := range keys[:len(keys)-1] {
		t = descend(t, k, at)
	}
	last := keys[len(keys)-1]
	c := newTable(at)
	t.arrays[last] = append(t.arrays[last], c)
	return c
}

// find returns the position of the value at p, or of the closest enclosing
// table or key that the source shows.
func (l *locator) find(p path) (line, col int) {
	t, best := l.root, l.root.at
	for _, s := range p {
		if arr, ok := t.arrays[s.key]; ok {
			if s.index < 0 || s.index >= len(arr) {
				best = arr[0].at
				break
			}
			t = arr[s.index]
			best = t.at
			continue
		}
		if c, ok := t.tables[s.key]; ok {
			t, best = c, c.at
			continue
		}
		if at, ok := t.keys[s.key]; ok {
			best = at
		}
		break
	}
	return best.line, best.col
}

// scanValue follows the value text of a line from i on, keeping track of
// open multi-line strings and brackets.
func (l *locator) scanValue(s string, i int) {
	for i < len(s) {
		if l.ml != "" {
			if l.ml == `"""` && s[i] == '\\' {
				i += 2
				continue
			}
			if strings.HasPrefix(s[i:], l.ml) {
				q := l.ml[0]
				i += 3
				for extra := 0; extra < 2 && i < len(s) && s[i] == q; extra++ {
					i++
				}
				l.ml = ""
				continue
			}
			i++
			continue
		}
		switch c := s[i]; c {
		case '#':
			return
		case '"', '\'':
			if strings.HasPrefix(s[i:], strings.Repeat(string(c), 3)) {
				l.ml = strings.Repeat(string(c), 3)
				i += 3
				continue
			}
			i = skipString(s, i)
			continue
		case '[', '{':
			l.depth++
		case ']', '}':
			if l.depth > 0 {
				l.depth--
			}
		}
		i++
	}
}

// skipString returns the index just after the one-line string opening at i.
func skipString(s string, i int) int {
	q := s[i]
	for i++; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q:
			return i + 1
		}
	}
	return len(s)
}

// parseKeys reads a dotted key from i and returns its parts and the index
// of the first character after it (and after any spaces).
func parseKeys(s string, i int) ([]string, int) {
	var keys []string
	for {
		i = skipSpace(s, i)
		if i >= len(s) {
			return keys, i
		}
		switch s[i] {
		case '"', '\'':
			end := skipString(s, i)
			raw := s[i:end]
			k := strings.Trim(raw, string(s[i]))
			if s[i] == '"' {
				if u, err := strconv.Unquote(raw); err == nil {
					k = u
				}
			}
			keys = append(keys, k)
			i = end
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t.=]#", rune(s[j])) {
				j++
			}
			if j == i {
				return keys, i
			}
			keys = append(keys, s[i:j])
			i = j
		}
		i = skipSpace(s, i)
		if i >= len(s) || s[i] != '.' {
			return keys, i
		}
		i++
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}
