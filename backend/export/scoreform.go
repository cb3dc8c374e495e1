package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"qaward/award"
	"qaward/criteria"
)

// Paper score forms: a workbook a reviewer prints for an on-site visit
// without a laptop, fills in by hand, and the office types back into the
// same file, which `qaward import scores` then reads as it is.
//
// The importer reads the first worksheet, takes its first non-empty row as
// the header, refuses any column it does not know and any cell beyond the
// header, and skips rows that are blank. So the first sheet is the scores
// table itself, under the importer's own Chinese headers (阶段, 申报编号,
// 评审员编号, 条款编号, 得分率, 优势, 改进机会), one row per item, every
// reviewer × applicant pair one after the other. What a reader needs
// beside it lies where the importer does not look: an item's name, points
// and kind are shown by the number format of its item cell (the cell holds
// the item ID alone); each form's title, instructions and signature line
// are rows whose only cell holds a space, shown through its number format,
// which the importer skips as blank; the scoring bands are on a second
// sheet. Only the cells a reviewer fills in (得分率, 优势, 改进机会) are
// unlocked; the sheet is protected without a password against accidental
// changes of the IDs.

// ScoreForm is one reviewer's paper score sheet of one applicant at one
// stage.
type ScoreForm struct {
	Stage     award.Stage
	Applicant award.Applicant
	Reviewer  award.Reviewer
	Set       *criteria.Set
}

// formColumns are the scores table's columns: the importer's names, in
// Chinese or (for an English form) the contract's names, and their widths
// on a landscape A4 page.
var formColumns = []struct {
	zh, en string
	width  float64
}{
	{"阶段", "stage", 7}, {"申报编号", "applicant_id", 9}, {"评审员编号", "reviewer_id", 9},
	{"条款编号", "item_id", 36}, {"得分率", "percent", 9}, {"优势", "strengths", 35}, {"改进机会", "improvements", 35},
}

// Row heights of a form, in points.
const (
	formHeaderHeight = 30
	formTitleHeight  = 26
	formNoteHeight   = 30
	formItemHeight   = 44
	formSignHeight   = 34
)

// formText are a form's fixed texts in Chinese and English.
type formText struct {
	sheet, guide, percentHint, itemHint, note, sign, points, kindSep string
	stage                                                            map[award.Stage]string
	title                                                            func(stage, applicant, reviewer, set string) string
}

var formTexts = map[bool]formText{
	false: {sheet: "评分表", guide: "评分指南", percentHint: "（%）", itemHint: "（名称、分值、类型）",
		note: "填写说明：每个条款的得分率填 0、5、10……100 中的一个数（百分数，不写 % 号）；先对照《评分指南》选出整体上最符合的分数段，" +
			"再依据与相邻分数段的接近程度在段内上下调整；优势、改进机会逐条填写。本表录入后可直接导入：qaward import scores 本文件。",
		sign: "评审员签名：________________　　　　日期：________年____月____日", points: "分", kindSep: "，",
		stage: map[award.Stage]string{award.Material: "材料评审", award.Onsite: "现场评审"},
		title: func(stage, applicant, reviewer, set string) string {
			return stage + "评分表　　申报者：" + applicant + "　　评审员：" + reviewer + "　　评分标准：" + set
		}},
	true: {sheet: "Score forms", guide: "Scoring guide", percentHint: " (%)", itemHint: " (name, points, kind)",
		note: "Write each item's percentage as one of 0, 5, 10, ... 100 (no % sign): choose the band of the scoring guide that fits best " +
			"as a whole, then move within it by how close the response is to the neighbouring band; list strengths and opportunities " +
			"for improvement. Typed into this file, it imports as it is: qaward import scores THIS-FILE.",
		sign: "Reviewer's signature: ________________        Date: ____________", points: " points", kindSep: ", ",
		stage: map[award.Stage]string{award.Material: "material", award.Onsite: "onsite"},
		title: func(stage, applicant, reviewer, set string) string {
			return "Score form, " + stage + " review    Applicant: " + applicant + "    Reviewer: " + reviewer + "    Criteria: " + set
		}},
}

// PercentChoices are the values a percentage cell offers: 0, 5, …, 100.
func PercentChoices() []string {
	out := make([]string, 0, 21)
	for p := 0; p <= 100; p += 5 {
		out = append(out, strconv.Itoa(p))
	}
	return out
}

// WriteScoreForms writes the forms as a workbook: the scores table with
// one form after the other on the first sheet, each starting on a new page,
// and the scoring bands of the forms' criteria sets on the second. Both
// print on A4, fitted to one page wide, with the award, the sheet's title
// and the cycle in the page header and "第 &P 页，共 &N 页" in the footer;
// the table's header row repeats on every page.
func WriteScoreForms(w io.Writer, forms []ScoreForm, p Print) error {
	if len(forms) == 0 {
		return fmt.Errorf("no score forms to write")
	}
	txt := formTexts[p.en()]
	f := excelize.NewFile()
	defer f.Close()
	fw := &formWriter{f: f, sheet: txt.sheet, txt: txt, en: p.en(), fmts: map[string]int{}}
	if err := f.SetDocProps(docProps(p, []Table{{Name: txt.sheet}, {Name: txt.guide}})); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", txt.sheet); err != nil {
		return err
	}
	title := txt.stage[forms[0].Stage] + txt.sheet
	if p.en() {
		title = txt.sheet
	}
	if err := setupPrint(f, txt.sheet, &Table{Name: title}, &sheetLayout{landscape: true}, p); err != nil {
		return err
	}
	if err := fw.write(forms); err != nil {
		return fmt.Errorf("sheet %s: %w", txt.sheet, err)
	}
	if _, err := f.NewSheet(txt.guide); err != nil {
		return err
	}
	if err := setupPrint(f, txt.guide, &Table{Name: txt.guide}, &sheetLayout{}, p); err != nil {
		return err
	}
	// the guide's tables have titles of their own: no row repeats
	if err := f.DeleteDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: txt.guide}); err != nil {
		return err
	}
	if err := writeGuide(f, txt.guide, forms, p.en()); err != nil {
		return fmt.Errorf("sheet %s: %w", txt.guide, err)
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// formWriter lays the forms out on the scores sheet.
type formWriter struct {
	f     *excelize.File
	sheet string
	txt   formText
	en    bool
	row   int
	st    formStyles
	fmts  map[string]int // display format → style, for shown text
}

type formStyles struct{ header, id, percent, text int }

func (fw *formWriter) write(forms []ScoreForm) error {
	var err error
	if fw.st, err = newFormStyles(fw.f); err != nil {
		return err
	}
	for i, c := range formColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := fw.f.SetColWidth(fw.sheet, col, col, c.width); err != nil {
			return err
		}
	}
	if err := fw.header(); err != nil {
		return err
	}
	for i, form := range forms {
		if i > 0 {
			if err := fw.f.InsertPageBreak(fw.sheet, "A"+strconv.Itoa(fw.row+1)); err != nil {
				return err
			}
		}
		if err := fw.form(form); err != nil {
			return fmt.Errorf("form of %s by %s: %w", form.Applicant.ID, form.Reviewer.ID, err)
		}
	}
	return fw.f.ProtectSheet(fw.sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true, FormatColumns: true})
}

func newFormStyles(f *excelize.File) (formStyles, error) {
	var s formStyles
	var err error
	thin := func(color string) []excelize.Border { return borders(color, 1) }
	lock := &excelize.Protection{Locked: true}
	open := &excelize.Protection{Locked: false}
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: thin("808080"),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: lock}); err != nil {
		return s, err
	}
	if s.id, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}, NumFmt: 49, Border: thin("A6A6A6"),
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: lock}); err != nil {
		return s, err
	}
	if s.percent, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 14, Bold: true}, Border: borders("000000", 2),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: open}); err != nil {
		return s, err
	}
	s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49, Border: thin("808080"),
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Protection: open})
	return s, err
}

// borders is a box around a cell: thin (1) or medium (2) lines.
func borders(color string, style int) []excelize.Border {
	bs := make([]excelize.Border, 0, 4)
	for _, side := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: side, Color: color, Style: style})
	}
	return bs
}

// shown is a style whose number format shows text beside or instead of
// the cell's value: suffix after it (item names), or literal text in place
// of a blank cell (titles), in the given font.
func (fw *formWriter) shown(format string, font *excelize.Font, border bool) (int, error) {
	key := fmt.Sprintf("%s\x00%v\x00%v", format, *font, border)
	if id, ok := fw.fmts[key]; ok {
		return id, nil
	}
	s := &excelize.Style{CustomNumFmt: &format, Font: font, Protection: &excelize.Protection{Locked: true},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}
	if border {
		s.Border = borders("808080", 1)
	}
	id, err := fw.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	fw.fmts[key] = id
	return id, nil
}

// literal quotes text for a number format: within double quotes, where
// every character stands for itself but the quote, which becomes a
// full-width one. A format code holds at most 255 characters, so long text
// is cut with "…".
func literal(s string, room int) string {
	s = strings.ReplaceAll(award.Printable(s), `"`, "＂")
	if r := []rune(s); len(r) > room {
		s = string(r[:room-1]) + "…"
	}
	return `"` + s + `"`
}

// cell names a cell of the current row.
func (fw *formWriter) cell(col int) string {
	name, _ := excelize.CoordinatesToCellName(col, fw.row)
	return name
}

func (fw *formWriter) header() error {
	fw.row = 1
	hints := map[int]string{4: fw.txt.itemHint, 5: fw.txt.percentHint}
	for i, c := range formColumns {
		name := c.zh
		if fw.en {
			name = c.en
		}
		if err := fw.f.SetCellStr(fw.sheet, fw.cell(i+1), name); err != nil {
			return err
		}
		style := fw.st.header
		if hint, ok := hints[i+1]; ok {
			var err error
			if style, err = fw.headerHint(hint); err != nil {
				return err
			}
		}
		if err := fw.f.SetCellStyle(fw.sheet, fw.cell(i+1), fw.cell(i+1), style); err != nil {
			return err
		}
	}
	return fw.f.SetRowHeight(fw.sheet, fw.row, formHeaderHeight)
}

// headerHint is the header style showing a hint after the column's name.
func (fw *formWriter) headerHint(hint string) (int, error) {
	format := "@" + literal(hint, 100)
	return fw.f.NewStyle(&excelize.Style{CustomNumFmt: &format, Font: &excelize.Font{Bold: true}, Border: borders("808080", 1),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: &excelize.Protection{Locked: true}})
}

// banner writes a row that the importer skips as blank (its one cell holds
// a space) and a reader sees as text, merged across the table.
func (fw *formWriter) banner(text string, font *excelize.Font, height float64) error {
	fw.row++
	style, err := fw.shown(";;;"+literal(text, 250), font, false)
	if err != nil {
		return err
	}
	last := fw.cell(len(formColumns))
	if err := fw.f.SetCellStr(fw.sheet, fw.cell(1), " "); err != nil {
		return err
	}
	if err := fw.f.MergeCell(fw.sheet, fw.cell(1), last); err != nil {
		return err
	}
	if err := fw.f.SetCellStyle(fw.sheet, fw.cell(1), last, style); err != nil {
		return err
	}
	return fw.f.SetRowHeight(fw.sheet, fw.row, height)
}

func (fw *formWriter) form(form ScoreForm) error {
	set := form.Set
	setName := set.Name
	if fw.en && set.NameEn != "" {
		setName = set.NameEn
	}
	setName += fmt.Sprintf("（%d %s）", set.Total, strings.TrimSpace(fw.txt.points))
	title := fw.txt.title(fw.txt.stage[form.Stage], form.Applicant.ID+" "+form.Applicant.Name,
		form.Reviewer.ID+" "+form.Reviewer.Name, setName)
	if err := fw.banner(title, &excelize.Font{Bold: true, Size: 12}, formTitleHeight); err != nil {
		return err
	}
	if err := fw.banner(fw.txt.note, &excelize.Font{Size: 9, Italic: true, Color: "404040"}, formNoteHeight); err != nil {
		return err
	}
	first := fw.row + 1
	for _, it := range set.Items() {
		if err := fw.item(form, it); err != nil {
			return err
		}
	}
	if err := fw.percentChoices(first, fw.row); err != nil {
		return err
	}
	return fw.banner(fw.txt.sign, &excelize.Font{Size: 11}, formSignHeight)
}

// item writes the row of one item: the IDs the importer needs, the item
// shown with its name, points and kind, the box for the percentage and the
// cells for strengths and improvements.
func (fw *formWriter) item(form ScoreForm, it criteria.Item) error {
	fw.row++
	name, kind := it.Name, it.Kind.Label()
	if fw.en {
		kind = string(it.Kind)
		if it.NameEn != "" {
			name = it.NameEn
		}
	}
	shown := fmt.Sprintf(" %s（%d %s%s%s）", name, it.Points, strings.TrimSpace(fw.txt.points), fw.txt.kindSep, kind)
	if fw.en {
		shown = fmt.Sprintf(" %s (%d%s%s%s)", name, it.Points, fw.txt.points, fw.txt.kindSep, kind)
	}
	itemStyle, err := fw.shown("@"+literal(shown, 200), &excelize.Font{Size: 11}, true)
	if err != nil {
		return err
	}
	cells := []struct {
		value string
		style int
	}{
		{fw.txt.stage[form.Stage], fw.st.id}, {form.Applicant.ID, fw.st.id}, {form.Reviewer.ID, fw.st.id},
		{it.ID, itemStyle}, {"", fw.st.percent}, {"", fw.st.text}, {"", fw.st.text},
	}
	for i, c := range cells {
		ref := fw.cell(i + 1)
		if c.value != "" {
			if err := fw.f.SetCellStr(fw.sheet, ref, c.value); err != nil {
				return err
			}
		}
		if err := fw.f.SetCellStyle(fw.sheet, ref, ref, c.style); err != nil {
			return err
		}
	}
	return fw.f.SetRowHeight(fw.sheet, fw.row, formItemHeight)
}

// percentChoices offers 0, 5, …, 100 in the percentage cells of rows
// first to last, and refuses anything else as it is typed.
func (fw *formWriter) percentChoices(first, last int) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("E%d:E%d", first, last))
	if err := dv.SetDropList(PercentChoices()); err != nil {
		return err
	}
	if fw.en {
		dv.SetInput("Percentage", "0, 5, 10, ... 100")
		dv.SetError(excelize.DataValidationErrorStyleStop, "Percentage", "Want one of 0, 5, 10, ... 100 (no % sign).")
	} else {
		dv.SetInput("得分率", "填 0、5、10……100 中的一个数")
		dv.SetError(excelize.DataValidationErrorStyleStop, "得分率", "得分率须为 0、5、10……100 中的一个数（不写 % 号）。")
	}
	return fw.f.AddDataValidation(fw.sheet, dv)
}
