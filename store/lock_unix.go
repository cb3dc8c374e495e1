//go:build !windows && !plan9 && !solaris && !aix && !android

package store

import (
	"os"
	"syscall"
	"time"
)

// lockShared takes a shared flock on f, as bbolt does for readers, waiting
// up to timeout for a writer to let go; false when it did not.
func lockShared(f *os.File, timeout time.Duration) (bool, error) {
	start := time.Now()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case err != syscall.EWOULDBLOCK:
			return false, err
		case time.Since(start) >= timeout:
			return false, nil
		}
		time.Sleep(min(50*time.Millisecond, timeout))
	}
}
