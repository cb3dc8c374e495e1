package tui

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

	saver *saver
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

// capturer is implemented by screens that take typed text at the moment,
// so that the root does not read 'q' or '?' as commands.
type capturer interface {
	Capturing() bool
}

// titled is implemented by screens that name themselves in the header.
type titled interface {
	Title() string
}

// Messages between screens and the root.
type (
	// pushMsg opens a screen on top of the current one.
	pushMsg struct{ c Component }
	// popMsg closes the current screen.
	popMsg struct{}
	// resetMsg replaces every screen with one.
	resetMsg struct{ c Component }
	// errMsg reports a failure to show in the status line.
	errMsg struct{ err error }
	// statusMsg is a passing note for the status line.
	statusMsg struct{ text string }
	// reloadMsg asks the root to read the cycle again.
	reloadMsg struct{}
)

func push(c Component) tea.Cmd { return func() tea.Msg { return pushMsg{c} } }
func pop() tea.Msg             { return popMsg{} }
func status(s string) tea.Cmd  { return func() tea.Msg { return statusMsg{s} } }

// stageName names a stage in the interface language.
func (c Common) stageName(st award.Stage) string { return c.Text.S("stage." + string(st)) }

// kindName names an applicant kind in the interface language.
func (c Common) kindName(k award.Kind) string { return c.Text.S("kind." + string(k)) }

// backend is the session's application layer, acting for the person whose
// view the store is: every result and every rule of the procedure comes
// from there.
func (c Common) backend() *backend.Backend {
	return backend.New(c.Store, backend.Options{Catalog: c.Catalog, Now: c.Now})
}

// deskCtx is what the office's tabs share: the session, the cycle as read,
// and the person acting for the office.
type deskCtx struct {
	c      Common
	data   *Data
	person string
}
