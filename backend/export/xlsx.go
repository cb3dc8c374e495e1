package export

import (
	"archive/zip"
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
// rows written over all tables. The sheets print as WriteXLSXFor's, for
// no cycle in particular.
func WriteXLSX(w io.Writer, tables []Table, progress func(done, total int)) error {
	return WriteXLSXFor(w, tables, Print{}, progress)
}

// WriteXLSXFor writes the tables as WriteXLSX does, laid out for printing
// on A4: each sheet portrait, or landscape when its columns are wide, and
// fitted to one page wide; long text wrapped within its column; the header
// row repeated on every page (print titles) and auto-filtered; a page
// header with the award, the sheet's title and the cycle, and a footer
// with the date and "第 &P 页，共 &N 页" (page X of Y). The document
// properties carry the title and the time of p.
func WriteXLSXFor(w io.Writer, tables []Table, p Print, progress func(done, total int)) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(docProps(p, tables)); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	total := 0
	for _, t := range tables {
		total += t.Len()
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
		l := layoutOf(t)
		if err := setupPrint(f, name, t, &l, p); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		if err := writeSheet(f, name, t, &l, st, func(n int) {
			report(progress, done+n, total)
		}); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		done += t.Len()
	}
	if progress != nil && total == 0 {
		progress(0, 0)
	}
	f.SetActiveSheet(0)
	// the archive goes straight to w: excelize would build it in memory
	// first (WriteToBuffer), which for the reference cycle's scores is
	// another 9 MB held, and copied as the buffer grows
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	return f.Write(w)
}

type styles struct{ header, integer, decimal, text, wrap, note int }

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
	// cells sit at the top of rows that wrapped text makes taller
	top := &excelize.Alignment{Vertical: "top"}
	if s.integer, err = f.NewStyle(&excelize.Style{NumFmt: 1, Alignment: top}); err != nil { // 0
		return s, err
	}
	if s.decimal, err = f.NewStyle(&excelize.Style{NumFmt: 2, Alignment: top}); err != nil { // 0.00
		return s, err
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: top}); err != nil { // @: text stays text
		return s, err
	}
	if s.wrap, err = f.NewStyle(&excelize.Style{NumFmt: 49,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return s, err
	}
	s.note, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return s, err
}

func writeSheet(f *excelize.File, name string, t *Table, l *sheetLayout, st styles, progress func(int)) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for c, width := range l.widths {
		if err := sw.SetColWidth(c+1, c+1, float64(width)); err != nil {
			return err
		}
		// an empty cell is left out and takes its column's style, so that
		// what is typed into it later keeps the column's format
		if err := sw.SetColStyle(c+1, c+1, columnStyle(t.Kind(c), c < len(l.wrap) && l.wrap[c], st)); err != nil {
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
	// the cells of a row, reused: SetRow takes *Cell as well as Cell
	var cells []excelize.Cell
	var vals []any
	for i, r := range t.All() {
		row++
		cells, vals = cells[:0], vals[:0]
		for c, v := range r {
			if v == "" {
				cells = append(cells, excelize.Cell{})
				continue
			}
			x := cell(t.Kind(c), v, st)
			if c < len(l.wrap) && l.wrap[c] && x.StyleID == st.text {
				x.StyleID = st.wrap
			}
			cells = append(cells, x)
		}
		for c := range cells {
			if cells[c].Value == nil {
				vals = append(vals, nil)
			} else {
				vals = append(vals, &cells[c])
			}
		}
		cellRef, _ := excelize.CoordinatesToCellName(1, row)
		var opts []excelize.RowOpts
		if h := l.rowHeight(r); h > 0 {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		if err := sw.SetRow(cellRef, vals, opts...); err != nil {
			return err
		}
		progress(i + 1)
	}
	if len(t.Notes) > 0 {
		row++
	}
	// a note spans the table's width and wraps within it, so that it
	// prints on the page
	span := sum(l.widths)
	for _, n := range t.Notes {
		row++
		cellRef, _ := excelize.CoordinatesToCellName(1, row)
		var opts []excelize.RowOpts
		if lines := (Width(n) + span - 1) / max(1, span); lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: float64(lines) * 15.6})
		}
		if err := sw.SetRow(cellRef, []any{excelize.Cell{StyleID: st.note, Value: n}}, opts...); err != nil {
			return err
		}
		if len(l.widths) > 1 {
			end, _ := excelize.CoordinatesToCellName(len(l.widths), row)
			if err := sw.MergeCell(cellRef, end); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// columnStyle is the style of a column's empty cells.
func columnStyle(kind Column, wrap bool, st styles) int {
	switch {
	case kind == Integer:
		return st.integer
	case kind == Decimal2:
		return st.decimal
	case wrap:
		return st.wrap
	}
	return st.text
}

// cell is the value of one cell: numbers as numbers when their text is an
// exact decimal, everything else (empty cells included) as text.
func cell(kind Column, v string, st styles) excelize.Cell {
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
	for _, r := range t.All() {
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
