package main

import (
	"fmt"

	"qaward/store"
)

func runConfig(a *app, args []string) error {
	fs := a.flags("config")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		c, err := st.Cycle(cycle)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "# cycle %s: the rules in force, every key with its value\n\n%s", c.ID, c.Config.TOML())
		return nil
	})
}
