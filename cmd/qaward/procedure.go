package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// The office's procedure after the rankings (Art. 22–31), each command a
// thin call of the backend, which checks the rules that bind it.

type decideFlags struct{ note string }

func decideCmd(a *app) *cobra.Command {
	var f decideFlags
	c := &cobra.Command{
		Use:   "decide ID award|nomination|none [--note TEXT]",
		Short: "Record the committee's decision on an applicant (Art. 23)",
		Long: `Decide records the committee's decision on an applicant: award, nomination or
none. An award or a nomination beyond a quota of Art. 3 is refused citing
第三条, and one for an applicant whose eligibility is not met citing the
article; a decision other than the one the composite ranking proposes needs
a note.`,
		Example:           "  qaward --db cycle.db decide A0003 award\n  qaward --db cycle.db decide A0007 none --note \"评委会表决未通过\"",
		Args:              exactArgs("ID", "award|nomination|none"),
		ValidArgsFunction: positional(cobra.NoFileCompletions, fixed(award.DecideAward, award.DecideNomination, award.DecideNone)),
		RunE:              func(_ *cobra.Command, args []string) error { return runDecide(a, f, args) },
	}
	c.Flags().StringVar(&f.note, "note", "", "the committee's note (required when the decision differs from the proposal)")
	c.RegisterFlagCompletionFunc("note", cobra.NoFileCompletions)
	return c
}

func runDecide(a *app, f decideFlags, pos []string) error {
	outcome, err := award.ParseOutcome(pos[1])
	if err != nil {
		return usagef("decide: %v", err)
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		d := award.Decision{ApplicantID: pos[0], Decided: outcome, Note: f.note}
		if err := a.backend(st).Decide(cycle, d); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s: decided %s (%s)\n", pos[0], outcome, award.OutcomeName(outcome))
		return nil
	})
}

type overrideFlags struct{ rule, reason string }

func overrideCmd(a *app) *cobra.Command {
	var f overrideFlags
	c := &cobra.Command{
		Use:   "override ID ARTICLE --reason TEXT [--rule TEXT]",
		Short: "Hold one eligibility rule of an applicant as met, with a written reason",
		Long: `Override records the office's decision that one eligibility rule of an
applicant counts as met although the records do not show it (DESIGN rule
12), with the written reason; it is audited and shown beside the rule in
'qaward eligibility'. ARTICLE is the rule's article as eligibility prints
it, such as 第八条(三); --rule names the rule when the article has several.`,
		Example:           "  qaward --db cycle.db override A0003 第八条(三) --reason \"证书续期材料已核验\"",
		Args:              exactArgs("ID", "ARTICLE"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, args []string) error { return runOverride(a, f, args) },
	}
	c.Flags().StringVar(&f.reason, "reason", "", "why the rule counts as met (required)")
	c.Flags().StringVar(&f.rule, "rule", "", "the rule, as 'qaward eligibility' prints it, when the article has several")
	return c
}

func runOverride(a *app, f overrideFlags, pos []string) error {
	if strings.TrimSpace(f.reason) == "" {
		return usagef("override: --reason TEXT is required")
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		ch, err := a.backend(st).Override(cycle, pos[0], pos[1], f.rule, f.reason)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s: %s %s now counts as met (office override, audited)\n", pos[0], ch.Article, ch.Rule)
		return nil
	})
}

func publishCmd(a *app) *cobra.Command {
	var start string
	c := &cobra.Command{
		Use:   "publish --start YYYY-MM-DD",
		Short: "Publish the candidate list for 5 working days (Art. 24)",
		Long: `Publish records the publicity notice of the candidate list, with its window of
5 working days on the official calendar from --start, and moves every
candidate the committee decided from 评委会审议 to 公示, in one
transaction.`,
		Example:           "  qaward --db cycle.db publish --start 2026-09-28",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runPublish(a, start) },
	}
	c.Flags().StringVar(&start, "start", "", "first day of publicity, `YYYY-MM-DD` (required)")
	return c
}

func runPublish(a *app, start string) error {
	if start == "" {
		return usagef("publish: --start YYYY-MM-DD is required")
	}
	if _, err := time.Parse(time.DateOnly, start); err != nil {
		return usagef("publish: --start %q: want a date as YYYY-MM-DD", start)
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		n, err := a.backend(st).Publish(cycle, start)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "published the candidate list: publicity of %d working days, %s to %s\n", n.Days, n.Start, n.End)
		return nil
	})
}

type objectionFlags struct{ filed, filer, evidence, handler, finding, replied, format string }

func objectionCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "objection file|decide|list",
		Short: "File, decide and list objections to the candidate list (Art. 38–39)",
		Args:  noArgs,
	}
	var f objectionFlags
	file := &cobra.Command{
		Use:   "file ID --filed YYYY-MM-DD --filer NAME --evidence TEXT [--handler PERSON]",
		Short: "File an objection against a candidate, inside the publicity window",
		Args:  exactArgs("ID"),
		RunE: func(_ *cobra.Command, args []string) error {
			return runObjection(a, func(objs []award.Objection) (award.Objection, error) {
				handler := f.handler
				if handler == "" {
					handler = "office"
				}
				return award.Objection{ID: fmt.Sprintf("Y%03d", len(objs)+1), ApplicantID: args[0], Filed: f.filed,
					Filer: f.filer, Evidence: f.evidence, HandlerID: handler, Outcome: award.Pending}, nil
			})
		},
	}
	file.Flags().StringVar(&f.filed, "filed", time.Now().Format(time.DateOnly), "the day it was filed, `YYYY-MM-DD`")
	file.Flags().StringVar(&f.filer, "filer", "", "who filed it (name and contact, Art. 38)")
	file.Flags().StringVar(&f.evidence, "evidence", "", "what it says, with its evidence (required)")
	file.Flags().StringVar(&f.handler, "handler", "", "who investigates it: the office or a reviewer not conflicted with the applicant")
	decide := &cobra.Command{
		Use:   "decide OBJECTION upheld|dismissed --finding TEXT",
		Short: "Record the finding of an objection: upheld cancels the candidate's decision",
		Args:  exactArgs("OBJECTION", "upheld|dismissed"),
		ValidArgsFunction: positional(cobra.NoFileCompletions,
			fixed(string(award.Upheld), string(award.Dismissed))),
		RunE: func(_ *cobra.Command, args []string) error {
			return runObjection(a, func(objs []award.Objection) (award.Objection, error) {
				for _, o := range objs {
					if o.ID == args[0] {
						o.Outcome, o.Finding, o.Replied = award.ObjectionOutcome(args[1]), f.finding, f.replied
						if f.handler != "" {
							o.HandlerID = f.handler
						}
						return o, nil
					}
				}
				return award.Objection{}, fmt.Errorf("objection %s: no such objection ('qaward objection list')", args[0])
			})
		},
	}
	decide.Flags().StringVar(&f.finding, "finding", "", "what the investigation found, reported to the filer (required)")
	decide.Flags().StringVar(&f.handler, "handler", "", "who investigated it (default: as filed)")
	decide.Flags().StringVar(&f.replied, "replied", "", "the day the outcome is told to the filer, the reply's date, `YYYY-MM-DD` (default: today)")
	list := &cobra.Command{
		Use:   "list [--format table|csv|json]",
		Short: "List the objections, with the day each answer is due and those overdue",
		Long: `List prints the objection register in the order received: each objection with
the day its answer is due (Art. 39: the cycle's [objections] reply_days
working days after the day it was received, on the official working-day
calendar), the day it was answered, and its timing: pending, overdue (still
pending after the due day), on-time or late.`,
		Args: noArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return runObjectionList(a, f.format) },
	}
	formatFlag(list, &f.format)
	c.AddCommand(file, decide, list)
	return c
}

func runObjectionList(a *app, format string) error {
	return a.inCycle(true, func(st store.Store, cycle string) error {
		if err := a.officeOnly("list objections"); err != nil {
			return err
		}
		rows, days, err := a.backend(st).ObjectionRegister(cycle)
		if err != nil {
			return err
		}
		r := &report{header: []string{"id", "applicant", "filed", "due", "replied", "timing", "filer", "handler", "outcome", "finding"}}
		overdue := 0
		for _, o := range rows {
			timing := "on-time"
			switch {
			case o.Overdue:
				timing = "overdue"
				overdue++
			case o.Outcome == award.Pending:
				timing = "pending"
			case o.Late:
				timing = "late"
			}
			if o.DueErr != nil {
				r.notes = append(r.notes, o.DueErr.Error())
				if o.Outcome == award.Pending {
					timing = "pending"
				}
			}
			r.rows = append(r.rows, []string{o.ID, o.ApplicantID, o.Filed, o.Due, o.Replied, timing, o.Filer, o.HandlerID, string(o.Outcome), o.Finding})
		}
		if a.lang == "en" {
			r.notes = append(r.notes, fmt.Sprintf("answers are due %d working days after the day an objection was received (Art. 39; [objections] reply_days)", days))
		} else {
			r.notes = append(r.notes, fmt.Sprintf("答复期限：收到异议次日起%d个工作日内（第三十九条；配置 [objections] reply_days）", days))
		}
		if overdue > 0 {
			if a.lang == "en" {
				r.notes = append(r.notes, fmt.Sprintf("%d objection(s) overdue: decide them with 'qaward objection decide ID upheld|dismissed --finding TEXT'", overdue))
			} else {
				r.notes = append(r.notes, fmt.Sprintf("%d件异议已超过答复期限仍未处理：qaward objection decide ID upheld|dismissed --finding TEXT", overdue))
			}
		}
		return a.print(r, format)
	})
}

// runObjection records the objection that make builds from the ones on
// record.
func runObjection(a *app, make func([]award.Objection) (award.Objection, error)) error {
	return a.inCycle(false, func(st store.Store, cycle string) error {
		if err := a.officeOnly("handle objections"); err != nil {
			return err
		}
		objs, err := st.Objections(cycle)
		if err != nil {
			return err
		}
		o, err := make(objs)
		if err != nil {
			return err
		}
		if err := a.backend(st).Object(cycle, o); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "objection %s on %s: %s\n", o.ID, o.ApplicantID, o.Outcome)
		return nil
	})
}

func announceCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "announce",
		Short: "End publicity and announce the results (审定公告)",
		Long: `Announce ends publicity once its window is over and every objection is
decided: every candidate in 公示 is announced, except those whose decision an
upheld objection cancelled, whose way ends with the finding as the reason.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			return a.inCycle(false, func(st store.Store, cycle string) error {
				moves, err := a.backend(st).Announce(cycle)
				if err != nil {
					return err
				}
				for _, m := range moves {
					fmt.Fprintf(a.stdout, "%s: %s (%s)\n", m.ApplicantID, m.To, m.To.Name("zh"))
				}
				return nil
			})
		},
	}
}

type revokeFlags struct {
	date, reason, article string
	fraud                 bool
	grounds               []string
}

func revokeCmd(a *app) *cobra.Command {
	var f revokeFlags
	c := &cobra.Command{
		Use:   "revoke ID --reason TEXT (--ground N ... | --fraud) [--article ART] [--date YYYY-MM-DD]",
		Short: "Revoke an applicant's award or nomination (Art. 28–31)",
		Long: `Revoke withdraws an award or nomination of the cycle: from then on its final
status reads revoked in every list, export and document. --fraud records
that it was won by fraud, which bars the holder for the next two cycles
(Art. 30) and has no time limit. Otherwise the revocation cites the grounds
of Art. 31 it rests on (--ground, 1 to 8, repeatable; 'qaward aftercare
grounds' lists them), and its date must fall within the five years after the
award's announcement. --article defaults to the grounds' (第三十一条（六）) or,
for fraud, 第三十条; an article given cites what it names: 第三十条 is
--fraud, and 第三十一条（六） is --ground 6 when no --ground is given.`,
		Example: `  qaward --db cycle.db revoke A0003 --reason "申报材料弄虚作假" --fraud
  qaward --db cycle.db --cycle 2026 revoke A0002 --reason "连续两年未开展质量管理经验分享" --ground 6 --date 2029-01-15`,
		Args:              exactArgs("ID"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, args []string) error { return runRevoke(a, f, args[0]) },
	}
	c.Flags().StringVar(&f.date, "date", "", "the day of the revocation, `YYYY-MM-DD` (default: today)")
	c.Flags().StringVar(&f.reason, "reason", "", "why (required)")
	c.Flags().StringVar(&f.article, "article", "", "the article it rests on (default: the grounds' article, or 第三十条 for --fraud)")
	c.Flags().StringArrayVar(&f.grounds, "ground", nil, "a ground of Art. 31 it rests on, `1-8` (repeatable; 'qaward aftercare grounds')")
	c.Flags().BoolVar(&f.fraud, "fraud", false, "won by fraud: barred for the next two cycles (Art. 30)")
	return c
}

func runRevoke(a *app, f revokeFlags, id string) error {
	if strings.TrimSpace(f.reason) == "" {
		return usagef("revoke: --reason is required")
	}
	grounds, err := revokeGrounds(f.grounds)
	if err != nil {
		return err
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		rv := award.Revocation{Date: f.date, Reason: f.reason, Article: f.article, Fraud: f.fraud, Grounds: grounds}
		b := a.backend(st)
		if err := b.Revoke(cycle, id, rv); err != nil {
			return err
		}
		rs, err := b.Results(cycle)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s: award revoked (%s)\n", id, rs.Revocations[id].Article)
		return nil
	})
}

type auditFlags struct{ record, actor, since, format string }

func auditCmd(a *app) *cobra.Command {
	var f auditFlags
	c := &cobra.Command{
		Use:   "audit [--record PATH] [--actor ID] [--since DATE] [--format table|csv|json]",
		Short: "Read the audit log: who changed what, when, before and after",
		Long: `Audit lists the entries of the audit log in order: sequence, time, actor,
action, record and the record before and after the change. --record keeps
the entries of one record or bucket path (such as cycles/2026/decisions or
cycles/2026/decisions/A0003), --actor those of one person, --since those
from a date (YYYY-MM-DD) or time (RFC 3339) on.`,
		Example:           "  qaward --db cycle.db audit --record cycles/2026/decisions --format csv",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runAudit(a, f) },
	}
	c.Flags().StringVar(&f.record, "record", "", "a record or bucket `PATH`, such as cycles/2026/decisions/A0003")
	c.Flags().StringVar(&f.actor, "actor", "", "only the entries of this person")
	c.Flags().StringVar(&f.since, "since", "", "only entries from this `DATE` (YYYY-MM-DD or RFC 3339) on")
	formatFlag(c, &f.format)
	return c
}

func runAudit(a *app, f auditFlags) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	filter := backend.AuditFilter{Record: f.record, Actor: f.actor}
	if f.since != "" {
		t, err := time.Parse(time.DateOnly, f.since)
		if err != nil {
			if t, err = time.Parse(time.RFC3339, f.since); err != nil {
				return usagef("audit: --since %q: want YYYY-MM-DD or an RFC 3339 time", f.since)
			}
		}
		filter.Since = t
	}
	if err := a.officeOnly("read the audit log"); err != nil {
		return err
	}
	return a.inCycle(true, func(st store.Store, _ string) error {
		es, err := a.backend(st).Audit(filter)
		if err != nil {
			return err
		}
		r := &report{header: []string{"seq", "time", "actor", "action", "record", "before", "after", "hash"}, integer: map[string]bool{"seq": true}}
		for _, e := range es {
			r.rows = append(r.rows, []string{fmt.Sprint(e.Seq), e.Time.Format(time.RFC3339), e.Actor, e.Action,
				strings.TrimSuffix(e.Bucket+"/"+store.DisplayKey(e.Key), "/"), string(e.Before), string(e.After), e.Hash})
		}
		if f.format == "table" {
			for i := range r.rows {
				r.rows[i][5], r.rows[i][6] = clipText(r.rows[i][5], 60), clipText(r.rows[i][6], 60)
				r.rows[i][7] = clipText(r.rows[i][7], 12)
			}
		}
		r.notes = []string{fmt.Sprintf("%d audit entries", len(es))}
		return a.print(r, f.format)
	})
}

// clipText cuts a long cell of a table for people, with an ellipsis.
func clipText(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

type opinionFlags struct{ text, date string }

func opinionCmd(a *app) *cobra.Command {
	var f opinionFlags
	var depts []string
	depts = append(depts, award.Departments...)
	c := &cobra.Command{
		Use:   "opinion ID DEPARTMENT agree|disagree [--text TEXT] [--date YYYY-MM-DD]",
		Short: "Record a department's opinion of an applicant (Art. 16)",
		Long: `Opinion records what a department (` + strings.Join(award.Departments, ", ") + `) said of an
applicant (Art. 16). A department that does not agree is an eligibility rule
recorded as not met: it keeps the applicant out of 评委会审议 until the
office overrides it with a written reason ('qaward override ID 第十六条').`,
		Example:           "  qaward --db cycle.db opinion A0003 税务 agree\n  qaward --db cycle.db opinion A0007 应急管理 disagree --text \"2025年发生较大安全事故\"",
		Args:              exactArgs("ID", "DEPARTMENT", "agree|disagree"),
		ValidArgsFunction: positional(cobra.NoFileCompletions, fixed(depts...), fixed("agree", "disagree")),
		RunE:              func(_ *cobra.Command, args []string) error { return runOpinion(a, f, args) },
	}
	c.Flags().StringVar(&f.text, "text", "", "what the department said (required when it does not agree)")
	c.Flags().StringVar(&f.date, "date", "", "the date of the opinion, `YYYY-MM-DD` (default: today)")
	return c
}

func runOpinion(a *app, f opinionFlags, pos []string) error {
	var agree bool
	switch pos[2] {
	case "agree", "同意":
		agree = true
	case "disagree", "不同意":
	default:
		return usagef("opinion: %q: want agree or disagree", pos[2])
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		o := award.Opinion{ApplicantID: pos[0], Department: pos[1], Agree: agree, Text: f.text, Date: f.date}
		if err := a.backend(st).RecordOpinion(cycle, o); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s: opinion of %s recorded (%s)\n", pos[0], pos[1], pos[2])
		return nil
	})
}

func groupsCmd(a *app) *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "groups [--format table|csv|json]",
		Short: "List the review groups with their leaders, members and applicants",
		Long: `Groups lists the review groups of the cycle, one row per (member, applicant)
pair, in the columns of 'qaward import groups' (group_id, stage, leader_id,
reviewer_id, applicant_id), so that the CSV output can be edited and imported
again.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if err := a.officeOnly("list the review groups"); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				gs, err := st.Groups(cycle)
				if err != nil {
					return err
				}
				as, err := st.Assignments(cycle)
				if err != nil {
					return err
				}
				return a.print(groupsReport(gs, as), format)
			})
		},
	}
	formatFlag(c, &format)
	return c
}

// groupsReport is the groups and assignments in the import format: a
// member's assignments to the group's applicants, or one row with the
// applicant empty for a member without any.
func groupsReport(gs []award.Group, as []award.Assignment) *report {
	assigned := map[award.Assignment]bool{}
	for _, x := range as {
		assigned[x] = true
	}
	r := &report{header: []string{"group_id", "stage", "leader_id", "reviewer_id", "applicant_id"}}
	for _, g := range gs {
		for _, m := range g.Members {
			n := 0
			for _, app := range g.Applicants {
				if assigned[award.Assignment{Stage: g.Stage, ApplicantID: app, ReviewerID: m}] {
					r.rows = append(r.rows, []string{g.ID, string(g.Stage), g.LeaderID, m, app})
					n++
				}
			}
			if n == 0 {
				r.rows = append(r.rows, []string{g.ID, string(g.Stage), g.LeaderID, m, ""})
			}
		}
	}
	return r
}
