package access_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/packet"
	"qaward/store"
	"qaward/store/access"
)

// packetPort is what the TUI looks for on a view.
type packetPort interface {
	Generation() uint64
	OpenPacket(data []byte) (*packet.Manifest, error)
	packet.Local
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
	if _, err := other.OpenPacket(data); !errors.Is(err, access.ErrForbidden) {
		t.Fatalf("R003 opened R002's packet: %v", err)
	}
	if cs, _ := laptop.Cycles(); len(cs) != 0 {
		t.Fatalf("a refused open left %d cycles", len(cs))
	}
	v := access.Wrap(laptop, reviewer).(packetPort)
	m, err := v.OpenPacket(data)
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
	if _, err := v.OpenPacket(data); !errors.Is(err, packet.ErrAlreadyOpen) {
		t.Errorf("opening again: %v, want ErrAlreadyOpen", err)
	}
}
