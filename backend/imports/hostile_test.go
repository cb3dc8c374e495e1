package imports

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"qaward/award"
)

// importCSV reads text as a CSV file and imports it as kind against the
// fuzz context; it returns how many records came out and the error.
func importCSV(t *testing.T, file, kind, text string) (int, error) {
	t.Helper()
	tab, err := ReadCSV(file, strings.NewReader(text))
	if err != nil {
		return 0, err
	}
	return importTable(tab, kind)
}

func importTable(tab *Table, kind string) (int, error) {
	c := fuzzContext()
	switch kind {
	case "applicants":
		as, err := Applicants(tab, defaultSet)
		return len(as), err
	case "reviewers":
		rs, err := Reviewers(tab)
		return len(rs), err
	case "conflicts":
		cs, err := Conflicts(tab, c)
		return len(cs), err
	case "scores":
		ss, err := Scores(tab, c)
		return len(ss), err
	case "satisfaction":
		ss, err := Satisfaction(tab, c)
		return len(ss), err
	case "survey":
		ss, err := Survey(tab, c)
		return len(ss), err
	}
	panic("kind " + kind)
}

// individualScores is a complete sheet of P01 by R1 with strengths and
// improvements of the first item set to the given cells (CSV-quoted here).
func individualScores(strengths, improvements string) string {
	var b strings.Builder
	b.WriteString("stage,applicant_id,reviewer_id,item_id,percent,strengths,improvements\n")
	for i := 1; i <= 5; i++ {
		s, im := "", ""
		if i == 1 {
			s, im = strengths, improvements
		}
		fmt.Fprintf(&b, "material,P01,R1,P%d,50,%s,%s\n", i, s, im)
	}
	return b.String()
}

// refused checks that an import was refused with exactly want and gave
// nothing.
func refused(t *testing.T, what string, n int, err error, want string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: accepted (%d records), want %s", what, n, want)
		return
	}
	if got := err.Error(); got != want {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: not an *Error: %v", what, err)
	}
	if n != 0 {
		t.Errorf("%s: %d records came out of a refused table", what, n)
	}
}

const applicantsHeader = "id,kind,name,industry,credit_code,founded\n"

func TestBadControlCharactersRefused(t *testing.T) {
	esc := "\x1b]0;PWNED\a\x1b[2J"
	cases := []struct{ name, kind, text, want string }{
		{"terminal escape in a name", "applicants", applicantsHeader + "N1,individual," + esc + ",,,\n",
			"a.csv:2:3: name: character 1 is U+001B (ESC): control characters are not allowed in text"},
		{"BEL after text", "reviewers", "id,name,affiliation\nR7,张三\a,某单位\n",
			"a.csv:2:2: name: character 3 is U+0007 (BEL): control characters are not allowed in text"},
		{"NUL", "reviewers", "id,name,affiliation\nR7,张三,某\x00单位\n",
			"a.csv:2:3: affiliation: character 2 is U+0000 (NUL): control characters are not allowed in text"},
		{"DEL", "applicants", applicantsHeader + "N1,individual,王五,制造\x7f业,,\n",
			"a.csv:2:4: industry: character 3 is U+007F (DEL): control characters are not allowed in text"},
		{"C1 CSI", "applicants", applicantsHeader + "N1,individual,王\u009b2J五,,,\n",
			"a.csv:2:3: name: character 2 is U+009B (CSI): control characters are not allowed in text"},
		{"bidi override", "reviewers", "id,name,affiliation\nR7,abc\u202edcba,x\n",
			"a.csv:2:2: name: character 4 is U+202E (RIGHT-TO-LEFT OVERRIDE): bidirectional override characters, which can disguise text, are not allowed"},
		{"bidi isolate", "conflicts", "reviewer_id,applicant_id,reason\nR1,O01,亲属\u2067x\n",
			"a.csv:2:3: reason: character 3 is U+2067 (RIGHT-TO-LEFT ISOLATE): bidirectional override characters, which can disguise text, are not allowed"},
		{"line feed inside a name", "reviewers", "id,name,affiliation\nR7,\"张\n三\",x\n",
			"a.csv:2:2: name: character 2 is U+000A (line feed): this field is a single line; remove the line break or tab"},
		{"tab inside a name", "reviewers", "id,name,affiliation\nR7,张\t三,x\n",
			"a.csv:2:2: name: character 2 is U+0009 (tab): this field is a single line; remove the line break or tab"},
		{"escape in strengths", "scores", individualScores("\"好\x1b[31m\"", ""),
			"a.csv:2:6: strengths: character 2 is U+001B (ESC): control characters are not allowed in text"},
		{"lone CR in improvements", "scores", individualScores("", "\"一\r二\""),
			"a.csv:2:7: improvements: character 2 is U+000D (carriage return): control characters are not allowed in text"},
		{"escape in an ID", "conflicts", "reviewer_id,applicant_id,reason\nR1\x1b,O01,亲属\n",
			"a.csv:2:1: reviewer_id: character 3 is U+001B (ESC): control characters are not allowed in text"},
		{"escape in a survey answer", "survey", "applicant_id,respondent,q1\nO01,a\x1b[2J,3\n",
			"a.csv:2:2: respondent: character 2 is U+001B (ESC): control characters are not allowed in text"},
		{"escape in a header", "reviewers", "id,name\x1b[2J,affiliation\nR7,张三,x\n",
			"a.csv:1:2: header: character 5 is U+001B (ESC): control characters are not allowed in text"},
		{"escape in a cell past the header", "reviewers", "id,name\nR7,张三,\x1b[2J\n",
			"a.csv:2:3: a cell beyond the header, which has 2 columns; remove it or give its column a header"},
		{"position counts leading spaces", "reviewers", "id,name,affiliation\nR7,  张\a,x\n",
			"a.csv:2:2: name: character 4 is U+0007 (BEL): control characters are not allowed in text"},
	}
	for _, c := range cases {
		n, err := importCSV(t, "a.csv", c.kind, c.text)
		refused(t, c.name, n, err, c.want)
	}
	// long text keeps its line feeds and tabs; surrounding spaces of a name go
	tab, _ := ReadCSV("s.csv", strings.NewReader(individualScores("\"第一，过程完整。\n第二，\t数据充分。\"", "\"一\r\n二\"")))
	ss, err := Scores(tab, fuzzContext())
	if err != nil || ss[0].Strengths[0] != "第一，过程完整。\n第二，\t数据充分。" || ss[0].Improvements[0] != "一\n二" {
		t.Fatalf("multiline text: %v %+v", err, ss)
	}
	if n, err := importCSV(t, "r.csv", "reviewers", "id,name,affiliation\nR7,\" 张三\t\",x\n"); n != 1 || err != nil {
		t.Errorf("surrounding tab: %d %v", n, err)
	}
}

func TestBadTextLengthRefused(t *testing.T) {
	long := func(n int) string { return strings.Repeat("武", n) }
	cases := []struct{ name, kind, text, want string }{
		{"name", "applicants", applicantsHeader + "N1,individual," + long(101) + ",,,\n",
			"a.csv:2:3: name: 101 characters, at most 100 allowed"},
		{"industry", "applicants", applicantsHeader + "N1,individual,王五," + long(101) + ",,\n",
			"a.csv:2:4: industry: 101 characters, at most 100 allowed"},
		{"affiliation", "reviewers", "id,name,affiliation\nR7,张三," + long(101) + "\n",
			"a.csv:2:3: affiliation: 101 characters, at most 100 allowed"},
		{"reason", "conflicts", "reviewer_id,applicant_id,reason\nR1,O01," + long(2001) + "\n",
			"a.csv:2:3: reason: 2001 characters, at most 2000 allowed"},
		{"strengths", "scores", individualScores(long(5001), ""),
			"a.csv:2:6: strengths: 5001 characters, at most 5000 allowed"},
		{"improvements", "scores", individualScores("", long(5001)),
			"a.csv:2:7: improvements: 5001 characters, at most 5000 allowed"},
		{"another field", "survey", "applicant_id,respondent,q1\nO01," + long(201) + ",3\n",
			"a.csv:2:2: respondent: 201 characters, at most 200 allowed"},
	}
	for _, c := range cases {
		n, err := importCSV(t, "a.csv", c.kind, c.text)
		refused(t, c.name, n, err, c.want)
	}
	// the limits themselves are accepted
	if n, err := importCSV(t, "a.csv", "applicants", applicantsHeader+"N1,individual,"+long(100)+","+long(100)+",,\n"); n != 1 || err != nil {
		t.Errorf("100 characters: %d %v", n, err)
	}
	if n, err := importCSV(t, "a.csv", "scores", individualScores(long(5000), long(5000))); n != 1 || err != nil {
		t.Errorf("5000 characters: %d %v", n, err)
	}
}

// TestBadHugeRowRefusedEarly: a 10 MB name is refused after reading little
// more than the row limit, not after holding the whole row.
func TestBadHugeRowRefusedEarly(t *testing.T) {
	text := applicantsHeader + "N1,individual," + strings.Repeat("x", 10<<20) + ",,,\n"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n, err := importCSV(t, "big.csv", "applicants", text)
	runtime.ReadMemStats(&after)
	refused(t, "10 MB name", n, err, "big.csv:2: a row longer than 256 KiB: no field may be that long (is a closing quote missing?)")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("refusing a 10 MB row allocated %d bytes", alloc)
	}
	// an unclosed quote runs into the same limit
	text = "id,name,affiliation\nR7,\"张三,x\n" + strings.Repeat("R8,李四,某单位\n", 20000)
	n, err = importCSV(t, "q.csv", "reviewers", text)
	if err == nil || !strings.HasPrefix(err.Error(), "q.csv:") || !strings.Contains(err.Error(), "a row longer than 256 KiB") || n != 0 {
		t.Errorf("unclosed quote: %d %v", n, err)
	}
}

func TestBadRowCountRefused(t *testing.T) {
	defer func(n int) { rowLimit = n }(rowLimit)
	rowLimit = 3
	n, err := importCSV(t, "r.csv", "reviewers", "id,name\nR1,甲\nR2,乙\n\nR3,丙\nR4,丁\nR5,戊\n")
	refused(t, "four rows", n, err, "r.csv:6: more than 3 rows; split the table into smaller files")
	if n, err := importCSV(t, "r.csv", "reviewers", "id,name\nR1,甲\nR2,乙\nR3,丙\n"); n != 3 || err != nil {
		t.Errorf("three rows: %d %v", n, err)
	}
}

func TestBadColumnsRefused(t *testing.T) {
	cases := []struct{ name, kind, text, want string }{
		{"unknown column", "reviewers", "id,name,affiliation,email\nR7,张三,x,a@b.c\n",
			`r.csv:1:4: email: unknown column "email"; the columns of this table are: id (编号), name (姓名), affiliation (单位)`},
		{"unknown Chinese column", "applicants", "编号,类型,名称,备注\nN1,individual,王五,x\n",
			`r.csv:1:4: 备注: unknown column "备注"; the columns of this table are: id (编号), kind (类型), name (名称), industry (行业), credit_code (统一社会信用代码), founded (成立日期), criteria_set (评价准则)`},
		{"unknown survey column", "survey", "applicant_id,respondent,q1,note\nO01,a,3,x\n",
			`r.csv:1:4: note: unknown column "note"; the columns of this table are: applicant_id (申报编号), respondent (受访者), q1`},
		{"extra cell", "reviewers", "id,name\nR7,张三\nR8,李四,多余\n",
			"r.csv:3:3: a cell beyond the header, which has 2 columns; remove it or give its column a header"},
		{"cell under an empty header", "reviewers", "id,,name\nR7,x,张三\n",
			"r.csv:2:2: a cell under an empty header cell; name the column in the header or remove the cell"},
		{"extra cell in scores", "scores", strings.Replace(individualScores("", ""), "P3,50,,", "P3,50,,,45", 1),
			"r.csv:4:8: a cell beyond the header, which has 7 columns; remove it or give its column a header"},
	}
	for _, c := range cases {
		n, err := importCSV(t, "r.csv", c.kind, c.text)
		refused(t, c.name, n, err, c.want)
	}
	// empty cells beyond the header, and an empty header cell over empty
	// cells, carry nothing and are accepted
	if n, err := importCSV(t, "r.csv", "reviewers", "id,name,,\nR7,张三,,\nR8,李四\n"); n != 2 || err != nil {
		t.Errorf("empty extra cells: %d %v", n, err)
	}
	// a header is matched case aside: Q1 is q1
	if n, err := importCSV(t, "r.csv", "survey", "Applicant_ID,respondent,Q1\nO01,a,3\n"); n != 1 || err != nil {
		t.Errorf("capitals in the header: %d %v", n, err)
	}
}

func TestBadHeaderOnlyRefused(t *testing.T) {
	for kind, header := range map[string]string{
		"applicants": applicantsHeader, "reviewers": "id,name,affiliation\n", "conflicts": "reviewer_id,applicant_id,reason\n",
		"scores": "stage,applicant_id,reviewer_id,item_id,percent\n", "satisfaction": "applicant_id,csi,responses\n",
		"survey": "applicant_id,respondent,q1\n",
	} {
		n, err := importCSV(t, "h.csv", kind, "\ufeff"+header+"\n,,\n")
		refused(t, kind, n, err, "h.csv: no rows: the table has a header row but no data under it; nothing to import")
	}
}

func TestBadFoundedInFuture(t *testing.T) {
	defer func(f func() time.Time) { today = f }(today)
	today = func() time.Time { return time.Date(2026, 12, 1, 15, 0, 0, 0, time.Local) }
	for _, c := range []struct{ founded, want string }{
		{"2099-01-01", `a.csv:2:6: founded: "2099-01-01" is after today (2026-12-01): a founding date cannot be in the future`},
		{"2026-12-02", `a.csv:2:6: founded: "2026-12-02" is after today (2026-12-01): a founding date cannot be in the future`},
		{"2027", `a.csv:2:6: founded: "2027" is after today (2026-12-01): a founding date cannot be in the future`},
		{"1799-05-01", `a.csv:2:6: founded: "1799-05-01": year before 1800`},
	} {
		n, err := importCSV(t, "a.csv", "applicants", applicantsHeader+"N1,organization,甲公司,食品,91330100716105852F,"+c.founded+"\n")
		refused(t, c.founded, n, err, c.want)
	}
	for _, ok := range []string{"2026-12-01", "2026-12", "2026", "1800"} {
		if n, err := importCSV(t, "a.csv", "applicants", applicantsHeader+"N1,organization,甲公司,食品,91330100716105852F,"+ok+"\n"); n != 1 || err != nil {
			t.Errorf("founded %s: %v", ok, err)
		}
	}
	// an individual's date is checked too
	n, err := importCSV(t, "a.csv", "applicants", applicantsHeader+"P9,individual,王五,,,2099-01-01\n")
	refused(t, "individual", n, err, `a.csv:2:6: founded: "2099-01-01" is after today (2026-12-01): a founding date cannot be in the future`)
}

func TestBadCreditCodeMessages(t *testing.T) {
	n, err := importCSV(t, "a.csv", "applicants", applicantsHeader+"N1,organization,甲公司,食品,９１３３０１００７１６１０５８５２Ｆ,\n")
	refused(t, "full-width", n, err, `a.csv:2:5: credit_code: credit code "９１３３０１００７１６１０５８５２Ｆ" has 18 full-width characters (of 18); type the code in half-width ASCII digits and capital letters (半角)`)
	n, err = importCSV(t, "a.csv", "applicants", applicantsHeader+"N1,organization,甲公司,食品,统一社会信用代码统一社会信用代码统一,\n")
	refused(t, "Chinese", n, err, `a.csv:2:5: credit_code: credit code "统一社会信用代码统一社会信用代码统一": character 1 ('统') is not allowed: a credit code has only the digits 0–9 and the capital letters A–Y except I, O, S, V`)
}

// TestBadEscapesNeverReachTheMessage: what a refusal quotes of the file
// holds no character a terminal would act on.
func TestBadEscapesNeverReachTheMessage(t *testing.T) {
	for _, text := range []string{
		"id,name,x\x1b[2J\nR1,a,b\n",
		"id,kind,name\nN1,\x1b[2Jorg,x\n",
		"id,name\nR\u202e1,a\n",
	} {
		kind := "reviewers"
		if strings.Contains(text, "kind") {
			kind = "applicants"
		}
		_, err := importCSV(t, "e.csv", kind, text)
		if err == nil || award.HasRefused(err.Error(), false) {
			t.Errorf("%q: %q", text, err)
		}
	}
	e := &Error{File: "f.csv", Line: 1, Field: "x\x1by", Msg: "m"}
	if got := e.Error(); got != `f.csv:1: "x\x1by": m` {
		t.Errorf("field %q", got)
	}
}
