package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"qaward/backend/importer"
)

// officeFiles are the office's tables of every kind in three forms (see
// backend/imports/testdata/kinds/README.md).
var officeFiles = filepath.Join("..", "..", "backend", "imports", "testdata", "kinds")

// TestImportOfficeFilesCLI: as the office would, import every kind of
// table into a new cycle from UTF-8 CSV files, from GB18030 files (found
// out, and with --encoding gb18030) and from LibreOffice workbooks; the
// exports and the rankings of the four cycles are the same, byte for byte.
func TestImportOfficeFilesCLI(t *testing.T) {
	outputs := func(ext string, flags ...string) map[string]string {
		dir := t.TempDir()
		db := filepath.Join(dir, "cycle.db")
		mustQA(t, "--db", db, "init", "--cycle", "2026")
		for _, kind := range importer.Kinds {
			args := append([]string{"--db", db, "import"}, flags...)
			out := mustQA(t, append(args, kind, filepath.Join(officeFiles, kind+ext))...)
			if !strings.HasPrefix(out, "imported ") || strings.HasPrefix(out, "imported 0 ") {
				t.Errorf("%s%s: %s", kind, ext, out)
			}
		}
		got := map[string]string{}
		for _, kind := range []string{"applicants", "reviewers", "conflicts", "scores", "satisfaction"} {
			file := filepath.Join(dir, kind+".csv")
			mustQA(t, "--db", db, "export", kind, file)
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got["export "+kind] = string(b)
		}
		for _, stage := range []string{"material", "onsite", "composite"} {
			got["rank "+stage] = mustQA(t, "--db", db, "rank", "--stage", stage, "--format", "csv")
		}
		return got
	}
	want := outputs(".csv")
	if !strings.Contains(want["export applicants"], "武冈市") || !strings.Contains(want["export scores"], "现场评审") {
		t.Fatalf("the UTF-8 files lost their Chinese text:\n%s", want["export applicants"])
	}
	for name, got := range map[string]map[string]string{
		"GB18030, found out":      outputs(".gb18030.csv"),
		"GB18030, --encoding":     outputs(".gb18030.csv", "--encoding", "gb18030"),
		"GB18030, --encoding=gbk": outputs(".gb18030.csv", "--encoding=gbk"),
		"LibreOffice workbook":    outputs(".xlsx"),
		"UTF-8, --encoding utf-8": outputs(".csv", "--encoding", "utf-8"),
	} {
		for what, w := range want {
			if got[what] != w {
				t.Errorf("%s: %s differs:\n got %s\nwant %s", name, what, got[what], w)
			}
		}
	}
}

// TestImportGB18030ErrorPosition: an error in a GB18030 file is at the
// line and column of the same error in its UTF-8 copy, a quoted field over
// two lines and Windows line ends included, and the file changes nothing.
func TestImportGB18030ErrorPosition(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	mustQA(t, "--db", db, "init", "--cycle", "2026")
	for _, kind := range []string{"applicants", "reviewers"} {
		mustQA(t, "--db", db, "import", kind, filepath.Join(officeFiles, kind+".csv"))
	}
	text := "评审员编号,申报编号,回避原因\r\nR001,A0001,\"近亲属\r\n在该单位工作\"\r\nR002,A0001,曾任\a顾问\r\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, file := range map[string]string{"UTF-8": writeFile(t, dir, "u.csv", text), "GB18030": writeFile(t, dir, "g.csv", gb)} {
		for _, flags := range [][]string{nil, {"--encoding", map[string]string{"UTF-8": "utf-8", "GB18030": "gb18030"}[name]}} {
			before := fileHash(t, db)
			_, errs, code := qa(t, append(append([]string{"--db", db, "import"}, flags...), "conflicts", file)...)
			want := file + ":4:3: reason: character 3 is U+0007 (BEL): control characters are not allowed in text"
			if code != 1 || !strings.Contains(errs, want) {
				t.Errorf("%s %v: exit %d: %s\nwant %s", name, flags, code, errs, want)
			}
			if fileHash(t, db) != before {
				t.Errorf("%s: a refused file changed the database", name)
			}
		}
	}
}
