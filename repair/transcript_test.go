package repair

import "testing"

func TestTranscriptStripMarker(t *testing.T) {
	tests := []struct{ in, rest, marker string }{
		{"Anchor: Good evening.", "Good evening.", "Anchor: "},
		{"Report: The union said.", "The union said.", "Report: "},
		{"REPORTER: The union said.", "The union said.", "REPORTER: "},
		{"Correspondent: “Quote.”", "“Quote.”", "Correspondent: "},
		{"Anchor: lower case start", "Anchor: lower case start", ""},
		{"Spokesman: Not a role marker.", "Spokesman: Not a role marker.", ""},
		{"anchor: not at a capital", "anchor: not at a capital", ""},
		{"The report: findings.", "The report: findings.", ""},
		{"Anchor:", "Anchor:", ""},
	}
	for _, tt := range tests {
		rest, marker := transcriptStripMarker(tt.in)
		if rest != tt.rest || marker != tt.marker {
			t.Errorf("transcriptStripMarker(%q) = %q, %q; want %q, %q", tt.in, rest, marker, tt.rest, tt.marker)
		}
	}
}

func TestTranscriptSoundBite(t *testing.T) {
	tests := []struct {
		name, in, speaker, quote string
		ok                       bool
	}{
		{"with languages", "[Sound bite: N. Korean leader Kim Jong-un (Korean-English)]“We win.”", "N. Korean leader Kim Jong-un", "“We win.”", true},
		{"without languages", "[Soundbite: Mayor Jane Doe] \"Yes.\"", "Mayor Jane Doe", "\"Yes.\"", true},
		{"quote in the next paragraph", "[Sound bite: Mayor Jane Doe (English)]", "Mayor Jane Doe", "", true},
		{"SOT", "[SOT: Jo Bloggs]Words.", "Jo Bloggs", "Words.", true},
		{"no speaker", "[Sound bite: (English)]“x”", "", "", false},
		{"other bracket", "[Inaudible] words", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			speaker, quote, _, ok := transcriptSoundBite(tt.in)
			if speaker != tt.speaker || quote != tt.quote || ok != tt.ok {
				t.Errorf("transcriptSoundBite(%q) = %q, %q, %v; want %q, %q, %v", tt.in, speaker, quote, ok, tt.speaker, tt.quote, tt.ok)
			}
		})
	}
}
