package common

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"qaward/award"
	"qaward/backend"
	"qaward/criteria"
	"qaward/store"
)

// Common is what every screen is built with: one per session (one local
// terminal, or one SSH session), never shared between sessions.
type Common struct {
	Styles *Styles
	Keys   KeyMap
	Text   Text
	Store  store.Store
	// Cycle is the cycle to open; empty means the store's current cycle.
	Cycle string
	// As is the acting person's ID; empty means "pick from a list".
	As string
	// Office lists the person IDs that act for the office.
	Office []string
	// Catalog finds the criteria set an applicant is scored by.
	Catalog *criteria.Catalog
	// LoadSample fills an empty database with the sample cycle; nil hides
	// the choice on the welcome screen.
	LoadSample func() error
	// Now is the clock (tests pin it).
	Now func() time.Time
	// Poll is how often the store is looked at for changes made by
	// others (refresh.go); 0 never (NewCommon's default: Run and the
	// server set DefaultPoll).
	Poll time.Duration
	// Caret is where the terminal's cursor stands after a frame (nil:
	// nowhere, as in tests); Run and the server set one and write the
	// program's output through it.
	Caret *Caret

	Saver *saver
}

// NewCommon returns a Common for a session writing to the renderer r.
func NewCommon(r *lipgloss.Renderer, st store.Store, lang Lang) Common {
	t := Text{lang: lang}
	return Common{
		Styles:  NewStyles(r),
		Keys:    NewKeyMap(t),
		Text:    t,
		Store:   st,
		Office:  []string{DefaultOffice},
		Catalog: criteria.BuiltinCatalog(),
		Now:     time.Now,
	}
}

// MinWidth and MinHeight are the smallest terminal a screen is drawn in;
// a smaller one shows a notice with the size needed.
const (
	MinWidth  = 60
	MinHeight = 12
)

// Sizer is implemented by screens that need more room than MinWidth ×
// MinHeight.
type Sizer interface {
	MinSize() (w, h int)
}

// DefaultOffice is the person ID of the office (评委会办公室) in local
// mode, offered on the person picker beside the reviewers.
const DefaultOffice = "office"

// Component is one screen: a Bubble Tea model that lists its keys for the
// help bar and can be resized.
type Component interface {
	tea.Model
	help.KeyMap
	SetSize(width, height int)
}

// Capturer is implemented by screens that take typed text at the moment,
// so that the root does not read 'q' or '?' as commands.
type Capturer interface {
	Capturing() bool
}

// Titled is implemented by screens that name themselves in the header.
type Titled interface {
	Title() string
}

// Messages between screens and the root.
type (
	// PushMsg opens a screen on top of the current one.
	PushMsg struct{ C Component }
	// PopMsg closes the current screen.
	PopMsg struct{}
	// ResetMsg replaces every screen with one.
	ResetMsg struct{ C Component }
	// ErrMsg reports a failure to show in the status line.
	ErrMsg struct{ Err error }
	// StatusMsg is a passing note for the status line.
	StatusMsg struct{ Text string }
	// ReloadMsg asks the root to read the cycle again.
	ReloadMsg struct{}
)

func Push(c Component) tea.Cmd { return func() tea.Msg { return PushMsg{c} } }
func Pop() tea.Msg             { return PopMsg{} }
func Status(s string) tea.Cmd  { return func() tea.Msg { return StatusMsg{s} } }

// StageName names a stage in the interface language.
func (c Common) StageName(st award.Stage) string { return c.Text.S("stage." + string(st)) }

// KindName names an applicant kind in the interface language.
func (c Common) KindName(k award.Kind) string { return c.Text.S("kind." + string(k)) }

// Backend is the session's application layer, acting for the person whose
// view the store is: every result and every rule of the procedure comes
// from there.
func (c Common) Backend() *backend.Backend {
	return backend.New(c.Store, backend.Options{Catalog: c.Catalog, Now: c.Now})
}

// DeskCtx is what the office's tabs share: the session, the cycle as read,
// and the person acting for the office.
type DeskCtx struct {
	C      Common
	Data   *Data
	Person string
}
