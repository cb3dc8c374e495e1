package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func TestVersion(t *testing.T) {
	out, errs, code := qa(t, "--version")
	if code != 0 || errs != "" || !strings.HasPrefix(out, "qaward v") || !strings.Contains(out, "(commit ") {
		t.Errorf("--version: exit %d, %q, stderr %q", code, out, errs)
	}
	for _, c := range []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "59846c4e0d2b8f1a9c3e5d7f0a1b2c3d4e5f6a7b"}, {Key: "vcs.modified", Value: "true"}}},
			"v0.0.0-dev (commit 59846c4, modified)"},
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "59846c4e0d2b"}, {Key: "vcs.modified", Value: "false"}}},
			"v1.2.0 (commit 59846c4)"},
		{debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201225307-d2247acdd159+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "d2247acdd159f489411580cef51fe6a14e3cbf58"}, {Key: "vcs.modified", Value: "true"}}},
			"v0.0.0-20261201225307-d2247acdd159 (commit d2247ac, modified)"},
		{debug.BuildInfo{}, "v0.0.0-dev (commit unknown: built without VCS information)"},
	} {
		if got := formatVersion(&c.info); got != c.want {
			t.Errorf("formatVersion: %q, want %q", got, c.want)
		}
	}
}

// commandPaths lists every command of the tree below the root as its
// arguments ("packet", "export").
func commandPaths(c *cobra.Command, prefix []string) [][]string {
	var out [][]string
	for _, s := range c.Commands() {
		if s.Hidden {
			continue
		}
		p := append(append([]string{}, prefix...), s.Name())
		out = append(out, p)
		out = append(out, commandPaths(s, p)...)
	}
	return out
}

func TestHelpOnStdout(t *testing.T) {
	root := (&app{}).rootCmd()
	paths := append([][]string{nil}, commandPaths(root, nil)...)
	if len(paths) < 20 {
		t.Fatalf("only %d commands in the tree", len(paths))
	}
	for _, p := range paths {
		name := strings.Join(append([]string{"qaward"}, p...), " ")
		out, errs, code := qa(t, append(p, "--help")...)
		if code != 0 || errs != "" || !strings.Contains(out, "Usage:\n  "+name) {
			t.Errorf("%s --help: exit %d, stderr %q, stdout:\n%s", name, code, errs, out)
			continue
		}
		if p == nil {
			continue
		}
		out2, errs, code := qa(t, append([]string{"help"}, p...)...)
		if code != 0 || errs != "" || out2 != out {
			t.Errorf("qaward help %s: exit %d, stderr %q, stdout differs from --help:\n%s", strings.Join(p, " "), code, errs, out2)
		}
	}
	out, _, _ := qa(t, "--help")
	for _, group := range []string{"Cycle and data:", "Rankings and decisions:", "Documents and exchange:", "Server and maintenance:"} {
		if !strings.Contains(out, group) {
			t.Errorf("qaward --help lacks the group %q", group)
		}
	}
	if out2, _, code := qa(t, "help"); code != 0 || out2 != out {
		t.Errorf("qaward help: exit %d, not the root's help", code)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
		hint string
	}{
		{[]string{"nosuch"}, `unknown command "nosuch"`, "qaward --help"},
		{[]string{"rnak"}, `did you mean "rank"?`, "qaward --help"},
		{[]string{"help", "nosuch"}, `help: unknown command "nosuch"`, "qaward --help"},
		{[]string{"--bogus"}, "unknown flag: --bogus", "qaward --help"},
		{[]string{"rank", "--bogus"}, "rank: unknown flag: --bogus", "qaward rank --help"},
		{[]string{"rank", "extra"}, `rank: unexpected argument "extra"`, "qaward rank --help"},
		{[]string{"rank", "--stage"}, "flag needs an argument: --stage", "qaward rank --help"},
		{[]string{"rank", "--stage", "final"}, `--stage "final"`, "qaward rank --help"},
		{[]string{"import", "applicants"}, "import: want KIND FILE, got 1 argument(s)", "qaward import --help"},
		{[]string{"publicity", "--start", "2026-09-28", "--days", "five"}, `invalid argument "five" for "--days"`, "qaward publicity --help"},
		{[]string{"packet"}, "packet: want one of export, import, list, open, return", "qaward packet --help"},
		{[]string{"packet", "send"}, `packet: unknown command "send"`, "qaward packet --help"},
		{[]string{"packet", "open"}, "packet open: want FILE, got 0 argument(s)", "qaward packet open --help"},
		{[]string{"completion", "tcsh"}, `completion: unknown command "tcsh"`, "qaward completion --help"},
		{[]string{"completion", "bash", "extra"}, "completion bash:", "qaward completion bash --help"},
		{[]string{"--lang", "fr", "criteria"}, `--lang "fr": want zh or en`, "qaward criteria --help"},
	} {
		out, errs, code := qa(t, c.args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "qaward: ") || !strings.Contains(errs, c.want) ||
			!strings.Contains(errs, "Run '"+c.hint+"' for usage.") {
			t.Errorf("qaward %s: exit %d, stdout %q, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
		if strings.Contains(errs, "Flags:") || strings.Count(errs, "\n") > 2 {
			t.Errorf("qaward %s: the usage error dumps the usage:\n%s", strings.Join(c.args, " "), errs)
		}
	}
}

// TestFlagsAnywhere: global flags after the subcommand, flags after
// positional arguments, and Go's single-dash long flags of old.
func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	mustQA(t, "gen", "--applicants", "12", "--reviewers", "10", "--per-applicant", "5", "--db", db)
	csvHead := "rank,id,kind,name,material,reviewers,shortlisted\n"
	for _, args := range [][]string{
		{"--db", db, "rank", "--stage", "material", "--format", "csv"},
		{"rank", "--stage", "material", "--format", "csv", "--db", db},
		{"rank", "--db=" + db, "--cycle", "gen", "--stage=material", "--format=csv"},
		{"-db", db, "rank", "-stage", "material", "-format=csv"},
	} {
		if out := mustQA(t, args...); !strings.HasPrefix(out, csvHead) {
			t.Errorf("qaward %s: %q", strings.Join(args, " "), out)
		}
	}
	copyDB := filepath.Join(dir, "copy.db")
	if out := mustQA(t, "backup", copyDB, "--db", db); !strings.Contains(out, "wrote a consistent copy") {
		t.Errorf("backup FILE --db: %q", out)
	}
	csvFile := filepath.Join(dir, "composite.csv")
	mustQA(t, "export", "rankings", csvFile, "--stage", "composite", "--db", db)
	if _, err := os.Stat(csvFile); err != nil {
		t.Errorf("export with flags after its arguments: %v", err)
	}
	md := filepath.Join(dir, "A0001.md")
	mustQA(t, "feedback", "A0001", "-o", md, "--db", db)
	if _, err := os.Stat(md); err != nil {
		t.Errorf("feedback ID -o FILE: %v", err)
	}
	root := (&app{}).rootCmd()
	for _, c := range []struct{ in, want string }{
		{"-db x -stage material -format=csv", "--db x --stage material --format=csv"},
		{"-h", "-h"}, {"-help", "--help"}, {"-version", "--version"},
		{"feedback A1 -o f.md -scores", "feedback A1 -o f.md --scores"},
		{"stage A1 rejected --reason -stage -article 第十六条", "stage A1 rejected --reason -stage --article 第十六条"},
		{"-o -db", "-o -db"}, {"-nosuch -5", "-nosuch -5"}, {"rank -- -db", "rank -- -db"},
	} {
		if got := strings.Join(longDashes(root, strings.Fields(c.in)), " "); got != c.want {
			t.Errorf("longDashes(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_qaward",
		"zsh":  "#compdef qaward",
		"fish": "complete -c qaward",
	} {
		out, errs, code := qa(t, "completion", shell)
		if code != 0 || errs != "" || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, stderr %q, no %q in %d bytes", shell, code, errs, want, len(out))
		}
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"rank", "--stage", ""}, []string{"material", "onsite", "composite", ":4"}},
		{[]string{"rank", "--format", ""}, []string{"table", "csv", "json", ":4"}},
		{[]string{"--lang", ""}, []string{"zh", "en", ":4"}},
		{[]string{"import", ""}, []string{"applicants", "reviewers", "conflicts", "scores", "satisfaction", "survey", ":4"}},
		{[]string{"import", "scores", ""}, []string{"csv", "xlsx", ":8"}}, // files by extension
		{[]string{"backup", ""}, []string{":0"}},                          // any file
		{[]string{"feedback", "--all", "--out", ""}, []string{":16"}},     // directories
		{[]string{"feedback", "A1", "--out", ""}, []string{"md", ":8"}},   // files by extension
		{[]string{"ra"}, []string{"rank\t"}},
	} {
		out, _, code := qa(t, append([]string{"__complete"}, c.args...)...)
		for _, w := range c.want {
			if code != 0 || !strings.Contains(out, w) {
				t.Errorf("completing %q: exit %d, no %q in %q", c.args, code, w, out)
			}
		}
	}
}

func TestManPage(t *testing.T) {
	out, errs, code := qa(t, "man")
	if code != 0 || errs != "" || !strings.HasPrefix(out, ".TH QAWARD 1") {
		t.Fatalf("man: exit %d, stderr %q, %.200q", code, errs, out)
	}
	for _, want := range []string{".SH COMMANDS", `\fBrank\fP`, `\fB--stage\fP`, `\fBpacket\fP`, `\fB--db\fP`, ".SH EXIT STATUS"} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	if strings.Contains(out, "`") {
		t.Error("man page has pflag's ` marks")
	}
}

// TestTUINeedsTerminal: the TUI on streams that are files but not
// terminals refuses at once, before it makes a database.
func TestTUINeedsTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	for _, args := range [][]string{{"--db", db}, {"--db", db, "demo"}} {
		in, err := os.Open(os.DevNull)
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dir, "out"))
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		code := run(context.Background(), args, in, out, &errb)
		in.Close()
		out.Close()
		if code != 1 || !strings.Contains(errb.String(), "qaward: the terminal UI needs a terminal") {
			t.Errorf("qaward %s without a terminal: exit %d, %q", strings.Join(args, " "), code, errb.String())
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("qaward %s without a terminal made %s", strings.Join(args, " "), db)
		}
	}
}
