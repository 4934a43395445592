package analyze

// IsStopword reports whether a lower-cased English word carries no content
// of its own: articles, pronouns, auxiliaries, prepositions, conjunctions
// and the most frequent reporting filler. Content comparison skips them.
func IsStopword(lower string) bool { return stopwords[lower] }

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "because", "as", "while",
		"of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "against", "between", "into", "through",
		"during", "before", "after", "above", "below", "up", "down", "out", "off", "over", "under", "again", "further",
		"here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other",
		"some", "such", "no", "not", "only", "own", "same", "too", "very", "can", "will", "just", "should", "now",
		"i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "he", "him",
		"his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs",
		"themselves", "what", "which", "who", "whom", "whose", "this", "that", "these", "those", "am", "is", "are",
		"was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "would",
		"could", "might", "must", "shall", "may", "also", "said", "says", "say", "told", "according", "one", "two",
		"its", "it's", "he's", "she's", "they're", "we're", "i'm", "don't", "doesn't", "didn't", "won't", "can't",
		"s", "t", "mr", "mrs", "ms", "dr", "per", "via", "upon", "within", "without", "among", "amid", "since",
		"until", "till", "whether", "though", "although", "however", "yes", "still", "even", "ever", "already",
		"much", "many", "well", "back", "new", "year", "years", "last", "first", "next", "week", "day", "days",
		"time", "like", "get", "got", "make", "made", "go", "going", "went", "take", "took", "come", "came",
	} {
		m[w] = true
	}
	return m
}()
