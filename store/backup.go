package store

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the database to w from a read
// transaction, so that others keep reading (and one writer keeps writing)
// meanwhile. It returns the number of bytes written. It checks the file
// first and copies no damaged file: that would not be a backup to restore
// from. bbolt's own consistency check (tx.Check) compares the pages with
// the freelist, which a writer changes meanwhile (it reports pages
// "reachable freed" that are not), so on a database open for writing,
// such as a served one, Backup reads every page in use (readPages) and
// BackupFile runs the full check on the copy it wrote.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	defer db.releasingPages()()
	err := db.view(func(tx *bolt.Tx) error {
		check := db.checkTx
		if !db.readOnly {
			check = db.readPages // a writer may commit meanwhile
		}
		if err := check(tx); err != nil {
			return err
		}
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a consistent copy of the database to path: into a
// temporary file in the same directory, fsynced, then renamed over path,
// so that path holds either the old file or the whole new copy, never a
// part. The copy is readable by its owner only.
func (db *DB) BackupFile(path string) (err error) {
	if same, _ := samePath(path, db.path); same {
		return fmt.Errorf("backup: %s is the database itself", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err = db.Backup(f); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = checkCopy(tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	// Make the rename itself durable.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// checkCopy runs bbolt's consistency check on a copy just written, which
// no one else writes.
func checkCopy(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = checkFile(f, path)
	f.Close()
	if err != nil {
		return err
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("the copy does not open: %w", err)
	}
	defer bdb.Close()
	cp := &DB{bolt: bdb, path: path, readOnly: true}
	defer cp.releasingPages()()
	return cp.view(cp.checkTx)
}

// BackupInto writes a consistent copy of the database into dir (made if
// missing), named after the database and the time of the copy in UTC, such
// as cycle-20261202T041500Z.db, and returns the copy's path. It is what a
// server's scheduled backups and the office's `ssh … backup` take while
// sessions go on writing.
func (db *DB) BackupInto(dir string, now time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	base := strings.TrimSuffix(filepath.Base(db.path), filepath.Ext(db.path))
	path := filepath.Join(dir, base+"-"+now.UTC().Format("20060102T150405Z")+".db")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("backup: %s exists already; wait a second and ask again", path)
	}
	return path, db.BackupFile(path)
}

// samePath reports whether a and b name the same file.
func samePath(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}
