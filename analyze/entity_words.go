package analyze

// Word lists the entity finder uses to tell people from organisations and
// places, and names from capitalised ordinary words. They are English and
// written by us.

// titles are words before a name that say what someone is; they are not
// part of the name ("President Vladimir Putin", "H.E Kim Jong Un").
var titles = set(
	"president", "vice", "prime", "minister", "chairman", "chairwoman", "chair", "comrade", "leader",
	"general", "secretary", "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame",
	"lord", "lady", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "gov", "governor",
	"mayor", "gen", "adm", "admiral", "col", "colonel", "lt", "lieutenant", "capt", "captain", "sgt", "sergeant",
	"marshal", "commander", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop", "rev",
	"reverend", "rabbi", "imam", "sheikh", "judge", "justice", "ambassador", "envoy", "spokesman",
	"spokeswoman", "spokesperson", "premier", "chancellor", "speaker", "director", "chief", "ceo", "deputy",
	"foreign", "defense", "defence", "interior", "finance", "first", "supreme", "h.e", "he", "his", "her",
	"excellency", "majesty", "highness", "attorney", "secretary-general", "state", "former", "late", "sheikha",
	"emir", "crown", "dictator", "pastor", "father", "sister", "brother", "officer", "agent", "detective",
	"anchor", "correspondent", "host", "coach", "senior", "assistant", "associate", "executive", "founder",
	"chairperson", "minority", "majority", "whip", "house", "senate", "democratic", "republican",
	"candidate", "nominee", "mp", "mep", "vp",
)

// roleWords, written in lower case before a name, make it a person:
// "leader Kim Jong-un", "spokesperson Dmitry Peskov".
var roleWords = set(
	"leader", "president", "spokesperson", "spokesman", "spokeswoman", "minister", "chairman", "secretary",
	"professor", "senator", "governor", "official", "envoy", "ambassador", "commander", "general", "adviser",
	"advisor", "analyst", "lawmaker", "director", "ceo", "chief", "premier", "king", "queen", "prince", "pope",
	"judge", "mayor", "representative", "candidate", "nominee", "economist", "scholar", "expert", "researcher",
	"reporter", "correspondent", "journalist", "counterpart", "dictator", "activist", "colleague", "founder",
	"head", "officer", "admiral", "lawyer", "attorney", "author", "writer", "columnist", "strategist",
	"aide", "deputy", "pollster", "rep", "sen", "gov", "dr", "mr", "mrs", "ms", "adm", "gen", "col", "lt",
	"capt", "navy", "army", "comrade", "justice", "chairwoman", "host", "anchor", "commentator", "billionaire",
	"businessman", "businesswoman", "actor", "actress", "singer", "star", "player", "coach", "manager",
)

// orgWords make a capitalised name an organisation.
var orgWords = set(
	"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "company", "group", "holdings", "bank", "ministry",
	"agency", "party", "university", "college", "school", "institute", "institution", "committee", "council",
	"commission", "association", "organization", "organisation", "union", "federation", "foundation",
	"department", "office", "bureau", "service", "services", "administration", "authority", "court",
	"parliament", "assembly", "congress", "senate", "army", "navy", "fleet", "force", "forces", "guard",
	"police", "staff", "chiefs", "center", "centre", "times", "news", "post", "journal", "herald", "tribune",
	"press", "radio", "tv", "television", "network", "broadcasting", "media", "club", "team", "church",
	"movement", "front", "coalition", "alliance", "caucus", "campaign", "board", "society", "trust",
	"laboratory", "lab", "labs", "hospital", "airlines", "airways", "motors", "industries", "technologies",
	"systems", "energy", "oil", "railways", "reserve", "exchange", "fund", "cabinet", "government",
	"secretariat", "mission", "brigade", "battalion", "regiment", "division", "corps", "command", "academy",
	"sinmun", "daily", "gazette", "magazine", "review", "tass", "novosti", "gop", "fbi", "cia",
)

// placeWords make a capitalised name a place.
var placeWords = set(
	"spaceport", "cosmodrome", "square", "street", "avenue", "road", "province", "region", "oblast", "krai",
	"river", "sea", "ocean", "island", "islands", "mountain", "mountains", "mount", "city", "county", "peninsula",
	"bay", "gulf", "strait", "airport", "base", "palace", "station", "port", "harbor", "harbour", "valley",
	"desert", "lake", "coast", "district", "territory", "prefecture", "state", "village", "town", "park",
	"bridge", "canal", "hill", "hills", "plaza", "stadium", "tower", "building", "hall", "zone", "border",
	"highway", "pass", "heights", "beach", "forest", "capitol",
)

// otherWords make a capitalised name a thing other than a person,
// organisation or place: events, laws, documents, programmes.
var otherWords = set(
	"war", "day", "games", "olympics", "cup", "prize", "award", "act", "bill", "declaration", "treaty",
	"agreement", "accord", "accords", "summit", "forum", "festival", "law", "convention", "doctrine", "plan",
	"program", "programme", "project", "operation", "initiative", "strategy", "crisis", "revolution",
	"election", "elections", "conference", "amendment", "protocol", "charter", "constitution", "report",
	"index", "era", "age", "dynasty", "empire", "republic", "kingdom", "order", "rule", "rules", "deal",
	"pact", "talks", "exercise", "exercises", "hearing", "trial", "case", "fight", "struggle", "front",
	"affairs",
)

// commonCapitalized are words written with a capital that do not name a
// thing by themselves: days, months, sentence openers.
var commonCapitalized = set(
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"i", "mr", "mrs", "ms", "dr", "we", "you", "they", "it", "he", "she", "but", "and", "or", "so", "yet",
	"however", "meanwhile", "moreover", "furthermore", "also", "still", "today", "yesterday", "tomorrow",
	"tonight", "earlier", "later", "presently", "notably", "together", "instead", "indeed", "thus",
	"therefore", "besides", "despite", "although", "though", "while", "when", "where", "what", "who",
	"why", "how", "asked", "speaking", "following", "according", "per", "after", "before", "during",
	"anchor", "report", "reporter", "update", "read", "watch", "photo", "video", "related", "advertisement",
	"ok", "okay", "tv", "yes", "no", "oh", "well", "please", "thank", "thanks", "dear", "hello", "god",
)

// connectors join the words of one name: "Bank of America", "Ludwig van
// Beethoven". They must be followed by a capitalised word.
var connectors = set("of", "for", "the", "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "al", "el", "bin", "ibn", "bint", "la", "le", "y")

// locatives before a capital make it the city, not its government: "in
// Pyongyang", "flew to Moscow".
var locatives = set("in", "at", "to", "from", "near", "outside", "into", "toward", "towards", "via", "around",
	"across", "throughout", "inside", "within", "visited", "visiting", "visit", "reached", "left", "leave",
	"arrived", "downtown", "central", "northern", "southern", "eastern", "western", "suburban")

// pronouns that refer back to a person.
var personPronouns = set("he", "she", "him", "her")
