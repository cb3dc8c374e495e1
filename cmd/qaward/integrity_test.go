package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"qaward/store"
)

// TestVerifyDetectsAScoreChangedOutsideQaward changes one percentage of a
// stored sheet directly through bbolt, as someone with the file could, and
// expects `qaward verify` to fail naming that sheet.
func TestVerifyDetectsAScoreChangedOutsideQaward(t *testing.T) {
	db := setupScenario(t)
	out := mustQA(t, "--db", db, "verify")
	if !strings.HasPrefix(out, "ok:") {
		t.Fatalf("verify on an honest database: %s", out)
	}
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("cycles")).Bucket([]byte("2026")).Bucket([]byte("sheets"))
		key := []byte("material\x00O01\x00R1")
		v := append([]byte(nil), b.Get(key)...)
		// version, flags, set ID (length 13 + "gbt19580-2012"), item count,
		// then the percentages: 4.1.2 is at byte 17; R1 gave 80 %.
		if len(v) < 18 || v[17] != 80 {
			return fmt.Errorf("unexpected sheet encoding %v", v[:min(len(v), 20)])
		}
		v[17] = 100
		return b.Put(key, v)
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := qa(t, "--db", db, "verify")
	if code == 0 {
		t.Fatalf("verify passed a tampered database: %s", out)
	}
	if !strings.Contains(out, "cycles/2026/sheets material/O01/R1") || !strings.Contains(errs, "1 fault") {
		t.Errorf("verify does not name the changed sheet:\n%s\n%s", out, errs)
	}
}

// TestHelperProcess is not a test: run by TestSecondProcessIsToldInUse, it
// holds the database open for writing until its stdin closes.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv("QAWARD_HOLD_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("held")
	bufio.NewReader(os.Stdin).ReadString('\n')
	st.Close()
	os.Exit(0)
}

// TestSecondProcessIsToldInUse holds the database in another process and
// expects every command to be refused with a clear message instead of
// waiting. How long each took is logged, not asserted (DESIGN §5: figures
// are reported, never asserted in timed tests); a generous deadline only
// catches a command that hangs.
func TestSecondProcessIsToldInUse(t *testing.T) {
	db := setupScenario(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "QAWARD_HOLD_DB="+db)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "held" {
		t.Fatalf("helper did not hold the database: %q", line)
	}
	more := writeFile(t, t.TempDir(), "more.csv", "id,name\nR10,新评审员\n")
	for _, args := range [][]string{{"rank", "--stage", "material"}, {"import", "reviewers", more}, {"verify"}} {
		type result struct {
			errs string
			code int
		}
		done := make(chan result, 1)
		start := time.Now()
		go func() {
			var out, errb bytes.Buffer
			code := run(context.Background(), append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
			done <- result{errb.String(), code}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(time.Minute):
			t.Fatalf("%v did not give up within a minute on a held database: it hangs", args)
		}
		t.Logf("%v refused after %v", args, time.Since(start).Round(time.Millisecond))
		errs, code := r.errs, r.code
		if code == 0 {
			t.Fatalf("%v succeeded on a held database", args)
		}
		if !strings.Contains(errs, "in use") || !strings.Contains(errs, db) {
			t.Errorf("%v: message does not say the database is in use: %s", args, errs)
		}
	}
}
