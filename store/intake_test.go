package store

import (
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// TestIntake: the call, a channel and checklist findings are stored and
// read back, replaced in place, refused for an unknown applicant, and
// verify finds a record of the bucket that does not decode.
func TestIntake(t *testing.T) {
	db := openTest(t)
	if err := db.PutApplicants("office", "2026", []award.Applicant{{ID: "A001", Kind: award.Organization, Name: "x", Status: award.Applied}}); err != nil {
		t.Fatal(err)
	}
	call := award.Call{Published: "2026-03-02", Deadline: "2026-04-30", Media: "m", Where: "w", By: "office"}
	ch := award.Channel{ApplicantID: "A001", Kind: award.ChannelIndustry, Body: "市工信局"}
	checks := []award.IntakeCheck{{ApplicantID: "A001", Item: "form", Pass: true}, {ApplicantID: "A001", Item: "materials", Note: "超页"}}
	if err := db.PutCall("office", "2026", call); err != nil {
		t.Fatal(err)
	}
	if err := db.PutChannel("office", "2026", ch); err != nil {
		t.Fatal(err)
	}
	if err := db.PutIntakeChecks("office", "2026", checks); err != nil {
		t.Fatal(err)
	}
	checks[1].Pass, checks[1].Note = true, ""
	if err := db.PutIntakeChecks("office", "2026", checks[1:]); err != nil {
		t.Fatal(err)
	}
	r, err := db.Intake("2026")
	if err != nil {
		t.Fatal(err)
	}
	if r.Call == nil || *r.Call != call || len(r.Channels) != 1 || r.Channels[0] != ch || len(r.Checks) != 2 || r.Checks[1] != checks[1] {
		t.Errorf("intake %+v", r)
	}
	if err := db.PutChannel("office", "2026", award.Channel{ApplicantID: "A999", Kind: award.ChannelTownship, Body: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a channel of an unknown applicant: %v", err)
	}
	bad := []award.IntakeCheck{{ApplicantID: "A001", Item: "form", Pass: true}, {ApplicantID: "A404", Item: "form", Pass: true}}
	if err := db.PutIntakeChecks("office", "2026", bad); err == nil {
		t.Error("a batch with an unknown applicant was stored")
	}
	assertClean(t, db)
	path := db.Path()
	db.Close()
	tamper(t, path, func(tx *bolt.Tx) error {
		b := nested(tx, "cycles/2026/intake")
		if err := b.Put([]byte("channel\x00A001"), []byte("{")); err != nil {
			return err
		}
		return b.Put([]byte("stray"), []byte("{}"))
	})
	decode, stray := false, false
	for _, f := range faultsOf(t, path) {
		decode = decode || f.Key == "channel\x00A001" && strings.Contains(f.Problem, "does not decode")
		stray = stray || f.Key == "stray" && strings.Contains(f.Problem, "not a record of the intake")
	}
	if !decode || !stray {
		t.Errorf("verify found a bad channel %v, a stray record %v", decode, stray)
	}
}
