// Valid examples: referrals, their tasks, safeguarding flags and consents of the two families.

Instance: referral-ainur-mental-health
InstanceOf: KzReferral
Title: "Ainur referred urgently to the mental-health centre: EPDS 14 with item 10 scored 1"
Usage: #example
* insert Narrative(Ainur referred urgently to the mental-health centre: EPDS 14 with item 10 scored 1)
* status = #active
* intent = #order
* category[referral] = $SCT#3457005 "Patient referral"
* priority = #stat
* code = $ReferralTarget#mental-health-centre "Referral to the mental-health centre"
* subject = Reference(patient-ainur)
* authoredOn = "2026-11-27T11:20:00+05:00"
* requester = Reference(nurse-ainur)
* reasonCode[0] = $ReferralReason#epds-self-harm "EPDS item 10 above 0 (thoughts of self-harm)"
* reasonCode[1] = $ReferralReason#epds-high-score "EPDS total at or above the referral threshold"
* reasonReference = Reference(epds-total-ainur)
* supportingInfo = Reference(flag-ainur-self-harm)

Instance: referral-alikhan-jaundice
InstanceOf: KzReferral
Title: "Alikhan referred the same day to the district doctor for jaundice"
Usage: #example
* insert Narrative(Alikhan referred the same day to the district doctor for jaundice)
* status = #completed
* intent = #order
* category[referral] = $SCT#3457005 "Patient referral"
* priority = #stat
* code = $ReferralTarget#district-doctor "Referral to the district doctor"
* subject = Reference(patient-alikhan)
* encounter = Reference(visit-alikhan-nb3d)
* authoredOn = "2025-08-23T10:30:00+05:00"
* requester = Reference(nurse-dinara)
* reasonCode = $ReferralReason#danger-sign "Danger sign present"
* reasonReference = Reference(danger-alikhan-nb3d-jaundice)

Instance: referral-daniyar-social-protection
InstanceOf: KzReferral
Title: "Daniyar's family referred to the social protection department"
Usage: #example
* insert Narrative(Daniyar's family referred to the social protection department)
* status = #active
* intent = #order
* category[referral] = $SCT#3457005 "Patient referral"
* priority = #routine
* code = $ReferralTarget#social-protection "Referral to the social protection department"
* subject = Reference(patient-daniyar)
* encounter = Reference(visit-daniyar-u36m)
* authoredOn = "2026-01-11T16:10:00+05:00"
* requester = Reference(nurse-role-ainur)
* reasonCode[0] = $ReferralReason#family-risk "Family risk found by the needs assessment"
* reasonCode[1] = $ReferralReason#safeguarding "Safeguarding concern"
* supportingInfo[0] = Reference(risk-daniyar)
* supportingInfo[1] = Reference(flag-daniyar-domestic-violence)

RuleSet: SocialProtectionOwner
* owner.identifier.system = $BIN
* owner.identifier.value = "120640009811"
* owner.display = "Отдел занятости и социальных программ города Кызылорда"

Instance: task-referral-ainur-mental-health
InstanceOf: KzReferralTask
Title: "The mental-health centre is seeing Ainur"
Usage: #example
* insert Narrative(The mental-health centre is seeing Ainur)
* status = #in-progress
* intent = #order
* code = $TaskCode#fulfill "Fulfill the focal request"
* focus = Reference(referral-ainur-mental-health)
* for = Reference(patient-ainur)
* authoredOn = "2026-11-27T11:20:00+05:00"
* lastModified = "2026-11-27T15:00:00+05:00"
* requester = Reference(nurse-ainur)
* owner.display = "Центр психического здоровья, Кызылорда"

Instance: task-referral-alikhan-jaundice
InstanceOf: KzReferralTask
Title: "Alikhan's jaundice referral completed by the district doctor"
Usage: #example
* insert Narrative(Alikhan's jaundice referral completed by the district doctor)
* status = #completed
* intent = #order
* code = $TaskCode#fulfill "Fulfill the focal request"
* focus = Reference(referral-alikhan-jaundice)
* for = Reference(patient-alikhan)
* authoredOn = "2025-08-23T10:30:00+05:00"
* lastModified = "2025-08-23T16:00:00+05:00"
* requester = Reference(nurse-dinara)
* owner = Reference(polyclinic-3)
* output[0].type = $PatronageCode#referral-result "Result of the referral"
* output[0].valueString = "Seen by the district paediatrician on 23.08.2025: physiological jaundice, follow-up at the one-month visit"

Instance: task-referral-daniyar-social-protection
InstanceOf: KzReferralTask
Title: "The social protection department has received Daniyar's referral"
Usage: #example
* insert Narrative(The social protection department has received Daniyar's referral)
* status = #received
* intent = #order
* code = $TaskCode#fulfill "Fulfill the focal request"
* focus = Reference(referral-daniyar-social-protection)
* for = Reference(patient-daniyar)
* authoredOn = "2026-01-11T16:10:00+05:00"
* requester = Reference(nurse-role-ainur)
* insert SocialProtectionOwner

Instance: flag-daniyar-domestic-violence
InstanceOf: KzSafeguardingFlag
Title: "Safeguarding: domestic violence in Daniyar's family"
Usage: #example
* insert Narrative(Safeguarding: domestic violence in Daniyar's family)
* meta.security = $V3Confidentiality#R "restricted"
* status = #active
* category = $FlagCategory#safety "Safety"
* code = $SafeguardingConcern#domestic-violence "Domestic violence in the family"
* subject = Reference(patient-daniyar)
* period.start = "2026-01-11"
* encounter = Reference(visit-daniyar-u36m)
* author = Reference(nurse-role-ainur)

Instance: flag-ainur-self-harm
InstanceOf: KzSafeguardingFlag
Title: "Safeguarding: risk of self-harm of Ainur"
Usage: #example
* insert Narrative(Safeguarding: risk of self-harm of Ainur)
* meta.security = $V3Confidentiality#V "very restricted"
* status = #active
* category = $FlagCategory#safety "Safety"
* code = $SafeguardingConcern#self-harm-risk "Risk of self-harm of a parent"
* subject = Reference(patient-ainur)
* period.start = "2026-11-27"
* author = Reference(nurse-ainur)

RuleSet: ConsentBase(type, typeDisplay, scope, scopeDisplay)
* status = #active
* scope = $ConsentScope#{scope} "{scopeDisplay}"
* category[loinc] = $LOINC#59284-0 "Patient Consent"
* category[consentType] = $ConsentType#{type} "{typeDisplay}"
* policy[0].uri = "https://fhir.patronage.kz/policy/patronage-consent"

Instance: consent-gulnara-home-visiting
InstanceOf: KzConsent
Title: "Gulnara agrees to patronage home visits for Alikhan"
Usage: #example
* insert Narrative(Gulnara agrees to patronage home visits for Alikhan)
* insert ConsentBase(home-visiting, Consent to patronage home visits, treatment, Treatment)
* patient = Reference(patient-alikhan)
* dateTime = "2025-08-23T10:05:00+05:00"
* performer = Reference(mother-gulnara)
* organization = Reference(polyclinic-3)
* provision.type = #permit
* provision.period.start = "2025-08-23"

Instance: consent-ainur-social-sharing
InstanceOf: KzConsent
Title: "Ainur agrees that the polyclinic shares Daniyar's family situation with social protection"
Usage: #example
* insert Narrative(Ainur agrees that the polyclinic shares Daniyar's family situation with social protection)
* insert ConsentBase(social-services-sharing, Consent to share information with social services, patient-privacy, Privacy Consent)
* patient = Reference(patient-daniyar)
* dateTime = "2026-01-11T16:05:00+05:00"
* performer = Reference(mother-ainur)
* organization = Reference(polyclinic-7)
* provision.type = #permit
* provision.period.start = "2026-01-11"
* provision.period.end = "2027-01-11"
* provision.action = $ConsentAction#disclose "Disclose"
* provision.actor[0].role = http://terminology.hl7.org/CodeSystem/v3-ParticipationType#IRCP "information recipient"
* provision.actor[0].reference.identifier.system = $BIN
* provision.actor[0].reference.identifier.value = "120640009811"
* provision.actor[0].reference.display = "Отдел занятости и социальных программ города Кызылорда"

Instance: consent-ainur-home-visiting-newborn
InstanceOf: KzConsent
Title: "Ainur agrees to home visits for her newborn daughter"
Usage: #example
* insert Narrative(Ainur agrees to home visits for her newborn daughter)
* insert ConsentBase(home-visiting, Consent to patronage home visits, treatment, Treatment)
* patient = Reference(patient-newborn-provisional)
* dateTime = "2026-11-27T10:50:00+05:00"
* performer = Reference(patient-ainur)
* organization = Reference(polyclinic-7)
* provision.type = #permit
