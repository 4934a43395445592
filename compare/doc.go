// Package compare compares the articles of one story: what each outlet
// reports, leaves out, quotes, stresses and how it sounds. It is
// Parallax's core; [Compare] takes the story's articles (repaired,
// described and analysed) and returns a [Comparison].
//
// The steps:
//
//  1. Facts. Every body sentence (headings are not facts) becomes a set of
//     features: content-word stems (stop words dropped) weighted by IDF
//     from a [Background] — a term model of the whole store, or of the
//     story when none is given — named things by canonical entity id
//     (Article.Entities) and numbers, both weighing twice a word; a
//     capitalised word no entity covers weighs one and a half (a run next
//     to an entity's mention is its title, "President", and weighs as a
//     word). Within the story, a feature weighs less the more sentences
//     hold it than the story has articles, by the square root of the
//     ratio (the story's topic, "Putin", "summit", is in many sentences of
//     every article; a fact's own words are in about one sentence of each
//     article reporting it), and half when no other article has it (it
//     can only dilute a match). A short sentence
//     that opens with a pronoun borrows the previous sentence's features at
//     half weight. Two sentences are as similar as the weighted Dice
//     coefficient of their features; candidate pairs come from an inverted
//     index, so the story's sentences are not all compared with all.
//     Average-link clustering over that sparse graph (a missing pair
//     counting zero) merges sentences into facts while the mean similarity is at least
//     [DefaultFactThreshold], never putting two sentences of one article in
//     one fact; it keeps each cluster's best merge in a heap, so it costs
//     about the edges times the log of the clusters. A fact's label is its
//     most central sentence; facts are listed most widely reported first,
//     then the most informative.
//  2. Coverage. Facts × outlets; an article of unknown outlet is a column
//     of its own. A fact one outlet reports is its exclusive; a fact more
//     than half of the other outlets (and two at least) report is an
//     omission of the outlet that does not. An outlet whose text is under
//     half the median length is marked short, and its omissions say so.
//  3. Quote variants. Quotes (Article.Quotes, except short scare-quoted
//     terms) of the same speaker entity in different articles, of alike
//     length, clustered by the same similarity and average link
//     ([DefaultQuoteThreshold]): one utterance, several wordings.
//  4. Framing. The terms (words, word pairs, and pairs joined by "of",
//     "in", "against"…) each outlet prefers over the rest of the story, by
//     the log-odds ratio with an informative Dirichlet prior of Monroe,
//     Colaresi & Quinn (2008, "Fightin' Words", Political Analysis 16(4)),
//     as z-scores; the prior is the background's term shares times a prior
//     mass of 500 (at most half the story's term count). Then term pairs: names outlets give one thing, from a
//     curated list of contested terms written by us (data/terms.txt), and
//     wordings that fill the same slot in one fact's aligned sentences.
//  5. Tone. Every sentence holding a lexicon word is scored with VADER (Hutto & Gilbert 2014,
//     "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
//     Social Media Text", ICWSM), through the Go port
//     github.com/jonreiter/govader (MIT License), whose embedded lexicon is
//     vader_lexicon.txt from github.com/cjhutto/vaderSentiment (MIT
//     License, © 2014 C.J. Hutto); an outlet's tone is the mean compound
//     score and the shares of positive and negative sentences.
//
// The comparison does not group articles into stories (package group
// does), nor find entities and quotes (package analyze does, at ingest);
// without entities it still works on words, and without quotes it has no
// quote variants. It does not judge which outlet is right.
package compare
