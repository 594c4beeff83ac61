// The maternity hospital and its neonatal risk group assessment at discharge.

Profile: KzMaternityHospital
Parent: Organization
Id: kz-maternity-hospital
Title: "KZ maternity hospital"
Description: "A maternity hospital (перинатальный центр or родильный дом) that discharges newborns and assigns their neonatal risk group, identified by its BIN."
* insert IdentifierSlicing
* identifier 1..* MS
* identifier contains bin 1..1 MS
* identifier[bin].system 1..1
* identifier[bin].system = $BIN (exactly)
* identifier[bin].value 1..1
* identifier[bin].value obeys kz-bin-1
* type 1..* MS
* type ^slicing.discriminator.type = #pattern
* type ^slicing.discriminator.path = "$this"
* type ^slicing.rules = #open
* type contains maternity 1..1 MS
* type[maternity] = $PatronageCode#maternity-hospital
* name 1..1 MS
* address MS
* address.extension contains KatoCode named kato 0..1 MS

Extension: AssessingOrganization
Id: assessing-organization
Title: "Assessing organization"
Description: "The maternity hospital that made the neonatal risk assessment (R4 RiskAssessment.performer cannot reference an Organization)."
Context: RiskAssessment
* value[x] 1..1
* value[x] only Reference(KzMaternityHospital)

Extension: NeonatalRiskCriterionExtension
Id: neonatal-risk-criterion
Title: "Neonatal risk criterion"
Description: "A published criterion of the neonatal care standard that the newborn meets."
Context: RiskAssessment
* value[x] 1..1
* value[x] only CodeableConcept
* valueCodeableConcept from NeonatalRiskCriterionVS (required)

Invariant: kz-nra-1
Description: "A newborn in the high or moderate risk group has at least one criterion."
Severity: #error
Expression: "prediction.outcome.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/neonatal-risk-group' and (code = 'high' or code = 'moderate')).exists() implies extension.where(url = 'https://fhir.patronage.kz/StructureDefinition/neonatal-risk-criterion').exists()"

Profile: KzNeonatalRiskAssessment
Parent: RiskAssessment
Id: kz-neonatal-risk-assessment
Title: "KZ neonatal risk group"
Description: "The newborn's risk group (high, moderate, low) assigned by the maternity hospital at discharge under the neonatal care standard as amended on 21.08.2025: the maternity is the assessing organization, occurrence is the discharge, basis the birth weight, gestational age at birth and maternal conditions, and the criteria met are coded. The patronage nurse reads it; she does not make it."
* obeys kz-nra-1
* extension contains AssessingOrganization named assessingOrganization 1..1 MS and NeonatalRiskCriterionExtension named criterion 0..* MS
* status MS
* code 1..1 MS
* code = $PatronageCode#neonatal-risk-assessment
* subject MS
* subject only Reference(KzPatient)
* occurrence[x] 1..1 MS
* occurrence[x] only dateTime
* performer MS
* basis MS
* basis only Reference(KzBirthWeight or KzGestationalAgeAtBirth or KzEpdsTotal or Condition)
* prediction 1..1 MS
* prediction.outcome 1..1 MS
* prediction.outcome from NeonatalRiskGroupVS (required)
