package main

import (
	"fmt"
	"os"
	"path/filepath"

	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
)

func runGen(a *app, args []string) error {
	fs := a.flags("gen")
	var o sample.Options
	fs.IntVar(&o.Applicants, "applicants", 1000, "number of applicants (about one in twenty an individual)")
	fs.IntVar(&o.Reviewers, "reviewers", 300, "number of reviewers")
	fs.IntVar(&o.PerApplicant, "per-applicant", 7, "reviewers per applicant per stage")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same cycle")
	fs.BoolVar(&o.Text, "text", false, "write strengths and improvements for every item")
	out := fs.String("out", "", "write CSV files and a cycle.toml into this `directory` instead of the database")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
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
	if *out != "" {
		if err := sample.WriteCSV(*out, d); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote cycle %s to %s: %d applicants, %d reviewers, %d sheets\n",
			d.Cycle.ID, filepath.Clean(*out), len(d.Applicants), len(d.Reviewers), len(d.Sheets))
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
