// Package common is what every screen of the terminal interface shares:
// the per-session Common (styles built from the session's renderer, the key
// map, the texts in Chinese or English, the store), the messages between
// screens and the root, the cycle as read (Data) and the office's records,
// the saver that writes sheets in order, and the layout helpers that cut
// text to a width in cells.
package common
