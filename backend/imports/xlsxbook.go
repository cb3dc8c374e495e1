package imports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// book is what reading a worksheet needs from the rest of its
// workbook: where each sheet is, the date system, which cell styles show
// dates, and the shared strings.
type book struct {
	parts    map[string]*zip.File // by lower-case name
	sheets   []sheetPart
	date1904 bool
	dates    []bool // by cell style (xf) index: its number format shows a date
	strings  []string
}

type sheetPart struct{ name, part string }

// MaxSharedStrings bounds the shared strings of a workbook: each is held
// in memory while the sheet is read, and 4 million are 4 million cells of
// different text, more than a table qaward reads has.
const MaxSharedStrings = 4_000_000

// MaxSharedStringBytes bounds the text of the shared strings, held in
// memory while the sheet is read: a score table of a million rows with a
// different text of 40 characters in two columns each has 240 MB.
const MaxSharedStringBytes = 256 << 20

// sharedTextLimit is MaxSharedStringBytes; tests lower it.
var sharedTextLimit = MaxSharedStringBytes

// The relationship types a workbook's parts are found by (the transitional
// and the strict forms of ECMA-376 end alike).
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relStyles         = "/styles"
	relSharedStrings  = "/sharedStrings"
)

// openWorkbook reads the workbook's structure, styles and shared strings
// from its zip archive; the worksheets are left for sheetRows.
func openWorkbook(zr *zip.Reader) (*book, error) {
	wb := &book{parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if _, dup := wb.parts[name]; !dup {
			wb.parts[name] = f
		}
	}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		if p := rels.target(relOfficeDocument); p != "" {
			main = p
		}
	}
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.decode(main, &doc); err != nil {
		return nil, err
	}
	wb.date1904 = doc.Pr.Date1904 == "1" || strings.EqualFold(doc.Pr.Date1904, "true")
	rels, err := wb.rels(relsOf(main), path.Dir(main))
	if err != nil {
		return nil, err
	}
	for _, s := range doc.Sheets {
		id := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
				id = a.Value
			}
		}
		if r, ok := rels.byID[id]; ok && strings.HasSuffix(r.typ, relWorksheet) {
			wb.sheets = append(wb.sheets, sheetPart{name: s.Name, part: r.target})
		}
	}
	if p := rels.target(relStyles); p != "" {
		if err := wb.readStyles(p); err != nil {
			return nil, err
		}
	}
	if p := rels.target(relSharedStrings); p != "" {
		if err := wb.readSharedStrings(p); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// names lists the worksheets in the workbook's order.
func (wb *book) names() []string {
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	return names
}

// open opens a part for reading.
func (wb *book) open(name string) (io.ReadCloser, error) {
	f, ok := wb.parts[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%s is missing from the workbook", safe(name))
	}
	return f.Open()
}

// decode reads a small part (the workbook, relationships, styles) with
// encoding/xml.
func (wb *book) decode(name string, v any) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%s is damaged: %v", safe(name), err)
	}
	return nil
}

type relation struct{ typ, target string }

type relations struct{ byID map[string]relation }

// target is the part of the first relationship of a type.
func (r relations) target(typ string) string {
	best := ""
	for id, rel := range r.byID {
		// the first by ID, so that the choice does not depend on map order
		if strings.HasSuffix(rel.typ, typ) && (best == "" || id < best) {
			best = id
		}
	}
	if best == "" {
		return ""
	}
	return r.byID[best].target
}

// relsOf is the relationships part of a part: xl/workbook.xml →
// xl/_rels/workbook.xml.rels.
func relsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// rels reads a relationships part; targets are made part names, relative
// to dir unless absolute. External targets are left out.
func (wb *book) rels(name, dir string) (relations, error) {
	var doc struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := wb.decode(name, &doc); err != nil {
		return relations{}, err
	}
	r := relations{byID: map[string]relation{}}
	for _, x := range doc.Rel {
		if strings.EqualFold(x.Mode, "External") {
			continue
		}
		t := strings.ReplaceAll(x.Target, "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = path.Clean(strings.TrimPrefix(t, "/"))
		} else {
			t = path.Join(dir, t)
		}
		r.byID[x.ID] = relation{typ: x.Type, target: t}
	}
	return r, nil
}

// readStyles finds the cell styles whose number format shows a date.
func (wb *book) readStyles(name string) error {
	var doc struct {
		NumFmts []struct {
			ID   string `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt string `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.decode(name, &doc); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, n := range doc.NumFmts {
		if id, err := strconv.Atoi(strings.TrimSpace(n.ID)); err == nil {
			custom[id] = n.Code
		}
	}
	wb.dates = make([]bool, len(doc.Xfs))
	for i, xf := range doc.Xfs {
		id, _ := strconv.Atoi(strings.TrimSpace(xf.NumFmt))
		if code, ok := custom[id]; ok {
			wb.dates[i] = dateFormat(code)
		} else {
			wb.dates[i] = builtinDate(id)
		}
	}
	return nil
}

// isDate reports whether a cell style's number format shows a date.
func (wb *book) isDate(style int) bool {
	return style >= 0 && style < len(wb.dates) && wb.dates[style]
}

// readSharedStrings reads the shared string table in one pass.
func (wb *book) readSharedStrings(name string) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	var buf []byte
	in := newInterner()
	held := 0
	for {
		kind, err := sc.next(false)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s is damaged: %v", safe(name), err)
		}
		tok := &sc.tok
		if kind != tokStart || string(tok.name) != "si" {
			continue
		}
		if len(wb.strings) == MaxSharedStrings {
			return limitError(fmt.Sprintf("the workbook has more than %d shared strings: this is not a table qaward reads", MaxSharedStrings))
		}
		buf = buf[:0]
		if !sc.tok.empty {
			if buf, err = stringItem(sc, buf); err != nil {
				return fmt.Errorf("%s is damaged: shared string %d: %v", safe(name), len(wb.strings), err)
			}
		}
		text := in.text(excelEscapes(buf))
		if held += len(text); held > sharedTextLimit {
			return limitError(fmt.Sprintf("the workbook's shared strings hold more than %s of text: save the sheet as CSV UTF-8", bytesText(uint64(sharedTextLimit))))
		}
		wb.strings = append(wb.strings, text)
	}
}

// sharedString is the shared string of index v (the text of a cell of
// type s).
func (wb *book) sharedString(v string) (string, error) {
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || i < 0 || i >= len(wb.strings) {
		return "", fmt.Errorf("the cell refers to shared string %s, which the workbook does not have (it has %d)", strconv.Quote(v), len(wb.strings))
	}
	return wb.strings[i], nil
}

// stringItem appends to buf the text of the string item (<si>, <is>)
// whose start tag was just read, up to its end tag: its text (<t>) and the
// text of its rich text runs (<r><t>), without phonetic runs (<rPh>).
// Excel's _xHHHH_ escapes are left to the caller (excelEscapes).
func stringItem(sc *xmlScanner, buf []byte) ([]byte, error) {
	base := sc.depth()
	inText, phonetic := false, 0
	for {
		kind, err := sc.next(inText && phonetic == 0)
		if err != nil {
			if err == io.EOF {
				err = errXMLEnd
			}
			return buf, err
		}
		tok := &sc.tok
		switch kind {
		case tokText:
			if buf, err = unescape(buf, tok.text, tok.cdata); err != nil {
				return buf, err
			}
		case tokStart:
			switch string(tok.name) {
			case "t":
				inText = !tok.empty
			case "rPh":
				if !tok.empty {
					phonetic++
				}
			}
		case tokEnd:
			if sc.depth() < base {
				return buf, nil
			}
			switch string(tok.name) {
			case "t":
				inText = false
			case "rPh":
				phonetic--
			}
		}
	}
}

// interner shares the text of short strings that repeat (IDs, stages,
// item numbers), so that a sheet of 300,000 rows does not hold 300,000
// copies of each.
type interner struct{ m map[string]string }

func newInterner() *interner { return &interner{m: map[string]string{}} }

const (
	internMax     = 24    // longest text shared
	internEntries = 50000 // texts shared at most
)

func (in *interner) text(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > internMax {
		return string(b)
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in.m) < internEntries {
		in.m[s] = s
	}
	return s
}

// limitError is a workbook refused for its size rather than damage.
type limitError string

func (e limitError) Error() string { return string(e) }

var errNoSheetData = errors.New("the worksheet has no table (no <sheetData>)")

// dimension reads the last row of a worksheet's used range from a
// <dimension ref="A1:G309401"> element's attributes, 0 when unknown.
func dimension(attrs []byte) int {
	last := 0
	eachAttr(attrs, func(name, value []byte) error {
		if string(name) == "ref" {
			if i := bytes.IndexByte(value, ':'); i >= 0 {
				value = value[i+1:]
			}
			if _, row, ok := cellRef(value); ok && row > 1 { // some writers leave it at A1
				last = row
			}
		}
		return nil
	})
	return last
}

// cellRef reads a cell reference such as E17 (or $E$17): its 1-based
// column and row.
func cellRef(ref []byte) (col, row int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if col = col*26 + int(c-'a') + 1; col > maxColumns {
			return 0, 0, false
		}
	}
	if col == 0 {
		return 0, 0, false
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if i == len(ref) {
		return col, 0, true // a column only
	}
	for ; i < len(ref); i++ {
		c := ref[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		if row = row*10 + int(c-'0'); row > maxSheetRows {
			return 0, 0, false
		}
	}
	return col, row, row > 0
}

// The size of a worksheet (Excel 2007 and later).
const (
	maxSheetRows = 1 << 20
	maxColumns   = 1 << 14
)
