package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
	"qaward/tui/pages/home"
	"qaward/tui/pages/office"
)

// officeStore is the demo cycle as `qaward demo` loads it: the test fill
// plus the satisfaction results of the sample.
func officeStore(tb testing.TB) *store.DB {
	tb.Helper()
	st := demoStore(tb)
	if err := st.PutSatisfaction("office", sample.DemoCycle, sample.Demo().Satisfaction); err != nil {
		tb.Fatal(err)
	}
	return st
}

// asOffice opens the interface as the office on a clock of the given day.
func asOffice(tb testing.TB, st store.Store, day string, w, h int) *driver {
	tb.Helper()
	c := testCommon(st, common.Chinese)
	c.As = common.DefaultOffice
	if day != "" {
		now, err := time.Parse(time.DateOnly, day)
		if err != nil {
			tb.Fatal(err)
		}
		c.Now = func() time.Time { return now.Add(10 * time.Hour) }
	}
	return newDriver(tb, c, w, h)
}

// okeys sends keys like driver.keys, with the office's function keys too.
func (d *driver) okeys(keys ...string) {
	more := map[string]tea.KeyType{
		"f3": tea.KeyF3, "f5": tea.KeyF5, "f6": tea.KeyF6, "f8": tea.KeyF8, "ctrl+a": tea.KeyCtrlA, "ctrl+g": tea.KeyCtrlG,
		"delete": tea.KeyDelete, "ctrl+u": tea.KeyCtrlU, "insert": tea.KeyInsert, "f10": tea.KeyF10,
	}
	for _, k := range keys {
		if t, ok := more[k]; ok {
			d.send(tea.KeyMsg{Type: t})
		} else {
			d.send(keyMsg(k))
		}
	}
}

// desk returns the office's desk on the home screen.
func (d *driver) desk() *office.Desk {
	d.tb.Helper()
	for _, c := range d.m.stack {
		if h, ok := c.(*home.Home); ok && h.Desk != nil {
			return h.Desk
		}
	}
	d.tb.Fatalf("no office desk on the stack:\n%s", d.View())
	return nil
}

// toTab switches the desk to the tab named name by pressing tab.
func (d *driver) toTab(name string) {
	d.tb.Helper()
	for i := 0; i < len(d.desk().Tabs.List) && !d.desk().Showing(name); i++ {
		d.keys("tab")
	}
	if !d.desk().Showing(name) {
		d.tb.Fatalf("cannot reach tab %s", name)
	}
}

// find filters the list on top for text and puts the cursor on the first
// match (slash, the text, enter), as a user would.
func (d *driver) find(text string) {
	d.keys("/", text, "enter")
}

// topForm is the form on top.
func (d *driver) topForm() *components.Form {
	d.tb.Helper()
	f, ok := d.top().(*components.Form)
	if !ok {
		d.tb.Fatalf("top screen is %T, not a form:\n%s", d.top(), d.View())
	}
	return f
}

// applicantOf reads an applicant back from the store.
func applicantOf(tb testing.TB, st store.Store, id string) award.Applicant {
	tb.Helper()
	a, err := st.Applicant(sample.DemoCycle, id)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// lastTransition is the applicant's newest pipeline move.
func lastTransition(tb testing.TB, st store.Store, id string) award.Transition {
	tb.Helper()
	ts, err := st.Transitions(sample.DemoCycle)
	if err != nil {
		tb.Fatal(err)
	}
	var last award.Transition
	for _, t := range ts {
		if t.ApplicantID == id {
			last = t
		}
	}
	return last
}

// statusCount counts applicants per status.
func statusCount(tb testing.TB, st store.Store) map[award.Status][]string {
	tb.Helper()
	as, err := st.Applicants(sample.DemoCycle)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[award.Status][]string{}
	for _, a := range as {
		out[a.Status] = append(out[a.Status], a.ID)
	}
	return out
}

func joinIDs(ids []string) string { return strings.Join(ids, ",") }
