//go:build !unix

package document

import "os/exec"

// ownGroup: elsewhere cancelling kills soffice itself.
func ownGroup(*exec.Cmd) {}
