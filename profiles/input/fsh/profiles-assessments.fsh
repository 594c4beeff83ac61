// Maternal EPDS and the family risk assessment.

Invariant: kz-epds-1
Description: "An EPDS response has the ten items linkId '1' to '10', each answered once with an integer score 0-3."
Severity: #error
Expression: "item.count() = 10 and item.linkId.distinct().count() = 10 and item.all(linkId in ('1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10') and answer.count() = 1 and answer.value.ofType(integer).exists() and answer.value.ofType(integer) >= 0 and answer.value.ofType(integer) <= 3)"

Profile: KzEpdsResponse
Parent: QuestionnaireResponse
Id: kz-epds-response
Title: "KZ EPDS response"
Description: "A mother's answers to the Edinburgh Postnatal Depression Scale: ten items scored 0-3 (Cox, Holden and Sagovsky, 1987). The item texts are not reproduced here; the Questionnaire carries item numbers only."
* obeys kz-epds-1
* questionnaire 1..1 MS
* questionnaire = "https://fhir.patronage.kz/Questionnaire/epds" (exactly)
* status MS
* subject 1..1 MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* authored 1..1 MS
* author MS
* item 10..10 MS
* item.linkId MS
* item.answer 1..1 MS
* item.answer.value[x] only integer
* item.item 0..0

Invariant: kz-epds-2
Description: "The EPDS total is 0-30 and the item-10 component 0-3."
Severity: #error
Expression: "value.ofType(integer) <= 30 and value.ofType(integer) >= 0 and component.value.ofType(integer).all($this >= 0 and $this <= 3)"

Profile: KzEpdsTotal
Parent: Observation
Id: kz-epds-total
Title: "KZ EPDS total score"
Description: "The EPDS total score (LOINC 99046-5), derived from the response, with the item-10 (self-harm) score as a component. The referral threshold (total ≥ 13 or item 10 > 0) is data (profiles/parameters/patronage-parameters.json)."
* obeys kz-epds-2
* status MS
* category 1..* MS
* category = $ObsCat#survey
* code = $LOINC#99046-5
* subject 1..1 MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* effective[x] 1..1 MS
* value[x] 1..1 MS
* value[x] only integer
* derivedFrom 1..* MS
* derivedFrom only Reference(KzEpdsResponse)
* component ^slicing.discriminator.type = #pattern
* component ^slicing.discriminator.path = "code"
* component ^slicing.rules = #open
* component contains item10 0..1 MS
* component[item10].code = $PatronageCode#epds-item-10
* component[item10].value[x] 1..1
* component[item10].value[x] only integer

Invariant: kz-ra-1
Description: "An assessment with outcome progressive names at least one risk factor."
Severity: #error
Expression: "prediction.outcome.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/patronage-category' and code = 'progressive').exists() implies extension.where(url = 'https://fhir.patronage.kz/StructureDefinition/risk-factor').exists()"

Profile: KzFamilyRiskAssessment
Parent: RiskAssessment
Id: kz-family-risk-assessment
Title: "KZ family risk assessment"
Description: "The nurse's assessment of the family's needs (maternal medical and mental health, social, parenting, and the child factors a nurse finds at home); its outcome is universal or progressive patronage. The neonatal risk group is the maternity hospital's assessment at discharge (kz-neonatal-risk-assessment), not this one, so the neonatal criteria (preterm birth, low birth weight, congenital anomaly) are not family factors."
* obeys kz-ra-1
* extension contains RiskFactorExtension named riskFactor 0..* MS
* status MS
* code 1..1 MS
* code = $PatronageCode#family-risk-assessment
* subject MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* occurrence[x] 1..1 MS
* occurrence[x] only dateTime
* performer MS
* performer only Reference(KzPatronageNurse or KzPatronageNurseRole)
* basis MS
* prediction 1..* MS
* prediction ^slicing.discriminator.type = #pattern
* prediction ^slicing.discriminator.path = "outcome"
* prediction ^slicing.rules = #open
* prediction contains pathway 1..1 MS
* prediction[pathway].outcome 1..1
* prediction[pathway].outcome from PatronageCategoryVS (required)
* prediction[pathway].outcome ^patternCodeableConcept.coding.system = $PatronageCategory
