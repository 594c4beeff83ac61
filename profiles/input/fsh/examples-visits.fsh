// Valid examples: episodes, care plans and home visits of the two families.

Instance: episode-alikhan
InstanceOf: KzPatronageEpisode
Title: "Patronage of Alikhan from birth"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Patronage of Alikhan from birth</p></div>"
* status = #active
* type = $EpisodeType#child "Child under five"
* patient = Reference(patient-alikhan)
* managingOrganization = Reference(polyclinic-3)
* period.start = "2025-08-20"
* careManager = Reference(nurse-dinara)

Instance: episode-gulnara-pregnancy
InstanceOf: KzPatronageEpisode
Title: "Antenatal patronage of Gulnara's pregnancy"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Antenatal patronage of Gulnara's pregnancy</p></div>"
* status = #finished
* type = $EpisodeType#pregnancy "Pregnancy"
* patient = Reference(patient-gulnara)
* managingOrganization = Reference(polyclinic-3)
* period.start = "2025-01-10"
* period.end = "2025-08-20"

Instance: episode-daniyar
InstanceOf: KzPatronageEpisode
Title: "Patronage of Daniyar from birth"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Patronage of Daniyar from birth</p></div>"
* status = #active
* type = $EpisodeType#child "Child under five"
* patient = Reference(patient-daniyar)
* managingOrganization = Reference(polyclinic-7)
* period.start = "2023-01-08"

RuleSet: Activity(code, status, start, end)
* activity[+].detail.code = $VisitType#{code}
* activity[=].detail.status = #{status}
* activity[=].detail.scheduledPeriod.start = "{start}"
* activity[=].detail.scheduledPeriod.end = "{end}"

Instance: careplan-alikhan
InstanceOf: KzPatronageCarePlan
Title: "Universal visit plan of Alikhan"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Universal visit plan of Alikhan</p></div>"
* status = #active
* intent = #plan
* category[patronage] = $PatronageCategory#universal "Universal patronage"
* subject = Reference(patient-alikhan)
* period.start = "2025-08-20"
* insert Activity(NB-3D, completed, 2025-08-22, 2025-08-25)
* activity[0].outcomeReference = Reference(visit-alikhan-nb3d)
* insert Activity(U-1M, completed, 2025-09-13, 2025-09-27)
* activity[1].outcomeReference = Reference(visit-alikhan-u1m)
* insert Activity(U-2M, scheduled, 2025-10-13, 2025-10-27)

Instance: careplan-daniyar
InstanceOf: KzPatronageCarePlan
Title: "Progressive visit plan of Daniyar"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Progressive visit plan of Daniyar</p></div>"
* status = #active
* intent = #plan
* category[patronage] = $PatronageCategory#progressive "Progressive patronage"
* subject = Reference(patient-daniyar)
* period.start = "2023-01-08"
* supportingInfo = Reference(risk-daniyar)
* insert Activity(U-36M, completed, 2025-12-25, 2026-01-25)
* activity[0].outcomeReference = Reference(visit-daniyar-u36m)
* insert Activity(PROG, scheduled, 2026-02-01, 2026-02-15)
* activity[1].detail.extension[riskAssessment].valueReference = Reference(risk-daniyar)

RuleSet: Visit(type, subject, episode, plan, nurse, provider, start)
* type[snomedHomeVisit] = $SCT#439708006 "Home visit"
* type[visitType] = $VisitType#{type}
* class = $V3ActCode#HH "home health"
* subject = Reference({subject})
* episodeOfCare = Reference({episode})
* extension[basedOnCarePlan].valueReference = Reference({plan})
* participant[nurse].type = http://terminology.hl7.org/CodeSystem/v3-ParticipationType#PPRF "primary performer"
* participant[nurse].individual = Reference({nurse})
* serviceProvider = Reference({provider})
* period.start = "{start}"

Instance: visit-alikhan-nb3d
InstanceOf: KzPatronageEncounter
Title: "Newborn visit to Alikhan, joint with the doctor"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Newborn visit to Alikhan, joint with the doctor</p></div>"
* status = #finished
* extension[visitOutcome].valueCodeableConcept = $VisitOutcome#done "Visit done"
* insert Visit(NB-3D, patient-alikhan, episode-alikhan, careplan-alikhan, nurse-dinara, polyclinic-3, 2025-08-23T10:00:00+05:00)
* type[snomedHomeVisit] = $SCT#225929007 "Joint home visit"
* participant[1].individual.display = "District paediatrician"

Instance: visit-alikhan-u1m
InstanceOf: KzPatronageEncounter
Title: "One-month visit to Alikhan"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>One-month visit to Alikhan</p></div>"
* status = #finished
* extension[visitOutcome].valueCodeableConcept = $VisitOutcome#done "Visit done"
* insert Visit(U-1M, patient-alikhan, episode-alikhan, careplan-alikhan, nurse-dinara, polyclinic-3, 2025-09-20T09:00:00+05:00)
* period.end = "2025-09-20T09:40:00+05:00"

Instance: visit-daniyar-u36m
InstanceOf: KzPatronageEncounter
Title: "36-month visit to Daniyar"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>36-month visit to Daniyar</p></div>"
* status = #finished
* extension[visitOutcome].valueCodeableConcept = $VisitOutcome#done "Visit done"
* insert Visit(U-36M, patient-daniyar, episode-daniyar, careplan-daniyar, nurse-role-ainur, polyclinic-7, 2026-01-11T15:30:00+05:00)

Instance: visit-daniyar-absent
InstanceOf: KzPatronageEncounter
Title: "Progressive visit to Daniyar, family absent"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Progressive visit to Daniyar, family absent</p></div>"
* status = #cancelled
* extension[visitOutcome].valueCodeableConcept = $VisitOutcome#family-absent "Family absent"
* insert Visit(PROG, patient-daniyar, episode-daniyar, careplan-daniyar, nurse-ainur, polyclinic-7, 2026-02-03T11:00:00+05:00)
