package exchange

import (
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/backend/importer"
	"qaward/tui/common"
	"qaward/tui/components"
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

// ExAction is one line of the tab: an import of a kind, or an export.
type ExAction struct {
	Export bool
	Kind   string // importer.Kinds, exportKinds, "criteria" (load a set), or "packet" (issue) and "return" (import)
}

// exportKinds are what the tab exports.
var exportKinds = []string{"rankings", "candidates", "applicants", "feedback"}

// Label names the action's table in the interface language.
func (a ExAction) Label(t common.Text) string {
	if a.Export && a.Kind == "applicants" {
		return t.S("ex.kind.applicantsout")
	}
	return t.S("ex.kind." + a.Kind)
}

// ExchangePage lists the imports and exports; enter opens one.
type ExchangePage struct {
	k    *common.DeskCtx
	List components.ListModel
}

func NewExchangePage(k *common.DeskCtx) *ExchangePage {
	p := &ExchangePage{k: k, List: components.NewList(k.C)}
	c := k.C
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	section := func(title string) { rows = append(rows, components.SectionRow(st, title)) }
	add := func(a ExAction) {
		name := a.Label(t)
		rows = append(rows, components.ListRow{Search: strings.ToLower(a.Kind + " " + name), Value: a, Draw: func(w int, sel bool) string {
			line := "  " + common.Fit(name, min(44, max(10, w-16))) + " " + st.Subtle.Render(a.Kind)
			return components.SelectLine(st, line, w, sel)
		}})
	}
	section(t.S("ex.import"))
	for _, kind := range importer.Kinds {
		add(ExAction{Kind: kind})
	}
	add(ExAction{Kind: "criteria"})
	section(t.S("ex.export"))
	for _, kind := range exportKinds {
		add(ExAction{Export: true, Kind: kind})
	}
	section(t.S("ex.packets"))
	add(ExAction{Export: true, Kind: "packet"})
	add(ExAction{Kind: "return"})
	p.List.SetRows(rows)
	return p
}

func (p *ExchangePage) SetSize(w, h int) { p.List.SetSize(w, h-2) }
func (p *ExchangePage) Capturing() bool  { return p.List.Filtering }

func (p *ExchangePage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.open")), k.Filter, k.Back, k.Quit, k.Help}
}

// Name names the tab.
func (p *ExchangePage) Name() string { return "exchange" }

// Update takes keys while the tab shows.
func (p *ExchangePage) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.KeyMsg); ok {
		return p.key(msg)
	}
	return nil
}

func (p *ExchangePage) key(msg tea.KeyMsg) tea.Cmd {
	cmd, v, ok := p.List.Chosen(msg)
	if !ok {
		return cmd
	}
	return common.Push(newExchangeScreen(p.k, v.(ExAction)))
}

func (p *ExchangePage) View() string {
	st, t := p.k.C.Styles, p.k.C.Text
	head := common.Fit(" "+st.Title.Render(t.S("tab.exchange"))+"  "+st.Subtle.Render(t.S("ex.choose")), p.List.W)
	return head + "\n\n" + p.List.View()
}

// defaultPath is a file beside the database, for an export.
func defaultPath(c common.Common, name string) string {
	if p := c.Store.Path(); p != "" {
		return filepath.Join(filepath.Dir(p), name)
	}
	return name
}
