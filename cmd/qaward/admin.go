package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"qaward/store"
)

func verifyCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "Check the database file and its audit chain",
		Long: `Verify checks the database file, the hash chain of its audit log and that
every record matches its audit entry; it exits non-zero on any fault.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, args []string) error { return runVerify(a, args) },
	}
}

func runVerify(a *app, _ []string) error {
	st, err := a.openStore(true)
	if err != nil {
		return err
	}
	defer st.Close()
	faults, err := st.Verify()
	if err != nil {
		return err
	}
	for _, f := range faults {
		fmt.Fprintln(a.stdout, "FAULT", f)
	}
	if len(faults) > 0 {
		return fmt.Errorf("verify: %d fault(s) in %s", len(faults), st.Path())
	}
	entries := 0
	if err := st.Audit(func(store.Entry) error { entries++; return nil }); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "ok: %s: file consistent, audit chain of %d entries intact, every record matches its audit entry\n", st.Path(), entries)
	return nil
}

func backupCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "backup FILE",
		Short:             "Write a consistent copy of the database",
		Long:              "Backup writes a consistent copy of the database to FILE (bbolt's own snapshot, in one read transaction).",
		Args:              exactArgs("FILE"),
		ValidArgsFunction: positional(files()),
		RunE:              func(_ *cobra.Command, args []string) error { return runBackup(a, args) },
	}
}

func runBackup(a *app, pos []string) error {
	st, err := a.openStore(true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.BackupFile(pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote a consistent copy of %s to %s\n", st.Path(), pos[0])
	return nil
}
