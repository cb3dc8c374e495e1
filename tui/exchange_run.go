package tui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/feedback"
	"qaward/backend/importer"
	"qaward/scoring"
	"qaward/store"
)

// exJob streams the progress of one import or export as glow streams its
// files: the work runs in a goroutine behind a channel, and a command reads
// one message from it and is issued again after each progress message,
// until the last message (an officeMsg with the result) arrives. The
// channel holds every message the work can send, so the work never waits
// for the screen, even one that is gone.
type exJob struct{ ch chan tea.Msg }

// exProgressMsg is one step of a job: what it does, how far, of how much.
type exProgressMsg struct {
	job         *exJob
	label, unit string
	done, total int
}

// exReport is how a job's work tells its progress.
type exReport func(label, unit string, done, total int)

// jobCap bounds the messages of a job: at most one per percent and label,
// and the result.
const jobCap = 256

// start runs the work in its own goroutine (from the command, not from
// Update) and returns its first message.
func (j *exJob) start(work func(report exReport) officeMsg) tea.Cmd {
	return func() tea.Msg {
		go func() {
			last, lastLabel := -2, ""
			report := func(label, unit string, done, total int) {
				pct := -1
				if total > 0 {
					pct = min(100, done*100/total)
				}
				if (pct == last && label == lastLabel) || len(j.ch) >= cap(j.ch)-1 {
					return
				}
				last, lastLabel = pct, label
				j.ch <- exProgressMsg{job: j, label: label, unit: unit, done: done, total: total}
			}
			j.ch <- work(report)
		}()
		return <-j.ch
	}
}

// next reads the job's next message.
func (j *exJob) next() tea.Cmd { return func() tea.Msg { return <-j.ch } }

// importWork reads a CSV file or XLSX worksheet and imports it into the
// cycle (all or nothing, backend/importer), then reads the records and the
// scoring data again.
func importWork(c Common, from any, actor, cycle, kind, file, sheet string) func(exReport) officeMsg {
	t := c.Text
	return func(report exReport) officeMsg {
		file = expandHome(file)
		label, unit := t.F("ex.reading", filepath.Base(file)), t.S("ex.unit.rows")
		if e := strings.ToLower(filepath.Ext(file)); e != ".xlsx" && e != ".xlsm" {
			unit = t.S("ex.unit.kb")
		}
		table, done, err := importer.Open(file, sheet, func(d, total int) {
			if total > 0 && d >= total {
				report(t.S("ex.storing"), unit, d, total)
				return
			}
			report(label, unit, d, total)
		})
		if err != nil {
			return officeMsg{from: from, err: err}
		}
		n, err := importer.Import(c.Store, actor, cycle, kind, table)
		done()
		if err != nil {
			return officeMsg{from: from, err: err}
		}
		msg := officeMsg{from: from, note: t.F("ex.imported", n, t.S("ex.kind."+kind), cycle)}
		msg.rec, msg.err = readRecords(c, cycle)
		if msg.err == nil {
			msg.data, msg.err = Load(c.Store, cycle, c.Office, c.Sets)
		}
		return msg
	}
}

// evaluateCycle computes every ranking of a cycle as the person may see
// it, on the built-in criteria sets, as `qaward rank` does.
func evaluateCycle(st store.Store, cycle string) (*scoring.Evaluation, error) {
	snap, err := st.Snapshot(cycle)
	if err != nil {
		return nil, err
	}
	ev := scoring.Evaluate(scoring.Input{Config: snap.Cycle.Config, Sets: importer.LookupSet, Applicants: snap.Applicants,
		Sheets: snap.Sheets, Consensus: snap.Consensus, Satisfaction: snap.Satisfaction})
	return &ev, nil
}

// tablesWork writes the rankings, the candidate list or the applicants: a
// workbook of every table, or the first table as CSV. With include the
// applicants' confidential fields go in, the disclosure recorded first.
func tablesWork(c Common, from any, actor, cycle, kind, stage string, include bool, file string) func(exReport) officeMsg {
	t := c.Text
	lang := "zh"
	if t.English() {
		lang = "en"
	}
	return func(report exReport) officeMsg {
		file = expandHome(file)
		fail := func(err error) officeMsg { return officeMsg{from: from, err: err} }
		tables, err := buildTables(c.Store, cycle, kind, stage, lang, include)
		if err != nil {
			return fail(err)
		}
		csv := strings.EqualFold(filepath.Ext(file), ".csv")
		if csv {
			tables = tables[:1]
		}
		if include {
			as, err := c.Store.Applicants(cycle)
			if err != nil {
				return fail(err)
			}
			if err := disclose(c, actor, cycle, "export "+kind+" to "+file, as); err != nil {
				return fail(err)
			}
		}
		rows := 0
		names := make([]string, len(tables))
		for i, tb := range tables {
			rows += len(tb.Rows)
			names[i] = tb.Name
		}
		label, unit := t.F("ex.writing", filepath.Base(file)), t.S("ex.unit.rows")
		progress := func(done, total int) { report(label, unit, done, total) }
		err = export.WriteFile(file, func(w io.Writer) error {
			if csv {
				return export.WriteCSV(w, &tables[0], progress)
			}
			return export.WriteXLSX(w, tables, progress)
		})
		if err != nil {
			return fail(err)
		}
		return officeMsg{from: from, note: t.F("ex.wrote", file, strings.Join(names, ", "), rows)}
	}
}

// buildTables are the tables of an export, as `qaward export` builds them.
func buildTables(st store.Store, cycle, kind, stage, lang string, include bool) ([]export.Table, error) {
	if kind == "applicants" {
		as, err := st.Applicants(cycle)
		return []export.Table{export.Applicants(as, include)}, err
	}
	cy, err := st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	ev, err := evaluateCycle(st, cycle)
	if err != nil {
		return nil, err
	}
	ds, err := st.Decisions(cycle)
	if err != nil {
		return nil, err
	}
	return export.Rankings(kind, stage, lang, cy, ev, ds)
}

// feedbackWork writes the feedback report of every applicant with counted
// sheets at the stage into a folder (backend/feedback), as `qaward feedback
// --all` does; confidential fields stay out unless include (the
// disclosure recorded first).
func feedbackWork(c Common, from any, actor, cycle string, stage award.Stage, format string, scores, include bool, dir string) func(exReport) officeMsg {
	t := c.Text
	return func(report exReport) officeMsg {
		dir = expandHome(dir)
		fail := func(err error) officeMsg { return officeMsg{from: from, err: err} }
		st := c.Store
		cy, err := st.Cycle(cycle)
		if err != nil {
			return fail(err)
		}
		ev, err := evaluateCycle(st, cycle)
		if err != nil {
			return fail(err)
		}
		order, err := st.Applicants(cycle)
		if err != nil {
			return fail(err)
		}
		fb := feedback.NewBatch(cy, stage, ev, order, importer.LookupSet)
		fb.Scores, fb.Confidential, fb.Generated = scores, include, c.Now()
		if err := st.Sheets(cycle, true, func(s award.Sheet) error { fb.AddSheet(s); return nil }); err != nil {
			return fail(err)
		}
		if err := st.Consensus(cycle, func(s award.Sheet) error { fb.AddConsensus(s); return nil }); err != nil {
			return fail(err)
		}
		todo := fb.Todo()
		if len(todo) == 0 {
			return fail(errors.New(t.F("ex.nofb", c.stageName(stage))))
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fail(err)
		}
		if include {
			if err := disclose(c, actor, cycle, "feedback reports to "+dir, todo); err != nil {
				return fail(err)
			}
		}
		label, unit := t.F("ex.writing", filepath.Base(dir)), t.S("ex.unit.reports")
		for i, ap := range todo {
			r, err := fb.Build(ap)
			if err != nil {
				return fail(fmt.Errorf("%s: %w", ap.ID, err))
			}
			path := filepath.Join(dir, feedback.FileName(ap, stage, format))
			if err := export.WriteFile(path, func(w io.Writer) error { return r.Write(w, format) }); err != nil {
				return fail(err)
			}
			report(label, unit, i+1, len(todo))
		}
		return officeMsg{from: from, note: t.F("ex.wrotefb", len(todo), c.stageName(stage), dir)}
	}
}
