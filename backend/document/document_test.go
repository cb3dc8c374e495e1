package document_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"qaward/backend/document"
	"qaward/backend/document/doctest"
)

// letters is two letters in one file: the first with a table long enough
// to run over three pages, the second in a section of its own.
func letters() *document.Doc {
	d := document.New("测试文件", "武冈市市长质量奖评审委员会办公室")
	d.Title("关于2026年度武冈市市长质量奖\n获奖建议名单的公示")
	d.Subtitle("（供评委会审议）")
	d.Salutation("各有关单位：")
	d.Para("根据《武冈市市长质量奖管理办法》第二十四条规定，现将获奖建议名单予以公示。\n公示期为5个工作日。")
	d.Heading("一、获奖建议名单")
	var rows [][]string
	for i := 1; i <= 70; i++ {
		rows = append(rows, []string{fmt.Sprint(i), fmt.Sprintf("武冈市第%d号示范有限公司", i), "组织", "市长质量奖"})
	}
	d.Table([]string{"序号", "名称", "类别", "拟授奖项"}, rows, []int{1, 5, 1, 2})
	d.Note("注：按综合得分排列。")
	d.Heading2("（一）异议的提出")
	d.Para("任何单位或者个人有异议的，可以书面向评委会办公室提出。")
	d.Closing("武冈市市长质量奖评审委员会办公室", "2026年9月28日")
	d.Section()
	d.Title("异议处理告知书")
	d.Salutation("张三：")
	d.Para("你提出的异议收悉。")
	d.Closing("武冈市市长质量奖评审委员会办公室", "2026年10月9日")
	return d
}

func write(t *testing.T, d *document.Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDOCXIsAWellFormedPackageInTheStyleOfGBT9704(t *testing.T) {
	parts := doctest.Parts(t, write(t, letters()))
	doc := string(parts["word/document.xml"])
	styles := string(parts["word/styles.xml"])
	for what, want := range map[string]string{
		"A4 portrait":                     `<w:pgSz w:w="11906" w:h="16838"/>`,
		"margins 37/26/35/28 mm":          `w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"`,
		"a repeated table header":         `<w:tblHeader/>`,
		"rows that do not split":          `<w:cantSplit/>`,
		"headings kept with what follows": `<w:pStyle w:val="Heading1"/>`,
		"two sections, numbered from 1":   `<w:pgNumType w:start="1"/>`,
		"the title's name":                "获奖建议名单的公示",
		"the second letter":               "异议处理告知书",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s (%s)", what, want)
		}
	}
	if n := strings.Count(doc, "<w:sectPr>"); n != 2 {
		t.Errorf("%d sections, want 2", n)
	}
	if n := strings.Count(doc, "<w:tblHeader/>"); n != 1 {
		t.Errorf("%d header rows, want 1", n)
	}
	for what, want := range map[string]string{
		"title font 方正小标宋简体":    `w:eastAsia="方正小标宋简体"`,
		"title 二号 (22 pt)":      `<w:sz w:val="44"/>`,
		"body 仿宋_GB2312 三号":     `w:eastAsia="仿宋_GB2312"`,
		"body 16 pt":            `<w:sz w:val="32"/>`,
		"body line pitch 28.95": `w:line="579" w:lineRule="exact"`,
		"first-line indent":     `w:firstLineChars="200" w:firstLine="640"`,
		"headings 黑体":           `w:eastAsia="黑体"`,
		"headings keep next":    `<w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/>`,
	} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s (%s)", what, want)
		}
	}
	for _, f := range []string{"word/footer1.xml", "word/footer2.xml"} {
		ftr := string(parts[f])
		if !strings.Contains(ftr, `<w:instrText xml:space="preserve"> PAGE </w:instrText>`) || !strings.Contains(ftr, "— ") {
			t.Errorf("%s has no page number field — N —:\n%s", f, ftr)
		}
	}
	if !strings.Contains(string(parts["word/settings.xml"]), "<w:evenAndOddHeaders/>") {
		t.Error("page numbers are not on the outside (no evenAndOddHeaders)")
	}
	if !strings.Contains(string(parts["word/fontTable.xml"]), `<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`) {
		t.Error("the font table gives 仿宋_GB2312 no fallback")
	}
}

func TestControlCharactersNeverReachTheXML(t *testing.T) {
	d := document.New("x\x07", "y")
	hostile := "恶意\x1b[31m红字\x00\x07\u202e反向\u2066\x7f\u0085<b>&\"'\r\n第二行\ttab\xff"
	d.Title(hostile)
	d.Para(hostile)
	d.Heading(hostile)
	d.Table([]string{hostile}, [][]string{{hostile, hostile}}, nil)
	d.Closing(hostile, hostile)
	parts := doctest.Parts(t, write(t, d))
	for name, data := range parts {
		for i, c := range string(data) {
			if (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == 0x202e || c == 0x2066 || c == 0xfffd {
				t.Fatalf("%s: control character %U at byte %d", name, c, i)
			}
		}
	}
	doc := string(parts["word/document.xml"])
	if !strings.Contains(doc, "恶意[31m红字反向&lt;b&gt;&amp;&quot;&apos;") && !strings.Contains(doc, "恶意[31m红字反向&lt;b&gt;&amp;&quot;'") {
		t.Errorf("escaped text not found in\n%s", doc)
	}
	if !strings.Contains(doc, "第二行 tab") {
		t.Errorf("the line after CR LF or the tab as a space is missing:\n%s", doc)
	}
}

func TestSameDocSameBytes(t *testing.T) {
	if a, b := write(t, letters()), write(t, letters()); !bytes.Equal(a, b) {
		t.Error("two writes of the same document differ")
	}
}

func TestDates(t *testing.T) {
	day := time.Date(2026, 10, 9, 0, 0, 0, 0, time.UTC)
	if got := document.Date(day); got != "2026年10月9日" {
		t.Errorf("Date = %s", got)
	}
	for d, want := range map[time.Time]string{
		day: "二〇二六年十月九日",
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC):   "二〇二七年一月一日",
		time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC): "二〇三〇年十二月三十一日",
		time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC): "二〇二六年十一月二十日",
	} {
		if got := document.DateHan(d); got != want {
			t.Errorf("DateHan(%s) = %s, want %s", d.Format(time.DateOnly), got, want)
		}
	}
	for n, want := range map[int]string{0: "〇", 1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 31: "三十一", 99: "九十九", 100: "100"} {
		if got := document.Han(n); got != want {
			t.Errorf("Han(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestClosingIsSignedBottomRight(t *testing.T) {
	d := document.New("", "")
	d.Para("正文。")
	d.Closing("武冈市人民政府", "2026年10月9日")
	doc := string(doctest.Parts(t, write(t, d))["word/document.xml"])
	// the date (6.5 ems) four characters from the right (1280 twips); the
	// name (7 ems) centred over it: 4 - 0.25 ems = 1200 twips
	for _, want := range []string{`<w:ind w:right="1280" w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">2026年10月9日`,
		`<w:ind w:right="1200" w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">武冈市人民政府`} {
		if !strings.Contains(doc, want) {
			t.Errorf("closing lacks %s:\n%s", want, doc)
		}
	}
	// the body's last paragraph and the two lines for the seal are kept with the name
	if n := strings.Count(doc, `<w:keepNext/>`); n != 4 {
		t.Errorf("%d paragraphs kept with the next, want 4 (the last of the body, two for the seal, the name)", n)
	}
}

// TestPrintsWithLibreOffice renders the letters: A4, the table's header
// on every page it runs onto, page numbers — N — from 1 in each letter.
func TestPrintsWithLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("renders with LibreOffice")
	}
	pdf := doctest.PDF(t, write(t, letters()))
	if w, h := doctest.PageSize(t, pdf); w < 594 || w > 596 || h < 841 || h > 843 {
		t.Errorf("page size %.1f × %.1f pt, want A4 (595 × 842)", w, h)
	}
	n := doctest.Pages(t, pdf)
	if n < 4 || n > 6 {
		t.Fatalf("%d pages, want 3 to 5 for the first letter and 1 for the second", n)
	}
	second := doctest.PageText(t, pdf, 2)
	if !strings.Contains(second, "序号") || !strings.Contains(second, "拟授奖项") {
		t.Errorf("page 2 does not repeat the table's header:\n%s", second)
	}
	if !pageNumber(second, 2) {
		t.Errorf("page 2 has no page number — 2 —:\n%s", second)
	}
	last := doctest.PageText(t, pdf, n)
	if !strings.Contains(last, "异议处理告知书") || !pageNumber(last, 1) {
		t.Errorf("the second letter does not start at page 1 again:\n%s", last)
	}
}

// pageNumber reports whether a page's text carries the page number — n —
// (pdftotext may drop the spaces).
func pageNumber(text string, n int) bool {
	return regexp.MustCompile(fmt.Sprintf(`—\s*%d\s*—`, n)).MatchString(text)
}
