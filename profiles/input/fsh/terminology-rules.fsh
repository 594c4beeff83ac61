// Rule sets shared by the guide's local code systems and value sets.

// A concept with its English display and designations in Kazakh, Russian and English.
RuleSet: Term(code, display, kk, ru)
* #{code} "{display}"
* #{code} ^designation[+].language = #kk
* #{code} ^designation[=].value = "{kk}"
* #{code} ^designation[+].language = #ru
* #{code} ^designation[=].value = "{ru}"
* #{code} ^designation[+].language = #en
* #{code} ^designation[=].value = "{display}"

// Header of every local code system: complete, case-sensitive, draft until the facts in
// docs/ig/open-questions.md are confirmed.
RuleSet: LocalCodeSystem
* ^status = #draft
* ^experimental = false
* ^caseSensitive = true
* ^content = #complete
* ^publisher = "Patronage FHIR gateway team"
* ^jurisdiction = urn:iso:std:iso:3166#KZ "Kazakhstan"

RuleSet: LocalValueSet
* ^status = #draft
* ^experimental = false
* ^publisher = "Patronage FHIR gateway team"
* ^jurisdiction = urn:iso:std:iso:3166#KZ "Kazakhstan"
