package repair

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Repair kinds recorded for broadcast transcripts.
const (
	// KindTranscriptMarker counts role markers ("Anchor:", "Report:")
	// removed from the start of a paragraph.
	KindTranscriptMarker = "transcript-marker"
	// KindSoundBite counts "[Sound bite: SPEAKER (LANGUAGES)]" markers
	// turned into sound-bite paragraphs that name their speaker.
	KindSoundBite = "soundbite"
)

// transcriptRoles are the role labels broadcast transcripts put before a
// paragraph. They name a role, not a speaker, so they are dropped.
var transcriptRoles = map[string]bool{
	"anchor": true, "anchorman": true, "anchorwoman": true, "correspondent": true,
	"narrator": true, "newsreader": true, "presenter": true, "report": true, "reporter": true,
}

// transcriptStripMarker removes a role marker ("Anchor: ") from the start
// of p. It returns the marker removed, or "" when there is none.
func transcriptStripMarker(p string) (rest, marker string) {
	label, after, ok := strings.Cut(p, ":")
	if !ok || !transcriptRoles[strings.ToLower(label)] {
		return p, ""
	}
	first, _ := utf8.DecodeRuneInString(label)
	rest = strings.TrimLeft(after, " \t")
	next, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(first) || len(rest) == len(after) || !(unicode.IsUpper(next) || strings.ContainsRune("“\"‘[", next)) {
		return p, ""
	}
	return rest, p[:len(p)-len(rest)]
}

// transcriptSoundBiteRe matches a sound-bite marker: "[Sound bite: SPEAKER
// (LANGUAGES)]", also spelt "soundbite" or "SOT". The languages part is
// optional.
var transcriptSoundBiteRe = regexp.MustCompile(`^\[\s*(?i:sound\s?bite|SOT)\s*:\s*([^\]\[()]*?)\s*(?:\(([^()\]]*)\))?\s*\]\s*`)

// transcriptSoundBite parses a paragraph that starts with a sound-bite
// marker into the speaker the marker names and the quoted words after it
// (which may be empty when the quote is in the next paragraph).
func transcriptSoundBite(p string) (speaker, quote, marker string, ok bool) {
	m := transcriptSoundBiteRe.FindStringSubmatchIndex(p)
	if m == nil || m[3] <= m[2] {
		return "", "", "", false
	}
	return p[m[2]:m[3]], strings.TrimSpace(p[m[1]:]), strings.TrimSpace(p[:m[1]]), true
}
