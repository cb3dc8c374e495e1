package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/spf13/cobra"

	"qaward/store"
	"qaward/tui/serve"
)

// shutdownGrace is how long `qaward serve` takes, at most, to tell every
// session and close after SIGINT or SIGTERM (the store's close follows).
const shutdownGrace = 1800 * time.Millisecond

type serveFlags struct {
	listen, usersPath, hostKey string
	idle                       time.Duration
	backupDir                  string
	backupEvery                time.Duration
}

func serveCmd(a *app) *cobra.Command {
	var f serveFlags
	c := &cobra.Command{
		Use:   "serve --users FILE [--listen ADDR] [--host-key FILE]",
		Short: "Serve the TUI to the whole panel over SSH, from one process that owns the database",
		Long: `Serve runs one qaward that owns the database and serves everyone's TUI over
SSH. Each person connects with their own key; the users file maps public keys
to people and roles. SIGHUP re-reads the users file; SIGINT or SIGTERM tells
every session and stops.

The database stays backed up while the panel works: with --backup-dir the
server writes a consistent copy (one read transaction, sessions go on) into
that folder every --backup-every, and whenever the office asks with
"ssh -p PORT HOST backup". Without --backup-dir, copies go into DB-backups
next to the database when the office asks.`,
		Example: "  qaward --db cycle.db serve --listen :2222 --users users.toml\n" +
			"  qaward --db cycle.db serve --users users.toml --backup-dir /srv/qaward/backups --backup-every 1h\n" +
			"  ssh -p 2222 localhost backup        # the office, while the server runs",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runServe(a, f) },
	}
	c.Flags().StringVar(&f.listen, "listen", ":2222", "`address` to listen on, host:port (port 0 picks a free one)")
	c.Flags().StringVar(&f.usersPath, "users", "", "users `file` (TOML): public keys, the people they belong to and their roles (required)")
	c.Flags().StringVar(&f.hostKey, "host-key", "", "server's private host key `file` (default: next to the database, DB.host_key; made when missing)")
	c.Flags().DurationVar(&f.idle, "idle-timeout", serve.DefaultIdleTimeout, "end a session after this `duration` without input, warning the person a minute before")
	c.Flags().StringVar(&f.backupDir, "backup-dir", "", "`folder` for the server's backups (default: DB-backups next to the database)")
	c.Flags().DurationVar(&f.backupEvery, "backup-every", 0, "write a backup into --backup-dir every `duration` (such as 1h; 0: only when the office asks)")
	c.MarkFlagDirname("backup-dir")
	c.RegisterFlagCompletionFunc("listen", cobra.NoFileCompletions)
	c.MarkFlagFilename("users", "toml")
	c.MarkFlagFilename("host-key")
	return c
}

// runServe serves the TUI to the whole panel over SSH from one process
// that owns the database.
func runServe(a *app, f serveFlags) error {
	if f.usersPath == "" {
		return usagef("serve: --users FILE is required")
	}
	if f.idle <= 0 {
		return usagef("serve: --idle-timeout %v: want a positive duration such as 30m or 2h", f.idle)
	}
	if f.backupEvery < 0 || (f.backupEvery > 0 && f.backupEvery < time.Minute) {
		return usagef("serve: --backup-every %v: want a duration of a minute or more, such as 1h", f.backupEvery)
	}
	if f.backupEvery > 0 && f.backupDir == "" {
		return usagef("serve: --backup-every needs --backup-dir DIR, the folder the copies go into")
	}
	path, err := a.dbPath()
	if err != nil {
		return err
	}
	users, err := serve.LoadUsers(f.usersPath)
	if err != nil {
		return err
	}
	if f.hostKey == "" {
		f.hostKey = path + ".host_key"
	}
	if f.backupDir == "" {
		f.backupDir = path + "-backups"
	}
	pem, fingerprint, err := serve.HostKey(f.hostKey)
	if err != nil {
		return err
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return serverHint(path, err)
	}
	defer st.Close()
	if a.cycle != "" {
		if _, err := st.Cycle(a.cycle); err != nil {
			return fmt.Errorf("--cycle %s: %w", a.cycle, err)
		}
	}
	notes, err := users.Check(st, a.cycle)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(a.stderr, "qaward serve: %s: %s\n", f.usersPath, n)
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	addr := ln.Addr().String()
	srv, err := serve.New(serve.Options{Store: st, Users: users, HostKey: pem, Cycle: a.cycle, Lang: a.lang, Log: a.stderr, IdleTimeout: f.idle,
		Backup: func() (string, error) { return st.BackupInto(f.backupDir, time.Now()) }})
	if err != nil {
		ln.Close()
		return err
	}
	if err := writeServeFile(path, serveInfo{Addr: addr, PID: os.Getpid(), HostKey: fingerprint}); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(servePath(path))

	fmt.Fprintf(a.stdout, "qaward serve: %s on %s for %d people (%d keys)\n", path, addr, len(users.People()), users.Keys())
	fmt.Fprintf(a.stdout, "host key %s (%s)\n", fingerprint, f.hostKey)
	fmt.Fprintf(a.stdout, "connect with: %s\n", sshCommand(addr))
	every := "when the office asks: " + sshCommand(addr) + " backup"
	if f.backupEvery > 0 {
		every = "every " + f.backupEvery.String() + ", and " + every
	}
	fmt.Fprintf(a.stdout, "backups into %s %s\n", f.backupDir, every)
	fmt.Fprintf(a.stdout, "reload %s after editing it: kill -HUP %d; stop: ctrl+c or kill %d\n", f.usersPath, os.Getpid(), os.Getpid())

	// SIGHUP re-reads the users file; a broken file keeps the old one.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			u, err := serve.LoadUsers(f.usersPath)
			if err != nil {
				fmt.Fprintf(a.stderr, "qaward serve: users file not reloaded, the old one stays: %v\n", err)
				continue
			}
			srv.SetUsers(u)
			fmt.Fprintf(a.stderr, "qaward serve: users file reloaded: %d people, %d keys\n", len(u.People()), u.Keys())
		}
	}()

	if f.backupEvery > 0 {
		go scheduleBackups(a, st, f)
	}
	err = srv.Run(a.ctx, ln, shutdownGrace)
	fmt.Fprintln(a.stdout, "qaward serve: stopped")
	return err
}

// scheduleBackups writes a backup into f.backupDir every f.backupEvery
// until the command's context ends, saying on stderr what it wrote or why
// it could not: a failed backup does not stop the panel.
func scheduleBackups(a *app, st *store.DB, f serveFlags) {
	t := time.NewTicker(f.backupEvery)
	defer t.Stop()
	for {
		select {
		case <-a.ctx.Done():
			return
		case now := <-t.C:
			path, err := st.BackupInto(f.backupDir, now)
			if err != nil {
				fmt.Fprintf(a.stderr, "qaward serve: scheduled backup failed: %v\n", err)
				continue
			}
			fmt.Fprintf(a.stderr, "qaward serve: scheduled backup written to %s\n", path)
		}
	}
}

// serveInfo is what a running server leaves next to its database (DB.serve)
// so that a local qaward on the same database can say how to connect.
type serveInfo struct {
	Addr    string `toml:"addr"`
	PID     int    `toml:"pid"`
	HostKey string `toml:"host_key"`
}

func servePath(db string) string { return db + ".serve" }

func writeServeFile(db string, info serveInfo) error {
	var b bytes.Buffer
	b.WriteString("# qaward serve holds this database; this file goes when it stops.\n")
	if err := toml.NewEncoder(&b).Encode(info); err != nil {
		return err
	}
	if err := os.WriteFile(servePath(db), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func readServeFile(db string) (serveInfo, bool) {
	var info serveInfo
	if _, err := toml.DecodeFile(servePath(db), &info); err != nil || info.Addr == "" {
		return serveInfo{}, false
	}
	return info, true
}

// serverHint turns "the database is in use" into how to connect, when the
// process holding it is a qaward server.
func serverHint(db string, err error) error {
	if !errors.Is(err, store.ErrInUse) {
		return err
	}
	info, ok := readServeFile(db)
	if !ok || !alive(info.PID) {
		return err // another qaward holds it, or a killed server left the file
	}
	return fmt.Errorf("qaward serve is running on %s: connect with %s", info.Addr, sshCommand(info.Addr))
}

// alive reports whether a process with the ID runs.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	return err == nil && p.Signal(syscall.Signal(0)) == nil
}

// sshCommand is the command that reaches a server listening on addr from
// this machine.
func sshCommand(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "ssh " + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	if p, _ := strconv.Atoi(port); p == 22 {
		return "ssh " + host
	}
	return "ssh -p " + port + " " + host
}
