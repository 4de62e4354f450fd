//! Taxonomies dala knows by name: `countries` holds ISO 3166-1 alpha-2 codes, shown by
//! their name in the page's language (CLDR); `sdgs` holds numbers of the UN Sustainable
//! Development Goals, 1 to 17, shown by their name from the interface strings (`sdg_9`).
//! Any other taxonomy takes free terms. A code or number that does not exist is an error
//! naming the file and line.

/// What the terms of a taxonomy are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Free,
    Countries,
    Sdgs,
}

impl Kind {
    pub fn of(taxonomy: &str) -> Kind {
        match taxonomy {
            "countries" => Kind::Countries,
            "sdgs" => Kind::Sdgs,
            _ => Kind::Free,
        }
    }
}

/// The officially assigned ISO 3166-1 alpha-2 codes.
const ISO_3166: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// The term as dala keeps it (a lower-case country code, a goal number), or why it is
/// not one.
pub fn check_term(kind: Kind, term: &str) -> Result<String, String> {
    let term = term.trim();
    match kind {
        Kind::Free => Ok(term.to_string()),
        Kind::Countries => {
            let upper = term.to_ascii_uppercase();
            if upper.len() == 2 && ISO_3166.split(' ').any(|c| c == upper) {
                Ok(term.to_ascii_lowercase())
            } else {
                Err(format!(
                    "`{term}` is not an ISO 3166-1 alpha-2 country code (e.g. kz, uz, ge)"
                ))
            }
        }
        Kind::Sdgs => match term.parse::<u8>() {
            Ok(n @ 1..=17) => Ok(n.to_string()),
            _ => Err(format!(
                "`{term}` is not a Sustainable Development Goal: expected a number from 1 to 17"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert_eq!(ISO_3166.split(' ').count(), 249);
        assert_eq!(check_term(Kind::Countries, "KZ").unwrap(), "kz");
        assert!(check_term(Kind::Countries, "xx").is_err());
        assert!(check_term(Kind::Countries, "kaz").is_err());
    }

    #[test]
    fn goals() {
        assert_eq!(check_term(Kind::Sdgs, "9").unwrap(), "9");
        assert!(check_term(Kind::Sdgs, "18").is_err());
        assert!(check_term(Kind::Sdgs, "0").is_err());
        assert_eq!(check_term(Kind::Free, " e-gov ").unwrap(), "e-gov");
    }
}
