package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
)

// welcome is the first screen of an empty database: start a cycle or load
// the sample.
type welcome struct {
	c       Common
	w, h    int
	choices []string
	cursor  int
	asking  bool // typing the new cycle's ID
	input   textinput.Model
	note    string
	busy    bool
}

const (
	choiceSample = "welcome.sample"
	choiceNew    = "welcome.new"
	choiceQuit   = "welcome.quit"
)

func newWelcome(c Common) *welcome {
	w := &welcome{c: c}
	if c.LoadSample != nil {
		w.choices = append(w.choices, choiceSample)
	}
	w.choices = append(w.choices, choiceNew, choiceQuit)
	w.input = textinput.New()
	w.input.Prompt = c.Text.S("welcome.id")
	w.input.PromptStyle = c.Styles.Key
	w.input.TextStyle = c.Styles.App
	w.input.Cursor.Style = c.Styles.Cursor
	w.input.CharLimit = 32
	w.input.Cursor.SetMode(cursor.CursorStatic)
	return w
}

// noPeople turns the screen into a note that the cycle has no reviewers.
func (w *welcome) noPeople(cycle string) *welcome {
	w.note = w.c.Text.F("welcome.nopeople", cycle)
	w.choices = []string{choiceQuit}
	if w.c.LoadSample != nil {
		w.choices = []string{choiceSample, choiceQuit}
	}
	return w
}

func (w *welcome) Init() tea.Cmd        { return nil }
func (w *welcome) SetSize(width, h int) { w.w, w.h = width, h }
func (w *welcome) Capturing() bool      { return w.asking }
func (w *welcome) Title() string        { return "" }
func (w *welcome) ShortHelp() []key.Binding {
	k := w.c.Keys
	if w.asking {
		return []key.Binding{k.Enter, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Enter, k.Quit, k.Help}
}
func (w *welcome) FullHelp() [][]key.Binding { return [][]key.Binding{w.ShortHelp()} }

type sampleLoadedMsg struct{ err error }
type cycleCreatedMsg struct {
	id  string
	err error
}

func (w *welcome) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case sampleLoadedMsg:
		w.busy = false
		if msg.err != nil {
			return w, func() tea.Msg { return errMsg{msg.err} }
		}
		return w, func() tea.Msg { return reloadMsg{} }
	case cycleCreatedMsg:
		w.busy = false
		if msg.err != nil {
			return w, func() tea.Msg { return errMsg{msg.err} }
		}
		w.asking = false
		w.note = w.c.Text.F("welcome.made", msg.id)
		w.choices = []string{choiceQuit}
		w.cursor = 0
		return w, nil
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
		case msg.Type == tea.KeyEnter:
			return w, w.choose()
		}
	}
	return w, nil
}

func (w *welcome) choose() tea.Cmd {
	switch w.choices[w.cursor] {
	case choiceSample:
		w.busy = true
		load := w.c.LoadSample
		return func() tea.Msg { return sampleLoadedMsg{load()} }
	case choiceNew:
		w.asking = true
		return w.input.Focus()
	}
	return tea.Quit
}

func (w *welcome) updateInput(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		w.asking = false
		w.input.Blur()
		return nil
	case tea.KeyEnter:
		id := strings.TrimSpace(w.input.Value())
		if !validCycleID(id) {
			return status(w.c.Text.S("welcome.badid"))
		}
		w.busy = true
		st, actor := w.c.Store, w.c.As
		if actor == "" {
			actor = DefaultOffice
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

func (w *welcome) View() string {
	st, t := w.c.Styles, w.c.Text
	var b strings.Builder
	b.WriteString("\n  " + st.Title.Render(t.S("welcome.title")) + "\n\n")
	if w.note != "" {
		for _, l := range wrap(w.note, max(10, w.w-4)) {
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
	if w.asking {
		b.WriteString("\n  " + w.input.View() + "\n")
	}
	return b.String()
}
