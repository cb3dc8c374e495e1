package export

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"qaward/criteria"
)

// The scoring guide of the paper forms: for each criteria set the forms
// use and each kind of item in it, the bands (0–5 %, 10–25 %, …) with the
// guidance of every factor as the catalog holds them, and the items judged
// by them. It is the second sheet, which the importer does not read.

// guideWidths are the columns of the guide on a portrait A4 page: the
// band, then one column per factor.
const (
	guideBandWidth   = 10
	guideFactorWidth = 21
)

func writeGuide(f *excelize.File, sheet string, forms []ScoreForm, en bool) error {
	g := &guideWriter{f: f, sheet: sheet, en: en}
	if err := g.styles(); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", guideBandWidth); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "E", guideFactorWidth); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, form := range forms {
		if seen[form.Set.ID] {
			continue
		}
		seen[form.Set.ID] = true
		for _, kind := range []criteria.Kind{criteria.Process, criteria.Results} {
			if err := g.bands(form.Set, kind); err != nil {
				return err
			}
		}
	}
	return nil
}

type guideWriter struct {
	f                             *excelize.File
	sheet                         string
	en                            bool
	row                           int
	title, head, band, text, note int
}

func (g *guideWriter) styles() error {
	var err error
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	box := borders("808080", 1)
	if g.title, err = g.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}); err != nil {
		return err
	}
	if g.head, err = g.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}); err != nil {
		return err
	}
	if g.band, err = g.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: box,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}); err != nil {
		return err
	}
	if g.text, err = g.f.NewStyle(&excelize.Style{Border: box, Alignment: wrap}); err != nil {
		return err
	}
	g.note, err = g.f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "404040"}, Alignment: wrap})
	return err
}

// bands writes the table of one kind of a set, when the set has items of
// that kind.
func (g *guideWriter) bands(set *criteria.Set, kind criteria.Kind) error {
	var items []string
	for _, it := range set.Items() {
		if it.Kind == kind {
			items = append(items, fmt.Sprintf("%s %s（%d）", it.ID, g.pick(it.Name, it.NameEn), it.Points))
		}
	}
	bands := set.Bands[kind]
	if len(items) == 0 || len(bands) == 0 {
		return nil
	}
	if g.row > 0 {
		g.row++ // an empty row between tables
	}
	kindName := kind.Label() + "类条款"
	if g.en {
		kindName = string(kind) + " items"
	}
	if err := g.merged(g.pick(set.Name, set.NameEn)+"　"+kindName, g.title, 22); err != nil {
		return err
	}
	head := []string{g.pick("得分率", "Percent")}
	for _, fa := range bands[0].Factors {
		head = append(head, g.pick(fa.Name, fa.NameEn))
	}
	if err := g.line(head, g.head); err != nil {
		return err
	}
	for _, b := range bands {
		cells := []string{fmt.Sprintf("%d–%d%%", b.Min, b.Max)}
		for _, fa := range b.Factors {
			cells = append(cells, g.pick(fa.Text, fa.TextEn))
		}
		if err := g.line(cells, g.text); err != nil {
			return err
		}
		if err := g.f.SetCellStyle(g.sheet, cellName(1, g.row), cellName(1, g.row), g.band); err != nil {
			return err
		}
	}
	sep := "、"
	if g.en {
		sep = "; "
	}
	return g.merged(g.pick("适用条款：", "Items: ")+strings.Join(items, sep), g.note, 0)
}

// pick is the Chinese text, or the English one of an English guide when
// there is one.
func (g *guideWriter) pick(zh, en string) string {
	if g.en && en != "" {
		return en
	}
	return zh
}

// line writes one row of cells, as tall as its longest wrapped text.
func (g *guideWriter) line(cells []string, style int) error {
	g.row++
	l := sheetLayout{widths: []int{guideBandWidth}, wrap: []bool{false}}
	for i, c := range cells {
		ref := cellName(i+1, g.row)
		if err := g.f.SetCellStr(g.sheet, ref, c); err != nil {
			return err
		}
		if err := g.f.SetCellStyle(g.sheet, ref, ref, style); err != nil {
			return err
		}
		if i > 0 {
			l.widths, l.wrap = append(l.widths, guideFactorWidth), append(l.wrap, true)
		}
	}
	if h := l.rowHeight(cells); h > 0 {
		return g.f.SetRowHeight(g.sheet, g.row, h+4)
	}
	return g.f.SetRowHeight(g.sheet, g.row, 20)
}

// merged writes text across the guide's width; height 0 fits the text.
func (g *guideWriter) merged(text string, style int, height float64) error {
	g.row++
	first, last := cellName(1, g.row), cellName(5, g.row)
	if err := g.f.SetCellStr(g.sheet, first, text); err != nil {
		return err
	}
	if err := g.f.MergeCell(g.sheet, first, last); err != nil {
		return err
	}
	if err := g.f.SetCellStyle(g.sheet, first, last, style); err != nil {
		return err
	}
	if height == 0 {
		span := guideBandWidth + 4*guideFactorWidth
		lines := (Width(text) + span - 1) / span
		height = float64(max(1, lines)) * 13
	}
	return g.f.SetRowHeight(g.sheet, g.row, height)
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
