package imports_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"qaward/award"
	"qaward/backend/importer"
	"qaward/backend/imports"
	"qaward/store"
)

// The office's own files of every kind (testdata/kinds, see its README):
// each table as a UTF-8 CSV file, the same saved as plain "CSV" by a
// Chinese system (GB18030), and the same made into a workbook by
// LibreOffice Calc.
var fileForms = []struct {
	name, ext string
	enc       imports.Encoding
}{
	{"UTF-8 CSV", ".csv", imports.AutoEncoding},
	{"GB18030 CSV, detected", ".gb18030.csv", imports.AutoEncoding},
	{"GB18030 CSV, --encoding gb18030", ".gb18030.csv", imports.GB18030},
	{"LibreOffice XLSX", ".xlsx", imports.AutoEncoding},
}

// records is what a cycle holds after an import, without the times of
// writing.
type records struct {
	Snapshot    store.Snapshot
	Reviewers   []award.Reviewer
	Conflicts   []award.Conflict
	Groups      []award.Group
	Assignments []award.Assignment
}

func recordsOf(t *testing.T, st store.Store, cycle string) records {
	t.Helper()
	var r records
	var err error
	if r.Snapshot, err = st.Snapshot(cycle); err != nil {
		t.Fatal(err)
	}
	r.Snapshot.Cycle.Created = time.Time{}
	for _, ss := range [][]award.Sheet{r.Snapshot.Sheets, r.Snapshot.Consensus} {
		for i := range ss {
			ss[i].Updated = time.Time{}
		}
	}
	if r.Reviewers, err = st.Reviewers(cycle); err != nil {
		t.Fatal(err)
	}
	if r.Conflicts, err = st.Conflicts(cycle); err != nil {
		t.Fatal(err)
	}
	if r.Groups, err = st.Groups(cycle); err != nil {
		t.Fatal(err)
	}
	if r.Assignments, err = st.Assignments(cycle); err != nil {
		t.Fatal(err)
	}
	return r
}

// importAll imports every kind in the order a cycle needs them from the
// files of one form, and returns the records after each kind.
func importAll(t *testing.T, ext string, enc imports.Encoding) map[string]records {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "cycle.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); err != nil {
		t.Fatal(err)
	}
	out := map[string]records{}
	for _, kind := range importer.Kinds {
		file := filepath.Join("testdata", "kinds", kind+ext)
		o := importer.OpenOptions{}
		if ext != ".xlsx" {
			o.Encoding = enc
		}
		tab, done, err := importer.OpenWith(file, o)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if ext != ".xlsx" && tab.Encoding != map[bool]imports.Encoding{true: imports.UTF8, false: imports.GB18030}[ext == ".csv"] {
			t.Errorf("%s read as %s", file, tab.Encoding)
		}
		n, err := importer.Import(st, "office", "2026", kind, tab)
		done()
		if err != nil {
			t.Fatal(err) // the error names the file
		}
		if n == 0 {
			t.Fatalf("%s: no records", file)
		}
		out[kind] = recordsOf(t, st, "2026")
	}
	return out
}

// TestImportOfficeFiles: every kind of table imports from a GB18030 CSV
// file and from a LibreOffice workbook to exactly the records its UTF-8 CSV
// file gives, kind after kind into one cycle; and the files are what they
// say (GB18030 is not UTF-8, the workbooks are LibreOffice's).
func TestImportOfficeFiles(t *testing.T) {
	for _, kind := range importer.Kinds {
		gb, err := os.ReadFile(filepath.Join("testdata", "kinds", kind+".gb18030.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if enc, _ := imports.DetectEncoding(bytes.NewReader(gb)); enc != imports.GB18030 {
			t.Errorf("%s.gb18030.csv is not GB18030 text", kind)
		}
		if app := part(t, filepath.Join("testdata", "kinds", kind+".xlsx"), "docProps/app.xml"); !bytes.Contains(app, []byte("LibreOffice")) {
			t.Errorf("%s.xlsx is not LibreOffice's: %s", kind, app)
		}
	}
	want := importAll(t, fileForms[0].ext, fileForms[0].enc)
	if n := len(want["survey"].Snapshot.Satisfaction); n != 3 {
		t.Fatalf("the survey gives %d satisfaction results", n)
	}
	for _, f := range fileForms[1:] {
		t.Run(f.name, func(t *testing.T) {
			got := importAll(t, f.ext, f.enc)
			for _, kind := range importer.Kinds {
				if !reflect.DeepEqual(got[kind], want[kind]) {
					t.Errorf("after %s:\n got %+v\nwant %+v", kind, got[kind], want[kind])
				}
			}
		})
	}
}

// part is a part of a workbook, unpacked.
func part(t *testing.T, file, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
