package main

import (
	"fmt"
	"strings"

	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

func manCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Write the manual page (roff) to standard output",
		Long: `Man writes qaward's manual page, every command and flag, in roff to standard
output; install it as qaward.1 in a man directory.`,
		Example: `  qaward man > /usr/local/share/man/man1/qaward.1
  qaward man | man -l -`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(c *cobra.Command, _ []string) error { return runMan(a, c.Root()) },
	}
}

// runMan writes the manual page of the whole command tree (mango-cobra, as
// soft-serve and glow do).
func runMan(a *app, root *cobra.Command) error {
	unwrapLong(root)
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	page, err := mcobra.NewManPage(1, root)
	if err != nil {
		return err
	}
	page = page.WithSection("Environment", `QAWARD_DB: the database when --db is not given.
XDG_DATA_HOME: without --db and QAWARD_DB the database is $XDG_DATA_HOME/qaward/qaward.db, else ~/.local/share/qaward/qaward.db.`).
		WithSection("Exit status", "0 on success, 1 on failure, 2 for a mistake in the command line (unknown command or flag, wrong arguments, bad flag value).").
		WithSection("See also", "ssh(1) for qaward serve; the README and DESIGN.md of the source.")
	// pflag's `name` marks in flag usages are for the help; the page needs none.
	_, err = fmt.Fprint(a.stdout, strings.ReplaceAll(page.Build(roff.NewDocument()), "`", ""))
	return err
}

// unwrapLong joins the lines of the long descriptions, wrapped for the
// terminal, into paragraphs: roff makes a paragraph of every line. Lines
// that start indented (lists) stay lines.
func unwrapLong(c *cobra.Command) {
	paras := strings.Split(c.Long, "\n\n")
	for i, p := range paras {
		var b strings.Builder
		for j, line := range strings.Split(p, "\n") {
			if j > 0 && strings.HasPrefix(line, "  ") {
				b.WriteString("\n")
			} else if j > 0 {
				b.WriteString(" ")
			}
			b.WriteString(line)
		}
		paras[i] = b.String()
	}
	c.Long = strings.Join(paras, "\n")
	for _, s := range c.Commands() {
		unwrapLong(s)
	}
}
