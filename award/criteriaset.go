package award

// CriteriaSource is a criteria set loaded into a cycle from a TOML file
// (an industry variant of the 评审实施细则, Art. 12), kept as its text so
// that the database describes itself: every copy of it scores the same,
// whichever qaward opens it.
type CriteriaSource struct {
	// ID, Name and Applicant are the set's, as its file says.
	ID        string `json:"id"`
	Name      string `json:"name"`
	Applicant string `json:"applicant"`
	// File is the name of the file it was loaded from, as given.
	File string `json:"file"`
	// Source is the file's TOML text; SHA256 its hash in hex.
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
	// Loaded is when it was loaded (RFC 3339).
	Loaded string `json:"loaded"`
}
