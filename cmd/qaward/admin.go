package main

import (
	"fmt"

	"qaward/store"
)

func runVerify(a *app, args []string) error {
	fs := a.flags("verify")
	sinceHead := fs.String("since-head", "", "fail if the audit log was cut back or rewritten after this head `SEQ:HASH`, printed by an earlier verify")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	var since store.Head
	if *sinceHead != "" {
		h, err := store.ParseHead(*sinceHead)
		if err != nil {
			return &usageError{"verify --since-head: " + err.Error()}
		}
		since = h
	}
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
		fmt.Fprintln(a.stdout, "FAULT", f)
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

func runBackup(a *app, args []string) error {
	fs := a.flags("backup")
	pos, err := parse(fs, args, 1)
	if err != nil {
		return err
	}
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
