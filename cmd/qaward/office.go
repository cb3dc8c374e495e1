package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/store"
)

type stageFlags struct{ reason, article string }

func stageCmd(a *app) *cobra.Command {
	var f stageFlags
	var stages []cobra.Completion
	for _, s := range append(append([]award.Status{}, award.Pipeline...), award.Ended...) {
		stages = append(stages, cobra.CompletionWithDesc(string(s), s.Name("zh")+" "+s.Name("en")))
	}
	c := &cobra.Command{
		Use:   "stage ID STAGE [--reason TEXT --article ART]",
		Short: "Move an applicant through the pipeline (申报 … 审定公告), or end its way with a reason",
		Long: `Stage moves an applicant to a stage of the pipeline, one step at a time, or
ends its way (rejected, withdrawn, ineligible) with the reason that is fed
back to the applicant and the article it rests on. STAGE is the English or
the Chinese name of the stage.`,
		Example:           "  qaward --db cycle.db stage A0003 rejected --reason \"…\" --article 第十六条",
		Args:              exactArgs("ID", "STAGE"),
		ValidArgsFunction: positional(cobra.NoFileCompletions, cobra.FixedCompletions(stages, cobra.ShellCompDirectiveNoFileComp)),
		RunE:              func(_ *cobra.Command, args []string) error { return runStage(a, f, args) },
	}
	c.Flags().StringVar(&f.reason, "reason", "", "why (required to reject, withdraw or find ineligible; fed back to the applicant)")
	c.Flags().StringVar(&f.article, "article", "", "the article of the management rules it rests on, such as 第十六条")
	c.RegisterFlagCompletionFunc("reason", cobra.NoFileCompletions)
	c.RegisterFlagCompletionFunc("article", cobra.NoFileCompletions)
	return c
}

func runStage(a *app, f stageFlags, pos []string) error {
	to, err := award.ParseStatus(pos[1])
	if err != nil {
		return usagef("stage: %v", err)
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		t := award.Transition{ApplicantID: pos[0], To: to, Reason: f.reason, Article: f.article}
		if err := a.backend(st).Move(cycle, t); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s is now at %s (%s)\n", pos[0], to, to.Name("zh"))
		return nil
	})
}

type eligibilityFlags struct{ asOf, format string }

func eligibilityCmd(a *app) *cobra.Command {
	var f eligibilityFlags
	c := &cobra.Command{
		Use:   "eligibility [ID]",
		Short: "Check applicants against the eligibility rules (Art. 8-10, 30)",
		Long: `Eligibility checks every applicant, or the one named, against the eligibility
rules (Art. 8-10, 30): each rule met, not met (with the evidence) or not
recorded.`,
		Example: "  qaward --db cycle.db eligibility A0003",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("eligibility: at most one applicant ID, got %d arguments", len(args))
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, args []string) error { return runEligibility(a, f, args) },
	}
	c.Flags().StringVar(&f.asOf, "as-of", "", "date of the call for applications, `YYYY-MM-DD` (default: the day the cycle was created)")
	formatFlag(c, &f.format)
	c.RegisterFlagCompletionFunc("as-of", cobra.NoFileCompletions)
	return c
}

func runEligibility(a *app, f eligibilityFlags, args []string) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Results(cycle)
		if err != nil {
			return err
		}
		date := res.Cycle.Created
		if f.asOf != "" {
			if date, err = time.Parse(time.DateOnly, f.asOf); err != nil {
				return usagef("eligibility: --as-of %q: want YYYY-MM-DD", f.asOf)
			}
		}
		as := res.Snapshot.Applicants
		if len(args) == 1 {
			ap, ok := res.Applicant(args[0])
			if !ok {
				return fmt.Errorf("no applicant %q in cycle %s", args[0], res.Cycle.ID)
			}
			as = []award.Applicant{ap}
		}
		elig := res.EligibilityAsOf(date)
		r := &report{header: []string{"id", "name", "article", "rule", "verdict", "evidence", "override"}}
		failed := 0
		for _, ap := range as {
			e := elig[ap.ID]
			if len(e.Blocking(ap.Kind)) > 0 {
				failed++
			}
			for _, ch := range e.Checks {
				r.rows = append(r.rows, []string{ap.ID, ap.Name, ch.Article, ch.Rule, string(ch.Verdict), ch.Evidence, ch.Override})
			}
		}
		r.notes = []string{fmt.Sprintf("%d of %d applicants do not meet a rule that blocks 评委会审议 (as of %s)", failed, len(as), date.Format(time.DateOnly))}
		return a.print(r, f.format)
	})
}

func candidatesCmd(a *app) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "candidates [--format table|csv|json]",
		Short: "Print the candidate list with the committee's decisions",
		Long: `Candidates prints the candidate list (Art. 22): every applicant the composite
ranking proposes for an award or a nomination, with the committee's decision
where one is recorded.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runCandidates(a, format) },
	}
	formatFlag(c, &format)
	return c
}

func runCandidates(a *app, format string) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := a.backend(st).Results(cycle)
		if err != nil {
			return err
		}
		return a.print(fromExport(res.CandidatesReport()), format)
	})
}
