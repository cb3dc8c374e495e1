package packet

import "encoding/json"

// Resign changes the returned sheets of a return and signs them again with
// the packet key of the issued packet, as a laptop (or someone holding the
// issued file) could: the tests' way to a validly signed return that no
// qaward would write.
func Resign(issued, ret []byte, change func(b *ReturnBody)) ([]byte, error) {
	v, err := Decode(issued)
	if err != nil {
		return nil, err
	}
	w, err := Decode(ret)
	if err != nil {
		return nil, err
	}
	var body ReturnBody
	if err := json.Unmarshal(w.(*Returned).Return, &body); err != nil {
		return nil, err
	}
	change(&body)
	r, err := signBody(v.(*Issued), &body)
	if err != nil {
		return nil, err
	}
	return Encode(r)
}
