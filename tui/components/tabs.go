package components

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// Tab is one tab of a bar of tabs: a component that takes any message
// (keys while it shows, and whatever its screen hands every tab, such as
// fresh records), named by a key of the text catalog ("tab."+Name()).
type Tab interface {
	Name() string
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	// Capturing reports whether the tab takes typed text now (a filter),
	// so that tab and shift+tab are its own.
	Capturing() bool
	Help() []key.Binding
}

// Tabs is a bar of tabs over the active one: tab and shift+tab move along
// it.
type Tabs struct {
	c      common.Common
	List   []Tab
	Active int
	w, h   int
}

// NewTabs returns a bar over tabs, the first one active.
func NewTabs(c common.Common, tabs ...Tab) Tabs { return Tabs{c: c, List: tabs} }

// Current is the active tab.
func (t *Tabs) Current() Tab { return t.List[t.Active] }

// Select makes the tab named name active; false when there is none.
func (t *Tabs) Select(name string) bool {
	for i, tb := range t.List {
		if tb.Name() == name {
			t.Active = i
			return true
		}
	}
	return false
}

// SetSize sizes every tab to the room under the bar.
func (t *Tabs) SetSize(w, h int) {
	t.w, t.h = w, h
	for _, tb := range t.List {
		tb.SetSize(w, h-1)
	}
}

// Switch moves along the bar on tab or shift+tab when the active tab does
// not capture them; it reports whether it did.
func (t *Tabs) Switch(msg tea.KeyMsg) bool {
	if t.Current().Capturing() {
		return false
	}
	n := len(t.List)
	switch {
	case key.Matches(msg, t.c.Keys.Next):
		t.Active = (t.Active + 1) % n
	case key.Matches(msg, t.c.Keys.Prev):
		t.Active = (t.Active + n - 1) % n
	default:
		return false
	}
	return true
}

// Broadcast hands msg to every tab.
func (t *Tabs) Broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(t.List))
	for _, tb := range t.List {
		cmds = append(cmds, tb.Update(msg))
	}
	return tea.Batch(cmds...)
}

// Bar draws the names of the tabs, the active one highlighted. When they
// do not all fit, it shows the run of tabs around the active one that
// does, with … where tabs are left out.
func (t *Tabs) Bar() string {
	st, tx := t.c.Styles, t.c.Text
	names := make([]string, len(t.List))
	for i, tb := range t.List {
		names[i] = " " + tx.S("tab."+tb.Name()) + " "
	}
	from, to := t.window(names)
	var b strings.Builder
	if from > 0 {
		b.WriteString(st.Subtle.Render(common.Ellipsis))
	}
	for i := from; i < to; i++ {
		if i == t.Active {
			b.WriteString(st.Selected.Render(names[i]))
		} else {
			b.WriteString(st.Subtle.Render(names[i]))
		}
	}
	if to < len(names) {
		b.WriteString(st.Subtle.Render(common.Ellipsis))
	}
	return common.Fit(b.String(), t.w)
}

// window is the run of tabs [from, to) the bar shows: all when they fit
// in its width, else as many as fit with the active one, leaving a cell
// for … on each side where tabs are left out.
func (t *Tabs) window(names []string) (from, to int) {
	width := func(a, b int) int {
		n := 0
		for _, s := range names[a:b] {
			n += common.Width(s)
		}
		if a > 0 {
			n++
		}
		if b < len(names) {
			n++
		}
		return n
	}
	if width(0, len(names)) <= t.w {
		return 0, len(names)
	}
	from, to = t.Active, t.Active+1
	for {
		switch {
		case to < len(names) && width(from, to+1) <= t.w:
			to++
		case from > 0 && width(from-1, to) <= t.w:
			from--
		default:
			return from, to
		}
	}
}

// Help is the bar's key beside the active tab's keys.
func (t *Tabs) Help() []key.Binding {
	k := t.c.Keys
	tabs := common.WithHelp(k.Next, "tab", t.c.Text.S("key.tabsdesk"))
	return append([]key.Binding{tabs}, t.Current().Help()...)
}
