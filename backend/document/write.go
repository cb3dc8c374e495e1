package document

import (
	"archive/zip"
	"io"
	"strconv"
	"strings"
	"time"
)

// The page (GB/T 9704-2012 5.2): A4 portrait, margins top 37 mm, bottom
// 35 mm, left 28 mm, right 26 mm, in twips (1 mm = 56.69 twips). The
// text block is 156 mm wide and 225 mm high: 22 lines of 三号 a page, a
// line pitch of 28.95 pt.
const (
	pageW       = 11906
	pageH       = 16838
	marginTop   = 2098
	marginBot   = 1984
	marginLeft  = 1587
	marginRight = 1474
	headerDist  = 851
	// footerDist puts the page number's line 7 mm below the text block
	// (GB/T 9704 7.5): 35 mm − 7 mm − its 16 pt line.
	footerDist = 1304
	textWidth  = pageW - marginLeft - marginRight
	linePitch  = 579 // twips: 28.95 pt, 22 lines in 225 mm
	bodyPt     = 16  // 三号
)

// Fonts. Each CJK font names the common font a system without it uses in
// its place (the font table's altName): 方正小标宋简体 → 宋体, 仿宋_GB2312 →
// 仿宋, 楷体_GB2312 → 楷体.
const (
	FontTitle = "方正小标宋简体"
	FontBody  = "仿宋_GB2312"
	FontHei   = "黑体"
	FontKai   = "楷体_GB2312"
	FontSong  = "宋体"
	fontLatin = "Times New Roman"
	// FontCode is the fixed-width font of text typed exactly (Courier
	// New; LibreOffice uses the metric-compatible Liberation Mono).
	FontCode = "Courier New"
)

// codeRPr sets a run in the fixed-width font at 10 pt (a character
// 6 pt wide): 72 characters take 152 mm of the 156 mm line.
var codeRPr = fonts(FontCode, FontCode) + size(20)

// Style IDs.
const (
	styleBody        = "Normal"
	styleTitle       = "Title"
	styleSubtitle    = "Subtitle"
	styleSalutation  = "Salutation"
	styleHeading1    = "Heading1"
	styleHeading2    = "Heading2"
	styleNote        = "Note"
	styleClosing     = "Closing"
	styleTableText   = "TableText"
	styleTableHead   = "TableHeading"
	styleFooter      = "Footer"
	styleCertNumber  = "CertificateNumber"
	styleCertTitle   = "CertificateTitle"
	styleCertHolder  = "CertificateHolder"
	styleCertText    = "CertificateText"
	styleCertClosing = "CertificateClosing"
	certClosingPt    = 18 // 小二
)

const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// zipTime is the time stamp of every part, so that one Doc always writes
// the same bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes the document as a DOCX package.
func (d *Doc) Write(w io.Writer) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", d.contentTypes()},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", d.core()},
		{"docProps/app.xml", appXML},
		{"word/document.xml", d.document()},
		{"word/_rels/document.xml.rels", d.documentRels()},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", d.settings()},
		{"word/fontTable.xml", fontTableXML},
	}
	if !d.noPageNumbers {
		parts = append(parts,
			struct{ name, body string }{"word/footer1.xml", footer("right")},
			struct{ name, body string }{"word/footer2.xml", footer("left")})
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

func (d *Doc) contentTypes() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	over := func(part, typ string) {
		b.WriteString(`<Override PartName="` + part + `" ContentType="` + typ + `"/>`)
	}
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	over("/word/document.xml", wml+"document.main+xml")
	over("/word/styles.xml", wml+"styles+xml")
	over("/word/settings.xml", wml+"settings+xml")
	over("/word/fontTable.xml", wml+"fontTable+xml")
	if !d.noPageNumbers {
		over("/word/footer1.xml", wml+"footer+xml")
		over("/word/footer2.xml", wml+"footer+xml")
	}
	over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	over("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	b.WriteString(`</Types>`)
	return b.String()
}

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>qaward</Application></Properties>`

func (d *Doc) documentRels() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	rel := func(id, typ, target string) {
		b.WriteString(`<Relationship Id="` + id + `" Type="` + nsR + `/` + typ + `" Target="` + target + `"/>`)
	}
	rel("rId1", "styles", "styles.xml")
	rel("rId2", "settings", "settings.xml")
	rel("rId3", "fontTable", "fontTable.xml")
	if !d.noPageNumbers {
		rel("rId4", "footer", "footer1.xml")
		rel("rId5", "footer", "footer2.xml")
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

func (d *Doc) core() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>`)
	escape(&b, strings.ReplaceAll(d.name, "\n", " "))
	b.WriteString(`</dc:title><dc:creator>`)
	escape(&b, strings.ReplaceAll(d.author, "\n", " "))
	b.WriteString(`</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>`)
	return b.String()
}

func (d *Doc) settings() string {
	s := xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>`
	if !d.noPageNumbers {
		// page numbers on the outside: odd pages right, even pages left
		s += `<w:evenAndOddHeaders/>`
	}
	return s + `<w:characterSpacingControl w:val="compressPunctuation"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`
}

// footer is a footer with the page number "— N —" in 宋体 四号, one
// character in from the margin on the side given.
func footer(side string) string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="` + styleFooter + `"/>`)
	b.WriteString(`<w:ind w:` + side + `="280"/><w:jc w:val="` + side + `"/></w:pPr>`)
	b.WriteString(`<w:r><w:t xml:space="preserve">— </w:t></w:r>`)
	b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`)
	b.WriteString(`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	b.WriteString(`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`)
	return b.String()
}

// document is word/document.xml.
func (d *Doc) document() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	blocks := d.blocks
	for i, bl := range blocks {
		var next block
		if i+1 < len(blocks) {
			next = blocks[i+1]
		}
		switch x := bl.(type) {
		case *para:
			d.writePara(&b, x, next)
		case *table:
			writeTable(&b, x)
			if _, ok := next.(*table); ok || next == nil {
				// two tables in a row would merge; a body ends in a paragraph
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + styleSalutation + `"/></w:pPr></w:p>`)
			}
		}
	}
	d.writeSectPr(&b)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

func (d *Doc) writeSectPr(b *strings.Builder) {
	b.WriteString(`<w:sectPr>`)
	if !d.noPageNumbers {
		b.WriteString(`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>`)
	}
	b.WriteString(`<w:pgSz w:w="` + strconv.Itoa(pageW) + `" w:h="` + strconv.Itoa(pageH) + `"/>`)
	b.WriteString(`<w:pgMar w:top="` + strconv.Itoa(marginTop) + `" w:right="` + strconv.Itoa(marginRight) +
		`" w:bottom="` + strconv.Itoa(marginBot) + `" w:left="` + strconv.Itoa(marginLeft) +
		`" w:header="` + strconv.Itoa(headerDist) + `" w:footer="` + strconv.Itoa(footerDist) + `" w:gutter="0"/>`)
	b.WriteString(`<w:pgNumType w:start="1"/><w:cols w:space="720"/></w:sectPr>`)
}

func (d *Doc) writePara(b *strings.Builder, p *para, next block) {
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + p.style + `"/>`)
	if p.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.pageBreakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	switch {
	case p.tiny:
		b.WriteString(`<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>`)
	case p.style == styleTitle:
		// the empty line under the title goes under the subtitle when one follows
		if n, ok := next.(*para); ok && n.style == styleSubtitle {
			b.WriteString(`<w:spacing w:after="0"/>`)
		}
	}
	if p.indRight != 0 {
		b.WriteString(`<w:ind w:right="` + strconv.Itoa(p.indRight) + `" w:firstLineChars="0" w:firstLine="0"/>`)
	}
	if p.tiny {
		b.WriteString(`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>`)
	}
	if p.sectPr {
		d.writeSectPr(b)
	}
	b.WriteString(`</w:pPr>`)
	for _, r := range p.runs {
		rPr := ""
		if r.code {
			rPr = codeRPr
		}
		writeRun(b, r, rPr)
	}
	b.WriteString(`</w:p>`)
}

// writeRun writes a run; rPr is its properties ("" for none).
func writeRun(b *strings.Builder, r run, rPr string) {
	if r.text == "" && !r.br {
		return
	}
	b.WriteString(`<w:r>`)
	if rPr != "" {
		b.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
	}
	if r.br {
		b.WriteString(`<w:br/>`)
	}
	if r.text != "" {
		b.WriteString(`<w:t xml:space="preserve">`)
		escape(b, r.text)
		b.WriteString(`</w:t>`)
	}
	b.WriteString(`</w:r>`)
}

// columnWidths spreads the text width over the columns by weight.
func columnWidths(n int, weights []int) []int {
	total := 0
	ok := len(weights) == n
	for _, w := range weights {
		if w <= 0 {
			ok = false
		}
		total += w
	}
	out := make([]int, n)
	if !ok {
		weights, total = make([]int, n), n
		for i := range weights {
			weights[i] = 1
		}
	}
	left := textWidth
	for i := range out {
		if i == n-1 {
			out[i] = left
			break
		}
		out[i] = textWidth * weights[i] / total
		left -= out[i]
	}
	return out
}

// tableSize is the font size of a table in half-points: 四号 up to four
// columns, 小四 up to seven, 五号 beyond.
func tableSize(cols int) int {
	switch {
	case cols <= 4:
		return 28
	case cols <= 7:
		return 24
	}
	return 21
}

func writeTable(b *strings.Builder, t *table) {
	n := len(t.header)
	for _, r := range t.rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	widths := columnWidths(n, t.widths)
	sz := t.size
	if sz == 0 {
		sz = tableSize(n)
	}
	size := strconv.Itoa(sz)
	rPr := `<w:sz w:val="` + size + `"/><w:szCs w:val="` + size + `"/>`
	// a column of short cells is centred, one with longer text flush left
	left := make([]bool, n)
	for _, r := range t.rows {
		for i, c := range r {
			for _, l := range strings.Split(c, "\n") {
				if ems(l) > 8 {
					left[i] = true
				}
			}
		}
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(textWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		sz := "8"
		if strings.HasPrefix(side, "inside") {
			sz = "4"
		}
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="` + sz + `" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="57" w:type="dxa"/>` +
		`<w:left w:w="57" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []string, header bool) {
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="454"/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for i := range n {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(widths[i]) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>`)
			style := styleTableText
			if header {
				style = styleTableHead
			}
			b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
			if left[i] && !header {
				b.WriteString(`<w:jc w:val="left"/>`)
			}
			b.WriteString(`<w:rPr>` + rPr + `</w:rPr></w:pPr>`)
			for _, r := range lines(c) {
				writeRun(b, r, rPr)
			}
			b.WriteString(`</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	if len(t.header) > 0 {
		row(t.header, true)
	}
	for _, r := range t.rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}
