// Valid examples: vaccine doses and the nurse's up-to-date finding.

Instance: imm-alikhan-hepb-1
InstanceOf: KzImmunization
Title: "Alikhan's first hepatitis B dose at birth"
Usage: #example
* insert Narrative(Alikhan's first hepatitis B dose at birth)
* status = #completed
* vaccineCode = $KzVaccine#hepb "Hepatitis B"
* patient = Reference(patient-alikhan)
* occurrenceDateTime = "2025-08-20T14:00:00+05:00"
* primarySource = false
* performer.actor = Reference(maternity-aktau)
* protocolApplied.doseNumberPositiveInt = 1

Instance: imm-alikhan-bcg
InstanceOf: KzImmunization
Title: "Alikhan's BCG in the maternity hospital"
Usage: #example
* insert Narrative(Alikhan's BCG in the maternity hospital)
* status = #completed
* vaccineCode = $KzVaccine#bcg "BCG (tuberculosis)"
* patient = Reference(patient-alikhan)
* occurrenceDateTime = "2025-08-21T10:00:00+05:00"
* primarySource = false
* lotNumber = "BCG-0725-14"
* performer.actor = Reference(maternity-aktau)
* protocolApplied.doseNumberPositiveInt = 1

Instance: imm-daniyar-mmr-1
InstanceOf: KzImmunization
Title: "Daniyar's first MMR dose at 12 months"
Usage: #example
* insert Narrative(Daniyar's first MMR dose at 12 months)
* status = #completed
* vaccineCode = $KzVaccine#mmr "Measles-mumps-rubella (MMR)"
* patient = Reference(patient-daniyar)
* occurrenceDateTime = "2024-01-10T10:00:00+05:00"
* primarySource = true
* performer.actor = Reference(polyclinic-7)
* protocolApplied.doseNumberPositiveInt = 1

Instance: imm-status-alikhan-u1m
InstanceOf: KzImmunizationStatus
Title: "Alikhan's immunisations up to date at one month"
Usage: #example
* insert Narrative(Alikhan's immunisations up to date at one month)
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:35:00+05:00)
* code = $PatronageCode#immunization-up-to-date "Immunisation up to date for age"
* valueBoolean = true

Instance: imm-status-daniyar-u36m
InstanceOf: KzImmunizationStatus
Title: "Daniyar's immunisations not up to date at 36 months"
Usage: #example
* insert Narrative(Daniyar's immunisations not up to date at 36 months)
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:58:00+05:00)
* code = $PatronageCode#immunization-up-to-date "Immunisation up to date for age"
* valueBoolean = false
