package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"qaward/criteria"
)

// qa runs qaward with args and returns stdout, stderr and the exit status.
func qa(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// mustQA runs qaward and fails the test on a non-zero exit.
func mustQA(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, code := qa(t, args...)
	if code != 0 {
		t.Fatalf("qaward %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// scoresCSV expands a compact sheet list into the rows of a scores file.
// Each line is "stage applicant reviewer percent [item=percent …]": every
// item of the applicant's criteria set at percent, except those listed.
// Applicants starting with P use the individual set.
func scoresCSV(t *testing.T, spec string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("stage,applicant_id,reviewer_id,item_id,percent,strengths,improvements\n")
	for _, line := range strings.Split(strings.TrimSpace(spec), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 4 {
			t.Fatalf("bad spec line %q", line)
		}
		set := criteria.Default("organization")
		if strings.HasPrefix(f[1], "P") {
			set = criteria.Default("individual")
		}
		override := map[string]string{}
		for _, o := range f[4:] {
			k, v, _ := strings.Cut(o, "=")
			override[k] = v
		}
		for _, it := range set.Items() {
			p := f[3]
			if v, ok := override[it.ID]; ok {
				p = v
			}
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s,优势%s,\n", f[0], f[1], f[2], it.ID, p, it.ID)
		}
	}
	return b.String()
}

// sheets writes one uniform sheet per percentage for an applicant.
func sheets(stage, applicant string, reviewers []string, percents ...int) string {
	var b strings.Builder
	for i, p := range percents {
		b.WriteString(stage + " " + applicant + " " + reviewers[i] + " " + strconv.Itoa(p) + "\n")
	}
	return b.String()
}
