package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/store"
)

func verifyCmd(a *app) *cobra.Command {
	var sinceHead string
	c := &cobra.Command{
		Use:   "verify [--since-head SEQ:HASH]",
		Short: "Check the database file and its audit chain",
		Long: `Verify runs bbolt's consistency check on the database file, checks the hash
chain of its audit log and that every record matches its audit entry, and
prints the chain's head (SEQ:HASH); it exits non-zero on any fault. Record
the head somewhere outside the database (for instance in the publicity
notice): --since-head with that head then detects a log cut back or
rewritten after it.`,
		Example:           "  qaward --db cycle.db verify\n  qaward --db cycle.db verify --since-head 1234:9f86d081884c7d65…",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runVerify(a, sinceHead) },
	}
	c.Flags().StringVar(&sinceHead, "since-head", "", "fail if the audit log was cut back or rewritten after this head `SEQ:HASH`, printed by an earlier verify")
	c.RegisterFlagCompletionFunc("since-head", cobra.NoFileCompletions)
	return c
}

func runVerify(a *app, sinceHead string) error {
	var since store.Head
	if sinceHead != "" {
		h, err := store.ParseHead(sinceHead)
		if err != nil {
			return usagef("verify --since-head: %v", err)
		}
		since = h
	}
	if err := a.officeOnly("verify the database"); err != nil {
		return err
	}
	// Verify holds the last write of every record while it walks the
	// log: collecting garbage sooner keeps its peak near that (a tenth
	// more CPU at ten times the reference scale, half the memory).
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	st, err := a.openStore(true)
	if err != nil {
		return err
	}
	defer st.Close()
	faults, err := st.Verify()
	if err != nil {
		return err
	}
	var headFaults []store.Fault
	if since.Seq != 0 {
		if headFaults, err = st.CheckHead(since); err != nil {
			return err
		}
	}
	for _, f := range append(faults, headFaults...) {
		fmt.Fprintln(a.stdout, "FAULT", award.Printable(fmt.Sprint(f)))
	}
	if len(headFaults) > 0 {
		return fmt.Errorf("verify: %s does not extend the audit head %s recorded earlier: %s",
			st.Path(), since, headFaults[0].Problem)
	}
	if len(faults) > 0 {
		return fmt.Errorf("verify: %d fault(s) in %s", len(faults), st.Path())
	}
	entries := 0
	if err := st.Audit(func(store.Entry) error { entries++; return nil }); err != nil {
		return err
	}
	head, err := st.Head()
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "ok: %s: file consistent, audit chain of %d entries intact, every record matches its audit entry\n", st.Path(), entries)
	if since.Seq != 0 {
		fmt.Fprintf(a.stdout, "the log extends the head recorded earlier, %s\n", since)
	}
	fmt.Fprintf(a.stdout, "audit head %s\n", head)
	return nil
}

func backupCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "backup FILE",
		Short:             "Write a consistent copy of the database",
		Long:              "Backup checks the database file and writes a consistent copy of it to FILE (bbolt's own snapshot, in one read transaction).",
		Args:              exactArgs("FILE"),
		ValidArgsFunction: positional(files()),
		RunE:              func(_ *cobra.Command, args []string) error { return runBackup(a, args) },
	}
}

func runBackup(a *app, pos []string) error {
	if err := a.officeOnly("back up the database"); err != nil {
		return err
	}
	st, err := a.openStore(true)
	if err != nil {
		if path, perr := a.dbPath(); perr == nil {
			if info, ok := readServeFile(path); ok && alive(info.PID) {
				return fmt.Errorf("backup: qaward serve holds %s; back it up through the server, which writes the copy on its disk: %s backup", path, sshCommand(info.Addr))
			}
		}
		return err
	}
	defer st.Close()
	if err := st.BackupFile(pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote a consistent copy of %s to %s\n", st.Path(), pos[0])
	return nil
}
