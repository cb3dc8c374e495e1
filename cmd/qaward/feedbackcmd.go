package main

import (
	"fmt"
	"io"

	"qaward/award"
	"qaward/backend"
	"qaward/backend/export"
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
	return a.inCycle(!*include, func(st store.Store, cycle string) error {
		be := a.backend(st)
		fb, err := be.Feedback(cycle, backend.FeedbackOptions{Stage: stage, Scores: *scores, IncludeConfidential: *include})
		if err != nil {
			return err
		}
		if *all {
			n, detail, err := be.WriteFeedback(fb, *outDir, *format, a.progress("feedback reports"))
			if detail != "" {
				fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", detail)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %d %s feedback reports to %s", n, fb.Stage, *outDir)
			if skipped := len(fb.Order) - n; skipped > 0 {
				fmt.Fprintf(a.stdout, " (%d applicants without a counted sheet, or out of the running, have none)", skipped)
			}
			fmt.Fprintln(a.stdout)
			return nil
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
