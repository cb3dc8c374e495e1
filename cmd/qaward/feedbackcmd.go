package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/feedback"
	"qaward/backend/importer"
	"qaward/store"
)

func runFeedback(a *app, args []string) error {
	fs := a.flags("feedback")
	stageText := fs.String("stage", "material", "stage reported: material or onsite")
	format := fs.String("format", "", "md or html (default: by the output file's extension, else md)")
	scores := fs.Bool("scores", false, "show exact scores beside the bands")
	include := fs.Bool("include-confidential", false, "show the applicant's confidential fields (Art. 37); the disclosure is audited")
	outFile := fs.String("o", "", "write the report to `FILE` (default: standard output)")
	all := fs.Bool("all", false, "write a report for every applicant with counted sheets at the stage")
	outDir := fs.String("out", "", "with --all: the `DIR` the reports are written to")
	want := 1
	if allFlag(args) {
		want = 0
	}
	pos, err := parse(fs, args, want)
	if err != nil {
		return err
	}
	stage, err := award.ParseStage(*stageText)
	if err != nil {
		return usagef("feedback: --stage: %v", err)
	}
	if *format == "" {
		*format = "md"
		if *outFile != "" {
			if f, err := fileFormat(*outFile, "md", "html"); err == nil {
				*format = f
			}
		}
	}
	if *format != "md" && *format != "html" {
		return usagef("feedback: --format %q: want md or html", *format)
	}
	if *all && *outDir == "" {
		return usagef("feedback: --all needs --out DIR")
	}
	if !*all && *outDir != "" {
		return usagef("feedback: --out DIR is for --all; use -o FILE for one report")
	}
	return a.inCycle(!*include, func(st *store.DB, cycle string) error {
		fb, err := loadFeedback(st, cycle, stage)
		if err != nil {
			return err
		}
		fb.Scores, fb.Confidential, fb.Generated = *scores, *include, time.Now()
		if *all {
			return writeFeedback(a, st, fb, *outDir, *format)
		}
		id := pos[0]
		app, ok := fb.Applicant(id)
		if !ok {
			return fmt.Errorf("no applicant %q in cycle %s", id, cycle)
		}
		if *include {
			if err := disclose(a, st, cycle, "feedback report "+id, []award.Applicant{app}); err != nil {
				return err
			}
		}
		r, err := fb.Build(app)
		if err != nil {
			return err
		}
		if *outFile == "" {
			return r.Write(a.stdout, *format)
		}
		if err := export.WriteFile(*outFile, func(w io.Writer) error { return r.Write(w, *format) }); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s\n", *outFile)
		return nil
	})
}

// allFlag peeks at --all before parsing, which needs the argument count.
func allFlag(args []string) bool {
	for _, x := range args {
		if x == "--all" || x == "-all" || x == "--all=true" || x == "-all=true" {
			return true
		}
	}
	return false
}

// loadFeedback reads a cycle once for any number of reports of a stage.
func loadFeedback(st store.Store, cycle string, stage award.Stage) (*feedback.Batch, error) {
	c, err := st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	ev, err := evaluate(st, cycle)
	if err != nil {
		return nil, err
	}
	order, err := st.Applicants(cycle)
	if err != nil {
		return nil, err
	}
	fb := feedback.NewBatch(c, stage, ev, order, importer.LookupSet)
	if err := st.Sheets(cycle, true, func(s award.Sheet) error { fb.AddSheet(s); return nil }); err != nil {
		return nil, err
	}
	err = st.Consensus(cycle, func(s award.Sheet) error { fb.AddConsensus(s); return nil })
	return fb, err
}

func writeFeedback(a *app, st *store.DB, fb *feedback.Batch, dir, format string) error {
	todo := fb.Todo()
	if len(todo) == 0 {
		return fmt.Errorf("no applicant has a submitted %s sheet: no feedback to write", fb.Stage)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if fb.Confidential {
		if err := disclose(a, st, fb.Cycle.ID, "feedback reports to "+dir, todo); err != nil {
			return err
		}
	}
	progress := a.progress("feedback reports")
	for i, ap := range todo {
		r, err := fb.Build(ap)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, feedback.FileName(ap, fb.Stage, format))
		if err := export.WriteFile(path, func(w io.Writer) error { return r.Write(w, format) }); err != nil {
			return err
		}
		progress(i+1, len(todo))
	}
	skipped := len(fb.Order) - len(todo)
	fmt.Fprintf(a.stdout, "wrote %d %s feedback reports to %s", len(todo), fb.Stage, dir)
	if skipped > 0 {
		fmt.Fprintf(a.stdout, " (%d applicants without a counted sheet, or out of the running, have none)", skipped)
	}
	fmt.Fprintln(a.stdout)
	return nil
}
