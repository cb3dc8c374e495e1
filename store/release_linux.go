package store

import (
	"os"
	"syscall"
	"time"
)

// releasingPages gives back the pages of the memory map every 10 ms
// while a walk over the whole file runs (on a read-only database), and
// once more at the end; call the function it returns when the walk is
// done. bbolt's own check walks the file in one call, so the pages cannot
// be given back between its steps.
func (db *DB) releasingPages() (stop func()) {
	if !db.readOnly {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				db.releasePages()
				return
			case <-t.C:
				db.releasePages()
			}
		}
	}()
	return func() { close(done); <-finished }
}

// releasePages drops the pages of the database's memory map from this
// process's resident memory: a walk over the whole file (Verify, Backup)
// would otherwise keep every page it touched, so that the resident size
// grows with the file. The pages stay in the kernel's page cache, and a
// later read maps them again; the map is read-only and shared with the
// file, so nothing is lost. Only a read-only database does it: with a
// writer in the process the map may move (bbolt remaps a growing file),
// and the old address might by then hold other memory.
func (db *DB) releasePages() {
	if !db.readOnly {
		return
	}
	fi, err := os.Stat(db.path)
	if err != nil || fi.Size() == 0 {
		return
	}
	info := db.bolt.Info()
	if info == nil || info.Data == 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(fi.Size()), syscall.MADV_DONTNEED)
}
