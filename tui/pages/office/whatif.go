package office

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/scoring"
	"qaward/tui/common"
	"qaward/tui/components"
)

// whatifMsg carries an evaluation under the configuration tried, with the
// figures of the z-score normalisation when it is on.
type whatifMsg struct {
	seq int
	ev  *scoring.Evaluation
	z   *scoring.ZScoreWhatIf
}

// WhatIf lets the office try other weights or another consolidation method
// and see the composite ranks move beside the official ones. It evaluates
// a copy of the cycle's configuration in a command and never saves it.
// F4 toggles the z-score normalisation of the reviewers (ZScore), shown
// under its banner: a what-if like the rest, never the official result.
type WhatIf struct {
	k      *Desk
	rec    *common.Records
	fields *components.Form // the configuration tried; never submitted
	Cfg    award.Config
	ev     *scoring.Evaluation
	ZScore bool
	z      *scoring.ZScoreWhatIf // the normalisation's figures, while ZScore
	seq    int
	Err    string
	offset int
	w, h   int
}

func newWhatIf(k *Desk, rec *common.Records) *WhatIf {
	c := k.C
	t := c.Text
	cfg := rec.Snapshot.Cycle.Config
	w := &WhatIf{k: k, rec: rec, Cfg: cfg, ev: &rec.Eval}
	f := components.NewForm(c, "", nil)
	f.Text("wm", t.S("wi.wm"), cfg.Weights.Material.String(), "").Text("wo", t.S("wi.wo"), cfg.Weights.Onsite.String(), "")
	f.Text("ws", t.S("wi.ws"), cfg.Weights.Satisfaction.String(), "")
	methods := components.TextOptions(t, "wi.method.", award.TrimmedMean, award.Mean, award.Median)
	f.Choice("method", t.S("wi.method"), methods, string(cfg.Consolidation.Method)).Text("trim", t.S("wi.trim"), strconv.Itoa(cfg.Consolidation.TrimMin), "")
	w.fields = f
	return w
}

func (w *WhatIf) Init() tea.Cmd     { return nil }
func (w *WhatIf) Title() string     { return w.k.C.Text.S("wi.title") }
func (w *WhatIf) Capturing() bool   { return true }
func (w *WhatIf) SetSize(wd, h int) { w.w, w.h = wd, h; w.fields.SetSize(wd, h) }

func (w *WhatIf) ShortHelp() []key.Binding {
	k, t := w.k.C.Keys, w.k.C.Text
	return []key.Binding{common.WithHelp(k.Next, "tab/↓", t.S("key.next")), common.WithHelp(k.Left, "←/→", t.S("key.choose")),
		zscoreKey(t), common.WithHelp(k.PageDown, "pgdn/pgup", t.S("key.scroll")), common.WithHelp(k.Back, "esc", t.S("key.back"))}
}
func (w *WhatIf) FullHelp() [][]key.Binding { return [][]key.Binding{w.ShortHelp()} }

// tried reads the configuration from the fields: a copy of the official
// one with other weights and consolidation.
func (w *WhatIf) tried() (award.Config, error) {
	t := w.k.C.Text
	f := w.fields
	cfg := w.rec.Snapshot.Cycle.Config
	for _, p := range []struct {
		key string
		dst *award.Decimal4
	}{{"wm", &cfg.Weights.Material}, {"wo", &cfg.Weights.Onsite}, {"ws", &cfg.Weights.Satisfaction}} {
		d, err := award.ParseDecimal4(f.Val(p.key))
		if err != nil || d < 0 {
			return cfg, fmt.Errorf("%s", t.F("wi.badweight", f.Val(p.key)))
		}
		*p.dst = d
	}
	if sum := cfg.Weights.Material + cfg.Weights.Onsite + cfg.Weights.Satisfaction; sum != award.One {
		return cfg, fmt.Errorf("%s", t.F("wi.badsum", sum.String()))
	}
	cfg.Consolidation.Method = award.Method(f.Pick("method"))
	n, err := strconv.Atoi(f.Val("trim"))
	if err != nil || n < 3 {
		return cfg, fmt.Errorf("%s", t.F("wi.badtrim", f.Val("trim")))
	}
	cfg.Consolidation.TrimMin = n
	return cfg, cfg.Validate()
}

func (w *WhatIf) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case whatifMsg:
		if msg.seq == w.seq {
			w.ev, w.z = msg.ev, msg.z
		}
	case common.OfficeMsg:
		if msg.Rec != nil {
			w.rec = msg.Rec
			return w, w.recompute(true)
		}
	case tea.KeyMsg:
		k := w.k.C.Keys
		switch {
		case key.Matches(msg, k.Back):
			return w, common.Pop
		case key.Matches(msg, zscoreKey(w.k.C.Text)):
			w.ZScore = !w.ZScore
			return w, w.recompute(true)
		case key.Matches(msg, k.Submit, k.Enter):
			return w, common.Status(w.k.C.Text.S("wi.notsaved"))
		case key.Matches(msg, k.PageDown):
			w.offset++
			return w, nil
		case key.Matches(msg, k.PageUp):
			w.offset = max(0, w.offset-1)
			return w, nil
		}
		w.fields.Key(msg)
		return w, w.recompute(false)
	}
	return w, nil
}

// recompute evaluates the tried configuration in a command when it is
// valid and changed.
func (w *WhatIf) recompute(force bool) tea.Cmd {
	cfg, err := w.tried()
	if err != nil {
		w.Err = err.Error()
		return nil
	}
	w.Err = ""
	if !force && cfg.Weights == w.Cfg.Weights && cfg.Consolidation == w.Cfg.Consolidation {
		return nil
	}
	w.Cfg = cfg
	w.seq++
	seq, rec, zscore := w.seq, w.rec, w.ZScore
	return func() tea.Msg {
		if zscore {
			z := rec.ZScoreWhatIf(cfg)
			return whatifMsg{seq: seq, ev: &z.Eval, z: &z}
		}
		ev := rec.WhatIf(cfg)
		return whatifMsg{seq: seq, ev: &ev}
	}
}

// whatifRow is one applicant's place officially and under the tried
// configuration.
type whatifRow struct {
	Id, name       string
	Was, Now       scoring.CompositeRow
	hasWas, hasNow bool
}

func (w *WhatIf) Rows() []whatifRow {
	byID := map[string]int{}
	var out []whatifRow
	for _, r := range w.rec.Eval.Composite {
		byID[r.Applicant.ID] = len(out)
		out = append(out, whatifRow{Id: r.Applicant.ID, name: r.Applicant.Name, Was: r, hasWas: true})
	}
	for _, r := range w.ev.Composite {
		i, ok := byID[r.Applicant.ID]
		if !ok {
			i = len(out)
			out = append(out, whatifRow{Id: r.Applicant.ID, name: r.Applicant.Name})
		}
		out[i].Now, out[i].hasNow = r, true
	}
	return out
}

func (w *WhatIf) View() string {
	c := w.k.C
	st, t := c.Styles, c.Text
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(common.Cut(" "+st.Title.Render(t.S("wi.title"))+"  "+st.Subtle.Render(t.S("wi.intro")), w.w))
	fv := strings.Split(w.fields.View(), "\n")
	if len(fv) > 2 {
		fv = fv[2:] // no title
	}
	for _, l := range fv {
		if strings.TrimSpace(l) != "" {
			add(l)
		}
	}
	if w.Err != "" {
		add(common.Cut("  "+st.Bad.Render(w.Err), w.w))
	} else {
		add(common.Cut("  "+st.Subtle.Render(t.F("wi.official", w.rec.Snapshot.Cycle.Config.Weights.Material.String(),
			w.rec.Snapshot.Cycle.Config.Weights.Onsite.String(), w.rec.Snapshot.Cycle.Config.Weights.Satisfaction.String(),
			t.S("wi.method."+string(w.rec.Snapshot.Cycle.Config.Consolidation.Method)))), w.w))
	}
	add(zscoreLines(c, w.ZScore, w.z, w.w)...)
	moveW := 5
	if w.ZScore {
		moveW = 12 // the places moved and the composite's difference
	}
	const cellW = 3 + 1 + 6 + 1 + 10 + 1 // rank, composite, outcome (cell below)
	nw := min(40, max(6, w.w-2-6-1-1-cellW-3-cellW-1-moveW))
	add(st.Subtle.Render(common.Fit("  "+common.Fit(t.S("col.id"), 6)+" "+common.Fit(t.S("col.name"), nw)+" "+common.Fit(t.S("wi.was"), cellW)+"   "+common.Fit(t.S("wi.now"), cellW)+" "+t.S("wi.move"), w.w)))
	rows := w.Rows()
	room := max(1, w.h-len(lines))
	w.offset = min(w.offset, max(0, len(rows)-room))
	for _, r := range rows[w.offset:min(len(rows), w.offset+room)] {
		cell := func(cr scoring.CompositeRow, has bool) string {
			if !has {
				return common.Fit(st.Muted.Render(t.S("wi.notlisted")), 18)
			}
			comp := "--"
			if cr.Rank > 0 {
				comp = cr.Composite.String()
			}
			return common.FitRight(rankText(cr.Rank), 3) + " " + common.FitRight(comp, 6) + " " + common.Fit(c.OutcomeName(string(cr.Outcome)), 10) + " "
		}
		move := ""
		switch {
		case r.hasWas && r.hasNow && r.Was.Rank > 0 && r.Now.Rank > 0 && r.Was.Rank != r.Now.Rank:
			move = fmt.Sprintf("%+d", r.Was.Rank-r.Now.Rank)
		case r.hasWas && r.hasNow && r.Was.Rank > 0 && r.Was.Rank == r.Now.Rank:
			move = "="
		}
		if w.ZScore && r.Was.Rank > 0 && r.Now.Rank > 0 {
			move += " " + components.Signed(r.Now.Composite-r.Was.Composite)
		}
		line := "  " + common.Fit(r.Id, 6) + " " + common.Fit(r.name, nw) + " " + cell(r.Was, r.hasWas) + " ->" + cell(r.Now, r.hasNow) + " " + move
		if r.Was.Outcome != r.Now.Outcome {
			line = st.Warn.Render(common.Fit(line, w.w))
		}
		add(common.Fit(line, w.w))
	}
	return strings.Join(lines, "\n")
}
