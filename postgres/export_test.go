package postgres

// SetMeanLength makes BM25 use the mean length of the texts (true) or
// Bleve's average (false), and returns the function that restores it.
func SetMeanLength(on bool) (restore func()) {
	old := meanLength
	meanLength = on
	return func() { meanLength = old }
}
