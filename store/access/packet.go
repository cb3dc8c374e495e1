package access

import (
	"encoding/json"
	"errors"
	"fmt"

	"qaward/award"
	"qaward/store"
)

// Methods beyond store.Store that the terminal UI looks for by type
// assertion, checked like the rest: the store's generation (to notice
// changes made by others), the offline packet records of a laptop's
// working copy (backend/packet's Local), the packet secret the office signs
// and checks packets with (backend/packet's Office), and the audited
// disclosure of confidential fields.

// Generation is the wrapped store's generation (store.DB.Generation): it
// changes with every commit, anyone's. It says that something changed, not
// what, so it is everyone's to read. It is 0 when the store cannot tell.
func (v *view) Generation() uint64 {
	if v.gen == nil {
		return 0
	}
	return v.gen()
}

// Watch is the wrapped store's Watch (store.DB.Watch): a channel told of
// every commit, anyone's, and the function that stops it. It names the
// records written, keys only, which the person's view then reads (or not)
// by its rules; the keys of records the person may not see are left out.
// A store that cannot tell gives a nil channel, which never receives.
func (v *view) Watch() (<-chan store.Change, func()) {
	w, ok := v.st.(store.Live)
	if !ok {
		return nil, func() {}
	}
	in, stop := w.Watch()
	out := make(chan store.Change, 1)
	go func() {
		defer close(out)
		for c := range in {
			c = v.visibleChange(c)
			select {
			case old := <-out:
				out <- store.MergeChanges(old, c)
			default:
				out <- c
			}
		}
	}()
	return out, stop
}

// visibleChange keeps of a change the records of applicants the person
// may see, and of everything else only the bucket: that something changed
// there is everyone's to know (the generation says as much), which key
// is not.
func (v *view) visibleChange(c store.Change) store.Change {
	if c.Many {
		return c
	}
	out := store.Change{Gen: c.Gen}
	for _, r := range c.Records {
		cycle, _, ok := r.Cycle()
		if !ok {
			out.Records = append(out.Records, store.ChangedRecord{Bucket: r.Bucket})
			continue
		}
		x, err := v.rules(cycle)
		if err == nil && x.app(store.ChangedApplicant(r)) {
			out.Records = append(out.Records, r)
		} else {
			out.Records = append(out.Records, store.ChangedRecord{Bucket: r.Bucket})
		}
	}
	return out
}

var errNoPackets = errors.New("this store keeps no packet records")

// Packets calls fn for the packet records the person may see: the office
// every one; anyone else those of packets issued to themselves (on a
// laptop: the packet they opened). Records that name no reviewer are the
// office's.
func (v *view) Packets(cycle string, fn func(id string, rec []byte) error) error {
	ps, ok := v.st.(store.Packets)
	if !ok {
		return errNoPackets
	}
	if v.office() {
		return ps.Packets(cycle, fn)
	}
	return ps.Packets(cycle, func(id string, rec []byte) error {
		var r struct {
			Reviewer string `json:"reviewer"`
		}
		if json.Unmarshal(rec, &r) != nil || r.Reviewer != v.p.ID {
			return nil
		}
		return fn(id, rec)
	})
}

// PutPacket (recording an issued packet) is the office's.
func (v *view) PutPacket(actor, cycle, id string, rec []byte) error {
	if err := v.officeOnly("record a packet"); err != nil {
		return err
	}
	ps, ok := v.st.(store.Packets)
	if !ok {
		return errNoPackets
	}
	return ps.PutPacket(actor, cycle, id, rec)
}

// packetSheetStore is a store that imports a returned packet's sheets
// with its record in one transaction (store.DB does).
type packetSheetStore interface {
	PutPacketSheets(actor, cycle string, ss []award.Sheet, id string, rec []byte) error
}

// PutPacketSheets (importing a returned packet) is the office's, for
// applicants it is not conflicted with, as PutSheets is.
func (v *view) PutPacketSheets(actor, cycle string, ss []award.Sheet, id string, rec []byte) error {
	if err := v.officeFor("import packet sheets", cycle, ids(ss, func(s award.Sheet) string { return s.ApplicantID })); err != nil {
		return err
	}
	ps, ok := v.st.(packetSheetStore)
	if !ok {
		return errNoPackets
	}
	return ps.PutPacketSheets(actor, cycle, ss, id, rec)
}

// WorkingCopy is the store below the view, for making a laptop's
// database the working copy of an issued packet (backend/packet.OpenAs):
// the office may open any packet; anyone else only one issued to
// themselves, so reviewer is the packet's reviewer. The writes are the
// packet's, in the packet reviewer's name, and opening refuses a database
// that already holds a cycle, so this opens nothing up on a database in use.
func (v *view) WorkingCopy(reviewer string) (store.Store, error) {
	if !v.office() && reviewer != v.p.ID {
		return nil, fmt.Errorf("%s may not open a packet of reviewer %s: %w", v.p, reviewer, ErrForbidden)
	}
	return v.st, nil
}

// packetSigner is a store that keeps the packet signing secret (store.DB
// does).
type packetSigner interface {
	PacketSecret(actor string, create bool) ([]byte, error)
}

// PacketSecret (issuing and importing packets) is the office's: whoever
// holds the secret could sign a returned packet in any reviewer's name.
func (v *view) PacketSecret(actor string, create bool) ([]byte, error) {
	if err := v.officeOnly("use the packet secret"); err != nil {
		return nil, err
	}
	ps, ok := v.st.(packetSigner)
	if !ok {
		return nil, errNoPackets
	}
	return ps.PacketSecret(actor, create)
}

// RecordDisclosure (the audited release of applicants' confidential
// fields, Art. 32, 37) is the office's, as is the export it records.
func (v *view) RecordDisclosure(actor, cycle, what string) error {
	if err := v.officeOnly("disclose confidential fields"); err != nil {
		return err
	}
	d, ok := v.st.(store.Discloser)
	if !ok {
		return errors.New("this store records no disclosures")
	}
	return d.RecordDisclosure(actor, cycle, what)
}
