package backend

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/backend/export"
	"qaward/backend/feedback"
	"qaward/backend/importer"
	"qaward/backend/imports"
	"qaward/backend/packet"
)

// The exchange with the office's own tools: tables imported from CSV or
// XLSX, tables and rankings exported, feedback reports, offline packets,
// each with the audited disclosure of confidential fields.

// Progress reports work done of a total (0 when unknown); nil is silent.
type Progress = func(done, total int)

// ImportOptions are the optional parts of an import.
type ImportOptions struct {
	Sheet string // the XLSX worksheet; "" is the first
	// Encoding of a CSV file; "" is UTF-8 when the file is valid UTF-8,
	// else GB18030.
	Encoding imports.Encoding
	Progress Progress
	// Stored, when set, is called once the file is read and the records
	// go to the store (the TUI changes its progress label then).
	Stored func()
}

// Import reads a CSV file or XLSX worksheet of a kind (importer.Kinds)
// and imports it into the cycle, all or nothing. Imports are the office's.
func (b *Backend) Import(cycle, kind, file string, o ImportOptions) (int, error) {
	if err := b.officeOnly("import " + kind); err != nil {
		return 0, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return 0, err
	}
	table, done, err := importer.OpenWith(file, importer.OpenOptions{Sheet: o.Sheet, Encoding: o.Encoding, Progress: o.Progress})
	if err != nil {
		return 0, err
	}
	defer done()
	if o.Stored != nil {
		o.Stored()
	}
	return importer.Import(b.st, b.actor, cycle, kind, table)
}

// ExportKinds are the tables an export writes.
var ExportKinds = []string{"rankings", "candidates", "applicants", "reviewers", "conflicts", "scores", "satisfaction"}

// ExportRequest says what to export where.
type ExportRequest struct {
	Kind  string // one of ExportKinds
	Stage string // rankings: material, onsite, composite or all
	Lang  string // zh (default) or en
	// IncludeConfidential puts the applicants' confidential fields in;
	// the disclosure is recorded in the audit log first.
	IncludeConfidential bool
	File                string // .xlsx or .csv (the first table)
	Progress            Progress
}

// ExportResult says what an export wrote.
type ExportResult struct {
	Tables []string // names of the tables written
	Rows   int
	// Skipped are the sheets a scores export left out (drafts, incomplete).
	Skipped int
	// Disclosure says which confidential fields left qaward ("" if none).
	Disclosure string
}

// Export writes tables of the cycle (rankings from the results in force)
// to an XLSX workbook, or the first table to a CSV file with a BOM.
// Exports are the office's.
func (b *Backend) Export(cycle string, req ExportRequest) (ExportResult, error) {
	var res ExportResult
	if err := b.officeOnly("export " + req.Kind); err != nil {
		return res, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return res, err
	}
	tables, err := b.exportTables(cycle, req, &res)
	if err != nil {
		return res, err
	}
	csv := strings.EqualFold(filepath.Ext(req.File), ".csv")
	if csv {
		tables = tables[:1]
	}
	if req.IncludeConfidential {
		as, err := b.st.Applicants(cycle)
		if err != nil {
			return res, err
		}
		if res.Disclosure, err = b.Disclose(cycle, "export "+req.Kind+" to "+req.File, as); err != nil {
			return res, err
		}
	}
	for _, t := range tables {
		res.Rows += t.Len()
		res.Tables = append(res.Tables, t.Name)
	}
	err = export.WriteFile(req.File, func(w io.Writer) error {
		if csv {
			return export.WriteCSV(w, &tables[0], req.Progress)
		}
		p := export.Print{Cycle: cycle, Created: b.now()}
		if req.Kind == "rankings" || req.Kind == "candidates" {
			p.Lang = req.Lang
		}
		return export.WriteXLSXFor(w, tables, p, req.Progress)
	})
	return res, err
}

func (b *Backend) exportTables(cycle string, req ExportRequest, res *ExportResult) ([]export.Table, error) {
	st := b.st
	switch req.Kind {
	case "rankings", "candidates":
		r, err := b.Results(cycle)
		if err != nil {
			return nil, err
		}
		stage := req.Stage
		if stage == "" {
			stage = "all"
		}
		return export.Rankings(req.Kind, stage, req.Lang, r.Cycle, &r.Eval, r.Outcomes())
	case "applicants":
		as, err := st.Applicants(cycle)
		return []export.Table{export.Applicants(as, req.IncludeConfidential)}, err
	case "reviewers":
		rs, err := st.Reviewers(cycle)
		return []export.Table{export.Reviewers(rs)}, err
	case "conflicts":
		cs, err := st.Conflicts(cycle)
		return []export.Table{export.Conflicts(cs)}, err
	case "satisfaction":
		ss, err := st.Satisfaction(cycle)
		return []export.Table{export.Satisfaction(ss)}, err
	case "scores":
		var ss []award.Sheet
		if err := st.Sheets(cycle, true, func(s award.Sheet) error { ss = append(ss, s); return nil }); err != nil {
			return nil, err
		}
		sets, err := b.Catalog(cycle)
		if err != nil {
			return nil, err
		}
		t, skipped := export.Scores(ss, sets)
		res.Skipped = skipped
		return []export.Table{t}, nil
	}
	return nil, fmt.Errorf("export: unknown kind %q: want one of %s", req.Kind, strings.Join(ExportKinds, ", "))
}

// Outcomes are the committee's side of the candidate list, for the
// exports and reports.
func (r *Results) Outcomes() export.Outcomes {
	apps := make(map[string]award.Applicant, len(r.Decisions))
	for id := range r.Decisions {
		apps[id], _ = r.Applicant(id)
	}
	return export.Outcomes{Decisions: r.Decisions, Revocations: r.Revocations, Final: r.Final, Vacant: r.Vacant(), Applicants: apps}
}

// Disclose records in the audit log that confidential fields of the
// applicants leave qaward (Art. 32, 37), before they are written; it
// returns what was disclosed, in words.
func (b *Backend) Disclose(cycle, what string, as []award.Applicant) (string, error) {
	d, ok := b.st.(interface {
		RecordDisclosure(actor, cycle, what string) error
	})
	if !ok {
		return "", fmt.Errorf("this store records no disclosures")
	}
	entry, detail := confidential.Disclosure(what, as)
	if err := d.RecordDisclosure(b.actor, cycle, entry); err != nil {
		return "", fmt.Errorf("recording the disclosure of confidential fields: %w", err)
	}
	return detail, nil
}

// FeedbackOptions shape the feedback reports (Art. 19).
type FeedbackOptions struct {
	Stage award.Stage
	// Scores shows exact scores beside the bands.
	Scores bool
	// IncludeConfidential shows the applicants' confidential fields; the
	// caller records the disclosure (Disclose) before writing.
	IncludeConfidential bool
}

// Feedback reads a cycle once for any number of feedback reports of a
// stage, from the results in force (consensus included). Feedback is the
// office's.
func (b *Backend) Feedback(cycle string, o FeedbackOptions) (*feedback.Batch, error) {
	r, err := b.Results(cycle)
	if err != nil {
		return nil, err
	}
	cycle = r.Cycle.ID
	fb := feedback.NewBatch(r.Cycle, o.Stage, &r.Eval, r.Snapshot.Applicants, r.Catalog)
	fb.Scores, fb.Confidential, fb.Generated = o.Scores, o.IncludeConfidential, b.now()
	if err := b.st.Sheets(cycle, true, func(s award.Sheet) error { fb.AddSheet(s); return nil }); err != nil {
		return nil, err
	}
	err = b.st.Consensus(cycle, func(s award.Sheet) error { fb.AddConsensus(s); return nil })
	return fb, err
}

// WriteFeedback writes the report of every applicant with counted sheets
// at the batch's stage into a folder, recording the disclosure first when
// the batch shows confidential fields. It returns the reports written and
// the disclosure in words.
func (b *Backend) WriteFeedback(fb *feedback.Batch, dir, format string, progress Progress) (int, string, error) {
	todo := fb.Todo()
	if len(todo) == 0 {
		return 0, "", fmt.Errorf("no applicant has a submitted %s sheet: no feedback to write", fb.Stage)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, "", err
	}
	detail := ""
	if fb.Confidential {
		var err error
		if detail, err = b.Disclose(fb.Cycle.ID, "feedback reports to "+dir, todo); err != nil {
			return 0, "", err
		}
	}
	for i, ap := range todo {
		r, err := fb.Build(ap)
		if err != nil {
			return i, detail, fmt.Errorf("%s: %w", ap.ID, err)
		}
		path := filepath.Join(dir, feedback.FileName(ap, fb.Stage, format))
		if err := export.WriteFile(path, func(w io.Writer) error { return r.Write(w, format) }); err != nil {
			return i, detail, err
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	return len(todo), detail, nil
}

// ImportPacket imports a reviewer's returned packet, all or nothing
// (backend/packet); the office's.
func (b *Backend) ImportPacket(data []byte, reviewer string, skipConflicts bool) (*packet.Result, error) {
	if err := b.officeOnly("import a returned packet"); err != nil {
		return nil, err
	}
	po, ok := b.st.(packet.Office)
	if !ok {
		return nil, fmt.Errorf("this store cannot import packets")
	}
	return packet.Import(po, data, packet.ImportOptions{Actor: b.actor, Reviewer: reviewer, SkipConflicts: skipConflicts, Catalog: b.catalog})
}

// IssuePacket writes a reviewer's signed offline packet for a stage (""
// both) to a file, recording the disclosure first when confidential
// fields go in; the office's.
func (b *Backend) IssuePacket(cycle, reviewer string, stage award.Stage, include bool, file string) (*packet.Manifest, error) {
	if err := b.officeOnly("issue a packet"); err != nil {
		return nil, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	po, ok := b.st.(packet.Office)
	if !ok {
		return nil, fmt.Errorf("this store cannot issue packets")
	}
	if include {
		as, err := b.st.Applicants(cycle)
		if err != nil {
			return nil, err
		}
		if _, err := b.Disclose(cycle, "packet for reviewer "+reviewer+" to "+file, as); err != nil {
			return nil, err
		}
	}
	p, data, err := packet.Export(po, packet.IssueOptions{Cycle: cycle, Reviewer: reviewer, Stage: stage,
		Actor: b.actor, Now: b.now(), IncludeConfidential: include, Catalog: b.catalog})
	if err != nil {
		return nil, err
	}
	if err := export.WriteFile(file, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return nil, err
	}
	return packet.ReadManifest(p.Manifest)
}

// PacketEntry is one packet record of a cycle.
type PacketEntry struct {
	ID     string
	Record packet.Record
}

// Packets lists the packet records the person may see (the office every
// one, a reviewer their own).
func (b *Backend) Packets(cycle string) ([]PacketEntry, error) {
	ps, ok := b.st.(interface {
		Packets(cycle string, fn func(id string, rec []byte) error) error
	})
	if !ok {
		return nil, fmt.Errorf("this store keeps no packet records")
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	var out []PacketEntry
	err = ps.Packets(cycle, func(id string, raw []byte) error {
		var rec packet.Record
		if err := json.Unmarshal(raw, &rec); err != nil {
			return fmt.Errorf("packet record %s: %v", id, err)
		}
		out = append(out, PacketEntry{ID: id, Record: rec})
		return nil
	})
	return out, err
}
