//go:build !linux && !darwin && !freebsd && !dragonfly && !netbsd && !openbsd && !solaris

package serve

import (
	"io"

	"github.com/charmbracelet/ssh"
)

// sessionOutput is the writer bubbletea.MakeOptions gives a session's
// program: the session itself on these systems.
func sessionOutput(sess ssh.Session) io.Writer { return sess }
