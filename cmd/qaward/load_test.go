package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
)

// TestPanelLoad is the load test of the live panel (DESIGN §5): `qaward
// serve` in its own process on a generated cycle, and a panel connected
// through SSH with pseudo-terminals, as people connect: two office
// sessions, one leader, idle reviewers, one reviewer scoring an item about
// once a second and a second session of that reviewer watching their task
// list. It reports the server's CPU (idle, then while scoring), its memory
// (resident now and at its peak) and the delay from a save to the moment
// the watching session's screen shows it.
//
// It runs on request only: QAWARD_LOAD=1 (60 s of scoring) or a duration;
// QAWARD_LOAD_SCALE=10 for ten times the reference scale (default 1);
// QAWARD_LOAD_SESSIONS for the number of sessions (default 50).
func TestPanelLoad(t *testing.T) {
	dur := panelLoadDuration(t)
	scale := envInt(t, "QAWARD_LOAD_SCALE", 1)
	sessions := envInt(t, "QAWARD_LOAD_SESSIONS", 50)
	if sessions < 5 {
		t.Fatalf("QAWARD_LOAD_SESSIONS=%d: want at least 5", sessions)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "qaward")
	if out, err := exec.Command("go", "build", "-o", bin, "qaward/cmd/qaward").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// The cycle, with one empty sheet for the scoring reviewer.
	opts := sample.Options{Cycle: "load", Applicants: 1000 * scale, Reviewers: 300 * scale, PerApplicant: 7, Seed: 1}
	d, err := sample.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	leader := d.Groups[0].LeaderID
	var target award.Sheet
	for i, s := range d.Sheets {
		if s.Stage == award.Material && s.ReviewerID != leader && len(s.Percents) > 5 {
			target = s
			d.Sheets = slices.Delete(d.Sheets, i, i+1)
			break
		}
	}
	scorer, items := target.ReviewerID, len(target.Percents)
	db := filepath.Join(dir, "load.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := storeDataset(st, "office", d); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Who connects: office ×2, the leader, idle reviewers, the scorer twice.
	type seat struct{ id, role, name string }
	seats := []seat{{"office", "office", "office-1"}, {"office", "office", "office-2"}, {leader, "leader", "leader"}}
	for _, r := range d.Reviewers {
		if len(seats) == sessions-2 {
			break
		}
		if r.ID != leader && r.ID != scorer {
			seats = append(seats, seat{r.ID, "reviewer", "idle " + r.ID})
		}
	}
	seats = append(seats, seat{scorer, "reviewer", "scorer"}, seat{scorer, "reviewer", "watcher"})
	var users strings.Builder
	signers := map[string]gossh.Signer{}
	for _, s := range seats {
		if _, ok := signers[s.id]; ok {
			continue
		}
		signer, line := newClientKey(t, s.id)
		signers[s.id] = signer
		fmt.Fprintf(&users, "[[person]]\nid = %q\nrole = %q\nkeys = [%q]\n\n", s.id, s.role, line)
	}
	usersFile := writeFile(t, dir, "users.toml", users.String())

	server := exec.Command(bin, "--db", db, "serve", "--listen", "127.0.0.1:0", "--users", usersFile)
	server.Env = os.Environ() // QAWARD_CPUPROFILE=FILE profiles the server
	var serverOut bytes.Buffer
	server.Stdout, server.Stderr = &serverOut, &serverOut
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// SIGTERM, so that a profile asked for is written
		server.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { server.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			server.Process.Kill()
		}
	})
	var info serveInfo
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var ok bool
		if info, ok = readServeFile(db); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never started: %s", serverOut.String())
		}
	}
	pid := server.Process.Pid

	// Everyone connects.
	start := time.Now()
	terms := make([]*loadTerm, len(seats))
	var wg sync.WaitGroup
	for i, s := range seats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			terms[i] = dialLoadTerm(t, info.Addr, s.name, signers[s.id])
		}()
	}
	wg.Wait()
	for _, x := range terms {
		x.waitFor(t, "武冈市市长质量奖", 60*time.Second)
	}
	t.Logf("%d sessions connected and drawn in %v (scale ×%d: %d applicants, %d sheets)",
		len(terms), time.Since(start).Round(time.Millisecond), scale, len(d.Applicants), len(d.Sheets)+1)
	scorerTerm, watcher := terms[len(terms)-2], terms[len(terms)-1]
	progress := func(n int) string { return fmt.Sprintf("%d/%d 项", n, items) }
	watcher.waitFor(t, progress(0), 30*time.Second)

	// Idle: nobody types.
	time.Sleep(2 * time.Second)
	idleCPU := cpuShare(t, pid, 10*time.Second)

	// The scorer opens the empty sheet: filter the task list by its ID.
	scorerTerm.send(t, "/"+target.ApplicantID, "\r", "\r")
	scorerTerm.waitFor(t, "合计", 30*time.Second)

	// One item a second; each save must reach the watcher's task list.
	var delays []time.Duration
	cpu0, wall0 := cpuTicks(t, pid), time.Now()
	for n := 1; n <= items && time.Since(wall0) < dur; n++ {
		mark := scorerTerm.mark()
		watchMark := watcher.mark()
		scorerTerm.send(t, "5", "0")
		saved := scorerTerm.waitAfter(t, mark, "已保存", 10*time.Second)
		seen := watcher.waitAfter(t, watchMark, progress(n), 15*time.Second)
		delays = append(delays, seen.Sub(saved))
		scorerTerm.send(t, "\x1b[B") // down: the next item
		time.Sleep(time.Until(wall0.Add(time.Duration(n) * time.Second)))
	}
	busy := float64(cpuTicks(t, pid)-cpu0) / clockTicks / time.Since(wall0).Seconds()
	rss, peak := memory(t, pid)
	slices.Sort(delays)
	t.Logf("server CPU: idle %.1f %% of a core, scoring one item a second %.1f %%", 100*idleCPU, 100*busy)
	t.Logf("server memory: resident %d MB, peak %d MB", rss>>20, peak>>20)
	t.Logf("a save seen in the other session after: p50 %v, p90 %v, p99 %v, max %v (%d saves)",
		pct(delays, 50), pct(delays, 90), pct(delays, 99), delays[len(delays)-1], len(delays))
}

func panelLoadDuration(t *testing.T) time.Duration {
	switch v := os.Getenv("QAWARD_LOAD"); v {
	case "":
		t.Skip("panel load test: runs on request only, with QAWARD_LOAD=1 (60 s) or QAWARD_LOAD=DURATION, " +
			"QAWARD_LOAD_SCALE=10 for ten times the reference, QAWARD_LOAD_SESSIONS=N")
	case "1":
		return 60 * time.Second
	default:
		if d, err := time.ParseDuration(v); err == nil && d > 0 {
			return d
		}
		t.Fatalf("QAWARD_LOAD=%q: want 1 or a duration", v)
	}
	return 0
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

func pct(ds []time.Duration, p int) time.Duration {
	return ds[min(len(ds)-1, len(ds)*p/100)].Round(time.Millisecond)
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat's times.
const clockTicks = 100

// cpuTicks is the user and system time the process has used.
func cpuTicks(t *testing.T, pid int) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// fields after the command name in parentheses; utime and stime are
	// the 14th and 15th fields of the whole line
	f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// cpuShare is the share of one core the process uses over d.
func cpuShare(t *testing.T, pid int, d time.Duration) float64 {
	c0, w0 := cpuTicks(t, pid), time.Now()
	time.Sleep(d)
	return float64(cpuTicks(t, pid)-c0) / clockTicks / time.Since(w0).Seconds()
}

// memory is the process's resident memory now and at its peak, in bytes.
func memory(t *testing.T, pid int) (rss, peak int64) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		name, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch name {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak
}

// loadTerm is one SSH session with a pseudo-terminal, recording what the
// server draws and when.
type loadTerm struct {
	name string
	in   io.Writer
	mu   sync.Mutex
	out  []byte
}

func dialLoadTerm(t *testing.T, addr, name string, signer gossh.Signer) *loadTerm {
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "panel", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 60 * time.Second})
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil
	}
	t.Cleanup(func() { c.Close() })
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	x := &loadTerm{name: name}
	if x.in, err = s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	s.Stdout = x
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	return x
}

func (x *loadTerm) Write(p []byte) (int, error) {
	x.mu.Lock()
	x.out = append(x.out, p...)
	x.mu.Unlock()
	return len(p), nil
}

// mark is where the output stands now.
func (x *loadTerm) mark() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.out)
}

func (x *loadTerm) send(t *testing.T, keys ...string) {
	for _, k := range keys {
		if _, err := io.WriteString(x.in, k); err != nil {
			t.Fatalf("%s: %v", x.name, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

func (x *loadTerm) waitFor(t *testing.T, s string, limit time.Duration) time.Time {
	return x.waitAfter(t, 0, s, limit)
}

// spaces are the cursor moves a renderer may draw instead of blanks.
var spaces = regexp.MustCompile(`\x1b\[\d*C`)

// waitAfter waits until the output after mark shows s, and says when.
func (x *loadTerm) waitAfter(t *testing.T, mark int, s string, limit time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		x.mu.Lock()
		raw := x.out[mark:]
		x.mu.Unlock()
		if strings.Contains(ansi.Strip(spaces.ReplaceAllString(string(raw), " ")), s) {
			return time.Now()
		}
		if time.Now().After(deadline) {
			tail := ansi.Strip(string(raw))
			t.Fatalf("%s: %q did not show within %v; the screen ends:\n%s", x.name, s, limit, tail[max(0, len(tail)-1500):])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// newClientKey makes a client key: its signer and its authorized_keys line.
func newClientKey(t *testing.T, comment string) (gossh.Signer, string) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment
}
