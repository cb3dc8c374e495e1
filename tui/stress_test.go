package tui

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"qaward/tui/common"
)

// TestStressKeys presses random keys, deterministically (fixed seeds), as
// each kind of person: the office, a group leader (R001), a reviewer
// (R002), a reviewer with a declared conflict (R007) and someone who has
// not said who they are (the person picker). Every message is followed by
// the commands it returns; after every message the program must not have
// panicked and the screen must fit the terminal. A failure names the role,
// the seed, the step and the last messages, so that
//
//	go test ./tui -run 'TestStressKeys/reviewer/seed2'
//
// replays it (with -stress.seeds for a seed above the default four: the
// inputs depend on the seed alone).
func TestStressKeys(t *testing.T) {
	// Random text typed into a path field may name a relative file, and an
	// export writes it: into this test's directory, never the source tree.
	// (The subtests run in parallel once this function has returned, still
	// in that directory: it is restored when they all have finished.)
	t.Chdir(t.TempDir())

	seeds, steps := 4, 500
	if testing.Short() {
		seeds, steps = 1, 300
	}
	if *stressSeeds > 0 {
		seeds = *stressSeeds
	}
	if *stressSteps > 0 {
		steps = *stressSteps
	}
	roles := []struct{ name, as string }{
		{"office", common.DefaultOffice},
		{"leader", "R001"},
		{"reviewer", "R002"},
		{"conflicted", "R007"},
		{"picker", ""},
	}
	for _, r := range roles {
		for seed := uint64(1); seed <= uint64(seeds); seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", r.name, seed), func(t *testing.T) {
				t.Parallel()
				newStress(t, r.as, seed).run(steps)
			})
		}
	}
}

// Longer runs: go test ./tui -run TestStressKeys -stress.seeds 50 -stress.steps 3000
var (
	stressSeeds = flag.Int("stress.seeds", 0, "TestStressKeys: seeds per role, from 1 (0: 4, or 1 with -short)")
	stressSteps = flag.Int("stress.steps", 0, "TestStressKeys: inputs per seed (0: 500, or 300 with -short)")
)

// stressCmdTimeout bounds one command: one that waits longer (a tick, a
// poll) is dropped, as if the program had quit before it fired.
const stressCmdTimeout = 2 * time.Second

// stressChain bounds the messages that follow from one input: more is a
// command loop.
const stressChain = 2000

// stress drives one model with random input.
type stress struct {
	t        *testing.T
	as       string
	seed     uint64
	rng      *rand.Rand
	c        common.Common
	m        *Model
	w, h     int
	step     int
	chain    int
	inner    string   // the message being handled when it is not the input
	hist     []string // the last inputs, oldest first
	quits    int
	screens  map[string]int // inputs per screen on top, for the log
	dropped  int
	messages int
}

func newStress(t *testing.T, as string, seed uint64) *stress {
	c := testCommon(officeStore(t), common.Chinese)
	c.As = as
	c.Caret = &common.Caret{}
	s := &stress{t: t, as: as, seed: seed, c: c, rng: rand.New(rand.NewPCG(seed, 0x9a3d)), screens: map[string]int{}}
	s.w, s.h = s.size()
	s.Start()
	return s
}

// Start opens a fresh session on the store, as the program does.
func (s *stress) Start() {
	s.m = New(s.c)
	s.deliver(tea.WindowSizeMsg{Width: s.w, Height: s.h})
	s.exec(s.m.Init())
}

func (s *stress) run(steps int) {
	for s.step = 1; s.step <= steps; s.step++ {
		msg := s.Next()
		s.remember(msg)
		s.chain = 0
		s.deliver(msg)
		if s.m == nil {
			s.Start()
		}
		s.screens[fmt.Sprintf("%T", s.m.top())]++
	}
	s.t.Logf("%d inputs, %d messages, %d restarts after a quit, %d commands dropped; screens %v",
		steps, s.messages, s.quits, s.dropped, s.screens)
}

// deliver hands a message to the model, runs what it returns and checks
// the screen.
func (s *stress) deliver(msg tea.Msg) {
	defer func() {
		if p := recover(); p != nil {
			s.fail("panic: %v\n%s", p, debug.Stack())
		}
	}()
	s.chain++
	s.messages++
	if s.chain > stressChain {
		s.fail("more than %d messages follow from one input", stressChain)
	}
	if s.chain > 1 {
		s.inner = fmt.Sprintf("%T", msg)
	}
	_, cmd := s.m.Update(msg)
	s.check()
	s.exec(cmd)
	s.inner = ""
}

// exec runs a command once, with a time limit, and delivers its message.
func (s *stress) exec(cmd tea.Cmd) {
	if cmd == nil || s.m == nil {
		return
	}
	type result struct {
		msg   tea.Msg
		panic any
		stack []byte
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: p, stack: debug.Stack()}
			}
		}()
		done <- result{msg: cmd()}
	}()
	var r result
	timer := time.NewTimer(stressCmdTimeout)
	defer timer.Stop()
	select {
	case r = <-done:
	case <-timer.C:
		s.dropped++
		return
	}
	if r.panic != nil {
		s.fail("panic in a command: %v\n%s", r.panic, r.stack)
	}
	switch msg := r.msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			s.exec(c)
		}
	case tea.QuitMsg:
		s.quits++
		s.m = nil
	default:
		s.deliver(msg)
	}
}

// check fails unless the screen fits the terminal.
func (s *stress) check() {
	v := s.m.View()
	lines := strings.Split(v, "\n")
	if len(lines) > s.h {
		s.fail("%d lines on a terminal of %d", len(lines), s.h)
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > s.w {
			s.fail("line %d is %d cells on a terminal of %d: %q", i, w, s.w, l)
		}
	}
	if x, y, on := s.c.Caret.At(); on && (x >= s.w || y >= s.h || y < 1) {
		s.fail("the caret at %d,%d is off a terminal of %dx%d", x, y, s.w, s.h)
	}
}

func (s *stress) fail(format string, args ...any) {
	s.t.Helper()
	what := fmt.Sprintf(format, args...)
	top := "none"
	view := ""
	if s.m != nil {
		top = fmt.Sprintf("%T", s.m.top())
		func() {
			defer func() { recover() }()
			view = s.m.View()
		}()
	}
	inner := ""
	if s.inner != "" {
		inner = " handling " + s.inner
	}
	s.t.Fatalf("as %q, seed %d, step %d%s, terminal %dx%d, screen %s: %s\nlast inputs:\n  %s\nscreen:\n%s",
		s.as, s.seed, s.step, inner, s.w, s.h, top, what, strings.Join(s.hist, "\n  "), view)
}

func (s *stress) remember(msg tea.Msg) {
	var d string
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d = fmt.Sprintf("resize %dx%d", msg.Width, msg.Height)
	case tea.KeyMsg:
		d = fmt.Sprintf("%q", msg.String())
		if msg.Paste {
			d = "paste " + d
		}
	default:
		d = fmt.Sprintf("%T", msg)
	}
	s.hist = append(s.hist, fmt.Sprintf("%d: %s", s.step, d))
	if len(s.hist) > 20 {
		s.hist = s.hist[1:]
	}
}

// size is a random terminal from 40×12 to 250×70.
func (s *stress) size() (int, int) {
	return 40 + s.rng.IntN(211), 12 + s.rng.IntN(59)
}

var (
	stressNav = []tea.KeyType{
		tea.KeyUp, tea.KeyDown, tea.KeyLeft, tea.KeyRight, tea.KeyEnter, tea.KeyEnter,
		tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyDown, tea.KeyDown,
	}
	stressSpecial = []tea.KeyType{
		tea.KeyBackspace, tea.KeyDelete, tea.KeySpace, tea.KeyCtrlS, tea.KeyCtrlR, tea.KeyCtrlA,
		tea.KeyCtrlF, tea.KeyCtrlO, tea.KeyCtrlG, tea.KeyCtrlU, tea.KeyCtrlN, tea.KeyCtrlP,
		tea.KeyF1, tea.KeyF2, tea.KeyF3, tea.KeyF4, tea.KeyF5, tea.KeyF6, tea.KeyF7, tea.KeyF8,
		tea.KeyF9, tea.KeyF10, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd,
		tea.KeyInsert, tea.KeyShiftUp, tea.KeyShiftDown,
	}
	stressLetters = []rune("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ/?-+=. ")
	stressIME     = []string{
		"优势明显", "领导作用突出", "评审", "不予通过", "材料评审得分未达到入围线", "第十九条", "现场评审",
		"是", "否", "仓库火灾", "，", "。", "（", "）", "８５", "１００", "A0002", "R007",
	}
	stressPaste = []string{
		"近3年内发生较大安全事故（2024-11-05 仓库火灾）",
		"A0001,某某有限公司,企业,制造业",
		"applicants.csv",
		"./out/rankings.xlsx",
		"  \"quoted path.csv\"  ",
		"第一行\n第二行",
		"tab\tseparated\ttext",
		strings.Repeat("质量管理体系健全，", 30),
		strings.Repeat("x", 300),
		"12345678901234567890",
		"😀👍🏽 emoji",
	}
)

// Next is a random input.
func (s *stress) Next() tea.Msg {
	r := s.rng
	switch p := r.IntN(100); {
	case p < 40:
		return tea.KeyMsg{Type: stressNav[r.IntN(len(stressNav))]}
	case p < 56:
		return tea.KeyMsg{Type: stressSpecial[r.IntN(len(stressSpecial))]}
	case p < 68:
		n := 1
		if r.IntN(4) == 0 {
			n = 1 + r.IntN(3)
		}
		d := make([]rune, n)
		for i := range d {
			d[i] = rune('0' + r.IntN(10))
		}
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: d}
	case p < 84:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{stressLetters[r.IntN(len(stressLetters))]}}
	case p < 90:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(stressIME[r.IntN(len(stressIME))])}
	case p < 92:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{[]rune("？／")[r.IntN(2)]}}
	case p < 95:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(stressPaste[r.IntN(len(stressPaste))]), Paste: true}
	case p < 97:
		b := []tea.MouseButton{tea.MouseButtonWheelUp, tea.MouseButtonWheelDown, tea.MouseButtonLeft}[r.IntN(3)]
		return tea.MouseMsg{Button: b, Action: tea.MouseActionPress, X: r.IntN(s.w), Y: r.IntN(s.h)}
	default:
		s.w, s.h = s.size()
		return tea.WindowSizeMsg{Width: s.w, Height: s.h}
	}
}

// TestFullHelpShortTerminal: the full help (F1) is taller than a short
// terminal leaves; it is cut so that the header, a line of the screen and
// the status line stay, and the screen still fills the terminal exactly.
// TestStressKeys found it (the office's desk at 115×13: 14 lines).
func TestFullHelpShortTerminal(t *testing.T) {
	st := officeStore(t)
	for _, as := range []string{common.DefaultOffice, "R001", ""} {
		c := testCommon(st, common.Chinese)
		c.As = as
		d := newDriver(t, c, 115, 13)
		d.keys("f1")
		if !d.m.showAll {
			t.Fatalf("as %q: F1 did not open the full help", as)
		}
		for _, sz := range [][2]int{{115, 13}, {40, 12}, {80, 14}, {60, 5}} {
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			checkSize(t, fmt.Sprintf("full help as %q", as), d, sz)
		}
		d.send(tea.WindowSizeMsg{Width: 115, Height: 13})
		d.mustContain("武冈市市长质量奖评审", "上移")
	}
}
