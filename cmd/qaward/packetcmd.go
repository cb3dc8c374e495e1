package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/packet"
	"qaward/store"
)

func packetCmd(a *app) *cobra.Command {
	c := &cobra.Command{
		Use:   "packet",
		Short: "Exchange offline reviewer packets: export, import, open on a laptop, return",
		Long: `Packet exchanges a reviewer's work with a laptop that is offline. The office
exports a reviewer's signed packet (criteria, assigned applicants without
confidential fields, blank or draft sheets); on the laptop 'packet open' makes
a new database the working copy, the reviewer scores in the TUI as usual and
'packet return' writes the signed returned packet; the office imports it,
and a sheet submitted or changed centrally since issue is never overwritten.`,
		Example: `  qaward --db cycle.db packet export R002 R002.packet
  qaward --db laptop.db --as R002 packet open R002.packet
  qaward --db laptop.db --as R002
  qaward --db laptop.db packet return R002.return
  qaward --db cycle.db packet import R002.return`,
	}

	var stage string
	var include bool
	exp := &cobra.Command{
		Use:               "export REVIEWER FILE",
		Short:             "(office) Write the reviewer's signed packet",
		Long:              "Export writes the reviewer's signed packet: criteria, assigned applicants without confidential fields, blank or draft sheets.",
		Args:              exactArgs("REVIEWER", "FILE"),
		ValidArgsFunction: positional(cobra.NoFileCompletions, files()),
		RunE: func(_ *cobra.Command, args []string) error {
			return packetExport(a, args[0], args[1], stage, include)
		},
	}
	exp.Flags().StringVar(&stage, "stage", "", "only this stage: `material|onsite` (default: both)")
	exp.Flags().BoolVar(&include, "include-confidential", false, "keep applicants' confidential fields (Art. 37); audited")
	exp.RegisterFlagCompletionFunc("stage", fixed("material", "onsite"))

	var reviewer string
	var skip bool
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "(office) Check a returned packet's signature and store its sheets",
		Long: `Import checks a returned packet's signature and stores its sheets; a sheet
submitted or changed centrally since issue is never overwritten.`,
		Args:              exactArgs("FILE"),
		ValidArgsFunction: positional(files()),
		RunE:              func(_ *cobra.Command, args []string) error { return packetImport(a, args[0], reviewer, skip) },
	}
	imp.Flags().StringVar(&reviewer, "reviewer", "", "refuse the packet unless it is this reviewer's (`ID`)")
	imp.Flags().BoolVar(&skip, "skip-conflicts", false, "import the sheets without conflict and report the rest")
	imp.RegisterFlagCompletionFunc("reviewer", cobra.NoFileCompletions)

	open := &cobra.Command{
		Use:   "open FILE",
		Short: "(laptop) Make a new database the working copy of a packet",
		Long: `Open makes a new database (--db) the working copy of a packet; then score with
qaward --db laptop.db --as REVIEWER.`,
		Example:           "  qaward --db laptop.db packet open R002.packet",
		Args:              exactArgs("FILE"),
		ValidArgsFunction: positional(files()),
		RunE:              func(_ *cobra.Command, args []string) error { return packetOpen(a, args[0]) },
	}
	ret := &cobra.Command{
		Use:               "return FILE",
		Short:             "(laptop) Write the signed returned packet for the office",
		Args:              exactArgs("FILE"),
		ValidArgsFunction: positional(files()),
		RunE:              func(_ *cobra.Command, args []string) error { return packetReturn(a, args[0]) },
	}
	list := &cobra.Command{
		Use:               "list",
		Short:             "List the packets issued from (or held by) the database",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return packetList(a) },
	}
	c.AddCommand(exp, imp, open, ret, list)
	return c
}

func packetExport(a *app, reviewer, file, stageText string, include bool) error {
	var stage award.Stage
	if stageText != "" {
		s, err := award.ParseStage(stageText)
		if err != nil {
			return usagef("packet export: --stage: %v", err)
		}
		stage = s
	}
	return a.inCycle(false, func(st store.Store, cycle string) error {
		m, err := a.backend(st).IssuePacket(cycle, reviewer, stage, include, file)
		if err != nil {
			return err
		}
		if include {
			fmt.Fprintln(a.stderr, "note: --include-confidential: the disclosure is recorded in the audit log")
		}
		fmt.Fprintf(a.stdout, "wrote packet %s for reviewer %s (%s) to %s: %d sheet(s) of %d applicant(s)",
			m.PacketID, m.Reviewer.ID, award.Printable(m.Reviewer.Name), file, len(m.Sheets), len(m.Applicants))
		if len(m.Done) > 0 {
			fmt.Fprintf(a.stdout, "; %d already submitted, left out", len(m.Done))
		}
		fmt.Fprintln(a.stdout)
		return nil
	})
}

func packetImport(a *app, file, reviewer string, skip bool) error {
	data, err := packet.ReadFile(file)
	if err != nil {
		return err
	}
	return a.inCycle(false, func(st store.Store, _ string) error {
		res, err := a.backend(st).ImportPacket(data, reviewer, skip)
		if err != nil {
			return fmt.Errorf("%s: refused, the database is unchanged: %w", file, err)
		}
		m := res.Manifest
		fmt.Fprintf(a.stdout, "imported packet %s of reviewer %s (%s): %d sheet(s) stored, %d unchanged",
			m.PacketID, m.Reviewer.ID, award.Printable(m.Reviewer.Name), len(res.Written), res.Unchanged)
		if len(res.Conflicts) > 0 {
			fmt.Fprintf(a.stdout, ", %d not imported (conflicts)", len(res.Conflicts))
		}
		fmt.Fprintln(a.stdout)
		for _, c := range res.Conflicts {
			fmt.Fprintln(a.stderr, "conflict:", award.Printable(c.String()))
		}
		return nil
	})
}

func packetOpen(a *app, file string) error {
	data, err := packet.ReadFile(file)
	if err != nil {
		return err
	}
	path, err := a.dbPath()
	if err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	fresh := errors.Is(statErr, fs.ErrNotExist)
	st, err := a.openStore(false)
	if err != nil {
		return err
	}
	m, err := packet.Open(st, data, a.as)
	st.Close()
	if errors.Is(err, packet.ErrAlreadyOpen) {
		fmt.Fprintf(a.stdout, "packet %s is already open in %s; nothing changed\n", m.PacketID, path)
		return nil
	}
	if err != nil {
		if fresh { // nothing of value in it: leave no half-made copy behind
			os.Remove(path)
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(a.stdout, "opened packet %s for reviewer %s (%s) in %s: %d sheet(s), cycle %s\n"+
		"score with:   qaward --db %s --as %s\nthen return:  qaward --db %s packet return FILE\n",
		m.PacketID, m.Reviewer.ID, award.Printable(m.Reviewer.Name), path, len(m.Sheets), m.Cycle.ID, path, m.Reviewer.ID, path)
	return nil
}

func packetReturn(a *app, file string) error {
	st, err := a.openStore(true)
	if err != nil {
		return err
	}
	defer st.Close()
	_, data, pr, err := packet.Return(st, time.Now())
	if err != nil {
		return err
	}
	if err := export.WriteFile(file, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote the return of packet %s (reviewer %s) to %s: %d of %d sheet(s) started, %d submitted\n",
		pr.PacketID, pr.Reviewer, file, pr.Started, pr.Sheets, pr.Submitted)
	return nil
}

func packetList(a *app) error {
	return a.inCycle(true, func(st store.Store, cycle string) error {
		r := &report{header: []string{"packet", "side", "reviewer", "issued", "issuer", "sheets"}, integer: map[string]bool{"sheets": true}}
		ps, err := a.backend(st).Packets(cycle)
		if err != nil {
			return err
		}
		for _, p := range ps {
			rec := p.Record
			r.rows = append(r.rows, []string{p.ID, rec.Side, rec.Reviewer, rec.Issued.Format(time.DateTime), rec.Issuer, fmt.Sprint(rec.Sheets)})
		}
		if len(r.rows) == 0 {
			fmt.Fprintf(a.stdout, "no packets in cycle %s\n", cycle)
			return nil
		}
		return a.print(r, "table")
	})
}
