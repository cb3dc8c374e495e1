package main

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/store"
)

// A database written by an older qaward (schema 3, before the index of
// assignments by reviewer) is brought up to date by the first command
// that reads it, which says so; rank then reads it as before, and verify
// finds the migrated file sound.
func TestReadingCommandMigratesAnOlderDatabase(t *testing.T) {
	db, _ := demoDB(t)
	before := mustQA(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	bdb, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error {
		cycles := tx.Bucket([]byte("cycles"))
		if err := cycles.ForEachBucket(func(id []byte) error {
			for _, sub := range []string{"by-reviewer", "complaints"} {
				_ = cycles.Bucket(id).DeleteBucket([]byte(sub))
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("3"))
	}); err != nil {
		t.Fatal(err)
	}
	bdb.Close()

	out, errOut, code := qa(t, "--db", db, "rank", "--stage", "material", "--format", "csv")
	if code != 0 || out != before {
		t.Fatalf("rank on the older database: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "written by an older qaward") || !strings.Contains(errOut, "version") {
		t.Errorf("the migration was not told: %q", errOut)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := st.Schema()
	st.Close()
	if v != store.SchemaVersion {
		t.Errorf("schema %d after the migration, want %d", v, store.SchemaVersion)
	}
	if out, errOut, code := qa(t, "--db", db, "verify"); code != 0 || strings.Contains(errOut, "older") {
		t.Errorf("verify after the migration: exit %d\n%s\n%s", code, out, errOut)
	}
}
