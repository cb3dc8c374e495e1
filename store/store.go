// Package store keeps everything qaward knows in one bbolt file: cycles,
// applicants, reviewers, groups, conflicts, score sheets, consensus sheets and
// satisfaction results. Every change is written in one transaction together
// with its audit record (who, when, what, before and after), and the audit
// records are chained by SHA-256 so that Verify detects a record changed
// outside qaward. It is the only package that imports bbolt.
package store

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"qaward/award"
)

// Errors callers can test with errors.Is.
var (
	// ErrInUse: another process holds the database.
	ErrInUse = errors.New("database is in use by another qaward process")
	// ErrNotFound: the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNoCycle: no cycle has been created yet.
	ErrNoCycle = errors.New("no cycle: create one with 'qaward init --cycle ID'")
	// ErrLocked: the sheet was submitted and is locked for its reviewer.
	ErrLocked = errors.New("sheet is submitted and locked")
	// ErrExists: the record already exists.
	ErrExists = errors.New("already exists")
	// ErrConflicted: the reviewer declared a conflict of interest with the
	// applicant and may not score it.
	ErrConflicted = errors.New("reviewer declared a conflict of interest with the applicant")
	// ErrOutOfRunning: the applicant was rejected, withdrew or was found
	// ineligible, and is no longer scored.
	ErrOutOfRunning = errors.New("the applicant is out of the running (rejected, withdrawn or ineligible) and is no longer scored")
	// ErrSchema: the database was written by a newer qaward, or is not a
	// qaward database at all.
	ErrSchema = errors.New("unsupported database schema")
	// ErrMigrate (which is also ErrSchema): a read-only open of a
	// database written by an older qaward, whose schema only a writable
	// open brings up to date.
	ErrMigrate = fmt.Errorf("%w: it was written by an older qaward", ErrSchema)
	// ErrDamaged: the database file is damaged (or is not a database at
	// all): a page, a meta page or the file's length is not what bbolt
	// wrote. The error says where; the remedy is a backup.
	ErrDamaged = errors.New("database file is damaged")
)

// Store is what the rest of qaward knows of persistence, composed of one
// interface per concern: the file and its audit log, the cycles, the
// people and panels, the scores, and the office's procedure. Methods that
// take an actor record that person in the audit log. Bulk methods are all
// or nothing. What only some stores offer has an interface of its own
// below (Live, ShareReader, Editor, Packets, Discloser); store.DB and the
// views of store/access implement them all, checked when they compile.
type Store interface {
	Files
	Cycles
	People
	Scores
	Procedure
	// The complaints register (Art. 34): complaints.go.
	ComplaintStore
	// The criteria sets loaded into a cycle (Art. 12): criteriasets.go.
	CriteriaSetStore
	// The register of the five years after the award (Art. 28, 31,
	// 40–43): aftercare.go.
	AftercareStore
	// Before acceptance (Art. 13–17): intake.go.
	IntakeStore
	// The site visits: their schedule and issues (visits.go).
	VisitStore
}

// Files is the database file itself and its audit log.
type Files interface {
	// Path is the database file.
	Path() string
	Close() error
	// Audit calls fn for every audit entry in order.
	Audit(fn func(Entry) error) error
	// Head is the last entry of the audit chain (the zero Head when the
	// log is empty), as verify prints it.
	Head() (Head, error)
	// Verify checks the file, the audit chain and every record against the
	// audit entry that wrote it, and returns every fault found.
	Verify() ([]Fault, error)
	// Backup writes a consistent copy of the database while others read.
	Backup(w io.Writer) (int64, error)
}

// Cycles are the award cycles, the awards of every cycle, and what
// rankings are computed from.
type Cycles interface {
	// CreateCycle adds a cycle and makes it the current one.
	CreateCycle(actor string, c award.Cycle) error
	// CurrentCycle is the ID of the cycle made last (ErrNoCycle if none).
	CurrentCycle() (string, error)
	Cycle(id string) (award.Cycle, error)
	Cycles() ([]award.Cycle, error)
	// History gathers every cycle's standing awards and revocations, for
	// eligibility.
	History() (award.History, error)
	// Snapshot reads, in one transaction, what rankings are computed from
	// ("" is the current cycle).
	Snapshot(cycle string) (Snapshot, error)
}

// People are the applicants, the reviewers, their conflicts and the
// review groups with their assignments.
type People interface {
	// PutApplicants adds or replaces applicants of a cycle.
	PutApplicants(actor, cycle string, as []award.Applicant) error
	Applicants(cycle string) ([]award.Applicant, error)
	Applicant(cycle, id string) (award.Applicant, error)

	PutReviewers(actor, cycle string, rs []award.Reviewer) error
	Reviewers(cycle string) ([]award.Reviewer, error)

	PutConflicts(actor, cycle string, cs []award.Conflict) error
	Conflicts(cycle string) ([]award.Conflict, error)

	PutGroups(actor, cycle string, gs []award.Group) error
	Groups(cycle string) ([]award.Group, error)

	PutAssignments(actor, cycle string, as []award.Assignment) error
	Assignments(cycle string) ([]award.Assignment, error)
}

// Scores are the score sheets, the leaders' consensus and the
// satisfaction results.
type Scores interface {
	// PutSheets adds or replaces whole sheets (the office's bulk entry).
	PutSheets(actor, cycle string, ss []award.Sheet) error
	// SaveSheet durably saves one reviewer's sheet (fsynced when it
	// returns). It refuses with ErrLocked a change to a sheet already
	// submitted; the office replaces submitted sheets with PutSheets.
	SaveSheet(actor, cycle string, s award.Sheet) error
	// Sheet returns one sheet (ErrNotFound if it was never saved).
	Sheet(cycle string, key award.SheetKey) (award.Sheet, error)
	// Sheets calls fn for every sheet of the cycle, consensus sheets
	// excluded. With text false, strengths and improvements are left
	// empty, which makes the scan fast enough for rankings.
	Sheets(cycle string, text bool, fn func(award.Sheet) error) error
	// SaveConsensus durably saves the leader's consensus sheet for an
	// applicant and stage (ReviewerID is the leader).
	SaveConsensus(actor, cycle string, s award.Sheet) error
	// Consensus calls fn for every consensus sheet of the cycle.
	Consensus(cycle string, fn func(award.Sheet) error) error

	PutSatisfaction(actor, cycle string, ss []award.Satisfaction) error
	Satisfaction(cycle string) ([]award.Satisfaction, error)
}

// Procedure is the office's procedure of Art. 13–43: the pipeline, the
// departments' opinions, decisions, the publicity notice and objections,
// revocations and the candidates' ratings of their reviewers.
type Procedure interface {
	// SetStatus moves applicants through the pipeline in one transaction
	// (each checked by award.CheckTransition against the stored status;
	// one refused move refuses them all).
	SetStatus(actor, cycle string, ts ...award.Transition) error
	Transitions(cycle string) ([]award.Transition, error)
	PutOpinions(actor, cycle string, os []award.Opinion) error
	Opinions(cycle string) ([]award.Opinion, error)
	PutDecisions(actor, cycle string, ds []award.Decision) error
	Decisions(cycle string) ([]award.Decision, error)
	// PublishNotice stores the notice and moves the candidates given, in
	// one transaction.
	PublishNotice(actor, cycle string, n award.Notice, moves ...award.Transition) error
	Notice(cycle string) (award.Notice, error)
	// PutObjection records an objection, checked against the notice and the
	// conflicts; an upheld one cancels the candidate's decision.
	PutObjection(actor, cycle string, o award.Objection) error
	Objections(cycle string) ([]award.Objection, error)
	PutRevocation(actor, cycle, applicantID string, r award.Revocation) error
	Revocations(cycle string) ([]award.Revocation, error)
	PutEvaluations(actor, cycle string, es []award.Evaluation) error
	Evaluations(cycle string) ([]award.Evaluation, error)
}

// Live is a store that tells of its commits: its generation, and a watch
// that sends a Change after each (watch.go).
type Live interface {
	Generation() uint64
	Watch() (<-chan Change, func())
}

// Editor is the office's finer edits of people and panels.
type Editor interface {
	CreateGroup(actor, cycle string, g award.Group) error
	RemoveGroupMember(actor, cycle, groupID, reviewerID string) error
	RemoveConflicts(actor, cycle string, cs []award.Conflict) error
	RemoveAssignments(actor, cycle string, as []award.Assignment) error
	UpdateProfiles(actor, cycle string, us []ProfileUpdate) error
	PutRoster(actor, cycle string, gs []award.Group, as []award.Assignment) error
}

// Packets are the records of offline reviewer packets (disclosure.go).
type Packets interface {
	PutPacket(actor, cycle, id string, rec []byte) error
	Packets(cycle string, fn func(id string, rec []byte) error) error
	PutPacketSheets(actor, cycle string, ss []award.Sheet, id string, rec []byte) error
	PacketSecret(actor string, create bool) ([]byte, error)
}

// Discloser records the audited release of applicants' confidential
// fields.
type Discloser interface {
	RecordDisclosure(actor, cycle, what string) error
}

// Every capability, on the store itself: a method missing here is a
// compile error, not a feature that quietly switches off.
var (
	_ Live        = (*DB)(nil)
	_ ShareReader = (*DB)(nil)
	_ Editor      = (*DB)(nil)
	_ Packets     = (*DB)(nil)
	_ Discloser   = (*DB)(nil)
)

// Entry is one audit record. Keys of compound records join their parts
// with "\x00" (a sheet is stage, applicant and reviewer); DisplayKey shows
// them with slashes.
type Entry struct {
	Seq    uint64
	Time   time.Time
	Actor  string
	Action string // such as "import scores", "save sheet"
	Bucket string // the record's bucket path, such as "cycles/2026/sheets"
	Key    string
	Before []byte // the record before the change (nil if new)
	After  []byte // the record after the change (nil if deleted)
	Prev   string // hex SHA-256 of the previous entry
	Hash   string // hex SHA-256 of this entry, chained over Prev
}

// Fault is one problem Verify found.
type Fault struct {
	Bucket, Key string
	Problem     string
}

func (f Fault) String() string {
	if f.Key == "" {
		return f.Bucket + ": " + f.Problem
	}
	return f.Bucket + " " + DisplayKey(f.Key) + ": " + f.Problem
}

// DisplayKey renders a stored key for people: the "\x00" that separates
// the parts of a compound key becomes "/".
func DisplayKey(key string) string {
	return strings.ReplaceAll(key, "\x00", "/")
}
