// Package home holds the screens a session starts on: the welcome screen
// of an empty database, the person picker, and a person's home with their
// score sheets, the groups they lead, the packet they work from, and for
// the office the desk of tabs.
package home
