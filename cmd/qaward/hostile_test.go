package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestBadHostileFilesAreRefusedWhole imports hostile and careless files
// into the scenario database: each exits 1 with file, line, column and
// field, and the database file stays byte for byte the same.
func TestBadHostileFilesAreRefusedWhole(t *testing.T) {
	db := setupScenario(t)
	head := "id,kind,name,industry,credit_code,founded\n"
	cases := []struct {
		name, kind, content string
		want                []string
	}{
		{"terminal escape in a name", "applicants", head + "N1,individual,\x1b]0;PWNED\a\x1b[2J王五,,,\n",
			[]string{":2:3: name: character 1 is U+001B (ESC): control characters are not allowed in text"}},
		{"NUL in a reason", "conflicts", "reviewer_id,applicant_id,reason\nR1,O01,亲\x00属\n",
			[]string{":2:3: reason: character 2 is U+0000 (NUL)"}},
		{"bidi override in an affiliation", "reviewers", "id,name,affiliation\nR10,张三,某\u202e位单\n",
			[]string{":2:3: affiliation: character 2 is U+202E (RIGHT-TO-LEFT OVERRIDE)"}},
		{"name of 101 characters", "reviewers", "id,name,affiliation\nR10," + strings.Repeat("张", 101) + ",x\n",
			[]string{":2:2: name: 101 characters, at most 100 allowed"}},
		{"name of 10 MB", "reviewers", "id,name,affiliation\nR10," + strings.Repeat("x", 10<<20) + ",x\n",
			[]string{":2: a row longer than 256 KiB"}},
		{"unknown column", "reviewers", "id,name,affiliation,phone\nR10,张三,x,123\n",
			[]string{":1:4: phone: unknown column \"phone\"; the columns of this table are: id (编号), name (姓名), affiliation (单位)"}},
		{"cell beyond the header", "reviewers", "id,name\nR10,张三,多余\n",
			[]string{":2:3: a cell beyond the header, which has 2 columns"}},
		{"founded in the future", "applicants", head + "N1,organization,甲公司,食品制造,91430581000000037P,2099-01-01\n",
			[]string{":2:6: founded: \"2099-01-01\" is after today", "cannot be in the future"}},
		{"header only", "scores", "stage,applicant_id,reviewer_id,item_id,percent,strengths,improvements\n",
			[]string{": no rows: the table has a header row but no data under it; nothing to import"}},
		{"full-width credit code", "applicants", head + "N1,organization,甲公司,食品制造,９１４３０５８１０００００００３７Ｐ,\n",
			[]string{":2:5: credit_code:", "has 18 full-width characters (of 18); type the code in half-width ASCII"}},
	}
	before := fileHash(t, db)
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := writeFile(t, dir, strings.ReplaceAll(c.name, " ", "_")+".csv", c.content)
			_, errs, code := qa(t, "--db", db, "import", c.kind, file)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, errs)
			}
			if !strings.HasPrefix(errs, "qaward: "+file) {
				t.Errorf("error does not start with the file: %s", errs)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("error lacks %q: %.300s", w, errs)
				}
			}
			if strings.ContainsAny(errs, "\x1b\a\x00\u202e") {
				t.Errorf("the error passes a control character on: %q", errs)
			}
			if after := fileHash(t, db); after != before {
				t.Errorf("database changed after a refused import")
			}
		})
	}
}

// TestImportEncodingFlag: a GB18030 file imports by itself and with
// --encoding gb18030; --encoding utf-8 refuses it with its position; an
// unknown encoding is a usage error.
func TestImportEncodingFlag(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	mustQA(t, "--db", db, "init", "--cycle", "2026")
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("编号,姓名,单位\nR1,赵一,武冈市市场监督管理局\nR2,钱二,邵阳学院\n")
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, dir, "reviewers.csv", gb)
	if out := mustQA(t, "--db", db, "import", "reviewers", file); !strings.Contains(out, "imported 2 reviewers") {
		t.Errorf("detected: %s", out)
	}
	if out := mustQA(t, "--db", db, "import", "--encoding", "gb18030", "reviewers", file); !strings.Contains(out, "imported 2 reviewers") {
		t.Errorf("forced: %s", out)
	}
	if out := mustQA(t, "--db", db, "export", "reviewers", filepath.Join(dir, "out.csv")); out == "" {
		t.Log("export printed nothing")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "out.csv")); err == nil && !strings.Contains(string(b), "钱二,邵阳学院") {
		t.Errorf("exported %q", b)
	}
	before := fileHash(t, db)
	_, errs, code := qa(t, "--db", db, "import", "--encoding", "utf-8", "reviewers", file)
	if code != 1 || !strings.Contains(errs, file+":1:1: not valid UTF-8 text") {
		t.Errorf("forced UTF-8: exit %d: %s", code, errs)
	}
	_, errs, code = qa(t, "--db", db, "import", "--encoding", "latin1", "reviewers", file)
	if code != 2 || !strings.Contains(errs, `unknown encoding "latin1": want utf-8, gb18030`) {
		t.Errorf("unknown encoding: exit %d: %s", code, errs)
	}
	if after := fileHash(t, db); after != before {
		t.Error("a refused import changed the database")
	}
}
