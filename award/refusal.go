package award

// Refusal is an error of the domain's rules that has its words in both
// languages: Error in English (the command line, logs), Chinese for the
// Chinese interface.
type Refusal struct{ en, zh string }

func refusal(en, zh string) *Refusal { return &Refusal{en: en, zh: zh} }

func (e *Refusal) Error() string { return e.en }

// Chinese is the refusal in Chinese.
func (e *Refusal) Chinese() string { return e.zh }
