package tui

import (
	"io"
	"sync"

	"github.com/charmbracelet/x/ansi"

	"qaward/tui/common"
)

// The real cursor at the caret. Bubble Tea v1 has no way for a View to
// place the terminal's cursor: its renderer hides the cursor and draws a
// frame in one write, leaving the cursor at the start of the last line.
// So the program's output goes through a cursorWriter: after every write
// it saves the renderer's cursor (DECSC), moves to the caret the root's
// View noted (common.Caret) and shows the cursor there; before the next
// write it restores the renderer's cursor (DECRC), so the renderer finds
// it where it left it, in the alternate screen and inline alike. Without a
// caret it hides the cursor again. (Bubble Tea v2 has this as
// tea.View.Cursor; this is the same thing done beside the renderer.)

// cursorWriter is the program's output, placing the cursor after writes.
type cursorWriter struct {
	mu     sync.Mutex // the renderer writes from its ticker and its caller
	w      io.Writer
	caret  *common.Caret
	placed bool // the cursor is at the caret; the renderer's is saved
}

// cursorFile is a cursorWriter over a terminal, which Bubble Tea must still
// see as one (for its size and raw mode).
type cursorFile struct {
	*cursorWriter
	f terminal
}

// terminal is what Bubble Tea takes for a terminal (x/term.File).
type terminal interface {
	io.ReadWriteCloser
	Fd() uintptr
}

func (c cursorFile) Read(p []byte) (int, error) { return c.f.Read(p) }
func (c cursorFile) Close() error               { return c.f.Close() }
func (c cursorFile) Fd() uintptr                { return c.f.Fd() }

// OutputWithCaret wraps the program's output so that the cursor stands at caret.
func OutputWithCaret(w io.Writer, caret *common.Caret) io.Writer {
	cw := &cursorWriter{w: w, caret: caret}
	if f, ok := w.(terminal); ok {
		return cursorFile{cursorWriter: cw, f: f}
	}
	return cw
}

func (c *cursorWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b []byte
	if c.placed {
		b = append(b, ansi.RestoreCursor...)
	}
	b = append(b, p...)
	if x, y, on := c.caret.At(); on {
		b = append(b, ansi.SaveCursor...)
		b = append(b, ansi.CursorPosition(x+1, y+1)...)
		b = append(b, ansi.ShowCursor...)
		c.placed = true
	} else if c.placed {
		b = append(b, ansi.HideCursor...)
		c.placed = false
	}
	if _, err := c.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}
