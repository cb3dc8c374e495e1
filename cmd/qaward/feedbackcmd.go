package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"qaward/award"
	"qaward/award/feedback"
	"qaward/scoring"
	"qaward/store"
	"qaward/store/importer"
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
		fb.scores, fb.include, fb.now = *scores, *include, time.Now()
		if *all {
			return fb.writeAll(a, st, *outDir, *format)
		}
		id := pos[0]
		app, ok := fb.applicant[id]
		if !ok {
			return fmt.Errorf("no applicant %q in cycle %s", id, cycle)
		}
		if *include {
			if err := disclose(a, st, cycle, "feedback report "+id, []award.Applicant{app}); err != nil {
				return err
			}
		}
		r, err := fb.build(app)
		if err != nil {
			return err
		}
		if *outFile == "" {
			return r.Write(a.stdout, *format)
		}
		if err := writeFileAtomic(*outFile, func(w io.Writer) error { return r.Write(w, *format) }); err != nil {
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

// feedbackData is a cycle read once for any number of reports.
type feedbackData struct {
	cycle     award.Cycle
	stage     award.Stage
	ev        *scoring.Evaluation
	order     []award.Applicant
	applicant map[string]award.Applicant
	sheets    map[string][]award.Sheet // counted sheets at the stage, by applicant
	consensus map[string]*award.Sheet
	scores    bool
	include   bool
	now       time.Time
}

func loadFeedback(st *store.DB, cycle string, stage award.Stage) (*feedbackData, error) {
	fb := &feedbackData{stage: stage, applicant: map[string]award.Applicant{}, sheets: map[string][]award.Sheet{},
		consensus: map[string]*award.Sheet{}}
	var err error
	if fb.cycle, err = st.Cycle(cycle); err != nil {
		return nil, err
	}
	if fb.ev, err = evaluate(st, cycle); err != nil {
		return nil, err
	}
	if fb.order, err = st.Applicants(cycle); err != nil {
		return nil, err
	}
	for _, ap := range fb.order {
		fb.applicant[ap.ID] = ap
	}
	err = st.Sheets(cycle, true, func(s award.Sheet) error {
		ap, ok := fb.applicant[s.ApplicantID]
		if ok && s.Stage == stage && s.Submitted && s.Complete() && s.CriteriaSet == ap.CriteriaSet {
			fb.sheets[s.ApplicantID] = append(fb.sheets[s.ApplicantID], s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = st.Consensus(cycle, func(s award.Sheet) error {
		ap, ok := fb.applicant[s.ApplicantID]
		if !ok || s.Stage != stage || scoring.CheckConsensus(importer.LookupSet(ap.CriteriaSet), &s) != nil {
			return nil
		}
		if old := fb.consensus[s.ApplicantID]; old == nil || !s.Updated.Before(old.Updated) {
			fb.consensus[s.ApplicantID] = &s
		}
		return nil
	})
	return fb, err
}

func (fb *feedbackData) build(ap award.Applicant) (*feedback.Report, error) {
	res := fb.ev.Stage(ap.ID, fb.stage)
	in := feedback.Input{Cycle: fb.cycle, Applicant: ap, Set: importer.LookupSet(ap.CriteriaSet), Stage: fb.stage, Result: res,
		Sheets: fb.sheets[ap.ID], Scores: fb.scores, Confidential: fb.include, Generated: fb.now}
	if res.HasConsensus {
		in.Consensus = fb.consensus[ap.ID]
	}
	for _, m := range fb.ev.Material {
		if m.Applicant.ID == ap.ID {
			in.Shortlisted = m.Shortlisted
		}
	}
	return feedback.Build(in)
}

func (fb *feedbackData) writeAll(a *app, st *store.DB, dir, format string) error {
	var todo []award.Applicant
	for _, ap := range fb.order {
		if ap.Status.Ranked() && (len(fb.sheets[ap.ID]) > 0 || fb.ev.Stage(ap.ID, fb.stage).HasConsensus) {
			todo = append(todo, ap)
		}
	}
	if len(todo) == 0 {
		return fmt.Errorf("no applicant has a submitted %s sheet: no feedback to write", fb.stage)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if fb.include {
		if err := disclose(a, st, fb.cycle.ID, "feedback reports to "+dir, todo); err != nil {
			return err
		}
	}
	progress := a.progress("feedback reports")
	for i, ap := range todo {
		r, err := fb.build(ap)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, ap.ID+"-"+string(fb.stage)+"."+format)
		if err := writeFileAtomic(path, func(w io.Writer) error { return r.Write(w, format) }); err != nil {
			return err
		}
		progress(i+1, len(todo))
	}
	skipped := len(fb.order) - len(todo)
	fmt.Fprintf(a.stdout, "wrote %d %s feedback reports to %s", len(todo), fb.stage, dir)
	if skipped > 0 {
		fmt.Fprintf(a.stdout, " (%d applicants without a counted sheet, or out of the running, have none)", skipped)
	}
	fmt.Fprintln(a.stdout)
	return nil
}
