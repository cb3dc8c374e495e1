package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap is every key binding of the interface, with its help text. Every
// action has a binding that is not a plain letter (arrows, Enter, Esc, Tab,
// Ctrl combinations, function keys), because letters do not reach the
// program while a Chinese input method is composing; full-width punctuation
// (？ ／) is bound beside its ASCII twin.
type KeyMap struct {
	Up, Down, Left, Right   key.Binding
	PageUp, PageDown        key.Binding
	Home, End               key.Binding
	Enter, Back, Quit, Help key.Binding
	Filter, Next, Prev      key.Binding
	Submit, Clear, Sort     key.Binding
	Digits                  key.Binding // help only: digits are read directly
	Mark, MarkAll, Advance  key.Binding // the office's lists
	ForceQuit               key.Binding
	Refresh                 key.Binding // read the cycle again (F5 where free)
	Return                  key.Binding // a laptop's returned packet
	Revise                  key.Binding // reopen a submitted consensus
	// Arrows only, where letters are typed (a filter, a form's fields).
	ArrowUp, ArrowDown, ArrowLeft, ArrowRight key.Binding
	Toggle                                    key.Binding // space: the next choice, or a toggle flipped
	HelpF1                                    key.Binding // the help while a text field takes ? as a letter
	Retry                                     key.Binding // write again what failed, when quitting
}

// NewKeyMap returns the key bindings with help in the given language.
func NewKeyMap(t Text) KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t.S(desc)))
	}
	return KeyMap{
		Up:         b([]string{"up", "k", "ctrl+p"}, "↑/k", "key.up"),
		Down:       b([]string{"down", "j", "ctrl+n"}, "↓/j", "key.down"),
		Left:       b([]string{"left", "h", "-"}, "←", "key.left"),
		Right:      b([]string{"right", "l", "+", "="}, "→", "key.right"),
		PageUp:     b([]string{"pgup", "shift+up"}, "pgup", "key.pgup"),
		PageDown:   b([]string{"pgdown", "shift+down"}, "pgdn", "key.pgdown"),
		Home:       b([]string{"home", "g"}, "home", "key.home"),
		End:        b([]string{"end", "G"}, "end", "key.end"),
		Enter:      b([]string{"enter"}, "enter", "key.enter"),
		Back:       b([]string{"esc"}, "esc", "key.back"),
		Quit:       b([]string{"q"}, "q", "key.quit"),
		ForceQuit:  b([]string{"ctrl+c"}, "ctrl+c", "key.quit"),
		Help:       b([]string{"?", "？", "f1"}, "?/F1", "key.help"),
		Filter:     b([]string{"/", "／", "ctrl+f"}, "/", "key.filter"),
		Next:       b([]string{"tab"}, "tab", "key.next"),
		Prev:       b([]string{"shift+tab"}, "shift+tab", "key.prev"),
		Submit:     b([]string{"ctrl+s", "f10"}, "ctrl+s", "key.submit"),
		Clear:      b([]string{"backspace", "delete"}, "del", "key.clear"),
		Sort:       b([]string{"ctrl+o", "o", "f2"}, "F2", "key.sort"),
		Digits:     b([]string{}, "0-9", "key.digits"),
		Mark:       b([]string{" ", "insert"}, "space", "key.mark"),
		MarkAll:    b([]string{"ctrl+a", "f6"}, "F6", "key.markall"),
		Advance:    b([]string{"f8", "ctrl+g"}, "F8", "key.advance"),
		Refresh:    b([]string{"ctrl+r", "f5"}, "ctrl+r/F5", "key.refresh"),
		Return:     b([]string{"f7"}, "F7", "key.return"),
		Revise:     b([]string{"f3", "ctrl+e"}, "F3", "key.revise"),
		ArrowUp:    b([]string{"up"}, "↑", "key.up"),
		ArrowDown:  b([]string{"down"}, "↓", "key.down"),
		ArrowLeft:  b([]string{"left"}, "←", "key.left"),
		ArrowRight: b([]string{"right"}, "→", "key.right"),
		Toggle:     b([]string{" "}, "space", "key.toggle"),
		HelpF1:     b([]string{"f1"}, "F1", "key.help"),
		Retry:      b([]string{"r", "ctrl+s"}, "r", "quit.key.retry"),
	}
}

// DigitsOf returns the decimal value of the key's runes when they are all
// digits, ASCII or full-width (０–９, as an input method may send them).
func DigitsOf(msg tea.KeyMsg) (string, bool) {
	if msg.Type != tea.KeyRunes || msg.Alt || len(msg.Runes) == 0 {
		return "", false
	}
	out := make([]byte, 0, len(msg.Runes))
	for _, r := range msg.Runes {
		switch {
		case r >= '0' && r <= '9':
			out = append(out, byte(r))
		case r >= '０' && r <= '９':
			out = append(out, byte('0'+r-'０'))
		default:
			return "", false
		}
	}
	return string(out), true
}

func WithHelp(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}
