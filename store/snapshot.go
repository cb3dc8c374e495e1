package store

import (
	bolt "go.etcd.io/bbolt"

	"qaward/award"
	"qaward/criteria"
)

// Snapshot is what rankings are computed from, read in one transaction so
// that it is consistent: a cycle with its applicants, submitted and draft
// sheets (without text), consensus sheets (with their reasons) and satisfaction results.
type Snapshot struct {
	Cycle        award.Cycle
	Applicants   []award.Applicant
	Sheets       []award.Sheet
	Consensus    []award.Sheet
	Satisfaction []award.Satisfaction
	// CriteriaSets are the sets loaded into the cycle (Catalog).
	CriteriaSets []award.CriteriaSource
}

// Catalog is base with the snapshot's loaded criteria sets.
func (s *Snapshot) Catalog(base *criteria.Catalog) (*criteria.Catalog, error) {
	return catalogOf(s.CriteriaSets, base)
}

// LoadSnapshot reads a cycle's snapshot; cycle "" means the current cycle.
func LoadSnapshot(st Store, cycle string) (Snapshot, error) {
	return st.Snapshot(cycle)
}

// Snapshot reads a cycle's snapshot in one read transaction; cycle ""
// means the current cycle.
func (db *DB) Snapshot(cycle string) (Snapshot, error) {
	var snap Snapshot
	err := db.view(func(tx *bolt.Tx) error {
		if cycle == "" {
			v := tx.Bucket(bucketMeta).Get(keyCurrent)
			if v == nil {
				return ErrNoCycle
			}
			cycle = string(v)
		}
		b, err := cycleBucket(tx, cycle)
		if err != nil {
			return err
		}
		if err := decodeJSON(cyclePath(cycle), keyCycle, b.Get(keyCycle), &snap.Cycle); err != nil {
			return err
		}
		if snap.Applicants, err = db.applicantsTx(tx, cycle); err != nil {
			return err
		}
		if snap.Satisfaction, err = listCachedTx(db, tx, cycle, subSatisfaction, same[award.Satisfaction]); err != nil {
			return err
		}
		if snap.CriteriaSets, err = listJSONTx[award.CriteriaSource](tx, cycle, subCriteriaSets); err != nil {
			return err
		}
		if snap.Sheets, err = collectSheets(tx, cycle, subSheets, false); err != nil {
			return err
		}
		// Consensus sheets are read whole: their reason is what makes
		// them count (DESIGN rule 4), and there is at most one per
		// applicant and stage.
		snap.Consensus, err = collectSheets(tx, cycle, subConsensus, true)
		return err
	})
	return snap, err
}

// collectSheets reads every sheet of a bucket, with their text or without,
// into a slice sized once.
func collectSheets(tx *bolt.Tx, cycle, bucket string, text bool) ([]award.Sheet, error) {
	b, err := subBucket(tx, cycle, bucket)
	if err != nil {
		return nil, err
	}
	out := make([]award.Sheet, 0, b.Stats().KeyN)
	err = scanSheetsTx(tx, cycle, bucket, text, func(s award.Sheet) error {
		out = append(out, s)
		return nil
	})
	return out, err
}
