// Package serve runs qaward's terminal UI for the whole panel over SSH, as
// soft-serve does for git: one process owns the database, and every
// reviewer, group leader and office member connects with ssh and their own
// key. The key says who they are (users.toml); each session runs its own
// Bubble Tea program with its own renderer and styles, on the one shared
// store wrapped by store/access for that person, so that what a person may
// see and change is enforced below the screens.
//
// Sessions are built with wish v1 middleware: the key is checked when the
// client authenticates, and checked again, against the key the session
// was actually authenticated with, before anything runs; the Bubble Tea
// middleware feeds the session's size and resizes to the program. On
// Shutdown every session is told, its saves in flight are let finish, and
// the server is closed within the deadline.
//
// One session cannot sink the server (bounds.go): the terminal size a
// client reports is clamped to MaxWidth × MaxHeight and every frame is
// bounded; a connection that has not authenticated and started its
// session within HandshakeTimeout is closed; a session without input for
// IdleTimeout ends, after a warning shown a minute before.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"qaward/store"
	"qaward/store/access"
	"qaward/tui"
	"qaward/tui/common"
)

// Options configure a server.
type Options struct {
	// Store is the database every session shares; the caller opened it
	// and closes it after Shutdown.
	Store store.Store
	// Users says which keys may connect, as whom.
	Users *Users
	// HostKey is the server's private key (PEM).
	HostKey []byte
	// Cycle to open; empty is the store's current cycle.
	Cycle string
	// Lang is the language of people whose users entry names none.
	Lang string
	// Log receives one line per connection, refusal and shutdown; nil
	// discards them.
	Log io.Writer
	// HandshakeTimeout is how long a connection has to authenticate and
	// start its session before it is closed; 0 is
	// DefaultHandshakeTimeout (30 s).
	HandshakeTimeout time.Duration
	// IdleTimeout ends a session that has had no input for this long,
	// after a warning shown a minute (at most half of it) before; 0 is
	// DefaultIdleTimeout (2 h).
	IdleTimeout time.Duration
	// Backup, when set, writes a consistent copy of the database and
	// returns its path: the office's `ssh … backup` command.
	Backup func() (string, error)
}

// Server serves the TUI over SSH.
type Server struct {
	st    store.Store
	cycle string
	lang  string
	log   *log.Logger
	ssh   *ssh.Server
	users atomic.Pointer[Users]

	handshake, idle time.Duration
	backup          func() (string, error)

	closing  atomic.Bool
	mu       sync.Mutex
	sessions map[*live]struct{}
}

// live is one running session.
type live struct {
	user    User
	done    chan struct{}
	mu      sync.Mutex
	program *tea.Program
	lang    common.Lang // of the program's screens
	sess    ssh.Session
	// idled is set when the session is ended for want of input.
	idled atomic.Bool
	// model is the session's root model, closed (its watch of the store
	// stopped) when the session ends.
	model *tui.Model
}

func (l *live) setProgram(p *tea.Program, lang common.Lang) {
	l.mu.Lock()
	l.program, l.lang = p, lang
	l.mu.Unlock()
}

func (l *live) prog() *tea.Program {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.program
}

type ctxKey struct{ name string }

var (
	userKey      = &ctxKey{"qaward-user"}
	liveKey      = &ctxKey{"qaward-session"}
	handshakeKey = &ctxKey{"qaward-handshake"}
)

// New makes a server; Serve runs it.
func New(o Options) (*Server, error) {
	if o.Store == nil || o.Users == nil || len(o.HostKey) == 0 {
		return nil, errors.New("serve: a store, users and a host key are required")
	}
	if _, err := common.ParseLang(o.Lang); err != nil {
		return nil, err
	}
	if o.HandshakeTimeout < 0 || o.IdleTimeout < 0 {
		return nil, fmt.Errorf("serve: timeouts must be positive (handshake %v, idle %v)", o.HandshakeTimeout, o.IdleTimeout)
	}
	out := o.Log
	if out == nil {
		out = io.Discard
	}
	s := &Server{st: o.Store, cycle: o.Cycle, lang: o.Lang, log: log.New(out, "qaward serve: ", log.LstdFlags|log.Lmicroseconds),
		sessions: map[*live]struct{}{}, handshake: o.HandshakeTimeout, idle: o.IdleTimeout, backup: o.Backup}
	if s.handshake == 0 {
		s.handshake = DefaultHandshakeTimeout
	}
	if s.idle == 0 {
		s.idle = DefaultIdleTimeout
	}
	s.users.Store(o.Users)
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(o.HostKey),
		wish.WithPublicKeyAuth(s.authorize),
		ssh.WrapConn(s.deadline),
		// A connection on which nothing at all passes (no session, no
		// keepalive) is closed too; a session's own idle timeout, which
		// counts the person's input only, comes first.
		wish.WithIdleTimeout(s.idle+idleWarning),
		// Executed last to first: identify, then a named command or
		// track and the program.
		wish.WithMiddleware(
			bubbletea.MiddlewareWithProgramHandler(s.program, termenv.Ascii),
			s.track,
			s.commands,
			s.identify,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.ssh = srv
	return s, nil
}

// SetUsers replaces the users table (after users.toml changed): new
// connections are checked against it; sessions already open go on.
func (s *Server) SetUsers(u *Users) { s.users.Store(u) }

// Serve accepts connections on ln until Shutdown; it then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// deadline closes a connection that has not started a session (see
// identify) within the handshake timeout: one that never authenticates,
// or sends its version line and no more, or authenticates and stops.
func (s *Server) deadline(ctx ssh.Context, conn net.Conn) net.Conn {
	h := &handshake{}
	h.timer = time.AfterFunc(s.handshake, func() {
		if h.state.CompareAndSwap(handshakePending, handshakeExpired) {
			s.log.Printf("closed the connection from %s: no session within %v", conn.RemoteAddr(), s.handshake)
			conn.Close()
		}
	})
	context.AfterFunc(ctx, func() { h.timer.Stop() }) // the connection closed first
	ctx.SetValue(handshakeKey, h)
	return conn
}

// handshake is a connection's deadline to start a session.
type handshake struct {
	timer *time.Timer
	state atomic.Int32
}

const (
	handshakePending int32 = iota
	handshakeDone
	handshakeExpired
)

// started reports whether a session may run on the connection: its
// first one started before the deadline.
func (h *handshake) started() bool {
	if h.state.CompareAndSwap(handshakePending, handshakeDone) {
		h.timer.Stop()
	}
	return h.state.Load() == handshakeDone
}

// authorize admits the keys of users.toml. The client may offer several
// keys; the session is bound to the one it proves (see identify).
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.users.Load().Lookup(key); ok {
		return true
	}
	s.log.Printf("refused key %s offered by %q from %s", gossh.FingerprintSHA256(key), ctx.User(), ctx.RemoteAddr())
	return false
}

// identify re-checks the key the session was authenticated with and binds
// the session to that key's person: nothing set during authentication is
// trusted, since a client may offer keys it does not hold.
func (s *Server) identify(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if h, ok := sess.Context().Value(handshakeKey).(*handshake); ok && !h.started() {
			return // too late: deadline closes the connection
		}
		key := sess.PublicKey()
		u, ok := s.users.Load().Lookup(key)
		if !ok {
			s.log.Printf("refused session from %s: its key is not (or no longer) in the users file", sess.RemoteAddr())
			wish.Fatalln(sess, "qaward: this key may not connect; ask the office to add it to the users file.")
			return
		}
		sess.Context().SetValue(userKey, u)
		next(sess)
	}
}

// track registers the session for Shutdown, checks that the person may
// use the cycle, runs the program (next) and, when the server is closing,
// tells the person so after their screen is restored.
func (s *Server) track(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		u, _ := sess.Context().Value(userKey).(User)
		if u.ID == "" {
			wish.Fatalln(sess, "qaward: no identity")
			return
		}
		l := &live{user: u, done: make(chan struct{}), sess: sess}
		s.mu.Lock()
		if s.closing.Load() {
			s.mu.Unlock()
			wish.Fatalln(sess, "qaward serve is shutting down; connect again when it is back.")
			return
		}
		s.sessions[l] = struct{}{}
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			delete(s.sessions, l)
			s.mu.Unlock()
			close(l.done)
		}()
		if msg := s.admit(u); msg != "" {
			s.log.Printf("%v from %s: %s", u.Person, sess.RemoteAddr(), msg)
			wish.Fatalln(sess, "qaward: "+msg)
			return
		}
		s.log.Printf("%v connected from %s", u.Person, sess.RemoteAddr())
		sess.Context().SetValue(liveKey, l)
		start := time.Now()
		b := bindSession(sess)
		defer b.close()
		go s.watchIdle(l, b)
		next(b)
		if l.model != nil {
			l.model.Close()
		}
		switch {
		case s.closing.Load():
			fmt.Fprint(sess, "\r\nqaward serve is shutting down: everything you saved is kept. Connect again when it is back.\r\n")
		case l.idled.Load():
			fmt.Fprintf(sess, "\r\nqaward: session closed after %s without input: everything you saved is kept. Connect again to go on.\r\n",
				span(common.English, s.idle))
		}
		s.log.Printf("%v disconnected after %v", u.Person, time.Since(start).Round(time.Second))
	}
}

// watchIdle ends the session when it has had no input for the idle
// timeout: the person is warned idleWarning before (at most half the
// timeout), the warning goes when they type, and at the end the program
// is asked to quit as Shutdown asks it (its saves in flight finish).
func (s *Server) watchIdle(l *live, b *boundSession) {
	lead := min(idleWarning, s.idle/2)
	timer := time.NewTimer(s.idle - lead)
	defer timer.Stop()
	warned := false
	for {
		select {
		case <-l.done:
			return
		case <-timer.C:
		}
		idle, p := b.idle(), l.prog()
		l.mu.Lock()
		lang := l.lang
		l.mu.Unlock()
		switch {
		case p == nil:
			timer.Reset(lead) // the program has not started yet
		case idle < s.idle-lead:
			if warned {
				p.Send(idleWarningMsg{})
				warned = false
			}
			timer.Reset(s.idle - lead - idle)
		case idle < s.idle:
			if !warned {
				p.Send(idleWarningMsg{idleText(lang, idle, s.idle-idle)})
				warned = true
			}
			timer.Reset(s.idle - idle)
		default:
			s.log.Printf("%v: no input for %v: closing the session", l.user.Person, idle.Round(time.Second))
			l.idled.Store(true)
			go p.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			select {
			case <-l.done:
			case <-time.After(time.Second):
				p.Kill()
			}
			return
		}
	}
}

// admit says why a person may not use the cycle, or "" when they may: a
// reviewer or leader must be one of the cycle's reviewers. The office may
// always come in (to an empty database too, to start a cycle).
func (s *Server) admit(u User) string {
	if u.Role == access.Office {
		return ""
	}
	cycle := s.cycle
	if cycle == "" {
		cur, err := s.st.CurrentCycle()
		if errors.Is(err, store.ErrNoCycle) {
			return "no award cycle has been started yet; the office starts one."
		}
		if err != nil {
			return err.Error()
		}
		cycle = cur
	}
	rs, err := s.st.Reviewers(cycle)
	if err != nil {
		return err.Error()
	}
	for _, r := range rs {
		if r.ID == u.ID {
			return ""
		}
	}
	return fmt.Sprintf("%s is not a reviewer of cycle %s; ask the office.", u.ID, cycle)
}

// program makes the session's Bubble Tea program: its own renderer and
// styles, and the TUI on the shared store as the session's person sees it.
func (s *Server) program(sess ssh.Session) *tea.Program {
	u, _ := sess.Context().Value(userKey).(User)
	l, _ := sess.Context().Value(liveKey).(*live)
	if u.ID == "" || l == nil || s.closing.Load() {
		return nil // no program: track tells the person why
	}
	lang, _ := common.ParseLang(s.lang)
	if u.Lang != "" {
		lang, _ = common.ParseLang(u.Lang)
	}
	c := common.NewCommon(bubbletea.MakeRenderer(noQuery{sess}), access.Wrap(s.st, u.Person), lang)
	c.Styles = common.NewStylesFor(c.Styles.Renderer(), common.DarkBackground(envOf(sess, "QAWARD_THEME"), envOf(sess, "COLORFGBG")))
	c.Cycle, c.As = s.cycle, u.ID
	c.Poll = tui.DefaultPoll // see the others' submits and the office's changes
	c.Office = s.users.Load().Office()
	if u.Role == access.Office {
		c.Office = append(c.Office, u.ID) // in case users changed since
	}
	// The server's signals are the server's: a session's program must not
	// take the process's SIGINT or SIGTERM for its own. (Bubble Tea's
	// handler would also race Shutdown's quit and, sending to a program
	// that has just stopped, hold it forever.)
	c.Caret = &common.Caret{}
	opts := append(bubbletea.MakeOptions(sess), tea.WithOutput(tui.OutputWithCaret(sessionOutput(sess), c.Caret)),
		tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithoutSignalHandler(),
		// Each program's renderer wakes at its frame rate to see whether
		// to draw: fifty idle sessions at Bubble Tea's 60 a second cost
		// the server several per cent of a core for nothing. 20 a second
		// is still quicker than a network round trip is felt.
		tea.WithFPS(sessionFPS))
	m := tui.New(c)
	p := tea.NewProgram(newSessionModel(m, c), opts...)
	l.setProgram(p, lang)
	l.model = m
	return p
}

// sessionFPS is the frame rate of a session's renderer.
const sessionFPS = 20

// noQuery is the session as bubbletea.MakeRenderer sees it: a terminal
// that does not answer. MakeRenderer asks the terminal for its background
// colour and waits up to a second for the answer, reading the session's
// input meanwhile (keys typed then are lost); qaward's styles use fixed
// colours readable on either background, so the first frame need not wait.
// The colour profile still comes from the session's TERM.
type noQuery struct{ ssh.Session }

func (noQuery) Read([]byte) (int, error)    { return 0, io.EOF }
func (noQuery) Write(p []byte) (int, error) { return len(p), nil }

// Shutdown stops accepting connections and tells every session: its
// program is asked to quit as if the person pressed ctrl+c, which lets its
// saves in flight finish, and the person is told why. A program still
// running after a second (or half the time left) is stopped. Clients then
// get a moment to hang up before the connections are closed; all within
// ctx's deadline. The store stays open for the caller to close.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing.Store(true)
	sessions := make([]*live, 0, len(s.sessions))
	for l := range s.sessions {
		sessions = append(sessions, l)
	}
	s.mu.Unlock()
	s.log.Printf("shutting down: %d session(s) open", len(sessions))

	// No new connections from here on; hungUp reports when the open ones
	// have closed.
	hungUp := make(chan error, 1)
	go func() { hungUp <- s.ssh.Shutdown(ctx) }()

	budget := func(d time.Duration) time.Duration {
		if dl, ok := ctx.Deadline(); ok {
			return max(0, min(d, time.Until(dl)/2))
		}
		return d
	}
	for _, l := range sessions {
		if p := l.prog(); p != nil {
			// Send blocks until the program reads it: never hold Shutdown.
			go p.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		}
	}
	if !waitAll(sessions, budget(time.Second)) {
		for _, l := range sessions {
			if p := l.prog(); p != nil {
				p.Kill()
			}
		}
		waitAll(sessions, budget(300*time.Millisecond))
	}
	select {
	case err := <-hungUp:
		if err == nil {
			return nil
		}
	case <-time.After(budget(300 * time.Millisecond)):
	}
	s.log.Printf("closing the connections still open")
	return s.ssh.Close()
}

// waitAll waits up to d for every session to end.
func waitAll(sessions []*live, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for _, l := range sessions {
		select {
		case <-l.done:
		case <-timer.C:
			return false
		}
	}
	return true
}

// Run serves on ln until ctx ends, then shuts down within grace.
func (s *Server) Run(ctx context.Context, ln net.Listener, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	start := time.Now()
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := s.Shutdown(sctx)
	if serr := <-errc; err == nil {
		err = serr
	}
	s.log.Printf("stopped in %v", time.Since(start).Round(time.Millisecond))
	return err
}

// Connected lists the people with a session open, for status lines.
func (s *Server) Connected() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for l := range s.sessions {
		out = append(out, l.user.Person.String())
	}
	return out
}

// envOf is the value of the variable name the client sent (ssh SendEnv),
// "" when it sent none.
func envOf(sess ssh.Session, name string) string {
	for _, kv := range sess.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}
