package store

import (
	"testing"
	"time"

	"qaward/award"
)

// A watcher is told of each commit with the generation it made; commits
// it has not taken yet come as one, the newest; a stopped watcher's
// channel is closed and the others go on.
func TestWatchTellsOfCommits(t *testing.T) {
	db := editFixture(t)
	ch, stop := db.Watch()
	other, stopOther := db.Watch()
	defer stopOther()

	must(t, db.PutApplicants("office", "2026", []award.Applicant{{ID: "A009", Kind: award.Individual, Name: "某人"}}))
	select {
	case g := <-ch:
		if g != db.Generation() {
			t.Errorf("told generation %d, the store is at %d", g, db.Generation())
		}
	case <-time.After(time.Second):
		t.Fatal("no word of the commit")
	}

	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R08", Name: "戊"}}))
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R09", Name: "己"}}))
	if g := <-ch; g != db.Generation() {
		t.Errorf("after two commits told %d, want the newest %d", g, db.Generation())
	}
	select {
	case g := <-ch:
		t.Errorf("a second word (%d) for commits already told", g)
	default:
	}

	stop()
	stop() // twice is harmless
	if _, open := <-ch; open {
		t.Error("a stopped watcher's channel is still open")
	}
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R10", Name: "庚"}}))
	if g := <-other; g != db.Generation() {
		t.Errorf("the other watcher was told %d, want %d", g, db.Generation())
	}
}
