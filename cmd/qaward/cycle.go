package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/store/access"
	"qaward/tui"
)

// openStore opens the database; a read-only open needs the file to exist.
func (a *app) openStore(readOnly bool) (*store.DB, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	if readOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: create a cycle first with 'qaward init --cycle ID'", path)
		}
	}
	st, err := store.Open(path, store.Options{ReadOnly: readOnly, Now: clock})
	if readOnly && errors.Is(err, store.ErrMigrate) {
		// A database of an older qaward: bring it up to date once (the
		// migration is audited), then read it as asked.
		if err = a.migrate(path); err == nil {
			st, err = store.Open(path, store.Options{ReadOnly: true})
		}
	}
	if err != nil {
		return nil, serverHint(path, err)
	}
	return st, nil
}

// migrate opens the database for writing, which brings its schema up to
// date, and says so on stderr.
func (a *app) migrate(path string) error {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	v, _ := st.Schema()
	fmt.Fprintf(a.stderr, "qaward: %s was written by an older qaward; its schema is now version %d (recorded in the audit log)\n", path, v)
	return st.Close()
}

// cycleID is --cycle, else the current cycle.
func (a *app) cycleID(st store.Store) (string, error) {
	if a.cycle != "" {
		if _, err := st.Cycle(a.cycle); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return "", fmt.Errorf("cycle %q does not exist", a.cycle)
			}
			return "", err
		}
		return a.cycle, nil
	}
	return st.CurrentCycle()
}

// inCycle opens the database (read-only or for writing), resolves the
// cycle the command acts on and runs fn on the acting person's view of it
// (store/access: --as, else the office), so that a command may do only
// what the person may do in the TUI; the database is closed after.
func (a *app) inCycle(readOnly bool, fn func(st store.Store, cycle string) error) error {
	db, err := a.openStore(readOnly)
	if err != nil {
		return err
	}
	defer db.Close()
	st := access.Wrap(db, a.localPerson(db))
	cycle, err := a.cycleID(st)
	if err != nil {
		return err
	}
	return fn(st, cycle)
}

// backend is the application layer acting for the person whose view st
// is, with the audit log naming a.actor().
func (a *app) backend(st store.Store) *backend.Backend {
	return backend.New(st, backend.Options{Actor: a.actor(), Now: clock})
}

// clock is the time of the commands' writes and of "today" in their rules;
// nil is the wall clock. Tests set it to walk the years after an award.
var clock func() time.Time

func initCmd(a *app) *cobra.Command {
	var configFile string
	c := &cobra.Command{
		Use:   "init --cycle ID [--config FILE]",
		Short: "Create a cycle and make it current",
		Long: `Init creates a cycle in the database (made when missing) and makes it the
current cycle, with the configuration of the TOML file; the defaults of the
design apply to every key the file leaves out ('qaward config' prints them).`,
		Example:           "  qaward --db cycle.db init --cycle 2026 --config cycle.toml",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runInit(a, configFile) },
	}
	c.Flags().StringVar(&configFile, "config", "", "cycle configuration `file` (TOML); defaults apply to every key it leaves out")
	c.MarkFlagFilename("config", "toml")
	return c
}

func runInit(a *app, configFile string) error {
	if a.cycle == "" {
		return usagef("init: --cycle ID is required")
	}
	if !validID(a.cycle) {
		return usagef("init: --cycle %q: an ID is 1–64 letters, digits, '.', '_' or '-'", a.cycle)
	}
	c := award.Cycle{ID: a.cycle, Created: time.Now().UTC(), Config: award.DefaultConfig()}
	if configFile != "" {
		text, err := os.ReadFile(configFile)
		if err != nil {
			return err
		}
		if c.Config, err = award.ParseConfig(configFile, string(text)); err != nil {
			return err
		}
		c.ConfigText = string(text)
	}
	st, err := a.openStore(false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CreateCycle(a.actor(), c); err != nil {
		if errors.Is(err, store.ErrExists) {
			return fmt.Errorf("cycle %q already exists in %s", c.ID, st.Path())
		}
		return err
	}
	fmt.Fprintf(a.stdout, "created cycle %s in %s (current cycle)\n", c.ID, st.Path())
	return nil
}

func validID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || i > 0 && (r == '.' || r == '_' || r == '-')
		if !ok {
			return false
		}
	}
	return true
}

// officeOnly refuses a command to anyone but the office, before anything
// is opened: --as a reviewer or leader may run only what the TUI offers
// them.
func (a *app) officeOnly(what string) error {
	if a.as == "" || a.as == tui.DefaultOffice {
		return nil
	}
	return fmt.Errorf("%s may not %s (the office's work): %w", a.as, what, access.ErrForbidden)
}
