// Valid examples: measurements, z-scores and findings at the two families' visits.

RuleSet: At(subject, encounter, time)
* status = #final
* subject = Reference({subject})
* encounter = Reference({encounter})
* effectiveDateTime = "{time}"
* performer = Reference(nurse-dinara)

RuleSet: AtDaniyar(encounter, time)
* status = #final
* subject = Reference(patient-daniyar)
* encounter = Reference({encounter})
* effectiveDateTime = "{time}"
* performer = Reference(nurse-ainur)

Instance: weight-alikhan-u1m
InstanceOf: KzChildBodyWeight
Title: "Alikhan's weight at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's weight at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:10:00+05:00)
* valueQuantity = 3960 'g' "g"

Instance: weight-daniyar-u36m
InstanceOf: KzChildBodyWeight
Title: "Daniyar's weight at 36 months"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's weight at 36 months</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* valueQuantity = 13.2 'kg' "kg"

Instance: length-alikhan-u1m
InstanceOf: KzChildBodyLength
Title: "Alikhan's recumbent length at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's recumbent length at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:10:00+05:00)
* code.coding[lying] = $LOINC#8306-3 "Body height --lying"
* extension[bodyPosition].valueCodeableConcept = $SCT#102538003 "Recumbent body position"
* valueQuantity = 54.9 'cm' "cm"

Instance: height-daniyar-u36m
InstanceOf: KzChildBodyLength
Title: "Daniyar's standing height at 36 months"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's standing height at 36 months</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* extension[bodyPosition].valueCodeableConcept = $SCT#10904000 "Orthostatic body position"
* valueQuantity = 88.0 'cm' "cm"

Instance: hc-alikhan-u1m
InstanceOf: KzChildHeadCircumference
Title: "Alikhan's head circumference at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's head circumference at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:10:00+05:00)
* valueQuantity = 37.2 'cm' "cm"

Instance: hc-daniyar-u36m
InstanceOf: KzChildHeadCircumference
Title: "Daniyar's head circumference at 36 months"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's head circumference at 36 months</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* valueQuantity = 49.0 'cm' "cm"

Instance: bmi-alikhan-u1m
InstanceOf: KzChildBmi
Title: "Alikhan's BMI at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's BMI at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:10:00+05:00)
* valueQuantity = 13.1 'kg/m2' "kg/m2"
* derivedFrom[0] = Reference(weight-alikhan-u1m)
* derivedFrom[1] = Reference(length-alikhan-u1m)

Instance: bmi-daniyar-u36m
InstanceOf: KzChildBmi
Title: "Daniyar's BMI at 36 months"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's BMI at 36 months</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* valueQuantity = 17.0 'kg/m2' "kg/m2"
* derivedFrom[0] = Reference(weight-daniyar-u36m)
* derivedFrom[1] = Reference(height-daniyar-u36m)

Instance: muac-daniyar-u36m
InstanceOf: KzChildMuac
Title: "Daniyar's MUAC at 36 months, in cm"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's MUAC at 36 months, in cm</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* bodySite = $SCT#368208006 "Left upper arm structure"
* valueQuantity = 15.4 'cm' "cm"

Instance: muac-daniyar-u24m
InstanceOf: KzChildMuac
Title: "Daniyar's MUAC at 24 months, in mm"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's MUAC at 24 months, in mm</p></div>"
* status = #final
* subject = Reference(patient-daniyar)
* effectiveDateTime = "2025-01-10"
* bodySite = $SCT#368208006 "Left upper arm structure"
* valueQuantity = 148 'mm' "mm"

Instance: zscore-wfa-alikhan-u1m
InstanceOf: KzGrowthZScore
Title: "Alikhan's weight-for-age z-score at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's weight-for-age z-score at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:10:00+05:00)
* code = $GrowthIndicator#wfa-z "Weight-for-age z-score"
* valueQuantity = -0.93 '{z-score}' "z-score"
* interpretation.coding[0] = $WhoGrowth#normal "Within normal range"
* interpretation.coding[1] = $ObsInterp#N "Normal"
* method = $PatronageCode#who-anthro-lms
* method.text = "WHO Child Growth Standards 2006, weianthro table, restricted tails"
* derivedFrom[0] = Reference(weight-alikhan-u1m)

Instance: zscore-lhfa-daniyar-u36m
InstanceOf: KzGrowthZScore
Title: "Daniyar's height-for-age z-score at 36 months: stunted"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's height-for-age z-score at 36 months: stunted</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* code = $GrowthIndicator#lhfa-z "Length/height-for-age z-score"
* valueQuantity = -2.20 '{z-score}' "z-score"
* interpretation.coding[0] = $WhoGrowth#stunted "Stunted"
* interpretation.coding[1] = $ObsInterp#L "Low"
* method = $PatronageCode#who-anthro-lms
* method.text = "WHO Child Growth Standards 2006, lenanthro table"
* derivedFrom[0] = Reference(height-daniyar-u36m)

Instance: feeding-alikhan-u1m
InstanceOf: KzBreastfeedingStatus
Title: "Alikhan exclusively breastfed at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan exclusively breastfed at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:10:00+05:00)
* valueCodeableConcept = $Feeding#exclusive "Exclusive breastfeeding"

Instance: feeding-daniyar-u36m
InstanceOf: KzBreastfeedingStatus
Title: "Daniyar not breastfed at 36 months"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar not breastfed at 36 months</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:40:00+05:00)
* valueCodeableConcept = $Feeding#not-breastfed "Not breastfed"

Instance: danger-alikhan-nb3d-jaundice
InstanceOf: KzDangerSign
Title: "Jaundice seen at Alikhan's newborn visit"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Jaundice seen at Alikhan's newborn visit</p></div>"
* insert At(patient-alikhan, visit-alikhan-nb3d, 2025-08-23T10:15:00+05:00)
* code = $DangerSign#jaundice "Jaundice"
* valueBoolean = true

Instance: danger-daniyar-u36m-fast-breathing
InstanceOf: KzDangerSign
Title: "No fast breathing at Daniyar's 36-month visit"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>No fast breathing at Daniyar's 36-month visit</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:45:00+05:00)
* code = $DangerSign#fast-breathing "Fast breathing"
* valueBoolean = false

Instance: development-daniyar-u36m
InstanceOf: KzDevelopmentScreening
Title: "Daniyar's development screening at 36 months"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's development screening at 36 months</p></div>"
* insert AtDaniyar(visit-daniyar-u36m, 2026-01-11T15:50:00+05:00)
* valueCodeableConcept = $DevResult#typical "Development as expected for age"
* method.text = "GMCD"

Instance: development-alikhan-u1m
InstanceOf: KzDevelopmentScreening
Title: "Alikhan's development screening at one month"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's development screening at one month</p></div>"
* insert At(patient-alikhan, visit-alikhan-u1m, 2025-09-20T09:20:00+05:00)
* valueCodeableConcept = $DevResult#monitor "Monitor closely"

Instance: ga-alikhan
InstanceOf: KzGestationalAgeAtBirth
Title: "Alikhan born at 41 weeks"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan born at 41 weeks</p></div>"
* status = #final
* subject = Reference(patient-alikhan)
* effectiveDateTime = "2025-08-20"
* valueQuantity = 41 'wk' "wk"

Instance: ga-daniyar
InstanceOf: KzGestationalAgeAtBirth
Title: "Daniyar born at 36 weeks"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar born at 36 weeks</p></div>"
* status = #final
* subject = Reference(patient-daniyar)
* effectiveDateTime = "2023-01-08"
* valueQuantity = 36 'wk' "wk"

Instance: birth-weight-alikhan
InstanceOf: KzBirthWeight
Title: "Alikhan's birth weight"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan's birth weight</p></div>"
* status = #final
* subject = Reference(patient-alikhan)
* effectiveDateTime = "2025-08-20"
* valueQuantity = 3288 'g' "g"

Instance: birth-weight-daniyar
InstanceOf: KzBirthWeight
Title: "Daniyar's birth weight"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar's birth weight</p></div>"
* status = #final
* subject = Reference(patient-daniyar)
* effectiveDateTime = "2023-01-08"
* valueQuantity = 2.878 'kg' "kg"
