package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"qaward/award"
)

func TestSheetCodec(t *testing.T) {
	s := testSheet(award.Onsite, "A001", "R07", 3)
	s.Percents[22] = award.Unscored
	v, err := encodeSheet(&s)
	if err != nil {
		t.Fatal(err)
	}
	got := award.Sheet{SheetKey: s.SheetKey}
	if err := decodeSheet(v, &got, true, nil, nil); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, s)
	}
	// A consensus sheet carries its leader; a zero time stays zero.
	c := award.Sheet{SheetKey: award.SheetKey{Stage: award.Material, ApplicantID: "A1", ReviewerID: "L1"},
		CriteriaSet: "individual", Percents: []int{0, 100}, Consensus: true, Reason: "理由"}
	v, err = encodeSheet(&c)
	if err != nil {
		t.Fatal(err)
	}
	got = award.Sheet{SheetKey: award.SheetKey{Stage: award.Material, ApplicantID: "A1"}}
	if err := decodeSheet(v, &got, true, nil, nil); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("consensus round trip:\n got %+v\nwant %+v", got, c)
	}
	// Without text, the text is never looked at.
	s.Strengths = nil
	v, _ = encodeSheet(&s)
	v = append(v[:len(v)-1], 0xFF, 0xFF) // break the text
	got = award.Sheet{}
	if err := decodeSheet(v, &got, false, nil, nil); err != nil || got.Percents[2] != s.Percents[2] {
		t.Errorf("head-only decode: %v", err)
	}
	if err := decodeSheet(v, &got, true, nil, nil); !errors.Is(err, errCorrupt) {
		t.Errorf("full decode of broken text: %v", err)
	}
}

func TestSameSheet(t *testing.T) {
	a := testSheet(award.Material, "A", "R", 1)
	b := a
	b.Updated = a.Updated.Add(time.Hour)
	va, _ := encodeSheet(&a)
	vb, _ := encodeSheet(&b)
	if !sameSheet(va, vb) {
		t.Error("sheets differing only in time are not the same")
	}
	b.Percents = append([]int(nil), a.Percents...)
	b.Percents[0] = award.Unscored
	vb, _ = encodeSheet(&b)
	if sameSheet(va, vb) {
		t.Error("different percentages are the same")
	}
}

func FuzzDecodeSheet(f *testing.F) {
	s := testSheet(award.Material, "A", "R", 2)
	v, _ := encodeSheet(&s)
	f.Add(v)
	c := s
	c.Consensus, c.Reason = true, "r"
	v, _ = encodeSheet(&c)
	f.Add(v)
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		var s award.Sheet
		in := newInterner()
		var slab []int
		if err := decodeSheet(b, &s, true, in, &slab); err != nil {
			return
		}
		// Whatever decodes survives a round trip.
		s.Stage, s.ApplicantID = award.Material, "A"
		if !s.Consensus {
			s.ReviewerID = "R"
		}
		v, err := encodeSheet(&s)
		if err != nil {
			return // such as a criteria set with control characters
		}
		again := award.Sheet{SheetKey: s.SheetKey}
		if !s.Consensus {
			again.ReviewerID = "R"
		}
		if err := decodeSheet(v, &again, true, nil, nil); err != nil {
			t.Fatalf("re-encoded sheet does not decode: %v", err)
		}
		if !reflect.DeepEqual(again, s) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", again, s)
		}
	})
}

func FuzzDecodeEntry(f *testing.F) {
	e := Entry{Seq: 1, Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Actor: "a", Action: "x",
		Bucket: "meta", Key: "k", After: []byte("v")}
	v, _, _ := encodeEntry(&e, nil)
	f.Add(v)
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = decodeEntry([]byte{0, 0, 0, 0, 0, 0, 0, 1}, b)
	})
}
