package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
)

// failingStore is a store whose sheet saves fail while fail is set, as on
// a full disk.
type failingStore struct {
	store.Store
	fail atomic.Bool
}

var errDiskFull = fmt.Errorf("write qaward.db: %w", syscall.ENOSPC)

func (f *failingStore) SaveSheet(actor, cycle string, s award.Sheet) error {
	if f.fail.Load() {
		return errDiskFull
	}
	return f.Store.SaveSheet(actor, cycle, s)
}

// TestQuitAfterFailedSaveAsks: R002 types a score on A0012 (untouched, an
// individual of 5 items) while the disk is full; the screen says 保存失败.
// q then does not quit: it names the sheet not saved and asks; other keys
// and esc keep the program, q again quits, and Run reports the loss.
func TestQuitAfterFailedSaveAsks(t *testing.T) {
	fs := &failingStore{Store: demoStore(t)}
	d := asPerson(t, fs, "R002")
	d.openRow("材料评审", "A0012")
	fs.fail.Store(true)
	d.keys("60")
	d.mustContain("保存失败", "no space left on device")

	d.keys("q")
	if d.quit {
		t.Fatal("q quit with a score that failed to save")
	}
	d.mustContain("以下修改尚未保存", "材料评审 A0012", "的评分表（R002，已评 1/5 项）：保存失败：write qaward.db: no space left",
		"再按 q 或 enter 放弃这些修改并退出", "有未保存的修改")
	checkSize(t, "the quit question", d, [2]int{100, 30})
	d.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	checkSize(t, "the quit question", d, [2]int{40, 10})
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.keys("j", "5", "?")
	if d.quit || !d.m.confirmQuit {
		t.Fatal("a key other than q, enter, r or esc ended the question")
	}
	if sheetOf(t, d).Sheet.Percents[0] != 60 {
		t.Fatal("a key typed while asking reached the sheet")
	}
	d.keys("esc")
	if d.quit || d.m.confirmQuit {
		t.Fatal("esc did not go back to the sheet")
	}
	d.mustContain("合计", "保存失败")
	d.mustNotContain("以下修改尚未保存")

	// ctrl+c asks too; a second ctrl+c quits.
	d.keys("ctrl+c")
	if d.quit || !d.m.confirmQuit {
		t.Fatal("ctrl+c quit without asking")
	}
	d.keys("ctrl+c")
	if !d.quit {
		t.Fatal("a second ctrl+c did not quit")
	}
	err := ended(context.Background(), d.m, nil)
	var ue *UnsavedError
	if !errors.As(err, &ue) || len(ue.Items) != 1 || !strings.Contains(err.Error(), "退出时 1 项修改未保存") ||
		!strings.Contains(err.Error(), "材料评审 A0012") || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Run's error after quitting with a lost score: %v", err)
	}
}

// TestQuitAfterFailedSaveRetry: enter confirms the quit as q does; r
// writes the sheet again once there is room, and quits when it is saved.
func TestQuitAfterFailedSaveRetry(t *testing.T) {
	for _, confirm := range []string{"q", "enter"} {
		fs := &failingStore{Store: demoStore(t)}
		d := asPerson(t, fs, "R002")
		d.openRow("材料评审", "A0012")
		fs.fail.Store(true)
		d.keys("60", "q")
		d.mustContain("以下修改尚未保存")
		d.keys(confirm)
		if !d.quit {
			t.Fatalf("%s did not confirm the quit", confirm)
		}
	}

	st := demoStore(t)
	fs := &failingStore{Store: st}
	d := asPerson(t, fs, "R002")
	d.openRow("材料评审", "A0012")
	fs.fail.Store(true)
	d.keys("60", "q", "r")
	if d.quit || !d.m.confirmQuit {
		t.Fatal("a retry that failed again did not ask again")
	}
	fs.fail.Store(false) // room on the disk again
	d.keys("r")
	if !d.quit {
		t.Fatal("a retry that saved did not quit")
	}
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R002"}
	if got := storedSheet(t, st, k).Percents[0]; got != 60 {
		t.Fatalf("stored %d after the retry, want 60", got)
	}
	if err := ended(context.Background(), d.m, nil); err != nil {
		t.Fatalf("Run's error after everything was saved: %v", err)
	}
}

// TestQuitAfterLaterSaveSucceeds: a failed write is forgotten once a later
// write of the same sheet succeeds; q then quits at once.
func TestQuitAfterLaterSaveSucceeds(t *testing.T) {
	fs := &failingStore{Store: demoStore(t)}
	d := asPerson(t, fs, "R002")
	d.openRow("材料评审", "A0012")
	fs.fail.Store(true)
	d.keys("60")
	d.mustContain("保存失败")
	fs.fail.Store(false)
	d.keys("right")
	d.mustContain("已保存")
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit once every edit was saved")
	}
}

// TestQuitWithHeldRevisionAsks: a consensus revision with a new reason
// typed is held on screen until submitted; q asks before dropping it.
func TestQuitWithHeldRevisionAsks(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R001")
	d.openRow("本组申报对象", "A0001")
	d.keys("enter", "经小组讨论一致同意", "esc", "ctrl+s", "enter")
	d.mustContain("共识已提交")
	d.keys("f3", "现场复核后调整", "esc")
	d.keys("q")
	if d.quit {
		t.Fatal("q dropped a consensus revision without asking")
	}
	d.mustContain("以下修改尚未保存", "材料评审 A0001", "的共识修订（尚未提交）")
	d.mustNotContain("r 重新保存")
	d.keys("r") // nothing to write again: still asking
	if d.quit || !d.m.confirmQuit {
		t.Fatal("r left the question with nothing to retry")
	}
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not confirm")
	}
}

// TestQuitAfterFailedSaveProgram runs the real Bubble Tea program: the
// failed save, q asks, q quits, and the final model holds the loss.
func TestQuitAfterFailedSaveProgram(t *testing.T) {
	fs := &failingStore{Store: demoStore(t)}
	fs.fail.Store(true)
	c := testCommon(fs, common.Chinese)
	c.As = "R002"
	tm := teatest.NewTestModel(t, New(c), teatest.WithInitialTermSize(100, 30))
	wait := func(s string) {
		t.Helper()
		// a bound against hanging, not a performance figure
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(time.Minute), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("我的评分任务")
	tm.Send(keyMsg("end"))
	tm.Send(keyMsg("enter"))
	wait("合计")
	tm.Send(keyMsg("60"))
	wait("保存失败")
	tm.Send(keyMsg("q"))
	wait("以下修改尚未保存")
	tm.Send(keyMsg("q"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(time.Minute)).(*Model)
	var ue *UnsavedError
	if err := ended(context.Background(), m, nil); !errors.As(err, &ue) || !strings.Contains(err.Error(), "A0012") {
		t.Fatalf("Run's error: %v", err)
	}
}
