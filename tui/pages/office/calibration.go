package office

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/scoring"
	"qaward/tui/common"
	"qaward/tui/components"
)

// calibrationPage is the office's tab of the reviewers' calibration across
// the cycle: every reviewer's mean offset and spread against the stage
// scores in force (scoring.Leniency of the records' results, the figures
// `qaward calibration` prints), a stage at a time; ←/→ switch the stage.
type calibrationPage struct {
	recordsTab
	k     *Desk
	rec   *common.Records
	stage award.Stage
	list  components.ListModel
	// header draws the column headings of the rows built.
	header func(w int) string
}

func newCalibrationPage(k *Desk) *calibrationPage {
	p := &calibrationPage{k: k, stage: award.Material, list: components.NewList(k.C)}
	p.recordsTab = recordsTab{"calibration", p.setRecords, p.key}
	return p
}

func (p *calibrationPage) SetSize(w, h int) { p.list.SetSize(w, h-3) }
func (p *calibrationPage) Capturing() bool  { return p.list.Filtering }

func (p *calibrationPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{common.WithHelp(k.Left, "←/→", t.S("key.stage")), k.Up, k.Down, k.Filter, k.Back, k.Quit, k.Help}
}

func (p *calibrationPage) setRecords(rec *common.Records) {
	p.rec = rec
	p.build()
}

// build lays out the rows of the stage shown.
func (p *calibrationPage) build() {
	c := p.k.C
	rows := p.rec.Eval.Leniency(p.stage)
	name := func(id string) string { return p.k.Data.PersonName(c.Text, id) }
	view := components.NewLeniency(c, rows, name)
	list := make([]components.ListRow, 0, len(rows))
	for _, r := range rows {
		list = append(list, components.ListRow{Value: r.ReviewerID, Search: strings.ToLower(r.ReviewerID + " " + name(r.ReviewerID)),
			Draw: func(w int, sel bool) string { return view.Line(r, name(r.ReviewerID), w, sel) }})
	}
	p.list.SetRows(list)
	p.header = view.Header
}

func (p *calibrationPage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.k.C.Keys
	if !p.list.Filtering && key.Matches(msg, k.Left, k.Right) {
		p.stage = components.OtherStage(p.stage)
		p.build()
		return nil
	}
	cmd, _, _ := p.list.Chosen(msg)
	return cmd
}

func (p *calibrationPage) View() string {
	c := p.k.C
	st, t := c.Styles, c.Text
	w := p.list.W
	lines := []string{
		common.Cut(" "+st.Subtle.Render(t.S("cal.intro")), w),
		common.Cut(" "+st.Section.Render(t.F("cal.stage", c.StageName(p.stage))), w),
	}
	if len(p.list.Rows) == 0 {
		return strings.Join(append(lines, "", "  "+st.Subtle.Render(t.S("cal.none"))), "\n")
	}
	return strings.Join(append(lines, p.header(w), p.list.View()), "\n")
}

// zscoreKey toggles the z-score normalisation in the what-if view: F4, or
// ctrl+t (the view's fields take letters).
func zscoreKey(t common.Text) key.Binding {
	return key.NewBinding(key.WithKeys("f4", "ctrl+t"), key.WithHelp("F4", t.S("wi.zscore.key")))
}

// zscoreLines are the what-if view's lines on the z-score normalisation:
// how to turn it on, or the banner, the formula and each stage's scale.
func zscoreLines(c common.Common, on bool, z *scoring.ZScoreWhatIf, w int) []string {
	st, t := c.Styles, c.Text
	if !on {
		return []string{common.Cut("  "+st.Subtle.Render(t.S("wi.zscore.off")), w)}
	}
	lines := []string{common.Cut("  "+st.Warn.Render("*** "+backend.ZScoreBanner+" ***"), w),
		common.Cut("  "+st.Subtle.Render(t.S("wi.zscore.how")), w)}
	if z == nil {
		return append(lines, "  "+st.Subtle.Render(t.S("loading")))
	}
	var parts []string
	for _, s := range z.Scales {
		n := 0
		for _, r := range z.Reviewers {
			if r.Stage == s.Stage && r.Normalised {
				n++
			}
		}
		parts = append(parts, t.F("wi.zscore.scale", c.StageName(s.Stage), s.Sheets, backend.ZPoints(s.Mean), backend.ZPoints(s.Dispersion), n))
	}
	return append(lines, common.Cut("  "+st.Subtle.Render(strings.Join(parts, "   ")), w))
}
