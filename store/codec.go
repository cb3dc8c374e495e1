package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"qaward/award"
)

// Sheets are stored in a compact binary form, so that a ranking can read
// the percentages of every sheet without touching the text:
//
//	version   1 byte (1)
//	flags     1 byte: 1 submitted, 2 consensus, 4 reviewer present
//	set       uvarint length + criteria set ID
//	reviewer  uvarint length + reviewer ID (only with flag 4: consensus
//	          sheets, whose key has no reviewer)
//	items     uvarint item count n (1–maxItems)
//	percents  n bytes, 0–100 in steps of 5, 0xFF unscored
//	updated   8 bytes, big-endian Unix nanoseconds (MinInt64: no time)
//	strengths     uvarint count + each uvarint length + bytes
//	improvements  uvarint count + each uvarint length + bytes
//	reason        uvarint length + bytes
//
// Everything up to and including updated is the head; the text follows.

const (
	sheetVersion = 1

	flagSubmitted = 1
	flagConsensus = 2
	flagReviewer  = 4
	flagsKnown    = flagSubmitted | flagConsensus | flagReviewer

	unscoredByte = 0xFF
	maxItems     = 1000
	maxIDLen     = 256
	noTime       = math.MinInt64
)

// errCorrupt marks bytes that do not decode.
var errCorrupt = errors.New("corrupt record")

// validID checks an ID that becomes part of a key. IDs are shown as they
// are (screens look records up by them), so an ID may hold no character
// award.RefusedRune refuses in a single-line field.
func validID(what, id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%s is empty", what)
	case len(id) > maxIDLen:
		return fmt.Errorf("%s %.20q… is longer than %d bytes", what, id, maxIDLen)
	case !utf8.ValidString(id):
		return fmt.Errorf("%s %q is not valid UTF-8", what, id)
	}
	for _, r := range id {
		if award.RefusedRune(r, false) { // control characters, tab, line feed, bidi controls
			return fmt.Errorf("%s %q contains a control character (%s)", what, id, award.DescribeRune(r))
		}
	}
	return nil
}

func validStage(s award.Stage) error {
	if s != award.Material && s != award.Onsite {
		return fmt.Errorf("stage %q: want material or onsite", s)
	}
	return nil
}

// joinKey joins the parts of a compound key with "\x00".
func joinKey(parts ...string) []byte {
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return b
}

// sheetKey is the key of a sheet: stage, applicant, reviewer.
func sheetKey(k award.SheetKey) []byte {
	return joinKey(string(k.Stage), k.ApplicantID, k.ReviewerID)
}

// consensusKey is the key of a consensus sheet: stage, applicant.
func consensusKey(k award.SheetKey) []byte {
	return joinKey(string(k.Stage), k.ApplicantID)
}

func validSheetKey(k award.SheetKey, consensus bool) error {
	if err := validStage(k.Stage); err != nil {
		return err
	}
	if err := validID("applicant ID", k.ApplicantID); err != nil {
		return err
	}
	what := "reviewer ID"
	if consensus {
		what = "leader (reviewer ID)"
	}
	return validID(what, k.ReviewerID)
}

// encodeSheet validates s and returns its stored form. Sheets in the
// consensus bucket carry their reviewer in the value.
func encodeSheet(s *award.Sheet) ([]byte, error) {
	if err := validSheetKey(s.SheetKey, s.Consensus); err != nil {
		return nil, err
	}
	if err := validID("criteria set", s.CriteriaSet); err != nil {
		return nil, err
	}
	n := len(s.Percents)
	if n == 0 || n > maxItems {
		return nil, fmt.Errorf("sheet has %d items, want 1–%d", n, maxItems)
	}
	if len(s.Strengths) != 0 && len(s.Strengths) != n {
		return nil, fmt.Errorf("sheet has %d items but %d strengths", n, len(s.Strengths))
	}
	if len(s.Improvements) != 0 && len(s.Improvements) != n {
		return nil, fmt.Errorf("sheet has %d items but %d improvements", n, len(s.Improvements))
	}
	var flags byte
	if s.Submitted {
		flags |= flagSubmitted
	}
	if s.Consensus {
		flags |= flagConsensus | flagReviewer
	}
	var nanos int64 = noTime
	if !s.Updated.IsZero() {
		var err error
		if nanos, err = timeNanos(s.Updated); err != nil {
			return nil, fmt.Errorf("updated: %w", err)
		}
	}
	size := 2 + 2*binary.MaxVarintLen64 + len(s.CriteriaSet) + len(s.ReviewerID) + n + 8 + 3*binary.MaxVarintLen64 + len(s.Reason)
	for i := range s.Strengths {
		size += binary.MaxVarintLen64 + len(s.Strengths[i])
	}
	for i := range s.Improvements {
		size += binary.MaxVarintLen64 + len(s.Improvements[i])
	}
	b := make([]byte, 0, size)
	b = append(b, sheetVersion, flags)
	b = appendString(b, s.CriteriaSet)
	if flags&flagReviewer != 0 {
		b = appendString(b, s.ReviewerID)
	}
	b = binary.AppendUvarint(b, uint64(n))
	for i, p := range s.Percents {
		switch {
		case p == award.Unscored:
			b = append(b, unscoredByte)
		case p >= 0 && p <= 100 && p%5 == 0:
			b = append(b, byte(p))
		default:
			return nil, fmt.Errorf("item %d: percentage %d: want 0, 5, 10, … 100", i+1, p)
		}
	}
	b = binary.BigEndian.AppendUint64(b, uint64(nanos))
	b = binary.AppendUvarint(b, uint64(len(s.Strengths)))
	for _, t := range s.Strengths {
		b = appendString(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Improvements)))
	for _, t := range s.Improvements {
		b = appendString(b, t)
	}
	b = appendString(b, s.Reason)
	return b, nil
}

// sheetHead is the part of a stored sheet before its text.
type sheetHead struct {
	flags    byte
	set      []byte
	reviewer []byte // only with flagReviewer
	percents []byte
	nanos    int64
	timeAt   int // offset of updated in the value
	textAt   int // offset of the text
}

// percentOf maps a stored percentage byte to its value: award.Unscored
// for 0xFF, badPercent for bytes that are no percentage.
var percentOf = func() (t [256]int8) {
	for i := range t {
		t[i] = badPercent
	}
	for p := 0; p <= 100; p += 5 {
		t[p] = int8(p)
	}
	t[unscoredByte] = award.Unscored
	return t
}()

const badPercent = -2

// parseHead validates and splits the head of a stored sheet; the slices
// alias val.
func parseHead(val []byte) (sheetHead, error) {
	h, err := splitHead(val)
	if err != nil {
		return h, err
	}
	for i, p := range h.percents {
		if percentOf[p] == badPercent {
			return h, badPercentErr(i, p)
		}
	}
	return h, nil
}

func badPercentErr(i int, p byte) error {
	return fmt.Errorf("%w: item %d has percentage %d", errCorrupt, i+1, p)
}

// splitHead is parseHead without the check of each percentage.
func splitHead(val []byte) (sheetHead, error) {
	var h sheetHead
	if len(val) < 2 {
		return h, fmt.Errorf("%w: sheet is truncated", errCorrupt)
	}
	if val[0] != sheetVersion {
		return h, fmt.Errorf("%w: sheet has unknown version %d", errCorrupt, val[0])
	}
	h.flags = val[1]
	if h.flags&^flagsKnown != 0 {
		return h, fmt.Errorf("%w: sheet has unknown flags %#x", errCorrupt, h.flags)
	}
	r := reader{b: val[2:]}
	h.set = r.bytes()
	if h.flags&flagReviewer != 0 {
		h.reviewer = r.bytes()
	}
	n := r.uvarint()
	if r.err == nil && (n == 0 || n > maxItems) {
		return h, fmt.Errorf("%w: sheet has %d items", errCorrupt, n)
	}
	h.percents = r.take(int(n))
	h.timeAt = len(val) - len(r.b)
	h.nanos = int64(r.uint64())
	h.textAt = len(val) - len(r.b)
	if r.err != nil {
		return h, fmt.Errorf("%w: sheet head: %v", errCorrupt, r.err)
	}
	if len(h.set) == 0 {
		return h, fmt.Errorf("%w: sheet has no criteria set", errCorrupt)
	}
	return h, nil
}

// decodeSheet decodes val into s, whose key fields the caller has set from
// the record's key. Without text, strengths, improvements and reason stay
// empty and the text is not looked at. intern (may be nil) shares the
// strings that repeat across sheets; slab (may be nil) provides the
// percentages' memory.
func decodeSheet(val []byte, s *award.Sheet, text bool, in *interner, slab *[]int) error {
	h, err := splitHead(val)
	if err != nil {
		return err
	}
	s.CriteriaSet = in.string(slotSet, h.set)
	if h.flags&flagReviewer != 0 {
		s.ReviewerID = in.string(slotReviewer, h.reviewer)
	}
	s.Submitted = h.flags&flagSubmitted != 0
	s.Consensus = h.flags&flagConsensus != 0
	ps := takeInts(slab, len(h.percents))
	for i, b := range h.percents {
		p := percentOf[b]
		if p == badPercent {
			return badPercentErr(i, b)
		}
		ps[i] = int(p)
	}
	s.Percents = ps
	s.Updated = time.Time{}
	if h.nanos != noTime {
		s.Updated = time.Unix(0, h.nanos).UTC()
	}
	s.Strengths, s.Improvements, s.Reason = nil, nil, ""
	if !text {
		return nil
	}
	r := reader{b: val[h.textAt:]}
	s.Strengths = r.strings(len(h.percents))
	s.Improvements = r.strings(len(h.percents))
	s.Reason = r.string()
	if r.err != nil {
		return fmt.Errorf("%w: sheet text: %v", errCorrupt, r.err)
	}
	if !r.done() {
		return fmt.Errorf("%w: sheet has trailing bytes", errCorrupt)
	}
	return nil
}

// sameSheet reports whether two stored sheets differ at most in their
// updated time: saving the same scores again changes nothing.
func sameSheet(old, new []byte) bool {
	ho, err1 := parseHead(old)
	hn, err2 := parseHead(new)
	if err1 != nil || err2 != nil || ho.timeAt != hn.timeAt {
		return false
	}
	return bytes.Equal(old[:ho.timeAt], new[:hn.timeAt]) && bytes.Equal(old[ho.textAt:], new[hn.textAt:])
}

// takeInts returns n ints from slab, refilling it as needed.
func takeInts(slab *[]int, n int) []int {
	if slab == nil {
		return make([]int, n)
	}
	if len(*slab) < n {
		*slab = make([]int, max(16384, n))
	}
	p := (*slab)[:n:n]
	*slab = (*slab)[n:]
	return p
}

// interner shares strings that repeat across the records of a scan:
// applicants come in runs (keys are sorted), reviewers and criteria sets
// repeat throughout. A nil interner copies every string.
type interner struct {
	m    map[string]string
	last [3]string // the last string of each slot
	// recent is a direct-mapped cache in front of m, cheaper than a map
	// lookup for the few hundred reviewer IDs.
	recent [512]string
}

// Interner slots: the kinds of string that repeat.
const (
	slotApplicant = iota
	slotReviewer
	slotSet
)

func newInterner() *interner { return &interner{m: map[string]string{}} }

func (in *interner) string(slot int, b []byte) string {
	if in == nil {
		return string(b)
	}
	if in.last[slot] == string(b) {
		return in.last[slot]
	}
	var h uint32 = 2166136261 // FNV-1a
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	r := &in.recent[h%uint32(len(in.recent))]
	if *r != string(b) {
		s, ok := in.m[string(b)]
		if !ok {
			s = string(b)
			in.m[s] = s
		}
		*r = s
	}
	in.last[slot] = *r
	return *r
}
