// Package document writes official documents (公文) as DOCX files in the
// style of GB/T 9704-2012《党政机关公文格式》, for `qaward document`: A4
// portrait with the standard's margins (top 37 mm, bottom 35 mm, left
// 28 mm, right 26 mm, a text block of 156 × 225 mm), the title in 小标宋
// 二号 centred, the body in 仿宋_GB2312 三号 with a first-line indent of two
// characters and a fixed line pitch of 22 lines a page, headings in 黑体
// (level one) and 楷体 (level two), page numbers "— 1 —" in 宋体 四号 on
// the outside of the page, the issuing office's name and the date at the
// bottom right with room above them for the seal, and tables with borders
// whose heading row repeats on every page and whose rows never split.
//
// A Doc is built in order, one block after another, and written with
// Write: a WordprocessingML package in a zip (archive/zip), which Word,
// WPS and LibreOffice open. Text is taken as it is, Chinese or not: it is
// escaped for XML, and control characters (ESC, NUL, DEL, C1, bidi
// overrides, …) never reach the file. The same Doc always writes the same
// bytes.
package document

import (
	"strings"
)

// Doc is an official document under construction. The zero Doc is an
// empty document with page numbers; New names it.
type Doc struct {
	name, author  string
	blocks        []block
	breakPending  bool
	noPageNumbers bool
	sections      int // sections ended by Section so far
}

// New starts a document. The name and author are the file's document
// properties (shown by Word's 文件 > 信息); neither is printed.
func New(name, author string) *Doc {
	return &Doc{name: clean(name), author: clean(author)}
}

// NoPageNumbers leaves the footers out (certificates carry no page
// number).
func (d *Doc) NoPageNumbers() { d.noPageNumbers = true }

// Title is the document's title (标题): 小标宋 二号, centred, followed by
// one empty line. A "\n" in s breaks the title into lines (GB/T 9704 wants
// a long title in several lines, each a complete phrase).
func (d *Doc) Title(s string) {
	d.add(&para{style: styleTitle, runs: lines(s)})
}

// Subtitle is a line under the title: 楷体 三号, centred (such as
// "（供评委会审议）" or a document number).
func (d *Doc) Subtitle(s string) {
	d.add(&para{style: styleSubtitle, runs: lines(s)})
}

// Salutation is the addressee (主送机关) on its own line, flush left,
// such as "武冈市某某有限公司：".
func (d *Doc) Salutation(s string) {
	d.add(&para{style: styleSalutation, runs: lines(s)})
}

// Para adds body text: 仿宋_GB2312 三号, justified, first line indented
// by two characters. Each line of s ("\n") is a paragraph of its own;
// empty lines are dropped.
func (d *Doc) Para(s string) {
	for _, l := range splitLines(s) {
		if strings.TrimSpace(l) == "" {
			continue
		}
		d.add(&para{style: styleBody, runs: []run{{text: l}}})
	}
}

// Heading is a level-one heading (一、…): 黑体 三号, kept on the page of
// the paragraph or table that follows it.
func (d *Doc) Heading(s string) {
	d.add(&para{style: styleHeading1, runs: lines(s)})
}

// Heading2 is a level-two heading (（一）…): 楷体 三号, kept with what
// follows.
func (d *Doc) Heading2(s string) {
	d.add(&para{style: styleHeading2, runs: lines(s)})
}

// Note is a smaller line of text (仿宋 四号, flush left), for the notes
// under a table (注：…).
func (d *Doc) Note(s string) {
	for _, l := range splitLines(s) {
		if strings.TrimSpace(l) != "" {
			d.add(&para{style: styleNote, runs: []run{{text: l}}})
		}
	}
}

// Blank adds n empty lines of body text.
func (d *Doc) Blank(n int) {
	for range n {
		d.add(&para{style: styleSalutation})
	}
}

// Table adds a table the width of the text block with borders: the
// header row, in 黑体, repeats at the top of every page the table runs
// onto, and no row splits across pages. widths are the columns' relative
// widths (any unit; nil or a wrong count gives equal columns). Rows
// shorter than the header are padded; a "\n" in a cell breaks the line.
// The font is 四号 for up to four columns, 小四 up to seven, 五号 beyond.
func (d *Doc) Table(header []string, rows [][]string, widths []int) {
	d.table(header, rows, widths, 0)
}

// DenseTable is a Table in 五号 whatever its columns, for tables of
// figures and their workings.
func (d *Doc) DenseTable(header []string, rows [][]string, widths []int) {
	d.table(header, rows, widths, 21)
}

func (d *Doc) table(header []string, rows [][]string, widths []int, size int) {
	t := &table{header: cleanAll(header), widths: widths, size: size}
	for _, r := range rows {
		t.rows = append(t.rows, cleanAll(r))
	}
	d.add(t)
}

// PageBreak starts a new page: what follows begins at its top.
func (d *Doc) PageBreak() { d.breakPending = true }

// Section starts a new section on a new page whose page numbers begin at
// 1 again: one letter in a file of letters, each numbered on its own.
func (d *Doc) Section() {
	if len(d.blocks) == 0 {
		return
	}
	last, ok := d.blocks[len(d.blocks)-1].(*para)
	if !ok || last.sectPr {
		last = &para{style: styleSalutation}
		d.blocks = append(d.blocks, last)
	}
	last.sectPr = true
	d.sections++
	d.breakPending = false
}

// Closing signs the document (GB/T 9704 7.3.5): the issuing office's name
// and, under it, the date (成文日期, as Date writes it), at the bottom
// right, the date four characters from the right margin and the name
// centred over it, with two empty lines above for the seal: a seal of
// 42 mm that presses on the name and the date, they a little below its
// centre, then begins within a line of the text, as the standard wants. The name, the date and the paragraph before them are
// kept on one page, so a seal never stands on a page of its own.
func (d *Doc) Closing(office, date string) {
	d.closing(office, date, styleClosing, bodyPt)
}

// closing signs in a style whose font is pt points.
func (d *Doc) closing(office, date, style string, pt int) {
	office, date = clean(office), clean(date)
	if n := len(d.blocks); n > 0 {
		if p, ok := d.blocks[n-1].(*para); ok && !p.sectPr {
			p.keepNext = true
		}
	}
	for range 2 {
		d.add(&para{style: style, keepNext: true})
	}
	nameRight, dateRight := closingIndents(office, date, pt)
	d.add(&para{style: style, keepNext: true, indRight: nameRight, runs: []run{{text: office}}})
	d.add(&para{style: style, indRight: dateRight, runs: []run{{text: date}}})
}

// Annotation is the 附注 (GB/T 9704-2012 7.3.6): on the line under the
// date, 仿宋_GB2312 三号, indented two characters, in parentheses. code,
// when not empty, follows on a line of its own in a fixed-width Latin
// font of 10 pt: text that a reader types exactly, such as an audit head
// (SEQ:HASH, 66 to 72 characters), set small enough not to break.
func (d *Doc) Annotation(text, code string) {
	p := &para{style: styleBody, runs: []run{{text: "（" + clean(text)}}}
	if code = clean(code); code != "" {
		p.runs = append(p.runs, run{text: code, br: true, code: true})
	}
	p.runs = append(p.runs, run{text: "）"})
	d.add(p)
}

// Certificate is one page of a certificate (获奖证书).
type Certificate struct {
	Title  string   // such as 获奖证书, printed large and spaced out
	Number string   // the certificate's number, printed at the top right
	Holder string   // the addressee line, such as "武冈市某某有限公司："
	Text   []string // the paragraphs of the citation
	Issuer string   // the issuing authority, at the bottom right
	Date   string   // the date, under the issuer
}

// Certificate adds a certificate on a page of its own: the number at the
// top right, the title in 小标宋 初号 spaced out, the holder and the
// citation in 楷体 二号, the issuer and the date in 楷体 小二 at the bottom
// right with room for the seal.
func (d *Doc) Certificate(c Certificate) {
	if len(d.blocks) > 0 {
		d.PageBreak()
	}
	if c.Number != "" {
		d.add(&para{style: styleCertNumber, runs: lines(c.Number)})
	}
	d.add(&para{style: styleCertTitle, runs: lines(c.Title)})
	d.add(&para{style: styleCertHolder, runs: lines(c.Holder)})
	for _, t := range c.Text {
		for _, l := range splitLines(t) {
			if strings.TrimSpace(l) != "" {
				d.add(&para{style: styleCertText, runs: []run{{text: l}}})
			}
		}
	}
	d.closing(c.Issuer, c.Date, styleCertClosing, certClosingPt)
}

// add appends a block, with a pending page break or section start.
func (d *Doc) add(b block) {
	if d.breakPending {
		d.breakPending = false
		if p, ok := b.(*para); ok {
			p.pageBreakBefore = true
		} else {
			d.blocks = append(d.blocks, &para{style: styleSalutation, pageBreakBefore: true, tiny: true})
		}
	}
	d.blocks = append(d.blocks, b)
}

// Empty reports whether nothing has been added.
func (d *Doc) Empty() bool { return len(d.blocks) == 0 }

// Text is the document's text, one line per paragraph and one per table
// row (cells joined by tabs), for tests and previews.
func (d *Doc) Text() string {
	var b strings.Builder
	for _, bl := range d.blocks {
		switch x := bl.(type) {
		case *para:
			for _, r := range x.runs {
				b.WriteString(r.text)
			}
			b.WriteByte('\n')
		case *table:
			for _, r := range append([][]string{x.header}, x.rows...) {
				b.WriteString(strings.Join(r, "\t"))
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

type block interface{ isBlock() }

// para is one paragraph.
type para struct {
	style           string
	runs            []run
	keepNext        bool
	pageBreakBefore bool
	tiny            bool // a carrier of a page break before a table: one point high
	indRight        int  // twips, 0 for the style's
	sectPr          bool // the paragraph ends a section
}

// run is a stretch of text; br breaks the line before it; code sets it
// in the fixed-width font.
type run struct {
	text string
	br   bool
	code bool
}

// table is a table with a repeated header row.
type table struct {
	header []string
	rows   [][]string
	widths []int
	size   int // half-points; 0 by the number of columns
}

func (*para) isBlock()  {}
func (*table) isBlock() {}

// lines splits s at "\n" into runs, each after a line break.
func lines(s string) []run {
	var out []run
	for i, l := range splitLines(s) {
		out = append(out, run{text: l, br: i > 0})
	}
	return out
}

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = clean(s)
	}
	return out
}
