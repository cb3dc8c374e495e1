package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"qaward/award"
	"qaward/backend/imports"
	"qaward/store"
)

func TestImportReportsProgressAndRefusesWhole(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "i.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "r.csv")
	os.WriteFile(file, []byte("\ufeff编号,姓名,单位\nR1,赵一,武冈市市场监督管理局\nR2,钱二,邵阳学院\n"), 0o644)
	calls := 0
	tab, done, err := Open(file, "", func(d, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	n, err := Import(st, "office", "2026", "reviewers", tab)
	done()
	if err != nil || n != 2 || calls == 0 {
		t.Fatalf("imported %d, %d progress calls: %v", n, calls, err)
	}
	bad := filepath.Join(dir, "c.csv")
	os.WriteFile(bad, []byte("reviewer_id,applicant_id,reason\nR1,NOPE,亲属\n"), 0o644)
	tab, done, _ = Open(bad, "", nil)
	_, err = Import(st, "office", "2026", "conflicts", tab)
	done()
	var ie *imports.Error
	if !errors.As(err, &ie) || ie.Line != 2 || ie.Field != "applicant_id" {
		t.Fatalf("bad conflicts: %v", err)
	}
	if cs, _ := st.Conflicts("2026"); len(cs) != 0 {
		t.Errorf("a refused table left %d conflicts", len(cs))
	}
	if _, _, err := Open(filepath.Join(dir, "old.xls"), "", nil); err == nil {
		t.Error("an .xls file was accepted")
	}
	if _, err := Import(st, "office", "2026", "nope", tab); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

func TestImportOpenWithEncoding(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "i.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); err != nil {
		t.Fatal(err)
	}
	text := "编号,姓名,单位\nR1,赵一,武冈市市场监督管理局\nR2,钱二,邵阳学院\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	file := filepath.Join(dir, "gb.csv")
	os.WriteFile(file, gb, 0o644)
	for _, enc := range []imports.Encoding{imports.AutoEncoding, imports.GB18030} {
		calls := 0
		tab, done, err := OpenWith(file, OpenOptions{Encoding: enc, Progress: func(d, total int) { calls++ }})
		if err != nil {
			t.Fatal(err)
		}
		n, err := Import(st, "office", "2026", "reviewers", tab)
		done()
		if err != nil || n != 2 || calls == 0 {
			t.Fatalf("%q: imported %d, %d progress calls: %v", enc, n, calls, err)
		}
	}
	rs, _ := st.Reviewers("2026")
	if len(rs) != 2 || rs[1].Name != "钱二" || rs[1].Affiliation != "邵阳学院" {
		t.Fatalf("reviewers %+v", rs)
	}
	_, _, err = OpenWith(file, OpenOptions{Encoding: imports.UTF8}) // the header is refused
	var ie *imports.Error
	if !errors.As(err, &ie) || ie.Line != 1 || ie.Column != 1 || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("GB18030 forced to UTF-8: %v", err)
	}
	if _, _, err := OpenWith(filepath.Join(dir, "x.xlsx"), OpenOptions{Encoding: imports.GB18030}); err == nil || !strings.Contains(err.Error(), "CSV files only") {
		t.Errorf("an encoding for a workbook: %v", err)
	}
}
