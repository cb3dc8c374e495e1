package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

type statusFlags struct{ format, list string }

var statusLists = []string{"stages", "overdue", "groups", "blocks"}

func statusCmd(a *app) *cobra.Command {
	var f statusFlags
	c := &cobra.Command{
		Use:   "status [--list stages|overdue|groups|blocks] [--format table|csv|json]",
		Short: "Print the cycle at a glance: sheets per stage, overdue sheets, consensus, what blocks the next step",
		Long: `Status prints the cycle's progress: per stage the sheets done, in progress
and not started, and those overdue (past the stage's due date in the
[deadlines] of the configuration, in Beijing time, and not submitted) with
reviewer and applicant; the consensus in force per review group; and what
blocks each next step of the procedure (the material shortlist, the on-site
review, the composite, the committee's deliberation).

A table prints every part (--list one of them); CSV prints one part, the
stages unless --list says otherwise; JSON prints everything. The office sees
the cycle; with --as a reviewer sees their own sheets, a leader also the
sheets (progress only) and consensus of the groups they lead, and neither
sees the blocks, which rest on every applicant's scores.`,
		Example: `  qaward --db cycle.db status
  qaward --db cycle.db status --list overdue --format csv > overdue.csv
  qaward --db cycle.db --as R001 status`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runStatus(a, f) },
	}
	formatFlag(c, &f.format)
	c.Flags().StringVar(&f.list, "list", "", "one part: `stages|overdue|groups|blocks`")
	c.RegisterFlagCompletionFunc("list", fixed(statusLists...))
	return c
}

func runStatus(a *app, f statusFlags) error {
	if err := checkFormat(f.format); err != nil {
		return err
	}
	if f.list != "" && !contains(statusLists, f.list) {
		return usagef("status: --list %q: want one of %s", f.list, strings.Join(statusLists, ", "))
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		s, err := a.backend(st).Status(cycle)
		if err != nil {
			return err
		}
		if f.format == "json" {
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(s)
		}
		parts := statusLists
		if f.list != "" {
			parts = []string{f.list}
		} else if f.format == "csv" {
			parts = parts[:1]
		}
		for i, p := range parts {
			if f.format == "table" && len(parts) > 1 {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				fmt.Fprintln(a.stdout, a.statusTitle(p, s))
			}
			r := a.statusPart(p, s, f.format == "table", f.format != "table" || f.list != "")
			if f.format == "table" {
				a.localHeader(r, statusHeadings)
			}
			if err := a.print(r, f.format); err != nil {
				return err
			}
		}
		return nil
	})
}

func (a *app) statusTitle(part string, s *backend.Status) string {
	who := a.say("全周期", "whole cycle")
	if !s.Office {
		who = a.say("本人可见部分", "your share")
	}
	switch part {
	case "stages":
		return fmt.Sprintf(a.say("周期 %s 进度（%s，%s）", "Cycle %s progress (%s, %s)"), s.Cycle, s.Today, who)
	case "overdue":
		return fmt.Sprintf(a.say("逾期评分表 %d 份", "Overdue sheets: %d"), len(s.Overdue))
	case "groups":
		return a.say("各评审组组长共识", "Consensus per review group")
	}
	if !s.Office {
		return a.say("待办阻碍：仅评委会办公室可见", "What blocks the next step: the office's view only")
	}
	return a.say("下一步的阻碍", "What blocks the next step")
}

// statusPart is one part of the status, for people (stages named in
// their language) or not; whole lists everything (else a table of every
// part abbreviates the long lists).
func (a *app) statusPart(part string, s *backend.Status, human, whole bool) *report {
	yes := func(b bool) string {
		if human && a.lang != "en" {
			return map[bool]string{true: "是", false: "否"}[b]
		}
		return yesNo(b)
	}
	stage := func(st award.Stage) string {
		if human {
			return a.stageName(st)
		}
		return string(st)
	}
	switch part {
	case "overdue":
		r := &report{header: []string{"stage", "due", "reviewer_id", "reviewer_name", "applicant_id", "applicant_name", "started", "days_late"},
			integer: map[string]bool{"days_late": true}}
		for i, o := range s.Overdue {
			if !whole && i == overdueShown {
				r.notes = append(r.notes, fmt.Sprintf(a.say("另有 %d 份未列出：--list overdue 列出全部", "%d more not shown: --list overdue lists them all"), len(s.Overdue)-i))
				break
			}
			r.rows = append(r.rows, []string{stage(o.Stage), o.Due, o.ReviewerID, o.ReviewerName, o.ApplicantID, o.ApplicantName,
				yes(o.Started), strconv.Itoa(o.DaysLate)})
		}
		return r
	case "groups":
		r := &report{header: []string{"group_id", "stage", "leader_id", "applicants", "consensus", "missing"},
			integer: map[string]bool{"applicants": true, "consensus": true}}
		for _, g := range s.Groups {
			missing := strings.Join(g.Missing, ";")
			if !whole {
				missing = abbreviate(g.Missing, 6)
			}
			r.rows = append(r.rows, []string{g.GroupID, stage(g.Stage), g.LeaderID, strconv.Itoa(g.Applicants), strconv.Itoa(g.Recorded), missing})
		}
		return r
	case "blocks":
		r := &report{header: []string{"step", "blocked_by", "count", "applicant_ids"}, integer: map[string]bool{"count": true}}
		for _, b := range s.Blocks {
			ids := strings.Join(b.Applicants, ";")
			if !whole {
				ids = abbreviate(b.Applicants, 10)
			}
			r.rows = append(r.rows, []string{b.Step, b.What, strconv.Itoa(b.Count), ids})
		}
		return r
	}
	r := &report{header: []string{"stage", "due", "sheets", "done", "in_progress", "not_started", "overdue", "consensus", "consensus_of"},
		integer: map[string]bool{"sheets": true, "done": true, "in_progress": true, "not_started": true, "overdue": true, "consensus": true, "consensus_of": true}}
	for _, p := range s.Stages {
		r.rows = append(r.rows, []string{stage(p.Stage), p.Due, strconv.Itoa(p.Sheets), strconv.Itoa(p.Done), strconv.Itoa(p.InProgress),
			strconv.Itoa(p.NotStarted), strconv.Itoa(p.Overdue), strconv.Itoa(p.ConsensusRecorded), strconv.Itoa(p.ConsensusOf)})
	}
	return r
}

// overdueShown is how many overdue sheets a table of every part lists.
const overdueShown = 20

// statusHeadings are the Chinese headings of the status tables.
var statusHeadings = map[string]string{
	"stage": "阶段", "due": "截止日期", "sheets": "评分表", "done": "已提交", "in_progress": "评分中", "not_started": "未开始",
	"overdue": "逾期", "consensus": "已记录共识", "consensus_of": "应记录共识", "reviewer_id": "评审员编号", "reviewer_name": "评审员",
	"applicant_id": "申报编号", "applicant_name": "申报者", "started": "已开始", "days_late": "逾期天数", "group_id": "评审组",
	"leader_id": "组长", "applicants": "申报者数", "missing": "未记录共识", "step": "步骤", "count": "数量",
	"source": "依据", "reason": "说明", "blocked_by": "阻碍", "applicant_ids": "申报编号",
}

// localHeader puts a table's headings in Chinese unless --lang en; the
// columns keep their alignment.
func (a *app) localHeader(r *report, zh map[string]string) {
	if a.lang == "en" {
		return
	}
	for i, h := range r.header {
		if t, ok := zh[h]; ok {
			r.header[i] = t
			if r.integer[h] {
				r.integer[t] = true
			}
		}
	}
}

// stageName is a stage for people in a table ("material" in CSV and JSON
// is the contract's value; tables print it in the person's language).
func (a *app) stageName(st award.Stage) string {
	if a.lang == "en" {
		return string(st)
	}
	if st == award.Onsite {
		return "现场评审"
	}
	return "材料评审"
}

// abbreviate joins the first n IDs and says how many more there are.
func abbreviate(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ";")
	}
	return fmt.Sprintf("%s ... (+%d)", strings.Join(ids[:n], ";"), len(ids)-n)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
