// Valid examples: two families from test/fixtures/shared-samples (synthetic people, valid IIN/BIN), their
// polyclinics and nurses, and a newborn seen before the IIN is issued.

RuleSet: WithIin(value)
* identifier[iin].system = $IIN
* identifier[iin].value = "{value}"

RuleSet: KatoAddress(kato, text, city)
* address[0].extension[kato].valueCoding = $KATO#{kato}
* address[0].text = "{text}"
* address[0].city = "{city}"
* address[0].country = "KZ"

Instance: polyclinic-3
InstanceOf: KzPolyclinic
Title: "City polyclinic No. 3"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>City polyclinic No. 3</p></div>"
* identifier[bin].system = $BIN
* identifier[bin].value = "090140777557"
* active = true
* name = "Городская поликлиника №3"
* insert KatoAddress(473630000, ул. Абая 1, Актау)

Instance: polyclinic-7
InstanceOf: KzPolyclinic
Title: "Polyclinic No. 7"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Polyclinic No. 7</p></div>"
* identifier[bin].system = $BIN
* identifier[bin].value = "010440189886"
* active = true
* name = "Поликлиника №7"
* insert KatoAddress(433620000, ул. Коркыт Ата 12, Кызылорда)

Instance: nurse-dinara
InstanceOf: KzPatronageNurse
Title: "Patronage nurse Dinara Serikbayeva"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Patronage nurse Dinara Serikbayeva</p></div>"
* insert WithIin(890517448690)
* name[0].family = "Серикбаева"
* name[0].given[0] = "Динара"
* gender = #female
* birthDate = "1989-05-17"

Instance: nurse-ainur
InstanceOf: KzPatronageNurse
Title: "Patronage nurse Ainur Kassymova"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Patronage nurse Ainur Kassymova</p></div>"
* insert WithIin(970318497019)
* name[0].family = "Касымова"
* name[0].given[0] = "Айнур"
* gender = #female

Instance: nurse-role-dinara
InstanceOf: KzPatronageNurseRole
Title: "Dinara Serikbayeva as patronage nurse of polyclinic No. 3"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Dinara Serikbayeva as patronage nurse of polyclinic No. 3</p></div>"
* active = true
* practitioner = Reference(nurse-dinara)
* organization = Reference(polyclinic-3)
* code[patronageNurse] = $PatronageCode#patronage-nurse
* period.start = "2022-09-01"

Instance: nurse-role-ainur
InstanceOf: KzPatronageNurseRole
Title: "Ainur Kassymova as patronage nurse of polyclinic No. 7"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ainur Kassymova as patronage nurse of polyclinic No. 7</p></div>"
* active = true
* practitioner = Reference(nurse-ainur)
* organization = Reference(polyclinic-7)
* code[patronageNurse] = $PatronageCode#patronage-nurse

Instance: patient-alikhan
InstanceOf: KzPatient
Title: "Alikhan Kassymov, boy born 20.08.2025"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Alikhan Kassymov, boy born 20.08.2025</p></div>"
* insert WithIin(250820560322)
* name[0].family = "Касымов"
* name[0].given[0] = "Алихан"
* gender = #male
* birthDate = "2025-08-20"
* insert KatoAddress(473630000, ул. Абая 64 кв. 71, Актау)
* managingOrganization = Reference(polyclinic-3)

Instance: patient-gulnara
InstanceOf: KzPatient
Title: "Gulnara Kassymova, Alikhan's mother"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Gulnara Kassymova, Alikhan's mother</p></div>"
* insert WithIin(911018407554)
* name[0].family = "Касымова"
* name[0].given[0] = "Гульнара"
* telecom[0].system = #phone
* telecom[0].value = "+7 705 584 2299"
* gender = #female
* birthDate = "1991-10-18"
* insert KatoAddress(473630000, ул. Абая 64 кв. 71, Актау)
* managingOrganization = Reference(polyclinic-3)
* link[0].other = Reference(mother-gulnara)
* link[0].type = #seealso

Instance: patient-daniyar
InstanceOf: KzPatient
Title: "Daniyar Nurlanov, boy born 08.01.2023"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Daniyar Nurlanov, boy born 08.01.2023</p></div>"
* insert WithIin(230108584583)
* name[0].family = "Нурланов"
* name[0].given[0] = "Данияр"
* gender = #male
* birthDate = "2023-01-08"
* insert KatoAddress(433620000, ул. Абая 98 кв. 2, Кызылорда)
* managingOrganization = Reference(polyclinic-7)

Instance: patient-ainur
InstanceOf: KzPatient
Title: "Ainur Nurlanova, Daniyar's mother"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ainur Nurlanova, Daniyar's mother</p></div>"
* insert WithIin(920508496679)
* name[0].family = "Нурланова"
* name[0].given[0] = "Айнур"
* gender = #female
* birthDate = "1992-05-08"
* managingOrganization = Reference(polyclinic-7)
* link[0].other = Reference(mother-ainur)
* link[0].type = #seealso

Instance: patient-newborn-provisional
InstanceOf: KzPatient
Title: "Newborn girl of Ainur Nurlanova, before the IIN is issued"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Newborn girl of Ainur Nurlanova, before the IIN is issued</p></div>"
* identifier[provisionalNewborn].system = $ProvisionalNewborn
* identifier[provisionalNewborn].use = #temp
* identifier[provisionalNewborn].value = "920508496679-1"
* name[0].family = "Нурланова"
* name[0].text = "Новорождённая Нурланова"
* gender = #female
* birthDate = "2026-11-20"
* managingOrganization = Reference(polyclinic-7)
* link[0].other = Reference(patient-ainur)
* link[0].type = #seealso

Instance: mother-gulnara
InstanceOf: KzMotherRelatedPerson
Title: "Gulnara Kassymova as Alikhan's mother"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Gulnara Kassymova as Alikhan's mother</p></div>"
* insert WithIin(911018407554)
* patient = Reference(patient-alikhan)
* relationship[mother] = $V3RoleCode#MTH "mother"
* name[0].family = "Касымова"
* name[0].given[0] = "Гульнара"
* telecom[0].system = #phone
* telecom[0].value = "+7 705 584 2299"

Instance: mother-ainur
InstanceOf: KzMotherRelatedPerson
Title: "Ainur Nurlanova as Daniyar's mother"
Usage: #example
* text.status = #generated
* text.div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Ainur Nurlanova as Daniyar's mother</p></div>"
* insert WithIin(920508496679)
* patient = Reference(patient-daniyar)
* relationship[mother] = $V3RoleCode#MTH "mother"
* name[0].family = "Нурланова"
* name[0].given[0] = "Айнур"
* telecom[0].system = #phone
* telecom[0].value = "+7 702 697 8525"
