package repair

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGlueSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "#" marks a heading
	}{
		{"sentence end then capital", "the Amur region.Per the doctor, it was fine.", []string{"the Amur region.", "Per the doctor, it was fine."}},
		{"closing curly quote", "more ammunition.”It remains unclear.", []string{"more ammunition.”", "It remains unclear."}},
		{"opening straight quote", "told reporters.\"Asked twice, he left.\"", []string{"told reporters.", "\"Asked twice, he left.\""}},
		{"closing straight quote", "\"We discuss.\"Asked by reporters, he smiled.", []string{"\"We discuss.\"", "Asked by reporters, he smiled."}},
		{"marker", "sovereign rights.[Sound bite: A B (X)]“Yes.”", []string{"sovereign rights.", "[Sound bite: A B (X)]“Yes.”"}},
		{"closing parenthesis", "for example).This country signs.", []string{"for example).", "This country signs."}},
		{"question mark", "for how long?They left.", []string{"for how long?", "They left."}},
		{"glued headline", "the scholar said.Media Up in Arms About the MeetingThe meeting has stolen headlines.",
			[]string{"the scholar said.", "#Media Up in Arms About the Meeting", "The meeting has stolen headlines."}},
		{"abbreviation", "Mr.Smith and Dr.Jones met.", nil},
		{"initials", "the U.S.Army and J.R.R.Tolkien", nil},
		{"decimals and times", "rose 3.5 percent by 10.30 today", nil},
		{"url", "see https://example.com/A.B/Page.Html now", nil},
		{"email", "write to press@example.org.Thanks", nil},
		{"ellipsis", "wait...And then", nil},
		{"acronyms", "the ASP.NET team", nil},
		{"product codes", "the Bagle.AT and Zafi.D viruses, ticker <eric.St>", nil},
		{"domain-like name", "fansite Halo.Bungie.Org said", nil},
		{"lower-case after", "e.g. the end.and more", nil},
		{"camel-case name is no headline", "a say.The YouTube video drew attention from many.", []string{"a say.", "The YouTube video drew attention from many."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range glueSplit(tt.in) {
				if p.heading {
					got = append(got, "#"+p.text)
				} else {
					got = append(got, p.text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("glueSplit(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
