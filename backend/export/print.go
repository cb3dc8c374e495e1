package export

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Print says how a workbook prints and what its header, footer and
// document properties name: the office prints on A4.
type Print struct {
	// Title is the document's title, shown in every page header; "" is
	// the award's name in the workbook's language.
	Title string
	// Cycle is the cycle the tables are of ("" leaves it out).
	Cycle string
	// Lang is the language of headers and footers: "en", else Chinese.
	Lang string
	// Created is when the workbook was made; zero is now.
	Created time.Time
}

// Printable widths of an A4 page, in column-width units (about 1.85 mm
// each at the default font), inside margins of 0.5 in left and right.
const (
	portraitWidth  = 95
	landscapeWidth = 140
	// wrapWidth is the narrowest a text column is made to fit a page;
	// its text wraps within it.
	wrapWidth = 20
	// narrowColumns is how many columns a table may have to be shrunk to
	// fit a portrait page (the rules sheet); wider tables turn landscape.
	narrowColumns = 4
)

// sheetLayout is how a table lies on the page.
type sheetLayout struct {
	widths    []int
	wrap      []bool // the column's text wraps
	landscape bool
}

// layoutOf chooses column widths and the orientation: portrait when the
// columns fit; a table of a few columns (the rules) has its widest text
// columns narrowed and wrapped to fit portrait; a wider table turns
// landscape, its widest text columns narrowed to fit that. The page
// setup fits the sheet to one page wide in any case.
func layoutOf(t *Table) sheetLayout {
	natural := widths(t) // capped at maxWidth
	full := append([]int(nil), natural...)
	for i, h := range t.Header {
		full[i] = max(full[i], Width(h)+2)
	}
	for _, r := range t.All() {
		for i, v := range r {
			if i < len(full) {
				full[i] = max(full[i], Width(v)+2)
			}
		}
	}
	l := sheetLayout{widths: natural}
	budget := portraitWidth
	if sum(natural) > portraitWidth && len(natural) > narrowColumns {
		l.landscape, budget = true, landscapeWidth
	}
	l.widths = shrink(t, natural, budget)
	l.wrap = make([]bool, len(l.widths))
	for i := range l.widths {
		l.wrap[i] = l.widths[i] < full[i]
	}
	return l
}

// shrink narrows the widest text columns, one unit at a time, down to
// wrapWidth, until the widths fit the budget or no column can give more.
func shrink(t *Table, w []int, budget int) []int {
	out := append([]int(nil), w...)
	for sum(out) > budget {
		widest := -1
		for i := range out {
			if t.Kind(i) == Text && out[i] > wrapWidth && (widest < 0 || out[i] > out[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		out[widest]--
	}
	return out
}

func sum(w []int) int {
	n := 0
	for _, x := range w {
		n += x
	}
	return n
}

// rowHeight is the height in points of a row whose wrapped cells take
// several lines, or 0 for a row of one line.
func (l *sheetLayout) rowHeight(row []string) float64 {
	lines := 1
	for i, v := range row {
		if i < len(l.wrap) && l.wrap[i] {
			per := max(1, l.widths[i]-1)
			lines = max(lines, (Width(v)+per-1)/per)
		}
	}
	if lines == 1 {
		return 0
	}
	return float64(lines) * 15.6
}

// English names of the sheets, for the page header of an English workbook.
var sheetTitles = map[string]string{
	SheetMaterial: "Material review ranking", SheetOnsite: "On-site review ranking",
	SheetComposite: "Composite ranking", SheetCandidates: "Candidate list", SheetRules: "Rules of the cycle",
	"申报者": "Applicants", "评审员": "Reviewers", "回避": "Conflicts", "满意度": "Satisfaction", "评分": "Scores",
}

func (p Print) en() bool { return p.Lang == "en" }

func (p Print) title() string {
	if p.Title != "" {
		return p.Title
	}
	if p.en() {
		return "Wugang Mayor's Quality Award"
	}
	return "武冈市市长质量奖"
}

func (p Print) created() time.Time {
	if p.Created.IsZero() {
		return time.Now()
	}
	return p.Created
}

// hf escapes text for a page header or footer, where & starts a code.
func hf(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// HeaderFooter are the page header and footer of a sheet: the award and
// the sheet's title, the cycle, the date of the export and "第 &P 页，共
// &N 页" (page X of Y).
func (p Print) HeaderFooter(sheet string) (header, footer string) {
	title, cycle, made, pages := sheet, "", "", "第 &P 页，共 &N 页"
	day := p.created().Format("2006-01-02")
	if p.en() {
		if en, ok := sheetTitles[sheet]; ok {
			title = en
		}
		pages, made = "Page &P of &N", "Exported "+day
		if p.Cycle != "" {
			cycle = "Cycle " + p.Cycle
		}
	} else {
		made = "导出日期：" + day
		if p.Cycle != "" {
			cycle = "届次：" + p.Cycle
		}
	}
	header = "&L" + hf(p.title()) + "&C&\"-,Bold\"" + hf(title) + "&R" + hf(cycle)
	footer = "&L" + hf(made) + "&C" + pages + "&R" + hf(cycle)
	return header, footer
}

// setupPrint sets a sheet's page: A4, portrait or landscape, one page
// wide, the header row repeated on every page and filtered, header and
// footer. It runs before the sheet's stream writer is made, which writes
// these settings out with the rows.
func setupPrint(f *excelize.File, name string, t *Table, l *sheetLayout, p Print) error {
	cols := max(1, len(t.Header))
	last, err := excelize.CoordinatesToCellName(cols, 1+t.Len())
	if err != nil {
		return err
	}
	if len(t.Header) > 0 {
		// first: AutoFilter replaces the sheet's properties
		if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
			return err
		}
	}
	orientation := "portrait"
	if l.landscape {
		orientation = "landscape"
	}
	a4, wide, tall := 9, 1, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	side, top, edge := 0.5, 0.75, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &top, Bottom: &top, Header: &edge, Footer: &edge}); err != nil {
		return err
	}
	header, footer := p.HeaderFooter(t.Name)
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: footer}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: "'" + strings.ReplaceAll(name, "'", "''") + "'!$1:$1"})
}

// Notes under the tables come from package scoring and from Report in
// English; these are their Chinese forms.
var noteForms = []struct {
	re *regexp.Regexp
	zh string
}{
	{regexp.MustCompile(`^vacant places: (\d+) organisation award\(s\), (\d+) individual award\(s\), (\d+) nomination\(s\)$`),
		"空缺：组织奖 $1 个，个人奖 $2 个，提名奖 $3 个"},
	{regexp.MustCompile(`^incomplete: ([^:]+): (.*)$`), "数据不全：$1：$2"},
	{regexp.MustCompile(`^on-site shortlist \((organisations|individuals)\) boundary: (\S+) \(material rank (\d+)\) and (\S+) \(material rank (\d+)\) share material score ([\d.]+); decided by applicant ID alone$`),
		"现场评审入围名额（$1）边界：$2（材料评审第 $3 名）与 $4（材料评审第 $5 名）材料评审得分同为 $6，按编号决定"},
	{regexp.MustCompile(`^award \((organisations|individuals)\) boundary: (\S+) \(rank (\d+)\) and (\S+) \(rank (\d+)\) share composite ([\d.]+); (.*)$`),
		"市长质量奖名额（$1）边界：$2（第 $3 名）与 $4（第 $5 名）综合得分同为 $6；$7"},
	{regexp.MustCompile(`^nomination boundary: (\S+) \(rank (\d+)\) and (\S+) \(rank (\d+)\) share composite ([\d.]+); (.*)$`),
		"提名奖名额边界：$1（第 $2 名）与 $3（第 $4 名）综合得分同为 $5；$6"},
}

// noteWords are the words inside the notes: the kinds of the boundaries,
// the reasons of incomplete rows and what decided a tie.
var noteWords = strings.NewReplacer(
	"no on-site score (no counted on-site sheet and no consensus)", "无现场评审得分（无有效现场评分表，也无一致意见）",
	"no satisfaction index", "无满意度指数",
	"（organisations）", "（组织）", "（individuals）", "（个人）",
	"equal on-site ", "现场评审得分同为 ", " and material ", "、材料评审得分同为 ",
	" scores; decided by applicant ID alone", "，按编号决定",
	"decided by on-site score ", "按现场评审得分决定：", "; decided by material score ", "；按材料评审得分决定：",
	" against ", " 对 ", "; ", "；",
)

// LocalizeNote gives a note under a table in Chinese: the vacant places,
// the incomplete applicants and the ties at a boundary; a note of another
// form stays as it is.
func LocalizeNote(n string) string {
	for _, f := range noteForms {
		if f.re.MatchString(n) {
			return noteWords.Replace(f.re.ReplaceAllString(n, f.zh))
		}
	}
	return n
}

// docProps are the workbook's document properties.
func docProps(p Print, tables []Table) *excelize.DocProperties {
	var names []string
	for _, t := range tables {
		names = append(names, t.Name)
	}
	title := p.title()
	if p.Cycle != "" {
		title = fmt.Sprintf("%s %s", title, p.Cycle)
	}
	lang := "zh-CN"
	if p.en() {
		lang = "en-GB"
	}
	made := p.created().UTC().Format(time.RFC3339)
	return &excelize.DocProperties{Creator: "qaward", Title: title, Subject: strings.Join(names, "、"),
		Language: lang, Created: made, Modified: made}
}
