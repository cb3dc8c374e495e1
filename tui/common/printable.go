package common

import (
	"reflect"
	"strings"
	"sync"

	"qaward/award"
)

// Stored text reaches the screens escaped. Imports refuse control
// characters, but a database written by an older qaward, or through the
// store directly, may hold an applicant named "\x1b]0;PWNED\a\x1b[2J":
// drawn as it is, it would retitle the terminal and wipe the screen of
// everyone watching over SSH. The escaping cannot happen where rows are
// drawn (fit, cut), since those lines already carry the styles' own escape
// sequences; it happens where data enters the screens instead, once per
// read, with award's one sanitiser:
//
//   - Load (the scoring Data) and readRecords (the office's records) pass
//     what they read through printableData;
//   - the sheet and matrix screens pass the sheet text they read through
//     printableSheet;
//   - Text.F escapes the messages it formats, which quote data and errors.
//
// Multiline text (reasons, strengths, improvements, descriptions …) keeps
// its line feeds and tabs (award.PrintableText); fit and cut, which draw
// one line, show those escaped too (oneLine). Keys (IDs) are left alone:
// screens look records up and write them back by them, and the store
// refuses control characters in them. A record the office edits and saves
// in the TUI is saved with the escaped text it was shown.

// multilineFields are the names of the text fields that may hold line
// feeds and tabs (the award.TextRule of each is Multiline).
var multilineFields = map[string]bool{
	"Reason": true, "Strengths": true, "Improvements": true, "Description": true, "Text": true,
	"Note": true, "Comment": true, "Evidence": true, "Finding": true, "CancelReason": true,
	"Override": true, "ConfigText": true,
}

// keyField reports whether a struct field holds keys, which are left as
// they are: ID, ApplicantID, ReviewerID, LeaderID …, and the ID lists of a
// group.
func keyField(f reflect.StructField) bool {
	if f.Name == "ID" || strings.HasSuffix(f.Name, "ID") {
		return true
	}
	return f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String &&
		(f.Name == "Members" || f.Name == "Applicants" || f.Name == "Office")
}

// PrintableData escapes, in place, every text field reachable from the
// pointers it is given (structs, slices, maps and pointers, followed into
// exported fields), but keys and the criteria sets, which are the
// program's own and shared.
func PrintableData(ptrs ...any) {
	w := walker{seen: map[uintptr]bool{}}
	for _, p := range ptrs {
		w.walk(reflect.ValueOf(p), false)
	}
}

// PrintableSheet escapes the text of a sheet read from the store.
func PrintableSheet(s *award.Sheet) { PrintableData(s) }

type walker struct{ seen map[uintptr]bool }

// walk escapes the strings of v; it reports whether it changed any.
func (w walker) walk(v reflect.Value, multiline bool) bool {
	if !holdsText(v.Type()) {
		return false
	}
	switch v.Kind() {
	case reflect.String:
		s := v.String()
		p := award.Printable(s)
		if multiline {
			p = award.PrintableText(s)
		}
		if p == s || !v.CanSet() {
			return false
		}
		v.SetString(p)
		return true
	case reflect.Pointer:
		if v.IsNil() || w.seen[v.Pointer()] {
			return false
		}
		w.seen[v.Pointer()] = true
		return w.walk(v.Elem(), multiline)
	case reflect.Struct:
		changed := false
		for _, f := range structPlan(v.Type()) {
			changed = w.walk(v.Field(f.index), f.multiline) || changed
		}
		return changed
	case reflect.Slice, reflect.Array:
		changed := false
		for i := range v.Len() {
			changed = w.walk(v.Index(i), multiline) || changed
		}
		return changed
	case reflect.Map:
		if v.IsNil() {
			return false
		}
		changed := false
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			if w.walk(e, multiline) {
				v.SetMapIndex(k, e)
				changed = true
			}
		}
		return changed
	}
	return false
}

// planField is a field of a struct that walk visits.
type planField struct {
	index     int
	multiline bool
}

// plans caches, per struct type, the fields walk visits: exported, not
// keys, and able to hold text. Finding them once per type, not per value,
// is most of the walk's cost over a cycle's 14,000 sheets.
var plans sync.Map // reflect.Type -> []planField

func structPlan(t reflect.Type) []planField {
	if p, ok := plans.Load(t); ok {
		return p.([]planField)
	}
	var p []planField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && !keyField(f) && holdsText(f.Type) {
			p = append(p, planField{index: i, multiline: multilineFields[f.Name]})
		}
	}
	plans.Store(t, p)
	return p
}

// textTypes caches whether a type can hold text that walk escapes.
var textTypes = struct {
	sync.Mutex
	m map[reflect.Type]bool
}{m: map[reflect.Type]bool{}}

// holdsText reports whether values of t may hold a string walk reaches:
// false for numbers, times and the criteria sets, so that walk skips the
// percentages of a sheet and shared program data.
func holdsText(t reflect.Type) bool {
	if v, ok := knownText.Load(t); ok {
		return v.(bool) // the walk asks for every value: no lock
	}
	textTypes.Lock()
	defer textTypes.Unlock()
	r := holdsTextLocked(t, map[reflect.Type]bool{})
	knownText.Store(t, r)
	return r
}

// knownText holds the answers of holdsText for reading without the lock.
var knownText sync.Map // reflect.Type -> bool

func holdsTextLocked(t reflect.Type, deciding map[reflect.Type]bool) bool {
	if v, ok := textTypes.m[t]; ok {
		return v
	}
	if deciding[t] {
		return false // a recursive type: its other fields decide
	}
	deciding[t] = true
	r := false
	switch t.Kind() {
	case reflect.String:
		r = true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		r = holdsTextLocked(t.Elem(), deciding)
	case reflect.Struct:
		if t.PkgPath() == "qaward/criteria" || t.PkgPath() == "time" {
			break
		}
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && !keyField(f) && holdsTextLocked(f.Type, deciding) {
				r = true
				break
			}
		}
	}
	delete(deciding, t)
	if r || len(deciding) == 0 {
		textTypes.m[t] = r // a false answer inside a recursion may be wrong: not kept
	}
	return r
}

// oneLine is s with line feeds and tabs escaped as award.Printable writes
// them, for a row of the screen: text that may hold them (a reason, a
// description) stays on its row.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\n\t") {
		return lineEscapes.Replace(s)
	}
	return s
}

var lineEscapes = strings.NewReplacer("\n", `\n`, "\t", `\t`)
