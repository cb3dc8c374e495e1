package store

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// Disclosures and packets (schema version 3), JSON one per key, each write
// with its audit entry:
//
//	cycles/<id>/disclosures/<nnnnnnnnnnnn>   an audited release of confidential fields
//	cycles/<id>/packets/<packet ID>          a reviewer packet issued or opened here
//	meta/packet_secret                       this database's packet signing secret

var keyPacketSecret = []byte("packet_secret")

// Disclosure records that someone had applicants' confidential fields
// (Art. 32, 37) written out of qaward, and what.
type Disclosure struct {
	Time  time.Time
	Actor string
	What  string
}

// RecordDisclosure records, with its audit entry, that actor wrote
// confidential fields out of the cycle (what says where and which).
func (db *DB) RecordDisclosure(actor, cycle, what string) error {
	return db.inCycle(actor, "disclose confidential fields", cycle, func(w *writer, c *bolt.Bucket) error {
		b := c.Bucket([]byte(subDisclosures))
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		return putJSON(w, c, cycle, subDisclosures, []byte(fmt.Sprintf("%012d", seq)),
			Disclosure{Time: w.now, Actor: actor, What: what})
	})
}

// Disclosures returns the cycle's recorded disclosures in order.
func (db *DB) Disclosures(cycle string) ([]Disclosure, error) {
	return listJSON[Disclosure](db, cycle, subDisclosures)
}

// PacketSecret returns this database's secret for signing reviewer
// packets. When there is none yet it makes one (32 random bytes, audited
// like every meta record) if create is true, and otherwise returns nil: a
// database that never issued a packet has nothing to check one against.
func (db *DB) PacketSecret(actor string, create bool) ([]byte, error) {
	var secret []byte
	err := db.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyPacketSecret); v != nil {
			secret = append([]byte(nil), v...)
		}
		return nil
	})
	if err != nil || secret != nil || !create {
		return secret, err
	}
	if db.readOnly {
		return nil, fmt.Errorf("database %s has no packet secret yet; open it for writing", db.path)
	}
	err = db.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keyPacketSecret); v != nil {
			secret = append([]byte(nil), v...)
			return nil
		}
		s := make([]byte, 32)
		if _, err := rand.Read(s); err != nil {
			return err
		}
		secret = append([]byte(nil), s...)
		return db.newWriter(tx, actor, "make packet secret").put(meta, "meta", keyPacketSecret, s, nil)
	})
	return secret, err
}

// PutPacket stores a packet record (its JSON, as package backend/packet
// makes it) under the packet's ID, with its audit entry; storing the same
// record again writes nothing.
func (db *DB) PutPacket(actor, cycle, id string, rec []byte) error {
	if err := validID("packet ID", id); err != nil {
		return fmt.Errorf("put packet: %w", err)
	}
	if !json.Valid(rec) {
		return fmt.Errorf("put packet %s: record is not JSON", id)
	}
	val := append([]byte(nil), rec...)
	return db.putRecords(actor, "put packet", cycle, []record{{bucket: subPackets, key: []byte(id), val: val}})
}

// PutPacketSheets stores the sheets of a returned packet together with the
// packet's record (which says what the import wrote), in one transaction
// with their audit entries: both or neither. The sheets are checked as
// PutSheets checks them.
func (db *DB) PutPacketSheets(actor, cycle string, ss []award.Sheet, id string, rec []byte) error {
	if err := validID("packet ID", id); err != nil {
		return fmt.Errorf("import packet: %w", err)
	}
	if !json.Valid(rec) {
		return fmt.Errorf("import packet %s: record is not JSON", id)
	}
	recs, err := db.sheetRecords(ss)
	if err != nil {
		return fmt.Errorf("import packet %s: %w", id, err)
	}
	recs = append(recs, record{bucket: subPackets, key: []byte(id), val: append([]byte(nil), rec...)})
	return db.putRecords(actor, "import packet", cycle, recs)
}

// Packets calls fn with every packet record of the cycle, by packet ID.
func (db *DB) Packets(cycle string, fn func(id string, rec []byte) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subPackets)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			return fn(string(k), append([]byte(nil), v...))
		})
	})
}
