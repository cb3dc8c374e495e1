package leader

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// Revising a submitted consensus (修订共识). The leader reopens the
// group's consensus as a draft that starts from the stored values and
// must say why anew (a reason that is not the one stored). The revision is
// one act: its edits stay on screen and nothing is written until it is
// submitted, so that the submitted consensus, and with it the stage score,
// stands until the revision replaces it whole. The store allows that only
// to the leader who recorded it and with a new reason
// (store.DB.SaveConsensus).

// revise starts a revision of the submitted consensus.
func (m *Matrix) revise() tea.Cmd {
	t := m.c.Text
	switch {
	case m.Stats == nil || m.lay == nil:
		return nil
	case !m.CanEdit:
		m.setNote(t.S("mx.revise.leader"), true)
		return nil
	case m.submitting || m.Confirming:
		return nil
	case !m.Cons.Submitted:
		m.setNote(t.S("mx.revise.draft"), true)
		return nil
	}
	m.charts = false // the reason is written under the matrix
	m.Revising = true
	m.oldReason = m.Cons.Reason
	m.Cons = common.CloneSheet(m.Cons)
	m.Cons.Submitted = false
	m.Cons.Reason = ""
	m.reason.SetValue("")
	m.EditReason = true
	m.setNote(t.S("mx.revise.started"), false)
	return m.reason.Focus()
}

// revisionReady reports whether a revision may be written: its reason is
// there and new.
func (m *Matrix) revisionReady() bool {
	r := strings.TrimSpace(m.Cons.Reason)
	return r != "" && r != strings.TrimSpace(m.oldReason)
}

// revisionHeld reports whether the edits of a revision are kept on screen
// only: until the revision is submitted.
func (m *Matrix) revisionHeld() bool { return m.Revising && !m.submitting }

// Held names a revision whose edits are on screen only (see holder): once
// a reason is typed or a percentage changed. A revision whose write failed
// is the saver's to name.
func (m *Matrix) Held() []string {
	if !m.revisionHeld() || m.save.Err != nil || m.lay == nil {
		return nil
	}
	stored := m.Sum.Consensus
	if strings.TrimSpace(m.Cons.Reason) == "" && stored != nil && slices.Equal(stored.Percents, m.Cons.Percents) {
		return nil
	}
	return []string{m.c.Text.F("unsaved.revision", common.PlaceOf(m.c, m.data, string(m.stage), m.app.ID))}
}
