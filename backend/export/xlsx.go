package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Column widths, in characters, that a workbook's columns keep within.
const (
	minWidth = 6
	maxWidth = 60
)

// WriteXLSX writes the tables as a workbook, one sheet each, in order:
// the header row bold and frozen, every column as wide as its widest cell
// (Chinese characters counting two), integers as numbers, scores as exact
// decimals with the number format 0.00. progress, when not nil, hears the
// rows written over all tables.
func WriteXLSX(w io.Writer, tables []Table, progress func(done, total int)) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetDocProps(&excelize.DocProperties{Creator: "qaward", Title: "武冈市市长质量奖", Language: "zh-CN"})
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	total := 0
	for _, t := range tables {
		total += len(t.Rows)
	}
	done := 0
	used := map[string]bool{}
	for i := range tables {
		t := &tables[i]
		name := sheetName(t.Name, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := writeSheet(f, name, t, st, func(n int) {
			report(progress, done+n, total)
		}); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		done += len(t.Rows)
	}
	if progress != nil && total == 0 {
		progress(0, 0)
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

type styles struct{ header, integer, decimal, text, note int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    border,
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}); err != nil {
		return s, err
	}
	if s.integer, err = f.NewStyle(&excelize.Style{NumFmt: 1}); err != nil { // 0
		return s, err
	}
	if s.decimal, err = f.NewStyle(&excelize.Style{NumFmt: 2}); err != nil { // 0.00
		return s, err
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // @: text stays text
		return s, err
	}
	s.note, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	return s, err
}

func writeSheet(f *excelize.File, name string, t *Table, st styles, progress func(int)) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for c, width := range widths(t) {
		if err := sw.SetColWidth(c+1, c+1, float64(width)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 20}); err != nil {
		return err
	}
	row := 1
	vals := make([]any, 0, len(t.Header))
	for i, r := range t.Rows {
		row++
		vals = vals[:0]
		for c, v := range r {
			vals = append(vals, cell(t.Kind(c), v, st))
		}
		cellRef, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(cellRef, vals); err != nil {
			return err
		}
		progress(i + 1)
	}
	if len(t.Notes) > 0 {
		row++
	}
	for _, n := range t.Notes {
		row++
		cellRef, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(cellRef, []any{excelize.Cell{StyleID: st.note, Value: n}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cell is the value of one cell: numbers as numbers when their text is an
// exact decimal, everything else (empty cells included) as text.
func cell(kind Column, v string, st styles) any {
	switch kind {
	case Integer:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && len(v) < 16 {
			return excelize.Cell{StyleID: st.integer, Value: n}
		}
	case Decimal2:
		if x, ok := exactDecimal(v); ok {
			return excelize.Cell{StyleID: st.decimal, Value: x}
		}
	}
	return excelize.Cell{StyleID: st.text, Value: v}
}

// exactDecimal converts decimal text with at most 15 significant digits
// to the float64 the workbook stores, and reports whether the number the
// workbook will show is exactly that text: the cell's XML is then the
// decimal itself ("700.13"), which Excel reads back unchanged. Scores have
// two decimals, so this always holds for them; anything else stays text.
func exactDecimal(v string) (float64, bool) {
	if v == "" || strings.ContainsAny(v, "eExX_") {
		return 0, false
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, false
	}
	canon := v
	if strings.Contains(canon, ".") {
		canon = strings.TrimRight(strings.TrimRight(canon, "0"), ".")
	}
	canon = strings.TrimPrefix(canon, "+")
	if canon == "-0" {
		canon = "0"
	}
	return x, strconv.FormatFloat(x, 'f', -1, 64) == canon
}

// widths are the column widths that fit the header and every cell.
func widths(t *Table) []int {
	w := make([]int, len(t.Header))
	for i, h := range t.Header {
		w[i] = Width(h) + 2
	}
	for _, r := range t.Rows {
		for i, v := range r {
			if i >= len(w) {
				w = append(w, minWidth)
			}
			if n := Width(v) + 2; n > w[i] {
				w[i] = n
			}
		}
	}
	for i := range w {
		w[i] = max(minWidth, min(maxWidth, w[i]))
	}
	return w
}
