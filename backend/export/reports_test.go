package export_test

import (
	"io"
	"os"
	"path/filepath"
	"qaward/criteria"
	"reflect"
	"strings"
	"testing"

	"qaward/award/sample"
	"qaward/backend/export"
	"qaward/scoring"
)

func demoEvaluation() *scoring.Evaluation {
	d := sample.Demo()
	ev := scoring.Evaluate(scoring.Input{Config: d.Cycle.Config, Catalog: criteria.BuiltinCatalog(), Applicants: d.Applicants,
		Sheets: d.Sheets, Consensus: d.Consensus, Satisfaction: d.Satisfaction})
	return &ev
}

// TestRankings: the tables of each kind and stage, the rules last, and a
// clear refusal of anything else.
func TestRankings(t *testing.T) {
	ev, c := demoEvaluation(), sample.Demo().Cycle
	names := func(ts []export.Table) string {
		var out []string
		for _, t := range ts {
			out = append(out, t.Name)
		}
		return strings.Join(out, ",")
	}
	for _, tc := range []struct{ kind, stage, want string }{
		{"rankings", "all", "材料评审,现场评审,综合评价,候选名单,评审规则"},
		{"rankings", "onsite", "现场评审,评审规则"},
		{"candidates", "all", "候选名单,评审规则"},
	} {
		ts, err := export.Rankings(tc.kind, tc.stage, "zh", c, ev, export.Outcomes{})
		if err != nil || names(ts) != tc.want {
			t.Errorf("%s %s: %s, %v", tc.kind, tc.stage, names(ts), err)
		}
	}
	for _, bad := range [][2]string{{"scores", "all"}, {"rankings", "final"}} {
		if _, err := export.Rankings(bad[0], bad[1], "zh", c, ev, export.Outcomes{}); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	en, _ := export.Rankings("rankings", "composite", "en", c, ev, export.Outcomes{})
	r := export.CompositeReport(ev)
	if !reflect.DeepEqual(en[0].Header, r.Header) || !reflect.DeepEqual(en[0].Rows, r.Rows) || len(r.Ties) != len(r.Rows) {
		t.Error("the English table is not the command line's report")
	}
	if cr := export.CandidatesReport(ev, export.Outcomes{}); cr.Ties != nil || cr.Kind(0) != export.Integer || cr.Kind(4) != export.Decimal2 {
		t.Errorf("candidates: ties %v, kinds %v", cr.Ties, cr.Columns)
	}
}

// TestWriteFile: a failed write leaves no file and an old file untouched.
func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "排名.csv")
	if err := export.WriteFile(path, func(w io.Writer) error { _, err := w.Write([]byte("old")); return err }); err != nil {
		t.Fatal(err)
	}
	err := export.WriteFile(path, func(w io.Writer) error { w.Write([]byte("new")); return os.ErrInvalid })
	if b, _ := os.ReadFile(path); err == nil || string(b) != "old" {
		t.Fatalf("failed write: %v, file %q", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
