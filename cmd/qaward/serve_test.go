package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"qaward/award/sample"
	"qaward/store"
)

func TestSSHCommand(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:2222":   "ssh -p 2222 127.0.0.1",
		"[::]:2222":        "ssh -p 2222 localhost",
		"0.0.0.0:40000":    "ssh -p 40000 localhost",
		":2222":            "ssh -p 2222 localhost",
		"panel.local:22":   "ssh panel.local",
		"10.1.2.3:2222":    "ssh -p 2222 10.1.2.3",
		"not an address":   "ssh not an address",
		"[fe80::1%2]:2222": "ssh -p 2222 fe80::1%2",
	} {
		if got := sshCommand(addr); got != want {
			t.Errorf("sshCommand(%q) = %q, want %q", addr, got, want)
		}
	}
}

// servedDemoDB is a database file holding the sample cycle.
func servedDemoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "panel.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := storeDataset(st, "office", sample.Demo()); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestLocalTUIOnServedDatabase: a local qaward on a database a server holds
// says how to connect; without the server's file, the usual "in use".
func TestLocalTUIOnServedDatabase(t *testing.T) {
	db := servedDemoDB(t)
	held, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	_, errs, code := qa(t, "--db", db, "--as", "R002")
	if code == 0 || !strings.Contains(errs, "in use") {
		t.Errorf("without a server file: exit %d, %q", code, errs)
	}
	// A file left by a server killed with -9 does not count.
	if err := writeServeFile(db, serveInfo{Addr: "[::]:2222", PID: 1 << 30, HostKey: "SHA256:x"}); err != nil {
		t.Fatal(err)
	}
	if _, errs, _ := qa(t, "--db", db, "--as", "R002"); strings.Contains(errs, "qaward serve is running") {
		t.Errorf("a stale server file was believed: %q", errs)
	}
	if err := writeServeFile(db, serveInfo{Addr: "[::]:2222", PID: os.Getpid(), HostKey: "SHA256:x"}); err != nil {
		t.Fatal(err)
	}
	_, errs, code = qa(t, "--db", db, "--as", "R002")
	want := "qaward serve is running on [::]:2222: connect with ssh -p 2222 localhost"
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("with a server: exit %d, %q; want %q", code, errs, want)
	}
	_, errs, _ = qa(t, "--db", db, "demo")
	if !strings.Contains(errs, want) {
		t.Errorf("demo on it: %q", errs)
	}
}

func TestServeUsage(t *testing.T) {
	db := servedDemoDB(t)
	if _, errs, code := qa(t, "--db", db, "serve"); code != 2 || !strings.Contains(errs, "--users FILE is required") {
		t.Errorf("no --users: exit %d, %q", code, errs)
	}
	bad := writeFile(t, t.TempDir(), "users.toml", "[[person]]\nid = \"R002\"\nrole = \"chair\"\nkeys = []\n")
	if _, errs, code := qa(t, "--db", db, "serve", "--users", bad); code != 1 || !strings.Contains(errs, `role "chair"`) {
		t.Errorf("bad users file: exit %d, %q", code, errs)
	}
	empty := writeFile(t, t.TempDir(), "users.toml", "# nobody yet\n")
	if _, errs, code := qa(t, "--db", db, "serve", "--users", empty); code != 1 ||
		!strings.Contains(errs, "users file "+empty+": no [[person]] in the file") {
		t.Errorf("empty users file: exit %d, %q", code, errs)
	}
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	good := writeFile(t, t.TempDir(), "users.toml",
		fmt.Sprintf("[[person]]\nid = \"R002\"\nrole = \"reviewer\"\nkeys = [%q]\n", strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshPub)))))
	if _, errs, code := qa(t, "--db", db, "serve", "--users", good, "--idle-timeout", "0s"); code != 2 || !strings.Contains(errs, "--idle-timeout 0s: want a positive duration") {
		t.Errorf("--idle-timeout 0: exit %d, %q", code, errs)
	}
	if out, errs, code := qa(t, "serve", "--help"); code != 0 || !strings.Contains(out+errs, "--host-key") || !strings.Contains(out+errs, "-idle-timeout") {
		t.Errorf("serve --help: exit %d, %q", code, out+errs)
	}
}

// TestServeCommand runs `qaward serve` in-process: it writes the host key
// and the server file next to the database, lets a listed key in, and on
// cancellation (SIGINT, SIGTERM) stops (how long it took is logged) and
// removes the server file.
func TestServeCommand(t *testing.T) {
	db := servedDemoDB(t)
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
	users := writeFile(t, t.TempDir(), "users.toml", fmt.Sprintf("[[person]]\nid = \"R002\"\nrole = \"reviewer\"\nkeys = [%q]\n", line))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--db", db, "serve", "--listen", "127.0.0.1:0", "--users", users}, strings.NewReader(""), &out, &errb)
	}()
	var info serveInfo
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var ok bool
		if info, ok = readServeFile(db); ok {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no server file")
		}
	}
	fi, err := os.Stat(db + ".host_key")
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key next to the database: %v %v", fi, err)
	}
	if info.PID != os.Getpid() || !strings.HasPrefix(info.HostKey, "SHA256:") {
		t.Errorf("server file: %+v", info)
	}
	client, err := gossh.Dial("tcp", info.Addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("the listed key: %v", err)
	}
	client.Close()

	start := time.Now()
	cancel()
	select {
	case code := <-done:
		t.Logf("serve stopped %v after the cancellation", time.Since(start))
		if code != 0 {
			t.Errorf("serve exit %d: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := os.Stat(servePath(db)); !os.IsNotExist(err) {
		t.Errorf("server file left behind: %v", err)
	}
	for _, s := range []string{"connect with: ssh -p ", "host key SHA256:", "kill -HUP"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("serve's output lacks %q:\n%s", s, out.String())
		}
	}
	// The database is free again.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}
