package main

import (
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// progressMin is the least amount of work (rows, or bytes for a CSV file)
// that gets progress lines: small imports and exports stay quiet.
var progressMin = 20000

// progress returns a callback for long work that reports to stderr: on a
// terminal one line rewritten in place, elsewhere (a log, a pipe, a CI job)
// a plain line at every tenth of the work. The libraries call it with
// (done, total); a total of 0 means unknown.
func (a *app) progress(label string) func(done, total int) {
	tty := false
	if f, ok := a.stderr.(*os.File); ok {
		tty = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return newProgress(a.stderr, label, tty)
}

func newProgress(w io.Writer, label string, tty bool) func(done, total int) {
	lastTenth, finished := -1, false
	return func(done, total int) {
		if finished || total < progressMin && done < progressMin {
			return
		}
		if tty {
			if total > 0 {
				fmt.Fprintf(w, "\r%s: %d/%d (%d%%)", label, done, total, done*100/total)
			} else {
				fmt.Fprintf(w, "\r%s: %d", label, done)
			}
			if total > 0 && done >= total {
				fmt.Fprintln(w)
				finished = true
			}
			return
		}
		if total <= 0 { // unknown: a line every 50,000
			if done/50000 > lastTenth {
				lastTenth = done / 50000
				fmt.Fprintf(w, "%s: %d\n", label, done)
			}
			return
		}
		tenth := done * 10 / total
		if tenth > lastTenth {
			lastTenth = tenth
			fmt.Fprintf(w, "%s: %d%% (%d of %d)\n", label, tenth*10, done, total)
		}
		finished = done >= total
	}
}
