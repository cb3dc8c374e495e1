package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend"
	"qaward/backend/export"
	"qaward/backend/feedback"
	"qaward/store"
)

type feedbackFlags struct {
	stageText, format, out, output string
	scores, include, all           bool
}

func feedbackCmd(a *app) *cobra.Command {
	var f feedbackFlags
	c := &cobra.Command{
		Use:   "feedback ID [--out FILE|DIR] | feedback --all --out DIR",
		Short: "Write applicants' feedback reports (Art. 19) as Markdown or printable HTML",
		Long: `Feedback writes an applicant's feedback report (Art. 19) for a stage: per item
the band reached, the strengths and the opportunities for improvement, with
no reviewer's name and nothing of other applicants. With --all it writes one
report for every applicant with counted sheets at the stage into a directory.

--out names where the reports go, for one report and for --all alike: for
one applicant a file, whose extension (.md or .html) gives the format unless
--format does (an existing directory, or a path ending in /, gets the
report as ID-STAGE.md or .html inside it); without --out the report goes to
standard output. With --all, --out is the directory (made when missing). The
files are written whole or not at all.`,
		Example: `  qaward --db cycle.db feedback A0009 --out A0009.html
  qaward --db cycle.db feedback A0009 --format html --out reports/
  qaward --db cycle.db feedback --all --out feedback/ --scores`,
		Args: func(c *cobra.Command, args []string) error {
			if f.all {
				if len(args) > 0 {
					return usagef("feedback: --all writes every applicant's report: give no ID with it (or leave --all out)")
				}
				return nil
			}
			return exactArgs("ID")(c, args)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, args []string) error { return runFeedback(a, f, args) },
	}
	fl := c.Flags()
	fl.StringVar(&f.stageText, "stage", "material", "stage reported: `material|onsite`")
	fl.StringVar(&f.format, "format", "", "`md|html` (default: by the --out file's extension, else md)")
	fl.BoolVar(&f.scores, "scores", false, "show exact scores beside the bands")
	fl.BoolVar(&f.include, "include-confidential", false, "show the applicant's confidential fields (Art. 37); the disclosure is audited")
	fl.StringVarP(&f.out, "out", "o", "", "one report: the `FILE` (.md or .html) or directory it is written to (default: standard output); with --all: the DIR")
	fl.StringVar(&f.output, "output", "", "the same as --out, for one report")
	fl.MarkHidden("output")
	fl.BoolVar(&f.all, "all", false, "write a report for every applicant with counted sheets at the stage, into --out DIR")
	c.RegisterFlagCompletionFunc("stage", fixed("material", "onsite"))
	c.RegisterFlagCompletionFunc("format", fixed("md", "html"))
	c.RegisterFlagCompletionFunc("out", func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		if all, _ := c.Flags().GetBool("all"); all {
			return nil, cobra.ShellCompDirectiveFilterDirs
		}
		return []string{"md", "html"}, cobra.ShellCompDirectiveFilterFileExt
	})
	c.MarkFlagFilename("output", "md", "html")
	return c
}

// feedbackTarget is where the reports go and in what format, from --out,
// --format and --all, or a usage error for a combination that does not
// fit. dir is set for --all and for one report into a directory; file
// for one report to a file; neither for standard output.
func feedbackTarget(f feedbackFlags) (file, dir, format string, err error) {
	out := f.out
	if f.output != "" {
		if out != "" && out != f.output {
			return "", "", "", usagef("feedback: --out %s and --output %s: give the file once, with --out", out, f.output)
		}
		out = f.output
	}
	format = strings.ToLower(f.format)
	if format != "" && format != "md" && format != "html" {
		return "", "", "", usagef("feedback: --format %q: want md or html", f.format)
	}
	info, statErr := os.Stat(out)
	isDir := out != "" && (strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(os.PathSeparator)) || (statErr == nil && info.IsDir()))
	_, extErr := fileFormat(out, "md", "html")
	switch {
	case f.all && out == "":
		return "", "", "", usagef("feedback: --all needs --out DIR, the directory the reports are written to")
	case f.all && statErr == nil && !info.IsDir():
		return "", "", "", usagef("feedback: --all --out %s: that is a file; --all writes one report per applicant (ID-STAGE.%s) into a directory", out, orMD(format))
	case f.all && !isDir && extErr == nil:
		return "", "", "", usagef("feedback: --all --out %s: that names a file; --all writes one report per applicant into a directory: --out DIR", out)
	case f.all || isDir:
		return "", out, orMD(format), nil
	case out == "":
		return "", "", orMD(format), nil
	}
	ext, err := fileFormat(out, "md", "html")
	if err != nil {
		return "", "", "", usagef("feedback: --out %v (or a directory)", err)
	}
	if format != "" && format != ext {
		return "", "", "", usagef("feedback: --out %s is a .%s file but --format is %s: name the file .%s, or leave --format out", out, ext, format, format)
	}
	return out, "", ext, nil
}

func orMD(format string) string {
	if format == "" {
		return "md"
	}
	return format
}

func runFeedback(a *app, f feedbackFlags, pos []string) error {
	stage, err := award.ParseStage(f.stageText)
	if err != nil {
		return usagef("feedback: --stage: %v", err)
	}
	file, dir, format, err := feedbackTarget(f)
	if err != nil {
		return err
	}
	return a.inCycle(!f.include, func(st store.Store, cycle string) error {
		be := a.backend(st)
		fb, err := be.Feedback(cycle, backend.FeedbackOptions{Stage: stage, Scores: f.scores, IncludeConfidential: f.include})
		if err != nil {
			return err
		}
		if f.all {
			n, detail, err := be.WriteFeedback(fb, dir, format, a.progress("feedback reports"))
			if detail != "" {
				fmt.Fprintf(a.stderr, "note: --include-confidential: %s; recorded in the audit log\n", detail)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %d %s feedback reports to %s", n, fb.Stage, dir)
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
		if dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			file = filepath.Join(dir, feedback.FileName(app, stage, format))
		}
		if file == "" {
			return r.Write(a.stdout, format)
		}
		if err := export.WriteFile(file, func(w io.Writer) error { return r.Write(w, format) }); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s\n", file)
		return nil
	})
}
