// Visit-level code systems: visit type, visit outcome, programme category, episode type.

CodeSystem: PatronageVisitType
Id: patronage-visit-type
Title: "Patronage visit type"
Description: "Scheduled universal visits (2 antenatal, 10 child visits per the 2025 nomenclature order), progressive and unplanned visits. The ages in the displays are placeholders until the ҚР ДСМ-25 annex is obtained (docs/ig/open-questions.md, Q1); the schedule itself is data in profiles/parameters/patronage-parameters.json (visitSchedule)."
* insert LocalCodeSystem
* insert Term(AN1, First antenatal home visit, Бірінші антенаталдық патронаж, Первый антенатальный патронаж)
* insert Term(AN2, Second antenatal home visit, Екінші антенаталдық патронаж, Второй антенатальный патронаж)
* insert Term(NB-3D, Newborn visit within 3 days of discharge, Шығарылғаннан кейін 3 күн ішінде жаңа туған нәрестеге патронаж, Патронаж новорождённого в течение 3 дней после выписки)
* insert Term(U-1M, Universal child visit at 1 month, 1 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 1 месяц)
* insert Term(U-2M, Universal child visit at 2 months, 2 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 2 месяца)
* insert Term(U-3M, Universal child visit at 3 months, 3 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 3 месяца)
* insert Term(U-6M, Universal child visit at 6 months, 6 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 6 месяцев)
* insert Term(U-9M, Universal child visit at 9 months, 9 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 9 месяцев)
* insert Term(U-12M, Universal child visit at 12 months, 12 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 12 месяцев)
* insert Term(U-18M, Universal child visit at 18 months, 18 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 18 месяцев)
* insert Term(U-24M, Universal child visit at 24 months, 24 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 24 месяца)
* insert Term(U-36M, Universal child visit at 36 months, 36 айлық баланың әмбебап патронажы, Универсальный патронаж ребёнка в 36 месяцев)
* insert Term(PROG, Progressive visit by individual plan, Жеке жоспар бойынша прогрессивті патронаж, Прогрессивный патронаж по индивидуальному плану)
* insert Term(UNPLANNED, Unplanned visit, Жоспардан тыс патронаж, Внеплановый патронаж)

ValueSet: PatronageVisitTypeVS
Id: patronage-visit-type
Title: "Patronage visit type"
Description: "All patronage visit types."
* insert LocalValueSet
* include codes from system PatronageVisitType

CodeSystem: VisitOutcome
Id: visit-outcome
Title: "Visit outcome"
Description: "What happened when the nurse came: the visit was done, the family was absent, or the family refused."
* insert LocalCodeSystem
* insert Term(done, Visit done, Патронаж жүргізілді, Патронаж проведён)
* insert Term(family-absent, Family absent, Отбасы үйде болмады, Семья отсутствовала)
* insert Term(refused, Family refused the visit, Отбасы патронаждан бас тартты, Отказ семьи от патронажа)

ValueSet: VisitOutcomeVS
Id: visit-outcome
Title: "Visit outcome"
Description: "All visit outcomes."
* insert LocalValueSet
* include codes from system VisitOutcome

CodeSystem: PatronageCategory
Id: patronage-category
Title: "Patronage category"
Description: "Universal (every family) or progressive (extra, needs-based) patronage; used for care plans and as the outcome of the family risk assessment."
* insert LocalCodeSystem
* insert Term(universal, Universal patronage, Әмбебап патронаж, Универсальный патронаж)
* insert Term(progressive, Progressive patronage, Прогрессивті патронаж, Прогрессивный патронаж)

ValueSet: PatronageCategoryVS
Id: patronage-category
Title: "Patronage category"
Description: "Universal or progressive."
* insert LocalValueSet
* include codes from system PatronageCategory

CodeSystem: EpisodeType
Id: episode-type
Title: "Patronage episode type"
Description: "What a patronage episode of care follows: a pregnancy, or a child from birth to age five."
* insert LocalCodeSystem
* insert Term(pregnancy, Pregnancy, Жүктілік, Беременность)
* insert Term(child, Child under five, Бес жасқа дейінгі бала, Ребёнок до пяти лет)

ValueSet: EpisodeTypeVS
Id: episode-type
Title: "Patronage episode type"
Description: "Pregnancy or child."
* insert LocalValueSet
* include codes from system EpisodeType

CodeSystem: PatronageCode
Id: patronage-code
Title: "Patronage concepts"
Description: "Local codes for observations and assessments with no verified LOINC or SNOMED CT code."
* insert LocalCodeSystem
* insert Term(development-screening, Child development screening, Бала дамуының скринингі, Скрининг развития ребёнка)
* insert Term(epds-item-10, EPDS item 10 self-harm thoughts score, EPDS 10-сұрақ: өзіне зиян келтіру ойлары, EPDS вопрос 10: мысли о самоповреждении)
* insert Term(family-risk-assessment, Family needs and risk assessment, Отбасы қажеттіліктері мен қауіптерін бағалау, Оценка потребностей и рисков семьи)
* insert Term(patronage-nurse, Patronage nurse, Патронаждық мейірбике, Сестра (брат\) медицинская патронажная)
* insert Term(who-anthro-lms, WHO Child Growth Standards 2006 LMS method, ДДҰ 2006 балалар өсу стандарттарының LMS әдісі, Метод LMS стандартов роста детей ВОЗ 2006)
* insert Term(patronage-plan, Patronage care plan, Патронаж жоспары, План патронажа)
* insert Term(maternity-hospital, Maternity hospital, Перзентхана, Родильный дом)
* insert Term(neonatal-risk-assessment, Neonatal risk group assessment at discharge, Шығару кезінде жаңа туған нәрестенің қауіп тобын бағалау, Оценка группы риска новорождённого при выписке)
* insert Term(immunization-up-to-date, Immunisation up to date for age, Жасына сәйкес егулер толық, Прививки по возрасту выполнены)
* insert Term(home-hazard, Home safety hazard found, Үйде қауіп анықталды, Выявлена опасность в доме)
* insert Term(home-safety-counselling, Home safety and injury prevention counselling, Үйдегі қауіпсіздік және жарақаттың алдын алу бойынша кеңес, Консультирование по безопасности дома и профилактике травм)
* insert Term(referral-result, Result of the referral, Жолдаманың нәтижесі, Результат направления)

ValueSet: PatronageCodeVS
Id: patronage-code
Title: "Patronage concepts"
Description: "All local patronage concepts."
* insert LocalValueSet
* include codes from system PatronageCode
