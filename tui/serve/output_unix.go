//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package serve

import (
	"io"

	"github.com/charmbracelet/ssh"
)

// sessionOutput is the writer bubbletea.MakeOptions gives a session's
// program (the pty's slave where wish allocated one, else the session),
// to write it through the caret (tui.OutputWithCaret).
func sessionOutput(sess ssh.Session) io.Writer {
	if pty, _, ok := sess.Pty(); ok && !sess.EmulatedPty() && pty.Slave != nil {
		return pty.Slave
	}
	return sess
}
