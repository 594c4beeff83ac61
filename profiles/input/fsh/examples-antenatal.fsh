// Valid examples: Gulnara's antenatal visits (AN1, AN2) and Ainur's postpartum danger signs.

RuleSet: Narrative(text)
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{text}</p></div>"

RuleSet: AtGulnara(encounter, time)
* status = #final
* subject = Reference(patient-gulnara)
* encounter = Reference({encounter})
* effectiveDateTime = "{time}"
* performer = Reference(nurse-dinara)

Instance: careplan-gulnara-pregnancy
InstanceOf: KzPatronageCarePlan
Title: "Antenatal visit plan of Gulnara's pregnancy"
Usage: #example
* insert Narrative(Antenatal visit plan of Gulnara's pregnancy)
* status = #completed
* intent = #plan
* category[patronage] = $PatronageCategory#universal "Universal patronage"
* subject = Reference(patient-gulnara)
* period.start = "2025-01-10"
* period.end = "2025-08-20"
* insert Activity(AN1, completed, 2025-03-01, 2025-03-31)
* activity[0].outcomeReference = Reference(visit-gulnara-an1)
* insert Activity(AN2, completed, 2025-07-01, 2025-07-31)
* activity[1].outcomeReference = Reference(visit-gulnara-an2)

Instance: visit-gulnara-an1
InstanceOf: KzPatronageEncounter
Title: "First antenatal visit to Gulnara"
Usage: #example
* insert Narrative(First antenatal visit to Gulnara)
* status = #finished
* extension[visitOutcome].valueCodeableConcept = $VisitOutcome#done "Visit done"
* insert Visit(AN1, patient-gulnara, episode-gulnara-pregnancy, careplan-gulnara-pregnancy, nurse-dinara, polyclinic-3, 2025-03-12T11:00:00+05:00)

Instance: visit-gulnara-an2
InstanceOf: KzPatronageEncounter
Title: "Second antenatal visit to Gulnara"
Usage: #example
* insert Narrative(Second antenatal visit to Gulnara)
* status = #finished
* extension[visitOutcome].valueCodeableConcept = $VisitOutcome#done "Visit done"
* insert Visit(AN2, patient-gulnara, episode-gulnara-pregnancy, careplan-gulnara-pregnancy, nurse-dinara, polyclinic-3, 2025-07-15T10:00:00+05:00)

RuleSet: BloodPressure(systolic, diastolic)
* component[SystolicBP].valueQuantity = {systolic} 'mm[Hg]' "mmHg"
* component[DiastolicBP].valueQuantity = {diastolic} 'mm[Hg]' "mmHg"

Instance: bp-gulnara-an1
InstanceOf: KzMaternalBloodPressure
Title: "Gulnara's blood pressure at AN1: 110/70"
Usage: #example
* insert Narrative(Gulnara's blood pressure at AN1: 110/70)
* insert AtGulnara(visit-gulnara-an1, 2025-03-12T11:10:00+05:00)
* insert BloodPressure(110, 70)

Instance: bp-gulnara-an2
InstanceOf: KzMaternalBloodPressure
Title: "Gulnara's blood pressure at AN2: 118/76"
Usage: #example
* insert Narrative(Gulnara's blood pressure at AN2: 118/76)
* insert AtGulnara(visit-gulnara-an2, 2025-07-15T10:10:00+05:00)
* insert BloodPressure(118, 76)

Instance: maternal-weight-gulnara-an1
InstanceOf: KzMaternalBodyWeight
Title: "Gulnara's weight at AN1"
Usage: #example
* insert Narrative(Gulnara's weight at AN1)
* insert AtGulnara(visit-gulnara-an1, 2025-03-12T11:10:00+05:00)
* valueQuantity = 62.4 'kg' "kg"

Instance: maternal-weight-gulnara-an2
InstanceOf: KzMaternalBodyWeight
Title: "Gulnara's weight at AN2"
Usage: #example
* insert Narrative(Gulnara's weight at AN2)
* insert AtGulnara(visit-gulnara-an2, 2025-07-15T10:10:00+05:00)
* valueQuantity = 70.5 'kg' "kg"

Instance: fundal-height-gulnara-an1
InstanceOf: KzFundalHeight
Title: "Gulnara's fundal height at AN1 at 18 weeks"
Usage: #example
* insert Narrative(Gulnara's fundal height at AN1 at 18 weeks)
* insert AtGulnara(visit-gulnara-an1, 2025-03-12T11:15:00+05:00)
* valueQuantity = 18 'cm' "cm"

Instance: fundal-height-gulnara-an2
InstanceOf: KzFundalHeight
Title: "Gulnara's fundal height at AN2 at 35 weeks"
Usage: #example
* insert Narrative(Gulnara's fundal height at AN2 at 35 weeks)
* insert AtGulnara(visit-gulnara-an2, 2025-07-15T10:15:00+05:00)
* valueQuantity = 34 'cm' "cm"

Instance: pregnancy-status-gulnara-an1
InstanceOf: KzPregnancyStatus
Title: "Gulnara pregnant at AN1"
Usage: #example
* insert Narrative(Gulnara pregnant at AN1)
* insert AtGulnara(visit-gulnara-an1, 2025-03-12T11:05:00+05:00)
* valueCodeableConcept = $SCT#77386006 "Pregnant"

Instance: pregnancy-status-ainur-postpartum
InstanceOf: KzPregnancyStatus
Title: "Ainur not pregnant a week after birth"
Usage: #example
* insert Narrative(Ainur not pregnant a week after birth)
* status = #final
* subject = Reference(patient-ainur)
* effectiveDateTime = "2026-11-27T11:00:00+05:00"
* performer = Reference(nurse-ainur)
* valueCodeableConcept = $SCT#60001007 "Not pregnant"

Instance: edd-gulnara-an1
InstanceOf: KzEstimatedDueDate
Title: "Gulnara's estimated due date 13.08.2025"
Usage: #example
* insert Narrative(Gulnara's estimated due date 13.08.2025)
* insert AtGulnara(visit-gulnara-an1, 2025-03-12T11:05:00+05:00)
* valueDateTime = "2025-08-13"
* method.text = "From the last menstrual period (6 November 2024)"

Instance: edd-gulnara-an2
InstanceOf: KzEstimatedDueDate
Title: "Gulnara's estimated due date confirmed at AN2"
Usage: #example
* insert Narrative(Gulnara's estimated due date confirmed at AN2)
* insert AtGulnara(visit-gulnara-an2, 2025-07-15T10:05:00+05:00)
* valueDateTime = "2025-08-13"

Instance: gestational-age-gulnara-an1
InstanceOf: KzGestationalAge
Title: "Gulnara at 18 weeks at AN1"
Usage: #example
* insert Narrative(Gulnara at 18 weeks at AN1)
* insert AtGulnara(visit-gulnara-an1, 2025-03-12T11:05:00+05:00)
* valueQuantity = 18 'wk' "wk"

Instance: gestational-age-gulnara-an2
InstanceOf: KzGestationalAge
Title: "Gulnara at 35 weeks at AN2"
Usage: #example
* insert Narrative(Gulnara at 35 weeks at AN2)
* insert AtGulnara(visit-gulnara-an2, 2025-07-15T10:05:00+05:00)
* valueQuantity = 35 'wk' "wk"

Instance: maternal-danger-gulnara-an2-oedema
InstanceOf: KzMaternalDangerSign
Title: "Swelling of face and hands at Gulnara's AN2 visit"
Usage: #example
* insert Narrative(Swelling of face and hands at Gulnara's AN2 visit)
* insert AtGulnara(visit-gulnara-an2, 2025-07-15T10:20:00+05:00)
* code = $MaternalDangerSign#oedema "Swelling of face or hands"
* valueBoolean = true

Instance: maternal-danger-ainur-bleeding
InstanceOf: KzMaternalDangerSign
Title: "No bleeding a week after Ainur gave birth"
Usage: #example
* insert Narrative(No bleeding a week after Ainur gave birth)
* status = #final
* subject = Reference(patient-ainur)
* effectiveDateTime = "2026-11-27T11:05:00+05:00"
* performer = Reference(nurse-ainur)
* code = $MaternalDangerSign#vaginal-bleeding "Vaginal bleeding"
* valueBoolean = false
