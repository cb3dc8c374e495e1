package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
)

func genCmd(a *app) *cobra.Command {
	var o sample.Options
	var out string
	c := &cobra.Command{
		Use:   "gen",
		Short: "Generate a synthetic cycle, into the database or as CSV files",
		Long: `Gen builds a synthetic cycle deterministically from a seed: by default the
reference scale of the design (1,000 applicants, 300 reviewers, 7 reviewers
per applicant per stage, both stages scored). It writes the cycle (named by
--cycle, default gen) into the database, or CSV files and a cycle.toml into
a directory with --out.`,
		Example: `  qaward --db ref.db gen
  qaward gen --applicants 100 --reviewers 30 --out small/`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runGen(a, o, out) },
	}
	fl := c.Flags()
	fl.IntVar(&o.Applicants, "applicants", 1000, "number of applicants (about one in twenty an individual)")
	fl.IntVar(&o.Reviewers, "reviewers", 300, "number of reviewers")
	fl.IntVar(&o.PerApplicant, "per-applicant", 7, "reviewers per applicant per stage")
	fl.Uint64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same cycle")
	fl.BoolVar(&o.Text, "text", false, "write strengths and improvements for every item")
	fl.StringVar(&out, "out", "", "write CSV files and a cycle.toml into this `directory` instead of the database")
	c.MarkFlagDirname("out")
	return c
}

func runGen(a *app, o sample.Options, out string) error {
	o.Cycle = a.cycle
	if o.Cycle == "" {
		o.Cycle = "gen"
	}
	if err := o.Validate(); err != nil {
		return usagef("gen: %v", err)
	}
	d, err := sample.Generate(o)
	if err != nil {
		return err
	}
	if out != "" {
		if err := sample.WriteCSV(out, d); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote cycle %s to %s: %d applicants, %d reviewers, %d sheets\n",
			d.Cycle.ID, filepath.Clean(out), len(d.Applicants), len(d.Reviewers), len(d.Sheets))
		return nil
	}
	st, err := a.openStore(false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := storeDataset(st, a.actor(), d); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "generated cycle %s in %s: %d applicants, %d reviewers, %d sheets (current cycle)\n",
		d.Cycle.ID, st.Path(), len(d.Applicants), len(d.Reviewers), len(d.Sheets))
	return nil
}

// storeDataset writes a whole generated cycle.
func storeDataset(st store.Store, actor string, d sample.Dataset) error {
	return backend.StoreDataset(st, actor, d)
}

// tempDB makes a database file in a fresh temporary directory.
func tempDB() (path string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "qaward-demo-")
	if err != nil {
		return "", nil, err
	}
	return filepath.Join(dir, "demo.db"), func() { os.RemoveAll(dir) }, nil
}
