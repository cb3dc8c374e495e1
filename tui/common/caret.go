package common

import "sync"

// Caret is where the terminal's own cursor is to stand after a frame: at
// the caret of the focused text field, so that an input method opens its
// candidate window beside the text (DESIGN §4). The root sets it while it
// draws (Update's goroutine); the program's output writer reads it as it
// writes the frame (the renderer's), hence the lock. A nil Caret is never
// shown.
type Caret struct {
	mu   sync.Mutex
	x, y int
	on   bool
}

// Set puts the caret at column x, row y of the screen (from 0).
func (c *Caret) Set(x, y int) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.x, c.y, c.on = x, y, true
	c.mu.Unlock()
}

// Clear hides it: no text field has focus.
func (c *Caret) Clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.on = false
	c.mu.Unlock()
}

// At is where it stands, with on false when it is hidden.
func (c *Caret) At() (x, y int, on bool) {
	if c == nil {
		return 0, 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.x, c.y, c.on
}

// Careted is implemented by screens with a text field: where its caret
// stands on the screen's own area, ok while a field has focus.
type Careted interface {
	Caret() (x, y int, ok bool)
}
