package tui

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
	// asPersonMsg asks the root to go on as a person, reading the cycle
	// again (after a packet was opened), with a note for the status line.
	asPersonMsg struct{ person, note string }
	// packetOpenedMsg reports the opening of a packet.
	packetOpenedMsg struct {
		m   *packet.Manifest
		err error
	}
	// packetHeldMsg carries the packet a laptop's database holds (nil
	// for any other database).
	packetHeldMsg struct{ rec *packet.Record }
)

// openPacketCmd reads a packet file and makes the store its working copy.
func openPacketCmd(c Common, path string) tea.Cmd {
	st, as := c.Store, c.As
	if as == DefaultOffice {
		as = ""
	}
	return func() tea.Msg {
		data, err := packet.ReadFile(expandHome(path))
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
func heldCmd(c Common, cycle string) tea.Cmd {
	l, ok := c.Store.(packet.Local)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		rec, _, err := packet.Held(l, cycle)
		if err != nil {
			return errMsg{err}
		}
		return packetHeldMsg{rec: rec}
	}
}

// packetRow is the value of the home's row that writes the returned
// packet.
type packetRow struct{}

// packetProgress counts the person's sheets: all, started, submitted.
func (h *home) packetProgress() (n, started, submitted int) {
	for _, a := range h.data.Roster.MyAssignments(h.person) {
		n++
		s := h.data.sheet(award.SheetKey{Stage: a.Stage, ApplicantID: a.ApplicantID, ReviewerID: h.person})
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
func (h *home) packetPanel() string {
	st, t := h.c.Styles, h.c.Text
	n, started, submitted := h.packetProgress()
	issued := h.held.Issued.Local().Format(time.DateOnly)
	return fit(" "+st.Section.Render(t.F("pk.state", h.held.PacketID, issued, h.held.Reviewer)), h.w) + "\n" +
		fit(" "+st.Subtle.Render(t.F("pk.progress", n, started, submitted)), h.w)
}

// packetRows are the section at the end of the list of a working copy.
func (h *home) packetRows() []listRow {
	st, t := h.c.Styles, h.c.Text
	return []listRow{
		sectionRow(st, t.S("pk.section")),
		{search: strings.ToLower(t.S("pk.return")), value: packetRow{}, draw: func(w int, sel bool) string {
			if sel {
				return st.Selected.Render(fit("> "+t.S("pk.return")+"  F7", w))
			}
			return fit("  "+t.S("pk.return")+"  "+st.Key.Render("F7"), w)
		}},
	}
}

// returnForm asks where to write the returned packet and writes it.
func returnForm(h *home) *form {
	c := h.c
	t := c.Text
	def := h.person + ".return"
	if p := c.Store.Path(); p != "" {
		def = filepath.Join(filepath.Dir(p), def)
	}
	f := newForm(c, t.S("pk.return"), nil)
	f.intro = []string{t.S("pk.returnintro")}
	f.text("file", t.S("pk.file"), def, "")
	l, _ := c.Store.(packet.Local)
	f.submit = func(f *form) (tea.Cmd, error) {
		path := cleanPath(f.val("file"))
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
				path = expandHome(path)
				err = export.WriteFile(path, func(w io.Writer) error { _, err := w.Write(data); return err })
			}
			if err != nil {
				return officeMsg{from: f, err: err}
			}
			return officeMsg{from: f, note: t.F("pk.written", path, pr.Sheets, pr.Started, pr.Submitted)}
		}, nil
	}
	return f
}
