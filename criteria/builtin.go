package criteria

import (
	"embed"
	"fmt"
	"sync"
)

//go:embed data/*.toml
var dataFS embed.FS

// builtinFiles are the embedded sets, in the order Builtin returns them.
var builtinFiles = []string{"data/gbt19580-2012.toml", "data/individual.toml"}

// The IDs of the built-in sets.
const (
	GBT19580ID   = "gbt19580-2012"
	IndividualID = "individual"
)

// builtins parses the embedded sets once. They are tested, so a failure is
// a programming error.
var builtins = sync.OnceValue(func() []*Set {
	sets := make([]*Set, len(builtinFiles))
	for i, name := range builtinFiles {
		data, err := dataFS.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("criteria: embedded %s: %v", name, err))
		}
		s, err := Parse(name, data)
		if err != nil {
			panic(fmt.Sprintf("criteria: embedded %s: %v", name, err))
		}
		sets[i] = s
	}
	return sets
})

// Builtin returns the built-in sets, GB/T 19580-2012 and the individual
// set, as fresh copies.
func Builtin() []*Set {
	sets := builtins()
	out := make([]*Set, len(sets))
	for i, s := range sets {
		out[i] = s.Clone()
	}
	return out
}

// Lookup returns a fresh copy of the built-in set with the given ID.
func Lookup(id string) (*Set, bool) {
	for _, s := range builtins() {
		if s.ID == id {
			return s.Clone(), true
		}
	}
	return nil, false
}

// Default returns a fresh copy of the built-in set for the applicant kind:
// GB/T 19580-2012 for "organization", the individual set for "individual";
// nil for any other kind.
func Default(applicantKind string) *Set {
	var id string
	switch applicantKind {
	case Organization:
		id = GBT19580ID
	case Individual:
		id = IndividualID
	default:
		return nil
	}
	s, _ := Lookup(id)
	return s
}

// BuiltinSource returns the TOML source of the built-in set with the given
// ID, as a starting point for an office's own variant.
func BuiltinSource(id string) ([]byte, bool) {
	for i, s := range builtins() {
		if s.ID == id {
			data, err := dataFS.ReadFile(builtinFiles[i])
			return data, err == nil
		}
	}
	return nil, false
}
