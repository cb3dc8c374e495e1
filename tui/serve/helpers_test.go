package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"qaward/award/sample"
	"qaward/store"
)

// demoStore is a real database holding the sample cycle.
func demoStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "panel.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, c := sample.Demo(), sample.DemoCycle
	for _, err := range []error{
		db.CreateCycle("office", d.Cycle),
		db.PutApplicants("office", c, d.Applicants),
		db.PutReviewers("office", c, d.Reviewers),
		db.PutConflicts("office", c, d.Conflicts),
		db.PutGroups("office", c, d.Groups),
		db.PutAssignments("office", c, d.Assignments),
		db.PutSheets("office", c, d.Sheets),
		db.PutSatisfaction("office", c, d.Satisfaction),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// newKey makes a client key: its signer and its authorized_keys line.
func newKey(t *testing.T, comment string) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment
	return signer, line
}

// testServer serves the store on 127.0.0.1 with the given users file.
type testServer struct {
	srv     *Server
	addr    string
	hostKey gossh.PublicKey
	log     *syncBuffer
	done    chan error
}

func startServer(t *testing.T, st store.Store, usersTOML string) *testServer {
	t.Helper()
	return startServerWith(t, st, usersTOML, nil)
}

// startServerWith is startServer with options changed by set (nil: none).
func startServerWith(t *testing.T, st store.Store, usersTOML string, set func(*Options)) *testServer {
	t.Helper()
	users, err := ParseUsers([]byte(usersTOML))
	if err != nil {
		t.Fatal(err)
	}
	pem, _, err := HostKey(filepath.Join(t.TempDir(), "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	o := Options{Store: st, Users: users, HostKey: pem, Log: logs}
	if set != nil {
		set(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{srv: srv, addr: ln.Addr().String(), hostKey: signer.PublicKey(), log: logs, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.ssh.Close()
		<-ts.done
	})
	return ts
}

func (ts *testServer) dial(signer gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            "panel",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey),
		Timeout:         30 * time.Second, // only keeps a broken test from hanging
	})
}

// terminal is an SSH session with a pseudo-terminal, as a person's ssh
// client opens it; it records everything the server draws.
type terminal struct {
	t       *testing.T
	name    string
	client  *gossh.Client
	sess    *gossh.Session
	in      io.WriteCloser
	out     *syncBuffer
	started time.Time
	ended   chan error
}

func (ts *testServer) open(t *testing.T, name string, signer gossh.Signer, w, h int) *terminal {
	t.Helper()
	client, err := ts.dial(signer)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	modes := gossh.TerminalModes{gossh.ECHO: 0}
	if err := sess.RequestPty("xterm-256color", h, w, modes); err != nil {
		t.Fatalf("%s: pty: %v", name, err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, name: name, client: client, sess: sess, in: in, out: &syncBuffer{}, ended: make(chan error, 1)}
	sess.Stdout = term.out
	sess.Stderr = term.out
	if err := sess.Shell(); err != nil {
		t.Fatalf("%s: shell: %v", name, err)
	}
	term.started = time.Now()
	go func() { term.ended <- sess.Wait() }()
	t.Cleanup(func() { sess.Close(); client.Close() })
	return term
}

// screen is what was drawn so far, without escape sequences.
func (x *terminal) screen() string { return ansi.Strip(x.out.String()) }

// waitFor waits until the drawn text contains s, and returns how long
// after the shell started it first did. (30 s only keeps a broken test
// from hanging.)
func (x *terminal) waitFor(s string) time.Duration {
	x.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(x.screen(), s) {
			return time.Since(x.started)
		}
		time.Sleep(20 * time.Millisecond)
	}
	x.t.Fatalf("%s: the screen never showed %q; it showed:\n%s", x.name, s, x.tail(3000))
	return 0
}

func (x *terminal) tail(n int) string {
	s := x.screen()
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}

// keys types key sequences, one at a time as a person would.
func (x *terminal) keys(seqs ...string) {
	x.t.Helper()
	for _, s := range seqs {
		if _, err := io.WriteString(x.in, s); err != nil {
			x.t.Fatalf("%s: typing %q: %v", x.name, s, err)
		}
		time.Sleep(60 * time.Millisecond)
	}
}

// Key sequences as a terminal sends them.
const (
	keyEnd   = "\x1b[F"
	keyEnter = "\r"
	keyEsc   = "\x1b"
	keyCtrlC = "\x03"
)

// syncBuffer is a bytes.Buffer safe for one writer and many readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func usersTOML(entries ...string) string { return strings.Join(entries, "\n") }

func person(id, role, key string) string {
	return fmt.Sprintf("[[person]]\nid = %q\nrole = %q\nkeys = [%q]\n", id, role, key)
}
