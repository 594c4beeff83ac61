// The EPDS questionnaire (item numbers and scores only), valid EPDS and risk-assessment examples.

Instance: epds
InstanceOf: Questionnaire
Title: "Edinburgh Postnatal Depression Scale (item numbers only)"
Usage: #definition
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Edinburgh Postnatal Depression Scale (item numbers only)</p></div>"
* url = "https://fhir.patronage.kz/Questionnaire/epds"
* name = "EPDS"
* title = "Edinburgh Postnatal Depression Scale"
* version = "0.1.0"
* status = #draft
* code = $LOINC#71354-5 "Edinburgh Postnatal Depression Scale [EPDS]"
* description = "Ten items scored 0-3 (Cox, Holden and Sagovsky, 1987). Item texts are not reproduced: nurses use the validated Kazakh or Russian paper form; this resource fixes the item numbers and scoring only."
* insert EpdsItem(1)
* insert EpdsItem(2)
* insert EpdsItem(3)
* insert EpdsItem(4)
* insert EpdsItem(5)
* insert EpdsItem(6)
* insert EpdsItem(7)
* insert EpdsItem(8)
* insert EpdsItem(9)
* insert EpdsItem(10)

RuleSet: EpdsItem(n)
* item[+].linkId = "{n}"
* item[=].text = "EPDS item {n}"
* item[=].type = #integer
* item[=].required = true
* item[=].answerOption[0].valueInteger = 0
* item[=].answerOption[1].valueInteger = 1
* item[=].answerOption[2].valueInteger = 2
* item[=].answerOption[3].valueInteger = 3

RuleSet: EpdsAnswers(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10)
* item[0].linkId = "1"
* item[0].answer.valueInteger = {a1}
* item[1].linkId = "2"
* item[1].answer.valueInteger = {a2}
* item[2].linkId = "3"
* item[2].answer.valueInteger = {a3}
* item[3].linkId = "4"
* item[3].answer.valueInteger = {a4}
* item[4].linkId = "5"
* item[4].answer.valueInteger = {a5}
* item[5].linkId = "6"
* item[5].answer.valueInteger = {a6}
* item[6].linkId = "7"
* item[6].answer.valueInteger = {a7}
* item[7].linkId = "8"
* item[7].answer.valueInteger = {a8}
* item[8].linkId = "9"
* item[8].answer.valueInteger = {a9}
* item[9].linkId = "10"
* item[9].answer.valueInteger = {a10}

Instance: epds-gulnara
InstanceOf: KzEpdsResponse
Title: "Gulnara's EPDS at Alikhan's one-month visit (total 5)"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Gulnara's EPDS at Alikhan's one-month visit (total 5)</p></div>"
* questionnaire = "https://fhir.patronage.kz/Questionnaire/epds"
* status = #completed
* subject = Reference(patient-gulnara)
* encounter = Reference(visit-alikhan-u1m)
* authored = "2025-09-20T09:30:00+05:00"
* author = Reference(nurse-dinara)
* insert EpdsAnswers(0, 1, 0, 1, 0, 1, 1, 0, 1, 0)

Instance: epds-ainur
InstanceOf: KzEpdsResponse
Title: "Ainur's EPDS (total 14, item 10 scored 1)"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ainur's EPDS (total 14, item 10 scored 1)</p></div>"
* questionnaire = "https://fhir.patronage.kz/Questionnaire/epds"
* status = #completed
* subject = Reference(patient-ainur)
* authored = "2026-11-27T11:00:00+05:00"
* author = Reference(nurse-ainur)
* insert EpdsAnswers(1, 2, 1, 2, 1, 2, 1, 1, 2, 1)

Instance: epds-total-gulnara
InstanceOf: KzEpdsTotal
Title: "Gulnara's EPDS total 5"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Gulnara's EPDS total 5</p></div>"
* status = #final
* subject = Reference(patient-gulnara)
* encounter = Reference(visit-alikhan-u1m)
* effectiveDateTime = "2025-09-20T09:30:00+05:00"
* valueInteger = 5
* derivedFrom = Reference(epds-gulnara)
* component[item10].valueInteger = 0

Instance: epds-total-ainur
InstanceOf: KzEpdsTotal
Title: "Ainur's EPDS total 14"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ainur's EPDS total 14</p></div>"
* status = #final
* subject = Reference(patient-ainur)
* effectiveDateTime = "2026-11-27T11:00:00+05:00"
* valueInteger = 14
* derivedFrom = Reference(epds-ainur)
* component[item10].valueInteger = 1

Instance: risk-alikhan
InstanceOf: KzFamilyRiskAssessment
Title: "Alikhan's family: universal patronage"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's family: universal patronage</p></div>"
* status = #final
* subject = Reference(patient-alikhan)
* encounter = Reference(visit-alikhan-nb3d)
* occurrenceDateTime = "2025-08-23T10:30:00+05:00"
* performer = Reference(nurse-dinara)
* prediction[pathway].outcome = $PatronageCategory#universal "Universal patronage"

Instance: risk-daniyar
InstanceOf: KzFamilyRiskAssessment
Title: "Daniyar's family: progressive patronage"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's family: progressive patronage</p></div>"
* status = #final
* subject = Reference(patient-daniyar)
* encounter = Reference(visit-daniyar-u36m)
* occurrenceDateTime = "2026-01-11T16:00:00+05:00"
* performer = Reference(nurse-role-ainur)
* extension[riskFactor][0].valueCodeableConcept = $RiskFactor#growth-faltering "Growth faltering"
* extension[riskFactor][1].valueCodeableConcept = $RiskFactor#single-parent "Single-parent family"
* extension[riskFactor][2].valueCodeableConcept = $RiskFactor#no-phc-attachment "Not attached to primary health care"
* basis[0] = Reference(zscore-lhfa-daniyar-u36m)
* basis[1] = Reference(neonatal-risk-daniyar)
* prediction[pathway].outcome = $PatronageCategory#progressive "Progressive patronage"
