package office

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// satisfactionPage lists the organisations with their satisfaction index
// (Art. 21; individuals have none) and the number of responses; Enter
// enters or corrects one.
type satisfactionPage struct {
	recordsTab
	k    *Desk
	rec  *common.Records
	list components.ListModel
}

func newSatisfactionPage(k *Desk) *satisfactionPage {
	p := &satisfactionPage{k: k, list: components.NewList(k.C)}
	p.recordsTab = recordsTab{"satisfaction", p.setRecords, p.key}
	return p
}

func (p *satisfactionPage) SetSize(w, h int) { p.list.SetSize(w, h-2) }
func (p *satisfactionPage) Capturing() bool  { return p.list.Filtering }

func (p *satisfactionPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.edit")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *satisfactionPage) setRecords(rec *common.Records) {
	p.rec = rec
	c := p.k.C
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	for _, a := range rec.Snapshot.Applicants {
		a := a
		if a.Kind != award.Organization || !a.Status.Ranked() {
			continue
		}
		rows = append(rows, components.ListRow{Value: a.ID, Search: strings.ToLower(a.ID + " " + a.Name), Draw: func(w int, sel bool) string {
			csi, n, se := st.Muted.Render("--"), "", ""
			if s, ok := p.rec.Satisf[a.ID]; ok {
				csi, n = s.CSI.String(), t.F("sa.n", s.Responses)
				if s.StdErr > 0 {
					se = t.F("sa.se", s.StdErr.String())
				}
			}
			short := ""
			if m, ok := p.rec.Material[a.ID]; ok && m.Shortlisted {
				short = st.Good.Render(t.S("rk.short"))
			}
			nw := min(40, max(8, w-2-6-1-6-1-8-1-10-1-12))
			line := "  " + common.Fit(a.ID, 6) + " " + common.Fit(a.Name, nw) + " " + common.Fit(short, 6) + " " + common.FitRight(csi, 8) + " " + common.FitRight(n, 10) + " " + common.Fit(se, 12)
			return components.SelectLine(st, line, w, sel)
		}})
	}
	p.list.SetRows(rows)
}

func (p *satisfactionPage) key(msg tea.KeyMsg) tea.Cmd {
	cmd, v, ok := p.list.Chosen(msg)
	if !ok {
		return cmd
	}
	return common.Push(satisfactionForm(p.k, p.rec, v.(string)))
}

func (p *satisfactionPage) View() string {
	st, t := p.k.C.Styles, p.k.C.Text
	w := p.list.W
	nw := min(40, max(8, w-2-6-1-6-1-8-1-10-1-12))
	head := "  " + common.Fit(t.S("col.id"), 6) + " " + common.Fit(t.S("col.name"), nw) + " " + common.Fit(t.S("rk.shortcol"), 6) + " " +
		common.FitRight(t.S("col.s"), 8) + " " + common.FitRight(t.S("sa.responses"), 10)
	return common.Cut(" "+st.Subtle.Render(t.S("sa.intro")), w) + "\n" + st.Subtle.Render(common.Fit(head, w)) + "\n" + p.list.View()
}

// parseCSI reads an index of 0–100 with at most two decimals.
func parseCSI(t common.Text, s string) (award.Score, error) {
	v, err := award.ParseScore(s)
	if err != nil || v < 0 || v > 10000 {
		return 0, fmt.Errorf("%s", t.F("sa.badcsi", s))
	}
	return v, nil
}

// satisfactionForm enters an organisation's index with its responses.
func satisfactionForm(k *Desk, rec *common.Records, id string) *components.Form {
	c, actor := k.C, k.Person
	t := c.Text
	a, _ := rec.ApplicantByID(id)
	cur, n := "", ""
	if s, ok := rec.Satisf[id]; ok {
		cur, n = s.CSI.String(), strconv.Itoa(s.Responses)
	}
	f := components.NewForm(c, t.F("sa.title", id, a.Name), func(f *components.Form) (tea.Cmd, error) {
		v, err := parseCSI(t, f.Val("csi"))
		if err != nil {
			return nil, err
		}
		r, err := strconv.Atoi(f.Val("n"))
		if err != nil || r < 1 {
			return nil, fmt.Errorf("%s", t.F("sa.badn", f.Val("n")))
		}
		s := award.Satisfaction{ApplicantID: id, CSI: v, Responses: r}
		return common.OfficeWrite(c, f, t.F("sa.done", id, v.String()), false, func(st store.Store, cycle string) error {
			return st.PutSatisfaction(actor, cycle, []award.Satisfaction{s})
		}), nil
	})
	f.Text("csi", t.S("col.s"), cur, t.S("sa.hint")).Text("n", t.S("sa.responses"), n, "")
	return f
}
