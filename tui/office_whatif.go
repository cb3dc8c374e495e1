package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/scoring"
)

// whatifMsg carries an evaluation under the configuration tried.
type whatifMsg struct {
	seq int
	ev  *scoring.Evaluation
}

// whatIf lets the office try other weights or another consolidation method
// and see the composite ranks move beside the official ones. It evaluates
// a copy of the cycle's configuration in a command and never saves it.
type whatIf struct {
	k      *desk
	rec    *records
	fields *form // the configuration tried; never submitted
	cfg    award.Config
	ev     *scoring.Evaluation
	seq    int
	err    string
	offset int
	w, h   int
}

func newWhatIf(k *desk, rec *records) *whatIf {
	c := k.c
	t := c.Text
	cfg := rec.Snapshot.Cycle.Config
	w := &whatIf{k: k, rec: rec, cfg: cfg, ev: &rec.Eval}
	f := newForm(c, "", nil)
	f.text("wm", t.S("wi.wm"), cfg.Weights.Material.String(), "").text("wo", t.S("wi.wo"), cfg.Weights.Onsite.String(), "")
	f.text("ws", t.S("wi.ws"), cfg.Weights.Satisfaction.String(), "")
	methods := textOptions(t, "wi.method.", award.TrimmedMean, award.Mean, award.Median)
	f.choice("method", t.S("wi.method"), methods, string(cfg.Consolidation.Method)).text("trim", t.S("wi.trim"), strconv.Itoa(cfg.Consolidation.TrimMin), "")
	w.fields = f
	return w
}

func (w *whatIf) Init() tea.Cmd     { return nil }
func (w *whatIf) Title() string     { return w.k.c.Text.S("wi.title") }
func (w *whatIf) Capturing() bool   { return true }
func (w *whatIf) SetSize(wd, h int) { w.w, w.h = wd, h; w.fields.SetSize(wd, h) }

func (w *whatIf) ShortHelp() []key.Binding {
	k, t := w.k.c.Keys, w.k.c.Text
	return []key.Binding{withHelp(k.Next, "tab/down", t.S("key.next")), withHelp(k.Left, "left/right", t.S("key.choose")),
		withHelp(k.PageDown, "pgdn/pgup", t.S("key.scroll")), withHelp(k.Back, "esc", t.S("key.back"))}
}
func (w *whatIf) FullHelp() [][]key.Binding { return [][]key.Binding{w.ShortHelp()} }

// tried reads the configuration from the fields: a copy of the official
// one with other weights and consolidation.
func (w *whatIf) tried() (award.Config, error) {
	t := w.k.c.Text
	f := w.fields
	cfg := w.rec.Snapshot.Cycle.Config
	for _, p := range []struct {
		key string
		dst *award.Decimal4
	}{{"wm", &cfg.Weights.Material}, {"wo", &cfg.Weights.Onsite}, {"ws", &cfg.Weights.Satisfaction}} {
		d, err := award.ParseDecimal4(f.val(p.key))
		if err != nil || d < 0 {
			return cfg, fmt.Errorf("%s", t.F("wi.badweight", f.val(p.key)))
		}
		*p.dst = d
	}
	if sum := cfg.Weights.Material + cfg.Weights.Onsite + cfg.Weights.Satisfaction; sum != award.One {
		return cfg, fmt.Errorf("%s", t.F("wi.badsum", sum.String()))
	}
	cfg.Consolidation.Method = award.Method(f.pick("method"))
	n, err := strconv.Atoi(f.val("trim"))
	if err != nil || n < 3 {
		return cfg, fmt.Errorf("%s", t.F("wi.badtrim", f.val("trim")))
	}
	cfg.Consolidation.TrimMin = n
	return cfg, cfg.Validate()
}

func (w *whatIf) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case whatifMsg:
		if msg.seq == w.seq {
			w.ev = msg.ev
		}
	case officeMsg:
		if msg.rec != nil {
			w.rec = msg.rec
			return w, w.recompute(true)
		}
	case tea.KeyMsg:
		switch {
		case msg.Type == tea.KeyEsc:
			return w, pop
		case key.Matches(msg, w.k.c.Keys.Submit), msg.Type == tea.KeyEnter:
			return w, status(w.k.c.Text.S("wi.notsaved"))
		case msg.Type == tea.KeyPgDown:
			w.offset++
			return w, nil
		case msg.Type == tea.KeyPgUp:
			w.offset = max(0, w.offset-1)
			return w, nil
		}
		w.fields.key(msg)
		return w, w.recompute(false)
	}
	return w, nil
}

// recompute evaluates the tried configuration in a command when it is
// valid and changed.
func (w *whatIf) recompute(force bool) tea.Cmd {
	cfg, err := w.tried()
	if err != nil {
		w.err = err.Error()
		return nil
	}
	w.err = ""
	if !force && cfg.Weights == w.cfg.Weights && cfg.Consolidation == w.cfg.Consolidation {
		return nil
	}
	w.cfg = cfg
	w.seq++
	seq, rec := w.seq, w.rec
	return func() tea.Msg {
		ev := rec.WhatIf(cfg)
		return whatifMsg{seq: seq, ev: &ev}
	}
}

// whatifRow is one applicant's place officially and under the tried
// configuration.
type whatifRow struct {
	id, name       string
	was, now       scoring.CompositeRow
	hasWas, hasNow bool
}

func (w *whatIf) rows() []whatifRow {
	byID := map[string]int{}
	var out []whatifRow
	for _, r := range w.rec.Eval.Composite {
		byID[r.Applicant.ID] = len(out)
		out = append(out, whatifRow{id: r.Applicant.ID, name: r.Applicant.Name, was: r, hasWas: true})
	}
	for _, r := range w.ev.Composite {
		i, ok := byID[r.Applicant.ID]
		if !ok {
			i = len(out)
			out = append(out, whatifRow{id: r.Applicant.ID, name: r.Applicant.Name})
		}
		out[i].now, out[i].hasNow = r, true
	}
	return out
}

func (w *whatIf) View() string {
	c := w.k.c
	st, t := c.Styles, c.Text
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(cut(" "+st.Title.Render(t.S("wi.title"))+"  "+st.Subtle.Render(t.S("wi.intro")), w.w))
	fv := strings.Split(w.fields.View(), "\n")
	if len(fv) > 2 {
		fv = fv[2:] // no title
	}
	for _, l := range fv {
		if strings.TrimSpace(l) != "" {
			add(l)
		}
	}
	if w.err != "" {
		add(cut("  "+st.Bad.Render(w.err), w.w))
	} else {
		add(cut("  "+st.Subtle.Render(t.F("wi.official", w.rec.Snapshot.Cycle.Config.Weights.Material.String(),
			w.rec.Snapshot.Cycle.Config.Weights.Onsite.String(), w.rec.Snapshot.Cycle.Config.Weights.Satisfaction.String(),
			t.S("wi.method."+string(w.rec.Snapshot.Cycle.Config.Consolidation.Method)))), w.w))
	}
	nw := min(40, max(6, w.w-2-6-1-1-(3+1+6+1+6)-3-(3+1+6+1+6)-1-5))
	add(st.Subtle.Render(fit("  "+fit(t.S("col.id"), 6)+" "+fit(t.S("col.name"), nw)+" "+fit(t.S("wi.was"), 18)+"   "+fit(t.S("wi.now"), 18)+" "+t.S("wi.move"), w.w)))
	rows := w.rows()
	room := max(1, w.h-len(lines))
	w.offset = min(w.offset, max(0, len(rows)-room))
	for _, r := range rows[w.offset:min(len(rows), w.offset+room)] {
		cell := func(cr scoring.CompositeRow, has bool) string {
			if !has {
				return fit(st.Muted.Render(t.S("wi.notlisted")), 18)
			}
			comp := "--"
			if cr.Rank > 0 {
				comp = cr.Composite.String()
			}
			return fitRight(rankText(cr.Rank), 3) + " " + fitRight(comp, 6) + " " + fit(c.outcomeName(string(cr.Outcome)), 10) + " "
		}
		move := ""
		switch {
		case r.hasWas && r.hasNow && r.was.Rank > 0 && r.now.Rank > 0 && r.was.Rank != r.now.Rank:
			move = fmt.Sprintf("%+d", r.was.Rank-r.now.Rank)
		case r.hasWas && r.hasNow && r.was.Rank > 0 && r.was.Rank == r.now.Rank:
			move = "="
		}
		line := "  " + fit(r.id, 6) + " " + fit(r.name, nw) + " " + cell(r.was, r.hasWas) + " ->" + cell(r.now, r.hasNow) + " " + move
		if r.was.Outcome != r.now.Outcome {
			line = st.Warn.Render(fit(line, w.w))
		}
		add(fit(line, w.w))
	}
	return strings.Join(lines, "\n")
}
