package components

import (
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// ListRow is one line of a list: a section header or a selectable row
// drawn on demand, so that a list of thousands of rows draws only what
// shows.
type ListRow struct {
	Header bool
	Search string // what the filter matches against (lower case)
	Draw   func(w int, selected bool) string
	Value  any
}

// ListModel is a scrolling list with section headers and a filter ('/').
type ListModel struct {
	c         common.Common
	Rows      []ListRow
	Visible   []int // indices of rows shown (filtered)
	Cursor    int   // index into visible
	offset    int
	filter    textinput.Model
	Filtering bool
	W, h      int
}

func NewList(c common.Common) ListModel {
	ti := textinput.New()
	ti.Prompt = c.Text.S("filter")
	ti.PromptStyle = c.Styles.Key
	ti.TextStyle = c.Styles.App
	ti.PlaceholderStyle = c.Styles.Muted
	ti.Cursor.Style = c.Styles.Cursor
	ti.Cursor.TextStyle = c.Styles.App
	ti.CharLimit = 40
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ListModel{c: c, filter: ti}
}

func (l *ListModel) SetRows(rows []ListRow) {
	l.Rows = rows
	l.applyFilter()
}

func (l *ListModel) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Value()))
	l.Visible = l.Visible[:0]
	header := -1 // the section header not yet shown
	for i, r := range l.Rows {
		switch {
		case q == "":
			l.Visible = append(l.Visible, i)
		case r.Header:
			header = i
		case strings.Contains(r.Search, q):
			if header >= 0 {
				l.Visible = append(l.Visible, header)
				header = -1
			}
			l.Visible = append(l.Visible, i)
		}
	}
	l.Cursor = min(l.Cursor, max(0, len(l.Visible)-1))
	l.skipHeaders(1)
}

// skipHeaders moves the cursor off a header in direction dir.
func (l *ListModel) skipHeaders(dir int) {
	for l.Cursor >= 0 && l.Cursor < len(l.Visible) && l.Rows[l.Visible[l.Cursor]].Header {
		l.Cursor += dir
	}
	if l.Cursor < 0 || l.Cursor >= len(l.Visible) {
		// nothing selectable that way: try the other way
		l.Cursor = max(0, min(l.Cursor, len(l.Visible)-1))
		for l.Cursor >= 0 && l.Cursor < len(l.Visible) && l.Rows[l.Visible[l.Cursor]].Header {
			l.Cursor -= dir
		}
		l.Cursor = max(0, min(l.Cursor, len(l.Visible)-1))
	}
}

func (l *ListModel) Move(delta int) {
	if len(l.Visible) == 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir = -1
	}
	l.Cursor = max(0, min(len(l.Visible)-1, l.Cursor+delta))
	l.skipHeaders(dir)
}

// Selected returns the value of the row under the cursor.
func (l *ListModel) Selected() (any, bool) {
	if l.Cursor < 0 || l.Cursor >= len(l.Visible) {
		return nil, false
	}
	r := l.Rows[l.Visible[l.Cursor]]
	if r.Header {
		return nil, false
	}
	return r.Value, true
}

func (l *ListModel) SetSize(w, h int) { l.W, l.h = w, h }

// listHeight is the number of rows shown, below the filter line if any.
func (l *ListModel) listHeight() int {
	if l.Filtering || l.filter.Value() != "" {
		return max(1, l.h-1)
	}
	return max(1, l.h)
}

// Update handles moving and filtering; it reports whether it used the key.
func (l *ListModel) Update(msg tea.KeyMsg) (bool, tea.Cmd) {
	k := l.c.Keys
	if l.Filtering {
		switch {
		case key.Matches(msg, k.Enter):
			l.Filtering = false
			l.filter.Blur()
			return true, nil
		case key.Matches(msg, k.Back):
			l.Filtering = false
			l.filter.Blur()
			l.filter.SetValue("")
			l.applyFilter()
			return true, nil
		case key.Matches(msg, k.ArrowUp, k.ArrowDown, k.PageUp, k.PageDown):
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
		l.Filtering = true
		return true, l.filter.Focus()
	case key.Matches(msg, k.Back) && l.filter.Value() != "":
		l.filter.SetValue("")
		l.applyFilter()
		return true, nil
	case key.Matches(msg, k.Up):
		l.Move(-1)
	case key.Matches(msg, k.Down):
		l.Move(1)
	case key.Matches(msg, k.PageUp):
		l.Move(-l.listHeight())
	case key.Matches(msg, k.PageDown):
		l.Move(l.listHeight())
	case key.Matches(msg, k.Home):
		l.Cursor = 0
		l.skipHeaders(1)
	case key.Matches(msg, k.End):
		l.Cursor = len(l.Visible) - 1
		l.skipHeaders(-1)
	default:
		return false, nil
	}
	return true, nil
}

func (l *ListModel) View() string {
	var b strings.Builder
	h := l.listHeight()
	if l.Filtering || l.filter.Value() != "" {
		b.WriteString(common.Fit(l.filter.View(), l.W))
		b.WriteByte('\n')
	}
	if len(l.Visible) == 0 {
		msg := l.c.Text.S("nomatch")
		if strings.TrimSpace(l.filter.Value()) == "" {
			msg = l.c.Text.S("norows") // nothing to filter: the list is empty
		}
		b.WriteString(l.c.Styles.Subtle.Render("  " + msg))
		return b.String()
	}
	l.offset = common.Scroll(l.offset, l.Cursor, len(l.Visible), h)
	end := min(len(l.Visible), l.offset+h)
	for i := l.offset; i < end; i++ {
		if i > l.offset {
			b.WriteByte('\n')
		}
		r := l.Rows[l.Visible[i]]
		b.WriteString(r.Draw(l.W, i == l.Cursor))
	}
	return b.String()
}

// SectionRow is a list's section header.
func SectionRow(st *common.Styles, title string) ListRow {
	return ListRow{Header: true, Draw: func(w int, _ bool) string { return common.Fit(st.Section.Render(" "+title), w) }}
}

// ItemRow is a selectable row holding v whose text, drawn when shown, is
// indented three cells; search is what the filter matches.
func ItemRow(st *common.Styles, v any, search string, text func() string) ListRow {
	return ListRow{Value: v, Search: strings.ToLower(search), Draw: func(w int, sel bool) string {
		return SelectLine(st, "   "+text(), w, sel)
	}}
}

// SelectLine fits a row's line, which starts with a space, to w: marked
// with '>' and highlighted when the row is the selected one.
func SelectLine(st *common.Styles, line string, w int, sel bool) string {
	if sel {
		return st.Selected.Render(common.Fit(">"+line[1:], w))
	}
	return common.Fit(line, w)
}

// Chosen handles a key on a page that is one list: the list's own keys,
// and Back, which leaves the page. Enter on a row gives that row's value
// with ok; otherwise cmd is what the key does.
func (l *ListModel) Chosen(msg tea.KeyMsg) (cmd tea.Cmd, v any, ok bool) {
	if used, keyCmd := l.Update(msg); used {
		return keyCmd, nil, false
	}
	switch {
	case key.Matches(msg, l.c.Keys.Back):
		return common.Pop, nil, false
	case !key.Matches(msg, l.c.Keys.Enter):
		return nil, nil, false
	}
	v, ok = l.Selected()
	return nil, v, ok
}

// Reselect puts the cursor on the row whose value is v, if it is shown.
func (l *ListModel) Reselect(v any) {
	for i, ri := range l.Visible {
		if r := l.Rows[ri]; !r.Header && sameValue(r.Value, v) {
			l.Cursor = i
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

func width(s string) int { return common.Width(s) }
