package main

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// replaceLine returns CSV text with the given 1-based line replaced.
func replaceLine(text string, line int, with string) string {
	lines := strings.Split(text, "\n")
	lines[line-1] = with
	return strings.Join(lines, "\n")
}

// TestBadFilesAreRefusedWhole imports bad files into the scenario database:
// each is refused with its file, line, column and field, and the database
// file stays byte for byte the same.
func TestBadFilesAreRefusedWhole(t *testing.T) {
	db := setupScenario(t)
	goodScores := scoresCSV(t, sheets("material", "O11", rs[3:], 50, 50)) // R4, R5 on O11: fine
	cases := []struct {
		name, kind, content string
		want                []string // fragments of the error
	}{
		{"bad credit code", "applicants",
			"id,kind,name,industry,credit_code,founded\nN1,organization,甲公司,食品制造,91430581000000037P,2001-01-01\nN2,organization,乙公司,建筑业,91430581000000037Q,2002-02-02\n",
			[]string{":3:5:", "credit_code", "check digit"}},
		{"unknown kind", "applicants",
			"id,kind,name,industry,credit_code,founded\nN1,company,甲公司,食品制造,91430581000000037P,2001-01-01\n",
			[]string{":2:2:", "kind", "organization or individual"}},
		{"duplicate applicant", "applicants",
			"id,kind,name\nN1,individual,甲\nN1,individual,乙\n",
			[]string{":3:1:", "duplicate", "line 2"}},
		{"bad founded date", "applicants",
			"id,kind,name,industry,credit_code,founded\nN1,organization,甲公司,食品制造,91430581000000037P,2001-13-45\n",
			[]string{":2:6:", "founded", "YYYY-MM-DD"}},
		{"missing column", "reviewers", "id,affiliation\nR10,某单位\n", []string{":1:", "name", "missing column"}},
		{"conflict with unknown reviewer", "conflicts", "reviewer_id,applicant_id,reason\nR1,O01,亲属\nRX,O02,亲属\n",
			[]string{":3:1:", "reviewer_id", "unknown reviewer"}},
		{"conflict without reason", "conflicts", "reviewer_id,applicant_id,reason\nR1,O01,\n",
			[]string{":2:3:", "reason", "empty"}},
		{"percent not a multiple of 5", "scores", replaceLine(goodScores, 4, "material,O11,R4,4.1.4,42,,"),
			[]string{":4:5:", "percent", "0, 5, 10"}},
		{"percent above 100", "scores", replaceLine(goodScores, 4, "material,O11,R4,4.1.4,105,,"),
			[]string{":4:5:", "percent"}},
		{"unknown stage", "scores", replaceLine(goodScores, 3, "final,O11,R4,4.1.3,50,,"),
			[]string{":3:1:", "stage", "material or onsite"}},
		{"item not in the set", "scores", replaceLine(goodScores, 3, "material,O11,R4,4.1.1,50,,"),
			[]string{":3:4:", "item_id", "4.1.1"}},
		{"individual item on an organisation", "scores", replaceLine(goodScores, 3, "material,O11,R4,P1,50,,"),
			[]string{":3:4:", "item_id", "P1"}},
		{"unknown applicant", "scores", replaceLine(goodScores, 2, "material,O99,R4,4.1.2,50,,"),
			[]string{":2:2:", "applicant_id", "unknown applicant"}},
		{"unknown reviewer", "scores", replaceLine(goodScores, 2, "material,O11,R99,4.1.2,50,,"),
			[]string{":2:3:", "reviewer_id", "unknown reviewer"}},
		{"duplicate row", "scores", replaceLine(goodScores, 3, "material,O11,R4,4.1.2,55,,"),
			[]string{":3:4:", "duplicate", "line 2"}},
		{"incomplete sheet", "scores", replaceLine(goodScores, 3, ""),
			[]string{":2:4:", "incomplete sheet", "4.1.3"}},
		{"conflicted reviewer", "scores", goodScores + "material,O03,R9,4.1.2,50,,\n",
			[]string{":48:3:", "reviewer_id", "conflict"}},
		{"satisfaction of an individual", "satisfaction", "applicant_id,csi,responses\nO11,80,100\nP01,80,100\n",
			[]string{":3:1:", "individual"}},
		{"satisfaction above 100", "satisfaction", "applicant_id,csi,responses\nO11,100.01,100\n",
			[]string{":2:2:", "csi", "0 to 100"}},
		{"satisfaction with three decimals", "satisfaction", "applicant_id,csi,responses\nO11,80.125,100\n",
			[]string{":2:2:", "csi"}},
		{"broken quoting", "reviewers", "id,name,affiliation\nR10,\"unterminated,x\n", []string{":2:", "quote"}},
		{"neither UTF-8 nor GB18030", "reviewers", "id,name,affiliation\nR10,\xd5\xc5\xff,x\n", []string{":2:2:", "name", "neither UTF-8 nor GB18030"}},
	}
	before := fileHash(t, db)
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := writeFile(t, dir, strings.ReplaceAll(c.name, " ", "_")+".csv", c.content)
			_, errs, code := qa(t, "--db", db, "import", c.kind, file)
			if code == 0 {
				t.Fatalf("import %s accepted a bad file", c.kind)
			}
			if !strings.Contains(errs, filepath.Base(file)) {
				t.Errorf("error does not name the file: %s", errs)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("error lacks %q: %s", w, errs)
				}
			}
			if after := fileHash(t, db); after != before {
				t.Errorf("database changed after a refused import")
			}
		})
	}
	// the good file itself goes in
	mustQA(t, "--db", db, "import", "scores", writeFile(t, dir, "good.csv", goodScores))
}
