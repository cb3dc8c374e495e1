package store

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// A damaged file makes bbolt panic: a page header that does not match its
// page is an assertion, a page number beyond the file a fault on the
// memory map. Every transaction of the store runs through guard, which
// turns those panics into an error wrapping ErrDamaged; Open checks, before
// bbolt maps the file, what it can of the file's frame (filecheck.go).

// damagedError says what is damaged and what to do.
type damagedError struct {
	path   string
	detail string
}

func (e *damagedError) Error() string {
	return fmt.Sprintf("database %s is damaged: %s; restore from a backup (qaward backup)", e.path, e.detail)
}

func (e *damagedError) Unwrap() error { return ErrDamaged }

func damagedf(path, format string, args ...any) error {
	return &damagedError{path: path, detail: fmt.Sprintf(format, args...)}
}

// view, update and batch are the only places the store runs bbolt
// transactions.
func (db *DB) view(fn func(*bolt.Tx) error) error {
	return guard(db.path, func() error { return db.bolt.View(fn) })
}

func (db *DB) update(fn func(*bolt.Tx) error) error {
	err := guard(db.path, func() error { return db.bolt.Update(fn) })
	if err == nil {
		db.committed()
	}
	return err
}

// batch joins fn to a bbolt Batch. A panic in fn is caught by bbolt, which
// then runs fn again alone in this goroutine, where guard sees it; only
// the batch's commit runs in bbolt's own goroutine.
func (db *DB) batch(fn func(*bolt.Tx) error) error {
	err := guard(db.path, func() error { return db.bolt.Batch(fn) })
	if err == nil {
		db.committed()
	}
	return err
}

// guard runs fn (which runs bbolt) and turns a panic of bbolt, or of this
// package's code reading what bbolt returned, into an error wrapping
// ErrDamaged. Faults on the memory-mapped file (a page number beyond its
// end) become panics too while fn runs, instead of killing the process.
// bbolt rolls the transaction back as the panic passes, so the database
// stays usable. A panic raised elsewhere, such as in a caller's callback,
// is raised again: it is a bug, not damage.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = damage(path, p, "")
		}
	}()
	return fn()
}

// damage is the error for a recovered panic p, in the bucket where (if
// known); it panics again with p when p did not come from reading the file.
// It must be called from the deferred function that recovered p.
func damage(path string, p any, where string) error {
	_, fault := p.(interface{ Addr() uintptr })
	if !fault && !panickedReading() {
		panic(p)
	}
	detail := strings.TrimPrefix(fmt.Sprint(p), "assertion failed: ")
	if fault {
		detail = "a page lies beyond the end of the file (" + detail + ")"
	}
	detail = "bbolt says: " + detail
	if where != "" {
		detail = "bucket " + where + ": " + detail
	}
	return damagedf(path, "%s", detail)
}

// panickedReading reports whether the panic being recovered was raised in
// bbolt or in this package (which reads only what bbolt returns), rather
// than in a callback of another package.
func panickedReading() bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			// The frame that panicked; damage itself raises again what an
			// inner guard found was not damage.
			return strings.HasPrefix(f.Function, "go.etcd.io/bbolt") ||
				strings.HasPrefix(f.Function, "qaward/store.") && f.Function != "qaward/store.damage"
		}
		if !more {
			return false
		}
	}
}

// checkTx checks the whole file as of tx: first it reads every page in use
// through bbolt's cursors, here, where guard catches what a damaged page
// raises; then it runs bbolt's own consistency check (tx.Check), which
// runs in a goroutine of its own that nothing could recover from, on pages
// now known to be sound. Damage is an error wrapping ErrDamaged.
func (db *DB) checkTx(tx *bolt.Tx) error {
	if err := db.readPages(tx); err != nil {
		return err
	}
	var problems []string
	for err := range tx.Check() {
		problems = append(problems, err.Error())
	}
	switch n := len(problems); {
	case n == 0:
		return nil
	case n > 5:
		problems = append(problems[:5], fmt.Sprintf("and %d more", n-5))
	}
	return damagedf(db.path, "bbolt's consistency check: %s", strings.Join(problems, "; "))
}

// readPages walks every bucket and key of tx, which makes bbolt check the
// header of every branch and leaf page in use, and checks that the keys of
// each bucket come in order. Damage is an error naming the bucket.
func (db *DB) readPages(tx *bolt.Tx) (err error) {
	where := "(the root)"
	defer func() {
		if p := recover(); p != nil {
			err = damage(db.path, p, where)
		}
	}()
	var walk func(c *bolt.Cursor, open func([]byte) *bolt.Bucket, path string) error
	walk = func(c *bolt.Cursor, open func([]byte) *bolt.Bucket, path string) error {
		var prev []byte
		for k, v := c.First(); k != nil; k, v = c.Next() {
			where = path
			if prev != nil && bytes.Compare(prev, k) >= 0 {
				return damagedf(db.path, "bucket %s: key %q comes after key %q", path, DisplayKey(string(k)), DisplayKey(string(prev)))
			}
			prev = k
			if v != nil {
				continue
			}
			sub := string(k)
			if path != "(the root)" {
				sub = path + "/" + sub
			}
			where = sub
			b := open(k)
			if b == nil {
				return damagedf(db.path, "bucket %s cannot be opened", sub)
			}
			if err := walk(b.Cursor(), b.Bucket, sub); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(tx.Cursor(), tx.Bucket, where)
}
