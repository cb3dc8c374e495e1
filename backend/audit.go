package backend

import (
	"fmt"
	"strings"
	"time"

	"qaward/store"
)

// AuditFilter selects audit entries; the zero filter selects all.
type AuditFilter struct {
	// Record is a record path: a bucket path ("cycles/2026/sheets") or a
	// bucket path and key ("cycles/2026/decisions/A0003"); an entry
	// matches when its bucket/key starts with it.
	Record string
	Actor  string    // exactly this actor
	Since  time.Time // entries at or after this time (zero: all)
}

// Audit reads the audit log (the office's), in order, through the filter.
func (b *Backend) Audit(f AuditFilter) ([]store.Entry, error) {
	if err := b.officeOnly("read the audit log"); err != nil {
		return nil, err
	}
	record := strings.Trim(f.Record, "/")
	var out []store.Entry
	err := b.st.Audit(func(e store.Entry) error {
		if f.Actor != "" && e.Actor != f.Actor {
			return nil
		}
		if !f.Since.IsZero() && e.Time.Before(f.Since) {
			return nil
		}
		if record != "" {
			path := e.Bucket + "/" + e.Key
			if path != record && !strings.HasPrefix(path, record+"/") && e.Bucket != record {
				return nil
			}
		}
		e.Before, e.After = clip(e.Before), clip(e.After)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return out, nil
}

// clip keeps the audit listing readable: records longer than this are
// cut, with the length said (the log itself keeps them whole).
func clip(b []byte) []byte {
	const most = 2000
	if len(b) <= most {
		return b
	}
	return append(append([]byte{}, b[:most]...), fmt.Sprintf("… (%d bytes)", len(b))...)
}
