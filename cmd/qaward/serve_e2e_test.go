//go:build e2e

package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/tui/tmuxtest"
)

// TestE2EServeOverSSH runs `qaward serve` and connects to it with Debian's
// ssh client in tmux, as a reviewer would from their laptop: the TUI comes
// up over SSH, a score typed there is saved, a resize redraws it at the
// new width, a local qaward on the same database is told how to connect,
// and SIGTERM tells the session and stops the server (how long it took
// is logged).
func TestE2EServeOverSSH(t *testing.T) {
	for _, tool := range []string{"ssh", "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install openssh-client tmux)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "qaward")
	if out, err := exec.Command("go", "build", "-o", bin, "qaward/cmd/qaward").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "panel.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := storeDataset(st, "office", sample.Demo()); err != nil {
		t.Fatal(err)
	}
	st.Close()

	keyFile, keyLine := clientKey(t, dir, "r002")
	users := writeFile(t, dir, "users.toml", fmt.Sprintf("[[person]]\nid = \"R002\"\nrole = \"reviewer\"\nkeys = [%q]\n", keyLine))

	var out, errb bytes.Buffer
	server := exec.Command(bin, "--db", db, "serve", "--listen", "127.0.0.1:0", "--users", users)
	server.Stdout, server.Stderr = &out, &errb
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- server.Wait() }()
	t.Cleanup(func() { server.Process.Kill() })
	var info serveInfo
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var ok bool
		if info, ok = readServeFile(db); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never wrote %s\nstdout: %s\nstderr: %s", servePath(db), out.String(), errb.String())
		}
	}
	_, port, _ := strings.Cut(info.Addr, ":")

	tm := tmuxtest.New(t, "qaward-serve-e2e")
	sshCmd := fmt.Sprintf("ssh -p %s -i %s -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new "+
		"-o UserKnownHostsFile=%s -o LogLevel=ERROR -t panel@127.0.0.1", port, keyFile, filepath.Join(dir, "known_hosts"))
	tm.Start("ssh", sshCmd)
	tm.WaitFor("ssh", "我的评分任务")
	tm.WaitFor("ssh", "A0012")

	// Score the first item of the last sheet on the list.
	tm.Keys("ssh", "End", "Enter")
	tm.WaitFor("ssh", "合计")
	tm.Keys("ssh", "7", "5")
	tm.WaitFor("ssh", "已保存")

	// A resize reaches the program: the header spans the new width.
	if w := headerWidth(tm.Capture("ssh")); w > 100 {
		t.Errorf("header %d cells wide on a 100-column terminal", w)
	}
	tm.Run("resize-window", "-t", "ssh", "-x", "130", "-y", "30")
	deadline := time.Now().Add(30 * time.Second)
	for headerWidth(tm.Capture("ssh")) <= 100 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if w := headerWidth(tm.Capture("ssh")); w <= 100 || w > 130 {
		t.Errorf("after resizing to 130 columns the header is %d cells wide:\n%s", w, tm.Capture("ssh"))
	}

	// A local qaward on the held database says how to connect.
	tm.Start("local", fmt.Sprintf("%s --db %s --as R002", bin, db))
	tm.WaitFor("local", "qaward serve is running on "+info.Addr+": connect with ssh -p "+port+" 127.0.0.1")
	tm.WaitFor("local", "__exit 1__")

	// SIGTERM: the session is told, ssh ends, the server is gone.
	start := time.Now()
	if err := server.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		t.Logf("server stopped %v after SIGTERM", time.Since(start))
		if err != nil {
			t.Errorf("server exit: %v\nstderr: %s", err, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not stop\nstderr: %s", errb.String())
	}
	tm.WaitFor("ssh", "qaward serve is shutting down")
	tm.WaitFor("ssh", "__exit 0__")
	if _, err := os.Stat(servePath(db)); !os.IsNotExist(err) {
		t.Errorf("%s is still there after the server stopped: %v", servePath(db), err)
	}

	// The score is in the database.
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var found bool
	st.Sheets(sample.DemoCycle, false, func(s award.Sheet) error {
		found = found || (s.ReviewerID == "R002" && s.Stage == award.Material && s.ApplicantID == "A0012" && s.Percents[0] == 75)
		return nil
	})
	if !found {
		t.Error("R002's score of A0012 typed over SSH is not in the database")
	}
}

// headerWidth is the width of the screen's header line (the one that
// names the program), trailing blanks left out.
func headerWidth(screen string) int {
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, "武冈市市长质量奖评审") {
			line = strings.TrimRight(line, " ")
			w := 0
			for _, r := range line {
				if r >= 0x2E80 {
					w += 2
				} else {
					w++
				}
			}
			return w
		}
	}
	return 0
}

// clientKey writes an Ed25519 key pair as ssh-keygen would, returning the
// private key's file and the public key's authorized_keys line.
func clientKey(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return path, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + name
}
