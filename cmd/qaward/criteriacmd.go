package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/criteria"
	"qaward/store"
)

type criteriaFlags struct {
	setID, file, format string
	list                bool
}

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
		Use:   "criteria",
		Short: "Print a criteria set, check one in a TOML file, or load an industry set into the cycle",
		Long: "Criteria prints a criteria set: categories, items, points and kinds.\n\nBuilt-in sets:" + sets.String() + `

Industry sets (Art. 12) are loaded into the cycle from TOML with
'qaward criteria load FILE' and kept in the database as their text, so that
the database describes itself: applicants name them in the criteria_set
column of 'import applicants', --set prints them, --list lists every set of
the cycle with its origin and how many applicants are scored on it.`,
		Example:           "  qaward criteria --format csv\n  qaward criteria --file my-set.toml\n  qaward --db cycle.db criteria load services.toml\n  qaward --db cycle.db criteria --list",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runCriteria(a, f) },
	}
	c.Flags().StringVar(&f.setID, "set", "gbt19580-2012", "criteria set `ID`: "+strings.Join(ids, ", "))
	c.Flags().StringVar(&f.file, "file", "", "check and print a criteria set from a TOML `file` instead")
	c.Flags().BoolVar(&f.list, "list", false, "list the cycle's criteria sets, built in and loaded, with their origin")
	formatFlag(c, &f.format)
	c.RegisterFlagCompletionFunc("set", cobra.FixedCompletions(completions, cobra.ShellCompDirectiveNoFileComp))
	c.MarkFlagFilename("file", "toml")
	c.AddCommand(criteriaLoadCmd(a), criteriaRemoveCmd(a))
	return c
}

func criteriaLoadCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "load FILE.toml",
		Short: "Load an industry criteria set into the cycle (office)",
		Long: `Load checks a criteria set's TOML file as 'criteria --file' does and stores
its text in the current cycle, audited, so that applicants can name it in the
criteria_set column. Loading a file of an ID already loaded replaces it; if
applicants name that set, its items, points and kinds may not change (load
the new version under an ID of its own). A built-in set's ID is refused.`,
		Example: "  qaward --db cycle.db criteria load gbt19580-2012-services.toml",
		Args:    exactArgs("FILE.toml"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return a.inCycle(false, func(st store.Store, cycle string) error {
				src, err := a.backend(st).LoadCriteriaSet(cycle, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "criteria set %s (%s) loaded into cycle %s from %s\n", src.ID, award.Printable(src.Name), cycle, award.Printable(src.File))
				return nil
			})
		},
	}
}

func criteriaRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:               "remove ID",
		Short:             "Take a loaded criteria set out of the cycle (office)",
		Long:              "Remove takes a loaded criteria set out of the current cycle, audited; it is refused while applicants name it.",
		Args:              exactArgs("ID"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			return a.inCycle(false, func(st store.Store, cycle string) error {
				if err := a.backend(st).RemoveCriteriaSet(cycle, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "criteria set %s removed from cycle %s\n", args[0], cycle)
				return nil
			})
		},
	}
}

func runCriteria(a *app, f criteriaFlags) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	if f.list {
		return a.inCycle(true, func(st store.Store, cycle string) error {
			sets, err := a.backend(st).CriteriaSets(cycle)
			if err != nil {
				return err
			}
			return a.print(criteriaListReport(sets), f.format)
		})
	}
	if f.file != "" {
		set, err := criteria.Load(f.file)
		if err != nil {
			return err
		}
		return a.print(criteriaReport(set), f.format)
	}
	if set, ok := criteria.Lookup(f.setID); ok { // a built-in set needs no database
		return a.print(criteriaReport(set), f.format)
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		set, err := a.backend(st).CriteriaSet(cycle, f.setID)
		if err != nil {
			return usagef("criteria: %v", err)
		}
		return a.print(criteriaReport(set), f.format)
	})
}

// criteriaListReport lists a cycle's sets with their origin.
func criteriaListReport(sets []backend.CriteriaSetInfo) *report {
	r := &report{header: []string{"set", "name", "applicant", "total", "items", "origin", "loaded", "applicants"},
		integer: map[string]bool{"total": true, "items": true, "applicants": true}}
	for _, s := range sets {
		origin, loaded := "built-in", ""
		if s.Source != nil {
			origin, loaded = s.Source.File, s.Source.Loaded
		}
		r.rows = append(r.rows, []string{s.Set.ID, award.Printable(s.Set.Name), s.Set.Applicant, strconv.Itoa(s.Set.Total),
			strconv.Itoa(s.Set.NumItems()), award.Printable(origin), loaded, strconv.Itoa(s.Applicants)})
	}
	return r
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
