package serve

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"qaward/store/access"
)

// Commands. A session that names a command (`ssh -p PORT HOST backup`)
// runs it instead of the TUI and ends with its exit status. They are the
// office's, for what cannot be done from outside while the server holds the
// database: a backup taken inside one read transaction while every session
// goes on.

// commandHelp lists the commands a session may name.
const commandHelp = `qaward serve: commands (ssh -p PORT HOST COMMAND)
  backup   write a consistent copy of the database on the server's disk (office only)
  help     this list
Without a command, the session opens the review panel.`

// commands runs a named command, or the program (next) when none is
// named.
func (s *Server) commands(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		args := sess.Command()
		if len(args) == 0 {
			next(sess)
			return
		}
		u, _ := sess.Context().Value(userKey).(User)
		switch strings.ToLower(args[0]) {
		case "help", "--help", "-h":
			wish.Println(sess, commandHelp)
		case "backup":
			s.backupCommand(sess, u, args[1:])
		default:
			wish.Fatalln(sess, "qaward serve: unknown command "+quoteArg(args[0])+"\n"+commandHelp)
		}
	}
}

func (s *Server) backupCommand(sess ssh.Session, u User, args []string) {
	switch {
	case u.Role != access.Office:
		s.log.Printf("%v from %s: refused backup: not the office", u.Person, sess.RemoteAddr())
		wish.Fatalln(sess, "qaward serve: only the office may back up the database")
	case len(args) > 0:
		wish.Fatalln(sess, "qaward serve: backup takes no arguments; the copy is written into the server's backup folder")
	case s.backup == nil:
		wish.Fatalln(sess, "qaward serve: this server keeps no backups; start it with --backup-dir DIR")
	default:
		path, err := s.backup()
		if err != nil {
			s.log.Printf("%v: backup failed: %v", u.Person, err)
			wish.Fatalln(sess, "qaward serve: "+err.Error())
			return
		}
		s.log.Printf("%v: backup written to %s", u.Person, path)
		wish.Println(sess, "wrote a consistent copy of the database to "+path+" (on the server)")
	}
}

// quoteArg shows an argument the person typed, escaped so that it cannot
// reach their terminal as control characters.
func quoteArg(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}
