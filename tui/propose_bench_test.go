package tui

import (
	"testing"

	"qaward/tui/common"
	"qaward/tui/pages/office"
)

// BenchmarkKeyProposal is one key press on the office's review of a
// material proposal of the reference cycle (33 groups of 1,000
// applicants and 300 reviewers): the proposal itself is computed once,
// in its command, before the timing.
func BenchmarkKeyProposal(b *testing.B) {
	st := refStore(b)
	c := testCommon(st, common.Chinese)
	c.As = common.DefaultOffice
	d := newDriver(b, c, 120, 40)
	d.toTab("groups")
	d.okeys("f6")
	d.keys("ctrl+s")
	if s, ok := d.top().(*office.ProposeScreen); !ok || s.P == nil || len(s.P.Groups) < 30 {
		b.Fatalf("no proposal of the reference cycle: %T\n%s", d.top(), d.View())
	}
	keyBench(b, d, "down", "space", "up", "space")
}
