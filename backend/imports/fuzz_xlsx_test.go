package imports

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzReadXLSX feeds arbitrary bytes, and damaged copies of real
// workbooks, to the spreadsheet reader and the score importer: nothing may
// panic, and every refusal must be a positioned *Error naming the file.
func FuzzReadXLSX(f *testing.F) {
	wb := excelize.NewFile()
	rows := [][]any{
		{"stage", "applicant_id", "reviewer_id", "item_id", "percent"},
		{"material", "P01", "R1", "P1", 50}, {"material", "P01", "R1", "P2", 55.0},
		{"material", "P01", "R1", "P3", "60"}, {"material", "P01", "R1", "P4", 45.000000000000007},
		{"material", "P01", "R1", "P5", 100},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		wb.SetSheetRow("Sheet1", cell, &r)
	}
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("PK\x03\x04 not really a workbook"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadXLSX("fuzz.xlsx", bytes.NewReader(data), "")
		if err == nil {
			_, err = Scores(tab, fuzzContext())
			tab.Close()
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.xlsx" {
				t.Fatalf("refusal is not a positioned *Error: %v", err)
			}
		}
	})
}
