package components

import (
	"strconv"
	"strings"

	"qaward/award"
	"qaward/scoring"
	"qaward/tui/common"
)

// Leniency draws reviewers' calibration rows (scoring.LeniencyRow) as the
// leader's calibration screen and the office's tab show them: reviewer,
// name, sheets, mean offset, spread, sheets above and below, and a lean
// bar, drawn in ASCII, to the left of the middle for a strict reviewer
// and to the right for a lenient one, scaled to the largest offset shown.
type Leniency struct {
	c     common.Common
	nameW int
	scale award.Score // the largest |mean offset| of the rows
}

// leanW is the cells of the lean bar: five each side of the middle.
const leanW = 11

// NewLeniency sizes the columns for the rows, names given by name.
func NewLeniency(c common.Common, rows []scoring.LeniencyRow, name func(id string) string) Leniency {
	l := Leniency{c: c, nameW: WidestOf(6, c.Text.S("col.name"))}
	for _, r := range rows {
		l.nameW = max(l.nameW, common.Width(name(r.ReviewerID)))
		l.scale = max(l.scale, r.Mean, -r.Mean)
	}
	return l
}

// widths are the columns at w cells: indent, reviewer, name, sheets, mean
// offset, spread, above, below, lean.
func (l Leniency) widths(w int) []int {
	return Widths(w, Column{Want: 2}, Column{Min: 4, Want: WidestOf(6, l.c.Text.S("cal.col.reviewer"))}, Column{Min: 4, Want: min(l.nameW, 16), Flex: true},
		Column{Want: 6}, Column{Want: 8}, Column{Want: 8}, Column{Min: 3, Want: 5}, Column{Min: 3, Want: 5}, Column{Min: 0, Want: leanW})
}

// Header is the line of column headings.
func (l Leniency) Header(w int) string {
	t := l.c.Text
	cw := l.widths(w)
	cells := []string{"", common.Fit(t.S("cal.col.reviewer"), cw[1]), common.Fit(t.S("col.name"), cw[2]), common.FitRight(t.S("cal.col.sheets"), cw[3]),
		common.FitRight(t.S("cal.col.mean"), cw[4]), common.FitRight(t.S("cal.col.spread"), cw[5]), common.FitRight(t.S("cal.col.above"), cw[6]),
		common.FitRight(t.S("cal.col.below"), cw[7]), common.Fit(t.S("cal.col.lean"), cw[8])}
	cells[0] = strings.Repeat(" ", cw[0])
	return l.c.Styles.Subtle.Render(common.Fit(strings.Join(cells, " "), w))
}

// Line is one reviewer's row.
func (l Leniency) Line(r scoring.LeniencyRow, name string, w int, sel bool) string {
	st := l.c.Styles
	cw := l.widths(w)
	mean := Signed(r.Mean)
	line := strings.Repeat(" ", cw[0]) + " " + common.Fit(r.ReviewerID, cw[1]) + " " + common.Fit(name, cw[2]) + " " +
		common.FitRight(strconv.Itoa(r.Sheets), cw[3]) + " " + common.FitRight(mean, cw[4]) + " " + common.FitRight(r.Spread.String(), cw[5]) + " " +
		common.FitRight(strconv.Itoa(r.Above), cw[6]) + " " + common.FitRight(strconv.Itoa(r.Below), cw[7]) + " " + common.Fit(l.lean(r.Mean), cw[8])
	if sel {
		return st.Selected.Render(common.Fit(">"+line[1:], w))
	}
	return common.Fit(line, w)
}

// lean is the bar of a mean offset: '|' in the middle, '<' for each fifth
// of the scale strict, '>' for each fifth lenient (rounded half up, at
// least one for any offset).
func (l Leniency) lean(m award.Score) string {
	n := 0
	if l.scale > 0 && m != 0 {
		n = max(1, int(scoring.RoundHalfUp(5*int64(max(m, -m)), int64(l.scale))))
	}
	left, right := strings.Repeat(" ", 5), strings.Repeat(" ", 5)
	if m < 0 {
		left = strings.Repeat(" ", 5-n) + strings.Repeat("<", n)
	} else if m > 0 {
		right = strings.Repeat(">", n) + strings.Repeat(" ", 5-n)
	}
	return left + "|" + right
}

// OtherStage is the stage a calibration screen switches to with ←/→.
func OtherStage(s award.Stage) award.Stage {
	if s == award.Material {
		return award.Onsite
	}
	return award.Material
}

// Signed shows a score that is a difference with its sign.
func Signed(d award.Score) string {
	if d > 0 {
		return "+" + d.String()
	}
	return d.String()
}
