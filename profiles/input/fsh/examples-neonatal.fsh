// Valid examples: maternity hospitals and the neonatal risk group they assign at discharge.

Instance: maternity-aktau
InstanceOf: KzMaternityHospital
Title: "Aktau city perinatal centre"
Usage: #example
* insert Narrative(Aktau city perinatal centre)
* identifier[bin].system = $BIN
* identifier[bin].value = "980340005122"
* active = true
* type[maternity] = $PatronageCode#maternity-hospital "Maternity hospital"
* name = "Перинатальный центр города Актау"
* address[0].extension[kato].valueCoding = $KATO#473630000
* address[0].city = "Актау"
* address[0].country = "KZ"

Instance: maternity-kyzylorda
InstanceOf: KzMaternityHospital
Title: "Kyzylorda regional perinatal centre"
Usage: #example
* insert Narrative(Kyzylorda regional perinatal centre)
* identifier[bin].system = $BIN
* identifier[bin].value = "051140007339"
* active = true
* type[maternity] = $PatronageCode#maternity-hospital "Maternity hospital"
* name = "Областной перинатальный центр, Кызылорда"
* address[0].city = "Кызылорда"
* address[0].country = "KZ"

Instance: neonatal-risk-alikhan
InstanceOf: KzNeonatalRiskAssessment
Title: "Alikhan: low neonatal risk at discharge"
Usage: #example
* insert Narrative(Alikhan: low neonatal risk at discharge)
* extension[assessingOrganization].valueReference = Reference(maternity-aktau)
* status = #final
* code = $PatronageCode#neonatal-risk-assessment "Neonatal risk group assessment at discharge"
* subject = Reference(patient-alikhan)
* occurrenceDateTime = "2025-08-22T12:00:00+05:00"
* basis[0] = Reference(birth-weight-alikhan)
* basis[1] = Reference(ga-alikhan)
* prediction.outcome = $NeonatalRisk#low "Low risk"

Instance: neonatal-risk-daniyar
InstanceOf: KzNeonatalRiskAssessment
Title: "Daniyar: low neonatal risk at discharge"
Usage: #example
* insert Narrative(Daniyar: low neonatal risk at discharge)
* extension[assessingOrganization].valueReference = Reference(maternity-kyzylorda)
* status = #final
* code = $PatronageCode#neonatal-risk-assessment "Neonatal risk group assessment at discharge"
* subject = Reference(patient-daniyar)
* occurrenceDateTime = "2023-01-12T11:00:00+05:00"
* basis[0] = Reference(birth-weight-daniyar)
* basis[1] = Reference(ga-daniyar)
* prediction.outcome = $NeonatalRisk#low "Low risk"

Instance: neonatal-risk-newborn-ainur
InstanceOf: KzNeonatalRiskAssessment
Title: "Ainur's newborn daughter: high neonatal risk because of her mother's postpartum depression"
Usage: #example
* insert Narrative(Ainur's newborn daughter: high neonatal risk because of her mother's postpartum depression)
* extension[assessingOrganization].valueReference = Reference(maternity-kyzylorda)
* extension[criterion].valueCodeableConcept = $NeonatalCriterion#maternal-postpartum-depression "Mother with postpartum depression"
* status = #final
* code = $PatronageCode#neonatal-risk-assessment "Neonatal risk group assessment at discharge"
* subject = Reference(patient-newborn-provisional)
* occurrenceDateTime = "2026-11-24T11:00:00+05:00"
* prediction.outcome = $NeonatalRisk#high "High risk"
