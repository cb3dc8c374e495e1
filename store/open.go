package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another process to release the
// database before it gives up with ErrInUse.
const DefaultTimeout = 500 * time.Millisecond

// Options tune Open.
type Options struct {
	// Timeout is how long to wait for the file lock (DefaultTimeout when
	// zero). Another process holding the database makes Open fail with
	// ErrInUse once it has passed.
	Timeout time.Duration
	// ReadOnly opens the database for reading only, with a shared lock; the
	// file must exist and carry the current schema.
	ReadOnly bool
	// Now is the clock for audit entries and default times (time.Now when
	// nil). Tests and the sample generator set it for reproducible files.
	Now func() time.Time
}

// DB is the bbolt implementation of Store. It is safe for concurrent use:
// any number of readers, one writer at a time.
type DB struct {
	bolt     *bolt.DB
	path     string
	readOnly bool
	now      func() time.Time
	// saving counts the sheet saves in flight (sheets.go): alone, a save
	// commits at once; beside others, it joins their bbolt Batch.
	saving atomic.Int32
	// decoded holds the applicants decoded once (decoded.go).
	decoded decoded
	// watchers are told of every commit (watch.go).
	watchers watchers
}

var _ Store = (*DB)(nil)

// Bucket and key names of the layout.
var (
	bucketMeta   = []byte("meta")
	bucketAudit  = []byte("audit")
	bucketCycles = []byte("cycles")
	keySchema    = []byte("schema")
	keyCurrent   = []byte("current")
	keyCycle     = []byte("cycle")
)

// Sub-buckets of every cycle bucket.
const (
	subApplicants   = "applicants"
	subReviewers    = "reviewers"
	subConflicts    = "conflicts"
	subGroups       = "groups"
	subAssignments  = "assignments"
	subSheets       = "sheets"
	subConsensus    = "consensus"
	subSatisfaction = "satisfaction"
	// Added by schema version 2: the office's records (office.go).
	subTransitions = "transitions"
	subOpinions    = "opinions"
	subDecisions   = "decisions"
	subNotice      = "notice"
	subObjections  = "objections"
	subRevocations = "revocations"
	subEvaluations = "evaluations"
	// Added by schema version 3: disclosures of confidential fields and
	// reviewer packets (disclosure.go).
	subDisclosures = "disclosures"
	subPackets     = "packets"
	// Added by schema version 5: the complaints register (complaints.go).
	subComplaints = "complaints"
	// Added by schema version 6: the site visits (their schedule and the
	// issues carried from the material consensus), the register of the
	// five years after the award, the steps before acceptance and the
	// criteria sets the cycle uses.
	subVisits       = "visits"
	subVisitIssues  = "visit-issues"
	subAftercare    = "aftercare"
	subIntake       = "intake"
	subCriteriaSets = "criteria-sets"
)

// cycleSubs lists the sub-buckets a cycle bucket holds.
var cycleSubs = []string{subApplicants, subReviewers, subConflicts, subGroups,
	subAssignments, subSheets, subConsensus, subSatisfaction, subTransitions,
	subOpinions, subDecisions, subNotice, subObjections, subRevocations, subEvaluations,
	subDisclosures, subPackets, subByReviewer, subComplaints,
	subVisits, subVisitIssues, subAftercare, subIntake, subCriteriaSets}

// migration upgrades the schema by one version inside the transaction of w.
type migration func(w *writer) error

// migrations[i] brings the schema from version i to version i+1. Append
// only: a released migration never changes.
var migrations = []migration{
	// 1: the top-level buckets.
	func(w *writer) error {
		for _, name := range [][]byte{bucketMeta, bucketAudit, bucketCycles} {
			if _, err := w.tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	},
	// 2: the office's sub-buckets in every existing cycle.
	func(w *writer) error {
		cs := w.tx.Bucket(bucketCycles)
		return cs.ForEachBucket(func(id []byte) error {
			for _, sub := range cycleSubs {
				if _, err := cs.Bucket(id).CreateBucketIfNotExists([]byte(sub)); err != nil {
					return err
				}
			}
			return nil
		})
	},
	// 3: the disclosures and packets sub-buckets in every existing cycle.
	func(w *writer) error {
		cs := w.tx.Bucket(bucketCycles)
		return cs.ForEachBucket(func(id []byte) error {
			for _, sub := range []string{subDisclosures, subPackets} {
				if _, err := cs.Bucket(id).CreateBucketIfNotExists([]byte(sub)); err != nil {
					return err
				}
			}
			return nil
		})
	},
	// 4: the index of assignments by reviewer (share.go) in every
	// existing cycle, filled from its assignments.
	func(w *writer) error {
		cs := w.tx.Bucket(bucketCycles)
		return cs.ForEachBucket(func(id []byte) error { return buildByReviewer(cs.Bucket(id)) })
	},
	// 5: the complaints sub-bucket in every existing cycle.
	func(w *writer) error {
		cs := w.tx.Bucket(bucketCycles)
		return cs.ForEachBucket(func(id []byte) error {
			_, err := cs.Bucket(id).CreateBucketIfNotExists([]byte(subComplaints))
			return err
		})
	},
	// 6: the site visits, visit issues, aftercare, intake and criteria sets
	// sub-buckets in every existing cycle.
	func(w *writer) error {
		cs := w.tx.Bucket(bucketCycles)
		return cs.ForEachBucket(func(id []byte) error {
			for _, sub := range []string{subVisits, subVisitIssues, subAftercare, subIntake, subCriteriaSets} {
				if _, err := cs.Bucket(id).CreateBucketIfNotExists([]byte(sub)); err != nil {
					return err
				}
			}
			return nil
		})
	},
}

// SchemaVersion is the schema this build of qaward writes: the number of
// migrations.
const SchemaVersion = 6

// Open opens the database at path, creating it (and its directory) when it
// does not exist, and brings its schema up to date. A database held by
// another process makes it fail with an error wrapping ErrInUse after
// opts.Timeout; one written by a newer qaward fails with ErrSchema. A
// damaged file fails with ErrDamaged (an empty one too: Open never
// overwrites a file that exists), and so does every later call that meets
// damage Open could not see.
func Open(path string, opts Options) (*DB, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if !opts.ReadOnly {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("open database: %w", err)
			}
		}
	}
	_, err := os.Stat(path)
	if opts.ReadOnly && err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	existed := err == nil
	// bbolt opens the file through this: an existing file is locked and its
	// frame checked (filecheck.go) before bbolt maps it.
	var file *os.File
	openFile := func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		if err != nil || !existed {
			file = f
			return f, err
		}
		locked, err := lockShared(f, opts.Timeout)
		if err == nil && !locked {
			err = &inUseError{path: path, waited: opts.Timeout}
		}
		if err == nil {
			err = checkFile(f, path)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		file = f
		return f, nil
	}
	// The freelist is read at once, under guard, and not later inside
	// tx.Check's goroutine, where a damaged one could not be recovered.
	bopts := &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly, PreLoadFreelist: true, OpenFile: openFile}
	var bdb *bolt.DB
	err = guard(path, func() error {
		var err error
		bdb, err = bolt.Open(path, 0o600, bopts)
		return err
	})
	if err != nil {
		if bdb == nil && file != nil && errors.Is(err, ErrDamaged) {
			file.Close() // bbolt panicked: let go of the file and its lock
		}
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, &inUseError{path: path, waited: opts.Timeout}
		case errors.Is(err, ErrInUse), errors.Is(err, ErrDamaged):
			return nil, err
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
			return nil, damagedf(path, "bbolt says: %v", err)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	bdb.MaxBatchDelay = batchDelay
	db := &DB{bolt: bdb, path: path, readOnly: opts.ReadOnly, now: opts.Now}
	if err := db.migrate(); err != nil {
		bdb.Close()
		return nil, err
	}
	return db, nil
}

// inUseError is what Open returns when another process holds the file.
type inUseError struct {
	path   string
	waited time.Duration
}

func (e *inUseError) Error() string {
	return fmt.Sprintf("database %s is in use: another qaward process (or a qaward server) is using it; "+
		"close that first (gave up after %v)", e.path, e.waited)
}

func (e *inUseError) Unwrap() error { return ErrInUse }

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close releases the database and its lock.
func (db *DB) Close() error { return db.bolt.Close() }

// Generation identifies the committed state of the database: it is the ID
// of the last committed write transaction, so it changes with every commit
// (in this process: the file's lock lets no other process write). Caches of
// what was read may be kept while it stays the same.
func (db *DB) Generation() uint64 {
	var g uint64
	_ = db.view(func(tx *bolt.Tx) error {
		g = uint64(tx.ID())
		return nil
	})
	return g
}

// Schema reports the schema version stored in the database.
func (db *DB) Schema() (int, error) {
	var v int
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		v, err = readSchema(tx, db.path)
		return err
	})
	return v, err
}

// readSchema reads the stored schema version: 0 for an empty file.
func readSchema(tx *bolt.Tx, path string) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if !empty {
			return 0, fmt.Errorf("%s is not a qaward database (no meta bucket): %w", path, ErrSchema)
		}
		return 0, nil
	}
	raw := meta.Get(keySchema)
	if raw == nil {
		return 0, nil
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%s: schema version %q is not a number: %w", path, raw, ErrSchema)
	}
	return v, nil
}

// migrate checks the schema and, when writable, runs the migrations the
// file lacks, each with its audit entries, in one transaction.
func (db *DB) migrate() error {
	var v int
	if err := db.view(func(tx *bolt.Tx) error {
		var err error
		v, err = readSchema(tx, db.path)
		return err
	}); err != nil {
		return err
	}
	switch {
	case v > SchemaVersion:
		return fmt.Errorf("database %s has schema version %d, but this qaward knows versions up to %d; "+
			"use a newer qaward: %w", db.path, v, SchemaVersion, ErrSchema)
	case v == SchemaVersion:
		return nil
	case db.readOnly:
		return fmt.Errorf("database %s has schema version %d and needs migrating to %d; "+
			"open it once without read-only: %w", db.path, v, SchemaVersion, ErrMigrate)
	}
	return db.update(func(tx *bolt.Tx) error {
		for i := v; i < SchemaVersion; i++ {
			w := db.newWriter(tx, "qaward", "migrate schema to "+strconv.Itoa(i+1))
			if err := migrations[i](w); err != nil {
				return fmt.Errorf("database %s: migration %d: %w", db.path, i+1, err)
			}
			meta := tx.Bucket(bucketMeta)
			if err := w.put(meta, "meta", keySchema, []byte(strconv.Itoa(i+1)), nil); err != nil {
				return fmt.Errorf("database %s: migration %d: %w", db.path, i+1, err)
			}
		}
		return nil
	})
}
