// Home-visit encounter, patronage episode of care and patronage care plan.

Invariant: kz-enc-1
Description: "A visit that did not take place (family absent or refused) has status cancelled; a visit that took place does not."
Severity: #error
Expression: "extension.where(url = 'https://fhir.patronage.kz/StructureDefinition/visit-outcome').exists() implies (extension.where(url = 'https://fhir.patronage.kz/StructureDefinition/visit-outcome').value.ofType(CodeableConcept).coding.where(system = 'https://fhir.patronage.kz/CodeSystem/visit-outcome' and code = 'done').exists() xor status = 'cancelled')"

Invariant: kz-enc-2
Description: "A scheduled universal visit (any visit type but PROG and UNPLANNED) names the care plan it fulfils."
Severity: #warning
Expression: "type.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type' and (code = 'PROG' or code = 'UNPLANNED')).exists() or extension.where(url = 'https://fhir.patronage.kz/StructureDefinition/based-on-careplan').exists()"

ValueSet: HomeVisitTypeVS
Id: home-visit-type
Title: "Home visit type (SNOMED CT)"
Description: "SNOMED CT home visit and joint home visit (nurse with doctor). SNOMED CT licensing in Kazakhstan is an open question."
* insert LocalValueSet
* $SCT#439708006 "Home visit"
* $SCT#225929007 "Joint home visit"

Profile: KzPatronageEncounter
Parent: Encounter
Id: kz-patronage-encounter
Title: "KZ patronage home visit"
Description: "One home visit of a patronage nurse to a child or a pregnant woman: class HH, a SNOMED CT home-visit type plus the local visit type, the outcome of the visit, when it started, the nurse, the care plan and the episode it belongs to."
* obeys kz-enc-1 and kz-enc-2
* extension contains VisitOutcomeExtension named visitOutcome 1..1 MS and BasedOnCarePlan named basedOnCarePlan 0..1 MS
* status MS
* class MS
* class = $V3ActCode#HH
* type 2..* MS
* type ^slicing.discriminator.type = #pattern
* type ^slicing.discriminator.path = "$this"
* type ^slicing.rules = #open
* type ^slicing.description = "One SNOMED CT home-visit code and one local visit-type code."
* type contains snomedHomeVisit 1..1 MS and visitType 1..1 MS
* type[snomedHomeVisit] from HomeVisitTypeVS (required)
* type[snomedHomeVisit] ^patternCodeableConcept.coding.system = $SCT
* type[visitType] from PatronageVisitTypeVS (required)
* type[visitType] ^patternCodeableConcept.coding.system = $VisitType
* subject 1..1 MS
* subject only Reference(KzPatient)
* episodeOfCare MS
* episodeOfCare only Reference(KzPatronageEpisode)
* participant 1..* MS
* participant ^slicing.discriminator.type = #pattern
* participant ^slicing.discriminator.path = "type"
* participant ^slicing.rules = #open
* participant contains nurse 1..1 MS
* participant[nurse].type 1..1
* participant[nurse].type = http://terminology.hl7.org/CodeSystem/v3-ParticipationType#PPRF
* participant[nurse].individual 1..1 MS
* participant[nurse].individual only Reference(KzPatronageNurse or KzPatronageNurseRole)
* period 1..1 MS
* period.start 1..1 MS
* serviceProvider MS
* serviceProvider only Reference(KzPolyclinic)

Invariant: kz-eoc-1
Description: "A child episode lasts at most five years."
Severity: #error
Expression: "(type.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/episode-type' and code = 'child').exists() and period.end.exists()) implies period.end <= period.start + 5 years"

Profile: KzPatronageEpisode
Parent: EpisodeOfCare
Id: kz-patronage-episode
Title: "KZ patronage episode of care"
Description: "The patronage of one pregnancy (to delivery) or one child (from birth to age five) by a polyclinic."
* obeys kz-eoc-1
* status MS
* type 1..1 MS
* type from EpisodeTypeVS (required)
* patient MS
* patient only Reference(KzPatient)
* managingOrganization 1..1 MS
* managingOrganization only Reference(KzPolyclinic)
* period 1..1 MS
* period.start 1..1 MS
* careManager MS
* careManager only Reference(KzPatronageNurse)

Invariant: kz-cp-1
Description: "Every progressive (PROG) activity names the family risk assessment that justifies it."
Severity: #error
Expression: "activity.detail.where(code.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type' and code = 'PROG').exists()).all(extension.where(url = 'https://fhir.patronage.kz/StructureDefinition/activity-risk-assessment').exists())"

Invariant: kz-cp-2
Description: "A progressive activity appears only in a care plan of category progressive."
Severity: #error
Expression: "activity.detail.code.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type' and code = 'PROG').exists() implies category.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/patronage-category' and code = 'progressive').exists()"

Profile: KzPatronageCarePlan
Parent: CarePlan
Id: kz-patronage-careplan
Title: "KZ patronage care plan"
Description: "The visit plan of one child or one pregnancy: universal or progressive, one activity per scheduled visit with its time window and status; progressive activities point at the risk assessment that justifies them."
* obeys kz-cp-1 and kz-cp-2
* status MS
* intent = #plan (exactly)
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains patronage 1..1 MS
* category[patronage] from PatronageCategoryVS (required)
* category[patronage] ^patternCodeableConcept.coding.system = $PatronageCategory
* subject MS
* subject only Reference(KzPatient)
* period 1..1 MS
* period.start 1..1 MS
* supportingInfo MS
* activity 1..* MS
* activity.reference 0..0
* activity.detail 1..1 MS
* activity.detail.extension contains ActivityRiskAssessment named riskAssessment 0..1 MS
* activity.detail.code 1..1 MS
* activity.detail.code from PatronageVisitTypeVS (required)
* activity.detail.status MS
* activity.detail.scheduled[x] 1..1 MS
* activity.detail.scheduled[x] only Period
* activity.detail.scheduledPeriod.start 1..1
* activity.detail.scheduledPeriod.end 1..1
