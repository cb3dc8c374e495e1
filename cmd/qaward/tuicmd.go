package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"qaward/award/sample"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui"
	"qaward/tui/common"
)

// runTUI starts the terminal UI on the database.
func runTUI(a *app) error {
	if err := a.terminal(); err != nil {
		return err
	}
	st, err := a.openStore(false)
	if err != nil {
		return err
	}
	defer st.Close()
	return a.tui(st, func() error { return storeDataset(st, "office", sample.Demo()) })
}

// tui runs the interface as the acting person sees the store: through
// store/access, as every session of `qaward serve` does. Without --as the
// local user holds the file and acts for the office; the person picker
// then lets them act for anyone, as at a shared terminal.
func (a *app) tui(st store.Store, loadSample func() error) error {
	p := a.localPerson(st)
	if p.Role != access.Office {
		loadSample = nil
	}
	return tui.Run(a.ctx, access.Wrap(st, p), tui.Options{Cycle: a.cycle, As: a.as, Lang: a.lang,
		Input: a.stdin, Output: a.stdout, LoadSample: loadSample})
}

// localPerson is who --as names: the office (also without --as), the
// leader of a group of the cycle, or a reviewer.
func (a *app) localPerson(st store.Store) access.Person {
	if a.as == "" || a.as == common.DefaultOffice {
		return access.Person{ID: common.DefaultOffice, Role: access.Office}
	}
	cycle := a.cycle
	if cycle == "" {
		cycle, _ = st.CurrentCycle()
	}
	if gs, err := st.Groups(cycle); err == nil {
		for _, g := range gs {
			if g.LeaderID == a.as {
				return access.Person{ID: a.as, Role: access.Leader}
			}
		}
	}
	return access.Person{ID: a.as, Role: access.Reviewer}
}

// terminal checks that the TUI has a terminal to run in: standard input
// and output, when they are files (as for the binary), must be terminals.
// Other readers and writers are a test's stand-in for one.
func (a *app) terminal() error {
	for _, s := range []any{a.stdin, a.stdout} {
		if f, ok := s.(*os.File); ok && !isatty.IsTerminal(f.Fd()) && !isatty.IsCygwinTerminal(f.Fd()) {
			return errors.New("the terminal UI needs a terminal on standard input and output; " +
				"for scripts, see the commands in 'qaward --help'")
		}
	}
	return nil
}

func demoCmd(a *app) *cobra.Command {
	var keep bool
	c := &cobra.Command{
		Use:   "demo",
		Short: "Open the TUI on a temporary database with the sample cycle",
		Long: `Demo opens the TUI on a temporary database filled with a realistic sample
cycle (12 applicants, 7 reviewers in a material and an on-site group, one
declared conflict); it touches nothing else and removes the database on exit.
With --db it opens that database, filling it with the sample when empty.`,
		Example:           "  qaward demo\n  qaward --as R002 --lang en demo",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runDemo(a, keep) },
	}
	c.Flags().BoolVar(&keep, "keep", false, "keep the temporary database and print its path on exit")
	return c
}

// runDemo opens the TUI on a temporary database holding the sample cycle;
// it touches nothing else and removes the database afterwards.
func runDemo(a *app, keep bool) error {
	if err := a.terminal(); err != nil {
		return err
	}
	path, cleanup, err := tempDB()
	if err != nil {
		return err
	}
	if a.db != "" {
		path, cleanup = a.db, func() {}
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		cleanup()
		return serverHint(path, err)
	}
	if _, err := st.CurrentCycle(); err != nil {
		if err := storeDataset(st, "office", sample.Demo()); err != nil {
			st.Close()
			cleanup()
			return err
		}
	}
	err = a.tui(st, nil)
	st.Close()
	if keep || a.db != "" {
		fmt.Fprintln(a.stderr, "demo database:", path)
	} else {
		cleanup()
	}
	return err
}
