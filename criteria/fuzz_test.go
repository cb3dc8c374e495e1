package criteria

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// an *Error or Errors with a sane position, and that every set it accepts
// keeps the invariants the rest of the program relies on. The seed corpus is
// in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, id := range []string{GBT19580ID, IndividualID} {
		src, _ := BuiltinSource(id)
		f.Add(src)
	}
	f.Add([]byte(base))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data)
		if err != nil {
			checkError(t, data, err)
			return
		}
		checkSet(t, s)
	})
}

func checkError(t *testing.T, data []byte, err error) {
	var list []*Error
	var es Errors
	var e *Error
	switch {
	case errors.As(err, &es):
		list = es
		if len(es) < 2 || len(es) > maxErrors {
			t.Fatalf("Errors of length %d", len(es))
		}
	case errors.As(err, &e):
		list = []*Error{e}
	default:
		t.Fatalf("error %T %v is not *Error", err, err)
	}
	lines := strings.Count(string(data), "\n") + 1
	for _, e := range list {
		if e == nil || e.File != "fuzz.toml" || e.Msg == "" {
			t.Fatalf("bad error %#v", e)
		}
		if e.Line < 0 || e.Line > lines || e.Column < 0 {
			t.Fatalf("%v: position outside the %d lines of the source", e, lines)
		}
		_ = e.Error()
	}
}

func checkSet(t *testing.T, s *Set) {
	if s.ID == "" || (s.Applicant != Organization && s.Applicant != Individual) {
		t.Fatalf("accepted set %q for %q", s.ID, s.Applicant)
	}
	sum := 0
	for i, it := range s.Items() {
		if it.Points <= 0 || !it.Kind.Valid() {
			t.Fatalf("accepted item %+v", it)
		}
		if j, ok := s.ItemIndex(it.ID); !ok || j != i {
			t.Fatalf("ItemIndex(%q) = %d, %v; want %d", it.ID, j, ok, i)
		}
		sum += it.Points
	}
	if sum != s.Total || s.Points(Process)+s.Points(Results) != s.Total {
		t.Fatalf("items sum to %d, total %d", sum, s.Total)
	}
	for _, k := range s.Kinds() {
		for p := 0; p <= 100; p += 5 {
			if b, i := s.BandFor(k, p); i < 0 || b.Min > p || b.Max < p || len(b.Factors) == 0 {
				t.Fatalf("BandFor(%s, %d) = %+v, %d", k, p, b, i)
			}
		}
	}
	c := s.Clone()
	if !reflect.DeepEqual(c.Items(), s.Items()) || !reflect.DeepEqual(c.Bands, s.Bands) {
		t.Fatal("Clone differs")
	}
}
