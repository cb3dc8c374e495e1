package home

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/packet"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// Offline packets (backend/packet). On a laptop without network, the welcome
// screen of a new database opens the reviewer packet the office issued:
// the database becomes the packet's working copy and the interface goes on
// as the packet's reviewer, who scores as usual. The reviewer's home then
// shows the packet and writes the signed returned packet, which the office
// imports with `qaward packet import`.

// canOpenPacket reports whether the store can become a packet's working
// copy.
func canOpenPacket(st store.Store) bool {
	if _, ok := st.(interface {
		WorkingCopy(string) (store.Store, error)
	}); ok {
		return true
	}
	_, ok := st.(packet.Local)
	return ok
}

type (
	// AsPersonMsg asks the root to go on as a person, reading the cycle
	// again (after a packet was opened), with a note for the status line.
	AsPersonMsg struct{ Person, Note string }
	// packetOpenedMsg reports the opening of a packet.
	packetOpenedMsg struct {
		m   *packet.Manifest
		err error
	}
	// PacketHeldMsg carries the packet a laptop's database holds (nil
	// for any other database).
	PacketHeldMsg struct{ rec *packet.Record }
)

// openPacketCmd reads a packet file and makes the store its working copy.
func openPacketCmd(c common.Common, path string) tea.Cmd {
	st, as := c.Store, c.As
	if as == common.DefaultOffice {
		as = ""
	}
	return func() tea.Msg {
		data, err := packet.ReadFile(common.ExpandHome(path))
		if err != nil {
			return packetOpenedMsg{err: err}
		}
		m, err := packet.OpenAs(st, data, as)
		if err != nil {
			return packetOpenedMsg{err: fmt.Errorf("%s: %w", path, err)}
		}
		return packetOpenedMsg{m: m}
	}
}

// heldCmd reads which packet the database holds, for a reviewer's home.
func heldCmd(c common.Common, cycle string) tea.Cmd {
	l, ok := c.Store.(packet.Local)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		rec, _, err := packet.Held(l, cycle)
		if err != nil {
			return common.ErrMsg{Err: err}
		}
		return PacketHeldMsg{rec: rec}
	}
}

// packetRow is the value of the home's row that writes the returned
// packet.
type packetRow struct{}

// packetProgress counts the person's sheets: all, started, submitted.
func (h *Home) packetProgress() (n, started, submitted int) {
	for _, a := range h.data.Roster.MyAssignments(h.Person) {
		n++
		s := h.data.Sheet(award.SheetKey{Stage: a.Stage, ApplicantID: a.ApplicantID, ReviewerID: h.Person})
		if s != nil && s.Scored() > 0 {
			started++
		}
		if s != nil && s.Submitted {
			submitted++
		}
	}
	return n, started, submitted
}

// packetPanel is the two lines above the list of a packet's working copy.
func (h *Home) packetPanel() string {
	st, t := h.c.Styles, h.c.Text
	n, started, submitted := h.packetProgress()
	issued := h.held.Issued.Local().Format(time.DateOnly)
	return common.Fit(" "+st.Section.Render(t.F("pk.state", h.held.PacketID, issued, h.held.Reviewer)), h.w) + "\n" +
		common.Fit(" "+st.Subtle.Render(t.F("pk.progress", n, started, submitted)), h.w)
}

// packetRows are the section at the end of the list of a working copy.
func (h *Home) packetRows() []components.ListRow {
	st, t := h.c.Styles, h.c.Text
	return []components.ListRow{
		components.SectionRow(st, t.S("pk.section")),
		{Search: strings.ToLower(t.S("pk.return")), Value: packetRow{}, Draw: func(w int, sel bool) string {
			if sel {
				return st.Selected.Render(common.Fit("> "+t.S("pk.return")+"  F7", w))
			}
			return common.Fit("  "+t.S("pk.return")+"  "+st.Key.Render("F7"), w)
		}},
	}
}

// returnForm asks where to write the returned packet and writes it.
func returnForm(h *Home) *components.Form {
	c := h.c
	t := c.Text
	def := h.Person + ".return"
	if p := c.Store.Path(); p != "" {
		def = filepath.Join(filepath.Dir(p), def)
	}
	f := components.NewForm(c, t.S("pk.return"), nil)
	f.Intro = []string{t.S("pk.returnintro")}
	f.Text("file", t.S("pk.file"), def, "")
	l, _ := c.Store.(packet.Local)
	f.Submit = func(f *components.Form) (tea.Cmd, error) {
		path := common.CleanPath(f.Val("file"))
		if path == "" {
			return nil, errors.New(t.S("ex.nopath"))
		}
		if l == nil {
			return nil, errors.New(t.S("pk.cannot"))
		}
		now := c.Now()
		return func() tea.Msg {
			_, data, pr, err := packet.Return(l, now)
			if err == nil {
				path = common.ExpandHome(path)
				err = export.WriteFile(path, func(w io.Writer) error { _, err := w.Write(data); return err })
			}
			if err != nil {
				return common.OfficeMsg{From: f, Err: err}
			}
			return common.OfficeMsg{From: f, Note: t.F("pk.written", path, pr.Sheets, pr.Started, pr.Submitted)}
		}, nil
	}
	return f
}
