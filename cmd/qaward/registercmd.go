package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// The office's registers beside the review: complaints (Art. 34) and the
// on-site candidates' ratings of their reviewers (Art. 36).

type complaintFlags struct{ received, from, against, content, handling, handled, format string }

func complaintCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "complaint file|handle|list",
		Short: "File, handle and list complaints about reviewers and the review (Art. 34)",
		Long: `Complaint keeps the complaints register of Art. 34: anyone who finds a problem
in the review may complain to the office, which investigates it. A complaint
is against a reviewer (their ID) or against the review process ("process");
the office records how it handled it, when, and the result: upheld (属实),
partly-upheld (部分属实) or unfounded (不属实). Every entry is audited. The
register is the office's: reviewers and leaders may not read it.`,
		Args: noArgs,
	}
	var f complaintFlags
	today := time.Now().Format(time.DateOnly)
	file := &cobra.Command{
		Use:   "file --from NAME --against REVIEWER|process --content TEXT [--received YYYY-MM-DD]",
		Short: "Record a complaint received, as pending",
		Example: `  qaward --db cycle.db complaint file --from "张先生 139…" --against R003 --content "现场评审迟到两小时"
  qaward --db cycle.db complaint file --from 匿名 --against process --content "…" --received 2026-08-03`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := required("complaint file", "--from", f.from, "--against", f.against, "--content", f.content); err != nil {
				return err
			}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				c, err := a.backend(st).FileComplaint(cycle, award.Complaint{Received: f.received, From: f.from, Against: f.against, Content: f.content})
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "complaint %s against %s recorded: %s\n", c.ID, c.Against, c.Result)
				return nil
			})
		},
	}
	file.Flags().StringVar(&f.received, "received", today, "the day it was received, `YYYY-MM-DD`")
	file.Flags().StringVar(&f.from, "from", "", "who complained: name and contact, or 匿名 (required)")
	file.Flags().StringVar(&f.against, "against", "", "the reviewer's `ID`, or process for the review process (required)")
	file.Flags().StringVar(&f.content, "content", "", "what the complaint says (required)")
	handle := &cobra.Command{
		Use:     "handle ID upheld|partly-upheld|unfounded --handling TEXT [--handled YYYY-MM-DD]",
		Short:   "Record how a complaint was handled and its result",
		Example: `  qaward --db cycle.db complaint handle C001 upheld --handling "经调查属实，约谈评审员并取消其本届评审资格（第三十三条）"`,
		Args:    exactArgs("ID", "RESULT"),
		ValidArgsFunction: positional(cobra.NoFileCompletions,
			fixed(string(award.ComplaintUpheld), string(award.ComplaintPartly), string(award.ComplaintUnfounded))),
		RunE: func(_ *cobra.Command, args []string) error {
			result, err := award.ParseComplaintResult(args[1])
			if err != nil {
				return usagef("complaint handle: %v", err)
			}
			if err := required("complaint handle", "--handling", f.handling); err != nil {
				return err
			}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				c, err := a.backend(st).HandleComplaint(cycle, args[0], result, f.handling, f.handled)
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "complaint %s against %s handled on %s: %s\n", c.ID, c.Against, c.Handled, c.Result)
				return nil
			})
		},
	}
	handle.Flags().StringVar(&f.handling, "handling", "", "how it was investigated and what was done (required)")
	handle.Flags().StringVar(&f.handled, "handled", today, "the day it was handled, `YYYY-MM-DD`")
	list := &cobra.Command{
		Use:               "list [--format table|csv|json]",
		Short:             "List the complaints register",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				cs, err := a.backend(st).Complaints(cycle)
				if err != nil {
					return err
				}
				return a.print(fromExport(backend.ComplaintsReport(cs)), f.format)
			})
		},
	}
	formatFlag(list, &f.format)
	for _, s := range []*cobra.Command{file, handle} {
		s.Flags().VisitAll(func(fl *pflag.Flag) { s.RegisterFlagCompletionFunc(fl.Name, cobra.NoFileCompletions) })
	}
	c.AddCommand(file, handle, list)
	actionOnly(c)
	return c
}

// required is a usage error naming the flags left empty; flagValues are
// pairs of a flag's name and its value.
func required(cmd string, flagValues ...string) error {
	var missing []string
	for i := 0; i+1 < len(flagValues); i += 2 {
		if strings.TrimSpace(flagValues[i+1]) == "" {
			missing = append(missing, flagValues[i])
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return usagef("%s: %s is required", cmd, missing[0])
	}
	return usagef("%s: %s are required", cmd, strings.Join(missing, ", "))
}

func ratingsCmd(a *app) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "ratings [--format table|csv|json]",
		Short: "Summarise the on-site candidates' ratings of their reviewers (Art. 36)",
		Long: `Ratings summarises, per reviewer, the ratings (1 to 5) that the candidates of
the on-site review gave their reviewers' work and discipline (Art. 36): how
many, the mean (exact, rounded half up to 0.01), the lowest and the highest,
and the comments of the lowest ratings. On-site reviewers not yet rated are
listed with a count of 0. 'qaward export ratings FILE' writes the same table.`,
		Example:           "  qaward --db cycle.db ratings --format csv",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				rows, err := a.backend(st).Ratings(cycle)
				if err != nil {
					return err
				}
				return a.print(fromExport(backend.RatingsReport(rows)), format)
			})
		},
	}
	formatFlag(c, &format)
	return c
}

// runExportRatings is `qaward export ratings FILE`.
func runExportRatings(a *app, file string) error {
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).ExportRatings(cycle, file, a.lang)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s: %s, %d rows\n", file, strings.Join(res.Tables, ", "), res.Rows)
		return nil
	})
}
