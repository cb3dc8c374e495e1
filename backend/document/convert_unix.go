//go:build unix

package document

import (
	"os/exec"
	"syscall"
)

// ownGroup runs cmd in a process group of its own, which cancelling it
// kills whole.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
