package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// The five years after the award (Art. 28, 31, 40–43): the office's
// register of the winners' visits, incidents and sharing activities.

type aftercareFlags struct {
	applicant, kind, date, note, format string
	entries                             bool
}

func aftercareCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "aftercare add|correct|list|grounds",
		Short: "Keep the register of the five years after the award (Art. 28, 31, 40–43)",
		Long: `Aftercare keeps the office's register of the cycle's winners (the applicants
whose award or nomination was announced) for the five years after the award:
visits by the office and the departments (回访, Art. 28), incidents that bear
on the award (事件: quality, safety, environment, …; Art. 31) and activities
in which the winner shared its quality management with others (经验交流与分享,
Art. 41–43). The five years run from the day of the announcement (审定公告).
A year of the five that ended with no sharing recorded is flagged: not
sharing is a ground for revoking the award (Art. 31(6)). Every entry is
audited; the register is the office's.

'qaward revoke ID --ground N' cites the grounds of Art. 31 that
'qaward aftercare grounds' lists; 'qaward export aftercare FILE' writes the
register.`,
		Args: noArgs,
	}
	var f aftercareFlags
	add := &cobra.Command{
		Use:   "add --applicant ID --kind visit|incident|sharing --note TEXT [--date YYYY-MM-DD]",
		Short: "Record a visit, an incident or a sharing activity of a winner",
		Example: `  qaward --db cycle.db --cycle 2026 aftercare add --applicant A0002 --kind visit --note "市场监管局回访，质量管理体系运行有效"
  qaward --db cycle.db aftercare add --applicant A0002 --kind sharing --date 2027-05-20 --note "在全市质量大会上介绍卓越绩效实践"`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runAftercareAdd(a, f) },
	}
	add.Flags().StringVar(&f.applicant, "applicant", "", "the winner's applicant `ID` (required)")
	add.Flags().StringVar(&f.kind, "kind", "", "`visit|incident|sharing` (回访, 事件, 经验交流与分享; required)")
	add.Flags().StringVar(&f.date, "date", "", "the day it happened, `YYYY-MM-DD` (default: today)")
	add.Flags().StringVar(&f.note, "note", "", "what happened: who visited, what was found or shared (required)")
	add.Flags().VisitAll(func(fl *pflag.Flag) { add.RegisterFlagCompletionFunc(fl.Name, cobra.NoFileCompletions) })
	add.RegisterFlagCompletionFunc("kind", fixed(string(award.AftercareVisit), string(award.AftercareIncident), string(award.AftercareSharing)))
	correct := &cobra.Command{
		Use:   "correct ENTRY [--kind visit|incident|sharing] [--date YYYY-MM-DD] [--note TEXT]",
		Short: "Correct an entry of the register (its kind, date or note)",
		Long: `Correct replaces the kind, the date or the note of an entry (F001, …; 'aftercare
list --entries' lists them) under the checks of 'aftercare add'; what is not
given keeps its value, and the audit log keeps the entry as it was.`,
		Example:           `  qaward --db cycle.db aftercare correct F002 --date 2027-05-21`,
		Args:              exactArgs("ENTRY"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			var kind award.AftercareKind
			if f.kind != "" {
				k, err := award.ParseAftercareKind(f.kind)
				if err != nil {
					return usagef("aftercare correct: --kind: %v", err)
				}
				kind = k
			}
			return a.inCycle(false, func(st store.Store, cycle string) error {
				e, err := a.backend(st).CorrectAftercare(cycle, award.AftercareEntry{ID: args[0], Kind: kind, Date: f.date, Note: f.note})
				if err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "aftercare %s of %s corrected: %s on %s\n", e.ID, e.ApplicantID, e.Kind, e.Date)
				return nil
			})
		},
	}
	correct.Flags().StringVar(&f.kind, "kind", "", "`visit|incident|sharing`")
	correct.Flags().StringVar(&f.date, "date", "", "the day it happened, `YYYY-MM-DD`")
	correct.Flags().StringVar(&f.note, "note", "", "what happened")
	correct.RegisterFlagCompletionFunc("kind", fixed(string(award.AftercareVisit), string(award.AftercareIncident), string(award.AftercareSharing)))
	list := &cobra.Command{
		Use:   "list [--applicant ID] [--entries] [--format table|csv|json]",
		Short: "List the winners' five years with the Art. 31(6) flags, or the entries",
		Long: `List prints a row per winner and year of its five years: the dates of the
year, how many visits, incidents and sharing activities are recorded in it,
the IDs of its entries and the sharing state: shared, not-shared (the year
ended with no sharing recorded: Art. 31(6)), due (the year is under way) or
ahead. A table lists the flagged years under it. --entries prints the
entries themselves, one a row.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.inCycle(true, func(st store.Store, cycle string) error {
				ws, err := a.backend(st).Aftercare(cycle, f.applicant)
				if err != nil {
					return err
				}
				if f.entries {
					return a.print(fromExport(backend.AftercareEntriesReport(ws)), f.format)
				}
				return a.print(fromExport(backend.AftercareYearsReport(ws)), f.format)
			})
		},
	}
	list.Flags().StringVar(&f.applicant, "applicant", "", "only this winner's `ID`")
	list.Flags().BoolVar(&f.entries, "entries", false, "print the entries, one a row")
	list.RegisterFlagCompletionFunc("applicant", cobra.NoFileCompletions)
	formatFlag(list, &f.format)
	grounds := &cobra.Command{
		Use:   "grounds [--format table|csv|json]",
		Short: "List the eight grounds of Art. 31 on which an award is revoked",
		Long: `Grounds lists the eight grounds of Art. 31, in the rules' words, on which
the award is revoked within five years of winning; 'qaward revoke ID
--ground N' cites them by number.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, _ []string) error {
			if err := checkFormat(f.format); err != nil {
				return err
			}
			return a.print(fromExport(backend.GroundsReport(a.lang)), f.format)
		},
	}
	formatFlag(grounds, &f.format)
	c.AddCommand(add, correct, list, grounds)
	actionOnly(c)
	return c
}

func runAftercareAdd(a *app, f aftercareFlags) error {
	if err := required("aftercare add", "--applicant", f.applicant, "--kind", f.kind, "--note", f.note); err != nil {
		return err
	}
	kind, err := award.ParseAftercareKind(f.kind)
	if err != nil {
		return usagef("aftercare add: --kind: %v", err)
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		e, err := a.backend(st).AddAftercare(cycle, award.AftercareEntry{ApplicantID: f.applicant, Kind: kind, Date: f.date, Note: f.note})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "aftercare %s of %s recorded: %s on %s\n", e.ID, e.ApplicantID, e.Kind, e.Date)
		return nil
	})
}

// revokeGrounds parses the --ground flags of revoke.
func revokeGrounds(vals []string) ([]award.Ground, error) {
	var gs []award.Ground
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			g, err := award.ParseGround(s)
			if err != nil {
				return nil, usagef("revoke: --ground: %v", err)
			}
			gs = append(gs, g)
		}
	}
	return gs, nil
}

// runExportRegister writes a register's export (an XLSX workbook or a
// CSV file) and says what it wrote; refused is a flag given that the
// register does not take.
func runExportRegister(a *app, file, refused string, write func(b *backend.Backend, cycle string) (backend.ExportResult, error)) error {
	if _, err := fileFormat(file, "xlsx", "csv"); err != nil {
		return err
	}
	if refused != "" {
		return usagef("export: %s", refused)
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		res, err := write(a.backend(st), cycle)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s: %s, %d rows\n", file, strings.Join(res.Tables, ", "), res.Rows)
		return nil
	})
}

// runExportAftercareChecked is `qaward export aftercare FILE [--applicant A]`.
func runExportAftercareChecked(a *app, f exportFlags, file string) error {
	refused := ""
	if f.stage != "all" || f.include || f.reviewer != "" || f.group != "" {
		refused = "aftercare takes --applicant only (no --stage, --reviewer, --group or --include-confidential)"
	}
	return runExportRegister(a, file, refused, func(b *backend.Backend, cycle string) (backend.ExportResult, error) {
		return b.ExportAftercare(cycle, f.applicant, file, a.lang)
	})
}
