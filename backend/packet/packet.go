// Package packet is the offline reviewer packet: the office exports one
// reviewer's work (the criteria sets, the assigned applicants without their
// confidential fields, the reviewer's blank or draft sheets) to a file; on
// a laptop without network the file becomes a local qaward database the
// reviewer scores in as usual; the laptop then writes a returned packet,
// and the office imports it.
//
// A packet file is JSON, versioned (Format, Version). An issued packet holds
// the manifest, the office's signature over it and the packet key the
// laptop signs its return with; a returned packet holds the manifest and
// the office's signature again, verbatim, and the returned sheets with the
// laptop's signature.
//
// Signatures are HMAC-SHA256 (crypto/hmac). The office's database keeps a
// random 32-byte secret; from it derive the key that signs manifests and,
// per packet, the packet key HMAC(secret, packet ID, reviewer, database,
// cycle) handed to the laptop inside the issued packet. The office checks
// a return by recomputing both: the manifest must carry its own signature
// (nothing the office issued was changed, the packet came from this
// database), and the returned sheets must carry the key of exactly this
// packet and reviewer. The laptop never holds the secret, so a packet key
// signs returns for its own packet and reviewer only. Ed25519 would add
// nothing here: the office is the only verifier, and the laptop would need
// a per-packet private key anyway.
//
// The functions that touch a database take the small interfaces Office
// and Local, which *store.DB satisfies, so that the command line and the
// TUI share them without this package importing the store.
package packet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"qaward/award"
)

// File format identification.
const (
	Format  = "qaward-packet"
	Version = 1
	// TypeIssue is an issued packet (office → laptop), TypeReturn a
	// returned one (laptop → office).
	TypeIssue  = "issue"
	TypeReturn = "return"
)

// MaxFileBytes bounds a packet file read.
const MaxFileBytes = 64 << 20

// Manifest is what the office issues, signed.
type Manifest struct {
	PacketID string `json:"packet_id"`
	// Database identifies the issuing database (derived from its secret).
	Database string         `json:"database"`
	Cycle    CycleInfo      `json:"cycle"`
	Reviewer award.Reviewer `json:"reviewer"`
	Issued   time.Time      `json:"issued"`
	Issuer   string         `json:"issuer"`
	// Sets are the criteria sets the sheets use, as their TOML source.
	Sets []SetSource `json:"criteria_sets"`
	// Applicants are the assigned applicants, confidential fields removed.
	Applicants  []award.Applicant  `json:"applicants"`
	Assignments []award.Assignment `json:"assignments"`
	Sheets      []IssuedSheet      `json:"sheets"`
	// Done lists assignments left out because their sheet was already
	// submitted centrally.
	Done []award.SheetKey `json:"done,omitempty"`
}

// CycleInfo is the cycle a packet belongs to.
type CycleInfo struct {
	ID         string       `json:"id"`
	Created    time.Time    `json:"created"`
	Config     award.Config `json:"config"`
	ConfigText string       `json:"config_text,omitempty"`
}

// SetSource is a criteria set as its TOML source and that source's SHA-256.
type SetSource struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Source string `json:"source"`
}

// IssuedSheet is a sheet as issued: blank or the central draft, with Base,
// the content hash of the central sheet at issue ("" when there was none).
type IssuedSheet struct {
	Sheet Sheet  `json:"sheet"`
	Base  string `json:"base"`
}

// Sheet is a score sheet in a packet; a nil percentage is not yet scored.
type Sheet struct {
	Stage        award.Stage `json:"stage"`
	Applicant    string      `json:"applicant"`
	Reviewer     string      `json:"reviewer"`
	Set          string      `json:"criteria_set"`
	Percents     []*int      `json:"percents"`
	Strengths    []string    `json:"strengths"`
	Improvements []string    `json:"improvements"`
	Submitted    bool        `json:"submitted"`
	Updated      string      `json:"updated,omitempty"` // RFC 3339
}

// FromSheet converts a sheet for a packet.
func FromSheet(s award.Sheet) Sheet {
	p := Sheet{Stage: s.Stage, Applicant: s.ApplicantID, Reviewer: s.ReviewerID, Set: s.CriteriaSet,
		Percents: make([]*int, len(s.Percents)), Strengths: pad(s.Strengths, len(s.Percents)),
		Improvements: pad(s.Improvements, len(s.Percents)), Submitted: s.Submitted}
	for i, v := range s.Percents {
		if v != award.Unscored {
			x := v
			p.Percents[i] = &x
		}
	}
	if !s.Updated.IsZero() {
		p.Updated = s.Updated.UTC().Format(time.RFC3339Nano)
	}
	return p
}

// Award converts a packet sheet back.
func (p Sheet) Award() award.Sheet {
	s := award.Sheet{SheetKey: p.Key(), CriteriaSet: p.Set, Percents: make([]int, len(p.Percents)),
		Strengths: pad(p.Strengths, len(p.Percents)), Improvements: pad(p.Improvements, len(p.Percents)),
		Submitted: p.Submitted}
	for i, v := range p.Percents {
		s.Percents[i] = award.Unscored
		if v != nil {
			s.Percents[i] = *v
		}
	}
	if t, err := time.Parse(time.RFC3339Nano, p.Updated); err == nil {
		s.Updated = t
	}
	return s
}

// Key is the sheet's key.
func (p Sheet) Key() award.SheetKey {
	return award.SheetKey{Stage: p.Stage, ApplicantID: p.Applicant, ReviewerID: p.Reviewer}
}

func pad(s []string, n int) []string {
	out := make([]string, n)
	copy(out, s)
	return out
}

// Issued is an issued packet file.
type Issued struct {
	Format    string          `json:"format"`
	Version   int             `json:"version"`
	Type      string          `json:"type"`
	Manifest  json.RawMessage `json:"manifest"`
	Signature string          `json:"signature"` // hex HMAC-SHA256 of the manifest
	Key       string          `json:"packet_key"`
}

// Returned is a returned packet file.
type Returned struct {
	Format         string          `json:"format"`
	Version        int             `json:"version"`
	Type           string          `json:"type"`
	Manifest       json.RawMessage `json:"manifest"`
	IssueSignature string          `json:"issue_signature"`
	Return         json.RawMessage `json:"return"`
	Signature      string          `json:"signature"` // hex HMAC-SHA256 with the packet key
}

// ReturnBody is what the laptop returns.
type ReturnBody struct {
	PacketID string    `json:"packet_id"`
	Reviewer string    `json:"reviewer"`
	Returned time.Time `json:"returned"`
	Sheets   []Sheet   `json:"sheets"`
}

// Errors callers can test with errors.Is.
var (
	// ErrTampered: a signature does not match; the file was changed.
	ErrTampered = errors.New("packet was changed after it was signed")
	// ErrConflict: a returned sheet would overwrite central work.
	ErrConflict = errors.New("returned sheets conflict with the central database")
	// ErrOtherDatabase: the packet was issued by another qaward database.
	ErrOtherDatabase = errors.New("packet issued by another database")
	// ErrOtherReviewer: the packet is not the reviewer's it was expected
	// from.
	ErrOtherReviewer = errors.New("packet of another reviewer")
	// ErrNotReturned: an issued packet was given where a returned one is
	// wanted.
	ErrNotReturned = errors.New("not a returned packet")
)

// kindError is an error whose message is its own and which errors.Is
// finds as one of the errors above: the messages stay as they were, and a
// caller (the TUI) can still tell the refusals apart.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// refusal formats a message as fmt.Errorf does and marks it as kind.
func refusal(kind error, format string, args ...any) error {
	return &kindError{msg: fmt.Sprintf(format, args...), kind: kind}
}

// head is the part of every packet file read first.
type head struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Type    string `json:"type"`
}

// Decode reads a packet file: an *Issued or a *Returned.
func Decode(data []byte) (any, error) {
	var h head
	if err := json.Unmarshal(data, &h); err != nil || h.Format != Format {
		return nil, fmt.Errorf("not a qaward packet file")
	}
	if h.Version != Version {
		return nil, fmt.Errorf("packet format version %d; this qaward reads version %d", h.Version, Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	switch h.Type {
	case TypeIssue:
		var p Issued
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("issued packet: %v", err)
		}
		return &p, nil
	case TypeReturn:
		var p Returned
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("returned packet: %v", err)
		}
		return &p, nil
	}
	return nil, fmt.Errorf("packet type %q: want %s or %s", h.Type, TypeIssue, TypeReturn)
}

// ReadManifest decodes a manifest.
func ReadManifest(raw json.RawMessage) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("packet manifest: %v", err)
	}
	return &m, nil
}

// Encode writes a packet file as indented JSON.
func Encode(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// compact is the canonical form of a JSON value that is signed.
func compact(raw json.RawMessage) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
