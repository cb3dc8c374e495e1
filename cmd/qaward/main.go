// Command qaward is the review-panel system of the Wugang Mayor's Quality
// Award (武冈市市长质量奖): without a subcommand it starts the terminal UI for
// reviewers, group leaders and office staff; its subcommands let the office
// script a cycle (init, import, rank, criteria, verify, backup, gen, demo).
// This package holds flags, subcommands and wiring only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/mattn/go-runewidth"
)

func main() {
	// bubbles and lipgloss must agree on widths in a zh_CN locale.
	runewidth.DefaultCondition.EastAsianWidth = false
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// app is one invocation: the global flags and the standard streams.
type app struct {
	ctx    context.Context
	db     string
	as     string
	lang   string
	cycle  string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is a subcommand.
type command struct {
	summary string
	usage   string
	run     func(a *app, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"init":        {"create a cycle and make it current", "init --cycle ID [--config FILE]", runInit},
		"import":      {"import applicants, reviewers, conflicts, scores, satisfaction or survey from CSV or XLSX", "import KIND FILE [--sheet NAME]", runImport},
		"rank":        {"print the material, on-site or composite ranking", "rank --stage material|onsite|composite [--format table|csv|json]", runRank},
		"criteria":    {"print a criteria set, or check one in a TOML file", "criteria [--set ID | --file FILE] [--format table|csv|json]", runCriteria},
		"verify":      {"check the database file and its audit chain", "verify", runVerify},
		"backup":      {"write a consistent copy of the database", "backup FILE", runBackup},
		"gen":         {"generate a synthetic cycle, into the database or as CSV files", "gen [--applicants N] [--reviewers N] [--per-applicant N] [--seed N] [--out DIR]", runGen},
		"publicity":   {"compute the publicity window on the official working-day calendar", "publicity --start YYYY-MM-DD [--days 5]", runPublicity},
		"stage":       {"move an applicant through the pipeline (申报 … 审定公告), or end its way with a reason", "stage ID STAGE [--reason TEXT --article ART]", runStage},
		"eligibility": {"check applicants against the eligibility rules (Art. 8-10, 30)", "eligibility [ID] [--as-of DATE] [--format table|csv|json]", runEligibility},
		"candidates":  {"print the candidate list with the committee's decisions", "candidates [--format table|csv|json]", runCandidates},
		"config":      {"print the current cycle's configuration, every key with its value", "config", runConfig},
		"demo":        {"open the TUI on a temporary database with the sample cycle", "demo", runDemo},
		"serve":       {"serve the TUI to the whole panel over SSH, from one process that owns the database", "serve --users FILE [--listen ADDR] [--host-key FILE]", runServe},
		"export":      {"write rankings, the candidate list or the cycle's data as XLSX or CSV (UTF-8 with BOM)", "export rankings|candidates|applicants|reviewers|conflicts|scores|satisfaction FILE.xlsx|FILE.csv [--stage material|onsite|composite|all] [--include-confidential]", runExport},
		"feedback":    {"write applicants' feedback reports (Art. 19) as Markdown or printable HTML", "feedback ID [--stage material|onsite] [--format md|html] [--scores] [-o FILE] | feedback --all --out DIR", runFeedback},
		"packet":      {"exchange offline reviewer packets: export, import, open on a laptop, return", "packet export REVIEWER FILE | import FILE | open FILE | return FILE | list", runPacket},
	}
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("qaward", flag.ContinueOnError)
	fs.SetOutput(stderr)
	a.globalFlags(fs)
	fs.Usage = func() { a.usage(stderr) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	rest := fs.Args()
	var err error
	if len(rest) == 0 {
		err = runTUI(a)
	} else if rest[0] == "help" {
		err = a.help(rest[1:])
	} else if c, ok := commands[rest[0]]; ok {
		err = c.run(a, rest[1:])
	} else {
		err = usagef("unknown command %q (see 'qaward --help')", rest[0])
	}
	return a.exit(err)
}

func (a *app) exit(err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(a.stderr, "qaward:", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// globalFlags are accepted before the subcommand and by every subcommand.
func (a *app) globalFlags(fs *flag.FlagSet) {
	fs.StringVar(&a.db, "db", a.db, "database `file` (default $QAWARD_DB, else $XDG_DATA_HOME/qaward/qaward.db)")
	fs.StringVar(&a.as, "as", a.as, "acting person's `ID` (reviewer ID, or office)")
	fs.StringVar(&a.lang, "lang", a.lang, "language of the TUI: zh or en")
	fs.StringVar(&a.cycle, "cycle", a.cycle, "cycle `ID` (default: the current cycle)")
}

// flags makes a subcommand's flag set, global flags included.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("qaward "+name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	a.globalFlags(fs)
	c := commands[name]
	fs.Usage = func() {
		fmt.Fprintf(a.stderr, "Usage: qaward %s\n\n%s.\n\nFlags:\n", c.usage, upperFirst(c.summary))
		fs.PrintDefaults()
	}
	return fs
}

// parse parses a subcommand's arguments and checks their count.
func parse(fs *flag.FlagSet, args []string, positional int) ([]string, error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, &usageError{err.Error()}
	}
	// allow flags after positional arguments too
	var pos []string
	rest := fs.Args()
	for len(rest) > 0 {
		pos = append(pos, rest[0])
		if err := fs.Parse(rest[1:]); err != nil {
			return nil, &usageError{err.Error()}
		}
		rest = fs.Args()
	}
	if len(pos) != positional {
		fs.Usage()
		return nil, usagef("%s: want %d argument(s), got %d", fs.Name(), positional, len(pos))
	}
	return pos, nil
}

func (a *app) usage(w io.Writer) {
	fmt.Fprint(w, `qaward: the review-panel system of the Wugang Mayor's Quality Award (武冈市市长质量奖)

Usage:
  qaward [--db FILE] [--as ID] [--lang zh|en]      start the terminal UI
  qaward [global flags] COMMAND [flags] [args]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Global flags:
  --db FILE     database (default $QAWARD_DB, else $XDG_DATA_HOME/qaward/qaward.db)
  --as ID       acting person: a reviewer ID, or office
  --lang zh|en  language of the TUI (default zh)
  --cycle ID    cycle to act on (default: the one init made last)

Run 'qaward COMMAND --help' for a command's flags.
`)
}

func (a *app) help(args []string) error {
	if len(args) == 0 {
		a.usage(a.stdout)
		return nil
	}
	if _, ok := commands[args[0]]; !ok {
		return usagef("unknown command %q", args[0])
	}
	fs := a.flags(args[0])
	fs.SetOutput(a.stdout)
	fs.Usage()
	return nil
}

// dbPath resolves the database file: --db, then $QAWARD_DB, then the XDG
// data directory.
func (a *app) dbPath() (string, error) {
	if a.db != "" {
		return a.db, nil
	}
	if p := os.Getenv("QAWARD_DB"); p != "" {
		return p, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "qaward", "qaward.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no --db given and no home directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "qaward", "qaward.db"), nil
}

// actor names the person in the audit log: --as, else the login name.
func (a *app) actor() string {
	if a.as != "" {
		return a.as
	}
	for _, v := range []string{"USER", "LOGNAME"} {
		if u := os.Getenv(v); u != "" {
			return "office:" + u
		}
	}
	return "office"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
