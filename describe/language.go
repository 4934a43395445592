package describe

import (
	"strings"
	"unicode"
)

// functionWords are frequent short words of each language that are rare in
// the others. Counting them tells the common languages of news apart in
// microseconds; whatlanggo's trigram models, about a hundred times slower,
// are left for the texts this cannot tell. A word listed for two languages
// ("to", "de", "на") counts for neither.
var functionWords = map[string][]string{
	"en": {"the", "of", "and", "that", "was", "with", "said", "from", "his", "were", "has", "have", "had", "this", "which", "their", "its", "but", "they", "been", "after", "who", "would", "not", "are", "he", "she", "it", "to", "for", "on", "by", "is", "at", "will"},
	"fr": {"le", "les", "des", "et", "du", "une", "dans", "pour", "qui", "pas", "sur", "est", "au", "avec", "il", "elle", "ont", "sont", "cette", "aux", "mais", "ses", "leur", "été"},
	"de": {"der", "und", "den", "das", "nicht", "mit", "sich", "des", "auf", "ist", "dem", "ein", "eine", "auch", "wird", "wurde", "zu", "bei", "nach", "vor", "sie", "oder", "aus", "über"},
	"es": {"el", "los", "las", "del", "y", "que", "por", "una", "con", "para", "su", "al", "se", "lo", "como", "más", "pero", "sus", "fue", "según", "está", "este", "ha", "entre"},
	"it": {"il", "di", "che", "della", "dei", "delle", "per", "una", "con", "non", "sono", "gli", "nel", "alla", "anche", "più", "ha", "stato", "dal", "questo", "ma", "degli", "è", "nella"},
	"pt": {"o", "os", "as", "do", "da", "dos", "das", "que", "em", "não", "uma", "com", "para", "por", "mais", "foi", "ao", "na", "no", "seu", "sua", "pelo", "pela", "também"},
	"nl": {"het", "een", "van", "dat", "niet", "zijn", "op", "voor", "met", "ook", "maar", "bij", "wordt", "werd", "naar", "heeft", "deze", "dit", "wel", "nog", "geen", "uit", "tot", "hij"},
	"ru": {"и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "за", "от", "он", "его", "для", "также", "был", "была", "было", "к", "но", "о", "при", "они"},
	"uk": {"і", "та", "у", "що", "з", "на", "не", "до", "як", "це", "від", "його", "для", "був", "була", "також", "які", "який", "але", "й", "ще", "вже", "після", "через"},
	"pl": {"i", "w", "nie", "się", "na", "że", "z", "do", "to", "jest", "jak", "przez", "po", "od", "za", "oraz", "jego", "także", "był", "była", "które", "który", "są", "ale"},
	"tr": {"ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "daha", "çok", "gibi", "olan", "ama", "sonra", "kadar", "her", "ancak", "göre", "değil", "şu", "ise", "en", "mı", "ki"},
}

// functionWordIndex maps each function word listed for one language only
// to that language.
var functionWordIndex = func() map[string]string {
	langs := map[string][]string{}
	for lang, words := range functionWords {
		for _, w := range words {
			langs[w] = append(langs[w], lang)
		}
	}
	idx := map[string]string{}
	for w, ls := range langs {
		if len(ls) == 1 {
			idx[w] = ls[0]
		}
	}
	return idx
}()

// minLanguageWords is the fewest words a text in an alphabet needs before
// its language is told: fewer give no reliable answer by any method.
const minLanguageWords = 8

// minFunctionWords is the fewest words the function-word test decides on.
const minFunctionWords = 12

// functionWordLanguage returns the language whose function words make up
// a clear share of text's words — at least 12% and three times the
// runner-up's share — or "" when the text is short or unclear.
func functionWordLanguage(text string) string {
	lang, _ := functionWordCount(text)
	return lang
}

// functionWordCount is functionWordLanguage that also returns how many
// words text has.
func functionWordCount(text string) (string, int) {
	counts := map[string]int{}
	words := 0
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if len(w) > 12 {
			continue
		}
		if lang, ok := functionWordIndex[strings.ToLower(w)]; ok {
			counts[lang]++
		}
	}
	if words < minFunctionWords {
		return "", words
	}
	best, first, second := "", 0, 0
	for lang, n := range counts {
		switch {
		case n > first || n == first && lang < best:
			best, first, second = lang, n, first
		case n > second:
			second = n
		}
	}
	if first*100 < words*12 || first < 3*second {
		return "", words
	}
	return best, words
}
