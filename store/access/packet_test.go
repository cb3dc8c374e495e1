package access_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"qaward/award"
	"qaward/backend/packet"
	"qaward/store"
	"qaward/store/access"
)

// packetPort is what the TUI looks for on a view.
type packetPort interface {
	Generation() uint64
	packet.Local
	store.Store
}

func TestGenerationThroughView(t *testing.T) {
	f := newFixture(t)
	sv := access.Wrap(f.db, reviewer)
	v := sv.(packetPort)
	g := v.Generation()
	if g == 0 || g != f.db.Generation() {
		t.Fatalf("view generation %d, store %d", g, f.db.Generation())
	}
	if err := sv.SaveSheet("R002", cycle, edited(sheetOf(f, award.Material, "A0010", "R002"))); err != nil {
		t.Fatal(err)
	}
	if v.Generation() == g {
		t.Error("the generation did not change with a commit")
	}
	plain := access.Wrap(struct{ store.Store }{f.db}, reviewer).(packetPort)
	if plain.Generation() != 0 {
		t.Error("a store that cannot tell its generation gave one")
	}
}

// A reviewer's view is told of every commit, so that their screen can
// follow without polling; of a sheet of an applicant they declared a
// conflict with it is told that sheets changed, not whose.
func TestWatchThroughView(t *testing.T) {
	f := newFixture(t)
	type watcher interface {
		Watch() (<-chan store.Change, func())
	}
	ch, stop := access.Wrap(f.db, access.Person{ID: "R007", Role: access.Reviewer}).(watcher).Watch()
	defer stop()
	next := func() store.Change {
		t.Helper()
		select {
		case c := <-ch:
			return c
		case <-time.After(time.Second):
			t.Fatal("the view was not told of the commit")
		}
		return store.Change{}
	}
	own := sheetOf(f, award.Material, "A0001", "R001") // the group's, which R007 may see the progress of
	conflicted := sheetOf(f, award.Material, "A0002", "R001")
	for _, s := range []award.Sheet{own, conflicted} {
		if err := f.db.PutSheets("office", cycle, []award.Sheet{edited(s)}); err != nil {
			t.Fatal(err)
		}
		c := next()
		if c.Gen != f.db.Generation() || len(c.Records) != 1 {
			t.Fatalf("told %+v", c)
		}
		r := c.Records[0]
		switch s.ApplicantID {
		case "A0001":
			if store.ChangedApplicant(r) != "A0001" {
				t.Errorf("the change of a sheet R007 may see reads %+v", r)
			}
		case "A0002":
			if r.Key != "" || r.Bucket != "cycles/"+cycle+"/sheets" {
				t.Errorf("the change of a conflicted applicant's sheet reads %+v", r)
			}
		}
	}
	// an office member who declared a conflict (office2, A0005) is not
	// told whose sheets of that applicant changed either
	och, ostop := access.Wrap(f.db, access.Person{ID: "office2", Role: access.Office}).(watcher).Watch()
	defer ostop()
	if err := f.db.PutSheets("office", cycle, []award.Sheet{edited(sheetOf(f, award.Material, "A0005", "R001"))}); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-och:
		if len(c.Records) != 1 || c.Records[0].Key != "" {
			t.Errorf("office2 was told %+v of a conflicted applicant's sheet", c.Records)
		}
	case <-time.After(time.Second):
		t.Fatal("office2 was not told of the commit")
	}
	plain := access.Wrap(struct{ store.Store }{f.db}, reviewer).(watcher)
	if ch, _ := plain.Watch(); ch != nil {
		t.Error("a store that cannot watch gave a channel")
	}
}

// TestPacketsThroughView: a reviewer opens their own packet in a new
// database through their view, sees its record and makes the return; a
// packet of someone else is refused and the database stays empty.
func TestPacketsThroughView(t *testing.T) {
	f := newFixture(t)
	_, data, err := packet.Export(f.db, packet.IssueOptions{Cycle: cycle, Reviewer: "R002", Actor: "office", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	laptop, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()

	other := access.Wrap(laptop, access.Person{ID: "R003", Role: access.Reviewer}).(packetPort)
	if _, err := packet.OpenAs(other, data, ""); !errors.Is(err, access.ErrForbidden) {
		t.Fatalf("R003 opened R002's packet: %v", err)
	}
	if cs, _ := laptop.Cycles(); len(cs) != 0 {
		t.Fatalf("a refused open left %d cycles", len(cs))
	}
	v := access.Wrap(laptop, reviewer).(packetPort)
	m, err := packet.OpenAs(v, data, "")
	if err != nil || m.Reviewer.ID != "R002" {
		t.Fatalf("open: %v", err)
	}
	rec, _, err := packet.Held(v, cycle)
	if err != nil || rec == nil || rec.Reviewer != "R002" {
		t.Fatalf("held through the reviewer's view: %+v, %v", rec, err)
	}
	if rec, _, _ := packet.Held(other, cycle); rec != nil {
		t.Error("another reviewer sees the packet record")
	}
	if rec, _, _ := packet.Held(access.Wrap(laptop, office).(packetPort), cycle); rec == nil {
		t.Error("the office does not see the packet record")
	}
	if _, _, pr, err := packet.Return(v, time.Now()); err != nil || pr.Sheets != len(m.Sheets) {
		t.Fatalf("return through the view: %+v, %v", pr, err)
	}
	if err := v.PutPacket("R002", cycle, "P1", []byte(`{}`)); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("a reviewer recorded a packet: %v", err)
	}
	if _, err := packet.OpenAs(v, data, ""); !errors.Is(err, packet.ErrAlreadyOpen) {
		t.Errorf("opening again: %v, want ErrAlreadyOpen", err)
	}
}

// The packet secret and the audited disclosure pass through the office's
// view, so that the TUI issues and imports packets and records a release
// of confidential fields as the CLI does; anyone else is refused and
// nothing is written.
func TestOfficePacketAndDisclosure(t *testing.T) {
	f := newFixture(t)
	ov := access.Wrap(f.db, office)
	po, ok := ov.(packet.Office)
	if !ok {
		t.Fatal("the office's view is not a packet.Office")
	}
	_, data, err := packet.Export(po, packet.IssueOptions{Cycle: cycle, Reviewer: "R002", Actor: "office", Now: time.Now()})
	if err != nil {
		t.Fatalf("issue through the office's view: %v", err)
	}
	if _, err := packet.Import(po, data, packet.ImportOptions{Actor: "office"}); !errors.Is(err, packet.ErrNotReturned) {
		t.Errorf("import of an issued packet: %v", err)
	}
	d, ok := ov.(interface {
		RecordDisclosure(actor, cycle, what string) error
	})
	if !ok {
		t.Fatal("the office's view records no disclosure")
	}
	if err := d.RecordDisclosure("office", cycle, "export applicants to a.xlsx"); err != nil {
		t.Fatal(err)
	}
	if ds, err := f.db.Disclosures(cycle); err != nil || len(ds) != 1 || ds[0].Actor != "office" {
		t.Fatalf("disclosures %+v, %v", ds, err)
	}

	gen := f.db.Generation()
	for _, p := range []access.Person{reviewer, leader} {
		v := access.Wrap(f.db, p)
		if _, err := v.(packet.Office).PacketSecret(p.ID, false); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s read the packet secret: %v", p, err)
		}
		if _, _, err := packet.Export(v.(packet.Office), packet.IssueOptions{Cycle: cycle, Reviewer: p.ID, Actor: p.ID, Now: time.Now()}); err == nil {
			t.Errorf("%s issued a packet", p)
		}
		if err := v.(interface {
			RecordDisclosure(actor, cycle, what string) error
		}).RecordDisclosure(p.ID, cycle, "x"); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s recorded a disclosure: %v", p, err)
		}
		if err := v.(packet.Office).PutPacketSheets(p.ID, cycle, nil, "P1", []byte(`{}`)); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s imported packet sheets: %v", p, err)
		}
	}
	if f.db.Generation() != gen {
		t.Error("a refused call wrote to the store")
	}
}
