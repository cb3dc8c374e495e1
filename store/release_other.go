//go:build !linux

package store

// releasePages does nothing where the resident pages of the memory map
// cannot be given back.
func (db *DB) releasePages() {}

// releasingPages does nothing where pages cannot be given back.
func (db *DB) releasingPages() (stop func()) { return func() {} }
