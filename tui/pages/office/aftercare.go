package office

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// registerRows are the rows of the register of the five years after the
// award: per winner its window, then each year begun with its sharing
// state (a year ended without sharing flagged, Art. 31(6)) and the entries
// of the year. An entry's row opens the form that corrects it, every other
// row of a winner the form for a new entry.
func (p *afterPage) registerRows() []components.ListRow {
	c := p.k.C
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	if len(p.rec.Followed) == 0 {
		p.remark = t.S("rv.none")
	}
	for _, w := range p.rec.Followed {
		a := w.Applicant
		v := afterTarget{aftercare: true, app: a.ID}
		search := a.ID + " " + a.Name
		add := func(text string) {
			rows = append(rows, components.ItemRow(st, v, search, func() string { return text }))
		}
		addEntry := func(e award.AftercareEntry, text string) {
			ev := v
			ev.entry = e
			rows = append(rows, components.ItemRow(st, ev, search+" "+e.ID, func() string { return text }))
		}
		head := common.Fit(a.ID+" "+a.Name, 34) + " " + common.Fit(c.OutcomeName(w.Final), 10) + " " +
			t.F("ac.winner", w.Window.Last().Format(time.DateOnly))
		if n := len(w.Flags()); n > 0 {
			head += "  " + st.Bad.Render(t.F("ac.flags", n))
		}
		if w.Revocation != nil {
			head += "  " + st.Bad.Render(t.F("ac.revoked", w.Revocation.Date))
		}
		add(head)
		for _, y := range w.Years {
			if y.State == award.YearAhead {
				continue
			}
			line := "  " + t.F("ac.year", y.Year, y.From, y.To) + "  "
			switch y.State {
			case award.Shared:
				line += st.Good.Render(t.F("ac.shared", y.Sharing))
			case award.NotShared:
				line += st.Bad.Render(t.S("ac.noshare"))
			default:
				line += st.Muted.Render(t.S("ac.due"))
			}
			add(line)
			for _, e := range w.Entries {
				if d, err := time.Parse(time.DateOnly, e.Date); err == nil && w.Window.Year(d) == y.Year {
					addEntry(e, "    "+e.ID+" "+e.Date+" "+common.Fit(t.S("ac.short."+string(e.Kind)), 8)+" "+e.Note)
				}
			}
		}
	}
	return rows
}

// aftercareForm records a visit, an incident or a sharing activity of a
// winner (Art. 28, 31, 41–43), dated today unless changed; given an entry,
// it corrects that entry (backend.CorrectAftercare).
func aftercareForm(k *Desk, rec *common.Records, id string, entry award.AftercareEntry) *components.Form {
	var old *award.AftercareEntry
	if entry.ID != "" {
		old = &entry
	}
	c, actor := k.C, k.Person
	t := c.Text
	a, _ := rec.ApplicantByID(id)
	span := ""
	for _, w := range rec.Followed {
		if w.Applicant.ID == id {
			span = w.Window.Span(t.Pick("zh", "en"))
		}
	}
	title, kind, date, note := t.F("ac.title", id, a.Name), string(award.AftercareVisit), c.Now().In(award.ChinaTime).Format(time.DateOnly), ""
	if old != nil {
		title, kind, date, note = t.F("ac.correcttitle", old.ID, id, a.Name), string(old.Kind), old.Date, old.Note
	}
	f := components.NewForm(c, title, func(f *components.Form) (tea.Cmd, error) {
		e := award.AftercareEntry{ApplicantID: id, Kind: award.AftercareKind(f.Pick("kind")), Date: f.Val("date"), Note: f.Val("note")}
		if err := checkDate(t, e.Date); err != nil {
			return nil, err
		}
		if e.Note == "" {
			return nil, fmt.Errorf("%s", t.S("ac.neednote"))
		}
		done := t.F("ac.done", id, t.S("ac.kind."+string(e.Kind)))
		if old != nil {
			e.ID, done = old.ID, t.F("ac.corrected", old.ID, id)
		}
		return common.OfficeWrite(c, f, done, false, func(st store.Store, cycle string) error {
			b := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor, Now: c.Now})
			var err error
			if old != nil {
				_, err = b.CorrectAftercare(cycle, e)
			} else {
				_, err = b.AddAftercare(cycle, e)
			}
			return err
		}), nil
	})
	f.Intro = []string{t.F("ac.window", span), t.S("ac.formintro"), t.S("ac.formintro2")}
	f.Choice("kind", t.S("ac.kind"), components.TextOptions(t, "ac.kind.", award.AftercareKinds...), kind)
	f.Text("date", t.S("ac.date"), date, "YYYY-MM-DD").Text("note", t.S("ac.note"), note, t.S("ac.notehint"))
	return f
}
