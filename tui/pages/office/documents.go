package office

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/backend"
	"qaward/tui/common"
	"qaward/tui/components"
)

// documentsPage lists the official documents of the cycle
// (backend.DocumentKinds, the same as `qaward document`); Enter asks for
// the file and writes the document there (DOCX), saying where it went.
// Paths are the machine's that runs qaward, as on the exchange tab.
type documentsPage struct {
	k    *Desk
	list components.ListModel
	// written says where the last document written from this tab went;
	// pending is the form writing one now.
	written string
	pending *components.Form
}

func newDocumentsPage(k *Desk) *documentsPage {
	p := &documentsPage{k: k, list: components.NewList(k.C)}
	st, t := k.C.Styles, k.C.Text
	rows := make([]components.ListRow, 0, len(backend.DocumentKinds))
	for _, dk := range backend.DocumentKinds {
		rows = append(rows, components.ItemRow(st, dk, dk.ID+" "+dk.Name+" "+dk.Help, func() string {
			return common.Fit(dk.Name, 30) + " " + st.Subtle.Render(t.Pick(dk.ID, dk.Help))
		}))
	}
	p.list.SetRows(rows)
	return p
}

// Name names the tab.
func (p *documentsPage) Name() string { return "documents" }

func (p *documentsPage) SetSize(w, h int) { p.list.SetSize(w, h-3) }
func (p *documentsPage) Capturing() bool  { return p.list.Filtering }

func (p *documentsPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("doc.key")), k.Filter, k.Back, k.Quit, k.Help}
}

// Update takes keys while the tab shows, and the note of a document
// written from it.
func (p *documentsPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if w, ok := msg.From.(*components.Form); ok && w == p.pending && msg.Err == nil {
			p.written, p.pending = msg.Note, nil
		}
	case tea.KeyMsg:
		cmd, v, ok := p.list.Chosen(msg)
		if !ok {
			return cmd
		}
		return common.Push(p.form(v.(backend.DocumentKind)))
	}
	return nil
}

func (p *documentsPage) View() string {
	st, t := p.k.C.Styles, p.k.C.Text
	w := p.list.W
	last := st.Subtle.Render(t.S("doc.none"))
	if p.written != "" {
		last = st.Good.Render(p.written)
	}
	return common.Cut(" "+st.Title.Render(t.S("tab.documents"))+"  "+st.Subtle.Render(t.S("doc.choose")), w) + "\n" +
		common.Cut(" "+last, w) + "\n\n" + p.list.View()
}

// form asks for the file and writes the document in a command: the
// backend builds it (office only, from the results in force) and the
// command line's writer puts it in place whole or not at all.
func (p *documentsPage) form(dk backend.DocumentKind) *components.Form {
	c, t := p.k.C, p.k.C.Text
	cycle := p.k.Data.Cycle.ID
	f := components.NewForm(c, t.F("doc.title", dk.Name), func(f *components.Form) (tea.Cmd, error) {
		if strings.TrimSpace(f.Val("file")) == "" {
			return nil, fmt.Errorf("%s", t.S("ex.nopath"))
		}
		path := common.CleanPath(f.Val("file"))
		if _, err := backend.DocumentFormat(path, ""); err != nil {
			return nil, fmt.Errorf("%s", t.S("doc.needdocx"))
		}
		p.pending = f
		b := c.Backend()
		return func() tea.Msg {
			// made absolute here, off the update loop, so that the
			// person sees where the document went
			path := common.ExpandHome(path)
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
			doc, err := b.Document(cycle, dk.ID)
			if err == nil {
				// DOCX, or PDF through LibreOffice: as `qaward document`
				err = backend.WriteDocument(doc, path, "")
			}
			if err != nil {
				return common.OfficeMsg{From: f, Err: err}
			}
			return common.OfficeMsg{From: f, Note: t.F("doc.done", dk.Name, path)}
		}, nil
	})
	f.Intro = []string{t.Pick(dk.Name, dk.Help), t.S("doc.where")}
	f.Text("file", t.S("ex.file"), dk.FileName(cycle), t.S("doc.filehint"))
	return f
}
