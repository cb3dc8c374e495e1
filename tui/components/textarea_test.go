package components

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The caret found by Caret is where the textarea draws its own (virtual)
// cursor: the same row and the same column, for Chinese text that wraps
// and for a text that scrolls.
func TestTextAreaCaret(t *testing.T) {
	ta := textarea.New()
	ta.ShowLineNumbers, ta.Prompt, ta.CharLimit = false, "| ", 0
	a := NewTextArea(ta)
	a.SetWidth(22)
	a.SetHeight(3)
	a.Focus()
	typeIn := func(s string) {
		for _, r := range s {
			a, _ = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	typeIn("建立了较系统的方法并在主要部门展开")
	check := func(what string) {
		t.Helper()
		row, col, ok := a.Caret()
		if !ok {
			t.Fatalf("%s: no caret", what)
		}
		lines := strings.Split(ansi.Strip(a.View()), "\n")
		if row >= len(lines) {
			t.Fatalf("%s: caret row %d of %d lines", what, row, len(lines))
		}
		if w := ansi.StringWidth(lines[row]); col > w {
			t.Fatalf("%s: caret column %d beyond line %q", what, col, lines[row])
		}
		if row != 1 && what == "wrapped" {
			t.Fatalf("%s: caret on row %d, want 1 (the text wraps once)", what, row)
		}
	}
	check("wrapped")
	a, _ = a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	typeIn("二")
	a, _ = a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	typeIn("三")
	a, _ = a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	typeIn("四")
	if row, col, _ := a.Caret(); row != 2 || col != 2+2 {
		t.Fatalf("after scrolling the caret is at %d,%d, want 2,4", row, col)
	}
	a.Blur()
	if _, _, ok := a.Caret(); ok {
		t.Fatal("a blurred area has a caret")
	}
}
