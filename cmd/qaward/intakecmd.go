package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// Before acceptance (Art. 13–17): the call for applications, the
// applications received under it, their recommending channels, the
// formal review and where each applicant stands.

type intakeFlags struct {
	published, deadline, media, where, contact string
	days                                       int
	applicant, kind, body, item, note, format  string
	pass, fail                                 bool
}

func intakeCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "intake call|receive|channel|check|list",
		Short: "Before acceptance: the call, applications, channels and the formal review (Art. 13-17)",
		Long: `Intake runs the office's work before acceptance (Art. 13-17): the call for
applications (Art. 13), the applications received under it, which start at
申报 (applied), the channel that recommends each applicant (Art. 14: its
sector authority, or its township or sub-district government), the formal
review checklist (Art. 15) and, with 'qaward opinion', the department
opinions (Art. 16).

Once a call is recorded for the cycle, 'qaward stage ID accepted' (受理) is
refused until the applicant has a channel, every checklist item passed, and
the opinions of all six departments, none against (or the office overrode
it: 'qaward override ID 第十六条 --rule 税务意见 --reason TEXT'). A cycle
without a call, whose applicants were imported as accepted, is not held to
it. An applicant not accepted ends with 'qaward stage ID rejected --reason
TEXT --article ART'; 'qaward document not-accepted' writes its letter, with
the reason and the checklist items it failed, and 'qaward document call'
the call.`,
		Args: noArgs,
	}
	var f intakeFlags
	c.AddCommand(intakeCallCmd(a, &f), intakeReceiveCmd(a), intakeChannelCmd(a, &f), intakeCheckCmd(a, &f), intakeListCmd(a, &f))
	actionOnly(c)
	return c
}

// noFiles completes none of a command's flags with file names, but those
// that complete otherwise.
func noFiles(c *cobra.Command) {
	c.Flags().VisitAll(func(fl *pflag.Flag) {
		if _, ok := c.GetFlagCompletionFunc(fl.Name); !ok {
			c.RegisterFlagCompletionFunc(fl.Name, cobra.NoFileCompletions)
		}
	})
}

func intakeCallCmd(a *app, f *intakeFlags) *cobra.Command {
	call := &cobra.Command{
		Use:   "call --published YYYY-MM-DD (--deadline YYYY-MM-DD | --days N) [--where TEXT] [--media TEXT] [--contact TEXT]",
		Short: "Record the call for applications (Art. 13)",
		Example: `  qaward --db cycle.db intake call --published 2026-03-02 --days 30
  qaward --db cycle.db intake call --published 2026-03-02 --deadline 2026-04-30 --contact "联系人：李明 0739-4522000"`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := required("intake call", "--published", f.published); err != nil {
				return err
			}
			if (f.deadline == "") == (f.days <= 0) {
				return usagef("intake call: give --deadline or --days (working days after publication), one of them")
			}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				c, err := a.backend(st).RecordCall(cycle, award.Call{Published: f.published, Deadline: f.deadline,
					Media: f.media, Where: f.where, Contact: f.contact}, f.days)
				if err != nil {
					return err
				}
				fmt.Fprintln(a.stdout, backend.CallSummary(&c))
				return nil
			})
		},
	}
	call.Flags().StringVar(&f.published, "published", "", "the day the call is published, `YYYY-MM-DD` (required)")
	call.Flags().StringVar(&f.deadline, "deadline", "", "the last day to apply, a working day, `YYYY-MM-DD`")
	call.Flags().IntVar(&f.days, "days", 0, "or the `N` working days after publication the call gives, on the official calendar")
	call.Flags().StringVar(&f.where, "where", "", "where applications are made (default "+award.DefaultCallWhere+")")
	call.Flags().StringVar(&f.media, "media", "", "where the call is published (default "+award.DefaultCallMedia+")")
	call.Flags().StringVar(&f.contact, "contact", "", "whom applicants ask: names and telephone")
	noFiles(call)
	return call
}

func intakeReceiveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "receive FILE",
		Short: "Add the applications received, in the columns of 'import applicants', at 申报",
		Long: `Receive adds the applicants of FILE (CSV or XLSX, the columns of 'qaward import
applicants') as applications received under the call: each starts at 申报
(applied), to be moved on with 'qaward stage'. All or nothing; an applicant
already in the cycle is refused.`,
		Example:           "  qaward --db cycle.db intake receive applications.csv",
		Args:              exactArgs("FILE"),
		ValidArgsFunction: positional(files("csv", "xlsx")),
		RunE: func(_ *cobra.Command, args []string) error {
			return a.inCycle(false, func(st store.Store, cycle string) error {
				n, err := a.backend(st).ReceiveApplications(cycle, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "received %d applications at %s (%s)\n", n, award.Applied, award.Applied.Name("zh"))
				return nil
			})
		},
	}
}

func intakeChannelCmd(a *app, f *intakeFlags) *cobra.Command {
	channel := &cobra.Command{
		Use:     "channel --applicant ID --kind industry|township --body NAME",
		Short:   "Record the channel that recommends an applicant (Art. 14)",
		Example: `  qaward --db cycle.db intake channel --applicant O01 --kind industry --body 武冈市工业和信息化局`,
		Args:    noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := required("intake channel", "--applicant", f.applicant, "--kind", f.kind, "--body", f.body); err != nil {
				return err
			}
			kind, err := award.ParseChannelKind(f.kind)
			if err != nil {
				return usagef("intake channel: %v", err)
			}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				if err := a.backend(st).RecordChannel(cycle, award.Channel{ApplicantID: f.applicant, Kind: kind, Body: f.body}); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "%s: recommended by %s (%s)\n", f.applicant, f.body, kind.Name("zh"))
				return nil
			})
		},
	}
	channel.Flags().StringVar(&f.kind, "kind", "", "industry (行业主管部门) or township (乡镇人民政府/街道办事处) (required)")
	channel.Flags().StringVar(&f.body, "body", "", "the recommending body's name (required)")
	channel.RegisterFlagCompletionFunc("kind", fixed(string(award.ChannelIndustry), string(award.ChannelTownship)))
	applicantFlag(channel, f)
	return channel
}

// applicantFlag is --applicant, of the commands that record one
// applicant's intake.
func applicantFlag(c *cobra.Command, f *intakeFlags) {
	c.Flags().StringVar(&f.applicant, "applicant", "", "the applicant's `ID` (required)")
	c.ValidArgsFunction = cobra.NoFileCompletions
	noFiles(c)
}

func intakeCheckCmd(a *app, f *intakeFlags) *cobra.Command {
	var items []string
	for _, it := range award.IntakeItems {
		items = append(items, it.ID)
	}
	check := &cobra.Command{
		Use:   "check --applicant ID --item ITEM --pass|--fail [--note TEXT]",
		Short: "Record one item of an applicant's formal review (Art. 15)",
		Long:  "Check records the office's finding on one item of the formal review. The items:\n\n" + itemsHelp() + "\nA failed item needs a note saying what is wrong: it goes into the letter of refusal.",
		Example: `  qaward --db cycle.db intake check --applicant O01 --item form --pass
  qaward --db cycle.db intake check --applicant O02 --item materials --fail --note "申报材料超过规定篇幅"`,
		Args: noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := required("intake check", "--applicant", f.applicant, "--item", f.item); err != nil {
				return err
			}
			if f.pass == f.fail {
				return usagef("intake check: give --pass or --fail, one of them")
			}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				c := award.IntakeCheck{ApplicantID: f.applicant, Item: f.item, Pass: f.pass, Note: f.note}
				if err := a.backend(st).RecordCheck(cycle, c); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "%s: %s %s\n", f.applicant, f.item, map[bool]string{true: "passed", false: "failed"}[f.pass])
				return nil
			})
		},
	}
	check.Flags().StringVar(&f.item, "item", "", "the checklist `item`: "+strings.Join(items, ", ")+" (required)")
	check.Flags().BoolVar(&f.pass, "pass", false, "the item is in order")
	check.Flags().BoolVar(&f.fail, "fail", false, "the item is not in order (needs --note)")
	check.Flags().StringVar(&f.note, "note", "", "what is wrong, or a remark")
	check.RegisterFlagCompletionFunc("item", fixed(items...))
	applicantFlag(check, f)
	return check
}

func intakeListCmd(a *app, f *intakeFlags) *cobra.Command {
	list := &cobra.Command{
		Use:   "list [--format table|csv|json]",
		Short: "List each applicant's channel, checklist, opinions, and what blocks its acceptance",
		Long: `List shows, for every applicant of the cycle, its stage, recommending
channel, checklist (items passed of those asked, and failed), department
opinions (agreeing of six, and against), whether it may be accepted now
(yes, no, or n/a once it is past acceptance or its way has ended) and, when
not, what blocks it with the article. The table also says the call.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				board, err := a.backend(st).Intake(cycle)
				if err != nil {
					return err
				}
				if f.format == "" || f.format == "table" {
					fmt.Fprintln(a.stdout, backend.CallSummary(board.Call))
				}
				return a.print(fromExport(backend.IntakeReport(board, a.lang)), f.format)
			})
		},
	}
	formatFlag(list, &f.format)
	return list
}

// itemsHelp lists the checklist items for --help.
func itemsHelp() string {
	var b strings.Builder
	for _, it := range award.IntakeItems {
		only := ""
		if it.OrgOnly {
			only = " (organisations only)"
		}
		fmt.Fprintf(&b, "  %-15s %s, %s%s (%s)\n", it.ID, it.Zh, it.En, only, it.Article)
	}
	return b.String()
}
