package imports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// cellMeta is a cell's type (t) and style index (s) as the worksheet XML
// states them; excelize's row iterator gives values only, and asking it
// cell by cell would load the whole worksheet into memory.
type cellMeta struct {
	t string
	s int
	// formula: the cell has a formula (<f>); value: it has a saved value
	// (<v> or an inline string <is>)
	formula, value bool
}

// formulaWithoutValue is the first column of a row's cells whose formula
// has no saved value, 0 when none has.
func formulaWithoutValue(cells map[int]cellMeta) int {
	first := 0
	for col, m := range cells {
		if m.formula && !m.value && (first == 0 || col < first) {
			first = col
		}
	}
	return first
}

// metaReader walks a worksheet's XML in step with the row iterator and
// returns, for one row at a time, the type and style of each cell.
type metaReader struct {
	dec  *xml.Decoder
	rc   io.Closer
	row  int               // row of cells, 0 before the first
	next *xml.StartElement // the <row> element read ahead
	done bool
	err  error
	col  int // last column seen in the row, for cells without r
	// cells of row, by 1-based column
	cells map[int]cellMeta
}

// newMetaReader opens the worksheet called sheet in the workbook's bytes.
func newMetaReader(data []byte, sheet string) (*metaReader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	target, err := sheetPath(zr, sheet)
	if err != nil {
		return nil, err
	}
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, target) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			return &metaReader{dec: xml.NewDecoder(rc), rc: rc, cells: map[int]cellMeta{}}, nil
		}
	}
	return nil, fmt.Errorf("worksheet %s is missing from the workbook", target)
}

// sheetPath finds the part holding the named worksheet from
// xl/workbook.xml and its relationships.
func sheetPath(zr *zip.Reader, sheet string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readPart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := readPart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("worksheet %q has no part in the workbook", sheet)
}

func readPart(zr *zip.Reader, name string, v any) error {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			defer rc.Close()
			return xml.NewDecoder(rc).Decode(v)
		}
	}
	return fmt.Errorf("%s is missing from the workbook", name)
}

// at returns the meta of the cells of a row; rows must be asked for in
// ascending order.
func (m *metaReader) at(row int) map[int]cellMeta {
	for !m.done && m.err == nil && m.row < row {
		m.advance()
	}
	if m.row != row {
		return nil
	}
	return m.cells
}

// advance reads the next <row> element's cells.
func (m *metaReader) advance() {
	clear(m.cells)
	m.col = 0
	start := m.next
	m.next = nil
	for start == nil {
		tok, err := m.dec.Token()
		if err != nil {
			m.done, m.err = true, nilIfEOF(err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "row" {
			start = &se
		}
	}
	if r, ok := attr(start, "r"); ok {
		m.row, _ = strconv.Atoi(r)
	} else {
		m.row++
	}
	for {
		tok, err := m.dec.Token()
		if err != nil {
			m.done, m.err = true, nilIfEOF(err)
			return
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == "row" { // a row without an end (not valid XML, but be safe)
				m.next = &el
				return
			}
			switch el.Name.Local {
			case "c":
			case "f", "v", "is":
				if m.col > 0 {
					cm := m.cells[m.col]
					if el.Name.Local == "f" {
						cm.formula = true
					} else {
						cm.value = true
					}
					m.cells[m.col] = cm
				}
				continue
			default:
				continue
			}
			m.col++
			if ref, ok := attr(&el, "r"); ok {
				if c := refColumn(ref); c > 0 {
					m.col = c
				}
			}
			t, _ := attr(&el, "t")
			sv, _ := attr(&el, "s")
			s, _ := strconv.Atoi(sv)
			m.cells[m.col] = cellMeta{t: t, s: s}
		case xml.EndElement:
			if el.Name.Local == "row" {
				return
			}
		}
	}
}

func (m *metaReader) Close() error { return m.rc.Close() }

func nilIfEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

func attr(el *xml.StartElement, name string) (string, bool) {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// refColumn is the 1-based column of a cell reference such as E17.
func refColumn(ref string) int {
	c := 0
	for _, r := range ref {
		if r >= 'A' && r <= 'Z' {
			c = c*26 + int(r-'A') + 1
		} else if r >= 'a' && r <= 'z' {
			c = c*26 + int(r-'a') + 1
		} else {
			break
		}
	}
	return c
}
