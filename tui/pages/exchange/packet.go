package exchange

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/packet"
	"qaward/tui/common"
	"qaward/tui/components"
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

// ConfidentialKey is the form field of the toggle.
const ConfidentialKey = "confidential"

// guardConfidential asks before the toggle goes on: a key that would
// switch it on opens the confirmation instead, whose enter switches it.
// Switching it off needs no question.
func (s *ExchangeScreen) guardConfidential(msg tea.KeyMsg) (tea.Cmd, bool) {
	f := s.F
	if f.Focus >= len(f.Fields) {
		return nil, false
	}
	fl := f.Fields[f.Focus]
	k := s.k.C.Keys
	flip := key.Matches(msg, k.ArrowLeft, k.ArrowRight, k.Toggle)
	if fl.Key != ConfidentialKey || fl.On || !flip {
		return nil, false
	}
	t := s.k.C.Text
	ask := components.NewForm(s.k.C, t.S("ex.conf.title"), func(*components.Form) (tea.Cmd, error) {
		fl.On = true
		return nil, nil
	})
	ask.Intro = []string{t.S("ex.conf.warn"), t.S("ex.conf.audit")}
	return common.Push(ask), true
}

// confidentialPreview warns under the form while the toggle is on.
func confidentialPreview(t common.Text) func(f *components.Form) (string, bool) {
	return func(f *components.Form) (string, bool) {
		if f.Yes(ConfidentialKey) {
			return t.S("ex.conf.on"), true
		}
		return "", false
	}
}

// PacketName is the proposed file of a reviewer's packet.
func PacketName(c common.Common, cycle, reviewer string) string {
	return defaultPath(c, "packet-"+cycle+"-"+reviewer+".packet")
}

// issueFields are the fields of issuing a packet: the reviewers with work
// to take away, the stage or both, the file.
func (s *ExchangeScreen) issueFields(f *components.Form) {
	c, d := s.k.C, s.k.Data
	t := c.Text
	var who []components.Option
	for _, r := range d.Reviewers {
		if n := len(d.Roster.MyAssignments(r.ID)); n > 0 {
			who = append(who, components.Option{Value: r.ID, Label: t.F("ex.pk.who", r.ID, r.Name, n)})
		}
	}
	first := ""
	if len(who) > 0 {
		first = who[0].Value
	}
	f.Intro = []string{t.S("ex.intro.packet")}
	f.Choice("reviewer", t.S("ex.pk.reviewer"), who, first)
	f.Choice("stage", t.S("ex.stage"), []components.Option{{Value: "", Label: t.S("ex.pk.both")},
		{Value: string(award.Material), Label: c.StageName(award.Material)},
		{Value: string(award.Onsite), Label: c.StageName(award.Onsite)}}, "")
	f.Text("file", t.S("ex.file"), PacketName(c, d.Cycle.ID, first), t.S("ex.pk.filehint"))
	f.Toggle(ConfidentialKey, t.S("ex.conf"), false)
}

// followReviewer proposes the new reviewer's file name while the file is
// still the one proposed for the previous reviewer.
func (s *ExchangeScreen) followReviewer(prev string) {
	f, c := s.F, s.k.C
	cur := f.Pick("reviewer")
	if s.Act.Kind != "packet" || cur == prev {
		return
	}
	cycle := s.k.Data.Cycle.ID
	if fl := f.Field("file"); fl != nil && f.Val("file") == PacketName(c, cycle, prev) {
		fl.In.SetValue(PacketName(c, cycle, cur))
	}
}

// returnFields are the fields of importing a returned packet.
func (s *ExchangeScreen) returnFields(f *components.Form) {
	c, d := s.k.C, s.k.Data
	t := c.Text
	from := []components.Option{{Value: "", Label: t.S("ex.pk.anyone")}}
	for _, r := range d.Reviewers {
		from = append(from, components.Option{Value: r.ID, Label: r.ID + " " + r.Name})
	}
	f.Intro = []string{t.S("ex.intro.return")}
	f.Text("file", t.S("ex.file"), "", t.S("ex.pk.returnhint"))
	f.Choice("from", t.S("ex.pk.from"), from, "")
	f.Toggle("skip", t.S("ex.pk.skip"), false)
}

// issueWork writes a reviewer's signed packet, recording the disclosure
// first when confidential fields go in.
func issueWork(c common.Common, from any, actor, cycle, reviewer string, stage award.Stage, include bool, file string) func(exReport) common.OfficeMsg {
	t := c.Text
	return func(report exReport) common.OfficeMsg {
		file = common.ExpandHome(file)
		fail := func(err error) common.OfficeMsg { return common.OfficeMsg{From: from, Err: err} }
		report(t.F("ex.writing", filepath.Base(file)), "", 0, 0)
		m, err := c.Backend().IssuePacket(cycle, reviewer, stage, include, file)
		if err != nil {
			return fail(err)
		}
		msg := common.OfficeMsg{From: from, Note: t.F("ex.pk.issued", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, file, len(m.Sheets), len(m.Applicants))}
		if len(m.Done) > 0 {
			msg.Warn = []string{t.F("ex.pk.done", len(m.Done))}
		}
		return msg
	}
}

// returnWork imports a returned packet, all or nothing; the result lists
// the conflicts, and a refusal says why in plain words.
func returnWork(c common.Common, from any, actor, file, reviewer string, skip bool) func(exReport) common.OfficeMsg {
	t := c.Text
	return func(report exReport) common.OfficeMsg {
		file = common.ExpandHome(file)
		report(t.F("ex.reading", filepath.Base(file)), "", 0, 0)
		data, err := packet.ReadFile(file)
		if err != nil {
			return common.OfficeMsg{From: from, Err: err}
		}
		res, err := c.Backend().ImportPacket(data, reviewer, skip)
		if err != nil {
			warn := []string{refusalReason(t, err)}
			if res != nil && errors.Is(err, packet.ErrConflict) {
				warn = append(warn, conflictLines(c, res.Conflicts)...)
			}
			return common.OfficeMsg{From: from, Err: fmt.Errorf("%s: %w", filepath.Base(file), err), Warn: warn}
		}
		m := res.Manifest
		msg := common.OfficeMsg{From: from, Note: t.F("ex.pk.imported", m.PacketID, m.Reviewer.ID, m.Reviewer.Name, len(res.Written), res.Unchanged)}
		if len(res.Conflicts) > 0 {
			msg.Warn = append([]string{t.F("ex.pk.skipped", len(res.Conflicts))}, conflictLines(c, res.Conflicts)...)
		}
		if len(res.Written) > 0 {
			msg.Rec, msg.Err = common.ReadRecords(c, m.Cycle.ID)
			if msg.Err == nil {
				msg.Data, msg.Err = common.Load(c.Store, m.Cycle.ID, c.Office, c.Catalog)
			}
		}
		return msg
	}
}

// refusalReason says in the interface language why a returned packet was
// refused; the package's own message follows it.
func refusalReason(t common.Text, err error) string {
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
func conflictLines(c common.Common, cs []packet.Conflict) []string {
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
		out = append(out, t.F("ex.pk.conflict", c.StageName(x.Key.Stage), x.Key.ApplicantID, why))
	}
	return out
}
