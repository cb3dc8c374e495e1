package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"qaward/criteria"
)

type criteriaFlags struct{ setID, file, format string }

func criteriaCmd(a *app) *cobra.Command {
	var f criteriaFlags
	var sets strings.Builder
	var ids, completions []string
	for _, s := range criteria.Builtin() {
		fmt.Fprintf(&sets, "\n  %-15s %s (%d points)", s.ID, s.Name, s.Total)
		ids = append(ids, s.ID)
		completions = append(completions, cobra.CompletionWithDesc(s.ID, s.Name))
	}
	c := &cobra.Command{
		Use:               "criteria",
		Short:             "Print a criteria set, or check one in a TOML file",
		Long:              "Criteria prints a criteria set: categories, items, points and kinds.\n\nBuilt-in sets:" + sets.String(),
		Example:           "  qaward criteria --format csv\n  qaward criteria --file my-set.toml",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runCriteria(a, f) },
	}
	c.Flags().StringVar(&f.setID, "set", "gbt19580-2012", "criteria set `ID`: "+strings.Join(ids, ", "))
	c.Flags().StringVar(&f.file, "file", "", "check and print a criteria set from a TOML `file` instead")
	formatFlag(c, &f.format)
	c.RegisterFlagCompletionFunc("set", cobra.FixedCompletions(completions, cobra.ShellCompDirectiveNoFileComp))
	c.MarkFlagFilename("file", "toml")
	return c
}

func runCriteria(a *app, f criteriaFlags) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	var set *criteria.Set
	if f.file != "" {
		var err error
		if set, err = criteria.Load(f.file); err != nil {
			return err
		}
	} else {
		var ok bool
		if set, ok = criteria.Lookup(f.setID); !ok {
			var ids []string
			for _, s := range criteria.Builtin() {
				ids = append(ids, s.ID)
			}
			return usagef("criteria: unknown set %q: want one of %s", f.setID, strings.Join(ids, ", "))
		}
	}
	return a.print(criteriaReport(set), f.format)
}

func criteriaReport(set *criteria.Set) *report {
	r := &report{header: []string{"category", "category_name", "item", "item_name", "points", "kind"},
		integer: map[string]bool{"points": true}}
	for _, c := range set.Categories {
		for _, it := range c.Items {
			r.rows = append(r.rows, []string{c.ID, c.Name, it.ID, it.Name, strconv.Itoa(it.Points), string(it.Kind)})
		}
	}
	r.notes = []string{fmt.Sprintf("%s %s: %d categories, %d items, %d points", set.ID, set.Name, len(set.Categories), len(r.rows), set.Total)}
	return r
}
