// Immunisation by the national calendar, and the nurse's "up to date" finding.

Profile: KzImmunization
Parent: Immunization
Id: kz-immunization
Title: "KZ immunisation"
Description: "A vaccine dose of the national preventive vaccination calendar given to a child, coded with the local vaccine code system (mapped to WHO ATC J07 by ConceptMap kz-vaccine-to-atc), with the dose number in the series."
* status MS
* vaccineCode MS
* vaccineCode from KzVaccineVS (required)
* patient MS
* patient only Reference(KzPatient)
* encounter MS
* occurrence[x] 1..1 MS
* occurrence[x] only dateTime
* primarySource MS
* location MS
* lotNumber MS
* performer MS
* performer.actor only Reference(KzPolyclinic or KzMaternityHospital or KzPatronageNurse or KzPatronageNurseRole)
* protocolApplied 1..* MS
* protocolApplied.doseNumber[x] MS
* protocolApplied.doseNumber[x] only positiveInt

Profile: KzImmunizationStatus
Parent: Observation
Id: kz-immunization-status
Title: "KZ immunisation up to date"
Description: "The nurse's finding at a visit that the child's immunisations are (true) or are not (false) up to date for age by the national calendar; the records checked are the child's KzImmunization resources (R4 Observation.derivedFrom cannot reference an Immunization). Not up to date is the family risk factor incomplete-immunization."
* status MS
* category 1..* MS
* category = $ObsCat#social-history
* code = $PatronageCode#immunization-up-to-date
* subject 1..1 MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* effective[x] 1..1 MS
* performer MS
* value[x] 1..1 MS
* value[x] only boolean
