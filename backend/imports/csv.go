package imports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encoding is the character encoding of a CSV file.
type Encoding string

// The encodings a CSV file is read in. Excel and WPS write UTF-8 as "CSV
// UTF-8" and GB18030 (GBK) as plain "CSV" on a Chinese system.
const (
	AutoEncoding Encoding = ""        // UTF-8 when the file is valid UTF-8 (BOM or not), else GB18030
	UTF8         Encoding = "utf-8"   // UTF-8, a byte-order mark allowed
	GB18030      Encoding = "gb18030" // GB18030, which includes GBK and GB2312
)

// Encodings lists the encodings ParseEncoding accepts, for help texts.
const Encodings = "utf-8, gb18030"

// ParseEncoding reads an encoding's name: "utf-8" (or "utf8"), "gb18030"
// (also "gbk", "gb2312"), or "" and "auto" to detect it.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return AutoEncoding, nil
	case "utf-8", "utf8":
		return UTF8, nil
	case "gb18030", "gbk", "gb2312", "cp936":
		return GB18030, nil
	}
	return "", fmt.Errorf("unknown encoding %q: want %s", s, Encodings)
}

var utf8BOM = []byte("\ufeff")

// DetectEncoding reads r to its end and returns UTF8 when it is valid UTF-8
// text (with or without a byte-order mark), else GB18030.
func DetectEncoding(r io.Reader) (Encoding, error) {
	buf := make([]byte, 64<<10)
	carry := 0
	for {
		n, err := io.ReadFull(r, buf[carry:])
		data := buf[:carry+n]
		end := len(data)
		more := err == nil
		if more {
			end = completeRunes(data)
		}
		if !utf8.Valid(data[:end]) {
			return GB18030, nil
		}
		if !more {
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return UTF8, nil
			}
			return "", err
		}
		carry = copy(buf, data[end:])
	}
}

// completeRunes is the length of data without a UTF-8 sequence cut off at
// its end.
func completeRunes(data []byte) int {
	for k := 1; k <= utf8.UTFMax && k <= len(data); k++ {
		b := data[len(data)-k]
		if b < utf8.RuneSelf {
			return len(data)
		}
		if utf8.RuneStart(b) {
			if utf8.FullRune(data[len(data)-k:]) {
				return len(data)
			}
			return len(data) - k
		}
	}
	return len(data)
}

// ReadCSV reads the header row of a CSV file in UTF-8 (a byte-order mark is
// allowed) or GB18030, detected, and returns a table whose rows Each reads
// from r as it goes. Empty lines are skipped.
func ReadCSV(file string, r io.Reader) (*Table, error) {
	return ReadCSVProgress(file, r, AutoEncoding, nil)
}

// ReadCSVEncoding is ReadCSV in the given encoding; AutoEncoding detects it.
func ReadCSVEncoding(file string, r io.Reader, enc Encoding) (*Table, error) {
	return ReadCSVProgress(file, r, enc, nil)
}

// ReadCSVProgress is ReadCSVEncoding reporting the bytes of r read to
// progress (done, total) when progress is not nil; total is r's size when r
// is an io.Seeker, else 0. To detect the encoding of an io.ReadSeeker the
// whole file is checked first; of another reader, its first MiB.
func ReadCSVProgress(file string, r io.Reader, enc Encoding, progress func(done, total int)) (*Table, error) {
	detected := enc == AutoEncoding
	total := 0
	if rs, ok := r.(io.ReadSeeker); ok {
		// a pipe is an *os.File too, but cannot seek: read it as a stream
		if start, err := rs.Seek(0, io.SeekCurrent); err == nil {
			end, err := rs.Seek(0, io.SeekEnd)
			total = int(end - start)
			if err == nil && detected {
				if _, err = rs.Seek(start, io.SeekStart); err == nil {
					enc, err = DetectEncoding(rs)
				}
			}
			if err == nil {
				_, err = rs.Seek(start, io.SeekStart)
			}
			if err != nil {
				return nil, &Error{File: file, Msg: err.Error()}
			}
		}
	}
	if progress != nil {
		r = &countingReader{r: r, total: total, progress: progress}
	}
	bufSize := 64 << 10
	if enc == AutoEncoding {
		bufSize = 1 << 20
	}
	br := bufio.NewReaderSize(r, bufSize)
	head, _ := br.Peek(4)
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return nil, &Error{File: file, Line: 1, Msg: `UTF-16 text ("Unicode text") is not read; save the file as "CSV UTF-8"`}
	}
	bom := bytes.HasPrefix(head, utf8BOM)
	if enc == AutoEncoding { // not seekable: judge by the start
		prefix, err := br.Peek(bufSize)
		enc = GB18030
		if bom || utf8.Valid(prefix[:completeRunes(prefix)]) || err != nil && utf8.Valid(prefix) {
			enc = UTF8
		}
	}
	var src io.Reader = br
	switch enc {
	case UTF8:
		if bom {
			br.Discard(len(utf8BOM))
		}
	case GB18030:
		if bom {
			return nil, &Error{File: file, Line: 1, Msg: "the file starts with a UTF-8 byte-order mark but is read as GB18030; read it as UTF-8"}
		}
		dec := bufio.NewReaderSize(transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), 64<<10)
		if h, _ := dec.Peek(3); bytes.Equal(h, utf8BOM) { // GB18030's own byte-order mark
			dec.Discard(3)
		}
		src = dec
	default:
		return nil, &Error{File: file, Msg: fmt.Sprintf("unknown encoding %q: want %s", enc, Encodings)}
	}
	lim := &limitReader{r: src}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1
	t := &Table{File: file, Encoding: enc}
	t.next = func() (Row, error) {
		for {
			lim.recordEnd = cr.InputOffset()
			rec, err := cr.Read()
			if lim.err != nil {
				return Row{}, &Error{File: file, Line: lim.errLine, Msg: lim.err.Error()}
			}
			if err == io.EOF {
				return Row{}, err
			}
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return Row{}, &Error{File: file, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
				}
				return Row{}, &Error{File: file, Msg: err.Error()}
			}
			line, _ := cr.FieldPos(0)
			for i, c := range rec {
				if msg := badEncoding(c, enc, detected); msg != "" {
					field := ""
					if i < len(t.Header) {
						field = t.Header[i]
					}
					return Row{}, &Error{File: file, Line: line, Column: i + 1, Field: field, Msg: msg}
				}
			}
			if !blank(rec) {
				return Row{Line: line, Cells: rec}, nil
			}
		}
	}
	header, err := t.next()
	if err == io.EOF {
		return nil, &Error{File: file, Line: 1, Msg: "empty file: a header row is required"}
	}
	if err != nil {
		return nil, err
	}
	for _, h := range header.Cells {
		t.Header = append(t.Header, strings.TrimSpace(h))
	}
	return t, nil
}

// badEncoding says what is wrong with a cell's bytes in the file's
// encoding, "" when nothing.
func badEncoding(cell string, enc Encoding, detected bool) string {
	switch {
	case enc == UTF8 && !utf8.ValidString(cell):
		return `not valid UTF-8 text; a file that Excel or WPS saved as plain "CSV" is GB18030: read it as GB18030 (--encoding gb18030) or save it as "CSV UTF-8"`
	case enc == GB18030 && strings.ContainsRune(cell, utf8.RuneError):
		if detected {
			return `neither UTF-8 nor GB18030 text; save the file as "CSV UTF-8"`
		}
		return `not valid GB18030 text (the file is read as GB18030, as asked); save it as "CSV UTF-8"`
	}
	return ""
}

// limitReader refuses a CSV row longer than MaxRowBytes and a file longer
// than MaxCSVBytes as it delivers them, so that neither is held in memory;
// errLine is the line where the limit was passed.
type limitReader struct {
	r         io.Reader
	off       int64 // bytes delivered
	recordEnd int64 // where the csv reader's current record starts
	line      int   // line feeds delivered
	err       error
	errLine   int
}

// csvBuffer is the csv reader's read-ahead: what it may hold beyond the
// record it reads.
const csvBuffer = 4096

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	rowLimit := l.recordEnd + MaxRowBytes + csvBuffer
	for i, b := range p[:n] {
		at := l.off + int64(i)
		switch {
		case at >= MaxCSVBytes:
			l.err = fmt.Errorf("the file is longer than %d MiB; split it into smaller files", MaxCSVBytes>>20)
		case at >= rowLimit:
			l.err = fmt.Errorf("a row longer than %d KiB: no field may be that long (is a closing quote missing?)", MaxRowBytes>>10)
		case b == '\n':
			l.line++
			continue
		default:
			continue
		}
		l.errLine = l.line + 1
		l.off += int64(i)
		return i, l.err
	}
	l.off += int64(n)
	return n, err
}

// countingReader reports the bytes read from a reader of known size.
type countingReader struct {
	r        io.Reader
	n, total int
	progress func(done, total int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	if n > 0 {
		c.progress(c.n, c.total)
	}
	return n, err
}
