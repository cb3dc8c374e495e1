package tui

import (
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// listRow is one line of a list: a section header or a selectable row
// drawn on demand, so that a list of thousands of rows draws only what
// shows.
type listRow struct {
	header bool
	search string // what the filter matches against (lower case)
	draw   func(w int, selected bool) string
	value  any
}

// listModel is a scrolling list with section headers and a filter ('/').
type listModel struct {
	c         Common
	rows      []listRow
	visible   []int // indices of rows shown (filtered)
	cursor    int   // index into visible
	offset    int
	filter    textinput.Model
	filtering bool
	w, h      int
}

func newList(c Common) listModel {
	ti := textinput.New()
	ti.Prompt = c.Text.S("filter")
	ti.PromptStyle = c.Styles.Key
	ti.TextStyle = c.Styles.App
	ti.PlaceholderStyle = c.Styles.Muted
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.App
	ti.CharLimit = 40
	ti.Cursor.SetMode(cursor.CursorStatic)
	return listModel{c: c, filter: ti}
}

func (l *listModel) setRows(rows []listRow) {
	l.rows = rows
	l.applyFilter()
}

func (l *listModel) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Value()))
	l.visible = l.visible[:0]
	header := -1 // the section header not yet shown
	for i, r := range l.rows {
		switch {
		case q == "":
			l.visible = append(l.visible, i)
		case r.header:
			header = i
		case strings.Contains(r.search, q):
			if header >= 0 {
				l.visible = append(l.visible, header)
				header = -1
			}
			l.visible = append(l.visible, i)
		}
	}
	l.cursor = min(l.cursor, max(0, len(l.visible)-1))
	l.skipHeaders(1)
}

// skipHeaders moves the cursor off a header in direction dir.
func (l *listModel) skipHeaders(dir int) {
	for l.cursor >= 0 && l.cursor < len(l.visible) && l.rows[l.visible[l.cursor]].header {
		l.cursor += dir
	}
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		// nothing selectable that way: try the other way
		l.cursor = max(0, min(l.cursor, len(l.visible)-1))
		for l.cursor >= 0 && l.cursor < len(l.visible) && l.rows[l.visible[l.cursor]].header {
			l.cursor -= dir
		}
		l.cursor = max(0, min(l.cursor, len(l.visible)-1))
	}
}

func (l *listModel) move(delta int) {
	if len(l.visible) == 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir = -1
	}
	l.cursor = max(0, min(len(l.visible)-1, l.cursor+delta))
	l.skipHeaders(dir)
}

// selected returns the value of the row under the cursor.
func (l *listModel) selected() (any, bool) {
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		return nil, false
	}
	r := l.rows[l.visible[l.cursor]]
	if r.header {
		return nil, false
	}
	return r.value, true
}

func (l *listModel) setSize(w, h int) { l.w, l.h = w, h }

// listHeight is the number of rows shown, below the filter line if any.
func (l *listModel) listHeight() int {
	if l.filtering || l.filter.Value() != "" {
		return max(1, l.h-1)
	}
	return max(1, l.h)
}

// update handles moving and filtering; it reports whether it used the key.
func (l *listModel) update(msg tea.KeyMsg) (bool, tea.Cmd) {
	k := l.c.Keys
	if l.filtering {
		switch msg.Type {
		case tea.KeyEnter:
			l.filtering = false
			l.filter.Blur()
			return true, nil
		case tea.KeyEsc:
			l.filtering = false
			l.filter.Blur()
			l.filter.SetValue("")
			l.applyFilter()
			return true, nil
		case tea.KeyUp, tea.KeyDown, tea.KeyPgUp, tea.KeyPgDown:
			// moving while filtering
		default:
			var cmd tea.Cmd
			l.filter, cmd = l.filter.Update(msg)
			l.applyFilter()
			return true, cmd
		}
	}
	switch {
	case key.Matches(msg, k.Filter):
		l.filtering = true
		return true, l.filter.Focus()
	case msg.Type == tea.KeyEsc && l.filter.Value() != "":
		l.filter.SetValue("")
		l.applyFilter()
		return true, nil
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-l.listHeight())
	case key.Matches(msg, k.PageDown):
		l.move(l.listHeight())
	case key.Matches(msg, k.Home):
		l.cursor = 0
		l.skipHeaders(1)
	case key.Matches(msg, k.End):
		l.cursor = len(l.visible) - 1
		l.skipHeaders(-1)
	default:
		return false, nil
	}
	return true, nil
}

func (l *listModel) view() string {
	var b strings.Builder
	h := l.listHeight()
	if l.filtering || l.filter.Value() != "" {
		b.WriteString(fit(l.filter.View(), l.w))
		b.WriteByte('\n')
	}
	if len(l.visible) == 0 {
		msg := l.c.Text.S("nomatch")
		if strings.TrimSpace(l.filter.Value()) == "" {
			msg = l.c.Text.S("norows") // nothing to filter: the list is empty
		}
		b.WriteString(l.c.Styles.Subtle.Render("  " + msg))
		return b.String()
	}
	l.offset = scroll(l.offset, l.cursor, len(l.visible), h)
	end := min(len(l.visible), l.offset+h)
	for i := l.offset; i < end; i++ {
		if i > l.offset {
			b.WriteByte('\n')
		}
		r := l.rows[l.visible[i]]
		b.WriteString(r.draw(l.w, i == l.cursor))
	}
	return b.String()
}

// sectionRow is a list's section header.
func sectionRow(st *Styles, title string) listRow {
	return listRow{header: true, draw: func(w int, _ bool) string { return fit(st.Section.Render(" "+title), w) }}
}

// itemRow is a selectable row holding v whose text, drawn when shown, is
// indented three cells; search is what the filter matches.
func itemRow(st *Styles, v any, search string, text func() string) listRow {
	return listRow{value: v, search: strings.ToLower(search), draw: func(w int, sel bool) string {
		return selectLine(st, "   "+text(), w, sel)
	}}
}

// selectLine fits a row's line, which starts with a space, to w: marked
// with '>' and highlighted when the row is the selected one.
func selectLine(st *Styles, line string, w int, sel bool) string {
	if sel {
		return st.Selected.Render(fit(">"+line[1:], w))
	}
	return fit(line, w)
}

// chosen handles a key on a page that is one list: the list's own keys,
// and Back, which leaves the page. Enter on a row gives that row's value
// with ok; otherwise cmd is what the key does.
func (l *listModel) chosen(msg tea.KeyMsg) (cmd tea.Cmd, v any, ok bool) {
	if used, keyCmd := l.update(msg); used {
		return keyCmd, nil, false
	}
	switch {
	case key.Matches(msg, l.c.Keys.Back):
		return pop, nil, false
	case msg.Type != tea.KeyEnter:
		return nil, nil, false
	}
	v, ok = l.selected()
	return nil, v, ok
}

// reselect puts the cursor on the row whose value is v, if it is shown.
func (l *listModel) reselect(v any) {
	for i, ri := range l.visible {
		if r := l.rows[ri]; !r.header && sameValue(r.value, v) {
			l.cursor = i
			return
		}
	}
}

// sameValue reports whether two row values are the same: of one
// comparable type, and equal.
func sameValue(a, b any) bool {
	t := reflect.TypeOf(a)
	return t != nil && t == reflect.TypeOf(b) && t.Comparable() && a == b
}
