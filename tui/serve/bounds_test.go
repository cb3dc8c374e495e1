package serve

import (
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/x/ansi"
)

// heapWatch samples the heap of this process (the server and its test
// clients) until stopped, and keeps the peak.
type heapWatch struct {
	peak atomic.Uint64
	stop chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

func watchHeap(limit uint64, over func(uint64)) *heapWatch {
	h := &heapWatch{stop: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		told := false
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > h.peak.Load() {
				h.peak.Store(ms.HeapAlloc)
			}
			if ms.HeapAlloc > limit && !told {
				told = true
				over(ms.HeapAlloc)
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapWatch) done() uint64 {
	h.once.Do(func() { close(h.stop) })
	h.wg.Wait()
	return h.peak.Load()
}

const mb = 1 << 20

// TestHugeTerminal: a reviewer whose client reports a 20000×20000
// terminal, and then resizes it to 2147483647×1, gets the TUI drawn at the
// clamp (MaxWidth × MaxHeight), the server's heap stays under 300 MB, and
// another person's session goes on answering their keys meanwhile.
func TestHugeTerminal(t *testing.T) {
	db := demoStore(t)
	big, bigLine := newKey(t, "r007@huge")
	other, otherLine := newKey(t, "r006@laptop")
	ts := startServer(t, db, usersTOML(person("R007", "reviewer", bigLine), person("R006", "leader", otherLine)))

	const limit = 300 * mb
	var bigTerm *terminal
	var closeOnce sync.Once
	h := watchHeap(limit, func(heap uint64) {
		// Stop the session at once: past the limit it would take the
		// machine with it.
		closeOnce.Do(func() {
			if bigTerm != nil {
				bigTerm.client.Close()
			}
		})
	})
	defer h.done()

	lead := ts.open(t, "R006", other, 100, 30)
	lead.waitFor("本组申报对象（组长）")

	bigTerm = ts.open(t, "R007", big, 20000, 20000)
	bigTerm.waitFor("我的评分任务")
	if w := widestLine(bigTerm.out.String()); w != MaxWidth {
		t.Errorf("on a 20000-column terminal the widest line is %d cells, want the clamp %d", w, MaxWidth)
	}
	if n := frameLines(bigTerm.out.String()); n != MaxHeight {
		t.Errorf("the tallest frame has %d lines on a terminal clamped to %d rows", n, MaxHeight)
	}

	mark := bigTerm.out.Len()
	if err := bigTerm.sess.WindowChange(1, 2147483647); err != nil {
		t.Fatal(err)
	}
	// The one line left is the header, redrawn after the resize.
	for deadline := time.Now().Add(30 * time.Second); bigTerm.out.Len() == mark && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if bigTerm.out.Len() == mark {
		t.Error("no frame after the resize to 2147483647×1")
	}
	if w := widestLine(bigTerm.out.String()[mark:]); w > MaxWidth {
		t.Errorf("after the resize to 2147483647 columns a line is %d cells wide, more than the clamp %d", w, MaxWidth)
	}

	// The other session answers a key press while the huge one is open.
	before := lead.out.Len()
	lead.keys("j")
	for deadline := time.Now().Add(30 * time.Second); lead.out.Len() == before && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if lead.out.Len() == before {
		t.Error("the other session drew nothing after a key press")
	}

	// A few more resizes, and the person leaves.
	for _, sz := range [][2]int{{20000, 20000}, {1, 2147483647}, {2147483647, 2147483647}, {0, 0}} {
		if err := bigTerm.sess.WindowChange(sz[1], sz[0]); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(500 * time.Millisecond)
	bigTerm.keys(keyEsc, "q")
	select {
	case <-bigTerm.ended:
	case <-time.After(30 * time.Second):
		t.Error("the huge session did not end after q")
	}
	time.Sleep(300 * time.Millisecond) // past the end, the heap must not grow

	peak := h.done()
	t.Logf("peak heap %.1f MB (limit %d MB); the huge session received %.1f kB", float64(peak)/mb, limit/mb, float64(bigTerm.out.Len())/1024)
	if peak > limit {
		t.Errorf("peak heap %.0f MB, over %d MB", float64(peak)/mb, limit/mb)
	}
}

// frameLines is the number of lines of the tallest frame drawn on the
// alternate screen (each starts at the home position).
func frameLines(raw string) int {
	n := 0
	for _, frame := range strings.Split(raw, "\x1b[H") {
		n = max(n, strings.Count(frame, "\n")+1)
	}
	return n
}

// TestBoundFrame: a view of any size leaves at most MaxHeight lines of at
// most MaxWidth cells, within MaxFrameBytes; a line too full of escape
// sequences keeps its text.
func TestBoundFrame(t *testing.T) {
	cell := "\x1b[38;2;255;128;0;48;2;0;0;255m武\x1b[m" // 40 bytes, 2 cells
	huge := strings.Repeat(strings.Repeat(cell, 2000)+"\n", 300)
	got := boundFrame(huge, MaxWidth, MaxHeight)
	lines := strings.Split(got, "\n")
	t.Logf("a view of %.0f MB became a frame of %.0f kB (bound %.0f kB)", float64(len(huge))/mb, float64(len(got))/1024, float64(MaxFrameBytes)/1024)
	if len(lines) != MaxHeight || len(got) > MaxFrameBytes {
		t.Errorf("%d lines, %d bytes; want %d lines within %d bytes", len(lines), len(got), MaxHeight, MaxFrameBytes)
	}
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > MaxWidth {
			t.Fatalf("line %d is %d cells wide", i, w)
		}
		if !strings.HasPrefix(ansi.Strip(line), "武武武") {
			t.Fatalf("line %d lost its text: %q", i, line[:min(len(line), 80)])
		}
	}
	// A line of styled cells that fits keeps its styles; views within
	// the bounds pass unchanged.
	styled := strings.Repeat(strings.Repeat(cell, 40)+"\n", 30)
	if got := boundFrame(styled, 100, 40); got != styled {
		t.Error("a view within the bounds was changed")
	}
	if got := boundFrame("a\nb\nc", 10, 2); got != "a\nb" {
		t.Errorf("three lines on two rows: %q", got)
	}
}

func TestClampWindow(t *testing.T) {
	for _, tc := range [][4]int{
		{20000, 20000, MaxWidth, MaxHeight},
		{2147483647, 1, MaxWidth, 1},
		{4294967295, 4294967295, MaxWidth, MaxHeight},
		{0, 0, 80, 24},
		{120, 0, 120, 24},
		{100, 30, 100, 30},
	} {
		got := clampWindow(ssh.Window{Width: tc[0], Height: tc[1]})
		if got.Width != tc[2] || got.Height != tc[3] {
			t.Errorf("%d×%d became %d×%d, want %d×%d", tc[0], tc[1], got.Width, got.Height, tc[2], tc[3])
		}
	}
}

// TestHandshakeTimeout: connections that do not start a session within
// the handshake timeout are closed by the server: one that sends
// nothing, one that sends its version line only, one that authenticates
// and opens no session. A session started in time outlives the timeout.
func TestHandshakeTimeout(t *testing.T) {
	db := demoStore(t)
	k, line := newKey(t, "r002")
	const timeout = time.Second
	ts := startServerWith(t, db, usersTOML(person("R002", "reviewer", line)), func(o *Options) { o.HandshakeTimeout = timeout })
	x := ts.open(t, "R002", k, 80, 24)
	x.waitFor("我的评分任务")

	type result struct {
		name string
		took time.Duration
		err  error
	}
	results := make(chan result)
	const silent = 20
	start := time.Now()
	for i := range silent + 1 {
		conn, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		name := fmt.Sprintf("silent %d", i+1)
		if i == silent {
			name = "version line only"
			if _, err := io.WriteString(conn, "SSH-2.0-OpenSSH_9.2\r\n"); err != nil {
				t.Fatal(err)
			}
		}
		go func() {
			// Read until the server closes; 30 s only keeps the test from
			// hanging.
			conn.SetReadDeadline(time.Now().Add(30 * time.Second))
			_, err := io.Copy(io.Discard, conn)
			results <- result{name, time.Since(start), err}
		}()
	}
	client, err := ts.dial(k)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	go func() {
		err := client.Wait()
		results <- result{"authenticated, no session", time.Since(start), err}
	}()
	var slowest time.Duration
	for range silent + 2 {
		r := <-results
		var ne net.Error
		if errors.As(r.err, &ne) && ne.Timeout() {
			t.Errorf("%s: still open after %v", r.name, r.took)
			continue
		}
		slowest = max(slowest, r.took)
		if r.took < timeout {
			t.Errorf("%s: closed after %v, before the timeout of %v", r.name, r.took, timeout)
		}
	}
	t.Logf("%d connections without a session closed within %v of a %v timeout", silent+2, slowest, timeout)
	if n := strings.Count(ts.log.String(), "no session within 1s"); n != silent+2 {
		t.Errorf("%d closings logged, want %d:\n%s", n, silent+2, ts.log.String())
	}

	// The session started before goes on.
	before := x.out.Len()
	x.keys("j")
	for deadline := time.Now().Add(30 * time.Second); x.out.Len() == before && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if x.out.Len() == before {
		t.Errorf("the session started in time drew nothing after a key press past the timeout: %s", x.tail(300))
	}
}

// TestIdleTimeout: a session without input is warned, a key press takes
// the warning away and starts the count again, and the session ends when
// the time runs out, telling the person why.
func TestIdleTimeout(t *testing.T) {
	db := demoStore(t)
	k, line := newKey(t, "r002")
	const idle = 6 * time.Second // warned 3 s before
	ts := startServerWith(t, db, usersTOML(person("R002", "reviewer", line)), func(o *Options) { o.IdleTimeout = idle })
	x := ts.open(t, "R002", k, 100, 30)
	x.waitFor("我的评分任务")
	const warning = "本会话将在 3 秒 后关闭"
	first := x.waitFor(warning)
	x.keys("j")
	for deadline := time.Now().Add(30 * time.Second); strings.Count(x.screen(), warning) < 2 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if n := strings.Count(x.screen(), warning); n < 2 {
		t.Fatalf("after a key press the warning came back %d times, want once more:\n%s", n-1, x.tail(3000))
	}
	second := time.Since(x.started)
	select {
	case err := <-x.ended:
		if err != nil {
			t.Errorf("the session ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the idle session did not end")
	}
	ended := time.Since(x.started)
	t.Logf("idle timeout %v: warned after %v, again after %v (a key press between), ended after %v", idle, first.Round(time.Millisecond),
		second.Round(time.Millisecond), ended.Round(time.Millisecond))
	screen := x.screen()
	const told = "session closed after 6 s without input: everything you saved is kept"
	if i, j := strings.LastIndex(screen, warning), strings.Index(screen, told); j < 0 || j < i {
		t.Errorf("the person was not told after the warning: %q", x.tail(500))
	}
	if !strings.Contains(ts.log.String(), "no input for 6s: closing the session") {
		t.Errorf("the end is not logged:\n%s", ts.log.String())
	}
	if got := ts.srv.Connected(); len(got) != 0 {
		t.Errorf("still connected: %v", got)
	}
}
