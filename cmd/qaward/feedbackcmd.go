package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/backend/export"
	"qaward/store"
)

type feedbackFlags struct {
	stageText, format, outFile, outDir string
	scores, include, all               bool
}

func feedbackCmd(a *app) *cobra.Command {
	var f feedbackFlags
	c := &cobra.Command{
		Use:   "feedback ID [-o FILE] | feedback --all --out DIR",
		Short: "Write applicants' feedback reports (Art. 19) as Markdown or printable HTML",
		Long: `Feedback writes an applicant's feedback report (Art. 19) for a stage: per item
the band reached, the strengths and the opportunities for improvement, with
no reviewer's name and nothing of other applicants. With --all it writes one
report for every applicant with counted sheets at the stage into a directory.`,
		Example: `  qaward --db cycle.db feedback A0009 --format html -o A0009.html
  qaward --db cycle.db feedback --all --out feedback/ --scores`,
		Args: func(c *cobra.Command, args []string) error {
			if f.all {
				return noArgs(c, args)
			}
			return exactArgs("ID")(c, args)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, args []string) error { return runFeedback(a, f, args) },
	}
	fl := c.Flags()
	fl.StringVar(&f.stageText, "stage", "material", "stage reported: `material|onsite`")
	fl.StringVar(&f.format, "format", "", "`md|html` (default: by the output file's extension, else md)")
	fl.BoolVar(&f.scores, "scores", false, "show exact scores beside the bands")
	fl.BoolVar(&f.include, "include-confidential", false, "show the applicant's confidential fields (Art. 37); the disclosure is audited")
	fl.StringVarP(&f.outFile, "output", "o", "", "write the report to `FILE` (default: standard output)")
	fl.BoolVar(&f.all, "all", false, "write a report for every applicant with counted sheets at the stage")
	fl.StringVar(&f.outDir, "out", "", "with --all: the `DIR` the reports are written to")
	c.RegisterFlagCompletionFunc("stage", fixed("material", "onsite"))
	c.RegisterFlagCompletionFunc("format", fixed("md", "html"))
	c.MarkFlagFilename("output", "md", "html")
	c.MarkFlagDirname("out")
	return c
}

func runFeedback(a *app, f feedbackFlags, pos []string) error {
	stage, err := award.ParseStage(f.stageText)
	if err != nil {
		return usagef("feedback: --stage: %v", err)
	}
	if f.format == "" {
		f.format = "md"
		if f.outFile != "" {
			if ext, err := fileFormat(f.outFile, "md", "html"); err == nil {
				f.format = ext
			}
		}
	}
	if f.format != "md" && f.format != "html" {
		return usagef("feedback: --format %q: want md or html", f.format)
	}
	if f.all && f.outDir == "" {
		return usagef("feedback: --all needs --out DIR")
	}
	if !f.all && f.outDir != "" {
		return usagef("feedback: --out DIR is for --all; use -o FILE for one report")
	}
	return a.inCycle(!f.include, func(st store.Store, cycle string) error {
		be := a.backend(st)
		fb, err := be.Feedback(cycle, backend.FeedbackOptions{Stage: stage, Scores: f.scores, IncludeConfidential: f.include})
		if err != nil {
			return err
		}
		if f.all {
			n, detail, err := be.WriteFeedback(fb, f.outDir, f.format, a.progress("feedback reports"))
			if detail != "" {
				fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", detail)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %d %s feedback reports to %s", n, fb.Stage, f.outDir)
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
		if f.include {
			if err := disclose(a, st, cycle, "feedback report "+id, []award.Applicant{app}); err != nil {
				return err
			}
		}
		r, err := fb.Build(app)
		if err != nil {
			return err
		}
		if f.outFile == "" {
			return r.Write(a.stdout, f.format)
		}
		if err := export.WriteFile(f.outFile, func(w io.Writer) error { return r.Write(w, f.format) }); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s\n", f.outFile)
		return nil
	})
}
