package main

import (
	"runtime/debug"
	"strings"
)

// version is what `qaward --version` prints after the name: the module
// version and the commit the binary was built from, as the Go toolchain
// recorded them (runtime/debug.ReadBuildInfo), such as
// "v0.0.0-dev (commit 59846c4, modified)". Go records the commit when it
// builds in a git checkout, not with -buildvcs=false and not in a linked
// git worktree (golang/go#58218); then the commit is unknown.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "v0.0.0-dev (no build information)"
	}
	return formatVersion(info)
}

func formatVersion(info *debug.BuildInfo) string {
	v := strings.TrimSuffix(info.Main.Version, "+dirty") // "modified" says it
	if v == "" || v == "(devel)" {
		v = "v0.0.0-dev"
	}
	var rev string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return v + " (commit unknown: built without VCS information)"
	}
	if len(rev) > 7 {
		rev = rev[:7]
	}
	var b strings.Builder
	b.WriteString(v + " (commit " + rev)
	if modified {
		b.WriteString(", modified")
	}
	b.WriteString(")")
	return b.String()
}
