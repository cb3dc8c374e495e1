package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"qaward/store"
)

func configCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "config",
		Short:             "Print the current cycle's configuration, every key with its value",
		Long:              "Config prints the rules in force in the cycle as TOML, every key with its value, defaults included.",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runConfig(a) },
	}
}

func runConfig(a *app) error {
	return a.inCycle(true, func(st store.Store, cycle string) error {
		c, err := st.Cycle(cycle)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "# cycle %s: the rules in force, every key with its value\n\n%s", c.ID, c.Config.TOML())
		return nil
	})
}
