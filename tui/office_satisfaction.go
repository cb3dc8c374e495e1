package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
)

// satisfactionPage lists the organisations with their satisfaction index
// (Art. 21; individuals have none) and the number of responses; Enter
// enters or corrects one.
type satisfactionPage struct {
	k    *desk
	rec  *records
	list listModel
}

func newSatisfactionPage(k *desk) *satisfactionPage {
	return &satisfactionPage{k: k, list: newList(k.c)}
}

func (p *satisfactionPage) setSize(w, h int) { p.list.setSize(w, h-2) }
func (p *satisfactionPage) capturing() bool  { return p.list.filtering }

func (p *satisfactionPage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.edit")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *satisfactionPage) setRecords(rec *records) {
	p.rec = rec
	c := p.k.c
	st, t := c.Styles, c.Text
	var rows []listRow
	for _, a := range rec.Snapshot.Applicants {
		a := a
		if a.Kind != award.Organization || !a.Status.Ranked() {
			continue
		}
		rows = append(rows, listRow{value: a.ID, search: strings.ToLower(a.ID + " " + a.Name), draw: func(w int, sel bool) string {
			csi, n, se := st.Muted.Render("--"), "", ""
			if s, ok := p.rec.satisf[a.ID]; ok {
				csi, n = s.CSI.String(), t.F("sa.n", s.Responses)
				if s.StdErr > 0 {
					se = t.F("sa.se", s.StdErr.String())
				}
			}
			short := ""
			if m, ok := p.rec.material[a.ID]; ok && m.Shortlisted {
				short = st.Good.Render(t.S("rk.short"))
			}
			nw := min(40, max(8, w-2-6-1-6-1-8-1-10-1-12))
			line := "  " + fit(a.ID, 6) + " " + fit(a.Name, nw) + " " + fit(short, 6) + " " + fitRight(csi, 8) + " " + fitRight(n, 10) + " " + fit(se, 12)
			return selectLine(st, line, w, sel)
		}})
	}
	p.list.setRows(rows)
}

func (p *satisfactionPage) update(msg tea.KeyMsg) tea.Cmd {
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	return push(satisfactionForm(p.k, p.rec, v.(string)))
}

func (p *satisfactionPage) view() string {
	st, t := p.k.c.Styles, p.k.c.Text
	w := p.list.w
	nw := min(40, max(8, w-2-6-1-6-1-8-1-10-1-12))
	head := "  " + fit(t.S("col.id"), 6) + " " + fit(t.S("col.name"), nw) + " " + fit(t.S("rk.shortcol"), 6) + " " +
		fitRight(t.S("col.s"), 8) + " " + fitRight(t.S("sa.responses"), 10)
	return cut(" "+st.Subtle.Render(t.S("sa.intro")), w) + "\n" + st.Subtle.Render(fit(head, w)) + "\n" + p.list.view()
}

// parseCSI reads an index of 0–100 with at most two decimals.
func parseCSI(t Text, s string) (award.Score, error) {
	v, err := award.ParseScore(s)
	if err != nil || v < 0 || v > 10000 {
		return 0, fmt.Errorf("%s", t.F("sa.badcsi", s))
	}
	return v, nil
}

// satisfactionForm enters an organisation's index with its responses.
func satisfactionForm(k *desk, rec *records, id string) *form {
	c, actor := k.c, k.person
	t := c.Text
	a, _ := rec.applicantByID(id)
	cur, n := "", ""
	if s, ok := rec.satisf[id]; ok {
		cur, n = s.CSI.String(), strconv.Itoa(s.Responses)
	}
	f := newForm(c, t.F("sa.title", id, a.Name), func(f *form) (tea.Cmd, error) {
		v, err := parseCSI(t, f.val("csi"))
		if err != nil {
			return nil, err
		}
		r, err := strconv.Atoi(f.val("n"))
		if err != nil || r < 1 {
			return nil, fmt.Errorf("%s", t.F("sa.badn", f.val("n")))
		}
		s := award.Satisfaction{ApplicantID: id, CSI: v, Responses: r}
		return officeWrite(c, f, t.F("sa.done", id, v.String()), false, func(st store.Store, cycle string) error {
			return st.PutSatisfaction(actor, cycle, []award.Satisfaction{s})
		}), nil
	})
	f.text("csi", t.S("col.s"), cur, t.S("sa.hint")).text("n", t.S("sa.responses"), n, "")
	return f
}
