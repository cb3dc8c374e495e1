package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"qaward/backend"
	"qaward/backend/document"
	"qaward/store"
)

func documentCmd(a *app) *cobra.Command {
	var out, format, applicant string
	var kinds []string
	var lines []string
	for _, k := range backend.DocumentKinds {
		kinds = append(kinds, k.ID)
		lines = append(lines, fmt.Sprintf("  %-16s %s: %s", k.ID, k.Name, k.Help))
	}
	c := &cobra.Command{
		Use:   "document KIND [--out FILE] [--format docx|pdf]",
		Short: "Write an official document (受理名单, 公示, 获奖公告, 证书 …) as DOCX or PDF for A4",
		Long: `Document writes an official document of the current cycle as a DOCX file that
opens in WPS, Word and LibreOffice and prints on A4 in the style of GB/T 9704
(title in 小标宋 二号, body in 仿宋_GB2312 三号, page numbers, the office's
name and the date, room for the seal). It is filled from the database only.
KIND is one of:

` + strings.Join(lines, "\n") + `

With --format pdf (or --out FILE.pdf) the document is converted to PDF by
LibreOffice (soffice --headless, in a profile of its own, so it works while
LibreOffice is open), which must be installed. Without --out the file is
named after the cycle and the document, such as 2026-获奖公告.docx, in the
current directory. The file is written whole or not at all.`,
		Example: `  qaward --db cycle.db document publicity --out 公示.docx
  qaward --db cycle.db document announcement --format pdf
  qaward --db cycle.db document site-report --applicant A0001 --out 现场评审报告.docx`,
		Args:              exactArgs("KIND"),
		ValidArgsFunction: positional(fixed(kinds...)),
		RunE:              func(_ *cobra.Command, args []string) error { return runDocument(a, args[0], out, format, applicant) },
	}
	c.Flags().StringVar(&applicant, "applicant", "", "site-report: only this applicant's `ID` (default: every applicant visited)")
	c.Flags().StringVar(&out, "out", "", "the `file` to write, .docx or .pdf (default: CYCLE-名称.docx)")
	c.Flags().StringVar(&format, "format", "", "`docx|pdf` (default: by the --out file's extension, else docx)")
	c.MarkFlagFilename("out", "docx", "pdf")
	c.RegisterFlagCompletionFunc("format", fixed(backend.DOCX, backend.PDF))
	return c
}

// noPDF is what the office is told when LibreOffice is missing.
const noPDF = "document: --format pdf needs LibreOffice (soffice) installed; write DOCX with --format docx"

func runDocument(a *app, kindText, out, formatText, applicant string) error {
	kind, ok := backend.FindDocumentKind(kindText)
	if !ok {
		var ids []string
		for _, k := range backend.DocumentKinds {
			ids = append(ids, k.ID)
		}
		return usagef("document: unknown kind %q: want one of %s", kindText, strings.Join(ids, ", "))
	}
	format, err := backend.DocumentFormat(out, formatText)
	if err != nil {
		return usagef("document: --out/--format: %v", err)
	}
	if format == backend.PDF {
		if _, err := document.Soffice(); err != nil {
			return errors.New(noPDF)
		}
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		d, err := a.backend(st).DocumentFor(cycle, kind.ID, applicant)
		if err != nil {
			return fmt.Errorf("document %s: %w", kind.ID, err)
		}
		if out == "" {
			out = kind.FileNameAs(cycle, format)
		}
		if err := backend.WriteDocument(d, out, format); err != nil {
			if errors.Is(err, document.ErrNoLibreOffice) {
				return errors.New(noPDF)
			}
			return fmt.Errorf("document %s: %w", kind.ID, err)
		}
		fmt.Fprintf(a.stdout, "wrote %s (%s, %s)\n", out, kind.Name, strings.ToUpper(format))
		return nil
	})
}
