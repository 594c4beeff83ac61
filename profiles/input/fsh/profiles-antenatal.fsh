// Antenatal and postnatal findings of the mother at the AN1/AN2 visits and after birth.

RuleSet: MaternalObservation
* status MS
* subject 1..1 MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* effective[x] 1..1 MS
* performer MS

Profile: KzMaternalBloodPressure
Parent: http://hl7.org/fhir/StructureDefinition/bp
Id: kz-maternal-blood-pressure
Title: "KZ maternal blood pressure"
Description: "The pregnant or postpartum woman's blood pressure on the FHIR vital-signs panel (LOINC 85354-9 with systolic 8480-6 and diastolic 8462-4, mm[Hg])."
* insert MaternalObservation

Profile: KzMaternalBodyWeight
Parent: http://hl7.org/fhir/StructureDefinition/bodyweight
Id: kz-maternal-body-weight
Title: "KZ maternal body weight"
Description: "The pregnant woman's weight (LOINC 29463-7) in kg."
* insert MaternalObservation
* valueQuantity.code = #kg

RuleSet: MaternalQuantity(unit)
* value[x] 1..1 MS
* value[x] only Quantity
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $UCUM (exactly)
* valueQuantity.code 1..1
* valueQuantity.code = #{unit} (exactly)

Profile: KzFundalHeight
Parent: Observation
Id: kz-fundal-height
Title: "KZ fundal height"
Description: "Symphysis-fundal height measured by tape (LOINC 11881-0 Uterus Fundal height Tape measure), in cm."
* insert MaternalObservation
* category 1..* MS
* category = $ObsCat#exam
* code = $LOINC#11881-0
* insert MaternalQuantity(cm)

Profile: KzPregnancyStatus
Parent: Observation
Id: kz-pregnancy-status
Title: "KZ pregnancy status"
Description: "Whether the woman is pregnant (LOINC 82810-3 Pregnancy status, answers in SNOMED CT as the IPS pregnancy status observation)."
* insert MaternalObservation
* code = $LOINC#82810-3
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from PregnancyStatusVS (required)

Profile: KzEstimatedDueDate
Parent: Observation
Id: kz-estimated-due-date
Title: "KZ estimated due date"
Description: "The estimated date of delivery (LOINC 11778-8 Delivery date Estimated), usually from the last menstrual period or the first ultrasound."
* insert MaternalObservation
* code = $LOINC#11778-8
* value[x] 1..1 MS
* value[x] only dateTime
* method MS

Profile: KzGestationalAge
Parent: Observation
Id: kz-gestational-age
Title: "KZ gestational age"
Description: "Gestational age of the current pregnancy at the visit (LOINC 18185-9 Gestational age), in completed weeks; the gestational age at birth of a child is kz-gestational-age-at-birth (76516-4)."
* insert MaternalObservation
* code = $LOINC#18185-9
* insert MaternalQuantity(wk)

Profile: KzMaternalDangerSign
Parent: Observation
Id: kz-maternal-danger-sign
Title: "KZ pregnancy or postpartum danger sign"
Description: "One pregnancy or postpartum danger sign asked about at a visit: present (true) or asked about and absent (false). A present sign calls for a referral with priority stat (kz-referral)."
* insert MaternalObservation
* category 1..* MS
* category = $ObsCat#exam
* code MS
* code from MaternalDangerSignVS (required)
* value[x] 1..1 MS
* value[x] only boolean
