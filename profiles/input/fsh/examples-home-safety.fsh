// The home-safety questionnaire and valid examples: hazards, injuries and counselling.

Instance: home-safety
InstanceOf: Questionnaire
Title: "Home safety check"
Usage: #definition
* insert Narrative(Home safety check)
* url = "https://fhir.patronage.kz/Questionnaire/home-safety"
* name = "HomeSafety"
* title = "Home safety check"
* version = "0.1.0"
* status = #draft
* description = "Age-specific hazards the nurse looks for at home. Each question is asked from the age in its code's min-age-months property; each hazard answered true becomes one kz-home-hazard Observation."
* insert HazardItem(unsafe-sleep-position, Is the baby put to sleep other than on the back?)
* insert HazardItem(unsafe-sleep-place, Does the baby sleep on soft bedding or in an adult bed?)
* insert HazardItem(hot-liquids, Are hot drinks or food within the child's reach?)
* insert HazardItem(fall-risk, Are stairs or high surfaces left without guards?)
* insert HazardItem(unguarded-windows, Are windows or balconies without guards?)
* insert HazardItem(poisons-medicines, Are medicines or household chemicals within reach?)
* insert HazardItem(drowning-risk, Is there open standing water or is the child left alone in the bath?)
* insert HazardItem(no-car-seat, Does the child travel by car without a child car seat?)

RuleSet: HazardItem(code, text)
* item[+].linkId = "{code}"
* item[=].code = $HomeHazard#{code}
* item[=].text = "{text}"
* item[=].type = #boolean

RuleSet: Hazard(subject, encounter, time, performer, code, display)
* status = #final
* subject = Reference({subject})
* encounter = Reference({encounter})
* effectiveDateTime = "{time}"
* performer = Reference({performer})
* valueCodeableConcept = $HomeHazard#{code} "{display}"

Instance: hazard-daniyar-hot-liquids
InstanceOf: KzHomeHazard
Title: "Hot drinks within Daniyar's reach"
Usage: #example
* insert Narrative(Hot drinks within Daniyar's reach)
* insert Hazard(patient-daniyar, visit-daniyar-u36m, 2026-01-11T15:55:00+05:00, nurse-ainur, hot-liquids, Hot liquids or food within the child's reach)

Instance: hazard-daniyar-windows
InstanceOf: KzHomeHazard
Title: "Unguarded windows in Daniyar's home"
Usage: #example
* insert Narrative(Unguarded windows in Daniyar's home)
* insert Hazard(patient-daniyar, visit-daniyar-u36m, 2026-01-11T15:55:00+05:00, nurse-ainur, unguarded-windows, Windows or balconies without guards)

Instance: hazard-alikhan-sleep-place
InstanceOf: KzHomeHazard
Title: "Alikhan sleeps in his parents' bed"
Usage: #example
* insert Narrative(Alikhan sleeps in his parents' bed)
* insert Hazard(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:25:00+05:00, nurse-dinara, unsafe-sleep-place, Unsafe sleeping place)

Instance: injury-daniyar-burn
InstanceOf: KzInjury
Title: "Daniyar's scald of the hand from a hot drink"
Usage: #example
* insert Narrative(Daniyar's scald of the hand from a hot drink)
* extension[externalCause].valueCodeableConcept = $ICD10#X10 "Contact with hot drinks, food, fats and cooking oils"
* clinicalStatus = http://terminology.hl7.org/CodeSystem/condition-clinical#resolved
* category = $ConditionCategory#problem-list-item "Problem List Item"
* code = $ICD10#T23.2 "Burn of second degree of wrist and hand"
* subject = Reference(patient-daniyar)
* encounter = Reference(visit-daniyar-u36m)
* onsetDateTime = "2025-12-20"
* recordedDate = "2026-01-11"
* recorder = Reference(nurse-ainur)

Instance: injury-daniyar-fall
InstanceOf: KzInjury
Title: "Daniyar's bruise of the scalp after a fall from bed"
Usage: #example
* insert Narrative(Daniyar's bruise of the scalp after a fall from bed)
* extension[externalCause].valueCodeableConcept = $ICD10#W06 "Fall involving bed"
* clinicalStatus = http://terminology.hl7.org/CodeSystem/condition-clinical#resolved
* category = $ConditionCategory#problem-list-item "Problem List Item"
* code = $ICD10#S00.0 "Superficial injury of scalp"
* subject = Reference(patient-daniyar)
* onsetDateTime = "2024-06-03"

Instance: counselling-daniyar-u36m
InstanceOf: KzSafetyCounselling
Title: "Home safety counselling for Daniyar's mother"
Usage: #example
* insert Narrative(Home safety counselling for Daniyar's mother)
* status = #completed
* code = $PatronageCode#home-safety-counselling "Home safety and injury prevention counselling"
* subject = Reference(patient-daniyar)
* encounter = Reference(visit-daniyar-u36m)
* performedDateTime = "2026-01-11T16:00:00+05:00"
* performer.actor = Reference(nurse-ainur)
* reasonReference[0] = Reference(hazard-daniyar-hot-liquids)
* reasonReference[1] = Reference(hazard-daniyar-windows)
* reasonReference[2] = Reference(injury-daniyar-burn)
* note.text = "Window guards and keeping hot drinks out of reach discussed; leaflet given in Kazakh."

Instance: counselling-alikhan-u1m
InstanceOf: KzSafetyCounselling
Title: "Safe sleep counselling for Alikhan's parents"
Usage: #example
* insert Narrative(Safe sleep counselling for Alikhan's parents)
* status = #completed
* code = $PatronageCode#home-safety-counselling "Home safety and injury prevention counselling"
* subject = Reference(patient-alikhan)
* encounter = Reference(visit-alikhan-u1m)
* performedDateTime = "2025-09-20T09:30:00+05:00"
* performer.actor = Reference(nurse-dinara)
* reasonReference = Reference(hazard-alikhan-sleep-place)
