package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The audit entry format, written out here again (from store/audit.go) so
// that the tests forge entries as someone with the file and the source
// could: version, time (8 bytes), actor, action, bucket, key (uvarint
// length + bytes each), before and after (a presence byte, then length +
// bytes), prev (length + raw hash), then the SHA-256 of "qaward audit
// v1\x00", the sequence number (8 bytes big-endian) and all of the above.
type forgedEntry struct {
	seq                 uint64
	head                []byte // version and time
	actor, action       []byte
	bucket, key         []byte
	before, after, prev []byte // nil when absent
}

func decodeForged(t *testing.T, k, v []byte) forgedEntry {
	t.Helper()
	e := forgedEntry{seq: binary.BigEndian.Uint64(k), head: v[:9]}
	r := v[9 : len(v)-32]
	take := func() []byte {
		n, w := binary.Uvarint(r)
		if w <= 0 || uint64(len(r)-w) < n {
			t.Fatalf("audit entry %d does not decode", e.seq)
		}
		b := r[w : w+int(n)]
		r = r[w+int(n):]
		return b
	}
	opt := func() []byte {
		present := r[0]
		r = r[1:]
		if present == 0 {
			return nil
		}
		return take()
	}
	e.actor, e.action, e.bucket, e.key = take(), take(), take(), take()
	e.before, e.after = opt(), opt()
	e.prev = take()
	if len(r) != 0 {
		t.Fatalf("audit entry %d has trailing bytes", e.seq)
	}
	return e
}

func (e forgedEntry) encode() (val, hash []byte) {
	b := bytes.Clone(e.head)
	str := func(s []byte) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	opt := func(s []byte) {
		if s == nil {
			b = append(b, 0)
			return
		}
		b = append(b, 1)
		str(s)
	}
	str(e.actor)
	str(e.action)
	str(e.bucket)
	str(e.key)
	opt(e.before)
	opt(e.after)
	str(e.prev)
	h := sha256.New()
	h.Write([]byte("qaward audit v1\x00"))
	h.Write(binary.BigEndian.AppendUint64(nil, e.seq))
	h.Write(b)
	sum := h.Sum(nil)
	return append(b, sum...), sum
}

// forge changes the database file through bbolt directly.
func forge(t *testing.T, db string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func bucketAt(tx *bolt.Tx, path []byte) *bolt.Bucket {
	parts := strings.Split(string(path), "/")
	b := tx.Bucket([]byte(parts[0]))
	for _, p := range parts[1:] {
		b = b.Bucket([]byte(p))
	}
	return b
}

var headLine = regexp.MustCompile(`(?m)^audit head ([0-9]+:[0-9a-f]{64})$`)

// verifiedHead runs verify, which must pass, and returns the head it
// printed.
func verifiedHead(t *testing.T, db string, args ...string) string {
	t.Helper()
	out := mustQA(t, append([]string{"--db", db, "verify"}, args...)...)
	m := headLine.FindStringSubmatch(out)
	if !strings.HasPrefix(out, "ok:") || m == nil {
		t.Fatalf("verify printed no head:\n%s", out)
	}
	return m[1]
}

// TestVerifyPrintsHead: verify prints the chain's head, which is its last
// entry; --since-head passes for that head and for it after more entries.
func TestVerifyPrintsHead(t *testing.T) {
	db := setupScenario(t)
	out := mustQA(t, "--db", db, "verify")
	head := verifiedHead(t, db)
	var n int
	if _, err := fmt.Sscanf(out[strings.Index(out, "audit chain of "):], "audit chain of %d entries", &n); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(head, fmt.Sprint(n)+":") {
		t.Errorf("head %s is not entry %d, the last", head, n)
	}
	if again := verifiedHead(t, db, "--since-head", head); again != head {
		t.Errorf("head moved without a change: %s, then %s", head, again)
	}
	mustQA(t, "--db", db, "import", "reviewers", writeFile(t, t.TempDir(), "more.csv", "id,name\nR10,新评审员\n"))
	out = mustQA(t, "--db", db, "verify", "--since-head", head)
	if !strings.Contains(out, "extends the head recorded earlier, "+head) || strings.Contains(out, "audit head "+head) {
		t.Errorf("verify --since-head after a change:\n%s", out)
	}
	for _, bad := range []string{"12", "x:y", "0:" + strings.Repeat("a", 64), "5:abc"} {
		if _, errs, code := qa(t, "--db", db, "verify", "--since-head", bad); code != 2 || !strings.Contains(errs, "SEQ:HASH") && !strings.Contains(errs, "hex digits") {
			t.Errorf("--since-head %q: exit %d, %s", bad, code, errs)
		}
	}
}

// TestVerifySinceHeadDetectsCutBack deletes the last audit entry and puts
// its record back as it was before: the chain is whole and plain verify
// passes, but the head recorded earlier is gone.
func TestVerifySinceHeadDetectsCutBack(t *testing.T) {
	db := setupScenario(t)
	head := verifiedHead(t, db)
	forge(t, db, func(tx *bolt.Tx) error {
		audit := tx.Bucket([]byte("audit"))
		k, v := audit.Cursor().Last()
		e := decodeForged(t, k, v)
		b := bucketAt(tx, e.bucket)
		var err error
		if e.before == nil {
			err = b.Delete(bytes.Clone(e.key))
		} else {
			err = b.Put(bytes.Clone(e.key), bytes.Clone(e.before))
		}
		if err != nil {
			return err
		}
		if err := audit.Delete(bytes.Clone(k)); err != nil {
			return err
		}
		return audit.SetSequence(e.seq - 1)
	})
	if cut := verifiedHead(t, db); cut == head {
		t.Fatal("the head did not change")
	}
	out, errs, code := qa(t, "--db", db, "verify", "--since-head", head)
	t.Logf("verify --since-head %s:\n%s%s", head, out, errs)
	if code != 1 || !strings.Contains(errs, "does not extend the audit head "+head) || !strings.Contains(errs, "cut back") {
		t.Errorf("verify --since-head on a log cut back: exit %d\n%s\n%s", code, out, errs)
	}
	if strings.Contains(out, "ok:") || headLine.MatchString(out) {
		t.Errorf("verify --since-head printed a success:\n%s", out)
	}
}

// TestVerifySinceHeadDetectsRewrite changes one percentage of a sheet,
// in the record and in the audit entry that wrote it, and recomputes the
// hash of that entry and of every later one: plain verify passes, but the
// entry of the head recorded earlier no longer has its hash.
func TestVerifySinceHeadDetectsRewrite(t *testing.T) {
	db := setupScenario(t)
	head := verifiedHead(t, db)
	forge(t, db, func(tx *bolt.Tx) error {
		audit := tx.Bucket([]byte("audit"))
		var keys, vals [][]byte // read first: a cursor must not walk what is being written
		if err := audit.ForEach(func(k, v []byte) error {
			keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
			return nil
		}); err != nil {
			return err
		}
		var prev []byte
		rewritten := false
		for i, k := range keys {
			e := decodeForged(t, k, vals[i])
			if !rewritten && string(e.bucket) == "cycles/2026/sheets" && string(e.key) == "material\x00O01\x00R1" {
				// As in integrity_test.go: 4.1.2 is at byte 17; R1 gave 80 %.
				after := bytes.Clone(e.after)
				if len(after) < 18 || after[17] != 80 {
					return fmt.Errorf("unexpected sheet encoding %v", after[:min(len(after), 20)])
				}
				after[17] = 100
				e.after = after
				if err := bucketAt(tx, e.bucket).Put(bytes.Clone(e.key), bytes.Clone(after)); err != nil {
					return err
				}
				rewritten = true
			}
			if rewritten {
				e.prev = prev
			}
			val, sum := e.encode()
			prev = sum
			if err := audit.Put(k, val); err != nil {
				return err
			}
		}
		if !rewritten {
			return fmt.Errorf("no audit entry wrote sheet material/O01/R1")
		}
		return nil
	})
	if forged := verifiedHead(t, db); forged == head || !strings.HasPrefix(forged, strings.Split(head, ":")[0]+":") {
		t.Fatalf("forged head %s, recorded %s: want the same entry with another hash", forged, head)
	}
	out, errs, code := qa(t, "--db", db, "verify", "--since-head", head)
	t.Logf("verify --since-head %s:\n%s%s", head, out, errs)
	if code != 1 || !strings.Contains(errs, "does not extend the audit head "+head) || !strings.Contains(errs, "rewritten") {
		t.Errorf("verify --since-head on a rewritten log: exit %d\n%s\n%s", code, out, errs)
	}
}
