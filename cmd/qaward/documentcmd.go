package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"qaward/backend"
	"qaward/backend/export"
	"qaward/store"
)

func documentCmd(a *app) *cobra.Command {
	var out string
	var kinds []string
	var lines []string
	for _, k := range backend.DocumentKinds {
		kinds = append(kinds, k.ID)
		lines = append(lines, fmt.Sprintf("  %-16s %s: %s", k.ID, k.Name, k.Help))
	}
	c := &cobra.Command{
		Use:   "document KIND [--out FILE]",
		Short: "Write an official document (受理名单, 公示, 获奖公告, 证书 …) as DOCX for A4",
		Long: `Document writes an official document of the current cycle as a DOCX file that
opens in WPS, Word and LibreOffice and prints on A4 in the style of GB/T 9704
(title in 小标宋 二号, body in 仿宋_GB2312 三号, page numbers, the office's
name and the date, room for the seal). It is filled from the database only.
KIND is one of:

` + strings.Join(lines, "\n") + `

Without --out the file is named after the cycle and the document, such as
2026-获奖公告.docx, in the current directory.`,
		Example:           "  qaward --db cycle.db document publicity --out 公示.docx",
		Args:              exactArgs("KIND"),
		ValidArgsFunction: positional(fixed(kinds...)),
		RunE:              func(_ *cobra.Command, args []string) error { return runDocument(a, args[0], out) },
	}
	c.Flags().StringVar(&out, "out", "", "the DOCX `file` to write (default: CYCLE-名称.docx)")
	c.MarkFlagFilename("out", "docx")
	return c
}

func runDocument(a *app, kindText, out string) error {
	kind, ok := backend.FindDocumentKind(kindText)
	if !ok {
		var ids []string
		for _, k := range backend.DocumentKinds {
			ids = append(ids, k.ID)
		}
		return usagef("document: unknown kind %q: want one of %s", kindText, strings.Join(ids, ", "))
	}
	if out != "" && !strings.HasSuffix(strings.ToLower(out), ".docx") {
		return usagef("document: --out %s: want a file ending in .docx", out)
	}
	return a.inCycle(true, func(st store.Store, cycle string) error {
		d, err := a.backend(st).Document(cycle, kind.ID)
		if err != nil {
			return fmt.Errorf("document %s: %w", kind.ID, err)
		}
		if out == "" {
			out = kind.FileName(cycle)
		}
		if err := export.WriteFile(out, d.Write); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %s (%s)\n", out, kind.Name)
		return nil
	})
}
