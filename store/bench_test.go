package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// refSheets is the reference scale of DESIGN §5: 1,000 applicants, 7
// reviewers each per stage, both stages: 14,000 sheets of 23 items.
func refSheets() []award.Sheet {
	ss := make([]award.Sheet, 0, 14000)
	for _, st := range award.Stages {
		for a := range 1000 {
			for r := range 7 {
				rev := fmt.Sprintf("R%03d", (a*7+r)%300)
				s := award.NewSheet(award.SheetKey{Stage: st, ApplicantID: fmt.Sprintf("A%04d", a), ReviewerID: rev},
					"gbt19580-2012", 23)
				for i := range s.Percents {
					s.Percents[i] = (a + r + i) * 5 % 105
				}
				s.Strengths[0] = "领导重视质量，战略清晰"
				s.Improvements[1] = "过程测量指标不完整"
				s.Submitted = true
				s.Updated = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
				ss = append(ss, s)
			}
		}
	}
	return ss
}

func benchDB(b *testing.B, sheets []award.Sheet) *DB {
	b.Helper()
	db, err := Open(filepath.Join(b.TempDir(), "q.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); err != nil {
		b.Fatal(err)
	}
	if sheets != nil {
		if err := db.PutSheets("office", "2026", sheets); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkSaveSheet is one durable save (commit with fsync) of a changed
// 23-item sheet into a database that holds the reference 14,000 sheets.
func BenchmarkSaveSheet(b *testing.B) {
	db := benchDB(b, refSheets())
	s := award.NewSheet(award.SheetKey{Stage: award.Onsite, ApplicantID: "A0500", ReviewerID: "R999"}, "gbt19580-2012", 23)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Percents[i%23] = (i % 21) * 5
		s.Percents[(i+1)%23] = award.Unscored
		start := time.Now()
		if err := db.SaveSheet("R999", "2026", s); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkScanSheets reads the percentages of 14,000 sheets without text.
func BenchmarkScanSheets(b *testing.B) {
	db := benchDB(b, refSheets())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, sum := 0, 0
		if err := db.Sheets("2026", false, func(s award.Sheet) error {
			n++
			sum += s.Percents[0]
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if n != 14000 {
			b.Fatalf("scanned %d sheets", n)
		}
	}
}

// BenchmarkBareScan is the floor of DESIGN §5: a bare bbolt cursor scan
// of the 14,000 sheet records, touching each value and nothing more.
func BenchmarkBareScan(b *testing.B) {
	db := benchDB(b, refSheets())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, sum := 0, 0
		if err := db.bolt.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketCycles).Bucket([]byte("2026")).Bucket([]byte(subSheets)).Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				n++
				sum += int(v[0])
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if n != 14000 {
			b.Fatalf("scanned %d sheets", n)
		}
	}
}

// BenchmarkPutSheets imports 14,000 sheets, with their audit entries, in
// one transaction into a fresh cycle.
func BenchmarkPutSheets(b *testing.B) {
	ss := refSheets()
	db := benchDB(b, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cycle := fmt.Sprintf("c%d", i)
		if err := db.CreateCycle("office", award.Cycle{ID: cycle, Config: award.DefaultConfig()}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := db.PutSheets("office", cycle, ss); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify checks a database with the reference 14,000 sheets.
func BenchmarkVerify(b *testing.B) {
	db := benchDB(b, refSheets())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		faults, err := db.Verify()
		if err != nil || len(faults) != 0 {
			b.Fatal(err, faults)
		}
	}
}
