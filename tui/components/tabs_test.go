package components

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"qaward/tui/common"
)

// nameTab is a tab that is only a name, its text key the name itself.
type nameTab string

func (n nameTab) Name() string           { return string(n) }
func (n nameTab) Update(tea.Msg) tea.Cmd { return nil }
func (n nameTab) View() string           { return string(n) }
func (n nameTab) SetSize(int, int)       {}
func (n nameTab) Capturing() bool        { return false }
func (n nameTab) Help() []key.Binding    { return nil }

// The bar moves along with tab and shift+tab, and when the names do not
// fit it shows the active one among its neighbours, … marking the rest.
func TestTabs(t *testing.T) {
	c := common.NewCommon(nil, nil, common.Chinese)
	var tabs []Tab
	for _, n := range []string{"aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff"} {
		tabs = append(tabs, nameTab(n))
	}
	b := NewTabs(c, tabs...)
	b.SetSize(70, 10)
	if bar := ansi.Strip(b.Bar()); strings.Contains(bar, common.Ellipsis) || !strings.Contains(bar, "tab.ffff") {
		t.Fatalf("all fit in 70 cells: %q", bar)
	}
	b.SetSize(30, 10)
	b.Switch(tea.KeyMsg{Type: tea.KeyShiftTab})
	if b.Current().Name() != "ffff" {
		t.Fatalf("shift+tab from the first went to %s", b.Current().Name())
	}
	bar := ansi.Strip(b.Bar())
	if !strings.HasPrefix(bar, common.Ellipsis) || !strings.Contains(bar, "tab.ffff") || common.Width(bar) != 30 {
		t.Fatalf("bar at 30 cells on the last tab: %q", bar)
	}
	if !b.Select("aaaa") || b.Active != 0 {
		t.Fatal("Select did not find aaaa")
	}
}
