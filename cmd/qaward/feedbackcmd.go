package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/feedback"
	"qaward/backend/importer"
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
	return a.inCycle(!f.include, func(st *store.DB, cycle string) error {
		fb, err := loadFeedback(st, cycle, stage)
		if err != nil {
			return err
		}
		fb.Scores, fb.Confidential, fb.Generated = f.scores, f.include, time.Now()
		if f.all {
			return writeFeedback(a, st, fb, f.outDir, f.format)
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
