// ConceptMaps of the programme content: where the findings that polyclinic exports carry today
// (EPDS, "насилие в семье", unsafe home; test/fixtures/shared-samples) lead, and vaccine codes to ATC.
// Routing maps use equivalence relatedto: a risk factor does not mean a referral target, it
// leads to one; the nurse and the workflow decide.

RuleSet: GuideConceptMap(id, name)
* url = "https://fhir.patronage.kz/ConceptMap/{id}"
* name = "{name}"
* version = "0.1.0"
* status = #draft
* experimental = false
* publisher = "Patronage FHIR gateway team"

Instance: mis-risk-factor-routing
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS risk factors (faktory_riska) to safeguarding concern and referral target"
Description: "Where a family risk factor of the export leads besides the family assessment: domestic violence raises a safeguarding Flag and a referral to the social protection department; postpartum depression a referral to the mental-health centre; the social factors a referral to social protection or the primary-care social worker. Factors without an entry lead to no referral by themselves."
* insert MisConceptMap(mis-risk-factor-routing, MisRiskFactorRouting, faktory_riska)
* insert Group(faktory_riska, https://fhir.patronage.kz/CodeSystem/safeguarding-concern)
* insert Map("насилие в семье", domestic-violence, Domestic violence in the family, equivalent)
* insert Group(faktory_riska, https://fhir.patronage.kz/CodeSystem/referral-target)
* insert Map("насилие в семье", social-protection, Referral to the social protection department, relatedto)
* insert Map("послеродовая депрессия", mental-health-centre, Referral to the mental-health centre, relatedto)
* insert Map("малообеспеченная семья", social-protection, Referral to the social protection department, relatedto)
* insert Map("инвалидность родителя", social-protection, Referral to the social protection department, relatedto)
* insert Map("алкоголь в семье", phc-social-worker, Referral to the primary-care social worker, relatedto)
* insert Map("нет прикрепления к ПМСП", phc-social-worker, Referral to the primary-care social worker, relatedto)
* insert Map("мать-подросток", phc-psychologist, Referral to the primary-care psychologist, relatedto)
* insert Map("врожденный порок", early-intervention-centre, Referral to the early-intervention centre, relatedto)

Instance: risk-factor-routing
InstanceOf: ConceptMap
Usage: #definition
Title: "Family risk factor to referral reason"
Description: "The referral reason (kz-referral reasonCode) that a family risk factor of the guide gives: domestic violence and signs of neglect are safeguarding, unsafe sleep or home hazards lead to the home-safety check and counselling (home-hazard), the others are family risk."
* insert GuideConceptMap(risk-factor-routing, RiskFactorRouting)
* sourceUri = "https://fhir.patronage.kz/ValueSet/family-risk-factor"
* group[+].source = "https://fhir.patronage.kz/CodeSystem/risk-factor"
* group[=].target = "https://fhir.patronage.kz/CodeSystem/referral-reason"
* insert Map(domestic-violence, safeguarding, Safeguarding concern, relatedto)
* insert Map(neglect-signs, safeguarding, Safeguarding concern, relatedto)
* insert Map(unsafe-home, home-hazard, Home safety hazard, relatedto)
* insert Map(postpartum-depression, family-risk, Family risk found by the needs assessment, relatedto)
* insert Map(developmental-delay, developmental-concern, Developmental concern, relatedto)
* insert Map(low-income, family-risk, Family risk found by the needs assessment, relatedto)
* insert Map(household-alcohol, family-risk, Family risk found by the needs assessment, relatedto)

Instance: referral-reason-routing
InstanceOf: ConceptMap
Usage: #definition
Title: "Referral reason to referral target"
Description: "The usual target of a referral for each reason; the nurse may choose another. EPDS item 10 above 0 and danger signs are urgent (kz-ref-2); the EPDS threshold itself is data (profiles/parameters/patronage-parameters.json)."
* insert GuideConceptMap(referral-reason-routing, ReferralReasonRouting)
* sourceUri = "https://fhir.patronage.kz/ValueSet/referral-reason"
* group[+].source = "https://fhir.patronage.kz/CodeSystem/referral-reason"
* group[=].target = "https://fhir.patronage.kz/CodeSystem/referral-target"
* insert Map(epds-self-harm, mental-health-centre, Referral to the mental-health centre, relatedto)
* insert Map(epds-high-score, phc-psychologist, Referral to the primary-care psychologist, relatedto)
* insert Map(danger-sign, district-doctor, Referral to the district doctor, relatedto)
* insert Map(safeguarding, social-protection, Referral to the social protection department, relatedto)
* insert Map(family-risk, phc-social-worker, Referral to the primary-care social worker, relatedto)
* insert Map(developmental-concern, early-intervention-centre, Referral to the early-intervention centre, relatedto)

Instance: kz-vaccine-to-atc
InstanceOf: ConceptMap
Usage: #definition
Title: "National calendar vaccine to WHO ATC"
Description: "Local vaccine codes to WHO ATC J07 codes (system http://www.whocc.no/atc, as the IPS vaccines value set uses it). J07CA09, J07CA06 and J07BD52 were read in public ATC listings; the other codes are to be checked against the ATC index (docs/ig/open-questions.md)."
* insert GuideConceptMap(kz-vaccine-to-atc, KzVaccineToAtc)
* sourceUri = "https://fhir.patronage.kz/ValueSet/kz-vaccine"
* group[+].source = "https://fhir.patronage.kz/CodeSystem/kz-vaccine"
* group[=].target = "http://www.whocc.no/atc"
* insert Map(bcg, J07AN01, tuberculosis\, live attenuated, equivalent)
* insert Map(hepb, J07BC01, hepatitis B\, purified antigen, equivalent)
* insert Map(opv, J07BF, Poliomyelitis vaccines, wider)
* insert Map(ipv, J07BF03, poliomyelitis\, trivalent\, inactivated\, whole virus, equivalent)
* insert Map(dtap-hib-ipv-hepb, J07CA09, diphtheria-haemophilus influenzae B-pertussis-poliomyelitis-tetanus-hepatitis B, equivalent)
* insert Map(dtap-hib-ipv, J07CA06, diphtheria-haemophilus influenzae B-pertussis-poliomyelitis-tetanus, equivalent)
* insert Map(pcv, J07AL02, pneumococcus\, purified polysaccharides antigen conjugated, equivalent)
* insert Map(mmr, J07BD52, measles\, combinations with mumps and rubella\, live attenuated, equivalent)
* insert Map(dt, J07AM51, tetanus toxoid\, combinations with diphtheria toxoid, equivalent)
