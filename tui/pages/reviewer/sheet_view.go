package reviewer

import (
	"fmt"
	"strings"

	"qaward/award"
	"qaward/criteria"
	"qaward/scoring"
	"qaward/tui/common"
	"qaward/tui/components"
)

// paneWidths splits the width between the criteria tree and the item.
func (s *SheetScreen) paneWidths() (left, right int) {
	left = max(30, min(64, s.w*2/5+4))
	return left, max(10, s.w-left-3)
}

// fixedRightLines counts the lines of the item pane that are not text areas.
func (s *SheetScreen) fixedRightLines() int {
	n := 10
	if s.lineage != nil {
		n++
	}
	if s.groupVisible() {
		n++
	}
	return n
}

func (s *SheetScreen) areaHeight() int {
	free := s.h - 2 - s.fixedRightLines()
	return max(1, min(8, free/2))
}

func (s *SheetScreen) groupVisible() bool {
	return s.Sheet.Submitted && s.data.Roster.CanSeeScores(s.person, s.key.Stage, s.key.ApplicantID)
}

func (s *SheetScreen) View() string {
	st, t := s.c.Styles, s.c.Text
	if !s.Loaded {
		return "  " + st.Subtle.Render(t.S("loading"))
	}
	if s.lay == nil {
		return "  " + st.Bad.Render(t.F("sheet.noset", s.app.CriteriaSet))
	}
	lw, rw := s.paneWidths()
	ph := max(1, s.h-2)
	head := s.headLine()
	body := common.SideBySide(s.treeView(lw, ph), lw, s.itemView(rw, ph), rw, ph, st.Muted.Render(" | "))
	return head + "\n" + s.noteLine() + "\n" + body
}

// Caret is where the caret of the focused text area stands in the screen
// (below the head and note lines, right of the tree and its " | "), for
// the terminal's cursor; ok is false outside text areas. It is the one
// the last View drew.
func (s *SheetScreen) Caret() (x, y int, ok bool) {
	if s.focus == focusTree || !s.Loaded || s.lay == nil || s.caretAt[0] < 0 || s.Confirming {
		return 0, 0, false
	}
	lw, _ := s.paneWidths()
	y = 2 + s.caretAt[0]
	if y >= s.h {
		return 0, 0, false
	}
	return lw + 3 + s.caretAt[1], y, true
}

// headLine names the stage and applicant and shows the running total.
func (s *SheetScreen) headLine() string {
	st, t := s.c.Styles, s.c.Text
	total := scoring.SheetTotal(s.lay.Set, s.Sheet.Percents)
	right := st.Title.Render(t.F("sheet.total", total.String(), s.lay.Total)) + "  " +
		t.F("sheet.scored", s.Sheet.Scored(), len(s.lay.Items))
	if s.Sheet.Submitted {
		right += "  " + st.Locked.Render(t.S("locked"))
	} else if l := s.save.Label(s.c); l != "" {
		right += "  " + l
	}
	kind := s.c.KindName(s.app.Kind)
	if s.app.Industry != "" {
		kind += "/" + s.app.Industry
	}
	left := st.Section.Render(s.c.StageName(s.key.Stage)) + "  " + s.app.ID + " " + st.Title.Render(s.app.Name)
	if common.Width(left)+2+common.Width(kind)+1+common.Width(right) <= s.w {
		left += "  " + st.Subtle.Render(kind)
	}
	return common.Between(left, right, s.w)
}

func (s *SheetScreen) noteLine() string {
	if s.note == "" {
		return ""
	}
	if s.noteBad {
		return s.c.Styles.Bad.Render(s.note)
	}
	return s.c.Styles.Good.Render(s.note)
}

// treeRow is the row of item i in the tree (categories take a row each).
func (s *SheetScreen) treeRow(i int) int { return i + s.lay.Cat[i] + 1 }

// treeView draws the visible part of the criteria tree.
func (s *SheetScreen) treeView(w, h int) string {
	st, t := s.c.Styles, s.c.Text
	l := s.lay
	rows := len(l.Items) + len(l.First)
	s.offset = common.Scroll(s.offset, s.treeRow(s.Cursor), rows, h)
	if s.Cursor == l.First[l.Cat[s.Cursor]] { // show the category's header with its first item
		s.offset = min(s.offset, s.treeRow(s.Cursor)-1)
	}
	var b strings.Builder
	row := 0
	emit := func(line string) {
		if row >= s.offset && row < s.offset+h {
			if row > s.offset {
				b.WriteByte('\n')
			}
			b.WriteString(line)
		}
		row++
	}
	linW := 0
	if s.lineage != nil {
		linW = 6
	}
	for ci, c := range l.Set.Categories {
		var sub award.Score
		done := 0
		for i := l.First[ci]; i < l.First[ci]+len(c.Items); i++ {
			if p := s.Sheet.Percents[i]; p != award.Unscored {
				sub += scoring.ItemScore(l.Items[i].Points, p)
				done++
			}
		}
		right := fmt.Sprintf("%s/%d", sub.String(), c.Points)
		if row >= s.offset+h {
			break // below the visible part
		}
		emit(st.Section.Render(common.Fit(c.ID+" "+t.Pick(c.Name, c.NameEn), w-len(right)-1)) + " " + st.Subtle.Render(right))
		for i := l.First[ci]; i < l.First[ci]+len(c.Items); i++ {
			emit(s.itemRow(i, w, linW))
		}
	}
	return b.String()
}

func (s *SheetScreen) itemRow(i, w, linW int) string {
	st, t := s.c.Styles, s.c.Text
	it := s.lay.Items[i]
	p := s.Sheet.Percents[i]
	nameW := max(4, w-2-6-1-linW-5-7)
	line := "  " + common.Fit(it.ID, 6) + " " + common.Fit(t.Pick(it.Name, it.NameEn), nameW)
	if linW > 0 {
		line += st.Muted.Render(common.FitRight(t.S("sheet.lineagecol")+components.Pct(s.lineage[i]), linW))
	}
	if p == award.Unscored {
		line += st.Unscored.Render(common.FitRight("--", 5)) + common.FitRight("", 7)
	} else {
		line += common.FitRight(components.Pct(p), 5) + common.FitRight(scoring.ItemScore(it.Points, p).String(), 7)
	}
	if i == s.Cursor {
		line = ">" + line[1:]
		if s.focus == focusTree {
			return st.Selected.Render(common.Fit(line, w))
		}
		return st.Focus.Render(common.Fit(line, w))
	}
	return line
}

// itemView draws the selected item: kind, bands and guidance, percentage,
// lineage, the group's scores once visible, and the text areas.
func (s *SheetScreen) itemView(w, h int) string {
	st, t := s.c.Styles, s.c.Text
	it := s.lay.Items[s.Cursor]
	p := s.Sheet.Percents[s.Cursor]
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }

	add(st.Title.Render(common.Cut(it.ID+" "+t.Pick(it.Name, it.NameEn), w)))
	kind := t.S("sheet.process")
	if it.Kind == criteria.Results {
		kind = t.S("sheet.results")
	}
	add(common.Cut(t.F("sheet.points", it.Points)+"  "+st.Subtle.Render(kind), w))

	ctl := t.S("sheet.pct") + "  "
	if s.Locked() {
		ctl += st.Locked.Render(components.Pct(p))
	} else if p == award.Unscored {
		ctl += st.Key.Render("<") + " " + st.Unscored.Render(t.S("sheet.unscored")) + " " + st.Key.Render(">")
	} else {
		ctl += st.Key.Render("<") + " " + st.Title.Render(fmt.Sprintf("%3d%%", p)) + " " + st.Key.Render(">")
	}
	if p != award.Unscored {
		ctl += "  " + t.F("sheet.equals", scoring.ItemScore(it.Points, p).String())
	}
	if p := s.percent.Pending(); p != "" {
		ctl += "  " + st.Warn.Render(t.F("sheet.typed", p))
	}
	add(common.Cut(ctl, w))

	bands := s.lay.Set.Bands[it.Kind]
	_, cur := s.lay.Set.BandFor(it.Kind, p)
	var bl []string
	for i, b := range bands {
		label := fmt.Sprintf("%d-%d", b.Min, b.Max)
		if i == cur {
			bl = append(bl, st.BandCurrent.Render("["+label+"]"))
		} else {
			bl = append(bl, st.Band.Render(" "+label+" "))
		}
	}
	add(common.Cut(strings.Join(bl, ""), w))
	nf := 4
	if cur >= 0 {
		fs := bands[cur].Factors
		nameW := 4
		if t.English() {
			nameW = 12
		}
		for i := 0; i < nf; i++ {
			if i < len(fs) {
				add(common.Cut(st.Key.Render(common.Fit(t.Pick(fs[i].Name, fs[i].NameEn), nameW))+" "+t.Pick(fs[i].Text, fs[i].TextEn), w))
			} else {
				add("")
			}
		}
	} else {
		add(st.Subtle.Render(common.Cut(t.S("sheet.hint"), w)))
		for i := 1; i < nf; i++ {
			add("")
		}
	}
	if s.lineage != nil {
		add(st.Info.Render(common.Cut(t.F("sheet.lineage", components.Pct(s.lineage[s.Cursor])), w)))
	}
	if s.groupVisible() {
		add(common.Cut(s.groupLine(), w))
	}
	if s.Confirming {
		add("", st.Dialog.Render(common.Cut(t.S("sheet.confirm"), w-2)), "", st.Key.Render(t.S("sheet.confirmkeys")))
		return strings.Join(lines, "\n")
	}
	label := func(key string, f sheetFocus) string {
		if s.focus == f {
			return st.Focus.Render("> " + t.S(key))
		}
		return st.Subtle.Render("  " + t.S(key))
	}
	s.caretAt = [2]int{-1, -1}
	area := func(key string, f sheetFocus, a components.TextArea) {
		add(label(key, f))
		if r, c, ok := a.Caret(); ok {
			s.caretAt = [2]int{len(lines) + r, c}
		}
		add(strings.Split(a.View(), "\n")...)
	}
	area("sheet.strengths", focusStrengths, s.Strengths)
	area("sheet.improve", focusImprove, s.improve)
	return strings.Join(lines, "\n")
}

// groupLine lists the group's submitted percentages of the item, shown
// once the reviewer's own sheet is submitted.
func (s *SheetScreen) groupLine() string {
	sum := s.data.Summary(s.key.Stage, s.key.ApplicantID)
	var b strings.Builder
	b.WriteString(s.c.Text.S("sheet.group"))
	for j, sh := range sum.Counted {
		if s.Cursor < len(sh.Percents) {
			fmt.Fprintf(&b, " %s %s", s.data.PersonName(s.c.Text, sum.Reviewers[j]), components.Pct(sh.Percents[s.Cursor]))
		}
	}
	return b.String()
}
