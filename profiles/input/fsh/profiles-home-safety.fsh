// Home safety: hazards found with the home-safety questionnaire, injuries and the counselling given.

Profile: KzHomeHazard
Parent: Observation
Id: kz-home-hazard
Title: "KZ home safety hazard"
Description: "One hazard found at home with the home-safety questionnaire (Questionnaire home-safety): one Observation per hazard found; hazards not found are not recorded. derivedFrom may name the questionnaire response."
* status MS
* category 1..* MS
* category = $ObsCat#social-history
* code = $PatronageCode#home-hazard
* subject 1..1 MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* effective[x] 1..1 MS
* performer MS
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from HomeHazardVS (required)
* derivedFrom MS

Invariant: kz-inj-1
Description: "The injury is coded in ICD-10 chapter XIX, S00-T98 (injury, poisoning and other consequences of external causes)."
Severity: #error
Expression: "code.coding.where(system = 'http://hl7.org/fhir/sid/icd-10' and code.matches('^(S[0-9][0-9]|T[0-8][0-9]|T9[0-8])')).exists()"

Invariant: kz-inj-2
Description: "The external cause is coded in ICD-10 chapter XX, V01-Y98."
Severity: #error
Expression: "extension.where(url = 'http://hl7.org/fhir/StructureDefinition/condition-dueTo').value.ofType(CodeableConcept).coding.where(system = 'http://hl7.org/fhir/sid/icd-10' and code.matches('^(V0[1-9]|V[1-9][0-9]|W[0-9][0-9]|X[0-9][0-9]|Y[0-8][0-9]|Y9[0-8])')).exists()"

Profile: KzInjury
Parent: Condition
Id: kz-injury
Title: "KZ childhood injury"
Description: "An injury of a child: the nature of the injury in ICD-10 S00-T98 (Condition.code) and its external cause in ICD-10 V01-Y98 (the core extension condition-dueTo). Both ranges are invariants on the codes (kz-inj-1, kz-inj-2)."
* obeys kz-inj-1 and kz-inj-2
* extension contains $DueTo named externalCause 1..1 MS
* extension[externalCause].value[x] only CodeableConcept
* clinicalStatus MS
* category 1..* MS
* category = $ConditionCategory#problem-list-item
* code 1..1 MS
* subject MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* onset[x] 1..1 MS
* onset[x] only dateTime
* recordedDate MS
* recorder MS

Profile: KzSafetyCounselling
Parent: Procedure
Id: kz-safety-counselling
Title: "KZ home safety counselling"
Description: "Home safety and injury prevention counselling given by the nurse at a visit, with the hazards or injury it answers (reasonReference)."
* status MS
* code 1..1 MS
* code = $PatronageCode#home-safety-counselling
* subject MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* performed[x] 1..1 MS
* performed[x] only dateTime
* performer 1..* MS
* performer.actor only Reference(KzPatronageNurse or KzPatronageNurseRole)
* reasonReference 1..* MS
* reasonReference only Reference(KzHomeHazard or KzInjury)
* note MS
