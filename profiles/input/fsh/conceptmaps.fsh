// ConceptMaps from the dictionaries of today's polyclinic exports (test/fixtures/shared-samples/README.md)
// to the guide's codes and, where a standard code exists, to LOINC or SNOMED CT. Source codes are
// the export's canonical lower-case spelling; the mapping engine trims and lower-cases input
// before translating. Source systems are local URIs under https://fhir.patronage.kz/mis-dictionary/.

RuleSet: MisConceptMap(id, name, field)
* url = "https://fhir.patronage.kz/ConceptMap/{id}"
* name = "{name}"
* version = "0.1.0"
* status = #draft
* experimental = false
* publisher = "Patronage FHIR gateway team"
* sourceUri = "https://fhir.patronage.kz/mis-dictionary/{field}"

RuleSet: Group(field, target)
* group[+].source = "https://fhir.patronage.kz/mis-dictionary/{field}"
* group[=].target = "{target}"

RuleSet: Map(source, target, display, equivalence)
* group[=].element[+].code = #{source}
* group[=].element[=].target[+].code = #{target}
* group[=].element[=].target[=].display = "{display}"
* group[=].element[=].target[=].equivalence = #{equivalence}

Instance: mis-visit-kind
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS visit kind (vizit.tip) to patronage category and visit type"
Description: "Universal and progressive become the care-plan category; unplanned is a visit type."
* insert MisConceptMap(mis-visit-kind, MisVisitKind, vizit.tip)
* insert Group(vizit.tip, https://fhir.patronage.kz/CodeSystem/patronage-category)
* insert Map(универсальный, universal, Universal patronage, equivalent)
* insert Map(прогрессивный, progressive, Progressive patronage, equivalent)
* insert Group(vizit.tip, https://fhir.patronage.kz/CodeSystem/patronage-visit-type)
* insert Map(внеплановый, UNPLANNED, Unplanned visit, equivalent)

Instance: mis-visit-code
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS scheduled visit code (vizit.kod) to patronage visit type"
Description: "The export's visit codes are the guide's codes."
* insert MisConceptMap(mis-visit-code, MisVisitCode, vizit.kod)
* insert Group(vizit.kod, https://fhir.patronage.kz/CodeSystem/patronage-visit-type)
* insert Map(AN1, AN1, First antenatal home visit, equal)
* insert Map(AN2, AN2, Second antenatal home visit, equal)
* insert Map(NB-3D, NB-3D, Newborn visit within 3 days of discharge, equal)
* insert Map(U-1M, U-1M, Universal child visit at 1 month, equal)
* insert Map(U-2M, U-2M, Universal child visit at 2 months, equal)
* insert Map(U-3M, U-3M, Universal child visit at 3 months, equal)
* insert Map(U-6M, U-6M, Universal child visit at 6 months, equal)
* insert Map(U-9M, U-9M, Universal child visit at 9 months, equal)
* insert Map(U-12M, U-12M, Universal child visit at 12 months, equal)
* insert Map(U-18M, U-18M, Universal child visit at 18 months, equal)
* insert Map(U-24M, U-24M, Universal child visit at 24 months, equal)
* insert Map(U-36M, U-36M, Universal child visit at 36 months, equal)

Instance: mis-visit-result
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS visit result (vizit.rezultat) to visit outcome"
Description: "Visit result of the export to the guide's visit outcome."
* insert MisConceptMap(mis-visit-result, MisVisitResult, vizit.rezultat)
* insert Group(vizit.rezultat, https://fhir.patronage.kz/CodeSystem/visit-outcome)
* insert Map(проведен, done, Visit done, equivalent)
* insert Map("семья отсутствовала", family-absent, Family absent, equivalent)
* insert Map(отказ, refused, Family refused the visit, equivalent)

Instance: mis-sex
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS sex (pol) to administrative gender"
Description: "м (male) and ж (female) to FHIR administrative gender."
* insert MisConceptMap(mis-sex, MisSex, pol)
* insert Group(pol, http://hl7.org/fhir/administrative-gender)
* insert Map(м, male, Male, equivalent)
* insert Map(ж, female, Female, equivalent)

Instance: mis-feeding
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS feeding (vskarmlivanie) to feeding status"
Description: "Feeding of the export to the WHO IYCF-aligned feeding status; mixed feeding is partial breastfeeding, formula feeding is not breastfed."
* insert MisConceptMap(mis-feeding, MisFeeding, vskarmlivanie)
* insert Group(vskarmlivanie, https://fhir.patronage.kz/CodeSystem/feeding-status)
* insert Map("исключительно грудное", exclusive, Exclusive breastfeeding, equivalent)
* insert Map("преимущественно грудное", predominant, Predominant breastfeeding, equivalent)
* insert Map(смешанное, partial, Partial breastfeeding with formula or other food, equivalent)
* insert Map(искусственное, not-breastfed, Not breastfed, equivalent)

Instance: mis-danger-sign
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS danger signs (opasnye_priznaki) to IMCI danger sign and SNOMED CT"
Description: "Danger signs of the export to the guide's danger-sign codes, and to SNOMED CT clinical findings where one fits. The SNOMED CT targets are to be confirmed in a licensed browser (docs/ig/open-questions.md)."
* insert MisConceptMap(mis-danger-sign, MisDangerSign, opasnye_priznaki)
* insert Group(opasnye_priznaki, https://fhir.patronage.kz/CodeSystem/danger-sign)
* insert Map("не может сосать", unable-to-feed, Unable to feed or suck, equivalent)
* insert Map(судороги, convulsions, Convulsions, equivalent)
* insert Map("учащенное дыхание", fast-breathing, Fast breathing, equivalent)
* insert Map("втяжение грудной клетки", chest-indrawing, Severe lower chest wall indrawing, equivalent)
* insert Map("температура выше 37\,5", fever, Temperature 37.5 °C or more, wider)
* insert Map("температура ниже 35\,5", hypothermia, Temperature below 35.5 °C, equivalent)
* insert Map(желтуха, jaundice, Jaundice, equivalent)
* insert Map("инфекция пупка", umbilical-infection, Umbilical infection, equivalent)
* insert Map(вялость, lethargy, Lethargy, equivalent)
* insert Group(opasnye_priznaki, http://snomed.info/sct)
* insert Map(судороги, 91175000, Seizure, equivalent)
* insert Map("учащенное дыхание", 271823003, Tachypnea, equivalent)
* insert Map("температура выше 37\,5", 386661006, Fever, wider)
* insert Map("температура ниже 35\,5", 386689009, Hypothermia, wider)
* insert Map(желтуха, 18165001, Jaundice, equivalent)
* insert Map(вялость, 214264003, Lethargy, equivalent)

Instance: mis-risk-factor
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS risk factors (faktory_riska) to family risk factor"
Description: "Family risk factors of the export to the guide's risk-factor codes."
* insert MisConceptMap(mis-risk-factor, MisRiskFactor, faktory_riska)
* insert Group(faktory_riska, https://fhir.patronage.kz/CodeSystem/risk-factor)
* insert Map(недоношенность, preterm, Preterm birth, equivalent)
* insert Map("низкий вес при рождении", low-birth-weight, Low birth weight, equivalent)
* insert Map("врожденный порок", congenital-anomaly, Congenital anomaly, equivalent)
* insert Map(мать-подросток, adolescent-mother, Adolescent mother, equivalent)
* insert Map("послеродовая депрессия", postpartum-depression, Postpartum depression, equivalent)
* insert Map("малообеспеченная семья", low-income, Low-income family, equivalent)
* insert Map("неполная семья", single-parent, Single-parent family, equivalent)
* insert Map("многодетная семья", large-family, Large family, equivalent)
* insert Map("насилие в семье", domestic-violence, Domestic violence, equivalent)
* insert Map("алкоголь в семье", household-alcohol, Alcohol abuse in the household, equivalent)
* insert Map("нет прикрепления к ПМСП", no-phc-attachment, Not attached to primary health care, equivalent)
* insert Map("инвалидность родителя", parent-disability, Parental disability, equivalent)

Instance: mis-measurement
InstanceOf: ConceptMap
Usage: #definition
Title: "MIS measurement fields to LOINC"
Description: "Measurement and score fields of the export to the LOINC code of the observation they become. rost_sm is 8302-2 and, under 24 months, also 8306-3 (recumbent length)."
* insert MisConceptMap(mis-measurement, MisMeasurement, izmereniya)
* insert Group(izmereniya, http://loinc.org)
* insert Map(ves_g, 29463-7, Body weight, equivalent)
* insert Map(rost_sm, 8302-2, Body height, equivalent)
* insert Map(okruzhnost_golovy_sm, 9843-4, Head Occipital-frontal circumference, equivalent)
* insert Map(ves_pri_rozhdenii_g, 8339-4, Birth weight Measured, equivalent)
* insert Map(srok_gestacii_ned, 76516-4, Gestational age at birth, equivalent)
* insert Map(epds.summa, 99046-5, Edinburgh Postnatal Depression Scale total score, equivalent)
