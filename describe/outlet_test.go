package describe_test

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax"
	"github.com/parallaxhq/parallax/describe"
)

// TestDefaultRegistryFile checks the embedded outlets file: enough outlets,
// unique ids, domains, DOCNO prefixes and names, and valid values. It reads
// the file itself, because the registry resolves a domain claimed twice in
// favour of the later outlet.
func TestDefaultRegistryFile(t *testing.T) {
	reg := MustDefaultRegistry(t) // loading checks country, ownership, language
	data, err := os.ReadFile("outlets.json")
	if err != nil {
		t.Fatal(err)
	}
	var outlets []describe.Outlet
	if err := json.Unmarshal(data, &outlets); err != nil {
		t.Fatal(err)
	}
	if len(outlets) < 300 || reg.Len() != len(outlets) {
		t.Errorf("%d outlets in the file, %d in the registry; want at least 300 in both", len(outlets), reg.Len())
	}
	idShape := regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	langShape := regexp.MustCompile(`^[a-z]{2}$`)
	ids := map[string]bool{}
	domains := map[string]string{}
	prefixes := map[string]string{}
	names := map[string]string{}
	for _, o := range outlets {
		if ids[o.ID] {
			t.Errorf("duplicate id %q", o.ID)
		}
		ids[o.ID] = true
		if !idShape.MatchString(o.ID) {
			t.Errorf("%s: id is not lower-case words joined by hyphens", o.ID)
		}
		if o.Name == "" {
			t.Errorf("%s: no name", o.ID)
		}
		switch o.Ownership {
		case describe.OwnershipState, describe.OwnershipPublic, describe.OwnershipPrivate:
		default:
			t.Errorf("%s: ownership %q", o.ID, o.Ownership)
		}
		if o.StateAffiliated && o.Ownership == describe.OwnershipPrivate {
			t.Errorf("%s: state-affiliated but privately owned", o.ID)
		}
		if !langShape.MatchString(o.Language) {
			t.Errorf("%s: language %q", o.ID, o.Language)
		}
		// Loading checks the code is assigned; every outlet must have one.
		if o.Country == "" {
			t.Errorf("%s: no country", o.ID)
		}
		for _, d := range o.Domains {
			if prev, ok := domains[d]; ok {
				t.Errorf("domain %q of %s and %s", d, prev, o.ID)
			}
			domains[d] = o.ID
			if got, ok := reg.ByDomain(d); !ok || got.ID != o.ID {
				t.Errorf("ByDomain(%q) = %s, want %s", d, got.ID, o.ID)
			}
		}
		for _, p := range o.DOCNOPrefixes {
			if prev, ok := prefixes[p]; ok {
				t.Errorf("DOCNO prefix %q of %s and %s", p, prev, o.ID)
			}
			prefixes[p] = o.ID
		}
		for _, n := range append(append([]string{o.Name}, o.Aliases...), o.Signoffs...) {
			k := strings.TrimPrefix(strings.ToLower(n), "the ")
			if prev, ok := names[k]; ok && prev != o.ID {
				t.Errorf("name %q of %s and %s", n, prev, o.ID)
			}
			names[k] = o.ID
		}
	}
}

// TestDefaultRegistryCountries checks that unassigned country codes are
// refused and that the registry covers the world.
func TestDefaultRegistryCountries(t *testing.T) {
	reg := MustDefaultRegistry(t)
	for _, bad := range []string{"UK", "QL", "gbr", "G"} {
		err := reg.Merge(strings.NewReader(`[{"id": "x", "name": "X", "country": "` + bad + `"}]`))
		if !errors.Is(err, parallax.ErrInvalid) {
			t.Errorf("country %q: err = %v, want ErrInvalid", bad, err)
		}
	}
	countries := map[string]int{}
	for _, o := range reg.Outlets() {
		countries[o.Country]++
	}
	if len(countries) < 60 {
		t.Errorf("outlets from %d countries, want at least 60", len(countries))
	}
}

func TestByDomain(t *testing.T) {
	reg := MustDefaultRegistry(t)
	tests := []struct {
		name, host, want string
	}{
		{"bare", "cnn.com", "cnn"},
		{"www", "www.cnn.com", "cnn"},
		{"subdomain", "edition.cnn.com", "cnn"},
		{"url", "https://edition.cnn.com/2023/09/13/asia/story/index.html", "cnn"},
		{"upper case and port", "HTTPS://WWW.BBC.CO.UK:443/news", "bbc"},
		{"email", "feedback@sputniknews.com", "sputnik"},
		{"specific subdomain wins", "world.kbs.co.kr", "kbs-world-radio"},
		{"other subdomain folds to parent", "news.kbs.co.kr", "kbs"},
		{"deep subdomain", "a.b.world.kbs.co.kr", "kbs-world-radio"},
		{"trailing dot", "sputnikglobe.com.", "sputnik"},
		{"unknown", "example.org", ""},
		{"tld alone", "com", ""},
		{"country second level alone", "co.uk", ""},
		{"lookalike", "notcnn.com", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := reg.ByDomain(tt.host)
			if ok != (tt.want != "") || o.ID != tt.want {
				t.Errorf("ByDomain(%q) = %q, %v; want %q", tt.host, o.ID, ok, tt.want)
			}
		})
	}
}

func TestByName(t *testing.T) {
	reg := MustDefaultRegistry(t)
	tests := []struct {
		name, in, want string
	}{
		{"exact", "Reuters", "reuters"},
		{"case", "REUTERS", "reuters"},
		{"alias", "The Associated Press", "ap"},
		{"abbreviation", "AP", "ap"},
		{"leading the optional", "Guardian", "guardian"},
		{"with the", "The Korea Herald", "korea-herald"},
		{"spacing", "  Al   Jazeera ", "aljazeera"},
		{"curly apostrophe", "People’s Daily", "peoples-daily"},
		{"sign-off phrase", "KBS World Radio News", "kbs-world-radio"},
		{"trailing period", "Sputnik International.", "sputnik"},
		{"state media", "Rodong Sinmun", "rodong-sinmun"},
		{"unknown", "Daily Planet", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := reg.ByName(tt.in)
			if ok != (tt.want != "") || o.ID != tt.want {
				t.Errorf("ByName(%q) = %q, %v; want %q", tt.in, o.ID, ok, tt.want)
			}
		})
	}
}

func TestByDOCNO(t *testing.T) {
	reg := MustDefaultRegistry(t)
	if err := reg.Merge(strings.NewReader(`[
		{"id": "wire-a", "name": "Wire A", "docno_prefixes": ["WA"]},
		{"id": "wire-a-evening", "name": "Wire A Evening", "docno_prefixes": ["WA9"]}
	]`)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, id, want string
	}{
		{"trec ap", "AP880212-0001", "ap"},
		{"aquaint apw", "APW19980601.0003", "ap"},
		{"gigaword underscore", "NYT_ENG_20050101.0001", "nytimes"},
		{"xinhua english", "XIE19960101.0001", "xinhua"},
		{"case folded", "ft911-3", "ft"},
		{"letter after letter prefix", "APPLE-1", ""},
		{"longest prefix wins", "WA9-0001", "wire-a-evening"},
		{"shorter prefix", "WA8-0001", "wire-a"},
		{"spaces", "  LA010189-0001 ", "latimes"},
		{"unknown", "CB091323-0002", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := reg.ByDOCNO(tt.id)
			if ok != (tt.want != "") || o.ID != tt.want {
				t.Errorf("ByDOCNO(%q) = %q, %v; want %q", tt.id, o.ID, ok, tt.want)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	reg := MustDefaultRegistry(t)
	n := reg.Len()
	err := reg.Merge(strings.NewReader(`[
		{"id": "cnn", "docno_prefixes": ["CNNX"]},
		{"id": "rt", "domains": ["rt.com", "actualidad-rt.com"]},
		{"id": "local-gazette", "name": "Local Gazette", "aliases": ["LG"], "domains": ["www.local-gazette.example"],
		 "country": "nz", "ownership": "private", "language": "EN", "signoffs": ["Local Gazette News"]},
		{"id": "takeover", "name": "Takeover", "domains": ["edition.cnn.com"]}
	]`))
	if err != nil {
		t.Fatal(err)
	}
	if reg.Len() != n+2 {
		t.Errorf("Len() = %d, want %d", reg.Len(), n+2)
	}
	cnn, _ := reg.ByID("cnn")
	if cnn.Name != "CNN" || cnn.Country != "US" || len(cnn.DOCNOPrefixes) != 1 {
		t.Errorf("partial override lost fields: %+v", cnn)
	}
	for host, want := range map[string]string{
		"actualidad-rt.com":         "rt",
		"local-gazette.example":     "local-gazette",
		"edition.cnn.com":           "takeover",
		"us.edition.cnn.com":        "takeover",
		"cnn.com":                   "cnn",
		"https://www.rt.com/news/1": "rt",
	} {
		if o, _ := reg.ByDomain(host); o.ID != want {
			t.Errorf("ByDomain(%q) = %q, want %q", host, o.ID, want)
		}
	}
	if o, _ := reg.ByDOCNO("CNNX-1"); o.ID != "cnn" {
		t.Errorf("ByDOCNO(CNNX-1) = %q, want cnn", o.ID)
	}
	lg, _ := reg.ByName("local gazette news")
	if lg.Country != "NZ" || lg.Language != "en" {
		t.Errorf("new outlet not normalized: %+v", lg)
	}
}

func TestMergeErrors(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"not json", `{`, "describe: outlets file: want a JSON array of outlet objects"},
		{"object not array", `{"id": "x"}`, "describe: outlets file: want a JSON array"},
		{"missing id", `[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"name": "C"}]`, "describe: outlets file: entry 3: missing id"},
		{"new without name", `[{"id": "new"}]`, `describe: outlets file: entry 1: outlet "new": missing name`},
		{"bad ownership", `[{"id": "x", "name": "X", "ownership": "govt"}]`, `entry 1: outlet "x": ownership "govt": want state, public or private`},
		{"bad country", `[{"id": "x", "name": "X", "country": "USA"}]`, `country "USA" is not an ISO 3166-1 alpha-2 code`},
		{"bad language", `[{"id": "x", "name": "X", "language": "eng"}]`, `language "eng" is not an ISO 639-1 code`},
		{"bad domain", `[{"id": "x", "name": "X", "domains": ["localhost"]}]`, `domain "localhost" is not a host name`},
		{"unknown field", `[{"id": "x", "name": "X", "owner": "state"}]`, `entry 1: json: unknown field "owner"`},
		{"wrong type", `[{"id": "x", "name": "X", "state_affiliated": "yes"}]`, `entry 1: json: cannot unmarshal`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := MustDefaultRegistry(t)
			n := reg.Len()
			err := reg.Merge(strings.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Merge error = %v, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, parallax.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if reg.Len() != n {
				t.Errorf("a failed Merge changed the registry: Len %d → %d", n, reg.Len())
			}
		})
	}
}

// TestMergeAtomic: an error late in a file leaves earlier entries unapplied.
func TestMergeAtomic(t *testing.T) {
	reg := MustDefaultRegistry(t)
	err := reg.Merge(strings.NewReader(`[{"id": "cnn", "domains": ["cnn.example"]}, {"id": ""}]`))
	if err == nil {
		t.Fatal("Merge accepted an entry without id")
	}
	if o, ok := reg.ByDomain("cnn.com"); !ok || o.ID != "cnn" {
		t.Errorf("after a failed Merge ByDomain(cnn.com) = %q, %v", o.ID, ok)
	}
}
