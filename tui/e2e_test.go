//go:build e2e

package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestE2EScoreSurvivesRestart drives the real binary in tmux, as a reviewer
// would: start the demo as R002, open an untouched sheet, type a score, see
// it saved, quit; start again on the same database and find the score.
func TestE2EScoreSurvivesRestart(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "qaward")
	build := exec.Command("go", "build", "-o", bin, "qaward/cmd/qaward")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	tm := &tmux{t: t, socket: fmt.Sprintf("qaward-e2e-%d", os.Getpid())}
	t.Cleanup(tm.killServer)

	tm.start("first", fmt.Sprintf("%s --db %s --as R002 demo", bin, db))
	tm.waitFor("first", "我的评分任务")
	tm.keys("first", "End", "Enter")
	tm.waitFor("first", "合计")
	tm.keys("first", "7", "5")
	tm.waitFor("first", "已保存")
	tm.waitFor("first", "75%")
	tm.keys("first", "q")
	tm.waitFor("first", "__exit 0__")

	tm.start("second", fmt.Sprintf("%s --db %s --as R002", bin, db))
	tm.waitFor("second", "1/5 项")
	tm.keys("second", "End", "Enter")
	tm.waitFor("second", "合计 112.50 / 1000")
	screen := tm.capture("second")
	if !strings.Contains(screen, "75%") {
		t.Fatalf("score not found after restart:\n%s", screen)
	}
	tm.keys("second", "q")
	tm.waitFor("second", "__exit 0__")
}

type tmux struct {
	t      *testing.T
	socket string
}

func (x *tmux) run(args ...string) string {
	x.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-u", "-L", x.socket}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs a shell command in a new 100×30 session that stays open after
// the command ends, printing its exit status.
func (x *tmux) start(name, command string) {
	shell := fmt.Sprintf("LANG=C.UTF-8 TERM=xterm-256color %s; echo __exit $?__; sleep 60", command)
	x.run("new-session", "-d", "-s", name, "-x", "100", "-y", "30", shell)
}

func (x *tmux) keys(name string, keys ...string) {
	for _, k := range keys {
		x.run("send-keys", "-t", name, k)
		time.Sleep(50 * time.Millisecond)
	}
}

func (x *tmux) capture(name string) string {
	return x.run("capture-pane", "-p", "-t", name)
}

func (x *tmux) waitFor(name, text string) {
	x.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(x.capture(name), text) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	x.t.Fatalf("screen never showed %q:\n%s", text, x.capture(name))
}

func (x *tmux) killServer() {
	exec.Command("tmux", "-L", x.socket, "kill-server").Run()
}
