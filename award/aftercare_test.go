package award

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFiveYearsEdges: the window starts on the day of the announcement and
// ends the day before its fifth anniversary; 29 February ends on 28
// February; the years of the window meet without a gap.
func TestFiveYearsEdges(t *testing.T) {
	w := FiveYears(date(t, "2026-10-12"))
	if got := w.Span("zh"); got != "2026-10-12 至 2031-10-11" {
		t.Errorf("span %q", got)
	}
	for d, in := range map[string]bool{"2026-10-11": false, "2026-10-12": true, "2031-10-11": true, "2031-10-12": false, "2029-01-01": true} {
		if w.Contains(date(t, d)) != in {
			t.Errorf("%s inside: %v, want %v", d, !in, in)
		}
	}
	years := map[string]int{"2026-10-11": 0, "2026-10-12": 1, "2027-10-11": 1, "2027-10-12": 2, "2030-10-12": 5, "2031-10-11": 5, "2031-10-12": 0}
	for d, n := range years {
		if got := w.Year(date(t, d)); got != n {
			t.Errorf("%s is in year %d, want %d", d, got, n)
		}
	}
	leap := FiveYears(date(t, "2028-02-29"))
	if got := leap.Last().Format(time.DateOnly); got != "2033-02-28" {
		t.Errorf("announced 2028-02-29: last day %s, want 2033-02-28", got)
	}
	if from, to := leap.YearSpan(1); from.Format(time.DateOnly) != "2028-02-29" || to.Format(time.DateOnly) != "2029-02-28" {
		t.Errorf("leap year 1: %s to %s", from, to)
	}
	if from, _ := leap.YearSpan(2); from.Format(time.DateOnly) != "2029-03-01" {
		t.Errorf("leap year 2 starts %s, want 2029-03-01", from)
	}
}

// TestAnnouncedOn: the day of the applicant's move to 审定公告, in Beijing
// time (01:00 CST is still the day before in UTC).
func TestAnnouncedOn(t *testing.T) {
	at := time.Date(2026, 10, 11, 17, 0, 0, 0, time.UTC)
	ts := []Transition{{ApplicantID: "A1", To: Publicity, At: at.AddDate(0, 0, -14)}, {ApplicantID: "A1", To: Announced, At: at}, {ApplicantID: "A2", To: Announced, At: at.AddDate(1, 0, 0)}}
	d, ok := AnnouncedOn(ts, "A1")
	if !ok || d.Format(time.DateOnly) != "2026-10-12" {
		t.Errorf("announced %s %v, want 2026-10-12", d, ok)
	}
	if _, ok := AnnouncedOn(ts, "A3"); ok {
		t.Error("A3 was never announced")
	}
}

// TestGrounds: eight, numbered as the article's items, each with the rules'
// words and both labels, parsed from every way of writing it.
func TestGrounds(t *testing.T) {
	if len(Grounds) != 8 {
		t.Fatalf("%d grounds, want 8", len(Grounds))
	}
	seen := map[string]bool{}
	for i, g := range Grounds {
		if int(g) != i+1 || !g.Valid() || g.Text("zh") == "" || g.Text("en") == "" || g.Name("zh") == "" || g.Name("en") == "" || seen[g.Text("zh")] {
			t.Errorf("ground %d: %q %q %q", g, g.Text("zh"), g.Name("zh"), g.Name("en"))
		}
		seen[g.Text("zh")] = true
		if !strings.HasSuffix(g.Text("zh"), "的") {
			t.Errorf("ground %d is not the rules' item: %q", g, g.Text("zh"))
		}
	}
	if GroundNoSharing.Article("zh") != "第三十一条（六）" || GroundNoSharing.Article("en") != "Art. 31(6)" {
		t.Errorf("articles %q %q", GroundNoSharing.Article("zh"), GroundNoSharing.Article("en"))
	}
	for _, s := range []string{"6", "六", "（六）", "(6)", "31(6)", "第三十一条（六）", " 6 "} {
		if g, err := ParseGround(s); err != nil || g != GroundNoSharing {
			t.Errorf("ParseGround(%q) = %d, %v", s, g, err)
		}
	}
	for _, s := range []string{"0", "9", "", "x", "九"} {
		if _, err := ParseGround(s); err == nil {
			t.Errorf("ParseGround(%q) accepted", s)
		}
	}
	if got := GroundsArticle([]Ground{2, 6}); got != "第三十一条（二）（六）" {
		t.Errorf("article %q", got)
	}
}

// TestSharingByYear: per year of the window, a sharing activity clears
// the year; a year that ended without one is flagged (Art. 31(6)); the
// year under way and those ahead are not.
func TestSharingByYear(t *testing.T) {
	w := FiveYears(date(t, "2026-10-12"))
	es := []AftercareEntry{
		{Kind: AftercareSharing, Date: "2027-10-11"}, // last day of year 1
		{Kind: AftercareVisit, Date: "2028-03-01"},   // a visit is no sharing
		{Kind: AftercareSharing, Date: "2029-10-12"}, // first day of year 4
		{Kind: AftercareSharing, Date: "2026-10-11"}, // before the window
	}
	ys := SharingByYear(w, es, date(t, "2030-01-15"))
	want := []SharingState{Shared, NotShared, NotShared, Shared, YearAhead}
	for i, y := range ys {
		if y.State != want[i] || y.Year != i+1 {
			t.Errorf("year %d: %s, want %s", y.Year, y.State, want[i])
		}
	}
	if ys[1].Flag("en") != "no sharing recorded in year 2 (2027-10-12 to 2028-10-11), Art. 31(6)" || ys[0].Flag("en") != "" {
		t.Errorf("flags %q %q", ys[1].Flag("en"), ys[0].Flag("en"))
	}
	if !strings.Contains(ys[2].Flag("zh"), "第3年（2028-10-12 至 2029-10-11）未记录分享") {
		t.Errorf("zh flag %q", ys[2].Flag("zh"))
	}
	// on the last day of year 1, with nothing recorded, the year is due, not flagged
	ys = SharingByYear(w, nil, date(t, "2027-10-11"))
	if ys[0].State != SharingDue || ys[0].Flagged() {
		t.Errorf("year 1 on its last day: %s", ys[0].State)
	}
	if ys = SharingByYear(w, nil, date(t, "2027-10-12")); ys[0].State != NotShared || ys[1].State != SharingDue {
		t.Errorf("the day after year 1: %s, %s", ys[0].State, ys[1].State)
	}
}

func TestCheckRevocation(t *testing.T) {
	w := FiveYears(date(t, "2026-10-12"))
	cases := []struct {
		name string
		r    Revocation
		w    *Window
		want string // "" for accepted
	}{
		{"ground inside", Revocation{Date: "2031-10-11", Reason: "x", Grounds: []Ground{6}}, &w, ""},
		{"fraud, no ground, any time", Revocation{Date: "2040-01-01", Reason: "x", Fraud: true}, nil, ""},
		{"no ground", Revocation{Date: "2027-01-01", Reason: "x"}, &w, "cite at least one ground"},
		{"no reason", Revocation{Date: "2027-01-01", Grounds: []Ground{1}}, &w, "reason"},
		{"after five years", Revocation{Date: "2031-10-12", Reason: "x", Grounds: []Ground{1}}, &w, "2031-10-12 is outside the five years after the award (2026-10-12 to 2031-10-11, Art. 31)"},
		{"before announcement", Revocation{Date: "2026-10-11", Reason: "x", Grounds: []Ground{1}}, &w, "outside the five years"},
		{"not announced", Revocation{Date: "2027-01-01", Reason: "x", Grounds: []Ground{1}}, nil, "not been announced"},
		{"unknown ground", Revocation{Date: "2027-01-01", Reason: "x", Grounds: []Ground{9}}, &w, "ground 9"},
		{"twice", Revocation{Date: "2027-01-01", Reason: "x", Grounds: []Ground{2, 2}}, &w, "cited twice"},
		{"bad date", Revocation{Date: "2027-13-01", Reason: "x", Grounds: []Ground{2}}, &w, "want YYYY-MM-DD"},
	}
	for _, c := range cases {
		err := CheckRevocation(c.r, c.w)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestCheckAftercare(t *testing.T) {
	w := FiveYears(date(t, "2026-10-12"))
	today := date(t, "2027-05-01")
	ok := AftercareEntry{ApplicantID: "A1", Kind: AftercareSharing, Date: "2027-04-30", Note: "在全市质量大会上介绍卓越绩效经验"}
	if err := CheckAftercare(ok, w, today); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(e *AftercareEntry){
		"kind":                        func(e *AftercareEntry) { e.Kind = "party" },
		"say what happened":           func(e *AftercareEntry) { e.Note = " " },
		"is after today (2027-05-01)": func(e *AftercareEntry) { e.Date = "2027-05-02" },
		"outside the five years":      func(e *AftercareEntry) { e.Date = "2026-10-11" },
		"want YYYY-MM-DD":             func(e *AftercareEntry) { e.Date = "2027/04/30" },
		"control":                     func(e *AftercareEntry) { e.Note = "a\x1bb" },
	}
	for want, edit := range bad {
		e := ok
		edit(&e)
		if err := CheckAftercare(e, w, today); err == nil || !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(want)) {
			t.Errorf("%s: %v", want, err)
		}
	}
	for _, s := range []string{"visit", "回访", "事件", "SHARING", "经验交流与分享", "事件（质量、安全、环境等）"} {
		if _, err := ParseAftercareKind(s); err != nil {
			t.Errorf("kind %q: %v", s, err)
		}
	}
}

// TestRevocationReadArticle: the article a revocation names cites its
// grounds (Art. 31's items) or its fraud (Art. 30); grounds given stay.
func TestRevocationReadArticle(t *testing.T) {
	for _, c := range []struct {
		art    string
		given  []Ground
		fraud  bool
		want   []Ground
		wfraud bool
	}{
		{art: "第三十条", wfraud: true},
		{art: "第三十一条（二）（六）", want: []Ground{2, 6}},
		{art: "第三十一条(6)", want: []Ground{6}},
		{art: "第三十一条（六）（六）", want: []Ground{6}},
		{art: "第三十一条"},
		{art: "第三十一条（九）"},
		{art: "第三十一条（一）", given: []Ground{3}, want: []Ground{3}},
		{art: "", fraud: true, wfraud: true},
	} {
		r := Revocation{Article: c.art, Grounds: c.given, Fraud: c.fraud}.ReadArticle()
		if !slices.Equal(r.Grounds, c.want) || r.Fraud != c.wfraud {
			t.Errorf("%q: grounds %v fraud %v, want %v %v", c.art, r.Grounds, r.Fraud, c.want, c.wfraud)
		}
	}
}
