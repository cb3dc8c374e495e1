package imports

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// sheetRows reads a worksheet's rows in one pass over its XML: for each
// cell its column, type, style, whether it has a formula and its value,
// together, as they stand in the part.
type sheetRows struct {
	sc     *xmlScanner
	rc     io.Closer
	in     *interner
	total  int  // last row of the used range (<dimension>), 0 when unknown
	row    int  // number of the row last read
	inData bool // within <sheetData>
	done   bool
	cells  []rawCell // of the row last read; reused
	text   []byte    // scratch for a value's text
}

// rawCell is one cell as the worksheet states it.
type rawCell struct {
	col   int
	t     string // type: "" or n (number), s (shared string), str, inlineStr, b, d, e
	s     int    // style index
	value string // <v>, or the text of an inline string (<is>)
	// formula: the cell has a formula (<f>); hasValue: it has a saved value
	// (<v> or <is>)
	formula, hasValue bool
}

func newSheetRows(rc io.ReadCloser) *sheetRows {
	return &sheetRows{sc: newXMLScanner(rc), rc: rc, in: newInterner()}
}

func (r *sheetRows) Close() error { return r.rc.Close() }

// start reads up to the table (<sheetData>), noting the used range on the
// way.
func (r *sheetRows) start() error {
	for !r.inData && !r.done {
		kind, err := r.sc.next(false)
		if err == io.EOF {
			return errNoSheetData
		}
		if err != nil {
			return err
		}
		tok := &r.sc.tok
		if kind != tokStart {
			continue
		}
		switch string(tok.name) {
		case "dimension":
			r.total = dimension(tok.attrs)
		case "sheetData":
			r.inData, r.done = !tok.empty, tok.empty
		}
	}
	return nil
}

// next reads the next <row>: its number and cells. It returns io.EOF at
// the end of the table.
func (r *sheetRows) next() (int, []rawCell, error) {
	for !r.done {
		kind, err := r.sc.next(false)
		if err != nil {
			if err == io.EOF {
				err = errXMLEnd
			}
			return r.row, nil, err
		}
		tok := &r.sc.tok
		switch {
		case kind == tokEnd && string(tok.name) == "sheetData":
			r.done = true
		case kind == tokStart && string(tok.name) == "row":
			empty := tok.empty
			if err := r.rowNumber(tok.attrs); err != nil {
				return 0, nil, err // the row has no number to name it by
			}
			r.cells = r.cells[:0]
			if !empty {
				if err := r.readCells(); err != nil {
					return r.row, nil, err
				}
			}
			return r.row, r.cells, nil
		}
	}
	return r.row, nil, io.EOF
}

// rowNumber takes the row's number from its r attribute, or the one after
// the last row.
func (r *sheetRows) rowNumber(attrs []byte) error {
	n := r.row + 1
	err := eachAttr(attrs, func(name, value []byte) error {
		if string(name) != "r" {
			return nil
		}
		v, err := strconv.Atoi(string(value))
		if err != nil || v < 1 || v > maxSheetRows {
			return fmt.Errorf("row number %s is not a row of a worksheet (1 to %d)", strconv.Quote(string(value)), maxSheetRows)
		}
		if v <= r.row {
			return fmt.Errorf("row %d comes after row %d: the worksheet's rows are out of order", v, r.row)
		}
		n = v
		return nil
	})
	if err != nil {
		return err
	}
	if n > maxSheetRows {
		return fmt.Errorf("more than %d rows: this is not a worksheet", maxSheetRows)
	}
	r.row = n
	return nil
}

// readCells reads the cells of a row up to its end tag.
func (r *sheetRows) readCells() error {
	base := r.sc.depth()
	last := 0
	for {
		kind, err := r.sc.next(false)
		if err != nil {
			return err
		}
		tok := &r.sc.tok
		if kind == tokEnd && r.sc.depth() < base {
			return nil
		}
		if kind != tokStart || string(tok.name) != "c" {
			continue
		}
		c := rawCell{col: last + 1}
		empty := tok.empty
		if err := r.cellAttrs(tok.attrs, &c); err != nil {
			return err
		}
		if c.col <= last {
			return fmt.Errorf("cell %s%d comes after cell %s%d: the row's cells are out of order", ColumnName(c.col), r.row, ColumnName(last), r.row)
		}
		if c.col > maxColumns {
			return fmt.Errorf("more than %d columns: this is not a worksheet", maxColumns)
		}
		last = c.col
		if !empty {
			if err := r.cellContent(&c); err != nil {
				return err
			}
		}
		r.cells = append(r.cells, c)
	}
}

func (r *sheetRows) cellAttrs(attrs []byte, c *rawCell) error {
	a := attrReader{rest: attrs}
	for a.next() {
		switch string(a.name) {
		case "r":
			col, row, ok := cellRef(a.value)
			if !ok || row == 0 {
				return fmt.Errorf("%s is not a cell reference", strconv.Quote(string(a.value)))
			}
			if row != r.row {
				return fmt.Errorf("cell %s stands in row %d", safe(string(a.value)), r.row)
			}
			c.col = col
		case "s":
			s, ok := smallNumber(a.value)
			if !ok {
				return fmt.Errorf("cell style %s is not a style number", strconv.Quote(string(a.value)))
			}
			c.s = s
		case "t":
			c.t = cellType(a.value)
		}
	}
	return a.err
}

// smallNumber reads a number of up to 9 digits.
func smallNumber(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellType is a cell's t attribute, without allocating for the known ones.
func cellType(v []byte) string {
	switch string(v) {
	case "s":
		return "s"
	case "n":
		return "n"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "d":
		return "d"
	case "e":
		return "e"
	}
	return string(v)
}

// cellContent reads a cell's formula, value or inline string up to the
// cell's end tag.
func (r *sheetRows) cellContent(c *rawCell) error {
	if r.fastCell(c) {
		return nil
	}
	base := r.sc.depth()
	inValue := false
	r.text = r.text[:0]
	for {
		kind, err := r.sc.next(inValue)
		if err != nil {
			return err
		}
		tok := &r.sc.tok
		switch kind {
		case tokText:
			if r.text, err = unescape(r.text, tok.text, tok.cdata); err != nil {
				return err
			}
		case tokStart:
			switch string(tok.name) {
			case "f":
				c.formula = true
			case "v":
				c.hasValue, inValue = true, !tok.empty
			case "is":
				c.hasValue = true
				if !tok.empty {
					if r.text, err = stringItem(r.sc, r.text); err != nil {
						return err
					}
					r.text = excelEscapes(r.text)
				}
			}
		case tokEnd:
			if r.sc.depth() < base {
				c.value = r.in.text(r.text)
				return nil
			}
			if string(tok.name) == "v" {
				inValue = false
			}
		}
	}
}

// fastCell reads the two forms nearly every cell takes, <v>value</v></c>
// and <is><t>text</t></is></c>, when they follow in the window with
// nothing to unescape; anything else is left to cellContent's general
// reading. It reports whether it read the cell.
func (r *sheetRows) fastCell(c *rawCell) bool {
	b := r.sc.buf[r.sc.pos:r.sc.end]
	var open, end string
	switch {
	case bytes.HasPrefix(b, []byte("<v>")):
		open, end = "<v>", "</v></c>"
	case bytes.HasPrefix(b, []byte("<is><t>")):
		open, end = "<is><t>", "</t></is></c>"
	default:
		return false
	}
	text := b[len(open):]
	i := bytes.IndexByte(text, '<')
	if i < 0 || !bytes.HasPrefix(text[i:], []byte(end)) {
		return false
	}
	text = text[:i]
	if bytes.IndexByte(text, '&') >= 0 || bytes.IndexByte(text, '\r') >= 0 {
		return false
	}
	if !r.sc.closeCell("c", len(open)+i+len(end)) {
		return false
	}
	if open != "<v>" {
		text = excelEscapes(text)
	}
	c.hasValue, c.value = true, r.in.text(text)
	return true
}
