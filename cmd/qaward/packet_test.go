package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend/packet"
	"qaward/store"
)

// scoreLaptop fills in and submits every sheet of the packet held by the
// laptop database, as the reviewer would in the TUI.
func scoreLaptop(t *testing.T, laptop string, issued []byte) {
	t.Helper()
	v, err := packet.Decode(issued)
	if err != nil {
		t.Fatal(err)
	}
	m, err := packet.ReadManifest(v.(*packet.Issued).Manifest)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, is := range m.Sheets {
		s, err := st.Sheet(m.Cycle.ID, is.Sheet.Key())
		if err != nil {
			s = is.Sheet.Award()
		}
		for i := range s.Percents {
			if s.Percents[i] == award.Unscored {
				s.Percents[i] = 60
			}
		}
		s.Improvements[1] = "战略部署的测量指标不全"
		s.Submitted = true
		if err := st.SaveSheet(m.Reviewer.ID, m.Cycle.ID, s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPacketCommands(t *testing.T) {
	db, _ := demoDB(t)
	dir := t.TempDir()
	reviewer := sample.Demo().Reviewers[1].ID
	issued := filepath.Join(dir, "R.packet")
	out := mustQA(t, "--db", db, "packet", "export", reviewer, issued, "--stage", "material")
	if !strings.Contains(out, "wrote packet P") || !strings.Contains(out, "already submitted, left out") {
		t.Errorf("export: %s", out)
	}
	laptop := filepath.Join(dir, "laptop.db")
	out = mustQA(t, "--db", laptop, "--as", reviewer, "packet", "open", issued)
	if !strings.Contains(out, "score with:   qaward --db "+laptop+" --as "+reviewer) {
		t.Errorf("open: %s", out)
	}
	if out := mustQA(t, "--db", laptop, "packet", "open", issued); !strings.Contains(out, "already open") {
		t.Errorf("re-open: %s", out)
	}
	if _, errs, code := qa(t, "--db", filepath.Join(dir, "other.db"), "--as", "R999", "packet", "open", issued); code != 1 || !strings.Contains(errs, "not R999's") {
		t.Errorf("open as another reviewer: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "other.db")); err == nil {
		t.Error("a refused open left a database behind")
	}
	data, _ := os.ReadFile(issued)
	scoreLaptop(t, laptop, data)
	ret := filepath.Join(dir, "R.return")
	if out := mustQA(t, "--db", laptop, "packet", "return", ret); !strings.Contains(out, "submitted") {
		t.Errorf("return: %s", out)
	}
	retData, _ := os.ReadFile(ret)

	refuse := func(file, want string, extra ...string) {
		t.Helper()
		before := fileHash(t, db)
		_, errs, code := qa(t, append([]string{"--db", db, "packet", "import", file}, extra...)...)
		if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, "refused, the database is unchanged") {
			t.Errorf("import %s: exit %d\n%s\nwant %q", filepath.Base(file), code, errs, want)
		}
		if fileHash(t, db) != before {
			t.Errorf("import %s changed the database", filepath.Base(file))
		}
	}
	at := bytes.Index(retData, []byte(`"return": {`))
	tampered := append(append([]byte(nil), retData[:at]...), bytes.Replace(retData[at:], []byte(`60,`), []byte(`95,`), 1)...)
	refuse(writeFile(t, dir, "tampered.return", string(tampered)), "the returned sheets do not match the signature")
	refuse(ret, "is reviewer "+reviewer+"'s", "--reviewer", "R999")
	refuse(issued, "this is an issued packet")
	other, _ := demoDB(t)
	before := fileHash(t, other)
	if _, errs, _ := qa(t, "--db", other, "packet", "import", ret); !strings.Contains(errs, "issued by another qaward database") || fileHash(t, other) != before {
		t.Errorf("another database: %s", errs)
	}

	out = mustQA(t, "--db", db, "packet", "import", ret)
	if !strings.Contains(out, "sheet(s) stored") || strings.Contains(out, " 0 sheet(s) stored") {
		t.Errorf("import: %s", out)
	}
	before = fileHash(t, db)
	if out := mustQA(t, "--db", db, "packet", "import", ret); !strings.Contains(out, " 0 sheet(s) stored") {
		t.Errorf("re-import: %s", out)
	}
	if fileHash(t, db) != before {
		t.Error("a re-import changed the database")
	}
	mustQA(t, "--db", db, "verify")
	if out := mustQA(t, "--db", db, "packet", "list"); !strings.Contains(out, "office") || !strings.Contains(out, reviewer) {
		t.Errorf("list: %s", out)
	}

	// stale: a new packet, then the office changes a draft centrally
	issued2 := filepath.Join(dir, "R2.packet")
	mustQA(t, "--db", db, "packet", "export", sample.Demo().Reviewers[2].ID, issued2)
	laptop2 := filepath.Join(dir, "laptop2.db")
	mustQA(t, "--db", laptop2, "packet", "open", issued2)
	data2, _ := os.ReadFile(issued2)
	scoreLaptop(t, laptop2, data2)
	ret2 := filepath.Join(dir, "R2.return")
	mustQA(t, "--db", laptop2, "packet", "return", ret2)
	v, _ := packet.Decode(data2)
	m, _ := packet.ReadManifest(v.(*packet.Issued).Manifest)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := m.Sheets[0].Sheet.Award()
	s.Percents[0] = 100
	s.Submitted = true
	if !s.Complete() {
		for i := range s.Percents {
			if s.Percents[i] == award.Unscored {
				s.Percents[i] = 10
			}
		}
	}
	if err := st.SaveSheet("office", m.Cycle.ID, s); err != nil {
		t.Fatal(err)
	}
	st.Close()
	refuse(ret2, "already submitted in the central database")
}
