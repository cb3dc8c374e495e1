package tui

import (
	"bytes"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/components"
	"qaward/tui/pages/home"
)

// asViewer opens the interface as a person sees the store through
// store/access, as `qaward --as` and every SSH session do.
func asViewer(t *testing.T, st *store.DB, p access.Person) *driver {
	t.Helper()
	c := testCommon(access.Wrap(st, p), common.Chinese)
	c.As = p.ID
	return newDriver(t, c, 100, 30)
}

// The group's submitted sheets reach a reviewer through their view only
// once their own is submitted: the submit reads the cycle again, so they
// show at once; before it, nothing of the others shows.
func TestRefreshAfterSubmit(t *testing.T) {
	st := demoStore(t)
	d := asViewer(t, st, access.Person{ID: "R002", Role: access.Reviewer})
	d.openRow("材料评审", "A0012")
	other := storedSheet(t, st, award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R001"})
	if !other.Submitted {
		t.Fatal("fixture: R001's A0012 sheet is not submitted")
	}
	r001 := d.m.data.PersonName(common.Text{}, "R001")
	if sum := d.m.data.Summary(award.Material, "A0012"); sum.Submitted != 0 || len(sum.Counted) != 0 {
		t.Fatalf("before submitting the reviewer holds %d submitted sheets", sum.Submitted)
	}
	for i := 0; i < 5; i++ {
		d.keys("70", "down")
	}
	d.mustNotContain("本组已提交评分", r001)
	d.keys("ctrl+s", "enter")
	sum := d.m.data.Summary(award.Material, "A0012")
	if sum.Submitted != 3 {
		t.Fatalf("after submitting: %d submitted sheets, want 3 (R001, R004 and their own)", sum.Submitted)
	}
	d.keys("home")
	d.mustContain("本组已提交评分：", r001+" "+components.Pct(other.Percents[0]))
	if d.m.refreshing || d.m.stale {
		t.Error("a refresh is still pending")
	}
}

// A change made by someone else is read at the next poll, unless the
// person is typing (then once they stop); their own saves are not taken
// for a change. The cursor stays on its row.
func TestRefreshOnChange(t *testing.T) {
	st := demoStore(t)
	d := asViewer(t, st, access.Person{ID: "R001", Role: access.Leader})
	h := d.top().(*home.Home)
	target := home.HomeTarget{Group: true, Stage: award.Material, App: "A0010"}
	for i := range h.List.Visible {
		if h.List.Rows[h.List.Visible[i]].Value == target {
			h.List.Cursor = i
		}
	}
	d.mustContain("已提交 1/5")
	if d.m.gen == 0 || d.m.gen != st.Generation() {
		t.Fatalf("generation %d after loading, store %d", d.m.gen, st.Generation())
	}

	// R002 submits A0010 on another terminal.
	s := storedSheet(t, st, award.SheetKey{Stage: award.Material, ApplicantID: "A0010", ReviewerID: "R002"})
	for i := range s.Percents {
		s.Percents[i] = 60
	}
	s.Submitted = true
	if err := st.SaveSheet("R002", sample.DemoCycle, s); err != nil {
		t.Fatal(err)
	}
	d.keys("/") // typing a filter: no refresh
	d.send(pollMsg{gen: st.Generation()})
	if !d.m.stale || d.m.gen == st.Generation() {
		t.Fatal("the change was not noticed, or was read while typing")
	}
	d.keys("esc") // done typing: read now
	if d.m.stale || d.m.gen != st.Generation() {
		t.Fatalf("not refreshed once idle: stale=%v gen=%d store=%d", d.m.stale, d.m.gen, st.Generation())
	}
	d.mustContain("已提交 2/5")
	if v, _ := h.List.Selected(); v != target {
		t.Errorf("cursor moved to %v", v)
	}

	// Own saves are not a change.
	d2 := asViewer(t, st, access.Person{ID: "R003", Role: access.Reviewer})
	d2.openRow("材料评审", "A0012")
	d2.keys("right")
	if g := st.Generation(); d2.m.gen != g {
		t.Fatalf("own save: generation %d, store %d", d2.m.gen, g)
	}
	d2.send(pollMsg{gen: st.Generation()})
	if d2.m.stale || d2.m.refreshing {
		t.Error("an own save was taken for someone else's change")
	}
}

// ctrl+r and F5 read the cycle again on every screen; the office's
// applicants move on with F8.
func TestRefreshKeys(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("progress")
	d.mustContain("ctrl+r/F5 刷新")
	d.send(tea.KeyMsg{Type: tea.KeyCtrlR})
	d.mustContain("已刷新")
	d.okeys("f5")
	d.mustContain("已刷新")
	d.toTab("applicants")
	d.mustContain("F8 推进到下一阶段")
	d.okeys("f5")
	d.mustContain("已刷新")
	d.okeys("f8")
	if _, ok := d.top().(*components.Form); !ok {
		t.Fatalf("F5 on the applicants did not move them on: %T", d.top())
	}
	d.keys("esc")
	d.send(tea.KeyMsg{Type: tea.KeyCtrlR})
	d.mustContain("已刷新")

	// In a text area the refresh waits until the person leaves it.
	r := asPerson(t, st, "R002")
	r.openRow("材料评审", "A0012")
	r.keys("enter", "很好")
	r.send(tea.KeyMsg{Type: tea.KeyCtrlR})
	r.mustContain("输入结束后将刷新数据")
	if s := sheetOf(t, r); s.Strengths.Value() != "很好" {
		t.Fatalf("typed text %q", s.Strengths.Value())
	}
	r.keys("esc")
	r.mustContain("已刷新")
}

// A save in another session reaches a leader's screen as it commits: the
// store tells the session (Watch, through the leader's view), with no
// poll (the poll here is an hour, longer than the test may take). A
// change of an applicant the leader does not see reads nothing again;
// Close stops the watch.
func TestChangeReachesAnotherSessionWithoutPolling(t *testing.T) {
	st := demoStore(t)
	c := testCommon(access.Wrap(st, access.Person{ID: "R001", Role: access.Leader}), common.Chinese)
	c.As, c.Poll = "R001", time.Hour
	m := New(c)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	wait := func(s string) {
		t.Helper()
		// a bound against hanging, not a performance figure
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(time.Minute), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("已提交 1/5")

	// R002 submits A0010 in their own session.
	s := storedSheet(t, st, award.SheetKey{Stage: award.Material, ApplicantID: "A0010", ReviewerID: "R002"})
	for i := range s.Percents {
		s.Percents[i] = 60
	}
	s.Submitted = true
	if err := access.Wrap(st, access.Person{ID: "R002", Role: access.Reviewer}).SaveSheet("R002", sample.DemoCycle, s); err != nil {
		t.Fatal(err)
	}
	wait("已提交 2/5")

	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(time.Minute)).(*Model)
	final.Close()
	if _, open := <-final.changes; open {
		t.Error("the watch goes on after Close")
	}
}

// Only changes of what the person sees make a session read again.
func TestChangeConcernsOnlyThePersonsShare(t *testing.T) {
	st := demoStore(t)
	d := asViewer(t, st, access.Person{ID: "R002", Role: access.Reviewer})
	sheet := func(app string) store.Change {
		return store.Change{Gen: 99, Records: []store.ChangedRecord{{Bucket: "cycles/" + sample.DemoCycle + "/sheets", Key: "material\x00" + app + "\x00R005"}}}
	}
	if _, ok := d.m.data.Applicant("A0012"); !ok {
		t.Fatal("R002 does not see A0012")
	}
	for _, tc := range []struct {
		c    store.Change
		want bool
	}{
		{sheet("A0012"), true},
		{sheet("A9999"), false},
		{store.Change{Gen: 99, Records: []store.ChangedRecord{{Bucket: "cycles/" + sample.DemoCycle + "/sheets"}}}, false},
		{store.Change{Gen: 99, Records: []store.ChangedRecord{{Bucket: "cycles/" + sample.DemoCycle + "/groups", Key: "G1"}}}, true},
		{store.Change{Gen: 99, Many: true}, true},
	} {
		if got := d.m.concerns(tc.c); got != tc.want {
			t.Errorf("%+v concerns R002: %v, want %v", tc.c, got, tc.want)
		}
	}
}

// countingStore counts the scans of every sheet of the cycle.
type countingStore struct {
	store.Store
	scans atomic.Int32
}

func (c *countingStore) Sheets(cycle string, text bool, fn func(award.Sheet) error) error {
	c.scans.Add(1)
	return c.Store.Sheets(cycle, text, fn)
}

// The office's session, told that sheets changed, reads those sheets
// again and not the cycle; what it shows then is what a full read shows.
func TestOfficePatchesChangedSheets(t *testing.T) {
	st := demoStore(t)
	cs := &countingStore{Store: st}
	c := testCommon(cs, common.Chinese)
	c.As = common.DefaultOffice
	d := newDriver(t, c, 120, 40)
	s := storedSheet(t, st, award.SheetKey{Stage: award.Material, ApplicantID: "A0010", ReviewerID: "R002"})
	for i := range s.Percents {
		s.Percents[i] = 60
	}
	s.Submitted = true
	if err := st.SaveSheet("R002", sample.DemoCycle, s); err != nil {
		t.Fatal(err)
	}
	before := cs.scans.Load()
	d.send(changeMsg{ok: true, c: store.Change{Gen: st.Generation(), Records: []store.ChangedRecord{
		{Bucket: "cycles/" + sample.DemoCycle + "/sheets", Key: "material\x00A0010\x00R002"}}}})
	if n := cs.scans.Load() - before; n != 0 {
		t.Errorf("the cycle's sheets were scanned %d times for one changed sheet", n)
	}
	got := d.m.data.Sheet(s.SheetKey)
	if got == nil || got.Percents[0] != 60 || !got.Submitted || d.m.gen != st.Generation() {
		t.Fatalf("the changed sheet is not laid over the data: %+v (gen %d, store %d)", got, d.m.gen, st.Generation())
	}
	patchedView := d.View()
	full := newDriver(t, c, 120, 40)
	if full.View() != patchedView {
		t.Errorf("the patched screen differs from a fresh read:\n%s\n---\n%s", patchedView, full.View())
	}
}

// Sheets that changes name while the office's session is reading others
// wait and are read after, still without reading the cycle.
func TestOfficePatchesWaitForTheReadUnderWay(t *testing.T) {
	st := demoStore(t)
	cs := &countingStore{Store: st}
	c := testCommon(cs, common.Chinese)
	c.As = common.DefaultOffice
	d := newDriver(t, c, 120, 40)
	var keys []award.SheetKey
	for _, s := range sample.Demo().Sheets {
		if s.Stage == award.Material && s.ReviewerID == "R002" && len(keys) < 2 {
			keys = append(keys, s.SheetKey)
		}
	}
	before := cs.scans.Load()
	d.hold = true
	for i, k := range keys {
		s := storedSheet(t, st, k)
		for j := range s.Percents {
			s.Percents[j] = 40 + 5*i
		}
		if err := st.PutSheets("office", sample.DemoCycle, []award.Sheet{s}); err != nil {
			t.Fatal(err)
		}
		d.send(changeMsg{ok: true, c: store.Change{Gen: st.Generation(), Records: []store.ChangedRecord{
			{Bucket: "cycles/" + sample.DemoCycle + "/sheets", Key: "material\x00" + k.ApplicantID + "\x00R002"}}}})
	}
	if len(d.held) != 1 || len(d.m.pendingPatch) != 1 {
		t.Fatalf("%d reads started, %d sheets waiting; want one read and one waiting", len(d.held), len(d.m.pendingPatch))
	}
	d.release()
	for i, k := range keys {
		if got := d.m.data.Sheet(k); got == nil || got.Percents[0] != 40+5*i {
			t.Errorf("%v: %+v", k, got)
		}
	}
	if n := cs.scans.Load() - before; n != 0 || d.m.stale || d.m.gen != st.Generation() {
		t.Errorf("scans %d, stale %v, gen %d (store %d)", n, d.m.stale, d.m.gen, st.Generation())
	}
}

// A change that concerns nothing on the screen costs no drawing: View
// gives the last frame again; the next message draws anew.
func TestUnconcernedChangeIsNotDrawn(t *testing.T) {
	d := asViewer(t, demoStore(t), access.Person{ID: "R002", Role: access.Reviewer})
	frame := d.View()
	d.send(changeMsg{ok: true, c: store.Change{Gen: 99, Records: []store.ChangedRecord{{Bucket: "cycles/" + sample.DemoCycle + "/sheets"}}}})
	if !d.m.unchanged {
		t.Fatal("a change of nothing the person sees marked the screen changed")
	}
	if d.View() != frame || d.m.unchanged {
		t.Error("the unchanged frame was not given again once")
	}
	d.keys("down")
	if d.View() == frame {
		t.Error("a key that moves the cursor did not draw anew")
	}
}
