package tui

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/pages/home"
)

func init() {
	// As main does: bubbles (runewidth) and lipgloss must agree on widths.
	runewidth.DefaultCondition.EastAsianWidth = false
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
}

var testNow = time.Date(2026, 5, 6, 10, 0, 0, 0, time.UTC)

// testCommon is a Common with a colourless renderer and a fixed clock.
func testCommon(st store.Store, lang common.Lang) common.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	c := common.NewCommon(r, st, lang)
	c.Now = func() time.Time { return testNow }
	return c
}

// openStore opens a fresh database in the test's directory.
func openStore(tb testing.TB) *store.DB {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "qaward.db"), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// fill writes a whole dataset into the store.
func fill(tb testing.TB, st store.Store, d sample.Dataset) {
	tb.Helper()
	if err := backend.StoreDataset(st, "office", d); err != nil {
		tb.Fatal(err)
	}
}

// demoStore is a database holding the demo cycle.
func demoStore(tb testing.TB) *store.DB {
	st := openStore(tb)
	fill(tb, st, sample.Demo())
	return st
}

// driver runs a model without a terminal: every command is executed at
// once and its messages are fed back in order, so a test sees exactly the
// state the program would reach.
type driver struct {
	tb    testing.TB
	m     *Model
	quit  bool
	held  []tea.Cmd // commands not run yet (hold mode)
	hold  bool
	store store.Store
}

func newDriver(tb testing.TB, c common.Common, w, h int) *driver {
	d := &driver{tb: tb, m: New(c), store: c.Store}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.m.Init())
	return d
}

func (d *driver) send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		_, cmd := d.m.Update(msg)
		d.run(cmd)
	}
}

// run executes a command and everything that follows from it; in hold
// mode the command is kept for release.
func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if d.hold {
		d.held = append(d.held, cmd)
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(time.Minute): // a bound against hanging, not a performance figure
		d.tb.Fatal("command did not return within a minute: it hangs")
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
		d.quit = true
	default:
		d.send(msg)
	}
}

// release runs the held commands.
func (d *driver) release() {
	d.hold = false
	held := d.held
	d.held = nil
	for _, c := range held {
		d.run(c)
	}
}

// keys sends key presses: names such as "down", "enter", "ctrl+s", or any
// other string as typed runes (one message, as an input method commits).
func (d *driver) keys(keys ...string) {
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyMsg {
	names := map[string]tea.KeyType{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"ctrl+s": tea.KeyCtrlS, "ctrl+c": tea.KeyCtrlC, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd, "backspace": tea.KeyBackspace, "f1": tea.KeyF1,
		"f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6, "f7": tea.KeyF7,
		"f8": tea.KeyF8, "f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12, "space": tea.KeySpace,
	}
	if t, ok := names[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func (d *driver) View() string { return d.m.View() }

func (d *driver) top() common.Component { return d.m.top() }

// mustContain fails unless the screen shows every text.
func (d *driver) mustContain(texts ...string) {
	d.tb.Helper()
	v := d.View()
	for _, s := range texts {
		if !strings.Contains(v, s) {
			d.tb.Fatalf("screen lacks %q:\n%s", s, v)
		}
	}
}

func (d *driver) mustNotContain(texts ...string) {
	d.tb.Helper()
	v := d.View()
	for _, s := range texts {
		if strings.Contains(v, s) {
			d.tb.Fatalf("screen shows %q:\n%s", s, v)
		}
	}
}

// openRow moves the home list to the row of the applicant in the section
// whose header contains section, and presses enter.
func (d *driver) openRow(section, app string) {
	d.tb.Helper()
	h, ok := d.top().(*home.Home)
	if !ok {
		d.tb.Fatalf("top screen is %T, not home", d.top())
	}
	in := false
	for vi, ri := range h.List.Visible {
		r := h.List.Rows[ri]
		if r.Header {
			in = strings.Contains(r.Draw(200, false), section)
			continue
		}
		if tg := r.Value.(home.HomeTarget); in && tg.App == app {
			h.List.Cursor = vi
			d.keys("enter")
			return
		}
	}
	d.tb.Fatalf("no row %s in section %q:\n%s", app, section, d.View())
}

// storedSheet reads a sheet back from the store.
func storedSheet(tb testing.TB, st store.Store, k award.SheetKey) award.Sheet {
	tb.Helper()
	s, err := st.Sheet(sample.DemoCycle, k)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// checkSize fails unless the screen fills the terminal exactly.
func checkSize(t *testing.T, name string, d *driver, sz [2]int) {
	t.Helper()
	lines := strings.Split(d.View(), "\n")
	if len(lines) != sz[1] {
		t.Errorf("%s at %dx%d: %d lines", name, sz[0], sz[1], len(lines))
	}
	for i, l := range lines {
		if w := common.Width(l); w != sz[0] {
			t.Errorf("%s at %dx%d: line %d is %d cells: %q", name, sz[0], sz[1], i, w, l)
			break
		}
	}
}
