package components

import (
	"strings"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// TextArea is a multi-line text field (bubbles' textarea) that knows where
// its caret stands in its view, so that the root can put the terminal's
// own cursor there: an input method opens its candidate window at the
// terminal's cursor, and Bubble Tea v1 draws only a virtual one.
type TextArea struct {
	textarea.Model
	width int // as given to SetWidth
	top   int // the first wrapped row shown, following the textarea's scrolling
}

// NewTextArea wraps a configured textarea.
func NewTextArea(m textarea.Model) TextArea { return TextArea{Model: m} }

// SetWidth sets the width, prompt included, as textarea.SetWidth does.
func (a *TextArea) SetWidth(w int) {
	a.width = w
	a.Model.SetWidth(w)
}

// SetValue replaces the text; the view goes back to the top, as the
// textarea's does.
func (a *TextArea) SetValue(s string) {
	a.Model.SetValue(s)
	a.top = 0
}

// Update is the textarea's Update, noting how it scrolled.
func (a TextArea) Update(msg tea.Msg) (TextArea, tea.Cmd) {
	focused := a.Focused()
	var cmd tea.Cmd
	a.Model, cmd = a.Model.Update(msg)
	if focused {
		// the textarea keeps the caret's row in view with the least
		// scrolling (its repositionView); so does top
		row := a.caretRow()
		if row < a.top {
			a.top = row
		} else if h := a.Height(); row > a.top+h-1 {
			a.top = row - h + 1
		}
	}
	return a, cmd
}

// Caret is the caret's row and column (in cells) in the area's view; ok is
// false when the area has no focus or the caret is scrolled out of view.
func (a TextArea) Caret() (row, col int, ok bool) {
	if !a.Focused() {
		return 0, 0, false
	}
	row = a.caretRow() - a.top
	if row < 0 || row >= a.Height() {
		return 0, 0, false
	}
	return row, lipgloss.Width(a.Prompt) + a.LineInfo().CharOffset, true
}

// caretRow is the wrapped row of the caret from the top of the text: the
// rows of the lines above it, each wrapped as the textarea wraps it (a
// scratch textarea of the same width measures them), and the caret's row
// within its own line.
func (a TextArea) caretRow() int {
	lines := strings.Split(a.Value(), "\n")
	row := a.LineInfo().RowOffset
	if a.Line() == 0 {
		return row
	}
	scratch := textarea.New()
	scratch.ShowLineNumbers, scratch.Prompt = a.ShowLineNumbers, a.Prompt
	scratch.CharLimit, scratch.MaxWidth = 0, a.MaxWidth
	scratch.SetWidth(a.width)
	for _, l := range lines[:min(a.Line(), len(lines))] {
		scratch.SetValue(l)
		row += max(1, scratch.LineInfo().Height)
	}
	return row
}
