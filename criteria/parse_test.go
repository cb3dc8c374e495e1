package criteria

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// base is a small valid set; the line numbers of the cases below refer to
// it, so keep every replacement to one line.
const base = `id = "t"
name = "测试"
applicant = "organization"
total = 100

[[category]]
id = "A"
name = "甲"
points = 100

[[category.item]]
id = "A1"
name = "甲一"
points = 60
kind = "process"

[[category.item]]
id = "A2"
name = "甲二"
points = 40
kind = "process"

[[band]]
kind = "process"
min = 0
max = 50
[[band.factor]]
name = "方法"
text = "差"

[[band]]
kind = "process"
min = 55
max = 100
[[band.factor]]
name = "方法"
text = "好"
`

// mutate replaces the n-th (from 1) occurrence of old in src by new.
func mutate(t *testing.T, src, old, new string, n int) string {
	t.Helper()
	at := -1
	for i, from := 0, 0; i < n; i++ {
		j := strings.Index(src[from:], old)
		if j < 0 {
			t.Fatalf("occurrence %d of %q not found", n, old)
		}
		at = from + j
		from = at + len(old)
	}
	return src[:at] + new + src[at+len(old):]
}

func TestParseBase(t *testing.T) {
	s, err := Parse("base.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "t" || s.NumItems() != 2 || s.Points(Process) != 100 || len(s.Bands[Process]) != 2 {
		t.Errorf("parsed %+v", s)
	}
	if b, i := s.BandFor(Process, 55); i != 1 || b.Factors[0].Text != "好" {
		t.Errorf("BandFor(55) = %+v #%d", b, i)
	}
}

func TestValidation(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		n        int // occurrence of old to replace; 0 means 1
		line     int
		col      int // 0: not checked
		field    string
		msg      string
	}{
		{"empty set id", `id = "t"`, `id = ""`, 1, 1, 1, "id", "the set id must not be empty"},
		{"bad set id", `id = "t"`, `id = "t x"`, 1, 1, 1, "id", `id "t x": use only letters`},
		{"missing set id", `id = "t"`, `# no id`, 1, 1, 1, "id", "missing"},
		{"empty set name", `name = "测试"`, `name = " "`, 1, 2, 1, "name", "must not be empty"},
		{"unknown applicant", `"organization"`, `"company"`, 1, 3, 1, "applicant", `unknown applicant "company" (want "organization" or "individual")`},
		{"total zero", `total = 100`, `total = 0`, 1, 4, 1, "total", "points must be greater than 0, not 0"},
		{"total mismatch", `total = 100`, `total = 120`, 1, 4, 1, "total", "total is 120 but the categories sum to 100"},
		{"category points too big", `points = 100`, `points = 2000000`, 1, 9, 1, "category[0].points", "2000000 points is more than 1000000"},
		{"empty category id", `id = "A"`, `id = ""`, 1, 7, 1, "category[0].id", "id must not be empty"},
		{"space in item id", `id = "A1"`, `id = "A 1"`, 1, 12, 1, "category[0].item[0].id", "must not contain spaces"},
		{"duplicate item id", `id = "A2"`, `id = "A1"`, 1, 18, 1, "category[0].item[1].id", `duplicate id "A1" (first used at line 12, category[0].item[0])`},
		{"item id equals category id", `id = "A1"`, `id = "A"`, 1, 12, 1, "category[0].item[0].id", `duplicate id "A" (first used at line 7, category[0])`},
		{"item points zero", `points = 60`, `points = 0`, 1, 14, 1, "category[0].item[0].points", "points must be greater than 0, not 0"},
		{"item points negative", `points = 40`, `  points = -40`, 1, 20, 3, "category[0].item[1].points", "points must be greater than 0, not -40"},
		{"items do not sum", `points = 40`, `points = 30`, 1, 9, 1, "category[0].points", `category "A" has 100 points but its items sum to 90`},
		{"unknown item kind", `kind = "process"`, `kind = "proces"`, 1, 15, 1, "category[0].item[0].kind", `unknown kind "proces" (want "process" or "results")`},
		{"missing item kind", `kind = "process"`, `#`, 2, 17, 1, "category[0].item[1].kind", "missing"},
		{"no bands for kind", `kind = "process"`, `kind = "results"`, 2, 21, 1, "category[0].item[1].kind", `no bands for kind "results"`},
		{"item name missing", `name = "甲二"`, `#`, 1, 17, 1, "category[0].item[1].name", "missing"},
		{"points as string", `points = 60`, `points = "60"`, 1, 14, 1, "category[0].item[0].points", "must be an integer, not a string"},
		{"points as float", `points = 60`, `points = 60.0`, 1, 14, 1, "category[0].item[0].points", "must be an integer, not a float (write 60)"},
		{"huge integer", `points = 60`, `points = 9223372036854775807`, 1, 14, 1, "category[0].item[0].points", "out of range"},
		{"name as number", `name = "甲一"`, `name = 1`, 1, 13, 1, "category[0].item[0].name", "must be a string, not an integer"},
		{"unknown item key", `points = 60`, `point = 60`, 1, 11, 1, "category[0].item[0].points", "missing"},
		{"band gap", `min = 55`, `min = 60`, 1, 33, 1, "band[1].min", "gap in process bands: 60–100 after 0–50 leaves 55 uncovered"},
		{"band wide gap", `min = 55`, `min = 70`, 1, 33, 1, "band[1].min", "leaves 55–65 uncovered"},
		{"band overlap", `min = 55`, `min = 50`, 1, 33, 1, "band[1].min", "process band 50–100 overlaps or precedes band 0–50"},
		{"band step", `max = 50`, `max = 52`, 1, 26, 1, "band[0].max", "52 is not a percentage in steps of 5"},
		{"band start", `min = 0`, `min = 5`, 1, 25, 1, "band[0].min", "the first process band starts at 5, want 0"},
		{"band end", `max = 100`, `max = 95`, 1, 34, 1, "band[1].max", "the last process band ends at 95, want 100"},
		{"band above 100", `max = 100`, `max = 105`, 1, 34, 1, "band[1].max", "105 is not a percentage"},
		{"band min above max", `max = 100`, `max = 50`, 1, 34, 1, "band[1].max", "band 55–50: max is below min"},
		{"band unknown kind", `kind = "process"`, `kind = "result"`, 3, 24, 1, "band[0].kind", `unknown kind "result"`},
		{"band factor differs", `name = "方法"`, `name = "展开"`, 2, 35, 1, "band[1].factor[0]", "factors [展开] differ from [方法] of band 0–50"},
		{"band factor no text", `text = "好"`, `text = ""`, 1, 37, 1, "band[1].factor[0].text", "guidance text is empty"},
		{"band without factors", "[[band.factor]]\nname = \"方法\"\ntext = \"好\"", "", 1, 31, 1, "band[1]", "band has no factors"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := c.n
			if n == 0 {
				n = 1
			}
			src := mutate(t, base, c.old, c.new, n)
			_, err := Parse("x.toml", []byte(src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %v, want *Error", err)
			}
			if e.File != "x.toml" || e.Line != c.line || (c.col != 0 && e.Column != c.col) ||
				e.Field != c.field || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("got  %s\nwant x.toml:%d:%d: %s: …%s…\nall: %v", e, c.line, c.col, c.field, c.msg, err)
			}
		})
	}
}

func TestUnknownKeys(t *testing.T) {
	src := mutate(t, base, `kind = "process"`, `colour = "red"`, 3) // band[0], line 24
	src = mutate(t, src, `applicant = "organization"`, `applicant = "organization" # ok`, 1)
	src = mutate(t, src, `name = "甲二"`, `name = "甲二"`+"\nweight = 2", 1) // adds line 20
	_, err := Parse("x.toml", []byte(src))
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("Parse = %v, want Errors", err)
	}
	want := []string{
		"x.toml:20:1: category[0].item[1].weight: unknown key (want one of id, name, name_en, points, kind)",
		"x.toml:24:1: band[0].kind: missing",
		"x.toml:25:1: band[0].colour: unknown key (want one of kind, min, max, factor)",
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	var first *Error
	if !errors.As(err, &first) || first.Line != 20 {
		t.Errorf("errors.As(*Error) = %v", first)
	}
}

func TestStructureErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		field     string
		msg       string
	}{
		{"no categories", "id = \"t\"\nname = \"n\"\napplicant = \"individual\"\ntotal = 10\n", 1, "category", "the set has no categories"},
		{"category without items", "id = \"t\"\nname = \"n\"\napplicant = \"individual\"\ntotal = 10\n\n[[category]]\nid = \"A\"\nname = \"甲\"\npoints = 10\n", 6, "category[0]", `category "A" has no items`},
		{"category as plain table", "id = \"t\"\nname = \"n\"\napplicant = \"individual\"\ntotal = 10\n[category]\nid = \"A\"\n", 5, "category", "must be an array of tables ([[category]]), not a table"},
		{"inline array of tables", "id = \"t\"\nname = \"n\"\napplicant = \"individual\"\ntotal = 10\ncategory = [{id = \"A\", name = \"甲\", points = 0, item = [{id = \"A1\", name = \"x\", points = 10, kind = \"process\"}]}]\n", 5, "category[0].points", "greater than 0"},
		{"item as plain table", "id = \"t\"\nname = \"n\"\napplicant = \"individual\"\ntotal = 10\n[[category]]\nid = \"A\"\nname = \"甲\"\npoints = 10\n[category.item]\nid = \"A1\"\n", 9, "category[0].item", "must be an array of tables ([[category.item]]), not a table"},
		{"array of numbers", "id = \"t\"\nname = \"n\"\napplicant = \"individual\"\ntotal = 10\ncategory = [1]\n", 5, "category[0]", "must be a table, not an integer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("s.toml", []byte(c.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %v, want *Error", err)
			}
			if e.Line != c.line || e.Field != c.field || !strings.Contains(e.Msg, c.msg) {
				t.Errorf("got %s; want line %d %s: %s\nall: %v", e, c.line, c.field, c.msg, err)
			}
		})
	}
}

func TestSyntaxError(t *testing.T) {
	src := mutate(t, base, `points = 40`, `points = `, 1)
	_, err := Parse("x.toml", []byte(src))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse = %v, want *Error", err)
	}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		t.Errorf("%v does not wrap toml.ParseError", err)
	}
	if e.Line != 20 || e.Column == 0 || e.Field != "" || e.Msg == "" {
		t.Errorf("got %#v", e)
	}
	if !strings.HasPrefix(e.Error(), "x.toml:20:") {
		t.Errorf("Error() = %q", e.Error())
	}
}

// TestLocatorSkipsStrings checks that table headers and keys inside
// multi-line strings and arrays do not move the reported lines.
func TestLocatorSkipsStrings(t *testing.T) {
	src := `id = "t"
name = "测试"
name_en = """
[[category]]
id = "A1"
"""
applicant = 'organization'
total = 100
"quoted key" = [
  "[[category.item]]",
  { id = "A1" },
]

[[ category ]]
id = "A"
name = '''甲
[[category.item]]
id = "A2" '''
points = 100

  [[category.item]]
  "id" = "A1" # comment [x]
  name = "甲一"
  points = 100
  kind = "process"

[[band]]
kind = "process"
min = 0
max = 100
[[band.factor]]
name = "方法"
text = """a ""b"" """
[[ band . factor ]]
name = "方法"
text = "dup"
`
	steps := []struct {
		old, new string // applied to the source of the previous step
		want     string
	}{
		{"", "", `m.toml:9:1: "quoted key": unknown key (want one of id, name, name_en, applicant, total, category, band)`},
		{"\"quoted key\" = [\n  \"[[category.item]]\",\n  { id = \"A1\" },\n]", "#\n#\n#\n#",
			`m.toml:35:1: band[0].factor[1].name: duplicate factor "方法" in this band`},
		{"[[ band . factor ]]\nname = \"方法\"\ntext = \"dup\"", "#\n#\n#",
			""},
		{`"id" = "A1"`, `"id" = "A"`,
			`m.toml:22:3: category[0].item[0].id: duplicate id "A" (first used at line 15, category[0])`},
	}
	for i, st := range steps {
		if st.old != "" {
			src = mutate(t, src, st.old, st.new, 1)
		}
		_, err := Parse("m.toml", []byte(src))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != st.want {
			t.Errorf("step %d: got\n%s\nwant\n%s", i, got, st.want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	cases := []struct {
		e    Error
		want string
	}{
		{Error{File: "f.toml", Line: 3, Column: 5, Field: "total", Msg: "bad"}, "f.toml:3:5: total: bad"},
		{Error{File: "f.toml", Line: 3, Msg: "bad"}, "f.toml:3: bad"},
		{Error{File: "f.toml", Field: "id", Msg: "bad"}, "f.toml: id: bad"},
		{Error{Msg: "bad"}, "bad"},
	}
	for _, c := range cases {
		if got := c.e.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

func TestLoad(t *testing.T) {
	s, err := Load("testdata/services.toml")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "gbt19580-2012-services" || s.Total != 1000 || s.NumItems() != 23 {
		t.Errorf("loaded %s total %d items %d", s.ID, s.Total, s.NumItems())
	}
	if it, _ := s.ItemByID("4.3.3"); it.Points != 70 {
		t.Errorf("4.3.3 = %+v, want 70 points", it)
	}
	_, err = Load("testdata/bad-sum.toml")
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/bad-sum.toml:19:1: category[1].points: ") {
		t.Errorf("Load(bad-sum) = %v", err)
	}
	if _, err := Load("testdata/none.toml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(none) = %v, want fs.ErrNotExist", err)
	}
}
