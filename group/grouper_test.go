package group

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/analyze"
)

var tz = analyze.NewTokenizer("en")

// mk builds an article with its fingerprint.
func mk(id, title, text string, date time.Time, signals ...parallax.Signal) *parallax.Article {
	a := &parallax.Article{ID: id, Title: title, Signals: signals}
	for _, p := range strings.Split(text, "\n\n") {
		a.Paragraphs = append(a.Paragraphs, parallax.Paragraph{Text: p})
	}
	if !date.IsZero() {
		a.Published = parallax.Date{Time: date, Precision: parallax.PrecisionDay}
	}
	a.Fingerprint = Features(a, tz)
	return a
}

func day(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }

// corpus is a few events told by several outlets each, in different words.
func corpus() []*parallax.Article {
	return []*parallax.Article{
		mk("dam1", "Troops seize the Morvane Dam", "Aldavian troops seized the Morvane Dam at dawn on Tuesday. Sarenia said two border guards were killed and fourteen engineers were trapped inside the Morvane turbine hall.", day(11)),
		mk("budget1", "Parliament passes the Velmora budget", "The Velmora parliament passed the annual budget on Tuesday after a long night session. Finance minister Ilse Varga said spending on schools would rise by 4.5 percent.", day(11)),
		mk("dam2", "Morvane Dam taken, engineers trapped", "Fourteen engineers are trapped in the turbine hall of the Morvane Dam after Aldavian forces took the dam, Sarenian officials said. Two border guards died, according to Sarenia.", day(11)),
		mk("budget2", "Varga's budget clears parliament", "Finance minister Ilse Varga's budget cleared the Velmora parliament on Tuesday. School spending rises 4.5 percent; the opposition voted against the annual budget.", day(12)),
		mk("dam3", "Morvane: a restoration operation", "The restoration operation at the Morvane hydroelectric complex was completed without a shot, the Aldavian agency said. Engineers at the Morvane Dam are safe, it claimed, denying that border guards were killed.", day(12)),
	}
}

func storiesOf(g *Grouper, arts []*parallax.Article) map[string]string {
	out := map[string]string{}
	for _, a := range arts {
		out[a.ID] = g.Add(a).StoryID
	}
	return out
}

func observeAll(g *Grouper, arts []*parallax.Article) {
	for _, a := range arts {
		g.Observe(a.Fingerprint)
	}
}

func TestGroupsEvents(t *testing.T) {
	arts := corpus()
	g := New(Options{})
	observeAll(g, arts)
	got := storiesOf(g, arts)
	if got["dam1"] != got["dam2"] || got["dam1"] != got["dam3"] {
		t.Errorf("the dam reports are split: %v", got)
	}
	if got["budget1"] != got["budget2"] {
		t.Errorf("the budget reports are split: %v", got)
	}
	if got["dam1"] == got["budget1"] {
		t.Errorf("two events merged: %v", got)
	}
}

func TestDeterministic(t *testing.T) {
	run := func() map[string]string {
		g := New(Options{})
		observeAll(g, corpus())
		return storiesOf(g, corpus())
	}
	if diff := cmp.Diff(run(), run()); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
}

// TestReplayEqualsOneRun: grouping in two runs, the second replaying the
// first's decisions, gives what one run gives.
func TestReplayEqualsOneRun(t *testing.T) {
	arts := corpus()
	one := New(Options{})
	observeAll(one, arts)
	want := storiesOf(one, arts)

	first := New(Options{})
	observeAll(first, arts)
	got := storiesOf(first, arts[:3])
	second := New(Options{})
	observeAll(second, arts)
	for _, a := range arts[:3] {
		second.Replay(a, got[a.ID])
	}
	for _, a := range arts[3:] {
		got[a.ID] = second.Add(a).StoryID
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("two runs differ from one (-one +two):\n%s", diff)
	}
}

// TestReplayEqualsOneRunBounded: the same on a stream long enough that
// stories retire, the copy window turns over and the term table drops
// rare terms; and each copy in the stream is found.
func TestReplayEqualsOneRunBounded(t *testing.T) {
	opts := Options{MaxActive: 40, CopyWindow: 300}
	const n, split = 3000, 1700
	arts := make([]*parallax.Article, n)
	for i := range arts {
		arts[i] = synthetic(i)
	}
	grouper := func() *Grouper {
		g := New(opts)
		g.df.maxSlots = minDocFreqSlots
		observeAll(g, arts)
		return g
	}
	one := grouper()
	want := map[string]Decision{}
	for _, a := range arts {
		want[a.ID] = one.Add(a)
	}
	first := grouper()
	got := map[string]Decision{}
	for _, a := range arts[:split] {
		got[a.ID] = first.Add(a)
	}
	second := grouper()
	for _, a := range arts[:split] {
		second.Replay(a, got[a.ID].StoryID)
	}
	for _, a := range arts[split:] {
		got[a.ID] = second.Add(a)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("two runs differ from one (-one +two):\n%s", diff)
	}
	for i := 9; i < n; i += 10 {
		d := want[arts[i].ID]
		if len(d.Signals) != 1 || d.Signals[0].Kind != "copy-of" || d.Signals[0].Detail != arts[i-1].ID {
			t.Errorf("%s: signals %v, want a copy of %s", arts[i].ID, d.Signals, arts[i-1].ID)
		}
	}
}

func TestTimeGap(t *testing.T) {
	text := "Aldavian troops seized the Morvane Dam at dawn. Fourteen engineers were trapped in the Morvane turbine hall."
	arts := []*parallax.Article{
		mk("a", "Morvane Dam seized", text, day(1)),
		mk("b", "Morvane Dam seized", "Engineers trapped in the Morvane turbine hall when Aldavian troops seized the dam were freed, officials said.", day(1).AddDate(0, 3, 0)),
	}
	g := New(Options{})
	observeAll(g, arts)
	got := storiesOf(g, arts)
	if got["a"] == got["b"] {
		t.Errorf("articles three months apart share a story: %v", got)
	}
}

func TestCopies(t *testing.T) {
	orig := "Aldavian troops seized the Morvane Dam at dawn on Tuesday, officials in Velmora said. Fourteen engineers were trapped inside the turbine hall, and two border guards were killed in the brief exchange of fire near the spillway."
	disguised := strings.NewReplacer("e", "е", "o", "о", "a", "а").Replace(orig) // Cyrillic look-alikes
	edited := strings.Replace(orig, "at dawn on Tuesday", "early on Tuesday morning", 1)
	arts := []*parallax.Article{
		mk("orig", "Dam seized", orig, day(11)),
		mk("copy", "Dam seized", disguised, day(11), parallax.Signal{Kind: "disguised-text", Count: 40}),
		mk("edit", "Dam seized", edited, day(11)),
		mk("other", "Budget passes", "The Velmora parliament passed the annual budget on Tuesday after a long night session, and school spending rises.", day(11)),
	}
	g := New(Options{})
	observeAll(g, arts)
	decisions := map[string]Decision{}
	for _, a := range arts {
		decisions[a.ID] = g.Add(a)
	}
	signal := func(id string) string {
		if s := decisions[id].Signals; len(s) == 1 {
			return s[0].Kind + " " + s[0].Detail
		}
		return fmt.Sprint(decisions[id].Signals)
	}
	if got := signal("copy"); got != "rewrite-of orig" {
		t.Errorf("disguised copy: %s, want rewrite-of orig", got)
	}
	if got := signal("edit"); got != "near-copy-of orig" && got != "copy-of orig" {
		t.Errorf("lightly edited copy: %s, want a copy of orig", got)
	}
	if got := signal("other"); got != "[]" {
		t.Errorf("unrelated article: %s, want no signal", got)
	}
	if decisions["copy"].StoryID != decisions["orig"].StoryID {
		t.Errorf("a copy is not in its original's story")
	}
}

// TestMemoryBounded: beyond MaxActive stories, the oldest stop being
// candidates and their index entries go.
func TestMemoryBounded(t *testing.T) {
	g := New(Options{MaxActive: 50})
	arts := generate(500, 1)
	observeAll(g, arts)
	for _, a := range arts {
		g.Add(a)
	}
	if g.active > 50 {
		t.Errorf("%d active stories, want at most 50", g.active)
	}
	members := 0
	for _, st := range g.stories {
		members += len(st.members)
	}
	if members > 50*20 {
		t.Errorf("%d members kept for copy detection, want them bounded by the active stories", members)
	}
}

// generate makes n synthetic articles about n/perStory events, dated in
// order: each event has its own made-up place, person and number, and every
// article its own sentences drawn from a Zipf-distributed vocabulary of
// made-up words, as real text is.
func generate(n, perStory int) []*parallax.Article {
	r := rand.New(rand.NewPCG(1, 2))
	syllables := strings.Fields("ka lo mi ra te so vu ne da pi ro sa ve ta mo ki lu ze")
	word := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		return b.String()
	}
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = word(2 + r.IntN(2))
	}
	zipf := rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1))
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	var out []*parallax.Article
	for e := 0; len(out) < n; e++ {
		place, person := title(word(3)), title(word(3))+" "+title(word(3))
		topic := []string{vocab[zipf.Uint64()], vocab[zipf.Uint64()], vocab[zipf.Uint64()]}
		number := fmt.Sprintf("%d,%03d", 1+r.IntN(90), r.IntN(1000))
		date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(e) * 6 * time.Hour)
		for k := 0; k < perStory && len(out) < n; k++ {
			var b strings.Builder
			for range 40 {
				fmt.Fprintf(&b, "In %s %s said %s", place, person, topic[r.IntN(3)])
				for range 8 {
					b.WriteString(" " + vocab[zipf.Uint64()])
				}
				fmt.Fprintf(&b, " %s. ", number)
			}
			out = append(out, mk(fmt.Sprintf("a%06d", len(out)), fmt.Sprintf("%s %s in %s", topic[0], topic[1], place), b.String(), date))
		}
	}
	return out
}

// BenchmarkGroup measures grouping cost per article at growing corpus
// sizes: it should stay flat (the budget is 0.5 ms per article).
func BenchmarkGroup(b *testing.B) {
	for _, n := range []int{10_000, 50_000, 200_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			arts := generate(n, 4)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cpu0 := cpuTime()
			var g *Grouper
			for b.Loop() {
				g = New(Options{})
				observeAll(g, arts)
				for i, a := range arts {
					g.Add(a)
					if i%flushEvery == flushEvery-1 {
						g.Changed() // as Run does when it stores a batch
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n)/1000, "ms/article")
			// CPU time, unlike wall time, does not grow when other jobs
			// share the machine.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N*n)/1000, "cpu-ms/article")
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "grouper-MB")
			runtime.KeepAlive(g)
			runtime.KeepAlive(arts)
		})
	}
}

// cpuTime is the CPU time the process has used, in all its threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
