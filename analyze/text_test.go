package analyze

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviations", "The U.S. and Dr. Chung met Mr. Kim at 3.5 p.m. on Monday. They talked.", []string{"The U.S. and Dr. Chung met Mr. Kim at 3.5 p.m. on Monday.", "They talked."}},
		{"quote end", `He said, "We will win." Then he left.`, []string{`He said, "We will win."`, "Then he left."}},
		{"curly quote end", "He said: “We will win.” Then he left.", []string{"He said: “We will win.”", "Then he left."}},
		{"question", "Will it hold? Nobody knows!", []string{"Will it hold?", "Nobody knows!"}},
		{"one", "No final stop", []string{"No final stop"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tc.in) {
				if tc.in[s.Start:s.End] != s.Text {
					t.Errorf("span %d:%d is %q, text %q", s.Start, s.End, tc.in[s.Start:s.End], s.Text)
				}
				got = append(got, s.Text)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	in := "Kim’s talks, 1,750 tonnes; Kim Jong-un's “visits” ran."
	var got []string
	for _, tok := range NewTokenizer("en").Tokens(in) {
		if in[tok.Start:tok.End] != tok.Text {
			t.Errorf("span %d:%d is %q, token %q", tok.Start, tok.End, in[tok.Start:tok.End], tok.Text)
		}
		got = append(got, tok.Lower+"/"+tok.Stem)
	}
	want := []string{"kim's/kim", "talks/talk", "1,750/", "tonnes/tonn", "kim/kim", "jong/jong", "un's/un", "visits/visit", "ran/ran"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func BenchmarkSentences(b *testing.B) {
	p := "North Korean leader Kim Jong-un vowed support for Russia's \"sacred fight\" during a summit with President Vladimir Putin on Wednesday that the U.S. warned could lead to a deal. After touring launch pads, Kim expressed \"full and unconditional support\". The talks wrapped after just under five hours, officials said."
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		Sentences(p)
	}
}

func BenchmarkTokens(b *testing.B) {
	p := "North Korean leader Kim Jong-un vowed support for Russia's \"sacred fight\" during a summit with President Vladimir Putin on Wednesday that the U.S. warned could lead to a deal. After touring launch pads, Kim expressed \"full and unconditional support\". The talks wrapped after just under five hours, officials said."
	tz := NewTokenizer("en")
	b.SetBytes(int64(len(p)))
	for b.Loop() {
		tz.Tokens(p)
	}
}
