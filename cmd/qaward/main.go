// Command qaward is the review-panel system of the Wugang Mayor's Quality
// Award (武冈市市长质量奖): without a subcommand it starts the terminal UI for
// reviewers, group leaders and office staff; its subcommands let the office
// script a cycle (init, import, rank, criteria, verify, backup, gen, demo).
// This package holds the command tree (cobra), flags and wiring only.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"qaward/award"
)

func main() {
	// bubbles and lipgloss must agree on widths in a zh_CN locale.
	runewidth.DefaultCondition.EastAsianWidth = false
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	endProfile := profile(os.Getenv("QAWARD_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	endProfile()
	stop()
	os.Exit(code)
}

// profile writes a CPU profile of the whole run to file, for the
// developers' load tests (QAWARD_CPUPROFILE=FILE); "" writes none.
func profile(file string) (end func()) {
	if file == "" {
		return func() {}
	}
	f, err := os.Create(file)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "qaward: QAWARD_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// app is one invocation: the global flags and the standard streams. Every
// command's constructor gets the same app; the persistent flags of the root
// command write into it.
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

// The groups of the help listing.
const (
	groupCycle     = "cycle"
	groupRankings  = "rankings"
	groupDocuments = "documents"
	groupServer    = "server"
)

// run is qaward with its arguments and streams; it returns the exit status:
// 0 success, 1 failure, 2 a mistake in the command line.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(longDashes(root, args))
	cmd, err := root.ExecuteContextC(ctx)
	return a.exit(cmd, err)
}

// rootCmd builds the command tree.
func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "qaward",
		Short: "The review-panel system of the Wugang Mayor's Quality Award",
		Long: `qaward is the review-panel system of the Wugang Mayor's Quality Award (武冈市市长质量奖).

Without a command it starts the terminal UI on the database: reviewers score,
group leaders record the consensus, the office runs the cycle. The commands
script the same work through the same rules; they act on the current cycle
(the one init made last) unless --cycle names another.`,
		Example: `  qaward --db cycle.db init --cycle 2026
  qaward --db cycle.db import applicants applicants.csv
  qaward --db cycle.db rank --stage composite --format csv
  qaward --db cycle.db --as R001          # the TUI, as reviewer R001`,
		Version:           version(),
		Args:              commandArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			if a.lang != "" && a.lang != "zh" && a.lang != "en" {
				return usagef("--lang %q: want zh or en", a.lang)
			}
			return nil
		},
		RunE: func(*cobra.Command, []string) error { return runTUI(a) },
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout) // before the completion command, which keeps it
	root.SetErr(a.stderr)
	root.SuggestionsMinimumDistance = 2
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageErr(c, err) })

	pf := root.PersistentFlags()
	pf.StringVar(&a.db, "db", "", "database `file` (default $QAWARD_DB, else $XDG_DATA_HOME/qaward/qaward.db)")
	pf.StringVar(&a.as, "as", "", "act as this person: a reviewer's or leader's `ID`, or office")
	pf.StringVar(&a.lang, "lang", "", "language of the TUI and of documents: `zh|en` (default zh)")
	pf.StringVar(&a.cycle, "cycle", "", "cycle `ID` to act on (default: the one init made last)")
	root.RegisterFlagCompletionFunc("lang", fixed("zh", "en"))
	root.RegisterFlagCompletionFunc("as", cobra.NoFileCompletions)
	root.RegisterFlagCompletionFunc("cycle", cobra.NoFileCompletions)

	root.AddGroup(
		&cobra.Group{ID: groupCycle, Title: "Cycle and data:"},
		&cobra.Group{ID: groupRankings, Title: "Rankings and decisions:"},
		&cobra.Group{ID: groupDocuments, Title: "Documents and exchange:"},
		&cobra.Group{ID: groupServer, Title: "Server and maintenance:"},
	)
	add := func(group string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = group
			root.AddCommand(c)
		}
	}
	add(groupCycle, initCmd(a), importCmd(a), configCmd(a), criteriaCmd(a), groupsCmd(a), assignCmd(a), statusCmd(a), calibrationCmd(a), stageCmd(a), eligibilityCmd(a), opinionCmd(a), genCmd(a), demoCmd(a))
	add(groupRankings, rankCmd(a), candidatesCmd(a), decideCmd(a), overrideCmd(a), publicityCmd(a), publishCmd(a), objectionCmd(a), announceCmd(a), revokeCmd(a))
	add(groupRankings, complaintCmd(a), ratingsCmd(a))
	add(groupRankings, aftercareCmd(a))
	add(groupCycle, intakeCmd(a))
	add(groupRankings, visitsCmd(a))
	add(groupDocuments, documentCmd(a), exportCmd(a), feedbackCmd(a), packetCmd(a))
	add(groupServer, serveCmd(a), verifyCmd(a), auditCmd(a), backupCmd(a), manCmd(a))

	root.SetHelpCommand(helpCmd(root))
	root.SetHelpCommandGroupID(groupServer)
	root.SetCompletionCommandGroupID(groupServer)
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" || c.Name() == "packet" {
			actionOnly(c)
		}
	}
	usageArgs(root)
	// The usage of a command that only groups others shows "[command]".
	root.SetUsageTemplate(strings.Replace(root.UsageTemplate(), "{{if .Runnable}}",
		`{{if and .Runnable (ne (index .Annotations "group") "true")}}`, 1))
	return root
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// usageErr is an error of cobra's or pflag's about c's command line.
func usageErr(c *cobra.Command, err error) error {
	var ue *usageError
	if errors.As(err, &ue) {
		return err
	}
	if n := cmdName(c); n != "" {
		return &usageError{n + ": " + err.Error()}
	}
	return &usageError{err.Error()}
}

// exit prints the error, if any, and returns the exit status; a usage
// error also names the help to read.
func (a *app) exit(cmd *cobra.Command, err error) int {
	if err == nil {
		return 0
	}
	// Errors may quote stored text (a name, a reason): escaped, keeping
	// the line breaks of a message of several lines.
	fmt.Fprintln(a.stderr, "qaward:", award.PrintableText(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		path := "qaward"
		if cmd != nil && cmd.Name() != "help" {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", path)
		return 2
	}
	return 1
}

// cmdName is a command's path below the root ("rank", "packet export").
func cmdName(c *cobra.Command) string {
	return strings.TrimPrefix(strings.TrimPrefix(c.CommandPath(), c.Root().Name()), " ")
}

// commandArgs are the root's arguments: none, or a command.
func commandArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := c.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return &usageError{msg}
}

// actionOnly makes c a command that only groups its subcommands (packet,
// completion): on its own, or with an unknown subcommand, it is a usage
// error (cobra would print its help and exit 0), and its usage shows only
// "qaward c [command]".
func actionOnly(c *cobra.Command) {
	c.Args, c.RunE = needAction, needAction
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations["group"] = "true"
}

func needAction(c *cobra.Command, args []string) error {
	var names []string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			names = append(names, s.Name())
		}
	}
	if len(args) > 0 {
		return usagef("%s: unknown command %q: want %s", cmdName(c), args[0], strings.Join(names, ", "))
	}
	return usagef("%s: want one of %s", cmdName(c), strings.Join(names, ", "))
}

// noArgs is a command without positional arguments.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s: unexpected argument %q (it takes none)", cmdName(c), args[0])
	}
	return nil
}

// exactArgs is a command with exactly the named positional arguments.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("%s: want %s, got %d argument(s)", cmdName(c), strings.Join(names, " "), len(args))
		}
		return nil
	}
}

// usageArgs makes every argument error in the tree a usage error, cobra's
// own commands' too. A command whose use line names its flags gets no
// "[flags]" after them.
func usageArgs(c *cobra.Command) {
	if strings.Contains(c.Use, " --") || strings.Contains(c.Use, "[--") {
		c.DisableFlagsInUseLine = true
	}
	if check := c.Args; check != nil {
		c.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageErr(c, err)
			}
			return nil
		}
	}
	for _, s := range c.Commands() {
		usageArgs(s)
	}
}

// helpCmd is `qaward help [command]`: the command's help on stdout, and a
// usage error for a command that does not exist.
func helpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of any command: 'qaward help rank' is 'qaward rank --help'.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, s := range cmd.Commands() {
				if s.IsAvailableCommand() && strings.HasPrefix(s.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(s.Name(), s.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return usagef("help: unknown command %q", strings.Join(args, " "))
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// fixed completes a flag or argument from a fixed list, never with files.
func fixed(values ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
}

// files completes file names with one of the extensions (any file when
// none is given).
func files(ext ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(ext) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return ext, cobra.ShellCompDirectiveFilterFileExt
	}
}

// positional completes each positional argument with its own function;
// arguments beyond the list complete to nothing.
func positional(fns ...cobra.CompletionFunc) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= len(fns) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return fns[len(args)](c, args, toComplete)
	}
}

// formatFlag adds --format table|csv|json with its completion.
func formatFlag(c *cobra.Command, p *string) {
	c.Flags().StringVar(p, "format", "table", "output `format`: table, csv or json")
	c.RegisterFlagCompletionFunc("format", fixed(formats...))
}

// longDashes accepts Go's single-dash long flags (-db, -stage), which
// qaward took before it moved to cobra: "-name" or "-name=value" becomes
// "--name…" when some command has a long flag of that name. Shorthands
// (-o, -h) and values of flags stay as they are.
func longDashes(root *cobra.Command, args []string) []string {
	if len(args) > 0 && strings.HasPrefix(args[0], "__complete") {
		return args
	}
	takesValue := map[string]bool{"help": false, "version": false}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		visit := func(f *pflag.Flag) {
			takesValue[f.Name] = takesValue[f.Name] || f.NoOptDefVal == ""
			if f.Shorthand != "" {
				takesValue[f.Shorthand] = takesValue[f.Shorthand] || f.NoOptDefVal == ""
			}
		}
		c.Flags().VisitAll(visit)
		c.PersistentFlags().VisitAll(visit)
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		x := args[i]
		out = append(out, x)
		if x == "--" {
			return append(out, args[i+1:]...)
		}
		var name string
		switch {
		case strings.HasPrefix(x, "--"):
			name = x[2:]
		case len(x) >= 2 && x[0] == '-' && x[1] >= 'a' && x[1] <= 'z':
			name = x[1:]
		default:
			continue
		}
		name, _, hasValue := strings.Cut(name, "=")
		value, known := takesValue[name]
		if !known {
			continue
		}
		if !strings.HasPrefix(x, "--") && len(name) > 1 {
			out[len(out)-1] = "-" + x
		}
		if value && !hasValue && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	return out
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
