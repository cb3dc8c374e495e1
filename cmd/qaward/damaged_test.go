package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Offsets in bbolt's file format (version 2): a page header is 16 bytes
// (id, flags, count, overflow); pages 0 and 1 hold a meta after it, whose
// pgid (pages in use) is at 40 and txid at 48; a leaf element is 16 bytes
// (flags, pos, ksize, vsize), pos counted from the element.
const (
	pageHeader = 16
	metaPgid   = pageHeader + 40
	metaTxid   = pageHeader + 48
)

// boltFrame is what the damages need to know of a sound file.
type boltFrame struct {
	pageSize   uint64
	cyclesRoot uint64 // the root page of the cycles bucket
	inUse      int64  // pages in use × page size
	metaOff    uint64 // offset of the current meta page
}

func frameOf(t *testing.T, path string) boltFrame {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var f boltFrame
	f.pageSize = uint64(bdb.Info().PageSize)
	err = bdb.View(func(tx *bolt.Tx) error {
		f.cyclesRoot = uint64(tx.Bucket([]byte("cycles")).Root())
		f.inUse = tx.Size()
		return nil
	})
	bdb.Close()
	if err != nil || f.cyclesRoot == 0 {
		t.Fatalf("cycles bucket: root page %d, %v", f.cyclesRoot, err)
	}
	raw := readAll(t, path)
	ne := binary.NativeEndian
	if ne.Uint64(raw[f.pageSize+metaTxid:]) > ne.Uint64(raw[metaTxid:]) {
		f.metaOff = f.pageSize
	}
	return f
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// damagedCopy writes raw, changed by fn, to a new file.
func damagedCopy(t *testing.T, raw []byte, fn func([]byte) []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(p, fn(bytes.Clone(raw)), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDamagedDatabase damages copies of the scenario database as a disk,
// a copy or a careless hand could, and runs every command on each: every
// one exits 1 with one message that says what is damaged and to restore
// from a backup, never a panic or a stack, and leaves the file (and the
// files it would have written) as they were. criteria, which needs no
// database, still works.
func TestDamagedDatabase(t *testing.T) {
	sound := setupScenario(t)
	f := frameOf(t, sound)
	raw := readAll(t, sound)
	ne := binary.NativeEndian
	damages := []struct {
		name string
		fn   func([]byte) []byte
		want string
	}{
		{"data page header", func(b []byte) []byte {
			b[f.cyclesRoot*f.pageSize] ^= 0xff // the low byte of the page's own ID
			return b
		}, "Page expected to be"},
		{"page beyond the file", func(b []byte) []byte {
			// The cycles bucket's root is a leaf whose one element is the
			// cycle's bucket; its value starts with that bucket's root page.
			p := b[f.cyclesRoot*f.pageSize:]
			if ne.Uint16(p[10:]) != 1 {
				t.Fatalf("cycles root page has %d elements", ne.Uint16(p[10:]))
			}
			off := pageHeader + ne.Uint32(p[pageHeader+4:]) + ne.Uint32(p[pageHeader+8:])
			ne.PutUint64(p[off:], 1<<30)
			return b
		}, "beyond the end of the file"},
		{"meta page byte", func(b []byte) []byte {
			b[f.metaOff+metaPgid] ^= 0x01
			return b
		}, "fails its checksum"},
		{"both meta pages", func(b []byte) []byte {
			b[pageHeader+20] ^= 0x01
			b[f.pageSize+pageHeader+20] ^= 0x01
			return b
		}, "both meta pages are damaged"},
		{"truncated to half", func(b []byte) []byte {
			return b[:min(int64(len(b)), f.inUse)/2]
		}, "cut short"},
		{"truncated to 4096 bytes", func(b []byte) []byte { return b[:4096] }, "missing"},
		{"zero length", func(b []byte) []byte { return b[:0] }, "empty"},
	}
	commands := []struct {
		name string
		args []string // after --db FILE
		out  string   // a file the command would write, relative to a fresh directory
	}{
		{"verify", []string{"verify"}, ""},
		{"rank", []string{"rank", "--stage", "composite"}, ""},
		{"export", []string{"export", "rankings", "x.csv", "--stage", "composite"}, "x.csv"},
		{"backup", []string{"backup", "y.db"}, "y.db"},
		{"config", []string{"config"}, ""},
		{"candidates", []string{"candidates"}, ""},
		{"packet list", []string{"packet", "list"}, ""},
		{"tui", nil, ""},
		{"tui as reviewer", []string{"--as", "R1"}, ""},
	}
	// Every command works on the sound file.
	for _, c := range commands {
		if c.args == nil || c.args[0] == "--as" {
			continue // the TUI would wait for keys
		}
		dir := t.TempDir()
		mustQA(t, append([]string{"--db", sound}, inDir(dir, c.args)...)...)
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			db := damagedCopy(t, raw, d.fn)
			before := fileHash(t, db)
			for _, c := range commands {
				dir := t.TempDir()
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				var out, errs bytes.Buffer
				code := run(ctx, append([]string{"--db", db}, inDir(dir, c.args)...), strings.NewReader(""), &out, &errs)
				t.Logf("%s: %s", c.name, strings.TrimSpace(errs.String()))
				timedOut := ctx.Err() != nil
				cancel()
				all := out.String() + errs.String()
				switch {
				case timedOut:
					t.Errorf("%s: still running after 20 s (the TUI started on a damaged file)", c.name)
				case code != 1:
					t.Errorf("%s: exit %d, want 1\n%s", c.name, code, all)
				case strings.Count(errs.String(), "restore from a backup (qaward backup)") != 1:
					t.Errorf("%s: stderr does not say once to restore from a backup:\n%s", c.name, errs.String())
				case !strings.Contains(errs.String(), db) || !strings.Contains(errs.String(), "is damaged") ||
					!strings.Contains(errs.String(), d.want):
					t.Errorf("%s: stderr does not say that %s is damaged (%s):\n%s", c.name, db, d.want, errs.String())
				}
				for _, bad := range []string{"goroutine", "panic"} {
					if strings.Contains(all, bad) {
						t.Errorf("%s: output has %q:\n%s", c.name, bad, all)
					}
				}
				if c.out != "" {
					if ents, _ := os.ReadDir(dir); len(ents) != 0 {
						t.Errorf("%s: left %d file(s) behind, such as %s", c.name, len(ents), ents[0].Name())
					}
				}
			}
			if after := fileHash(t, db); after != before {
				t.Error("a command changed the damaged file")
			}
			out, errs, code := qa(t, "--db", db, "criteria", "--format", "csv")
			if code != 0 || !strings.HasPrefix(out, "category,") {
				t.Errorf("criteria beside a damaged database: exit %d\n%s", code, errs)
			}
		})
	}
}

// inDir makes the file arguments of a command (x.csv, y.db) paths in dir.
func inDir(dir string, args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "x.csv" || a == "y.db" {
			a = filepath.Join(dir, a)
		}
		out[i] = a
	}
	return out
}
