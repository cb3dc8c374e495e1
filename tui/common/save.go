package common

import (
	"maps"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
)

// SaveJob is one durable write of a whole sheet: a reviewer's sheet or a
// leader's consensus sheet. Rev is the screen's edit counter, so that the
// screen knows which of its edits a result covers.
type SaveJob struct {
	Actor, Cycle string
	Sheet        award.Sheet
	Rev          int
}

func (j SaveJob) id() string {
	k := j.Sheet.SheetKey
	if j.Sheet.Consensus {
		return "c\x00" + string(k.Stage) + "\x00" + k.ApplicantID
	}
	return "s\x00" + string(k.Stage) + "\x00" + k.ApplicantID + "\x00" + k.ReviewerID
}

// SavedMsg reports a finished write, with the store's generation just
// before and after it (0 when the store cannot tell), so that the root
// knows a commit it sees at the next poll for its own.
type SavedMsg struct {
	Job                 SaveJob
	Err                 error
	GenBefore, GenAfter uint64
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
	inflight map[string]SaveJob
	pending  map[string]SaveJob
	Failed   map[string]SavedMsg
}

func NewSaver(st store.Store) *saver {
	s := &saver{st: st, inflight: map[string]SaveJob{}, pending: map[string]SaveJob{}, Failed: map[string]SavedMsg{}}
	if g, ok := st.(generationer); ok {
		s.gen = g.Generation
	}
	return s
}

// Save queues a write and returns the command that performs it, or nil
// when a write of the same sheet is already in flight.
func (s *saver) Save(j SaveJob) tea.Cmd {
	j.Sheet = CloneSheet(j.Sheet)
	id := j.id()
	if _, ok := s.inflight[id]; ok {
		s.pending[id] = j
		return nil
	}
	s.inflight[id] = j
	return s.run(j)
}

func (s *saver) run(j SaveJob) tea.Cmd {
	st, gen := s.st, s.gen
	return func() tea.Msg {
		msg := SavedMsg{Job: j}
		if gen != nil {
			msg.GenBefore = gen()
		}
		if j.Sheet.Consensus {
			msg.Err = st.SaveConsensus(j.Actor, j.Cycle, j.Sheet)
		} else {
			msg.Err = st.SaveSheet(j.Actor, j.Cycle, j.Sheet)
		}
		if gen != nil && msg.Err == nil {
			msg.GenAfter = gen()
		}
		return msg
	}
}

// Done records a finished write and starts the next one of that sheet, if
// edits are waiting.
func (s *saver) Done(m SavedMsg) tea.Cmd {
	id := m.Job.id()
	delete(s.inflight, id)
	if m.Err != nil {
		s.Failed[id] = m
	} else {
		delete(s.Failed, id)
	}
	if next, ok := s.pending[id]; ok {
		delete(s.pending, id)
		s.inflight[id] = next
		return s.run(next)
	}
	return nil
}

// Busy reports whether any write is in flight or waiting.
func (s *saver) Busy() bool { return len(s.inflight) > 0 || len(s.pending) > 0 }

// Retry writes again every sheet whose last write failed (each with the
// state that write carried, the latest: a newer edit would have been
// written after it). It returns the commands, none when nothing failed.
func (s *saver) Retry() []tea.Cmd {
	var cmds []tea.Cmd
	for _, id := range slices.Sorted(maps.Keys(s.Failed)) {
		if cmd := s.Save(s.Failed[id].Job); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return cmds
}

// UnsavedWrite is a write whose edits are not known to be durable.
type UnsavedWrite struct {
	Job SaveJob
	Err error // the write's failure; nil while it is in flight or waiting
}

// Unsaved lists, in sheet order, the writes not known to be durable: those
// that failed (and were not written since), then those waiting or in
// flight, the newest state of each sheet once.
func (s *saver) Unsaved() []UnsavedWrite {
	var out []UnsavedWrite
	seen := map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(s.Failed)) {
		if _, waiting := s.pending[id]; waiting {
			continue
		}
		if _, writing := s.inflight[id]; writing {
			continue
		}
		out = append(out, UnsavedWrite{Job: s.Failed[id].Job, Err: s.Failed[id].Err})
		seen[id] = true
	}
	for _, m := range []map[string]SaveJob{s.pending, s.inflight} {
		for _, id := range slices.Sorted(maps.Keys(m)) {
			if !seen[id] {
				out = append(out, UnsavedWrite{Job: m[id]})
				seen[id] = true
			}
		}
	}
	return out
}

// SaveState tracks, for one screen, which edits are durable.
type SaveState struct {
	rev, saved int   // edits made; newest edit known durable
	Err        error // the last write's failure, until a write succeeds
}

func (s *SaveState) Edited() int { s.rev++; return s.rev }

func (s *SaveState) Result(m SavedMsg) {
	if m.Err != nil {
		s.Err = m.Err
		return
	}
	s.Err = nil
	s.saved = max(s.saved, m.Job.Rev)
}

// Label is the indicator: empty before any edit, "saving" while edits are
// not yet durable, "saved" when every edit is, the error when one failed.
func (s *SaveState) Label(c Common) string {
	st := c.Styles
	switch {
	case s.Err != nil:
		return st.Bad.Render(c.Text.F("savefail", s.Err))
	case s.rev == 0:
		return ""
	case s.saved < s.rev:
		return st.Saving.Render(c.Text.S("saving"))
	}
	return st.Saved.Render(c.Text.S("saved"))
}
