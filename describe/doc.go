// Package describe works out what an article is: who published it, who
// wrote it, when, under which title and in which language. It runs after
// the text is repaired and fills the metadata of a [parallax.Article] in
// place, never its paragraphs.
//
// Every fact comes from the input, and says where from; what the input does
// not say stays unknown. In particular:
//
//   - The outlet comes, in order of precedence, from an explicit field
//     (Meta["outlet"]) or the URL's domain, a DOCNO prefix of the external
//     id, the agency credit of an opening dateline ("MOSCOW, Sept 13
//     (Reuters) -"), a reporter's sign-off at the very end ("Kim Bum-soo, KBS
//     World Radio News."), and a contact or copyright line naming a
//     registered outlet. An outlet the body merely cites ("According to
//     CNN") is never the publisher, and a photo credit is a credit.
//   - The publication date, when the reader found none, comes from the
//     first timestamp line of a scraped page (not one labelled as an
//     update) or from a dateline; a dateline without a year dates the
//     article only when [Describer.Year] is set. A time without a zone
//     counts only for its day.
//   - The title is cleared when it is a photo credit, a URL or a timestamp.
//   - The byline comes from a field, a byline line, a "By" first line, a
//     sign-off, a "Reporting by" credit, or an author's name standing alone
//     on repeated lines of a scraped page.
//   - The language is detected with whatlanggo and given only when the
//     detection is reliable.
//
// Outlets are looked up in a [Registry]: the embedded outlets.json lists
// several hundred major outlets — wires, international broadcasters, state
// media and the main newspapers and sites of every region — with their
// domains, country, ownership and sign-off phrases. A user file merged with
// [Registry.Merge] extends it or overrides entries by id, including DOCNO
// prefixes for TREC-style collections.
//
// Ownership is "state" when a government, ministry or ruling party owns the
// outlet, "public" for a public-service body under its own statute, and
// "private" otherwise. StateAffiliated marks outlets whose editorial line a
// state controls — the state and party media of countries without press
// freedom, and outlets labelled state-affiliated media by the major
// platforms (RT, Sputnik, Xinhua, CGTN, KCNA, Press TV, TRT World,
// Anadolu); state-funded outlets with a statute of editorial independence
// (BBC, NHK, KBS, DW, AFP, VOA, EFE) are not.
package describe
