package document

import (
	"strconv"
	"strings"
)

// fonts is rFonts naming a CJK font for East Asian text and latin for the
// rest.
func fonts(eastAsia, latin string) string {
	return `<w:rFonts w:ascii="` + latin + `" w:hAnsi="` + latin + `" w:eastAsia="` + eastAsia + `" w:cs="` + latin + `"/>`
}

func size(halfPoints int) string {
	s := strconv.Itoa(halfPoints)
	return `<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`
}

func spacing(before, after, line int, exact bool) string {
	rule := "auto"
	if exact {
		rule = "exact"
	}
	return `<w:spacing w:before="` + strconv.Itoa(before) + `" w:after="` + strconv.Itoa(after) +
		`" w:line="` + strconv.Itoa(line) + `" w:lineRule="` + rule + `"/>`
}

// indent is a first-line indent of chars characters of pt points.
func indent(chars int, pt int) string {
	return `<w:ind w:firstLineChars="` + strconv.Itoa(chars*100) + `" w:firstLine="` + strconv.Itoa(chars*pt*20) + `"/>`
}

const noIndent = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`

// style is one paragraph style: pPr and rPr are its properties in schema
// order.
func style(id, name, basedOn, pPr, rPr string) string {
	s := `<w:style w:type="paragraph" w:styleId="` + id + `"`
	if id == styleBody {
		s += ` w:default="1"`
	}
	s += `><w:name w:val="` + name + `"/>`
	if basedOn != "" {
		s += `<w:basedOn w:val="` + basedOn + `"/>`
	}
	if id == styleBody {
		s += `<w:qFormat/>`
	} else {
		s += `<w:next w:val="` + styleBody + `"/><w:qFormat/>`
	}
	return s + `<w:pPr>` + pPr + `</w:pPr><w:rPr>` + rPr + `</w:rPr></w:style>`
}

// stylesXML: the body is 仿宋_GB2312 三号 at a fixed pitch of 22 lines a
// page, justified, first line indented two characters (GB/T 9704 5.2.2,
// 7.3.3); the other styles say how they differ.
var stylesXML = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts(FontBody, fontLatin) + `<w:kern w:val="2"/>` + size(2*bodyPt) +
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>` + spacing(0, 0, linePitch, true) + `<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	b.WriteString(style(styleBody, "Normal", "", indent(2, bodyPt), ""))
	// 标题: 小标宋 二号, centred, an empty line under it
	b.WriteString(style(styleTitle, "Title", styleBody, `<w:keepNext/><w:keepLines/>`+spacing(0, linePitch, 700, true)+noIndent+`<w:jc w:val="center"/>`,
		fonts(FontTitle, FontTitle)+size(44)))
	b.WriteString(style(styleSubtitle, "Subtitle", styleBody, `<w:keepNext/>`+spacing(0, linePitch, linePitch, true)+noIndent+`<w:jc w:val="center"/>`,
		fonts(FontKai, FontKai)+size(2*bodyPt)))
	b.WriteString(style(styleSalutation, "Salutation", styleBody, noIndent+`<w:jc w:val="left"/>`, ""))
	b.WriteString(style(styleHeading1, "heading 1", styleBody, `<w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/>`,
		fonts(FontHei, FontHei)))
	b.WriteString(style(styleHeading2, "heading 2", styleBody, `<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>`,
		fonts(FontKai, FontKai)))
	b.WriteString(style(styleNote, "Note", styleBody, spacing(0, 0, 440, true)+noIndent, size(28)))
	b.WriteString(style(styleClosing, "Closing", styleBody, noIndent+`<w:jc w:val="right"/>`, ""))
	b.WriteString(style(styleTableText, "Table Text", styleBody, spacing(0, 0, 240, false)+noIndent+`<w:jc w:val="center"/>`, size(28)))
	b.WriteString(style(styleTableHead, "Table Heading", styleTableText, `<w:keepNext/>`, fonts(FontHei, FontHei)))
	// 页码: 宋体 四号
	b.WriteString(style(styleFooter, "footer", styleBody, spacing(0, 0, 320, true)+noIndent, fonts(FontSong, FontSong)+size(28)))
	b.WriteString(style(styleCertNumber, "Certificate Number", styleBody, spacing(0, 0, linePitch, true)+noIndent+`<w:jc w:val="right"/>`, size(28)))
	b.WriteString(style(styleCertTitle, "Certificate Title", styleBody, `<w:keepNext/>`+spacing(2000, 1400, 1100, true)+noIndent+`<w:jc w:val="center"/>`,
		fonts(FontTitle, FontTitle)+`<w:spacing w:val="400"/>`+size(84)))
	b.WriteString(style(styleCertHolder, "Certificate Holder", styleBody, spacing(0, 0, 800, true)+noIndent+`<w:jc w:val="left"/>`,
		fonts(FontKai, FontKai)+size(44)))
	b.WriteString(style(styleCertText, "Certificate Text", styleBody, spacing(0, 0, 800, true)+indent(2, 22),
		fonts(FontKai, FontKai)+size(44)))
	b.WriteString(style(styleCertClosing, "Certificate Closing", styleBody, spacing(0, 0, 720, true)+noIndent+`<w:jc w:val="right"/>`,
		fonts(FontKai, FontKai)+size(2*certClosingPt)))
	b.WriteString(`</w:styles>`)
	return b.String()
}()

// fontTableXML declares the fonts with their character set (GB2312) and
// the common font to use where one is missing.
var fontTableXML = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:fonts xmlns:w="` + nsW + `">`)
	for _, f := range []struct{ name, alt string }{
		{FontTitle, FontSong}, {FontBody, "仿宋"}, {FontHei, "SimHei"}, {FontKai, "楷体"}, {FontSong, "SimSun"},
	} {
		b.WriteString(`<w:font w:name="` + f.name + `"><w:altName w:val="` + f.alt + `"/><w:charset w:val="86"/>` +
			`<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
	}
	b.WriteString(`<w:font w:name="` + fontLatin + `"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`)
	b.WriteString(`<w:font w:name="` + FontCode + `"><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`)
	b.WriteString(`</w:fonts>`)
	return b.String()
}()
