package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"qaward/award"
	"qaward/backend/export"
	"qaward/backend/packet"
	"qaward/store"
)

const packetHelp = `Usage:
  qaward packet export REVIEWER FILE [--stage material|onsite] [--include-confidential]
      (office) write the reviewer's signed packet: criteria, assigned applicants
      without confidential fields, blank or draft sheets
  qaward packet import FILE [--reviewer ID] [--skip-conflicts]
      (office) check a returned packet's signature and store its sheets; a sheet
      submitted or changed centrally since issue is never overwritten
  qaward --db laptop.db packet open FILE
      (laptop) make a new database the working copy of a packet; then score with
      qaward --db laptop.db --as REVIEWER
  qaward --db laptop.db packet return FILE
      (laptop) write the signed returned packet for the office
  qaward packet list
      the packets issued from (or held by) the database
`

func runPacket(a *app, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(a.stderr, packetHelp)
		if len(args) == 0 {
			return usagef("packet: want export, import, open, return or list")
		}
		return nil
	}
	action, rest := args[0], args[1:]
	fs := a.flags("packet")
	fs.Usage = func() { fmt.Fprint(a.stderr, packetHelp) }
	switch action {
	case "export":
		stage := fs.String("stage", "", "only this stage: material or onsite (default: both)")
		include := fs.Bool("include-confidential", false, "keep applicants' confidential fields (Art. 37); audited")
		pos, err := parse(fs, rest, 2)
		if err != nil {
			return err
		}
		return packetExport(a, pos[0], pos[1], *stage, *include)
	case "import":
		reviewer := fs.String("reviewer", "", "refuse the packet unless it is this reviewer's")
		skip := fs.Bool("skip-conflicts", false, "import the sheets without conflict and report the rest")
		pos, err := parse(fs, rest, 1)
		if err != nil {
			return err
		}
		return packetImport(a, pos[0], *reviewer, *skip)
	case "open":
		pos, err := parse(fs, rest, 1)
		if err != nil {
			return err
		}
		return packetOpen(a, pos[0])
	case "return":
		pos, err := parse(fs, rest, 1)
		if err != nil {
			return err
		}
		return packetReturn(a, pos[0])
	case "list":
		if _, err := parse(fs, rest, 0); err != nil {
			return err
		}
		return packetList(a)
	}
	fmt.Fprint(a.stderr, packetHelp)
	return usagef("packet: unknown action %q: want export, import, open, return or list", action)
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
			m.PacketID, m.Reviewer.ID, m.Reviewer.Name, file, len(m.Sheets), len(m.Applicants))
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
			m.PacketID, m.Reviewer.ID, m.Reviewer.Name, len(res.Written), res.Unchanged)
		if len(res.Conflicts) > 0 {
			fmt.Fprintf(a.stdout, ", %d not imported (conflicts)", len(res.Conflicts))
		}
		fmt.Fprintln(a.stdout)
		for _, c := range res.Conflicts {
			fmt.Fprintln(a.stderr, "conflict:", c)
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
		m.PacketID, m.Reviewer.ID, m.Reviewer.Name, path, len(m.Sheets), m.Cycle.ID, path, m.Reviewer.ID, path)
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
		return r.write(a.stdout, "table")
	})
}
