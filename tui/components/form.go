package components

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// fieldKind is the kind of a form field.
type fieldKind int

const (
	fText   fieldKind = iota // typed text
	fChoice                  // one of a list, chosen with left/right
	fToggle                  // yes or no, switched with left/right or space
)

// Option is one choice of a choice field; a disabled option (with its
// reason) shows but cannot be submitted.
type Option struct {
	Value, Label string
	disabled     string
}

// TextOptions are the options of the values vs, each labelled with the
// text of key prefix+value.
func TextOptions[V ~string](t common.Text, prefix string, vs ...V) []Option {
	var opts []Option
	for _, v := range vs {
		opts = append(opts, Option{Value: string(v), Label: t.S(prefix + string(v))})
	}
	return opts
}

// field is one line of a form.
type field struct {
	Key, label string
	kind       fieldKind
	In         textinput.Model
	initial    string // a text field's value when the form opened
	opts       []Option
	idx        int
	On         bool
}

// Form is the office's dialog for one write: a title, what it is about,
// fields, a live preview, and the error of the last attempt. Ctrl+S (or
// Enter on the last field) validates it, without I/O, and starts the write
// in a command; the form closes when the write succeeded and shows the
// refusal when it did not. A form without fields is a confirmation.
type Form struct {
	c       common.Common
	Heading string
	Intro   []string
	Fields  []*field
	Focus   int
	Err     string
	Busy    bool
	// Discarding: esc was pressed with typed text; a second esc drops it
	Discarding bool
	Preview    func(f *Form) (line string, bad bool)
	Submit     func(f *Form) (tea.Cmd, error)
	w, h       int
}

func NewForm(c common.Common, title string, submit func(f *Form) (tea.Cmd, error)) *Form {
	return &Form{c: c, Heading: title, Submit: submit, w: 80, h: 20}
}

// Text adds a text field.
func (f *Form) Text(key, label, value, hint string) *Form {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = common.CharLimit(key)
	in.Placeholder = hint
	in.PlaceholderStyle = f.c.Styles.Muted
	in.TextStyle = f.c.Styles.App
	in.Cursor.Style = f.c.Styles.Cursor
	in.Cursor.TextStyle = f.c.Styles.App
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(value)
	f.Fields = append(f.Fields, &field{Key: key, label: label, kind: fText, In: in, initial: value})
	f.refocus()
	return f
}

// Choice adds a choice field starting at the option with value cur.
func (f *Form) Choice(key, label string, opts []Option, cur string) *Form {
	fl := &field{Key: key, label: label, kind: fChoice, opts: opts}
	for i, o := range opts {
		if o.Value == cur {
			fl.idx = i
		}
	}
	f.Fields = append(f.Fields, fl)
	f.refocus()
	return f
}

// Toggle adds a yes/no field.
func (f *Form) Toggle(key, label string, on bool) *Form {
	f.Fields = append(f.Fields, &field{Key: key, label: label, kind: fToggle, On: on})
	f.refocus()
	return f
}

func (f *Form) Field(key string) *field {
	for _, fl := range f.Fields {
		if fl.Key == key {
			return fl
		}
	}
	return nil
}

// Val is a text field's trimmed value.
func (f *Form) Val(key string) string {
	if fl := f.Field(key); fl != nil {
		return strings.TrimSpace(fl.In.Value())
	}
	return ""
}

// Pick is a choice field's value.
func (f *Form) Pick(key string) string {
	if fl := f.Field(key); fl != nil && fl.idx < len(fl.opts) {
		return fl.opts[fl.idx].Value
	}
	return ""
}

// Yes is a toggle's value.
func (f *Form) Yes(key string) bool {
	fl := f.Field(key)
	return fl != nil && fl.On
}

// refocus focuses the text input of the current field only.
func (f *Form) refocus() {
	for i, fl := range f.Fields {
		if fl.kind != fText {
			continue
		}
		if i == f.Focus {
			fl.In.Focus()
		} else {
			fl.In.Blur()
		}
	}
}

func (f *Form) Init() tea.Cmd    { return nil }
func (f *Form) Title() string    { return f.Heading }
func (f *Form) Capturing() bool  { return true }
func (f *Form) SetSize(w, h int) { f.w, f.h = w, h }

func (f *Form) ShortHelp() []key.Binding {
	k, t := f.c.Keys, f.c.Text
	if len(f.Fields) == 0 {
		return []key.Binding{common.WithHelp(k.Enter, "enter", t.S("key.confirm")), common.WithHelp(k.Back, "esc", t.S("key.cancel"))}
	}
	return []key.Binding{common.WithHelp(k.Next, "tab/↓", t.S("key.next")), common.WithHelp(k.Left, "←/→", t.S("key.choose")),
		common.WithHelp(k.Submit, "ctrl+s", t.S("key.save")), common.WithHelp(k.Back, "esc", t.S("key.cancel"))}
}

func (f *Form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

func (f *Form) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if msg.From != f {
			return f, nil
		}
		f.Busy = false
		if msg.Err != nil {
			f.Err = f.c.ErrWords(msg.Err)
			return f, nil
		}
		return f, common.Pop
	case tea.KeyMsg:
		return f, f.Key(msg)
	}
	return f, nil
}

func (f *Form) Key(msg tea.KeyMsg) tea.Cmd {
	if f.Busy {
		return nil
	}
	k := f.c.Keys
	var cur *field
	if f.Focus < len(f.Fields) {
		cur = f.Fields[f.Focus]
	}
	if key.Matches(msg, k.Back) {
		if f.typed() && !f.Discarding {
			f.Discarding, f.Err = true, f.c.Text.S("form.discard")
			return nil
		}
		return common.Pop
	}
	if f.Discarding {
		f.Discarding, f.Err = false, ""
	}
	switch {
	case key.Matches(msg, k.Submit):
		return f.Save()
	case key.Matches(msg, k.Enter):
		if f.Focus >= len(f.Fields)-1 {
			return f.Save()
		}
		f.Move(1)
		return nil
	case key.Matches(msg, k.Next, k.ArrowDown):
		f.Move(1)
		return nil
	case key.Matches(msg, k.Prev, k.ArrowUp):
		f.Move(-1)
		return nil
	case cur == nil:
		return nil
	}
	f.Err = ""
	switch cur.kind {
	case fChoice:
		switch {
		case key.Matches(msg, k.ArrowLeft):
			cur.idx = (cur.idx + len(cur.opts) - 1) % max(1, len(cur.opts))
		case key.Matches(msg, k.ArrowRight, k.Toggle):
			cur.idx = (cur.idx + 1) % max(1, len(cur.opts))
		}
	case fToggle:
		if key.Matches(msg, k.ArrowLeft, k.ArrowRight, k.Toggle) {
			cur.On = !cur.On
		}
	case fText:
		var cmd tea.Cmd
		cur.In, cmd = cur.In.Update(msg)
		return cmd
	}
	return nil
}

func (f *Form) Move(d int) {
	if len(f.Fields) == 0 {
		return
	}
	f.Focus = (f.Focus + d + len(f.Fields)) % len(f.Fields)
	f.refocus()
}

// Save validates and starts the write.
func (f *Form) Save() tea.Cmd {
	for _, fl := range f.Fields {
		if fl.kind == fChoice && fl.idx < len(fl.opts) && fl.opts[fl.idx].disabled != "" {
			f.Err = fl.opts[fl.idx].disabled
			return nil
		}
	}
	cmd, err := f.Submit(f)
	if err != nil {
		f.Err = err.Error()
		return nil
	}
	f.Err = ""
	if cmd == nil {
		return common.Pop
	}
	f.Busy = true
	return cmd
}

func (f *Form) View() string {
	st, t := f.c.Styles, f.c.Text
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(" "+st.Title.Render(f.Heading), "")
	for _, p := range f.Intro {
		for _, l := range common.Wrap(p, max(10, f.w-4)) {
			add("  " + l)
		}
	}
	if len(f.Intro) > 0 {
		add("")
	}
	lw := 0
	for _, fl := range f.Fields {
		lw = max(lw, common.Width(fl.label))
	}
	vw := max(10, f.w-lw-8)
	for i, fl := range f.Fields {
		mark := "  "
		label := common.Fit(fl.label, lw)
		if i == f.Focus {
			mark = st.Cursor.Render("> ")
			label = st.Focus.Render(label)
		}
		var v string
		switch fl.kind {
		case fText:
			fl.In.Width = vw - 1
			v = fl.In.View()
		case fChoice:
			o := Option{}
			if fl.idx < len(fl.opts) {
				o = fl.opts[fl.idx]
			}
			v = "< " + o.Label + " >"
			if o.disabled != "" {
				v += " " + st.Bad.Render(o.disabled)
			}
		case fToggle:
			v = "[ ] " + t.S("no")
			if fl.On {
				v = "[x] " + t.S("yes")
			}
		}
		if i == f.Focus && fl.kind != fText {
			v = st.Focus.Render(v)
		}
		add(common.Cut(" "+mark+label+"  "+v, f.w))
	}
	if f.Preview != nil {
		if l, bad := f.Preview(f); l != "" {
			s := st.Info
			if bad {
				s = st.Bad
			}
			add("")
			for _, w := range common.Wrap(l, max(10, f.w-4)) {
				add("  " + s.Render(w))
			}
		}
	}
	switch {
	case f.Busy:
		add("", "  "+st.Saving.Render(t.S("saving")))
	case f.Err != "":
		add("")
		for _, w := range common.Wrap(f.Err, max(10, f.w-4)) {
			add("  " + st.Bad.Render(w))
		}
	}
	if len(f.Fields) == 0 {
		add("", "  "+st.Key.Render(t.S("of.confirmkeys")))
	}
	return strings.Join(lines, "\n")
}

// typed reports whether a text field holds text the person typed and the
// form has not written yet.
func (f *Form) typed() bool {
	if f.Busy {
		return false
	}
	for _, fl := range f.Fields {
		if fl.kind == fText && fl.In.Value() != fl.initial {
			return true
		}
	}
	return false
}

// Settle takes the fields' text as given: what was typed has been acted
// on (an import ran with the path), so esc no longer asks.
func (f *Form) Settle() {
	for _, fl := range f.Fields {
		if fl.kind == fText {
			fl.initial = fl.In.Value()
		}
	}
}

// Held names the form's typed, unsaved text, so that quitting asks first
// (quit.go); a form is never dropped silently with a long reason in it.
func (f *Form) Held() []string {
	if !f.typed() {
		return nil
	}
	return []string{f.c.Text.F("form.held", f.Heading)}
}
