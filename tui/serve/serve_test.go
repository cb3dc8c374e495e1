package serve

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
)

// TestTwoPeopleOverSSH connects two real SSH clients with their own keys:
// R007, a reviewer of the on-site group who declared a conflict with
// A0002, and R006, the on-site group's leader. Each sees their own screen
// (the reviewer's tasks without A0002 anywhere, the leader's group with
// it), in the size their terminal asked for and after a resize; the
// reviewer's score typed over SSH is saved in the one shared database in
// their name. An unknown key is refused.
func TestTwoPeopleOverSSH(t *testing.T) {
	db := demoStore(t)
	d := sample.Demo()
	r007, r007Line := newKey(t, "r007@laptop")
	r006, r006Line := newKey(t, "r006@laptop")
	stranger, _ := newKey(t, "stranger@elsewhere")
	ts := startServer(t, db, usersTOML(person("R007", "reviewer", r007Line), person("R006", "leader", r006Line)))

	if c, err := ts.dial(stranger); err == nil {
		c.Close()
		t.Fatal("a key not in the users file was let in")
	}
	if !strings.Contains(ts.log.String(), "refused key") {
		t.Errorf("the refusal is not logged: %q", ts.log.String())
	}

	rev := ts.open(t, "R007", r007, 100, 30)
	lead := ts.open(t, "R006", r006, 100, 30)

	// A figure, not a test (DESIGN §5): bubbletea.MakeRenderer would wait
	// a second for the background colour this client never reports.
	first := rev.waitFor("武冈市市长质量奖评审")
	t.Logf("first frame %v after the shell started", first)
	rev.waitFor("我的评分任务")
	lead.waitFor("本组申报对象（组长）")

	// What each sees.
	conflicted := d.Applicants[1] // A0002
	if conflicted.ID != "A0002" {
		t.Fatalf("sample changed: %s", conflicted.ID)
	}
	for _, a := range []string{"A0001", "A0003", "A0011"} {
		rev.waitFor(a)
	}
	lead.waitFor("A0002")
	if strings.Contains(lead.screen(), "我的评分任务") != true {
		t.Error("the leader's own sheets are missing")
	}

	// The reviewer scores the first item of the last applicant on their
	// list (A0011) over SSH.
	rev.keys(keyEnd, keyEnter)
	rev.waitFor("合计")
	rev.keys("7", "5")
	rev.waitFor("已保存")
	saved, err := db.Sheet(sample.DemoCycle, award.SheetKey{Stage: award.Onsite, ApplicantID: "A0011", ReviewerID: "R007"})
	if err != nil {
		t.Fatalf("R007's sheet of A0011: %v", err)
	}
	if saved.Percents[0] != 75 {
		t.Errorf("R007's first item: %d, want 75", saved.Percents[0])
	}
	var actor string
	db.Audit(func(e store.Entry) error {
		if e.Action == "save sheet" {
			actor = e.Actor
		}
		return nil
	})
	if actor != "R007" {
		t.Errorf("the save is audited as %q, want R007", actor)
	}

	// Resize: the next frames fill the new width, and no more.
	mark := rev.out.Len()
	if w := widestLine(rev.out.String()[:mark]); w > 100 {
		t.Errorf("a line %d cells wide on a 100-column terminal", w)
	}
	if err := rev.sess.WindowChange(30, 120); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for widestLine(rev.out.String()[mark:]) < 120 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if w := widestLine(rev.out.String()[mark:]); w != 120 {
		t.Errorf("after resizing to 120 columns, the widest line is %d", w)
	}

	// Nothing of A0002 ever reached the conflicted reviewer's terminal.
	for _, s := range []string{conflicted.ID, conflicted.Name} {
		if strings.Contains(rev.screen(), s) {
			t.Errorf("R007 was shown %q", s)
		}
	}

	// Quitting ends the session cleanly.
	rev.keys(keyEsc, "q")
	select {
	case err := <-rev.ended:
		if err != nil {
			t.Errorf("R007's session ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("R007's session did not end after q")
	}
	if got := ts.srv.Connected(); !slices.Equal(got, []string{"leader R006"}) {
		t.Errorf("connected: %v, want the leader only", got)
	}
}

// frameBreak separates the lines of the drawn output: new lines and the
// cursor moves that start a frame.
var frameBreak = regexp.MustCompile(`\n|\x1b\[\d*(;\d*)?H`)

// widest is the width of the widest drawn line, in cells.
func widestLine(raw string) int {
	w := 0
	for _, line := range frameBreak.Split(raw, -1) {
		w = max(w, lipgloss.Width(ansi.Strip(strings.TrimRight(line, "\r"))))
	}
	return w
}

// TestShutdownTellsSessions: Shutdown asks every session's program to
// quit, each person is told, and everything is closed within the
// deadline given (2 s; how long it took is logged).
func TestShutdownTellsSessions(t *testing.T) {
	db := demoStore(t)
	k1, l1 := newKey(t, "r002")
	k2, l2 := newKey(t, "office")
	ts := startServer(t, db, usersTOML(person("R002", "reviewer", l1), person("office", "office", l2)))
	a := ts.open(t, "R002", k1, 80, 24)
	b := ts.open(t, "office", k2, 80, 24)
	a.waitFor("我的评分任务")
	b.waitFor("全部申报对象")
	// R002 is typing a score when the server stops.
	a.keys(keyEnd, keyEnter)
	a.waitFor("合计")
	a.keys("8")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	t.Logf("shutdown took %v", time.Since(start))
	for _, x := range []*terminal{a, b} {
		select {
		case <-x.ended:
		case <-time.After(30 * time.Second):
			t.Errorf("%s: session still open after shutdown", x.name)
		}
		if !strings.Contains(x.screen(), "qaward serve is shutting down") {
			t.Errorf("%s was not told: %q", x.name, x.tail(300))
		}
	}
	if err := <-ts.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	ts.done <- nil // for the cleanup
	// Late comers are not let in.
	if c, err := ts.dial(k1); err == nil {
		c.Close()
		t.Error("connected after shutdown")
	}
}

// TestKeyRecheck: a session whose key left the users file after the
// client authenticated is refused by the session middleware.
func TestKeyRecheck(t *testing.T) {
	db := demoStore(t)
	k, line := newKey(t, "r002")
	ts := startServer(t, db, usersTOML(person("R002", "reviewer", line)))
	client, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	_, otherLine := newKey(t, "r003")
	others, err := ParseUsers([]byte(usersTOML(person("R003", "reviewer", otherLine))))
	if err != nil {
		t.Fatal(err)
	}
	ts.srv.SetUsers(others) // the office removed the key meanwhile
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	sess.Stdout, sess.Stderr = out, out
	sess.RequestPty("xterm", 24, 80, nil)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Wait(); err == nil {
		t.Error("the session ended without an error status")
	}
	if !strings.Contains(out.String(), "this key may not connect") {
		t.Errorf("the refused session was told %q", out.String())
	}
}

// TestNotAReviewer: a key of a person the cycle does not know is told so.
func TestNotAReviewer(t *testing.T) {
	db := demoStore(t)
	k, line := newKey(t, "r099")
	ts := startServer(t, db, usersTOML(person("R099", "reviewer", line)))
	x := ts.open(t, "R099", k, 80, 24)
	x.waitFor("R099 is not a reviewer of cycle 2026")
	select {
	case err := <-x.ended:
		if err == nil {
			t.Error("the session ended without an error status")
		}
	case <-time.After(30 * time.Second):
		t.Error("the session did not end")
	}
}
