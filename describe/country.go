package describe

import "strings"

// countryCodes lists the 249 officially assigned ISO 3166-1 alpha-2 codes.
const countryCodes = "" +
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ " +
	"BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM " +
	"DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS " +
	"GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN " +
	"KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ " +
	"MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
	"PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV " +
	"SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI " +
	"VN VU WF WS YE YT ZA ZM ZW"

// isCountryCode reports whether c is an assigned or user-assigned ISO
// 3166-1 alpha-2 code in upper case.
func isCountryCode(c string) bool {
	if len(c) != 2 {
		return false
	}
	if isUserAssignedCode(c) {
		return true
	}
	i := strings.Index(countryCodes, c)
	return i >= 0 && i%3 == 0
}

// isUserAssignedCode reports whether c is in ISO 3166-1's user-assigned
// ranges (AA, QM–QZ, XA–XZ, ZZ), which users' files may give to places the
// standard has no code for (and fictional ones, as in examples/).
func isUserAssignedCode(c string) bool {
	switch {
	case c == "AA", c == "ZZ":
		return true
	case c[0] == 'Q':
		return c[1] >= 'M' && c[1] <= 'Z'
	case c[0] == 'X':
		return c[1] >= 'A' && c[1] <= 'Z'
	}
	return false
}
