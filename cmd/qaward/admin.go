package main

import (
	"fmt"

	"qaward/store"
)

func runVerify(a *app, args []string) error {
	fs := a.flags("verify")
	if _, err := parse(fs, args, 0); err != nil {
		return err
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
