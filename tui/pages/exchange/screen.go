package exchange

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
	"qaward/tui/common"
	"qaward/tui/components"
)

// ExchangeScreen is one import or export: a form for the path and the
// choices, then the work with its progress bar, then the result: the count
// on success; the refusal with its position (file, line and column, or
// sheet and cell) when an import is refused. The form stays, so that a
// corrected path can be tried again.
type ExchangeScreen struct {
	k   *common.DeskCtx
	Act ExAction
	F   *components.Form

	job               *ExJob // the work under way; nil when idle
	label, unit       string
	done, total       int
	started, finished bool
	result, warn      []string
	bad               bool
	w, h              int
}

func newExchangeScreen(k *common.DeskCtx, a ExAction) *ExchangeScreen {
	c := k.C
	t := c.Text
	cycle := k.Data.Cycle.ID
	s := &ExchangeScreen{k: k, Act: a}
	title := t.F("ex.title.import", a.Label(t))
	if a.Export {
		title = t.F("ex.title.export", a.Label(t))
	}
	f := components.NewForm(c, title, s.Start)
	stages := []components.Option{{Value: string(award.Material), Label: c.StageName(award.Material)},
		{Value: string(award.Onsite), Label: c.StageName(award.Onsite)}}
	switch {
	case a.Kind == "packet":
		s.issueFields(f)
	case a.Kind == "return":
		s.returnFields(f)
	case a.Kind == "criteria":
		f.Intro = []string{t.F("ex.intro.criteria", cycle)}
		f.Text("file", t.S("ex.file"), "", t.S("ex.tomlhint"))
	case !a.Export:
		f.Intro = []string{t.F("ex.intro.import", cycle)}
		f.Text("file", t.S("ex.file"), "", t.S("ex.filehint"))
		f.Text("sheet", t.S("ex.sheet"), "", t.S("ex.sheethint"))
	case a.Kind == "feedback":
		f.Intro = []string{t.S("ex.intro.feedback")}
		f.Text("file", t.S("ex.dir"), defaultPath(c, "feedback-"+cycle), "")
		f.Choice("stage", t.S("ex.stage"), stages, string(award.Material))
		f.Choice("format", t.S("ex.format"), []components.Option{{Value: "html", Label: "HTML"}, {Value: "md", Label: "Markdown"}}, "html")
		f.Toggle("scores", t.S("ex.scores"), false)
		f.Toggle(ConfidentialKey, t.S("ex.conf"), false)
	case a.Kind == "applicants":
		f.Intro = []string{t.S("ex.intro.export"), t.S("ex.intro.applicants")}
		f.Text("file", t.S("ex.file"), defaultPath(c, a.Kind+"-"+cycle+".xlsx"), t.S("ex.filehint"))
		f.Toggle(ConfidentialKey, t.S("ex.conf"), false)
	default:
		f.Intro = []string{t.S("ex.intro.export")}
		f.Text("file", t.S("ex.file"), defaultPath(c, a.Kind+"-"+cycle+".xlsx"), t.S("ex.filehint"))
		if a.Kind == "rankings" {
			f.Choice("stage", t.S("ex.stage"), append([]components.Option{{Value: "all", Label: t.S("ex.stage.all")}}, append(stages,
				components.Option{Value: "composite", Label: t.S("ex.stage.composite")})...), "all")
		}
	}
	f.Preview = confidentialPreview(t)
	s.F = f
	return s
}

// Start checks the form (no I/O) and starts the work.
func (s *ExchangeScreen) Start(f *components.Form) (tea.Cmd, error) {
	t, a, k := s.k.C.Text, s.Act, s.k
	file := common.CleanPath(f.Val("file"))
	if file == "" {
		return nil, errors.New(t.S("ex.nopath"))
	}
	ext := strings.ToLower(filepath.Ext(file))
	xlsx := ext == ".xlsx" || ext == ".xlsm"
	var work func(exReport) common.OfficeMsg
	cycle := k.Data.Cycle.ID
	include := f.Yes(ConfidentialKey)
	switch {
	case a.Kind == "packet":
		who := f.Pick("reviewer")
		if who == "" {
			return nil, errors.New(t.S("ex.pk.nobody"))
		}
		work = issueWork(k.C, s, k.Person, cycle, who, award.Stage(f.Pick("stage")), include, file)
	case a.Kind == "return":
		work = returnWork(k.C, s, k.Person, file, f.Pick("from"), f.Yes("skip"))
	case a.Kind == "criteria":
		if ext != ".toml" {
			return nil, errors.New(t.S("ex.needtoml"))
		}
		work = criteriaWork(k.C, s, cycle, file)
	case !a.Export:
		sheet := f.Val("sheet")
		if sheet != "" && !xlsx {
			return nil, errors.New(t.S("ex.sheetcsv"))
		}
		work = ImportWork(k.C, s, k.Person, cycle, a.Kind, file, sheet)
	case a.Kind == "feedback":
		work = feedbackWork(k.C, s, k.Person, cycle, award.Stage(f.Pick("stage")), f.Pick("format"), f.Yes("scores"), include, file)
	default:
		if ext != ".csv" && ext != ".xlsx" {
			return nil, errors.New(t.S("ex.badext"))
		}
		stage := "all"
		if a.Kind == "rankings" {
			stage = f.Pick("stage")
			if ext == ".csv" && stage == "all" {
				return nil, errors.New(t.S("ex.csvall"))
			}
		}
		work = tablesWork(k.C, s, k.Person, cycle, a.Kind, stage, include, file)
	}
	s.job = &ExJob{Ch: make(chan tea.Msg, JobCap)}
	s.started, s.finished, s.result, s.warn, s.bad = true, false, nil, nil, false
	s.label, s.unit, s.done, s.total = "", "", 0, 0
	return s.job.Start(work), nil
}

func (s *ExchangeScreen) Init() tea.Cmd   { return nil }
func (s *ExchangeScreen) Title() string   { return s.F.Heading }
func (s *ExchangeScreen) Capturing() bool { return true }

func (s *ExchangeScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.F.SetSize(w, h)
}

func (s *ExchangeScreen) ShortHelp() []key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	if s.job != nil {
		return []key.Binding{k.ForceQuit}
	}
	return []key.Binding{common.WithHelp(k.Next, "tab/↓", t.S("key.next")), common.WithHelp(k.Left, "←/→", t.S("key.choose")),
		common.WithHelp(k.Submit, "ctrl+s", t.S("key.start")), common.WithHelp(k.Back, "esc", t.S("key.back"))}
}

func (s *ExchangeScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *ExchangeScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ExProgressMsg:
		if msg.job != s.job || s.job == nil {
			return s, nil
		}
		s.label, s.unit, s.done, s.total = msg.Label, msg.Unit, msg.Done, msg.Total
		return s, s.job.Next()
	case common.OfficeMsg:
		if msg.From != s {
			return s, nil
		}
		s.job, s.finished = nil, true
		s.F.Busy = false
		s.finish(msg)
	case tea.KeyMsg:
		if s.job != nil {
			return s, nil // the work finishes first; ctrl+c still quits
		}
		if cmd, ok := s.guardConfidential(msg); ok {
			return s, cmd
		}
		prev := s.F.Pick("reviewer")
		cmd := s.F.Key(msg)
		s.F.Busy = false // the screen shows the work itself
		s.followReviewer(prev)
		return s, cmd
	}
	return s, nil
}

// finish takes the result of the work.
func (s *ExchangeScreen) finish(msg common.OfficeMsg) {
	t := s.k.C.Text
	s.warn = msg.Warn
	s.F.Settle() // the paths were acted on: esc leaves without asking
	if msg.Err == nil {
		s.bad, s.result = false, []string{msg.Note}
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
	if !s.Act.Export {
		head = t.S("ex.refused")
	}
	s.result = []string{head, s.k.C.ErrWords(msg.Err)}
	if s.Act.Kind == "return" && len(s.warn) > 0 {
		// the reason in plain words first; the packet's own message after
		// it, without the conflicts the screen lists below
		why := msg.Err.Error()
		if errors.Is(msg.Err, packet.ErrConflict) {
			why, _, _ = strings.Cut(why, "\n")
		}
		s.result, s.warn = []string{head, s.warn[0], why}, s.warn[1:]
	}
	var ie *imports.Error
	if errors.As(msg.Err, &ie) {
		s.result = append(s.result, position(t, ie)...)
	}
}

// position names where an import was refused, as a person finds it in the
// file: line and column of a CSV file, sheet and cell of a workbook.
func position(t common.Text, e *imports.Error) []string {
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

func (s *ExchangeScreen) View() string {
	st, t := s.k.C.Styles, s.k.C.Text
	var b strings.Builder
	b.WriteString(s.F.View())
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
		for _, l := range common.Wrap(r, max(10, s.w-4)) {
			b.WriteString("\n  " + style.Render(l))
		}
	}
	for _, r := range s.warn {
		for _, l := range common.Wrap(r, max(10, s.w-4)) {
			b.WriteString("\n  " + st.Bad.Render(l))
		}
	}
	if s.finished {
		b.WriteString("\n\n  " + st.Subtle.Render(t.S("ex.again")))
	}
	return b.String()
}

// progressView is what the work does and the bar of how far it is.
func (s *ExchangeScreen) progressView() string {
	st, t := s.k.C.Styles, s.k.C.Text
	var b strings.Builder
	done := min(s.done, s.total)
	line := s.label
	if s.total > 0 {
		line += fmt.Sprintf("  %d%%  (%d/%d %s)", done*100/s.total, done, s.total, s.unit)
	}
	if s.job != nil {
		line = st.Saving.Render(t.S("ex.running")) + "  " + line
	}
	b.WriteString("  " + common.Cut(line, max(10, s.w-2)) + "\n")
	// The bar is the interface's own (Styles.Bar): coloured cells, or '#'
	// and '.' without colour, never block glyphs of ambiguous width.
	num, den := done, s.total
	if den == 0 && s.finished && !s.bad { // too small to count, and done
		num, den = 1, 1
	}
	b.WriteString("  " + st.Bar(num, den, max(10, min(60, s.w-4))) + "\n")
	return b.String()
}
