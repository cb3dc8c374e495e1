package store

import (
	"fmt"
	"reflect"
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
	case c := <-ch:
		want := []ChangedRecord{{Bucket: "cycles/2026/applicants", Key: "A009"}}
		if c.Gen != db.Generation() || !reflect.DeepEqual(c.Records, want) || c.Many {
			t.Errorf("told %+v, the store is at %d", c, db.Generation())
		}
		if ChangedApplicant(c.Records[0]) != "A009" {
			t.Errorf("applicant of %v: %q", c.Records[0], ChangedApplicant(c.Records[0]))
		}
	case <-time.After(time.Second):
		t.Fatal("no word of the commit")
	}

	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R08", Name: "戊"}}))
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R09", Name: "己"}}))
	c := <-ch
	if c.Gen != db.Generation() || len(c.Records) != 2 || c.Records[0].Key != "R08" || c.Records[1].Key != "R09" {
		t.Errorf("after two commits told %+v, want both at generation %d", c, db.Generation())
	}
	select {
	case c := <-ch:
		t.Errorf("a second word (%+v) for commits already told", c)
	default:
	}

	// an import of many records says so instead of naming them
	var many []award.Reviewer
	for i := range maxChangeRecords + 1 {
		many = append(many, award.Reviewer{ID: fmt.Sprintf("X%03d", i), Name: "某"})
	}
	must(t, db.PutReviewers("office", "2026", many))
	if c := <-ch; !c.Many || c.Records != nil {
		t.Errorf("an import of %d records told %d records, many=%v", len(many), len(c.Records), c.Many)
	}

	stop()
	stop() // twice is harmless
	if _, open := <-ch; open {
		t.Error("a stopped watcher's channel is still open")
	}
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R10", Name: "庚"}}))
	if c := <-other; c.Gen != db.Generation() || !c.Many {
		t.Errorf("the other watcher was told %+v, want everything up to %d", c, db.Generation())
	}
}
