package serve

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/x/ansi"

	"qaward/tui/common"
)

// What one session may cost the server (DESIGN §6).
const (
	// MaxWidth and MaxHeight are the largest terminal a session is drawn
	// for. A client that reports a larger one, in its pty-req or in a
	// window-change, gets the screen drawn at this size: more columns and
	// rows than a 4K monitor shows at a readable font, and a frame of a
	// few hundred kilobytes rather than, for 20000×20000, gigabytes.
	MaxWidth  = 500
	MaxHeight = 200
	// A size of 0 means the client did not say (RFC 4254 §6.2): the
	// screen is drawn for 80×24.
	defaultWidth, defaultHeight = 80, 24

	// maxCellBytes bounds the bytes of one drawn line: a line longer than
	// maxCellBytes × its width (colours and all) is drawn without its
	// escape sequences. Styled tables take 2–4 bytes a cell.
	maxCellBytes = 24
	// MaxFrameBytes bounds what one frame of a session may take:
	// MaxHeight lines of at most MaxWidth × maxCellBytes bytes.
	MaxFrameBytes = MaxHeight * MaxWidth * maxCellBytes

	// DefaultHandshakeTimeout is how long a connection has to
	// authenticate and start its session before it is closed.
	DefaultHandshakeTimeout = 30 * time.Second
	// DefaultIdleTimeout is how long a session may go without input
	// before it ends.
	DefaultIdleTimeout = 2 * time.Hour
	// idleWarning is how long before the end of an idle session the
	// person is warned (at most half the idle timeout).
	idleWarning = time.Minute
)

// clampWindow bounds a window size a client reported.
func clampWindow(w ssh.Window) ssh.Window {
	if w.Width <= 0 {
		w.Width = defaultWidth
	}
	if w.Height <= 0 {
		w.Height = defaultHeight
	}
	w.Width, w.Height = min(w.Width, MaxWidth), min(w.Height, MaxHeight)
	return w
}

// boundSession is a session as the Bubble Tea middleware and the program
// see it: its terminal size clamped (clampWindow), resizes coalesced so
// that a flood of window-changes costs one redraw at a time, and its
// input noted for the idle timeout.
type boundSession struct {
	ssh.Session
	pty   ssh.Pty
	ok    bool
	winch chan ssh.Window
	done  chan struct{}
	input atomic.Int64 // time of the last input, Unix nanoseconds
}

func bindSession(sess ssh.Session) *boundSession {
	pty, in, ok := sess.Pty()
	pty.Window = clampWindow(pty.Window)
	b := &boundSession{Session: sess, pty: pty, ok: ok, winch: make(chan ssh.Window), done: make(chan struct{})}
	b.touch()
	if in != nil {
		go b.forward(in)
	}
	return b
}

// Pty is the session's terminal at the clamped size, and its resizes.
func (b *boundSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) { return b.pty, b.winch, b.ok }

// Read is the person's input.
func (b *boundSession) Read(p []byte) (int, error) {
	n, err := b.Session.Read(p)
	if n > 0 {
		b.touch()
	}
	return n, err
}

func (b *boundSession) touch() { b.input.Store(time.Now().UnixNano()) }

// idle is how long the session has gone without input.
func (b *boundSession) idle() time.Duration { return time.Since(time.Unix(0, b.input.Load())) }

// close ends forward.
func (b *boundSession) close() { close(b.done) }

// forward passes the client's window sizes on, clamped; a size not yet
// taken is replaced by the next one.
func (b *boundSession) forward(in <-chan ssh.Window) {
	var pending ssh.Window
	var out chan ssh.Window // non-nil while a size is pending
	for {
		select {
		case w, ok := <-in:
			if !ok {
				if out == nil {
					return
				}
				in = nil
				continue
			}
			pending, out = clampWindow(w), b.winch
		case out <- pending:
			if in == nil {
				return
			}
			out = nil
		case <-b.done:
			return
		}
	}
}

// boundFrame cuts a view to at most h lines of at most w cells and
// w × maxCellBytes bytes each (the renderer would cut the width too, but
// not the bytes); a line still too long is drawn without its escape
// sequences.
func boundFrame(view string, w, h int) string {
	if w <= 0 || h <= 0 {
		return view
	}
	maxLine := w * maxCellBytes
	if len(view) <= maxLine && strings.Count(view, "\n") < h {
		return view // no line can be too long, nor too many
	}
	lines := strings.SplitN(view, "\n", h+1)
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, line := range lines {
		if len(line) <= maxLine {
			continue
		}
		if line = ansi.Truncate(line, w, ""); len(line) > maxLine {
			line = ansi.Truncate(ansi.Strip(line), w, "")
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}

// idleWarningMsg tells the session's model to show the idle warning
// (empty text: to take it away).
type idleWarningMsg struct{ text string }

// sessionModel is the TUI as a session runs it: every frame bounded
// (boundFrame) at the session's clamped size, and the idle warning shown
// in place of the header until the person types.
type sessionModel struct {
	inner         tea.Model
	warnStyle     lipgloss.Style
	warning       string
	width, height int
}

func newSessionModel(inner tea.Model, c common.Common) *sessionModel {
	return &sessionModel{inner: inner, warnStyle: c.Styles.Warn.Bold(true).Reverse(true)}
}

func (m *sessionModel) Init() tea.Cmd { return m.inner.Init() }

func (m *sessionModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case idleWarningMsg:
		m.warning = msg.text
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyMsg, tea.MouseMsg:
		m.warning = ""
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(msg)
	return m, cmd
}

func (m *sessionModel) View() string {
	view := m.inner.View()
	if m.warning != "" {
		w := m.width
		if w <= 0 {
			w = defaultWidth
		}
		text := ansi.Truncate(" "+m.warning, w, "…")
		text += strings.Repeat(" ", max(0, w-ansi.StringWidth(text)))
		_, rest, _ := strings.Cut(view, "\n")
		view = m.warnStyle.Render(text) + "\n" + rest
	}
	return boundFrame(view, m.width, m.height)
}

// idleText is the warning shown when a session has had no input for
// idle and ends in left.
func idleText(lang common.Lang, idle, left time.Duration) string {
	if lang == common.English {
		return fmt.Sprintf("No input for %s: this session closes in %s. Press any key to stay.", span(lang, idle), span(lang, left))
	}
	return fmt.Sprintf("已 %s 未操作：本会话将在 %s 后关闭。按任意键继续。", span(lang, idle), span(lang, left))
}

// span writes a duration in whole hours, minutes and seconds.
func span(lang common.Lang, d time.Duration) string {
	d = d.Round(time.Second)
	units := []struct {
		d      time.Duration
		en, zh string
	}{{time.Hour, "h", "小时"}, {time.Minute, "min", "分钟"}, {time.Second, "s", "秒"}}
	var parts []string
	for _, u := range units {
		if n := d / u.d; n > 0 {
			d -= n * u.d
			if lang == common.English {
				parts = append(parts, fmt.Sprintf("%d %s", n, u.en))
			} else {
				parts = append(parts, fmt.Sprintf("%d %s", n, u.zh))
			}
		}
	}
	if len(parts) == 0 {
		if lang == common.English {
			return "0 s"
		}
		return "0 秒"
	}
	return strings.Join(parts, " ")
}
