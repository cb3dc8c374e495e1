package leader

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
)

// The matrix's notes panel: for the item under the cursor, what each
// submitted reviewer wrote as strengths (优势) and opportunities for
// improvement (改进机会), so that the leader can settle a disagreement.
// Data holds sheets without their text; the text of the counted sheets is
// read in a command when the matrix opens and after a refresh, and only
// where the matrix shows the group's scores at all.

// itemNotes is one reviewer's text, one entry per item.
type itemNotes struct {
	strengths, improvements []string
}

// notesMsg carries the text of the counted sheets of one applicant and
// stage, by reviewer.
type notesMsg struct {
	stage award.Stage
	app   string
	notes map[string]itemNotes
	err   error
}

// LoadNotes reads the text of the counted sheets, off the update loop; nil
// where the person may not see the group's scores.
func (m *Matrix) LoadNotes() tea.Cmd {
	if m.lay == nil || m.Stats == nil || len(m.Sum.Reviewers) == 0 {
		return nil
	}
	st, cycle, stage, app := m.c.Store, m.data.Cycle.ID, m.stage, m.app.ID
	keys := make([]award.SheetKey, 0, len(m.Sum.Reviewers))
	for _, r := range m.Sum.Reviewers {
		keys = append(keys, award.SheetKey{Stage: stage, ApplicantID: app, ReviewerID: r})
	}
	return func() tea.Msg {
		out := make(map[string]itemNotes, len(keys))
		for _, k := range keys {
			s, err := st.Sheet(cycle, k)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return notesMsg{stage: stage, app: app, err: err}
			}
			common.PrintableSheet(&s)
			out[k.ReviewerID] = itemNotes{strengths: s.Strengths, improvements: s.Improvements}
		}
		return notesMsg{stage: stage, app: app, notes: out}
	}
}

// takeNotes keeps the text read by loadNotes, if it is of this matrix.
func (m *Matrix) takeNotes(msg notesMsg) {
	if msg.stage != m.stage || msg.app != m.app.ID {
		return
	}
	m.Notes, m.NotesErr, m.NotesRead = msg.notes, msg.err, true
}

// noteLine is one reviewer's text of item i, on one line each.
type noteLine struct {
	name, strengths, improvements string
}

// itemNoteLines lists the counted reviewers who wrote something on item i.
func (m *Matrix) itemNoteLines(i int) []noteLine {
	flat := func(xs []string) string {
		if i >= len(xs) {
			return ""
		}
		return strings.Join(strings.Fields(xs[i]), " ")
	}
	var out []noteLine
	for _, r := range m.Sum.Reviewers {
		n, ok := m.Notes[r]
		if !ok {
			continue
		}
		l := noteLine{name: m.data.PersonName(m.c.Text, r), strengths: flat(n.strengths), improvements: flat(n.improvements)}
		if l.strengths != "" || l.improvements != "" {
			out = append(out, l)
		}
	}
	return out
}

// notesHeight is the height of the panel within rest lines: a third of
// them at most, and no more than the item's text needs (two lines per
// reviewer and a title); 0 where the matrix shows no scores.
func (m *Matrix) notesHeight(rest int) int {
	if m.Stats == nil || len(m.Sum.Reviewers) == 0 || rest < 12 {
		return 0
	}
	need := 2
	if m.NotesRead && m.NotesErr == nil {
		need = max(2, 1+2*len(m.itemNoteLines(m.Item())))
	}
	return min(need, rest/3)
}

// notesView draws the panel in h lines.
func (m *Matrix) notesView(h int) []string {
	if h <= 0 {
		return nil
	}
	st, t := m.c.Styles, m.c.Text
	i := m.Item()
	title := t.S("mx.notes")
	if i < len(m.Stats) {
		it := m.Stats[i].Item
		title = t.F("mx.notesof", it.ID, t.Pick(it.Name, it.NameEn))
	}
	lines := []string{common.Cut(" "+st.Section.Render(title), m.w)}
	body := func(l string) string { return common.Cut("  "+l, m.w) }
	switch {
	case !m.NotesRead:
		lines = append(lines, body(st.Subtle.Render(t.S("mx.notesloading"))))
	case m.NotesErr != nil:
		lines = append(lines, body(st.Bad.Render(t.F("err", m.NotesErr))))
	default:
		notes := m.itemNoteLines(i)
		if len(notes) == 0 {
			lines = append(lines, body(st.Subtle.Render(t.S("mx.nonotes"))))
			break
		}
		nameW := 0
		for _, n := range notes {
			nameW = max(nameW, common.Width(n.name))
		}
		two := 1+2*len(notes) <= h
		room := h - 1
		for k, n := range notes {
			if !two && room == 1 && k < len(notes)-1 {
				lines = append(lines, body(st.Subtle.Render(t.F("mx.notesmore", len(notes)-k))))
				break
			}
			s, o := orNone(t, n.strengths), orNone(t, n.improvements)
			if two {
				lines = append(lines, body(common.Fit(n.name, nameW)+"  "+st.Good.Render(t.S("mx.strengths"))+s),
					body(common.Fit("", nameW)+"  "+st.Warn.Render(t.S("mx.improve"))+o))
				room -= 2
			} else {
				lines = append(lines, body(common.Fit(n.name, nameW)+"  "+st.Good.Render(t.S("mx.strengths"))+s+"  "+st.Warn.Render(t.S("mx.improve"))+o))
				room--
			}
			if room <= 0 {
				break
			}
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines[:h]
}

// orNone is the text, or a dash when empty.
func orNone(t common.Text, s string) string {
	if s == "" {
		return t.S("mx.nonote")
	}
	return s
}
