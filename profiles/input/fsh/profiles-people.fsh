// Patient, mother, polyclinic, nurse and nurse role.

RuleSet: IdentifierSlicing
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Sliced by system: national identifiers have fixed systems; other (MIS) identifiers are allowed."

RuleSet: IinSlice(min)
* identifier contains iin {min}..1 MS
* identifier[iin].system 1..1
* identifier[iin].system = $IIN (exactly)
* identifier[iin].value 1..1
* identifier[iin].value obeys kz-iin-1

Profile: KzPatient
Parent: Patient
Id: kz-patient
Title: "KZ patronage patient"
Description: "A child or a mother followed by patronage nurses: identified by IIN (or, for a newborn seen before the IIN is issued, a provisional identifier), attached to a polyclinic, with the KATO code of the home address."
* obeys kz-pat-1 and kz-iin-2 and kz-pat-2
* insert IdentifierSlicing
* identifier 1..* MS
* insert IinSlice(0)
* identifier contains provisionalNewborn 0..1 MS
* identifier[provisionalNewborn].system 1..1
* identifier[provisionalNewborn].system = $ProvisionalNewborn (exactly)
* identifier[provisionalNewborn].use = #temp (exactly)
* identifier[provisionalNewborn].value 1..1
* identifier[provisionalNewborn].value obeys kz-prov-1
* name 1..* MS
* gender 1..1 MS
* birthDate 1..1 MS
* address MS
* address.extension contains KatoCode named kato 0..1 MS
* managingOrganization MS
* managingOrganization only Reference(KzPolyclinic)
* link MS
* link.other only Reference(KzPatient or KzMotherRelatedPerson)

Profile: KzMotherRelatedPerson
Parent: RelatedPerson
Id: kz-mother
Title: "KZ mother of a child"
Description: "The child's mother as a related person of the child; when she is also a patient (antenatal visits, EPDS), her KzPatient record links to this resource through Patient.link (type seealso)."
* obeys kz-iin-2 and kz-iin-3
* insert IdentifierSlicing
* insert IinSlice(0)
* patient MS
* patient only Reference(KzPatient)
* relationship 1..* MS
* relationship ^slicing.discriminator.type = #pattern
* relationship ^slicing.discriminator.path = "$this"
* relationship ^slicing.rules = #open
* relationship contains mother 1..1 MS
* relationship[mother] = $V3RoleCode#MTH
* name 1..* MS
* telecom MS

Profile: KzPolyclinic
Parent: Organization
Id: kz-polyclinic
Title: "KZ polyclinic"
Description: "A primary health care organisation (polyclinic) to which families are attached, identified by its BIN; a branch may have its own BIN and points at its head organisation through partOf."
* insert IdentifierSlicing
* identifier 1..* MS
* identifier contains bin 1..1 MS
* identifier[bin].system 1..1
* identifier[bin].system = $BIN (exactly)
* identifier[bin].value 1..1
* identifier[bin].value obeys kz-bin-1
* name 1..1 MS
* address MS
* address.extension contains KatoCode named kato 0..1 MS
* partOf only Reference(KzPolyclinic)

Profile: KzPatronageNurse
Parent: Practitioner
Id: kz-patronage-nurse
Title: "KZ patronage nurse"
Description: "A patronage nurse (сестра (брат) медицинская патронажная), identified by IIN."
* obeys kz-iin-2 and kz-iin-3
* insert IdentifierSlicing
* identifier 1..* MS
* insert IinSlice(1)
* name 1..* MS

Profile: KzPatronageNurseRole
Parent: PractitionerRole
Id: kz-patronage-nurse-role
Title: "KZ patronage nurse role"
Description: "A nurse's position as patronage nurse at a polyclinic."
* practitioner 1..1 MS
* practitioner only Reference(KzPatronageNurse)
* organization 1..1 MS
* organization only Reference(KzPolyclinic)
* code 1..* MS
* code ^slicing.discriminator.type = #pattern
* code ^slicing.discriminator.path = "$this"
* code ^slicing.rules = #open
* code contains patronageNurse 1..1 MS
* code[patronageNurse] = $PatronageCode#patronage-nurse
* period MS
