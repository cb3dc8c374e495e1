package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/backend/export"
	"qaward/store"
)

// The site visits (现场评审, Art. 20): the schedule of the on-site groups
// on the official working-day calendar, the reviewers' unavailable days
// and the site-visit issues.

type visitFlags struct {
	start, group, applicant, reviewer, date, reason, item, text, issue, format string
	days                                                                       []string
	visitDays, before, after                                                   int
	apply, remove, all                                                         bool
}

func visitsCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "visits plan|list|set|unavailable|issues",
		Short: "Plan and list the site visits of the on-site groups and their issues (Art. 20)",
		Long: `Visits keeps the site-visit schedule (现场评审日程) of the on-site groups on the
official working-day calendar. A visit takes consecutive working days, with
travel days before and after; on every one of them each member of the group
must be available and on no other visit, and a group makes one visit at a
time (one applicant a day). 'plan' places every on-site group's applicants
on the first free working days from a start day (groups and applicants in
ID order; the same records give the same plan); 'set' enters one visit by
hand and refuses one that breaks a rule, naming the day and the person.

The site-visit issues are what each group verifies on site, carried from the
material review when the plan is applied: the items whose material
percentage in force is below 30 %, on which a reviewer lay the [dispersion]
points from the others, with the widest spread, or on which the material
consensus wrote an opportunity for improvement. The office adds, removes and
records the findings. Office writes are audited; a leader and the members of
an on-site group read their own group's schedule and issues.`,
		Args: noArgs,
	}
	var f visitFlags
	c.AddCommand(visitsPlanCmd(a, &f), visitsListCmd(a, &f), visitsSetCmd(a, &f), visitsUnavailableCmd(a, &f), visitsIssuesCmd(a, &f))
	actionOnly(c)
	return c
}

func parseDay(flag, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return t, usagef("%s %q: want a date YYYY-MM-DD", flag, s)
	}
	return t, nil
}

func visitsPlanCmd(a *app, f *visitFlags) *cobra.Command {
	c := &cobra.Command{
		Use:   "plan --start YYYY-MM-DD [--days N] [--travel-before N] [--travel-after N] [--apply]",
		Short: "Plan the site visits from a day; with --apply make the plan the schedule",
		Example: `  qaward --db cycle.db visits plan --start 2026-05-06
  qaward --db cycle.db visits plan --start 2026-05-06 --days 2 --travel-before 1 --apply`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := required("visits plan", "--start", f.start); err != nil {
				return err
			}
			start, err := parseDay("--start", f.start)
			if err != nil {
				return err
			}
			if f.visitDays < 1 {
				return usagef("visits plan: --days %d: a visit takes at least 1 day", f.visitDays)
			}
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.inCycle(!f.apply, func(st store.Store, cycle string) error {
				b := a.backend(st)
				plan, err := b.PlanVisits(cycle, award.VisitPlan{Start: start, Days: f.visitDays, TravelBefore: f.before, TravelAfter: f.after}, f.apply)
				if err != nil {
					return err
				}
				rows, err := b.PlannedRows(cycle, plan)
				if err != nil {
					return err
				}
				r := fromExport(backend.VisitsReport(rows))
				if !f.apply {
					r.notes = append(r.notes, "a plan only: nothing was stored; --apply makes it the schedule")
				}
				return a.print(r, f.format)
			})
		},
	}
	c.Flags().StringVar(&f.start, "start", "", "the first `day` of the visits, YYYY-MM-DD (required)")
	c.Flags().IntVar(&f.visitDays, "days", 1, "visit days per applicant")
	c.Flags().IntVar(&f.before, "travel-before", 0, "working days of travel before each visit")
	c.Flags().IntVar(&f.after, "travel-after", 0, "working days of travel after each visit")
	c.Flags().BoolVar(&f.apply, "apply", false, "store the plan as the schedule (replacing it) and carry the site-visit issues")
	formatFlag(c, &f.format)
	return c
}

func visitsListCmd(a *app, f *visitFlags) *cobra.Command {
	c := &cobra.Command{
		Use:               "list [--group G] [--format table|csv|json]",
		Short:             "List the site-visit schedule, by group and day",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				rows, err := a.backend(st).VisitRows(cycle, f.group)
				if err != nil {
					return err
				}
				return a.print(fromExport(backend.VisitsReport(rows)), f.format)
			})
		},
	}
	c.Flags().StringVar(&f.group, "group", "", "only this on-site `group`")
	formatFlag(c, &f.format)
	return c
}

func visitsSetCmd(a *app, f *visitFlags) *cobra.Command {
	c := &cobra.Command{
		Use:   "set --group G --applicant A --date YYYY-MM-DD [--date …] [--travel-before N] [--travel-after N] | --applicant A --remove",
		Short: "Enter one applicant's visit by hand, or remove it",
		Example: `  qaward --db cycle.db visits set --group onsite-01 --applicant A0002 --date 2026-05-13
  qaward --db cycle.db visits set --group onsite-01 --applicant A0003 --date 2026-05-14 --date 2026-05-15 --travel-before 1
  qaward --db cycle.db visits set --applicant A0003 --remove`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if f.remove {
				if err := required("visits set", "--applicant", f.applicant); err != nil {
					return err
				}
				return a.inCycle(false, func(st store.Store, cycle string) error {
					if err := a.backend(st).RemoveVisit(cycle, f.applicant); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "visit of %s removed\n", f.applicant)
					return nil
				})
			}
			if err := required("visits set", "--group", f.group, "--applicant", f.applicant, "--date", strings.Join(f.days, "")); err != nil {
				return err
			}
			for _, d := range f.days {
				if _, err := parseDay("--date", d); err != nil {
					return err
				}
			}
			v := award.Visit{GroupID: f.group, ApplicantID: f.applicant, Days: f.days, TravelBefore: f.before, TravelAfter: f.after}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				if err := a.backend(st).SetVisit(cycle, v); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "visit of %s by %s on %s\n", v.ApplicantID, v.GroupID, strings.Join(v.Days, ", "))
				return nil
			})
		},
	}
	c.Flags().StringVar(&f.group, "group", "", "the on-site `group`")
	c.Flags().StringVar(&f.applicant, "applicant", "", "the applicant's `ID`")
	c.Flags().StringArrayVar(&f.days, "date", nil, "a visit `day`, YYYY-MM-DD (repeat for consecutive working days)")
	c.Flags().IntVar(&f.before, "travel-before", 0, "working days of travel before the visit")
	c.Flags().IntVar(&f.after, "travel-after", 0, "working days of travel after the visit")
	c.Flags().BoolVar(&f.remove, "remove", false, "take the applicant's visit off the schedule")
	return c
}

func visitsUnavailableCmd(a *app, f *visitFlags) *cobra.Command {
	c := &cobra.Command{
		Use:   "unavailable --reviewer R --date YYYY-MM-DD [--reason TEXT] [--remove] | --list",
		Short: "Record a day a reviewer cannot go on a visit (or take it back, or list them)",
		Example: `  qaward --db cycle.db visits unavailable --reviewer R003 --date 2026-05-07 --reason 出差
  qaward --db cycle.db visits unavailable --list`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if f.all {
				if err := checkFormat(f.format); err != nil {
					return err
				}
				return a.inCycle(true, func(st store.Store, cycle string) error {
					as, err := a.backend(st).Absences(cycle)
					if err != nil {
						return err
					}
					t := export.Table{Name: "评审员不可出行日", Header: []string{"reviewer", "date", "reason"}}
					for _, x := range as {
						t.Rows = append(t.Rows, []string{x.ReviewerID, x.Date, x.Reason})
					}
					return a.print(fromExport(export.Report{Table: t}), f.format)
				})
			}
			if err := required("visits unavailable", "--reviewer", f.reviewer, "--date", f.date); err != nil {
				return err
			}
			if _, err := parseDay("--date", f.date); err != nil {
				return err
			}
			x := award.VisitAbsence{ReviewerID: f.reviewer, Date: f.date, Reason: f.reason}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				if err := a.backend(st).MarkUnavailable(cycle, x, f.remove); err != nil {
					return err
				}
				what := "unavailable"
				if f.remove {
					what = "available again"
				}
				fmt.Fprintf(a.stdout, "%s %s on %s\n", x.ReviewerID, what, x.Date)
				return nil
			})
		},
	}
	c.Flags().StringVar(&f.reviewer, "reviewer", "", "the reviewer's `ID`")
	c.Flags().StringVar(&f.date, "date", "", "the `day`, YYYY-MM-DD")
	c.Flags().StringVar(&f.reason, "reason", "", "why (optional)")
	c.Flags().BoolVar(&f.remove, "remove", false, "take the unavailable day back")
	c.Flags().BoolVar(&f.all, "list", false, "list the unavailable days")
	formatFlag(c, &f.format)
	return c
}

func visitsIssuesCmd(a *app, f *visitFlags) *cobra.Command {
	c := &cobra.Command{
		Use:   "issues [--applicant A] [--all] [--format table|csv|json]",
		Short: "List the site-visit issues (add, remove, finding, derive change them)",
		Args:  noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				is, err := a.backend(st).VisitIssues(cycle, f.applicant, f.all)
				if err != nil {
					return err
				}
				return a.print(fromExport(backend.VisitIssuesReport(is)), f.format)
			})
		},
	}
	c.Flags().StringVar(&f.applicant, "applicant", "", "only this applicant's `ID`")
	c.Flags().BoolVar(&f.all, "all", false, "the removed issues too")
	formatFlag(c, &f.format)
	write := func(use, short string, need []string, run func(b *backend.Backend, cycle string) (string, error)) *cobra.Command {
		s := &cobra.Command{Use: use, Short: short, Args: noArgs, ValidArgsFunction: cobra.NoFileCompletions,
			RunE: func(_ *cobra.Command, _ []string) error {
				vals := map[string]string{"--applicant": f.applicant, "--issue": f.issue, "--text": f.text}
				var pairs []string
				for _, n := range need {
					pairs = append(pairs, n, vals[n])
				}
				if err := required("visits issues", pairs...); err != nil {
					return err
				}
				return a.inCycle(false, func(st store.Store, cycle string) error {
					msg, err := run(a.backend(st), cycle)
					if err == nil {
						fmt.Fprintln(a.stdout, msg)
					}
					return err
				})
			}}
		s.Flags().StringVar(&f.applicant, "applicant", "", "the applicant's `ID`")
		return s
	}
	add := write("add --applicant A --text TEXT [--item ITEM]", "Add an issue of the office's", []string{"--applicant", "--text"},
		func(b *backend.Backend, cycle string) (string, error) {
			is, err := b.AddVisitIssue(cycle, f.applicant, f.item, f.text)
			return fmt.Sprintf("issue %s of %s added", is.ID, is.ApplicantID), err
		})
	add.Flags().StringVar(&f.text, "text", "", "what the group is to look at")
	add.Flags().StringVar(&f.item, "item", "", "the criteria `item` it is about")
	remove := write("remove --applicant A --issue ID", "Take an issue off the list", []string{"--applicant", "--issue"},
		func(b *backend.Backend, cycle string) (string, error) {
			return fmt.Sprintf("issue %s of %s removed", f.issue, f.applicant), b.RemoveVisitIssue(cycle, f.applicant, f.issue)
		})
	finding := write("finding --applicant A --issue ID --text TEXT", "Record what the on-site group found on an issue", []string{"--applicant", "--issue", "--text"},
		func(b *backend.Backend, cycle string) (string, error) {
			return fmt.Sprintf("finding on issue %s of %s recorded", f.issue, f.applicant), b.RecordFinding(cycle, f.applicant, f.issue, f.text)
		})
	finding.Flags().StringVar(&f.text, "text", "", "the finding")
	for _, s := range []*cobra.Command{remove, finding} {
		s.Flags().StringVar(&f.issue, "issue", "", "the issue's `ID` (an item ID, or X1, X2, …)")
	}
	derive := write("derive [--applicant A]", "Carry the issues from the material review again (removals and findings kept)", nil,
		func(b *backend.Backend, cycle string) (string, error) {
			is, err := b.DeriveVisitIssues(cycle, f.applicant)
			return fmt.Sprintf("%d site-visit issues in force", len(is)), err
		})
	c.AddCommand(add, remove, finding, derive)
	return c
}

// runExportVisits is `qaward export visits FILE [--group G]`: the
// site-visit schedule and its issues.
func runExportVisits(a *app, f exportFlags, file string) error {
	refused := ""
	if f.stage != "all" || f.include || f.reviewer != "" || f.applicant != "" {
		refused = "visits takes --group only (no --stage, --reviewer, --applicant or --include-confidential)"
	}
	return runExportRegister(a, file, refused, func(b *backend.Backend, cycle string) (backend.ExportResult, error) {
		return b.ExportVisits(cycle, f.group, file, a.lang)
	})
}
