package tui

import (
	"maps"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
)

// saveJob is one durable write of a whole sheet: a reviewer's sheet or a
// leader's consensus sheet. Rev is the screen's edit counter, so that the
// screen knows which of its edits a result covers.
type saveJob struct {
	actor, cycle string
	sheet        award.Sheet
	rev          int
}

func (j saveJob) id() string {
	k := j.sheet.SheetKey
	if j.sheet.Consensus {
		return "c\x00" + string(k.Stage) + "\x00" + k.ApplicantID
	}
	return "s\x00" + string(k.Stage) + "\x00" + k.ApplicantID + "\x00" + k.ReviewerID
}

// savedMsg reports a finished write, with the store's generation just
// before and after it (0 when the store cannot tell), so that the root
// knows a commit it sees at the next poll for its own.
type savedMsg struct {
	job                 saveJob
	err                 error
	genBefore, genAfter uint64
}

// saver serialises the writes of each sheet: at most one write of a sheet
// is in flight, and edits made meanwhile are coalesced into the next write,
// which always carries the latest state. Writes therefore never land out of
// order, and the root can wait for the queue before quitting. It is used
// from the update loop only.
//
// It also remembers, per sheet, a write that failed until a later write of
// that sheet succeeds: the edits it carried are not durable, and quitting
// must not drop them without asking (DESIGN §4).
type saver struct {
	st       store.Store
	gen      func() uint64 // the store's generation; nil when it cannot tell
	inflight map[string]saveJob
	pending  map[string]saveJob
	failed   map[string]savedMsg
}

func newSaver(st store.Store) *saver {
	s := &saver{st: st, inflight: map[string]saveJob{}, pending: map[string]saveJob{}, failed: map[string]savedMsg{}}
	if g, ok := st.(generationer); ok {
		s.gen = g.Generation
	}
	return s
}

// save queues a write and returns the command that performs it, or nil
// when a write of the same sheet is already in flight.
func (s *saver) save(j saveJob) tea.Cmd {
	j.sheet = cloneSheet(j.sheet)
	id := j.id()
	if _, ok := s.inflight[id]; ok {
		s.pending[id] = j
		return nil
	}
	s.inflight[id] = j
	return s.run(j)
}

func (s *saver) run(j saveJob) tea.Cmd {
	st, gen := s.st, s.gen
	return func() tea.Msg {
		msg := savedMsg{job: j}
		if gen != nil {
			msg.genBefore = gen()
		}
		if j.sheet.Consensus {
			msg.err = st.SaveConsensus(j.actor, j.cycle, j.sheet)
		} else {
			msg.err = st.SaveSheet(j.actor, j.cycle, j.sheet)
		}
		if gen != nil && msg.err == nil {
			msg.genAfter = gen()
		}
		return msg
	}
}

// done records a finished write and starts the next one of that sheet, if
// edits are waiting.
func (s *saver) done(m savedMsg) tea.Cmd {
	id := m.job.id()
	delete(s.inflight, id)
	if m.err != nil {
		s.failed[id] = m
	} else {
		delete(s.failed, id)
	}
	if next, ok := s.pending[id]; ok {
		delete(s.pending, id)
		s.inflight[id] = next
		return s.run(next)
	}
	return nil
}

// busy reports whether any write is in flight or waiting.
func (s *saver) busy() bool { return len(s.inflight) > 0 || len(s.pending) > 0 }

// retry writes again every sheet whose last write failed (each with the
// state that write carried, the latest: a newer edit would have been
// written after it). It returns the commands, none when nothing failed.
func (s *saver) retry() []tea.Cmd {
	var cmds []tea.Cmd
	for _, id := range slices.Sorted(maps.Keys(s.failed)) {
		if cmd := s.save(s.failed[id].job); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return cmds
}

// unsavedWrite is a write whose edits are not known to be durable.
type unsavedWrite struct {
	job saveJob
	err error // the write's failure; nil while it is in flight or waiting
}

// unsaved lists, in sheet order, the writes not known to be durable: those
// that failed (and were not written since), then those waiting or in
// flight, the newest state of each sheet once.
func (s *saver) unsaved() []unsavedWrite {
	var out []unsavedWrite
	seen := map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(s.failed)) {
		if _, waiting := s.pending[id]; waiting {
			continue
		}
		if _, writing := s.inflight[id]; writing {
			continue
		}
		out = append(out, unsavedWrite{job: s.failed[id].job, err: s.failed[id].err})
		seen[id] = true
	}
	for _, m := range []map[string]saveJob{s.pending, s.inflight} {
		for _, id := range slices.Sorted(maps.Keys(m)) {
			if !seen[id] {
				out = append(out, unsavedWrite{job: m[id]})
				seen[id] = true
			}
		}
	}
	return out
}

// saveState tracks, for one screen, which edits are durable.
type saveState struct {
	rev, saved int   // edits made; newest edit known durable
	err        error // the last write's failure, until a write succeeds
}

func (s *saveState) edited() int { s.rev++; return s.rev }

func (s *saveState) result(m savedMsg) {
	if m.err != nil {
		s.err = m.err
		return
	}
	s.err = nil
	s.saved = max(s.saved, m.job.rev)
}

// label is the indicator: empty before any edit, "saving" while edits are
// not yet durable, "saved" when every edit is, the error when one failed.
func (s *saveState) label(c Common) string {
	st := c.Styles
	switch {
	case s.err != nil:
		return st.Bad.Render(c.Text.F("savefail", s.err))
	case s.rev == 0:
		return ""
	case s.saved < s.rev:
		return st.Saving.Render(c.Text.S("saving"))
	}
	return st.Saved.Render(c.Text.S("saved"))
}
