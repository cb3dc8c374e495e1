package backend

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"qaward/award"
	"qaward/backend/export"
)

// The five years after the award (Art. 28, 31, 40–43): the office's
// register of the visits, incidents and sharing activities of each winner,
// and what it says of the duty to share (Art. 31(6)) year by year.

// AftercareWinner is one winner of a cycle as the register follows it: the
// announced award or nomination, its five years, its entries and the
// sharing state of each year.
type AftercareWinner struct {
	Applicant award.Applicant
	Final     string // award, nomination or revoked
	Window    award.Window
	Entries   []award.AftercareEntry // in ID order
	// Years are the five years with their sharing state as of today, or
	// as of the revocation for a revoked award: after it the duty ends.
	Years      []award.SharingYear
	Revocation *award.Revocation
}

// Flags are the years that ended with no sharing recorded (Art. 31(6)).
func (w AftercareWinner) Flags() []award.SharingYear {
	var out []award.SharingYear
	for _, y := range w.Years {
		if y.Flagged() {
			out = append(out, y)
		}
	}
	return out
}

// aftercareMu serialises the numbering of new entries (F001, F002, …), so
// that two sessions of one server never give out the same ID.
var aftercareMu sync.Mutex

// Aftercare is the register of the cycle's winners (the applicants whose
// award or nomination was announced, revoked ones included), in applicant
// order; applicant "" is every winner, else that one only.
func (b *Backend) Aftercare(cycle, applicant string) ([]AftercareWinner, error) {
	r, err := b.Results(cycle)
	if err != nil {
		return nil, err
	}
	ts, err := b.st.Transitions(r.Cycle.ID)
	if err != nil {
		return nil, err
	}
	es, err := b.st.Aftercare(r.Cycle.ID)
	if err != nil {
		return nil, err
	}
	var out []AftercareWinner
	for _, w := range r.Aftercare(ts, es) {
		if applicant == "" || w.Applicant.ID == applicant {
			out = append(out, w)
		}
	}
	if applicant != "" && len(out) == 0 {
		return nil, b.noWinner(r, applicant)
	}
	return out, nil
}

// Aftercare is the register of the winners from the cycle's transitions
// and aftercare entries as read, as of the backend's today: the one
// computation of it, for the command line, the export and the screens.
func (r *Results) Aftercare(ts []award.Transition, es []award.AftercareEntry) []AftercareWinner {
	today := r.b.now().In(award.ChinaTime)
	announced := award.AnnouncedDays(ts)
	entries := map[string][]award.AftercareEntry{}
	for _, e := range es {
		entries[e.ApplicantID] = append(entries[e.ApplicantID], e)
	}
	var out []AftercareWinner
	for _, a := range r.Snapshot.Applicants {
		day, ok := announced[a.ID]
		d, decided := r.Decisions[a.ID]
		if !ok || !decided || d.Final() == award.DecideNone {
			continue
		}
		w := AftercareWinner{Applicant: a, Final: r.Final(a.ID), Window: award.FiveYears(day), Entries: entries[a.ID]}
		asOf := today
		if rv, ok := r.Revocations[a.ID]; ok {
			w.Revocation = &rv
			if t, err := time.Parse(time.DateOnly, rv.Date); err == nil && t.Before(asOf) {
				asOf = t
			}
		}
		w.Years = award.SharingByYear(w.Window, w.Entries, asOf)
		out = append(out, w)
	}
	return out
}

// noWinner says why applicant has no place in the register.
func (b *Backend) noWinner(r *Results, applicant string) error {
	if _, ok := r.Applicant(applicant); !ok {
		return fmt.Errorf("aftercare: no applicant %q in cycle %s", applicant, r.Cycle.ID)
	}
	return fmt.Errorf("aftercare: %s is no announced winner of cycle %s: the register follows the winners of an announced award or nomination (Art. 28)", applicant, r.Cycle.ID)
}

// AddAftercare records an entry for a winner, under the next free ID, by
// the acting office member, and returns it as recorded. It is checked by
// award.CheckAftercare against the winner's five years and today.
func (b *Backend) AddAftercare(cycle string, e award.AftercareEntry) (award.AftercareEntry, error) {
	e.ID = ""
	return b.putAftercare(cycle, e)
}

// CorrectAftercare replaces the entry of e.ID (its kind, date and note;
// those left empty keep their value) by the acting office member, under
// the same checks; the audit log keeps the entry as it was. The winner of
// an entry does not change.
func (b *Backend) CorrectAftercare(cycle string, e award.AftercareEntry) (award.AftercareEntry, error) {
	if e.ID == "" {
		return e, fmt.Errorf("aftercare: name the entry to correct (F001, …; 'qaward aftercare list --entries')")
	}
	return b.putAftercare(cycle, e)
}

// putAftercare records a new entry (e.ID "") or corrects one.
func (b *Backend) putAftercare(cycle string, e award.AftercareEntry) (award.AftercareEntry, error) {
	if err := b.officeOnly("record the aftercare of a winner"); err != nil {
		return e, err
	}
	aftercareMu.Lock() // the next free ID is read and taken together
	defer aftercareMu.Unlock()
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return e, err
	}
	all, err := b.st.Aftercare(cycle)
	if err != nil {
		return e, err
	}
	id := e.ID
	if id != "" {
		i := slices.IndexFunc(all, func(x award.AftercareEntry) bool { return x.ID == id })
		if i < 0 {
			return e, fmt.Errorf("aftercare: no entry %s in cycle %s ('qaward aftercare list --entries' lists them)", id, cycle)
		}
		old := all[i]
		e.ApplicantID = old.ApplicantID
		if e.Kind == "" {
			e.Kind = old.Kind
		}
		if e.Date == "" {
			e.Date = old.Date
		}
		if strings.TrimSpace(e.Note) == "" {
			e.Note = old.Note
		}
	}
	if k, err := award.ParseAftercareKind(string(e.Kind)); err == nil {
		e.Kind = k
	}
	ws, err := b.Aftercare(cycle, e.ApplicantID)
	if err != nil {
		return e, err
	}
	if ws[0].Revocation != nil {
		return e, award.AftercareClosed(e.ApplicantID, ws[0].Revocation.Date)
	}
	e.ID, e.RecordedBy = "", b.actor
	if e.Date == "" {
		e.Date = b.now().In(award.ChinaTime).Format(time.DateOnly)
	}
	if err := award.CheckAftercare(e, ws[0].Window, b.now().In(award.ChinaTime)); err != nil {
		return e, err
	}
	e.ID = id
	if e.ID == "" {
		e.ID = nextAftercareID(all)
	}
	return e, b.st.PutAftercare(b.actor, cycle, e)
}

// nextAftercareID is F and the number after the highest in use, three
// digits at least.
func nextAftercareID(es []award.AftercareEntry) string {
	n := 0
	for _, e := range es {
		if v, err := strconv.Atoi(strings.TrimPrefix(e.ID, "F")); err == nil && v > n {
			n = v
		}
	}
	return fmt.Sprintf("F%03d", n+1)
}

// AftercareYearsReport is the register per winner and year of its five
// years: the entries of each kind in the year, the sharing state and the
// Art. 31(6) flag of a year that ended with no sharing recorded.
func AftercareYearsReport(ws []AftercareWinner) export.Report {
	h := []string{"applicant", "name", "final", "year", "starts", "ends", "visits", "incidents", "sharing", "state", "entries"}
	r := export.Report{Table: export.Table{Name: "获奖后五年", Header: h,
		Columns: []export.Column{export.Text, export.Text, export.Text, export.Integer, export.Text, export.Text,
			export.Integer, export.Integer, export.Integer, export.Text, export.Text}}}
	for _, w := range ws {
		for _, y := range w.Years {
			n := map[award.AftercareKind]int{}
			var ids []string
			for _, e := range w.Entries {
				if d, err := time.Parse(time.DateOnly, e.Date); err == nil && w.Window.Year(d) == y.Year {
					n[e.Kind]++
					ids = append(ids, e.ID)
				}
			}
			r.Rows = append(r.Rows, []string{w.Applicant.ID, w.Applicant.Name, w.Final, strconv.Itoa(y.Year), y.From, y.To,
				strconv.Itoa(n[award.AftercareVisit]), strconv.Itoa(n[award.AftercareIncident]), strconv.Itoa(y.Sharing), string(y.State), strings.Join(ids, " ")})
			if y.Flagged() {
				r.Notes = append(r.Notes, w.Applicant.ID+" "+w.Applicant.Name+"："+y.Flag("zh"))
			}
		}
	}
	r.Notes = append(r.Notes, "获奖后五年自审定公告之日起计算（第三十一条）；获奖组织和个人应主动分享质量管理模式和方法（第四十一至四十三条），不能履行分享义务的可撤销奖项（第三十一条（六））。")
	return r
}

// AftercareEntriesReport is the register's entries, one a row, in
// applicant and ID order, with the year of the window each falls in.
func AftercareEntriesReport(ws []AftercareWinner) export.Report {
	h := []string{"id", "applicant", "name", "year", "activity", "date", "note", "recorded_by"}
	r := export.Report{Table: export.Table{Name: "跟踪登记", Header: h,
		Columns: []export.Column{export.Text, export.Text, export.Text, export.Integer}}}
	for _, w := range ws {
		for _, e := range w.Entries {
			year := ""
			if d, err := time.Parse(time.DateOnly, e.Date); err == nil {
				year = strconv.Itoa(w.Window.Year(d))
			}
			r.Rows = append(r.Rows, []string{e.ID, w.Applicant.ID, w.Applicant.Name, year, string(e.Kind), e.Date, e.Note, e.RecordedBy})
		}
	}
	return r
}

// GroundsReport is the eight grounds of Art. 31 in the rules' words, or
// in English when lang is "en".
func GroundsReport(lang string) export.Report {
	r := export.Report{Table: export.Table{Name: "撤销情形", Header: []string{"ground", "article", "name", "text"},
		Columns: []export.Column{export.Integer}}}
	for _, g := range award.Grounds {
		r.Rows = append(r.Rows, []string{strconv.Itoa(int(g)), g.Article(lang), g.Name(lang), g.Text(lang)})
	}
	r.Notes = []string{"第三十一条：获奖组织或个人在获奖后 5 年内如发生下列情形之一的，由评委会办公室调查核实并提交评委会研究，报请市人民政府撤销其市长质量奖奖项，并向社会公告。"}
	return r
}

// ExportAftercare writes the register to an XLSX workbook (a sheet of
// the winners' years with their Art. 31(6) flags and one of the entries,
// printable on A4) or a CSV file with a BOM holding the years, by the
// file's extension, with Chinese headings unless lang is "en".
func (b *Backend) ExportAftercare(cycle, applicant, file, lang string) (ExportResult, error) {
	ws, err := b.Aftercare(cycle, applicant)
	if err != nil {
		return ExportResult{}, err
	}
	cycle, err = b.cycleID(cycle)
	if err != nil {
		return ExportResult{}, err
	}
	return b.writeReports(cycle, file, lang, AftercareYearsReport(ws), AftercareEntriesReport(ws))
}

// writeReports writes reports of a register to a workbook, a sheet each,
// or the first to a CSV file, in the language asked for.
func (b *Backend) writeReports(cycle, file, lang string, reports ...export.Report) (ExportResult, error) {
	var res ExportResult
	tables := make([]export.Table, len(reports))
	for i, r := range reports {
		tables[i] = export.Localize(r.Table, lang)
	}
	csv := strings.EqualFold(filepath.Ext(file), ".csv")
	if csv {
		tables = tables[:1]
	}
	for _, t := range tables {
		res.Tables, res.Rows = append(res.Tables, t.Name), res.Rows+len(t.Rows)
	}
	err := export.WriteFile(file, func(w io.Writer) error {
		if csv {
			return export.WriteCSV(w, &tables[0], nil)
		}
		return export.WriteXLSXFor(w, tables, export.Print{Cycle: cycle, Lang: lang, Created: b.now()}, nil)
	})
	return res, err
}
