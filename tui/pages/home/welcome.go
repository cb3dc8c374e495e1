package home

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/tui/common"
)

// Welcome is the first screen of an empty database: start a cycle, load
// the sample, or open a reviewer's offline packet (packet.go).
type Welcome struct {
	c       common.Common
	w, h    int
	choices []string
	cursor  int
	asking  bool // typing the new cycle's ID, or the packet's path
	packet  bool // asking for the packet's path
	input   textinput.Model
	path    textinput.Model
	note    string
	err     string
	busy    bool
}

const (
	choiceSample = "welcome.sample"
	choiceNew    = "welcome.new"
	choicePacket = "welcome.packet"
	choiceQuit   = "welcome.quit"
)

func NewWelcome(c common.Common) *Welcome {
	w := &Welcome{c: c}
	if c.LoadSample != nil {
		w.choices = append(w.choices, choiceSample)
	}
	w.choices = append(w.choices, choiceNew)
	if canOpenPacket(c.Store) {
		w.choices = append(w.choices, choicePacket)
	}
	w.choices = append(w.choices, choiceQuit)
	w.input = w.newInput(c.Text.S("welcome.id"), 32)
	w.path = w.newInput(c.Text.S("welcome.path"), 1000)
	w.path.Placeholder = c.Text.S("welcome.pathhint")
	w.path.PlaceholderStyle = c.Styles.Muted
	return w
}

func (w *Welcome) newInput(prompt string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.PromptStyle = w.c.Styles.Key
	in.TextStyle = w.c.Styles.App
	in.Cursor.Style = w.c.Styles.Cursor
	in.CharLimit = limit
	in.Cursor.SetMode(cursor.CursorStatic)
	return in
}

// NoPeople turns the screen into a note that the cycle has no reviewers.
func (w *Welcome) NoPeople(cycle string) *Welcome {
	w.note = w.c.Text.F("welcome.nopeople", cycle)
	w.choices = []string{choiceQuit}
	if w.c.LoadSample != nil {
		w.choices = []string{choiceSample, choiceQuit}
	}
	return w
}

func (w *Welcome) Init() tea.Cmd { return nil }
func (w *Welcome) SetSize(wd, h int) {
	w.w, w.h = wd, h
	w.path.Width = max(10, wd-4-common.Width(w.path.Prompt)-1)
}
func (w *Welcome) Capturing() bool { return w.asking }
func (w *Welcome) Title() string   { return "" }
func (w *Welcome) ShortHelp() []key.Binding {
	k := w.c.Keys
	if w.asking {
		return []key.Binding{k.Enter, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Enter, k.Quit, k.Help}
}
func (w *Welcome) FullHelp() [][]key.Binding { return [][]key.Binding{w.ShortHelp()} }

type sampleLoadedMsg struct{ err error }
type cycleCreatedMsg struct {
	id  string
	err error
}

func (w *Welcome) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case sampleLoadedMsg:
		w.busy = false
		if msg.err != nil {
			return w, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		return w, func() tea.Msg { return common.ReloadMsg{} }
	case packetOpenedMsg:
		return w, w.opened(msg)
	case cycleCreatedMsg:
		w.busy = false
		if msg.err != nil {
			return w, func() tea.Msg { return common.ErrMsg{Err: msg.err} }
		}
		w.asking = false
		note := w.c.Text.F("welcome.made", msg.id)
		// the office's desk, whose 导入导出 tab imports the cycle's tables
		return w, func() tea.Msg { return AsPersonMsg{Person: common.DefaultOffice, Note: note} }
	case tea.KeyMsg:
		if w.busy {
			return w, nil
		}
		if w.asking {
			return w, w.updateInput(msg)
		}
		k := w.c.Keys
		switch {
		case key.Matches(msg, k.Up):
			w.cursor = max(0, w.cursor-1)
		case key.Matches(msg, k.Down):
			w.cursor = min(len(w.choices)-1, w.cursor+1)
		case key.Matches(msg, k.Enter):
			return w, w.choose()
		}
	}
	return w, nil
}

func (w *Welcome) choose() tea.Cmd {
	switch w.choices[w.cursor] {
	case choiceSample:
		w.busy = true
		load := w.c.LoadSample
		return func() tea.Msg { return sampleLoadedMsg{load()} }
	case choiceNew:
		w.asking, w.packet = true, false
		return w.input.Focus()
	case choicePacket:
		w.asking, w.packet, w.err = true, true, ""
		return w.path.Focus()
	}
	return tea.Quit
}

func (w *Welcome) updateInput(msg tea.KeyMsg) tea.Cmd {
	if w.packet {
		return w.updatePath(msg)
	}
	k := w.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		w.asking = false
		w.input.Blur()
		return nil
	case key.Matches(msg, k.Enter):
		id := strings.TrimSpace(w.input.Value())
		// "2027届" and "2027年" are how people say the cycle
		id = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(id, "届"), "年"))
		if !validCycleID(id) {
			w.err = w.c.Text.F("welcome.badidof", w.input.Value()) + w.c.Text.S("welcome.badid")
			return nil
		}
		w.err = ""
		w.busy = true
		st, actor := w.c.Store, w.c.As
		if actor == "" {
			actor = common.DefaultOffice
		}
		now := w.c.Now()
		return func() tea.Msg {
			err := st.CreateCycle(actor, award.Cycle{ID: id, Created: now, Config: award.DefaultConfig()})
			return cycleCreatedMsg{id: id, err: err}
		}
	}
	var cmd tea.Cmd
	w.input, cmd = w.input.Update(msg)
	return cmd
}

// updatePath takes the packet's path; enter opens it.
func (w *Welcome) updatePath(msg tea.KeyMsg) tea.Cmd {
	k := w.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		w.asking, w.packet, w.err = false, false, ""
		w.path.Blur()
		return nil
	case key.Matches(msg, k.Enter):
		path := common.CleanPath(w.path.Value())
		if path == "" {
			w.err = w.c.Text.S("ex.nopath")
			return nil
		}
		w.busy, w.err = true, ""
		return openPacketCmd(w.c, path)
	}
	w.err = ""
	var cmd tea.Cmd
	w.path, cmd = w.path.Update(msg)
	return cmd
}

func validCycleID(id string) bool {
	if id == "" || len(id) > 32 {
		return false
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}

func (w *Welcome) View() string {
	st, t := w.c.Styles, w.c.Text
	var b strings.Builder
	b.WriteString("\n  " + st.Title.Render(t.S("welcome.title")) + "\n\n")
	if w.note != "" {
		for _, l := range common.Wrap(w.note, max(10, w.w-4)) {
			b.WriteString("  " + l + "\n")
		}
	} else {
		b.WriteString("  " + t.S("welcome.empty") + "\n")
	}
	b.WriteString("\n")
	for i, ch := range w.choices {
		line := "    " + t.S(ch)
		if i == w.cursor && !w.asking {
			line = st.Selected.Render("  > " + t.S(ch) + " ")
		}
		b.WriteString(line + "\n")
	}
	switch {
	case w.asking && w.packet:
		b.WriteString("\n  " + w.path.View() + "\n")
	case w.asking:
		b.WriteString("\n  " + w.input.View() + "\n")
	}
	switch {
	case w.busy && w.packet:
		b.WriteString("\n  " + st.Saving.Render(t.S("welcome.opening")) + "\n")
	case w.err != "":
		b.WriteString("\n")
		for _, l := range common.Wrap(w.err, max(10, w.w-4)) {
			b.WriteString("  " + st.Bad.Render(l) + "\n")
		}
	}
	return b.String()
}

// opened goes on as the packet's reviewer.
func (w *Welcome) opened(msg packetOpenedMsg) tea.Cmd {
	w.busy = false
	if msg.err != nil {
		w.err = msg.err.Error()
		return nil
	}
	m := msg.m
	note := w.c.Text.F("pk.opened", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, len(m.Sheets))
	return func() tea.Msg { return AsPersonMsg{Person: m.Reviewer.ID, Note: note} }
}
