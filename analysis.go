package parallax

// EntityKind says what sort of thing a named entity is.
type EntityKind string

// Entity kinds.
const (
	EntityPerson       EntityKind = "person"
	EntityOrganization EntityKind = "organization"
	EntityPlace        EntityKind = "place"
	EntityOther        EntityKind = "other"
)

// Entity is one real thing an article names, however it names it: "Kim
// Jong Un", "Kim Jong-un" and a later "Kim" are one entity; "DPRK" and
// "North Korea" are one; "Pyongyang" standing for the government is linked
// to it. ID is canonical across articles, so the same thing named in two
// articles has the same ID.
type Entity struct {
	ID       string     `json:"id"`   // e.g. "kim-jong-un", "north-korea"
	Name     string     `json:"name"` // the canonical name, e.g. "Kim Jong Un"
	Kind     EntityKind `json:"kind"`
	Mentions []Mention  `json:"mentions"`
}

// Mention is one place an article names an entity: a span of one
// paragraph's text, by byte offsets (Text == Paragraphs[Paragraph].Text[Start:End]).
type Mention struct {
	Paragraph int    `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
}

// Quote is an utterance an article attributes to someone: direct ("…"),
// a transcript sound bite, or indirect ("X said that …").
type Quote struct {
	Paragraph int    `json:"paragraph"`
	Start     int    `json:"start"` // the quoted words' span in the paragraph, by byte offsets
	End       int    `json:"end"`
	Text      string `json:"text"`              // the quoted words, without the quote marks
	SpeakerID string `json:"speaker_id"`        // the speaker's Entity.ID, "" when unknown
	Speaker   string `json:"speaker"`           // the speaker's canonical name, "" when unknown
	Cue       string `json:"cue,omitempty"`     // the verb that attributes it: "said", "told", "vowed"
	Kind      string `json:"kind"`              // "direct", "soundbite" or "indirect"
	Context   string `json:"context,omitempty"` // the sentence around an indirect quote
}
