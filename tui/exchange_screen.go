package tui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/imports"
	"qaward/backend/packet"
)

// exchangeScreen is one import or export: a form for the path and the
// choices, then the work with its progress bar, then the result: the count
// on success; the refusal with its position (file, line and column, or
// sheet and cell) when an import is refused. The form stays, so that a
// corrected path can be tried again.
type exchangeScreen struct {
	k   *deskCtx
	act exAction
	f   *form

	job               *exJob // the work under way; nil when idle
	label, unit       string
	done, total       int
	started, finished bool
	result, warn      []string
	bad               bool
	w, h              int
}

func newExchangeScreen(k *deskCtx, a exAction) *exchangeScreen {
	c := k.c
	t := c.Text
	cycle := k.data.Cycle.ID
	s := &exchangeScreen{k: k, act: a}
	title := t.F("ex.title.import", a.label(t))
	if a.export {
		title = t.F("ex.title.export", a.label(t))
	}
	f := newForm(c, title, s.start)
	stages := []option{{value: string(award.Material), label: c.stageName(award.Material)},
		{value: string(award.Onsite), label: c.stageName(award.Onsite)}}
	switch {
	case a.kind == "packet":
		s.issueFields(f)
	case a.kind == "return":
		s.returnFields(f)
	case !a.export:
		f.intro = []string{t.F("ex.intro.import", cycle)}
		f.text("file", t.S("ex.file"), "", t.S("ex.filehint"))
		f.text("sheet", t.S("ex.sheet"), "", t.S("ex.sheethint"))
	case a.kind == "feedback":
		f.intro = []string{t.S("ex.intro.feedback")}
		f.text("file", t.S("ex.dir"), defaultPath(c, "feedback-"+cycle), "")
		f.choice("stage", t.S("ex.stage"), stages, string(award.Material))
		f.choice("format", t.S("ex.format"), []option{{value: "html", label: "HTML"}, {value: "md", label: "Markdown"}}, "html")
		f.toggle("scores", t.S("ex.scores"), false)
		f.toggle(confidentialKey, t.S("ex.conf"), false)
	case a.kind == "applicants":
		f.intro = []string{t.S("ex.intro.export"), t.S("ex.intro.applicants")}
		f.text("file", t.S("ex.file"), defaultPath(c, a.kind+"-"+cycle+".xlsx"), t.S("ex.filehint"))
		f.toggle(confidentialKey, t.S("ex.conf"), false)
	default:
		f.intro = []string{t.S("ex.intro.export")}
		f.text("file", t.S("ex.file"), defaultPath(c, a.kind+"-"+cycle+".xlsx"), t.S("ex.filehint"))
		if a.kind == "rankings" {
			f.choice("stage", t.S("ex.stage"), append([]option{{value: "all", label: t.S("ex.stage.all")}}, append(stages,
				option{value: "composite", label: t.S("ex.stage.composite")})...), "all")
		}
	}
	f.preview = confidentialPreview(t)
	f.paths = true // file paths, no text of value
	s.f = f
	return s
}

// start checks the form (no I/O) and starts the work.
func (s *exchangeScreen) start(f *form) (tea.Cmd, error) {
	t, a, k := s.k.c.Text, s.act, s.k
	file := cleanPath(f.val("file"))
	if file == "" {
		return nil, errors.New(t.S("ex.nopath"))
	}
	ext := strings.ToLower(filepath.Ext(file))
	xlsx := ext == ".xlsx" || ext == ".xlsm"
	var work func(exReport) officeMsg
	cycle := k.data.Cycle.ID
	include := f.yes(confidentialKey)
	switch {
	case a.kind == "packet":
		who := f.pick("reviewer")
		if who == "" {
			return nil, errors.New(t.S("ex.pk.nobody"))
		}
		work = issueWork(k.c, s, k.person, cycle, who, award.Stage(f.pick("stage")), include, file)
	case a.kind == "return":
		work = returnWork(k.c, s, k.person, file, f.pick("from"), f.yes("skip"))
	case !a.export:
		sheet := f.val("sheet")
		if sheet != "" && !xlsx {
			return nil, errors.New(t.S("ex.sheetcsv"))
		}
		work = importWork(k.c, s, k.person, cycle, a.kind, file, sheet)
	case a.kind == "feedback":
		work = feedbackWork(k.c, s, k.person, cycle, award.Stage(f.pick("stage")), f.pick("format"), f.yes("scores"), include, file)
	default:
		if ext != ".csv" && ext != ".xlsx" {
			return nil, errors.New(t.S("ex.badext"))
		}
		stage := "all"
		if a.kind == "rankings" {
			stage = f.pick("stage")
			if ext == ".csv" && stage == "all" {
				return nil, errors.New(t.S("ex.csvall"))
			}
		}
		work = tablesWork(k.c, s, k.person, cycle, a.kind, stage, include, file)
	}
	s.job = &exJob{ch: make(chan tea.Msg, jobCap)}
	s.started, s.finished, s.result, s.warn, s.bad = true, false, nil, nil, false
	s.label, s.unit, s.done, s.total = "", "", 0, 0
	return s.job.start(work), nil
}

func (s *exchangeScreen) Init() tea.Cmd   { return nil }
func (s *exchangeScreen) Title() string   { return s.f.heading }
func (s *exchangeScreen) Capturing() bool { return true }

func (s *exchangeScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.f.SetSize(w, h)
}

func (s *exchangeScreen) ShortHelp() []key.Binding {
	k, t := s.k.c.Keys, s.k.c.Text
	if s.job != nil {
		return []key.Binding{k.ForceQuit}
	}
	return []key.Binding{withHelp(k.Next, "tab/down", t.S("key.next")), withHelp(k.Left, "left/right", t.S("key.choose")),
		withHelp(k.Submit, "ctrl+s", t.S("key.start")), withHelp(k.Back, "esc", t.S("key.back"))}
}

func (s *exchangeScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *exchangeScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case exProgressMsg:
		if msg.job != s.job || s.job == nil {
			return s, nil
		}
		s.label, s.unit, s.done, s.total = msg.label, msg.unit, msg.done, msg.total
		return s, s.job.next()
	case officeMsg:
		if msg.from != s {
			return s, nil
		}
		s.job, s.finished = nil, true
		s.f.busy = false
		s.finish(msg)
	case tea.KeyMsg:
		if s.job != nil {
			return s, nil // the work finishes first; ctrl+c still quits
		}
		if cmd, ok := s.guardConfidential(msg); ok {
			return s, cmd
		}
		prev := s.f.pick("reviewer")
		cmd := s.f.key(msg)
		s.f.busy = false // the screen shows the work itself
		s.followReviewer(prev)
		return s, cmd
	}
	return s, nil
}

// finish takes the result of the work.
func (s *exchangeScreen) finish(msg officeMsg) {
	t := s.k.c.Text
	s.warn = msg.warn
	if msg.err == nil {
		s.bad, s.result = false, []string{msg.note}
		if s.total > 0 {
			s.done = s.total
		}
		if s.label != "" {
			s.label = t.S("ex.done")
		}
		return
	}
	s.bad = true
	head := t.S("ex.failed")
	if !s.act.export {
		head = t.S("ex.refused")
	}
	s.result = []string{head, s.k.c.errWords(msg.err)}
	if s.act.kind == "return" && len(s.warn) > 0 {
		// the reason in plain words first; the packet's own message after
		// it, without the conflicts the screen lists below
		why := msg.err.Error()
		if errors.Is(msg.err, packet.ErrConflict) {
			why, _, _ = strings.Cut(why, "\n")
		}
		s.result, s.warn = []string{head, s.warn[0], why}, s.warn[1:]
	}
	var ie *imports.Error
	if errors.As(msg.err, &ie) {
		s.result = append(s.result, position(t, ie)...)
	}
}

// position names where an import was refused, as a person finds it in the
// file: line and column of a CSV file, sheet and cell of a workbook.
func position(t Text, e *imports.Error) []string {
	var out []string
	switch {
	case e.Sheet != "" && e.Line > 0 && e.Column > 0:
		out = append(out, t.F("ex.pos.cell", e.File, e.Sheet, imports.ColumnName(e.Column)+strconv.Itoa(e.Line)))
	case e.Sheet != "" && e.Line > 0:
		out = append(out, t.F("ex.pos.row", e.File, e.Sheet, e.Line))
	case e.Line > 0 && e.Column > 0:
		out = append(out, t.F("ex.pos.col", e.File, e.Line, e.Column))
	case e.Line > 0:
		out = append(out, t.F("ex.pos.line", e.File, e.Line))
	}
	if e.Field != "" {
		out = append(out, t.F("ex.pos.field", e.Field))
	}
	return out
}

func (s *exchangeScreen) View() string {
	st, t := s.k.c.Styles, s.k.c.Text
	var b strings.Builder
	b.WriteString(s.f.View())
	if !s.started {
		return b.String()
	}
	b.WriteString("\n")
	if s.label != "" || s.job != nil {
		b.WriteString("\n" + s.progressView())
	}
	style := st.Good
	if s.bad {
		style = st.Bad
	}
	for _, r := range s.result {
		for _, l := range wrap(r, max(10, s.w-4)) {
			b.WriteString("\n  " + style.Render(l))
		}
	}
	for _, r := range s.warn {
		for _, l := range wrap(r, max(10, s.w-4)) {
			b.WriteString("\n  " + st.Bad.Render(l))
		}
	}
	if s.finished {
		b.WriteString("\n\n  " + st.Subtle.Render(t.S("ex.again")))
	}
	return b.String()
}

// progressView is what the work does and the bar of how far it is.
func (s *exchangeScreen) progressView() string {
	st, t := s.k.c.Styles, s.k.c.Text
	var b strings.Builder
	done := min(s.done, s.total)
	line := s.label
	if s.total > 0 {
		line += fmt.Sprintf("  %d%%  (%d/%d %s)", done*100/s.total, done, s.total, s.unit)
	}
	if s.job != nil {
		line = st.Saving.Render(t.S("ex.running")) + "  " + line
	}
	b.WriteString("  " + cut(line, max(10, s.w-2)) + "\n")
	// The bar is the interface's own (Styles.Bar): coloured cells, or '#'
	// and '.' without colour, never block glyphs of ambiguous width.
	num, den := done, s.total
	if den == 0 && s.finished && !s.bad { // too small to count, and done
		num, den = 1, 1
	}
	b.WriteString("  " + st.Bar(num, den, max(10, min(60, s.w-4))) + "\n")
	return b.String()
}
