package tui

import (
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/backend/importer"
)

// The office's exchange tab (导入导出): the tables a cycle is made of come
// in from CSV or XLSX files through backend/importer, exactly as `qaward
// import` brings them; rankings, the candidate list and the applicants'
// feedback reports go out through backend/export and backend/feedback, as
// `qaward export` and `qaward feedback --all` write them; reviewers'
// offline packets are issued and their returns imported as `qaward packet
// export` and `qaward packet import` do (exchange_packet.go). The work
// runs in the background with a progress bar (exchange_screen.go,
// exchange_run.go).
// Paths are the machine's that runs qaward: over `qaward serve`, the
// server's.

// exAction is one line of the tab: an import of a kind, or an export.
type exAction struct {
	export bool
	kind   string // importer.Kinds, exportKinds, or "packet" (issue) and "return" (import)
}

// exportKinds are what the tab exports.
var exportKinds = []string{"rankings", "candidates", "applicants", "feedback"}

// label names the action's table in the interface language.
func (a exAction) label(t Text) string {
	if a.export && a.kind == "applicants" {
		return t.S("ex.kind.applicantsout")
	}
	return t.S("ex.kind." + a.kind)
}

// exchangePage lists the imports and exports; enter opens one.
type exchangePage struct {
	k    *deskCtx
	list listModel
}

func newExchangePage(k *deskCtx) *exchangePage {
	p := &exchangePage{k: k, list: newList(k.c)}
	c := k.c
	st, t := c.Styles, c.Text
	var rows []listRow
	section := func(title string) { rows = append(rows, sectionRow(st, title)) }
	add := func(a exAction) {
		name := a.label(t)
		rows = append(rows, listRow{search: strings.ToLower(a.kind + " " + name), value: a, draw: func(w int, sel bool) string {
			line := "  " + fit(name, min(44, max(10, w-16))) + " " + st.Subtle.Render(a.kind)
			return selectLine(st, line, w, sel)
		}})
	}
	section(t.S("ex.import"))
	for _, kind := range importer.Kinds {
		add(exAction{kind: kind})
	}
	section(t.S("ex.export"))
	for _, kind := range exportKinds {
		add(exAction{export: true, kind: kind})
	}
	section(t.S("ex.packets"))
	add(exAction{export: true, kind: "packet"})
	add(exAction{kind: "return"})
	p.list.setRows(rows)
	return p
}

func (p *exchangePage) setSize(w, h int)        { p.list.setSize(w, h-2) }
func (p *exchangePage) capturing() bool         { return p.list.filtering }
func (p *exchangePage) setRecords(rec *records) {}

func (p *exchangePage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.open")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *exchangePage) update(msg tea.KeyMsg) tea.Cmd {
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	return push(newExchangeScreen(p.k, v.(exAction)))
}

func (p *exchangePage) view() string {
	st, t := p.k.c.Styles, p.k.c.Text
	head := fit(" "+st.Title.Render(t.S("tab.7"))+"  "+st.Subtle.Render(t.S("ex.choose")), p.list.w)
	return head + "\n\n" + p.list.view()
}

// defaultPath is a file beside the database, for an export.
func defaultPath(c Common, name string) string {
	if p := c.Store.Path(); p != "" {
		return filepath.Join(filepath.Dir(p), name)
	}
	return name
}
