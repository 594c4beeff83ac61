// Referral, its tracking Task, the safeguarding Flag and the family's consent.

Invariant: kz-ref-1
Description: "A referral names what it is based on: a finding in reasonReference or an assessment in supportingInfo."
Severity: #error
Expression: "reasonReference.exists() or supportingInfo.exists()"

Invariant: kz-ref-2
Description: "A referral for a danger sign or for an EPDS item 10 above 0 (thoughts of self-harm) has priority stat."
Severity: #error
Expression: "reasonCode.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/referral-reason' and (code = 'danger-sign' or code = 'epds-self-harm')).exists() implies priority = 'stat'"

Profile: KzReferral
Parent: ServiceRequest
Id: kz-referral
Title: "KZ referral"
Description: "A patronage nurse's referral of a child or a parent to a service (category SNOMED CT 3457005 Patient referral; code the referral target). reasonCode says why; reasonReference points at the finding (EPDS total, danger sign, home hazard, injury) and supportingInfo at a RiskAssessment, since R4 reasonReference cannot reference a RiskAssessment. Danger signs and EPDS item 10 above 0 need priority stat (kz-ref-2): the rule is checked on the reason codes, because the referenced resources are not in the resource."
* obeys kz-ref-1 and kz-ref-2
* status MS
* intent = #order (exactly)
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains referral 1..1 MS
* category[referral] = $SCT#3457005
* priority 1..1 MS
* code 1..1 MS
* code from ReferralTargetVS (required)
* subject MS
* subject only Reference(KzPatient)
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* authoredOn 1..1 MS
* requester 1..1 MS
* requester only Reference(KzPatronageNurse or KzPatronageNurseRole)
* performer MS
* reasonCode 1..* MS
* reasonCode from ReferralReasonVS (required)
* reasonReference MS
* reasonReference only Reference(KzEpdsTotal or KzDangerSign or KzMaternalDangerSign or KzHomeHazard or KzInjury or KzDevelopmentScreening)
* supportingInfo MS
* supportingInfo only Reference(KzFamilyRiskAssessment or KzNeonatalRiskAssessment or KzSafeguardingFlag)

Invariant: kz-task-1
Description: "A referral task that is accepted, in progress or completed has an owner."
Severity: #error
Expression: "(status = 'accepted' or status = 'in-progress' or status = 'completed') implies owner.exists()"

Invariant: kz-task-2
Description: "A completed referral task links its result in output."
Severity: #error
Expression: "status = 'completed' implies output.exists()"

Profile: KzReferralTask
Parent: Task
Id: kz-referral-task
Title: "KZ referral task"
Description: "Tracks one referral (focus) from requested to completed (or rejected, cancelled, failed); the gateway enforces the state machine (requested → received → accepted → in-progress → completed; no move out of a final state). The receiving service is the owner; output links the result (a consultation, a social assessment)."
* obeys kz-task-1 and kz-task-2
* status MS
* statusReason MS
* businessStatus MS
* intent = #order (exactly)
* code 1..1 MS
* code = $TaskCode#fulfill
* focus 1..1 MS
* focus only Reference(KzReferral)
* for 1..1 MS
* for only Reference(KzPatient)
* authoredOn 1..1 MS
* lastModified MS
* requester MS
* requester only Reference(KzPatronageNurse or KzPatronageNurseRole)
* owner MS
* output MS
* output.type = $PatronageCode#referral-result
* output.value[x] only Reference or string

Invariant: kz-flag-1
Description: "A safeguarding flag carries the confidentiality label R (restricted) or V (very restricted)."
Severity: #error
Expression: "meta.security.where(system = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality' and (code = 'R' or code = 'V')).exists()"

Profile: KzSafeguardingFlag
Parent: Flag
Id: kz-safeguarding-flag
Title: "KZ safeguarding flag"
Description: "A safeguarding concern about a child or a parent (domestic violence, neglect, risk of self-harm). It carries a v3 confidentiality label R or V in meta.security, so that access control can restrict who reads it."
* obeys kz-flag-1
* meta 1..1 MS
* meta.security 1..* MS
* status MS
* category 1..* MS
* category = $FlagCategory#safety
* code MS
* code from SafeguardingConcernVS (required)
* subject MS
* subject only Reference(KzPatient)
* period 1..1 MS
* period.start 1..1
* encounter MS
* encounter only Reference(KzPatronageEncounter)
* author MS
* author only Reference(KzPatronageNurse or KzPatronageNurseRole)

Invariant: kz-consent-1
Description: "Consent to home visits has scope treatment; consent to share with social services has scope patient-privacy."
Severity: #error
Expression: "(category.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/consent-type' and code = 'home-visiting').exists() implies scope.coding.where(system = 'http://terminology.hl7.org/CodeSystem/consentscope' and code = 'treatment').exists()) and (category.coding.where(system = 'https://fhir.patronage.kz/CodeSystem/consent-type' and code = 'social-services-sharing').exists() implies scope.coding.where(system = 'http://terminology.hl7.org/CodeSystem/consentscope' and code = 'patient-privacy').exists())"

Profile: KzConsent
Parent: Consent
Id: kz-consent
Title: "KZ patronage consent"
Description: "The family's agreement (or refusal) to patronage home visits, or to sharing its information with social services. The category names which; the provision permits or denies; for sharing, provision.actor names the receiving service. The legal basis in Kazakhstan is an open question."
* obeys kz-consent-1
* status MS
* scope MS
* category 2..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains loinc 1..1 MS and consentType 1..1 MS
* category[loinc] = $LOINC#59284-0
* category[consentType] from ConsentTypeVS (required)
* category[consentType] ^patternCodeableConcept.coding.system = $ConsentType
* patient 1..1 MS
* patient only Reference(KzPatient)
* dateTime 1..1 MS
* performer 1..* MS
* performer only Reference(KzPatient or KzMotherRelatedPerson)
* organization 1..1 MS
* organization only Reference(KzPolyclinic)
* provision 1..1 MS
* provision.type 1..1 MS
* provision.period MS
* provision.actor MS
