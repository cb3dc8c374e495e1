package exchange

import (
	"errors"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/tui/common"
)

// ExJob streams the progress of one import or export as glow streams its
// files: the work runs in a goroutine behind a channel, and a command reads
// one message from it and is issued again after each progress message,
// until the last message (an officeMsg with the result) arrives. The
// channel holds every message the work can send, so the work never waits
// for the screen, even one that is gone.
type ExJob struct{ Ch chan tea.Msg }

// ExProgressMsg is one step of a job: what it does, how far, of how much.
type ExProgressMsg struct {
	job         *ExJob
	Label, Unit string
	Done, Total int
}

// exReport is how a job's work tells its progress.
type exReport func(label, unit string, done, total int)

// JobCap bounds the messages of a job: at most one per percent and label,
// and the result.
const JobCap = 256

// Start runs the work in its own goroutine (from the command, not from
// Update) and returns its first message.
func (j *ExJob) Start(work func(report exReport) common.OfficeMsg) tea.Cmd {
	return func() tea.Msg {
		go func() {
			last, lastLabel := -2, ""
			report := func(label, unit string, done, total int) {
				pct := -1
				if total > 0 {
					pct = min(100, done*100/total)
				}
				if (pct == last && label == lastLabel) || len(j.Ch) >= cap(j.Ch)-1 {
					return
				}
				last, lastLabel = pct, label
				j.Ch <- ExProgressMsg{job: j, Label: label, Unit: unit, Done: done, Total: total}
			}
			j.Ch <- work(report)
		}()
		return <-j.Ch
	}
}

// Next reads the job's next message.
func (j *ExJob) Next() tea.Cmd { return func() tea.Msg { return <-j.Ch } }

// ImportWork reads a CSV file or XLSX worksheet and imports it into the
// cycle (all or nothing, backend/importer), then reads the records and the
// scoring data again.
func ImportWork(c common.Common, from any, actor, cycle, kind, file, sheet string) func(exReport) common.OfficeMsg {
	t := c.Text
	return func(report exReport) common.OfficeMsg {
		file = common.ExpandHome(file)
		label, unit := t.F("ex.reading", filepath.Base(file)), t.S("ex.unit.rows")
		if e := strings.ToLower(filepath.Ext(file)); e != ".xlsx" && e != ".xlsm" {
			unit = t.S("ex.unit.kb")
		}
		n, err := c.Backend().Import(cycle, kind, file, backend.ImportOptions{Sheet: sheet, Progress: func(d, total int) {
			if total > 0 && d >= total {
				report(t.S("ex.storing"), unit, d, total)
				return
			}
			report(label, unit, d, total)
		}})
		if err != nil {
			return common.OfficeMsg{From: from, Err: err}
		}
		msg := common.OfficeMsg{From: from, Note: t.F("ex.imported", n, t.S("ex.kind."+kind), cycle)}
		msg.Rec, msg.Err = common.ReadRecords(c, cycle)
		if msg.Err == nil {
			msg.Data, msg.Err = common.Load(c.Store, cycle, c.Office, c.Catalog)
		}
		return msg
	}
}

// criteriaWork loads a criteria set's TOML file into the cycle, then
// reads the records and the scoring data again.
func criteriaWork(c common.Common, from any, cycle, file string) func(exReport) common.OfficeMsg {
	return func(exReport) common.OfficeMsg {
		src, err := c.Backend().LoadCriteriaSet(cycle, common.ExpandHome(file))
		if err != nil {
			return common.OfficeMsg{From: from, Err: err}
		}
		msg := common.OfficeMsg{From: from, Note: c.Text.F("ex.loadedset", src.ID, award.Printable(src.Name), cycle)}
		msg.Rec, msg.Err = common.ReadRecords(c, cycle)
		if msg.Err == nil {
			msg.Data, msg.Err = common.Load(c.Store, cycle, c.Office, c.Catalog)
		}
		return msg
	}
}

// tablesWork writes the rankings, the candidate list or the applicants: a
// workbook of every table, or the first table as CSV. With include the
// applicants' confidential fields go in, the disclosure recorded first.
func tablesWork(c common.Common, from any, actor, cycle, kind, stage string, include bool, file string) func(exReport) common.OfficeMsg {
	t := c.Text
	lang := "zh"
	if t.English() {
		lang = "en"
	}
	return func(report exReport) common.OfficeMsg {
		file = common.ExpandHome(file)
		fail := func(err error) common.OfficeMsg { return common.OfficeMsg{From: from, Err: err} }
		label, unit := t.F("ex.writing", filepath.Base(file)), t.S("ex.unit.rows")
		res, err := c.Backend().Export(cycle, backend.ExportRequest{Kind: kind, Stage: stage, Lang: lang,
			IncludeConfidential: include, File: file, Progress: func(done, total int) { report(label, unit, done, total) }})
		if err != nil {
			return fail(err)
		}
		names, rows := res.Tables, res.Rows
		return common.OfficeMsg{From: from, Note: t.F("ex.wrote", file, strings.Join(names, ", "), rows)}
	}
}

// feedbackWork writes the feedback report of every applicant with counted
// sheets at the stage into a folder (backend/feedback), as `qaward feedback
// --all` does; confidential fields stay out unless include (the
// disclosure recorded first).
func feedbackWork(c common.Common, from any, actor, cycle string, stage award.Stage, format string, scores, include bool, dir string) func(exReport) common.OfficeMsg {
	t := c.Text
	return func(report exReport) common.OfficeMsg {
		dir = common.ExpandHome(dir)
		fail := func(err error) common.OfficeMsg { return common.OfficeMsg{From: from, Err: err} }
		be := c.Backend()
		fb, err := be.Feedback(cycle, backend.FeedbackOptions{Stage: stage, Scores: scores, IncludeConfidential: include})
		if err != nil {
			return fail(err)
		}
		if len(fb.Todo()) == 0 {
			return fail(errors.New(t.F("ex.nofb", c.StageName(stage))))
		}
		label, unit := t.F("ex.writing", filepath.Base(dir)), t.S("ex.unit.reports")
		n, _, err := be.WriteFeedback(fb, common.ExpandHome(dir), format, func(done, total int) { report(label, unit, done, total) })
		if err != nil {
			return fail(err)
		}
		return common.OfficeMsg{From: from, Note: t.F("ex.wrotefb", n, c.StageName(stage), dir)}
	}
}
