package tui

import (
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
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
func (m *matrix) revise() tea.Cmd {
	t := m.c.Text
	switch {
	case m.stats == nil || m.lay == nil:
		return nil
	case !m.canEdit:
		m.setNote(t.S("mx.revise.leader"), true)
		return nil
	case m.submitting || m.confirming:
		return nil
	case !m.cons.Submitted:
		m.setNote(t.S("mx.revise.draft"), true)
		return nil
	}
	m.charts = false // the reason is written under the matrix
	m.revising = true
	m.oldReason = m.cons.Reason
	m.cons = cloneSheet(m.cons)
	m.cons.Submitted = false
	m.cons.Reason = ""
	m.reason.SetValue("")
	m.editReason = true
	m.setNote(t.S("mx.revise.started"), false)
	return m.reason.Focus()
}

// revisionReady reports whether a revision may be written: its reason is
// there and new.
func (m *matrix) revisionReady() bool {
	r := strings.TrimSpace(m.cons.Reason)
	return r != "" && r != strings.TrimSpace(m.oldReason)
}

// revisionHeld reports whether the edits of a revision are kept on screen
// only: until the revision is submitted.
func (m *matrix) revisionHeld() bool { return m.revising && !m.submitting }

// held names a revision whose edits are on screen only (see holder): once
// a reason is typed or a percentage changed. A revision whose write failed
// is the saver's to name.
func (m *matrix) held() []string {
	if !m.revisionHeld() || m.save.err != nil || m.lay == nil {
		return nil
	}
	stored := m.sum.consensus
	if strings.TrimSpace(m.cons.Reason) == "" && stored != nil && slices.Equal(stored.Percents, m.cons.Percents) {
		return nil
	}
	return []string{m.c.Text.F("unsaved.revision", placeOf(m.c, m.data, string(m.stage), m.app.ID))}
}
