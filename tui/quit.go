package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// Quitting. Every edit is written at once (saver), so quitting normally
// loses nothing: q waits for the writes in flight and then quits. When a
// write failed (a full disk, a refusal) and no later write of that sheet
// succeeded, or a screen holds edits it writes only later (a consensus
// revision before it is submitted), quitting asks first, naming what is not
// saved (DESIGN §4): q or enter again quits and gives it up, r (ctrl+s)
// writes the failed sheets again and quits once they are saved, esc stays.
// A second ctrl+c quits whatever is pending. Run reports what a quit gave
// up as an UnsavedError, so the command exits non-zero and says on stderr
// what was lost.

// holder is a screen holding edits not yet handed to the saver; held
// describes them, one line each, nil when there are none.
type holder interface {
	Held() []string
}

// UnsavedError is Run's error when the program ended with edits that were
// not saved: Items names each, in the interface's language.
type UnsavedError struct {
	Items []string
	text  common.Text
}

func (e *UnsavedError) Error() string {
	return e.text.F("quit.lost", len(e.Items), "\n  "+strings.Join(e.Items, "\n  "))
}

// quit is q: quit now, after the writes in flight, or after asking.
func (m *Model) quit() tea.Cmd {
	switch {
	case m.c.Saver.Busy():
		m.quitting = true
		return nil
	case len(m.Unsaved()) > 0:
		m.confirmQuit = true
		return nil
	}
	return tea.Quit
}

// confirmKey is a key while the quit is being confirmed; other keys do
// nothing, so that a typed key cannot drop the edits by accident.
func (m *Model) confirmKey(msg tea.KeyMsg) tea.Cmd {
	b := m.quitHelp()
	switch {
	case key.Matches(msg, b[0]):
		return tea.Quit
	case key.Matches(msg, m.c.Keys.Back):
		m.confirmQuit = false
		return nil
	case key.Matches(msg, m.c.Keys.Retry):
		cmds := m.c.Saver.Retry()
		if len(cmds) == 0 {
			return nil // nothing to write again: a held edit is the screen's
		}
		m.confirmQuit, m.quitting = false, true
		return tea.Batch(cmds...)
	}
	return nil
}

// afterQuitWait ends a quit that waited for the writes: it quits when
// nothing is left unsaved, else asks.
func (m *Model) afterQuitWait() tea.Cmd {
	m.quitting = false
	if len(m.Unsaved()) == 0 {
		return tea.Quit
	}
	m.confirmQuit = true
	return nil
}

// Unsaved describes every edit not known to be durable: writes that failed
// or have not finished, and edits the screens hold.
func (m *Model) Unsaved() []string {
	var out []string
	for _, w := range m.c.Saver.Unsaved() {
		out = append(out, m.describe(w))
	}
	for _, c := range m.stack {
		if h, ok := c.(holder); ok {
			out = append(out, h.Held()...)
		}
	}
	return out
}

// describe names a write that is not durable: the sheet, and why.
func (m *Model) describe(w common.UnsavedWrite) string {
	t := m.c.Text
	s := w.Job.Sheet
	what := ""
	if s.Consensus {
		what = t.F("unsaved.consensus", common.PlaceOf(m.c, m.data, string(s.Stage), s.ApplicantID))
	} else {
		what = t.F("unsaved.sheet", common.PlaceOf(m.c, m.data, string(s.Stage), s.ApplicantID), s.ReviewerID, s.Scored(), len(s.Percents))
	}
	if s.Submitted {
		what += t.S("unsaved.submit")
	}
	if w.Err != nil {
		return what + t.S("unsaved.sep") + t.F("savefail", w.Err)
	}
	return what + t.S("unsaved.sep") + t.S("unsaved.pending")
}

// quitView is the confirmation shown in place of the screen.
func (m *Model) quitView() string {
	st, t := m.c.Styles, m.c.Text
	lines := []string{"", "  " + st.Warn.Render(t.S("quit.unsaved.title")), ""}
	for _, u := range m.Unsaved() {
		for i, l := range common.Wrap(u, max(10, m.width-6)) {
			lead := "  • "
			if i > 0 {
				lead = "    "
			}
			lines = append(lines, lead+st.Bad.Render(l))
		}
	}
	keys := t.S("quit.unsaved.keys")
	if len(m.c.Saver.Failed) > 0 {
		keys = t.S("quit.unsaved.keysretry")
	}
	lines = append(lines, "", "  "+keys)
	return strings.Join(lines, "\n")
}

// quitHelp is the help bar while the quit is being confirmed.
func (m *Model) quitHelp() []key.Binding {
	t := m.c.Text
	k := m.c.Keys
	b := []key.Binding{key.NewBinding(key.WithKeys(append(k.Quit.Keys(), k.Enter.Keys()...)...), key.WithHelp("q/enter", t.S("quit.key.quit")))}
	if len(m.c.Saver.Failed) > 0 {
		b = append(b, common.WithHelp(k.Retry, "r", t.S("quit.key.retry")))
	}
	return append(b, common.WithHelp(k.Back, "esc", t.S("quit.key.stay")))
}
