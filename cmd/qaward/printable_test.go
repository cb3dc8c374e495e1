package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"qaward/store"
)

// hostileName is an applicant's name from an older database: it retitles
// the terminal window (OSC 0) and clears the screen.
const hostileName = "\x1b]0;PWNED\a\x1b[2J王建国"

// renameApplicants writes names into the database directly, as an older
// qaward or another tool could have, bypassing the import's checks.
func renameApplicants(t *testing.T, db string, names map[string]string) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cycle, err := st.CurrentCycle()
	if err != nil {
		t.Fatal(err)
	}
	as, err := st.Applicants(cycle)
	if err != nil {
		t.Fatal(err)
	}
	for i := range as {
		if n, ok := names[as[i].ID]; ok {
			as[i].Name = n
		}
	}
	if err := st.PutApplicants("office", cycle, as); err != nil {
		t.Fatal(err)
	}
}

// TestStoredTextReachesNoTerminalUnescaped: a name holding terminal escapes
// prints escaped in every table (rank at each stage, candidates), and as
// the exact data in JSON; in CSV, names that would run as a formula carry
// a leading apostrophe, and numbers stay exact.
func TestStoredTextReachesNoTerminalUnescaped(t *testing.T) {
	db := setupScenario(t)
	renameApplicants(t, db, map[string]string{
		"P01": hostileName,
		"O01": `=HYPERLINK("http://evil.example","点击")`,
		"O02": `+cmd|' /C calc'!A0`,
		"O03": `@SUM(1+1)`,
		"O05": `-1+cmd|' /C calc'!A0`,
	})
	for _, args := range [][]string{
		{"rank"}, {"rank", "--stage", "material"}, {"rank", "--stage", "onsite"},
		{"--lang", "en", "rank"}, {"candidates"}, {"--lang", "en", "candidates"},
	} {
		out := mustQA(t, append([]string{"--db", db}, args...)...)
		if strings.Contains(out, "\x1b]0;PWNED") || strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%s prints the raw escape sequences:\n%q", strings.Join(args, " "), out)
		}
		if !strings.Contains(out, `\x1b]0;PWNED\x07\x1b[2J王建国`) {
			t.Errorf("%s does not show the name escaped:\n%s", strings.Join(args, " "), out)
		}
	}

	// JSON: the exact name, escaped by JSON itself
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustQA(t, "--db", db, "rank", "--format", "json")), &rows); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || r["id"] == "P01" && r["name"] == hostileName
	}
	if !found {
		t.Errorf("JSON does not carry P01's name exactly: %v", rows)
	}

	for _, args := range [][]string{{"rank", "--format", "csv"}, {"rank", "--stage", "material", "--format", "csv"}, {"candidates", "--format", "csv"}} {
		out := mustQA(t, append([]string{"--db", db}, args...)...)
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		quoted := 0
		for _, r := range recs[1:] {
			for j, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%s: column %s: %q starts with a formula character", strings.Join(args, " "), recs[0][j], c)
				}
				if strings.HasPrefix(c, "'=HYPERLINK") || strings.HasPrefix(c, "'+cmd") || strings.HasPrefix(c, "'@SUM") || strings.HasPrefix(c, "'-1+cmd") {
					quoted++
				}
			}
		}
		if quoted == 0 {
			t.Errorf("%s: no name neutralised:\n%s", strings.Join(args, " "), out)
		}
	}
	if out := mustQA(t, "--db", db, "rank", "--format", "csv"); !strings.Contains(out, "\n1,P01,individual,"+hostileName+",800.00,850.00,,83.13,award\n") {
		t.Errorf("CSV: the first row is not the exact data:\n%s", out)
	}
}

// TestErrorsQuotingDataAreEscaped: the error line the command line prints
// escapes what an error quotes, and keeps its line breaks.
func TestErrorsQuotingDataAreEscaped(t *testing.T) {
	var out bytes.Buffer
	a := &app{stderr: &out}
	if code := a.exit(nil, errors.New("applicant P01 ("+hostileName+") refused:\n  sheet material/P01/R1")); code != 1 {
		t.Fatalf("exit %d", code)
	}
	want := "qaward: applicant P01 (\\x1b]0;PWNED\\x07\\x1b[2J王建国) refused:\n  sheet material/P01/R1\n"
	if out.String() != want {
		t.Errorf("printed %q, want %q", out.String(), want)
	}
}
