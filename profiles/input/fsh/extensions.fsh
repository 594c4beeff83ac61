// Extensions of the guide. R4 lacks Encounter.basedOn → CarePlan and a RiskAssessment target for
// CarePlan activity reasons (R5 adds the first), so both are local extensions.

Extension: KatoCode
Id: kato
Title: "KATO code"
Description: "Code of the settlement in the Classifier of administrative-territorial objects (КАТО) of the Bureau of National Statistics, 9 digits (docs/domain.md §3.3). The system URI is local: no official URI or OID was found (docs/ig/open-questions.md)."
Context: Address
* obeys kz-kato-1
* value[x] 1..1
* value[x] only Coding
* valueCoding.system 1..1
* valueCoding.system = $KATO (exactly)
* valueCoding.code 1..1

Extension: VisitOutcomeExtension
Id: visit-outcome
Title: "Visit outcome"
Description: "Whether the home visit took place, the family was absent, or the family refused."
Context: Encounter
* value[x] 1..1
* value[x] only CodeableConcept
* valueCodeableConcept from VisitOutcomeVS (required)

Extension: BasedOnCarePlan
Id: based-on-careplan
Title: "Based on care plan"
Description: "The patronage care plan whose scheduled activity this visit fulfils (R5 Encounter.basedOn allows CarePlan; R4 does not)."
Context: Encounter
* value[x] 1..1
* value[x] only Reference(KzPatronageCarePlan)

Extension: RiskFactorExtension
Id: risk-factor
Title: "Family risk factor"
Description: "A risk factor found by the nurse's family needs assessment: any factor of the four domains except the neonatal criteria that the maternity hospital assesses (family-risk-factor value set)."
Context: RiskAssessment
* value[x] 1..1
* value[x] only CodeableConcept
* valueCodeableConcept from FamilyRiskFactorVS (required)

Extension: ActivityRiskAssessment
Id: activity-risk-assessment
Title: "Activity risk assessment"
Description: "The family risk assessment that justifies a progressive care plan activity (R4 CarePlan.activity.detail.reasonReference cannot point at a RiskAssessment)."
Context: CarePlan.activity.detail
* value[x] 1..1
* value[x] only Reference(KzFamilyRiskAssessment)
