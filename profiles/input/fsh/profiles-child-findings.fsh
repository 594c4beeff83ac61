// Child findings other than anthropometry: feeding, danger signs, development, birth data.

Profile: KzBreastfeedingStatus
Parent: Observation
Id: kz-breastfeeding-status
Title: "KZ infant feeding"
Description: "The child's feeding at the visit by the WHO IYCF categories, coded SNOMED CT 169740003 Infant feeding method (as the Danish KL children's guide does); LOINC 63895-7 Breastfeeding status is used by other guides for whether the subject herself breastfeeds, so it is not used here."
* insert ChildObservation
* status MS
* code = $SCT#169740003
* effective[x] 1..1
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from FeedingStatusVS (required)

Profile: KzDangerSign
Parent: Observation
Id: kz-danger-sign
Title: "KZ IMCI danger sign"
Description: "One IMCI danger sign checked at a visit: present (true) or looked for and absent (false). A present sign calls for immediate referral (workflow, not this profile)."
* insert ChildObservation
* status MS
* category 1..* MS
* category = $ObsCat#exam
* code MS
* code from DangerSignVS (required)
* effective[x] 1..1
* value[x] 1..1 MS
* value[x] only boolean

Profile: KzDevelopmentScreening
Parent: Observation
Id: kz-development-screening
Title: "KZ development screening"
Description: "Overall result of a child development screening (typical, monitor, refer). The instrument (GMCD from 2026) goes in method; domain-level results and the reporting structure are open questions."
* insert ChildObservation
* status MS
* code = $PatronageCode#development-screening
* effective[x] 1..1
* value[x] 1..1 MS
* value[x] only CodeableConcept
* valueCodeableConcept from DevelopmentResultVS (required)
* method MS

Profile: KzGestationalAgeAtBirth
Parent: Observation
Id: kz-gestational-age-at-birth
Title: "KZ gestational age at birth"
Description: "Completed weeks of gestation at birth (LOINC 76516-4 Gestational age at birth, more specific than 18185-9), from the maternity discharge record."
* insert ChildObservation
* status MS
* code = $LOINC#76516-4
* value[x] 1..1 MS
* value[x] only Quantity
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $UCUM (exactly)
* valueQuantity.code 1..1
* valueQuantity.code = #wk (exactly)

Profile: KzBirthWeight
Parent: http://hl7.org/fhir/StructureDefinition/bodyweight
Id: kz-birth-weight
Title: "KZ birth weight"
Description: "Weight at birth (LOINC 8339-4 besides the vital-signs 29463-7), from the maternity discharge record; effective is the time of birth."
* insert ChildObservation
* code.coding contains birthWeight 1..1 MS
* code.coding[birthWeight] = $LOINC#8339-4
* valueQuantity.code from ChildWeightUnitsVS (required)
