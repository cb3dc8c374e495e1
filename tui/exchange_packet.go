package tui

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/packet"
)

// Offline packets from the office's side, and the confidential toggle of
// the exchange tab. The office issues a reviewer's packet (backend/packet
// Export), as `qaward packet export REVIEWER FILE [--stage]` does, and
// imports a returned one (backend/packet Import), as `qaward packet import
// FILE` does: the signature is checked, a refused packet changes nothing,
// and a sheet submitted or changed centrally is never overwritten.
//
// Applicants' confidential fields (Art. 32, 37) stay out of every export,
// feedback report and packet unless the office switches the toggle on,
// which asks first; the disclosure is then recorded in the audit log
// before anything is written, with the entry `--include-confidential`
// records (confidential.Disclosure).

// confidentialKey is the form field of the toggle.
const confidentialKey = "confidential"

// guardConfidential asks before the toggle goes on: a key that would
// switch it on opens the confirmation instead, whose enter switches it.
// Switching it off needs no question.
func (s *exchangeScreen) guardConfidential(msg tea.KeyMsg) (tea.Cmd, bool) {
	f := s.f
	if f.focus >= len(f.fields) {
		return nil, false
	}
	fl := f.fields[f.focus]
	flip := msg.Type == tea.KeyLeft || msg.Type == tea.KeyRight || msg.Type == tea.KeySpace || msg.String() == " "
	if fl.key != confidentialKey || fl.on || !flip {
		return nil, false
	}
	t := s.k.c.Text
	ask := newForm(s.k.c, t.S("ex.conf.title"), func(*form) (tea.Cmd, error) {
		fl.on = true
		return nil, nil
	})
	ask.intro = []string{t.S("ex.conf.warn"), t.S("ex.conf.audit")}
	return push(ask), true
}

// confidentialPreview warns under the form while the toggle is on.
func confidentialPreview(t Text) func(f *form) (string, bool) {
	return func(f *form) (string, bool) {
		if f.yes(confidentialKey) {
			return t.S("ex.conf.on"), true
		}
		return "", false
	}
}

// packetName is the proposed file of a reviewer's packet.
func packetName(c Common, cycle, reviewer string) string {
	return defaultPath(c, "packet-"+cycle+"-"+reviewer+".packet")
}

// issueFields are the fields of issuing a packet: the reviewers with work
// to take away, the stage or both, the file.
func (s *exchangeScreen) issueFields(f *form) {
	c, d := s.k.c, s.k.data
	t := c.Text
	var who []option
	for _, r := range d.Reviewers {
		if n := len(d.Roster.MyAssignments(r.ID)); n > 0 {
			who = append(who, option{value: r.ID, label: t.F("ex.pk.who", r.ID, r.Name, n)})
		}
	}
	first := ""
	if len(who) > 0 {
		first = who[0].value
	}
	f.intro = []string{t.S("ex.intro.packet")}
	f.choice("reviewer", t.S("ex.pk.reviewer"), who, first)
	f.choice("stage", t.S("ex.stage"), []option{{value: "", label: t.S("ex.pk.both")},
		{value: string(award.Material), label: c.stageName(award.Material)},
		{value: string(award.Onsite), label: c.stageName(award.Onsite)}}, "")
	f.text("file", t.S("ex.file"), packetName(c, d.Cycle.ID, first), t.S("ex.pk.filehint"))
	f.toggle(confidentialKey, t.S("ex.conf"), false)
}

// followReviewer proposes the new reviewer's file name while the file is
// still the one proposed for the previous reviewer.
func (s *exchangeScreen) followReviewer(prev string) {
	f, c := s.f, s.k.c
	cur := f.pick("reviewer")
	if s.act.kind != "packet" || cur == prev {
		return
	}
	cycle := s.k.data.Cycle.ID
	if fl := f.field("file"); fl != nil && f.val("file") == packetName(c, cycle, prev) {
		fl.in.SetValue(packetName(c, cycle, cur))
	}
}

// returnFields are the fields of importing a returned packet.
func (s *exchangeScreen) returnFields(f *form) {
	c, d := s.k.c, s.k.data
	t := c.Text
	from := []option{{value: "", label: t.S("ex.pk.anyone")}}
	for _, r := range d.Reviewers {
		from = append(from, option{value: r.ID, label: r.ID + " " + r.Name})
	}
	f.intro = []string{t.S("ex.intro.return")}
	f.text("file", t.S("ex.file"), "", t.S("ex.pk.returnhint"))
	f.choice("from", t.S("ex.pk.from"), from, "")
	f.toggle("skip", t.S("ex.pk.skip"), false)
}

// issueWork writes a reviewer's signed packet, recording the disclosure
// first when confidential fields go in.
func issueWork(c Common, from any, actor, cycle, reviewer string, stage award.Stage, include bool, file string) func(exReport) officeMsg {
	t := c.Text
	return func(report exReport) officeMsg {
		file = expandHome(file)
		fail := func(err error) officeMsg { return officeMsg{from: from, err: err} }
		report(t.F("ex.writing", filepath.Base(file)), "", 0, 0)
		m, err := c.backend().IssuePacket(cycle, reviewer, stage, include, file)
		if err != nil {
			return fail(err)
		}
		msg := officeMsg{from: from, note: t.F("ex.pk.issued", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, file, len(m.Sheets), len(m.Applicants))}
		if len(m.Done) > 0 {
			msg.warn = []string{t.F("ex.pk.done", len(m.Done))}
		}
		return msg
	}
}

// returnWork imports a returned packet, all or nothing; the result lists
// the conflicts, and a refusal says why in plain words.
func returnWork(c Common, from any, actor, file, reviewer string, skip bool) func(exReport) officeMsg {
	t := c.Text
	return func(report exReport) officeMsg {
		file = expandHome(file)
		report(t.F("ex.reading", filepath.Base(file)), "", 0, 0)
		data, err := packet.ReadFile(file)
		if err != nil {
			return officeMsg{from: from, err: err}
		}
		res, err := c.backend().ImportPacket(data, reviewer, skip)
		if err != nil {
			warn := []string{refusalReason(t, err)}
			if res != nil && errors.Is(err, packet.ErrConflict) {
				warn = append(warn, conflictLines(c, res.Conflicts)...)
			}
			return officeMsg{from: from, err: fmt.Errorf("%s: %w", filepath.Base(file), err), warn: warn}
		}
		m := res.Manifest
		msg := officeMsg{from: from, note: t.F("ex.pk.imported", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, len(res.Written), res.Unchanged)}
		if len(res.Conflicts) > 0 {
			msg.warn = append([]string{t.F("ex.pk.skipped", len(res.Conflicts))}, conflictLines(c, res.Conflicts)...)
		}
		if len(res.Written) > 0 {
			msg.rec, msg.err = readRecords(c, m.Cycle.ID)
			if msg.err == nil {
				msg.data, msg.err = Load(c.Store, m.Cycle.ID, c.Office, c.Catalog)
			}
		}
		return msg
	}
}

// refusalReason says in the interface language why a returned packet was
// refused; the package's own message follows it.
func refusalReason(t Text, err error) string {
	for _, r := range []struct {
		err error
		key string
	}{{packet.ErrTampered, "tampered"}, {packet.ErrOtherReviewer, "reviewer"}, {packet.ErrOtherDatabase, "database"},
		{packet.ErrConflict, "stale"}, {packet.ErrNotReturned, "issued"}} {
		if errors.Is(err, r.err) {
			return t.S("ex.pk.why." + r.key)
		}
	}
	return t.S("ex.pk.why.other")
}

// conflictLines lists the sheets that were not imported, and why.
func conflictLines(c Common, cs []packet.Conflict) []string {
	t := c.Text
	out := make([]string, 0, len(cs))
	for _, x := range cs {
		at := x.At.Local().Format(time.DateTime[:16])
		why := t.F("ex.pk.changed", at)
		switch {
		case x.Submitted:
			why = t.F("ex.pk.submitted", at)
		case x.Recused:
			why = t.S("ex.pk.recused")
		}
		out = append(out, t.F("ex.pk.conflict", c.stageName(x.Key.Stage), x.Key.ApplicantID, why))
	}
	return out
}
