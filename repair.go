package parallax

// Repair records one kind of change made to a text: nothing is repaired
// silently. Examples holds a few before → after pairs for people to check.
type Repair struct {
	Kind     string    `json:"kind"`
	Count    int       `json:"count"`
	Examples []Example `json:"examples,omitempty"`
}

// Example is one repaired span, before and after.
type Example struct {
	Before string `json:"before"`
	After  string `json:"after"`
}
