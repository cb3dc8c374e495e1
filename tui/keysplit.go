package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// Keys that arrive in one read (fast typing, an SSH session, a terminal
// that batches input) come as one KeyRunes message holding several runes:
// "jjj" rather than three "j". Outside a text field each is a command of
// its own (DESIGN §4), so the root splits them and acts on each in turn;
// a text field takes them whole, as typed text, and a paste stays whole.

// splitKeys returns the key presses a message stands for.
func splitKeys(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || msg.Paste || len(msg.Runes) < 2 {
		return []tea.KeyMsg{msg}
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
	}
	return out
}

// keys acts on a key message: whole when the top screen takes typed text,
// else each key press of it in turn, stopping at a quit.
func (m *Model) keys(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if c, ok := m.top().(common.Capturer); ok && c.Capturing() {
		return m.Key(msg)
	}
	presses := splitKeys(msg)
	if len(presses) == 1 {
		return m.Key(msg)
	}
	var cmds []tea.Cmd
	for _, k := range presses {
		_, cmd := m.Key(k)
		cmds = append(cmds, cmd)
		if key.Matches(k, m.c.Keys.Quit) {
			break
		}
	}
	return m, tea.Batch(cmds...)
}
