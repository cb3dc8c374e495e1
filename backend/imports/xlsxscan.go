package imports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// The parts of a workbook that hold cells (a worksheet, the shared strings)
// are read by xmlScanner, a tokenizer of the XML that SpreadsheetML uses:
// elements, attributes, text, CDATA sections, comments and processing
// instructions. It reads a part in one pass through a window of a few
// hundred KiB, never the whole part, and ten times faster than
// encoding/xml, which matters for a worksheet of 100 MB. It checks that
// elements nest; a document type declaration, which a spreadsheet never
// has and which could define entities, is refused.

// maxXMLToken bounds one tag or one run of text held while reading: a cell
// holds at most 32,767 characters, a few hundred KiB written as XML.
const maxXMLToken = 1 << 20

type tokenKind int

const (
	tokStart tokenKind = iota + 1 // a start tag, or an empty element (<x/>)
	tokEnd                        // an end tag
	tokText                       // character data or a CDATA section
)

// token is one piece of XML. Its slices point into the scanner's window
// and are valid until the next call of next.
type token struct {
	kind  tokenKind
	name  []byte // local name, without a namespace prefix
	attrs []byte // a start tag's attributes, as written
	empty bool   // an empty element: no end tag follows
	text  []byte // text as written (see unescape); CDATA as is
	cdata bool
}

type xmlScanner struct {
	tok      token // the token next read
	r        io.Reader
	buf      []byte
	pos, end int // unread bytes are buf[pos:end]
	eof      bool
	started  bool
	// the qualified names of the open elements, one after another in names
	names []byte
	marks []int
}

// scanWindow is the window's first size; tests shrink it to cut tokens
// at its edge.
var scanWindow = 256 << 10

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, scanWindow)}
}

var gt = []byte(">")

var errXMLEnd = errors.New("the XML ends early")

// more reads more bytes into the window, keeping the unread ones; it
// returns false at the end of the part.
func (s *xmlScanner) more() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxXMLToken {
			return false, fmt.Errorf("a tag or a text longer than %d KiB: this is not a table qaward reads", maxXMLToken>>10)
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
}

// find returns the offset from pos of the first occurrence of sep at or
// after offset from, reading more as needed; -1 at the end of the part.
func (s *xmlScanner) find(from int, sep []byte) (int, error) {
	for {
		var i int
		if len(sep) == 1 {
			i = bytes.IndexByte(s.buf[s.pos+from:s.end], sep[0])
		} else {
			i = bytes.Index(s.buf[s.pos+from:s.end], sep)
		}
		if i >= 0 {
			return from + i, nil
		}
		from = max(from, s.end-s.pos-len(sep)+1)
		ok, err := s.more()
		if err != nil || !ok {
			return -1, err
		}
	}
}

// next reads the next token into s.tok and returns its kind. Text is
// returned only when keepText is set; otherwise it is skipped without
// being held. At the end of the part it returns io.EOF, or an error when
// an element is still open.
func (s *xmlScanner) next(keepText bool) (tokenKind, error) {
	for {
		if s.pos == s.end {
			ok, err := s.more()
			if err != nil {
				return 0, err
			}
			if !ok {
				if len(s.marks) > 0 {
					return 0, fmt.Errorf("%w, inside <%s>", errXMLEnd, s.open())
				}
				return 0, io.EOF
			}
		}
		if !s.started {
			s.started = true
			if err := s.prolog(); err != nil {
				return 0, err
			}
			continue
		}
		if s.buf[s.pos] != '<' {
			if !keepText {
				if i := bytes.IndexByte(s.buf[s.pos:s.end], '<'); i >= 0 {
					s.pos += i
				} else {
					s.pos = s.end
				}
				continue
			}
			i, err := s.find(0, []byte("<"))
			if err != nil {
				return 0, err
			}
			if i < 0 {
				i = s.end - s.pos
			}
			s.tok = token{kind: tokText, text: s.buf[s.pos : s.pos+i]}
			s.pos += i
			return tokText, nil
		}
		skip, err := s.markup(keepText)
		if err != nil || !skip {
			return s.tok.kind, err
		}
	}
}

// prolog skips a UTF-8 byte-order mark and refuses another encoding than
// UTF-8 declared in the XML declaration.
func (s *xmlScanner) prolog() error {
	for s.end-s.pos < 3 {
		if ok, err := s.more(); err != nil || !ok {
			break
		}
	}
	head := s.buf[s.pos:s.end]
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		s.pos += 3
	} else if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return errors.New("the XML is in UTF-16, which qaward does not read; save the workbook again in Excel, WPS or LibreOffice")
	}
	if !bytes.HasPrefix(s.buf[s.pos:s.end], []byte("<?xml")) {
		return nil
	}
	i, err := s.find(0, []byte("?>"))
	if err != nil {
		return err
	}
	if i < 0 {
		return errXMLEnd
	}
	decl := s.buf[s.pos+5 : s.pos+i]
	s.pos += i + 2
	var enc string
	err = eachAttr(decl, func(name, value []byte) error {
		if string(name) == "encoding" {
			enc = string(value)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if enc != "" && !bytes.EqualFold([]byte(enc), []byte("utf-8")) && !bytes.EqualFold([]byte(enc), []byte("utf8")) {
		return fmt.Errorf("the XML is in the encoding %s, which qaward does not read; save the workbook again in Excel, WPS or LibreOffice", strconv.Quote(enc))
	}
	return nil
}

// markup reads the markup at pos: a tag, or a comment, processing
// instruction or CDATA section; skip is set for what is not a token.
func (s *xmlScanner) markup(keepText bool) (skip bool, err error) {
	if s.end-s.pos < 2 {
		if _, err := s.more(); err != nil {
			return false, err
		}
		if s.end-s.pos < 2 {
			return false, errXMLEnd
		}
	}
	switch s.buf[s.pos+1] {
	case '!', '?':
		return s.special(keepText)
	case '/':
		i, err := s.find(2, gt)
		if err != nil {
			return false, err
		}
		if i < 0 {
			return false, errXMLEnd
		}
		qname := trimSpace(s.buf[s.pos+2 : s.pos+i])
		s.pos += i + 1
		return s.endTag(qname)
	}
	i, err := s.tagEnd()
	if err != nil {
		return false, err
	}
	tag := s.buf[s.pos+1 : s.pos+i]
	s.pos += i + 1
	t := &s.tok
	t.kind, t.empty, t.text, t.cdata = tokStart, false, nil, false
	if n := len(tag); n > 0 && tag[n-1] == '/' {
		t.empty, tag = true, tag[:n-1]
	}
	n := 0
	for n < len(tag) && !space[tag[n]] {
		n++
	}
	qname := tag[:n]
	if n == 0 {
		return false, errors.New("XML syntax error: a tag without a name")
	}
	t.name, t.attrs = localName(qname), tag[n:]
	if !t.empty {
		s.marks = append(s.marks, len(s.names))
		s.names = append(s.names, qname...)
	}
	return false, nil
}

// special reads a comment, a processing instruction or a CDATA section,
// and refuses a document type declaration.
func (s *xmlScanner) special(keepText bool) (skip bool, err error) {
	for s.end-s.pos < 9 {
		if ok, err := s.more(); err != nil || !ok {
			break
		}
	}
	head := s.buf[s.pos:s.end]
	var end []byte
	switch {
	case bytes.HasPrefix(head, []byte("<!--")):
		end = []byte("-->")
	case bytes.HasPrefix(head, []byte("<![CDATA[")):
		end = []byte("]]>")
	case bytes.HasPrefix(head, []byte("<?")):
		end = []byte("?>")
	default:
		return false, errors.New("the XML has a document type declaration, which a spreadsheet does not have")
	}
	i, err := s.find(2, end)
	if err != nil {
		return false, err
	}
	if i < 0 {
		return false, errXMLEnd
	}
	start := s.pos
	s.pos += i + len(end)
	if end[0] != ']' || !keepText {
		return true, nil
	}
	s.tok = token{kind: tokText, cdata: true, text: s.buf[start+9 : start+i]}
	return false, nil
}

func (s *xmlScanner) endTag(qname []byte) (bool, error) {
	if len(s.marks) == 0 {
		return false, fmt.Errorf("XML syntax error: </%s> closes no element", safe(string(qname)))
	}
	if open := s.open(); !bytes.Equal(open, qname) {
		return false, fmt.Errorf("XML syntax error: <%s> is closed by </%s>", safe(string(open)), safe(string(qname)))
	}
	mark := s.marks[len(s.marks)-1]
	s.marks = s.marks[:len(s.marks)-1]
	s.names = s.names[:mark]
	s.tok = token{kind: tokEnd, name: localName(qname)}
	return false, nil
}

// closeCell consumes n bytes that end the innermost open element, which
// must be named name, when the caller has read them itself (sheetRows'
// fast path); it reports whether it did.
func (s *xmlScanner) closeCell(name string, n int) bool {
	if len(s.marks) == 0 || string(s.open()) != name {
		return false
	}
	s.pos += n
	s.names = s.names[:s.marks[len(s.marks)-1]]
	s.marks = s.marks[:len(s.marks)-1]
	return true
}

// open is the qualified name of the innermost open element.
func (s *xmlScanner) open() []byte {
	return s.names[s.marks[len(s.marks)-1]:]
}

// depth is the number of open elements.
func (s *xmlScanner) depth() int { return len(s.marks) }

// tagEnd is the offset from pos of the > that ends the tag at pos, outside
// quoted attribute values.
func (s *xmlScanner) tagEnd() (int, error) {
	var quote byte
	i := 1
	for {
		b := s.buf[s.pos:s.end]
		for ; i < len(b); i++ {
			c := b[i]
			if !tagByte[c] {
				continue
			}
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return i, nil
			case c == '<':
				return 0, errors.New("XML syntax error: < inside a tag")
			}
		}
		ok, err := s.more()
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, errXMLEnd
		}
	}
}

// tagByte marks the bytes that tagEnd looks at.
var tagByte = [256]bool{'"': true, '\'': true, '>': true, '<': true}

func localName(q []byte) []byte {
	if i := bytes.LastIndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// space marks XML's white space.
var space = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && space[b[0]] {
		b = b[1:]
	}
	for len(b) > 0 && space[b[len(b)-1]] {
		b = b[:len(b)-1]
	}
	return b
}

// eachAttr calls fn with the local name and the unescaped value of each
// attribute of a start tag.
func eachAttr(attrs []byte, fn func(name, value []byte) error) error {
	a := attrReader{rest: attrs}
	for a.next() {
		if err := fn(a.name, a.value); err != nil {
			return err
		}
	}
	return a.err
}

// attrReader reads the attributes of a start tag one at a time: after
// next, name is the local name and value the unescaped value.
type attrReader struct {
	rest, name, value []byte
	err               error
}

func (a *attrReader) next() bool {
	b := a.rest
	for len(b) > 0 && space[b[0]] {
		b = b[1:]
	}
	if len(b) == 0 || a.err != nil {
		return false
	}
	eq := bytes.IndexByte(b, '=')
	if eq <= 0 {
		a.err = errors.New("XML syntax error: an attribute without a value")
		return false
	}
	name := b[:eq]
	for len(name) > 0 && space[name[len(name)-1]] {
		name = name[:len(name)-1]
	}
	b = b[eq+1:]
	for len(b) > 0 && space[b[0]] {
		b = b[1:]
	}
	if len(b) == 0 || b[0] != '"' && b[0] != '\'' {
		a.err = errors.New("XML syntax error: an attribute value without quotes")
		return false
	}
	end := bytes.IndexByte(b[1:], b[0])
	if end < 0 {
		a.err = errors.New("XML syntax error: an attribute value without its closing quote")
		return false
	}
	a.value, a.rest = b[1:end+1], b[end+2:]
	if bytes.IndexByte(a.value, '&') >= 0 {
		if a.value, a.err = unescape(nil, a.value, false); a.err != nil {
			return false
		}
	}
	a.name = localName(name)
	return true
}

// unescape appends text as XML means it to dst: entity and character
// references replaced, and line ends (CR LF, CR) made line feeds as an XML
// reader must; a CDATA section (cdata) only has its line ends made so.
func unescape(dst, text []byte, cdata bool) ([]byte, error) {
	if bytes.IndexByte(text, '\r') < 0 && (cdata || bytes.IndexByte(text, '&') < 0) {
		return append(dst, text...), nil
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\r':
			dst = append(dst, '\n')
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		case c == '&' && !cdata:
			semi := bytes.IndexByte(text[i:], ';')
			if semi < 0 {
				return dst, errors.New("XML syntax error: & without a ; ending its reference")
			}
			r, err := reference(text[i+1 : i+semi])
			if err != nil {
				return dst, err
			}
			dst = utf8.AppendRune(dst, r)
			i += semi
		default:
			dst = append(dst, c)
		}
	}
	return dst, nil
}

// reference is the character an entity or character reference (without &
// and ;) stands for.
func reference(ref []byte) (rune, error) {
	switch string(ref) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "quot":
		return '"', nil
	case "apos":
		return '\'', nil
	}
	if len(ref) > 1 && ref[0] == '#' {
		var n uint64
		var err error
		if ref[1] == 'x' {
			n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
		}
		if err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), nil
		}
	}
	return 0, fmt.Errorf("XML syntax error: unknown reference &%s;", safe(string(ref)))
}

// excelEscapes decodes the escapes Excel writes in a string item for a
// character XML cannot hold: _xHHHH_ is the UTF-16 code unit HHHH (two of
// them a surrogate pair), and _x005F_ before such a form an escaped _.
func excelEscapes(s []byte) []byte {
	if !bytes.Contains(s, []byte("_x")) {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		u, ok := escapeAt(s, i)
		if !ok {
			out = append(out, s[i])
			i++
			continue
		}
		i += 7
		r := rune(u)
		if u >= 0xd800 && u < 0xdc00 {
			if lo, ok := escapeAt(s, i); ok && lo >= 0xdc00 && lo < 0xe000 {
				r = 0x10000 + (rune(u)-0xd800)<<10 + rune(lo) - 0xdc00
				i += 7
			}
		}
		if r >= 0xd800 && r < 0xe000 {
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// escapeAt reads an escape _xHHHH_ at s[i:].
func escapeAt(s []byte, i int) (uint16, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 16)
	return uint16(n), err == nil
}
