package criteria

import (
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Load reads and validates the criteria set in the TOML file at path.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("criteria: %w", err)
	}
	return Parse(path, data)
}

// Parse reads and validates a criteria set from TOML source; file names the
// source in errors. Every problem is reported as an [*Error] with its
// position; several problems come as [Errors].
func Parse(file string, data []byte) (*Set, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, syntaxError(file, err)
	}
	p := &problems{file: file, loc: newLocator(data)}
	d := decode(raw, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	validate(d, p)
	if err := p.err(); err != nil {
		return nil, err
	}
	s := d.set
	s.Bands = map[Kind][]Band{}
	for _, b := range d.bands {
		s.Bands[b.kind] = append(s.Bands[b.kind], b.band)
	}
	s.ix = buildIndex(s)
	return s, nil
}

// syntaxError turns an error of the TOML decoder into an *Error.
func syntaxError(file string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Error{File: file, Line: pe.Position.Line, Column: pe.Position.Col, Msg: pe.Message, Err: err}
	}
	return &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "toml: "), Err: err}
}

// draft is a decoded set before validation, with its bands in file order.
type draft struct {
	set   *Set
	bands []draftBand
}

type draftBand struct {
	kind Kind
	band Band
}

// Keys allowed in each kind of table.
var (
	setKeys      = []string{"id", "name", "name_en", "applicant", "total", "category", "band"}
	categoryKeys = []string{"id", "name", "name_en", "points", "item"}
	itemKeys     = []string{"id", "name", "name_en", "points", "kind"}
	bandKeys     = []string{"kind", "min", "max", "factor"}
	factorKeys   = []string{"name", "name_en", "text", "text_en"}
)

// decode converts the decoded TOML into a draft, reporting values of the
// wrong type, missing keys and unknown keys.
func decode(raw map[string]any, p *problems) *draft {
	root := &obj{m: raw, p: p, allowed: setKeys}
	s := &Set{
		ID:        root.str("id", true),
		Name:      root.str("name", true),
		NameEn:    root.str("name_en", false),
		Applicant: root.str("applicant", true),
		Total:     root.int("total"),
	}
	for _, c := range root.tables("category") {
		cat := Category{
			ID:     c.str("id", true),
			Name:   c.str("name", true),
			NameEn: c.str("name_en", false),
			Points: c.int("points"),
		}
		for _, it := range c.tables("item") {
			cat.Items = append(cat.Items, Item{
				ID:       it.str("id", true),
				Name:     it.str("name", true),
				NameEn:   it.str("name_en", false),
				Points:   it.int("points"),
				Kind:     Kind(it.str("kind", true)),
				Category: cat.ID,
			})
			it.done()
		}
		s.Categories = append(s.Categories, cat)
		c.done()
	}
	d := &draft{set: s}
	for _, b := range root.tables("band") {
		db := draftBand{
			kind: Kind(b.str("kind", true)),
			band: Band{Min: b.int("min"), Max: b.int("max")},
		}
		for _, f := range b.tables("factor") {
			db.band.Factors = append(db.band.Factors, Factor{
				Name:   f.str("name", true),
				NameEn: f.str("name_en", false),
				Text:   f.str("text", true),
				TextEn: f.str("text_en", false),
			})
			f.done()
		}
		d.bands = append(d.bands, db)
		b.done()
	}
	root.done()
	return d
}

// obj is one TOML table being decoded.
type obj struct {
	m       map[string]any
	path    path
	p       *problems
	allowed []string
	seen    []string
}

// get returns the value of key, noting the key as known.
func (o *obj) get(key string) (any, bool) {
	o.seen = append(o.seen, key)
	v, ok := o.m[key]
	if !ok {
		return nil, false
	}
	return v, true
}

// str returns the string at key; a missing required key is reported.
func (o *obj) str(key string, required bool) string {
	v, ok := o.get(key)
	if !ok {
		if required {
			o.p.add(o.path.at(key), "missing")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		o.p.add(o.path.at(key), "must be a string, not %s", typeName(v))
	}
	return s
}

// maxInt bounds integers so that sums of them cannot overflow.
const maxInt = 1 << 30

// int returns the integer at key, which is required.
func (o *obj) int(key string) int {
	v, ok := o.get(key)
	if !ok {
		o.p.add(o.path.at(key), "missing")
		return 0
	}
	n, ok := v.(int64)
	if !ok {
		if f, isFloat := v.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < maxInt {
			o.p.add(o.path.at(key), "must be an integer, not a float (write %d)", int64(f))
		} else {
			o.p.add(o.path.at(key), "must be an integer, not %s", typeName(v))
		}
		return 0
	}
	if n < -maxInt || n > maxInt {
		o.p.add(o.path.at(key), "%d is out of range", n)
		return 0
	}
	return int(n)
}

// tables returns the array of tables at key; it may be missing.
func (o *obj) tables(key string) []*obj {
	v, ok := o.get(key)
	if !ok {
		return nil
	}
	var elems []any
	switch v := v.(type) {
	case []map[string]any:
		for _, m := range v {
			elems = append(elems, m)
		}
	case []any:
		elems = v
	default:
		name := key
		for i := len(o.path) - 1; i >= 0; i-- {
			name = o.path[i].key + "." + name
		}
		o.p.add(o.path.at(key), "must be an array of tables ([[%s]]), not %s", name, typeName(v))
		return nil
	}
	allowed := map[string][]string{"category": categoryKeys, "item": itemKeys, "band": bandKeys, "factor": factorKeys}[key]
	var out []*obj
	for i, e := range elems {
		m, ok := e.(map[string]any)
		if !ok {
			o.p.add(o.path.elem(key, i), "must be a table, not %s", typeName(e))
			continue
		}
		out = append(out, &obj{m: m, path: o.path.elem(key, i), p: o.p, allowed: allowed})
	}
	return out
}

// done reports the keys of the table that were not asked for.
func (o *obj) done() {
	var unknown []string
	for k := range o.m {
		if !contains(o.seen, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		o.p.add(o.path.at(k), "unknown key (want one of %s)", strings.Join(o.allowed, ", "))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// typeName names the TOML type of a decoded value.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "an array"
	}
	return "a date or time"
}
