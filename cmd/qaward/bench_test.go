package main

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"qaward/award/sample"
	"qaward/backend"
	"qaward/backend/importer"
	"qaward/backend/imports"
	"qaward/store"
)

// The reference scale of DESIGN §5: 1,000 applicants, 300 reviewers, 7
// reviewers per applicant per stage, both stages scored: 14,000 sheets and
// 322,000 item scores.
var reference = sample.Options{Cycle: "ref", Applicants: 1000, Reviewers: 300, PerApplicant: 7, Seed: 1}

var (
	refOnce sync.Once
	refDir  string
	refErr  error
)

// referenceFiles generates the reference cycle once per test binary: its
// CSV files and a database holding it.
func referenceFiles(b *testing.B) (dir string) {
	b.Helper()
	refOnce.Do(func() {
		if refDir, refErr = os.MkdirTemp("", "qaward-ref-"); refErr != nil {
			return
		}
		d, err := sample.Generate(reference)
		if err != nil {
			refErr = err
			return
		}
		if refErr = sample.WriteCSV(refDir, d); refErr != nil {
			return
		}
		st, err := store.Open(filepath.Join(refDir, "ref.db"), store.Options{})
		if err != nil {
			refErr = err
			return
		}
		defer st.Close()
		refErr = storeDataset(st, "bench", d)
	})
	if refErr != nil {
		b.Fatal(refErr)
	}
	return refDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if refDir != "" {
		os.RemoveAll(refDir)
	}
	os.Exit(code)
}

// BenchmarkRecomputeRankings is a full recompute of the material, on-site
// and composite rankings from the database at the reference scale
// (target ≤ 20 ms).
func BenchmarkRecomputeRankings(b *testing.B) {
	dir := referenceFiles(b)
	st, err := store.Open(filepath.Join(dir, "ref.db"), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := backend.New(st, backend.Options{}).Results("ref")
		if err != nil {
			b.Fatal(err)
		}
		ev := &res.Eval
		if len(ev.Material) != 1000 || len(ev.Onsite()) != 1000 || len(ev.Composite) == 0 {
			b.Fatalf("rankings incomplete: %d material rows", len(ev.Material))
		}
	}
}

// BenchmarkImportReferenceScores is the bulk import of the reference
// cycle's 322,000 item scores from CSV into a database holding its
// applicants, reviewers and conflicts (target ≤ 3 s).
func BenchmarkImportReferenceScores(b *testing.B) {
	dir := referenceFiles(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "import.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := importSetup(b, st, dir)
		b.StartTimer()
		f, err := os.Open(filepath.Join(dir, "scores.csv"))
		if err != nil {
			b.Fatal(err)
		}
		t, err := imports.ReadCSV("scores.csv", f)
		if err != nil {
			b.Fatal(err)
		}
		n, err := importer.Import(st, "bench", c, "scores", t)
		f.Close()
		if err != nil || n != 14000 {
			b.Fatalf("imported %d sheets: %v", n, err)
		}
		b.StopTimer()
		st.Close()
	}
}

// referenceWorkbook exports the reference cycle's scores as `qaward export
// scores scores.xlsx` does, once per test binary; the import benchmark
// reads it back.
func referenceWorkbook(b *testing.B) string {
	b.Helper()
	dir := referenceFiles(b)
	xlsxOnce.Do(func() {
		st, err := store.Open(filepath.Join(dir, "ref.db"), store.Options{ReadOnly: true})
		if err != nil {
			xlsxErr = err
			return
		}
		defer st.Close()
		_, xlsxErr = backend.New(st, backend.Options{}).Export("ref",
			backend.ExportRequest{Kind: "scores", File: filepath.Join(dir, "scores.xlsx")})
	})
	if xlsxErr != nil {
		b.Fatal(xlsxErr)
	}
	return filepath.Join(dir, "scores.xlsx")
}

var (
	xlsxOnce sync.Once
	xlsxErr  error
)

// BenchmarkImportReferenceScoresXLSX is BenchmarkImportReferenceScores
// from the workbook qaward exports of the same scores (target: within 3×
// the CSV import).
func BenchmarkImportReferenceScoresXLSX(b *testing.B) {
	file := referenceWorkbook(b)
	dir := filepath.Dir(file)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "import.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := importSetup(b, st, dir)
		b.StartTimer()
		t, done, err := importer.Open(file, "", nil)
		if err != nil {
			b.Fatal(err)
		}
		n, err := importer.Import(st, "bench", c, "scores", t)
		done()
		if err != nil || n != 14000 {
			b.Fatalf("imported %d sheets: %v", n, err)
		}
		b.StopTimer()
		st.Close()
	}
}

// BenchmarkExportReferenceScores is `qaward export scores` of the
// reference cycle's 309,400 item rows, as CSV and as a workbook.
func BenchmarkExportReferenceScores(b *testing.B) {
	dir := referenceFiles(b)
	st, err := store.Open(filepath.Join(dir, "ref.db"), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, ext := range []string{"csv", "xlsx"} {
		b.Run(ext, func(b *testing.B) {
			file := filepath.Join(b.TempDir(), "scores."+ext)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				res, err := backend.New(st, backend.Options{}).Export("ref", backend.ExportRequest{Kind: "scores", File: file})
				if err != nil || res.Rows != 309400 {
					b.Fatalf("exported %d rows: %v", res.Rows, err)
				}
			}
		})
	}
}

func importSetup(b *testing.B, st store.Store, dir string) string {
	b.Helper()
	if err := st.CreateCycle("bench", sample.Demo().Cycle); err != nil {
		b.Fatal(err)
	}
	cycle, _ := st.CurrentCycle()
	for _, k := range []string{"applicants", "reviewers", "conflicts"} {
		f, err := os.Open(filepath.Join(dir, k+".csv"))
		if err != nil {
			b.Fatal(err)
		}
		t, err := imports.ReadCSV(k+".csv", f)
		if err != nil {
			b.Fatal(err)
		}
		_, err = importer.Import(st, "bench", cycle, k, t)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	return cycle
}
