package award

import (
	"strings"
	"testing"
)

func TestObjections(t *testing.T) {
	n := Notice{Start: "2026-09-28", End: "2026-10-09", Days: 5}
	conflicted := func(p, a string) bool { return p == "R7" && a == "A2" }
	ok := Objection{ID: "Y1", ApplicantID: "A2", Filed: "2026-10-08", Filer: "匿名", Evidence: "环保处罚决定书", HandlerID: "office", Outcome: Pending}
	if err := CheckObjection(ok, n, conflicted); err != nil {
		t.Fatalf("valid objection refused: %v", err)
	}
	for _, c := range []struct {
		change func(*Objection)
		want   string
	}{
		{func(o *Objection) { o.Filed = "2026-10-10" }, "outside the publicity window"},
		{func(o *Objection) { o.Filed = "2026-09-27" }, "outside the publicity window"},
		{func(o *Objection) { o.Evidence = "" }, "evidence"},
		{func(o *Objection) { o.HandlerID = "R7" }, "conflict"},
		{func(o *Objection) { o.Outcome = Upheld }, "finding"},
		{func(o *Objection) { o.Outcome = "maybe" }, "pending, upheld or dismissed"},
	} {
		o := ok
		c.change(&o)
		if err := CheckObjection(o, n, conflicted); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", o, err, c.want)
		}
	}
	if err := CheckObjection(ok, Notice{}, conflicted); err == nil {
		t.Error("objection before publicity accepted")
	}
	d := Decision{ApplicantID: "A2", Proposed: "award", Decided: "award"}
	up := ok
	up.Outcome, up.Finding = Upheld, "2025年受到环保行政处罚"
	d = ApplyObjection(d, up)
	if !d.Cancelled || d.Final() != "none" || !strings.Contains(d.CancelReason, "环保") {
		t.Errorf("upheld objection did not cancel: %+v", d)
	}
	d2 := ApplyObjection(Decision{Decided: "nomination"}, Objection{Outcome: Dismissed, Finding: "不成立"})
	if d2.Cancelled || d2.Final() != "nomination" {
		t.Errorf("dismissed objection changed the decision: %+v", d2)
	}
}
