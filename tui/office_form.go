package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// fieldKind is the kind of a form field.
type fieldKind int

const (
	fText   fieldKind = iota // typed text
	fChoice                  // one of a list, chosen with left/right
	fToggle                  // yes or no, switched with left/right or space
)

// option is one choice of a choice field; a disabled option (with its
// reason) shows but cannot be submitted.
type option struct {
	value, label string
	disabled     string
}

// textOptions are the options of the values vs, each labelled with the
// text of key prefix+value.
func textOptions[V ~string](t Text, prefix string, vs ...V) []option {
	var opts []option
	for _, v := range vs {
		opts = append(opts, option{value: string(v), label: t.S(prefix + string(v))})
	}
	return opts
}

// field is one line of a form.
type field struct {
	key, label string
	kind       fieldKind
	in         textinput.Model
	initial    string // a text field's value when the form opened
	opts       []option
	idx        int
	on         bool
}

// form is the office's dialog for one write: a title, what it is about,
// fields, a live preview, and the error of the last attempt. Ctrl+S (or
// Enter on the last field) validates it, without I/O, and starts the write
// in a command; the form closes when the write succeeded and shows the
// refusal when it did not. A form without fields is a confirmation.
type form struct {
	c       Common
	heading string
	intro   []string
	fields  []*field
	focus   int
	err     string
	busy    bool
	// discarding: esc was pressed with typed text; a second esc drops it
	discarding bool
	// paths: the form takes file paths and choices only, cheap to give
	// again, so esc closes it without asking
	paths   bool
	preview func(f *form) (line string, bad bool)
	submit  func(f *form) (tea.Cmd, error)
	w, h    int
}

func newForm(c Common, title string, submit func(f *form) (tea.Cmd, error)) *form {
	return &form{c: c, heading: title, submit: submit, w: 80, h: 20}
}

// text adds a text field.
func (f *form) text(key, label, value, hint string) *form {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = charLimit(key)
	in.Placeholder = hint
	in.PlaceholderStyle = f.c.Styles.Muted
	in.TextStyle = f.c.Styles.App
	in.Cursor.Style = f.c.Styles.Cursor
	in.Cursor.TextStyle = f.c.Styles.App
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(value)
	f.fields = append(f.fields, &field{key: key, label: label, kind: fText, in: in, initial: value})
	f.refocus()
	return f
}

// choice adds a choice field starting at the option with value cur.
func (f *form) choice(key, label string, opts []option, cur string) *form {
	fl := &field{key: key, label: label, kind: fChoice, opts: opts}
	for i, o := range opts {
		if o.value == cur {
			fl.idx = i
		}
	}
	f.fields = append(f.fields, fl)
	f.refocus()
	return f
}

// toggle adds a yes/no field.
func (f *form) toggle(key, label string, on bool) *form {
	f.fields = append(f.fields, &field{key: key, label: label, kind: fToggle, on: on})
	f.refocus()
	return f
}

func (f *form) field(key string) *field {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl
		}
	}
	return nil
}

// val is a text field's trimmed value.
func (f *form) val(key string) string {
	if fl := f.field(key); fl != nil {
		return strings.TrimSpace(fl.in.Value())
	}
	return ""
}

// pick is a choice field's value.
func (f *form) pick(key string) string {
	if fl := f.field(key); fl != nil && fl.idx < len(fl.opts) {
		return fl.opts[fl.idx].value
	}
	return ""
}

// yes is a toggle's value.
func (f *form) yes(key string) bool {
	fl := f.field(key)
	return fl != nil && fl.on
}

// refocus focuses the text input of the current field only.
func (f *form) refocus() {
	for i, fl := range f.fields {
		if fl.kind != fText {
			continue
		}
		if i == f.focus {
			fl.in.Focus()
		} else {
			fl.in.Blur()
		}
	}
}

func (f *form) Init() tea.Cmd    { return nil }
func (f *form) Title() string    { return f.heading }
func (f *form) Capturing() bool  { return true }
func (f *form) SetSize(w, h int) { f.w, f.h = w, h }

func (f *form) ShortHelp() []key.Binding {
	k, t := f.c.Keys, f.c.Text
	if len(f.fields) == 0 {
		return []key.Binding{withHelp(k.Enter, "enter", t.S("key.confirm")), withHelp(k.Back, "esc", t.S("key.cancel"))}
	}
	return []key.Binding{withHelp(k.Next, "tab/down", t.S("key.next")), withHelp(k.Left, "left/right", t.S("key.choose")),
		withHelp(k.Submit, "ctrl+s", t.S("key.save")), withHelp(k.Back, "esc", t.S("key.cancel"))}
}

func (f *form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

func (f *form) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case officeMsg:
		if msg.from != f {
			return f, nil
		}
		f.busy = false
		if msg.err != nil {
			f.err = msg.err.Error()
			return f, nil
		}
		return f, pop
	case tea.KeyMsg:
		return f, f.key(msg)
	}
	return f, nil
}

func (f *form) key(msg tea.KeyMsg) tea.Cmd {
	if f.busy {
		return nil
	}
	k := f.c.Keys
	var cur *field
	if f.focus < len(f.fields) {
		cur = f.fields[f.focus]
	}
	if msg.Type == tea.KeyEsc {
		if f.typed() && !f.discarding {
			f.discarding, f.err = true, f.c.Text.S("form.discard")
			return nil
		}
		return pop
	}
	if f.discarding {
		f.discarding, f.err = false, ""
	}
	switch {
	case key.Matches(msg, k.Submit):
		return f.save()
	case msg.Type == tea.KeyEnter:
		if f.focus >= len(f.fields)-1 {
			return f.save()
		}
		f.move(1)
		return nil
	case msg.Type == tea.KeyTab || msg.Type == tea.KeyDown:
		f.move(1)
		return nil
	case msg.Type == tea.KeyShiftTab || msg.Type == tea.KeyUp:
		f.move(-1)
		return nil
	case cur == nil:
		return nil
	}
	f.err = ""
	space := msg.Type == tea.KeySpace || msg.String() == " "
	switch cur.kind {
	case fChoice:
		switch {
		case msg.Type == tea.KeyLeft:
			cur.idx = (cur.idx + len(cur.opts) - 1) % max(1, len(cur.opts))
		case msg.Type == tea.KeyRight || space:
			cur.idx = (cur.idx + 1) % max(1, len(cur.opts))
		}
	case fToggle:
		if msg.Type == tea.KeyLeft || msg.Type == tea.KeyRight || space {
			cur.on = !cur.on
		}
	case fText:
		var cmd tea.Cmd
		cur.in, cmd = cur.in.Update(msg)
		return cmd
	}
	return nil
}

func (f *form) move(d int) {
	if len(f.fields) == 0 {
		return
	}
	f.focus = (f.focus + d + len(f.fields)) % len(f.fields)
	f.refocus()
}

// save validates and starts the write.
func (f *form) save() tea.Cmd {
	for _, fl := range f.fields {
		if fl.kind == fChoice && fl.idx < len(fl.opts) && fl.opts[fl.idx].disabled != "" {
			f.err = fl.opts[fl.idx].disabled
			return nil
		}
	}
	cmd, err := f.submit(f)
	if err != nil {
		f.err = err.Error()
		return nil
	}
	f.err = ""
	if cmd == nil {
		return pop
	}
	f.busy = true
	return cmd
}

func (f *form) View() string {
	st, t := f.c.Styles, f.c.Text
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(" "+st.Title.Render(f.heading), "")
	for _, p := range f.intro {
		for _, l := range wrap(p, max(10, f.w-4)) {
			add("  " + l)
		}
	}
	if len(f.intro) > 0 {
		add("")
	}
	lw := 0
	for _, fl := range f.fields {
		lw = max(lw, width(fl.label))
	}
	vw := max(10, f.w-lw-8)
	for i, fl := range f.fields {
		mark := "  "
		label := fit(fl.label, lw)
		if i == f.focus {
			mark = st.Cursor.Render("> ")
			label = st.Focus.Render(label)
		}
		var v string
		switch fl.kind {
		case fText:
			fl.in.Width = vw - 1
			v = fl.in.View()
		case fChoice:
			o := option{}
			if fl.idx < len(fl.opts) {
				o = fl.opts[fl.idx]
			}
			v = "< " + o.label + " >"
			if o.disabled != "" {
				v += " " + st.Bad.Render(o.disabled)
			}
		case fToggle:
			v = "[ ] " + t.S("no")
			if fl.on {
				v = "[x] " + t.S("yes")
			}
		}
		if i == f.focus && fl.kind != fText {
			v = st.Focus.Render(v)
		}
		add(cut(" "+mark+label+"  "+v, f.w))
	}
	if f.preview != nil {
		if l, bad := f.preview(f); l != "" {
			s := st.Info
			if bad {
				s = st.Bad
			}
			add("")
			for _, w := range wrap(l, max(10, f.w-4)) {
				add("  " + s.Render(w))
			}
		}
	}
	switch {
	case f.busy:
		add("", "  "+st.Saving.Render(t.S("saving")))
	case f.err != "":
		add("")
		for _, w := range wrap(f.err, max(10, f.w-4)) {
			add("  " + st.Bad.Render(w))
		}
	}
	if len(f.fields) == 0 {
		add("", "  "+st.Key.Render(t.S("of.confirmkeys")))
	}
	return strings.Join(lines, "\n")
}

// typed reports whether a text field holds text the person typed and the
// form has not written yet.
func (f *form) typed() bool {
	if f.busy || f.paths {
		return false
	}
	for _, fl := range f.fields {
		if fl.kind == fText && fl.in.Value() != fl.initial {
			return true
		}
	}
	return false
}

// held names the form's typed, unsaved text, so that quitting asks first
// (quit.go); a form is never dropped silently with a long reason in it.
func (f *form) held() []string {
	if !f.typed() {
		return nil
	}
	return []string{f.c.Text.F("form.held", f.heading)}
}
