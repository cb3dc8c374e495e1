package backend_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/backend/export"
	"qaward/criteria"
	"qaward/store"
	"qaward/store/access"
)

// demo is a database holding the demo cycle, for the office.
func demo(t *testing.T) (*store.DB, sample.Dataset) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := sample.Demo()
	if err := backend.StoreDataset(db, "office", d); err != nil {
		t.Fatal(err)
	}
	return db, d
}

func leaderOf(d sample.Dataset, stage award.Stage) string {
	for _, g := range d.Groups {
		if g.Stage == stage {
			return g.LeaderID
		}
	}
	return ""
}

// consensusFor is a submitted consensus sheet of the leader: every item at
// the same percentage, so its total is points×percent.
func consensusFor(t *testing.T, db *store.DB, stage award.Stage, app, leader string, percent int) award.Sheet {
	t.Helper()
	a, err := db.Applicant(sample.DemoCycle, app)
	if err != nil {
		t.Fatal(err)
	}
	set := criteria.BuiltinCatalog().Set(a.CriteriaSet, string(a.Kind))
	s := award.NewSheet(award.SheetKey{Stage: stage, ApplicantID: app, ReviewerID: leader}, set.ID, set.NumItems())
	for i := range s.Percents {
		s.Percents[i] = percent
	}
	s.Consensus, s.Submitted, s.Reason = true, true, "组内合议：现场核实后统一"
	return s
}

// TestLeadersConsensusIsTheStageScoreEverywhere goes the way a leader and
// the office go: the leader records a consensus through their own view of
// the store (as the TUI does), and the office's results, the material
// report, the exported CSV and the feedback batch all carry it.
func TestLeadersConsensusIsTheStageScoreEverywhere(t *testing.T) {
	db, d := demo(t)
	leader := leaderOf(d, award.Material)
	app := d.Applicants[0].ID
	before, err := backend.New(db, backend.Options{}).Results("")
	if err != nil {
		t.Fatal(err)
	}
	computed := before.Eval.Stage(app, award.Material)
	view := access.Wrap(db, access.Person{ID: leader, Role: access.Leader})
	// every item at 90 %: the total is 90 % of 1000 points = 900.00
	if err := view.SaveConsensus(leader, sample.DemoCycle, consensusFor(t, db, award.Material, app, leader, 90)); err != nil {
		t.Fatal(err)
	}
	res, err := backend.New(db, backend.Options{}).Results("")
	if err != nil {
		t.Fatal(err)
	}
	got := res.Eval.Stage(app, award.Material)
	if !got.HasConsensus || got.Score != 90000 || got.Computed != computed.Computed {
		t.Fatalf("stage result after consensus: %+v (computed before %v)", got, computed.Computed)
	}
	rep := res.MaterialReport()
	if notes := strings.Join(rep.Notes, "\n"); !strings.Contains(notes, app+" 900.00 is the material score in force (computed from the sheets: "+computed.Computed.String()+")") {
		t.Errorf("the computed value is not shown beside the consensus:\n%s", notes)
	}
	row := findRow(t, rep.Header, rep.Rows, app)
	if row["material"] != "900.00" {
		t.Errorf("material report shows %s, want the consensus 900.00", row["material"])
	}
	file := filepath.Join(t.TempDir(), "material.csv")
	if _, err := backend.New(db, backend.Options{}).Export("", backend.ExportRequest{Kind: "rankings", Stage: "material", Lang: "en", File: file}); err != nil {
		t.Fatal(err)
	}
	header, rows := readCSV(t, file)
	if r := findRow(t, header, rows, app); r["material"] != "900.00" {
		t.Errorf("exported CSV shows %s, want 900.00", r["material"])
	}
	fb, err := backend.New(db, backend.Options{}).Feedback("", backend.FeedbackOptions{Stage: award.Material, Scores: true})
	if err != nil {
		t.Fatal(err)
	}
	ap, _ := fb.Applicant(app)
	report, err := fb.Build(ap)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, "md"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "900.00") {
		t.Errorf("feedback with scores does not show the consensus total 900.00:\n%s", buf.String())
	}
}

func findRow(t *testing.T, header []string, rows [][]string, id string) map[string]string {
	t.Helper()
	for _, r := range rows {
		m := map[string]string{}
		for i, h := range header {
			if i < len(r) {
				m[strings.ToLower(h)] = r[i]
			}
		}
		if m["id"] == id {
			return m
		}
	}
	t.Fatalf("no row for %s in %v", id, rows)
	return nil
}

func readCSV(t *testing.T, file string) ([]string, [][]string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", file, err)
	}
	return recs[0], recs[1:]
}

// eligible makes every organisation of the demo pass the rules answered
// from the records, so that the quota rules can be reached.
func eligible(t *testing.T, db *store.DB) {
	t.Helper()
	as, err := db.Applicants(sample.DemoCycle)
	if err != nil {
		t.Fatal(err)
	}
	for i := range as {
		p := &as[i].Profile
		p.RegisteredIn, p.LegalPerson, p.ExcellenceModel, p.Incidents = "武冈市", true, true, nil
		p.Certifications = []award.Certification{{Name: "GB/T 19001", Number: "Q1", ValidUntil: "2030-01-01"}}
		as[i].Founded = "2010-01-01"
	}
	if err := db.PutApplicants("office", sample.DemoCycle, as); err != nil {
		t.Fatal(err)
	}
}

// TestDecisionsBindByTheQuotas: Art. 3 allows five organisation awards;
// the sixth is refused citing 第三条 and nothing is written.
func TestDecisionsBindByTheQuotas(t *testing.T) {
	db, d := demo(t)
	eligible(t, db)
	b := backend.New(db, backend.Options{})
	var orgs []string
	for _, a := range d.Applicants {
		if a.Kind == award.Organization {
			orgs = append(orgs, a.ID)
		}
	}
	for _, id := range orgs[:5] {
		if err := b.Decide("", award.Decision{ApplicantID: id, Decided: "award", Note: "评委会表决"}); err != nil {
			t.Fatalf("award %d of 5 (%s): %v", 1, id, err)
		}
	}
	err := b.Decide("", award.Decision{ApplicantID: orgs[5], Decided: "award", Note: "评委会表决"})
	var re *award.RuleError
	if !errors.As(err, &re) || re.Article != "第三条" {
		t.Fatalf("a sixth organisation award: %v, want a refusal citing 第三条", err)
	}
	ds, _ := db.Decisions(sample.DemoCycle)
	if len(ds) != 5 {
		t.Errorf("%d decisions stored, want 5", len(ds))
	}
	res, _ := b.Results("")
	if v := res.Vacant(); v.AwardOrganizations != 0 || v.Nominations != 10 {
		t.Errorf("vacancies from the decisions: %+v", v)
	}
	// a batch that would exceed the quota refuses every decision of it
	err = b.Decide("", award.Decision{ApplicantID: orgs[5], Decided: "nomination", Note: "x"}, award.Decision{ApplicantID: orgs[6], Decided: "award", Note: "x"})
	if !errors.As(err, &re) || re.Article != "第三条" {
		t.Fatalf("batch beyond the quota: %v", err)
	}
	if ds, _ := db.Decisions(sample.DemoCycle); len(ds) != 5 {
		t.Errorf("a refused batch wrote %d decisions", len(ds)-5)
	}
}

// TestIneligibleApplicantIsRefusedAnAwardAndDeliberation: an organisation
// with a major incident (Art. 8(7)) cannot be decided an award nor enter
// 评委会审议, until the office overrides the rule with a written reason.
func TestIneligibleApplicantIsRefusedAnAwardAndDeliberation(t *testing.T) {
	db, d := demo(t)
	eligible(t, db)
	as, _ := db.Applicants(sample.DemoCycle)
	target := d.Applicants[2].ID
	for i := range as {
		if as[i].ID == target {
			as[i].Profile.Incidents = []award.Incident{{Date: "2025-06-01", Kind: award.SafetyIncident, Major: true, Description: "较大安全事故"}}
		}
	}
	if err := db.PutApplicants("office", sample.DemoCycle, as); err != nil {
		t.Fatal(err)
	}
	b := backend.New(db, backend.Options{Now: func() time.Time { return time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC) }})
	var re *award.RuleError
	if err := b.Decide("", award.Decision{ApplicantID: target, Decided: "award", Note: "x"}); !errors.As(err, &re) || re.Article != "第八条(七)" {
		t.Fatalf("award for an ineligible applicant: %v, want a refusal citing 第八条(七)", err)
	}
	if err := b.Decide("", award.Decision{ApplicantID: target, Decided: "none", Note: "不符合条件"}); err != nil {
		t.Fatalf("none is always allowed: %v", err)
	}
	walk := func(id string, to award.Status) error {
		a, _ := db.Applicant(sample.DemoCycle, id)
		after := false
		for _, s := range award.Pipeline {
			if after {
				if err := b.Move("", award.Transition{ApplicantID: id, To: s}); err != nil {
					return err
				}
			}
			if s == a.Status {
				after = true
			}
			if s == to {
				break
			}
		}
		return nil
	}
	err := walk(target, award.Deliberation)
	if !errors.As(err, &re) || re.Article != "第八条(七)" {
		t.Fatalf("entering 评委会审议: %v, want a refusal citing 第八条(七)", err)
	}
	if a, _ := db.Applicant(sample.DemoCycle, target); a.Status != award.CompositeReview {
		t.Fatalf("status %s after the refusal, want %s", a.Status, award.CompositeReview)
	}
	if _, err := b.Override("", target, "第八条(七)", "", ""); err == nil {
		t.Fatal("an override without a reason was accepted")
	}
	if _, err := b.Override("", target, "第八条(七)", "", "经应急管理部门复核，事故责任不在申报单位"); err != nil {
		t.Fatal(err)
	}
	if err := walk(target, award.Deliberation); err != nil {
		t.Fatalf("after the override: %v", err)
	}
	res, _ := b.Results("")
	shown := false
	for _, c := range res.Eligibility[target].Checks {
		if c.Article == "第八条(七)" && strings.Contains(c.Override, "事故责任不在申报单位") {
			shown = true
		}
	}
	if !shown {
		t.Error("the override's reason is not shown beside the rule")
	}
}

// TestRevokedAwardReadsRevoked: a revoked award is revoked in the
// candidate list and frees nothing silently.
func TestRevokedAwardReadsRevoked(t *testing.T) {
	db, d := demo(t)
	eligible(t, db)
	b := backend.New(db, backend.Options{})
	id := d.Applicants[0].ID
	if err := b.Decide("", award.Decision{ApplicantID: id, Decided: "award", Note: "评委会表决"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Revoke("", id, award.Revocation{Date: "2027-03-01", Reason: "申报材料弄虚作假", Article: "第三十条", Fraud: true}); err != nil {
		t.Fatal(err)
	}
	res, _ := b.Results("")
	if f := res.Final(id); f != award.Revoked {
		t.Fatalf("final status %q, want revoked", f)
	}
	rep := export.CandidatesReport(&res.Eval, res.Outcomes())
	if row := findRow(t, rep.Header, rep.Rows, id); row["final"] != "revoked" || !strings.Contains(row["note"], "弄虚作假") {
		t.Errorf("candidate list row %v", row)
	}
}

// TestReviewerIsRefusedTheOfficesUseCases: through a reviewer's view the
// backend refuses the results, exports, imports, decisions and moves, and
// writes nothing.
func TestReviewerIsRefusedTheOfficesUseCases(t *testing.T) {
	db, d := demo(t)
	r := d.Reviewers[1].ID
	b := backend.New(db, backend.Options{Person: access.Person{ID: r, Role: access.Reviewer}})
	dir := t.TempDir()
	calls := map[string]func() error{
		"results": func() error { _, err := b.Results(""); return err },
		"export scores": func() error {
			_, err := b.Export("", backend.ExportRequest{Kind: "scores", File: filepath.Join(dir, "s.csv")})
			return err
		},
		"export rankings": func() error {
			_, err := b.Export("", backend.ExportRequest{Kind: "rankings", Stage: "composite", File: filepath.Join(dir, "r.csv")})
			return err
		},
		"decide": func() error { return b.Decide("", award.Decision{ApplicantID: d.Applicants[0].ID, Decided: "award"}) },
		"move": func() error {
			return b.Move("", award.Transition{ApplicantID: d.Applicants[0].ID, To: award.Rejected, Reason: "x", Article: "第十六条"})
		},
		"import": func() error {
			_, err := b.Import("", "reviewers", filepath.Join(dir, "none.csv"), backend.ImportOptions{})
			return err
		},
		"audit": func() error { _, err := b.Audit(backend.AuditFilter{}); return err },
	}
	gen := db.Generation()
	for name, call := range calls {
		if err := call(); !backend.IsForbidden(err) {
			t.Errorf("%s as reviewer %s: %v, want forbidden", name, r, err)
		}
	}
	if db.Generation() != gen {
		t.Error("a refused call wrote to the store")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused export wrote %d file(s)", len(entries))
	}
}

// TestShortlistOnFewerSheetsWarns: in the demo A0009 is shortlisted on 2
// material sheets while its group has 5 members; the warning names it in
// the material report, and a consensus in force silences it.
func TestShortlistOnFewerSheetsWarns(t *testing.T) {
	db, d := demo(t)
	res, err := backend.New(db, backend.Options{}).Results("")
	if err != nil {
		t.Fatal(err)
	}
	var found *backend.ShortlistWarning
	for _, w := range res.ShortlistWarnings() {
		if w.ApplicantID == "A0009" {
			w := w
			found = &w
		}
	}
	if found == nil || found.Sheets != 2 || found.Members != 5 {
		t.Fatalf("warnings %+v, want A0009 on 2 sheets of 5", res.ShortlistWarnings())
	}
	if notes := strings.Join(res.MaterialReport().Notes, "\n"); !strings.Contains(notes, "A0009 is shortlisted on 2 material sheet(s)") {
		t.Errorf("material report notes: %s", notes)
	}
	leader := leaderOf(d, award.Material)
	view := access.Wrap(db, access.Person{ID: leader, Role: access.Leader})
	if err := view.SaveConsensus(leader, sample.DemoCycle, consensusFor(t, db, award.Material, "A0009", leader, 45)); err != nil {
		t.Fatal(err)
	}
	res, _ = backend.New(db, backend.Options{}).Results("")
	for _, w := range res.ShortlistWarnings() {
		if w.ApplicantID == "A0009" {
			t.Error("the warning stands with a consensus in force")
		}
	}
}

// TestOutOfTheRunningLeavesTheTaskList: an applicant the office rejects
// leaves its reviewers' task lists and can no longer be scored by them.
func TestOutOfTheRunningLeavesTheTaskList(t *testing.T) {
	db, d := demo(t)
	app := "A0010"
	var reviewer string
	for _, a := range d.Assignments {
		if a.ApplicantID == app && a.Stage == award.Material {
			reviewer = a.ReviewerID
		}
	}
	view := access.Wrap(db, access.Person{ID: reviewer, Role: access.Reviewer})
	listed := func() bool {
		as, err := view.Assignments(sample.DemoCycle)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.ApplicantID == app {
				return true
			}
		}
		return false
	}
	if !listed() {
		t.Fatalf("%s is not on %s's list to begin with", app, reviewer)
	}
	b := backend.New(db, backend.Options{})
	if err := b.Move("", award.Transition{ApplicantID: app, To: award.Rejected, Reason: "申报材料不全", Article: "第十六条"}); err != nil {
		t.Fatal(err)
	}
	if listed() {
		t.Errorf("%s, rejected, is still on %s's task list", app, reviewer)
	}
	a, _ := db.Applicant(sample.DemoCycle, app)
	set := criteria.BuiltinCatalog().Set(a.CriteriaSet, string(a.Kind))
	s := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: app, ReviewerID: reviewer}, set.ID, set.NumItems())
	s.Percents[0] = 50
	if err := view.SaveSheet(reviewer, sample.DemoCycle, s); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("a sheet of a rejected applicant was saved: %v", err)
	}
}
