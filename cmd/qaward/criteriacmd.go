package main

import (
	"fmt"
	"strconv"
	"strings"

	"qaward/criteria"
)

func runCriteria(a *app, args []string) error {
	fs := a.flags("criteria")
	setID := fs.String("set", "gbt19580-2012", "criteria set `ID` (see the list below)")
	file := fs.String("file", "", "check and print a criteria set from a TOML `file` instead")
	format := fs.String("format", "table", "output format: table, csv or json")
	fs.Usage = func() {
		fmt.Fprintf(a.stderr, "Usage: qaward %s\n\nPrints a criteria set: categories, items, points and kinds.\n\nFlags:\n", commands["criteria"].usage)
		fs.PrintDefaults()
		fmt.Fprintln(a.stderr, "\nBuilt-in sets:")
		for _, s := range criteria.Builtin() {
			fmt.Fprintf(a.stderr, "  %-15s %s (%d points)\n", s.ID, s.Name, s.Total)
		}
	}
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	var set *criteria.Set
	if *file != "" {
		var err error
		if set, err = criteria.Load(*file); err != nil {
			return err
		}
	} else {
		var ok bool
		if set, ok = criteria.Lookup(*setID); !ok {
			var ids []string
			for _, s := range criteria.Builtin() {
				ids = append(ids, s.ID)
			}
			return usagef("criteria: unknown set %q: want one of %s", *setID, strings.Join(ids, ", "))
		}
	}
	return criteriaReport(set).write(a.stdout, *format)
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
