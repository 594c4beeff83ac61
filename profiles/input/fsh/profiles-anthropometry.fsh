// Child anthropometry on the FHIR R4 vital-signs profiles, and the growth z-score.

RuleSet: ChildObservation
* subject 1..1 MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* effective[x] MS
* performer MS

ValueSet: ChildWeightUnitsVS
Id: child-weight-units
Title: "Child weight units"
Description: "UCUM units for a child's weight: grams or kilograms."
* insert LocalValueSet
* $UCUM#g "gram"
* $UCUM#kg "kilogram"

ValueSet: MuacUnitsVS
Id: muac-units
Title: "MUAC units"
Description: "UCUM units for mid-upper arm circumference: centimetres or millimetres."
* insert LocalValueSet
* $UCUM#cm "centimeter"
* $UCUM#mm "millimeter"

ValueSet: MeasurementPositionVS
Id: measurement-position
Title: "Length measurement position"
Description: "Body position for length/height: recumbent (length, under 24 months) or standing (height, from 24 months), per the WHO growth standards (docs/domain.md §5)."
* insert LocalValueSet
* $SCT#102538003 "Recumbent body position"
* $SCT#10904000 "Orthostatic body position"

Profile: KzChildBodyWeight
Parent: http://hl7.org/fhir/StructureDefinition/bodyweight
Id: kz-child-body-weight
Title: "KZ child body weight"
Description: "A child's weight measured at a home visit, in g or kg."
* insert ChildObservation
* valueQuantity.code from ChildWeightUnitsVS (required)

Invariant: kz-len-1
Description: "A recumbent length (LOINC 8306-3) is measured lying down; a standing height is not coded 8306-3."
Severity: #error
Expression: "code.coding.where(system = 'http://loinc.org' and code = '8306-3').exists() = extension.where(url = 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition').value.ofType(CodeableConcept).coding.where(system = 'http://snomed.info/sct' and code = '102538003').exists()"

Profile: KzChildBodyLength
Parent: http://hl7.org/fhir/StructureDefinition/bodyheight
Id: kz-child-body-length
Title: "KZ child length or height"
Description: "A child's recumbent length (under 24 months: LOINC 8306-3 besides 8302-2) or standing height, in cm, with the body position. Whether the position fits the child's age needs the birth date and is a validator rule outside this profile."
* obeys kz-len-1
* insert ChildObservation
* extension contains $BodyPosition named bodyPosition 1..1 MS
* extension[bodyPosition].valueCodeableConcept from MeasurementPositionVS (required)
* code.coding contains lying 0..1 MS
* code.coding[lying] = $LOINC#8306-3
* valueQuantity.code = #cm

Profile: KzChildHeadCircumference
Parent: http://hl7.org/fhir/StructureDefinition/headcircum
Id: kz-child-head-circumference
Title: "KZ child head circumference"
Description: "Occipital-frontal head circumference of a child, in cm."
* insert ChildObservation
* valueQuantity.code = #cm

Profile: KzChildBmi
Parent: http://hl7.org/fhir/StructureDefinition/bmi
Id: kz-child-bmi
Title: "KZ child BMI"
Description: "A child's body mass index in kg/m2, derived from weight and length/height taken at the same visit."
* insert ChildObservation
* derivedFrom MS
* derivedFrom only Reference(KzChildBodyWeight or KzChildBodyLength)

Profile: KzChildMuac
Parent: http://hl7.org/fhir/StructureDefinition/vitalsigns
Id: kz-child-muac
Title: "KZ child MUAC"
Description: "Mid-upper arm circumference (6-59 months), in cm or mm, measured on the left arm as WHO does: SNOMED CT 284473002 (no side in the code; LOINC 56072-2 names the right arm) with bodySite left upper arm. The SAM/MAM cut-offs are data (profiles/parameters/patronage-parameters.json)."
* insert ChildObservation
* code.coding ^slicing.discriminator.type = #pattern
* code.coding ^slicing.discriminator.path = "$this"
* code.coding ^slicing.rules = #open
* code.coding contains muac 1..1 MS
* code.coding[muac] = $SCT#284473002
* bodySite 1..1 MS
* bodySite = $SCT#368208006
* value[x] only Quantity
* valueQuantity 1..1 MS
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $UCUM (exactly)
* valueQuantity.code 1..1
* valueQuantity.code from MuacUnitsVS (required)

Profile: KzGrowthZScore
Parent: Observation
Id: kz-growth-zscore
Title: "KZ growth z-score"
Description: "A WHO Child Growth Standards z-score (weight-for-age, length/height-for-age, weight-for-length/height, head circumference-for-age, BMI-for-age, arm circumference-for-age), computed by the gateway from the measurements it derives from, with its WHO classification (plus, for generic consumers, the HL7 interpretation N, L or H in the same CodeableConcept, which the base extensible binding asks for). The method text names the LMS table version."
* insert ChildObservation
* status MS
* category 1..* MS
* category = $ObsCat#exam
* code MS
* code from GrowthIndicatorVS (required)
* effective[x] 1..1
* effective[x] only dateTime
* value[x] 1..1 MS
* value[x] only Quantity
* valueQuantity.value 1..1
* valueQuantity.system 1..1
* valueQuantity.system = $UCUM (exactly)
* valueQuantity.code 1..1
* valueQuantity.code = #{z-score} (exactly)
* interpretation 1..1 MS
* interpretation from WhoGrowthClassificationVS (required)
* method 1..1 MS
* method = $PatronageCode#who-anthro-lms
* derivedFrom 1..* MS
* derivedFrom only Reference(KzChildBodyWeight or KzChildBodyLength or KzChildHeadCircumference or KzChildBmi or KzChildMuac)
