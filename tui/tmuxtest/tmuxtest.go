// Package tmuxtest drives the real qaward binary in tmux for end-to-end
// tests: start a command in a window of its own, send keys, read the screen
// and wait for text, on a private tmux server that is removed after the
// test.
package tmuxtest

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Server is a private tmux server for one test.
type Server struct {
	t      *testing.T
	socket string
}

// New starts using a private tmux server (named after prefix and this
// process) and kills it when the test ends; it skips the test when tmux is
// not installed.
func New(t *testing.T, prefix string) *Server {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	x := &Server{t: t, socket: fmt.Sprintf("%s-%d", prefix, os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "-L", x.socket, "kill-server").Run() })
	return x
}

// Run runs a tmux command on the server and returns its output.
func (x *Server) Run(args ...string) string {
	x.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-L", x.socket}, args...)...).CombinedOutput()
	if err != nil {
		x.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Start runs a shell command in a new 100×30 session that stays open after
// the command ends, printing its exit status as __exit N__.
func (x *Server) Start(name, command string) { x.StartSized(name, command, 100, 30) }

// StartSized is Start in a session of w×h cells.
func (x *Server) StartSized(name, command string, w, h int) {
	shell := fmt.Sprintf("LANG=C.UTF-8 TERM=xterm-256color %s; echo __exit $?__; sleep 60", command)
	x.Run("new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), shell)
}

// Type sends text in one write, as a fast typist or an SSH connection
// delivers it: the program reads it at once.
func (x *Server) Type(name, text string) {
	x.Run("send-keys", "-t", name, "-l", text)
	time.Sleep(80 * time.Millisecond)
}

// Cursor is the terminal's cursor in the session: column, row (from 0)
// and whether it is shown.
func (x *Server) Cursor(name string) (col, row int, visible bool) {
	x.t.Helper()
	var flag int
	out := x.Run("display-message", "-p", "-t", name, "#{cursor_x} #{cursor_y} #{cursor_flag}")
	if _, err := fmt.Sscan(out, &col, &row, &flag); err != nil {
		x.t.Fatalf("cursor %q: %v", out, err)
	}
	return col, row, flag == 1
}

// Keys sends keys (tmux names, or text) one at a time.
func (x *Server) Keys(name string, keys ...string) {
	for _, k := range keys {
		x.Run("send-keys", "-t", name, k)
		time.Sleep(80 * time.Millisecond)
	}
}

// Capture is the session's screen as text.
func (x *Server) Capture(name string) string { return x.Run("capture-pane", "-p", "-t", name) }

// WaitFor waits up to 15 s for text on the session's screen.
func (x *Server) WaitFor(name, text string) {
	x.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(x.Capture(name), text) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	x.t.Fatalf("%s never showed %q:\n%s", name, text, x.Capture(name))
}
