// Code systems of the programme content beyond child growth: maternal danger signs, referrals and
// safeguarding, home safety, vaccines, neonatal risk criteria and consent. Kazakh designations
// still to be read by a native speaker are listed in docs/ig/open-questions.md.

CodeSystem: MaternalDangerSign
Id: maternal-danger-sign
Title: "Pregnancy and postpartum danger sign"
Description: "Danger signs in pregnancy and after birth that the nurse asks about at antenatal and postnatal visits, aligned with WHO antenatal-care guidance as the guide review lists it (docs/domain.md §8; the list is still to be checked against the WHO text, docs/ig/open-questions.md). Any sign present calls for immediate referral."
* insert LocalCodeSystem
* insert Term(vaginal-bleeding, Vaginal bleeding, Қынаптан қан кету, Кровотечение из влагалища)
* insert Term(severe-headache-blurred-vision, Severe headache or blurred vision, Қатты бас ауыруы немесе көздің бұлдырауы, Сильная головная боль или нечёткость зрения)
* insert Term(convulsions, Convulsions, Құрысулар, Судороги)
* insert Term(fever, Fever, Дене қызуының көтерілуі, Повышение температуры тела)
* insert Term(severe-abdominal-pain, Severe abdominal pain, Іштің қатты ауыруы, Сильная боль в животе)
* insert Term(reduced-fetal-movement, Reduced or absent fetal movement, Ұрық қимылының азаюы немесе болмауы, Уменьшение или отсутствие шевелений плода)
* insert Term(oedema, Swelling of face or hands, Бет пен қолдың ісінуі, Отёки лица и рук)
* insert Term(breathing-difficulty, Difficulty breathing, Тыныс алудың қиындауы, Затруднённое дыхание)

ValueSet: MaternalDangerSignVS
Id: maternal-danger-sign
Title: "Pregnancy and postpartum danger sign"
Description: "All pregnancy and postpartum danger signs."
* insert LocalValueSet
* include codes from system MaternalDangerSign

ValueSet: PregnancyStatusVS
Id: pregnancy-status
Title: "Pregnancy status"
Description: "Answers to LOINC 82810-3 Pregnancy status, as the IPS pregnancy status observation uses them (SNOMED CT)."
* insert LocalValueSet
* $SCT#77386006 "Pregnant"
* $SCT#60001007 "Not pregnant"
* $SCT#261665006 "Unknown"

CodeSystem: ReferralTarget
Id: referral-target
Title: "Referral target"
Description: "Services a patronage nurse refers a family to: the social protection department and the mental-health, psychology, social-work and early-intervention services named by the programme, and the doctors who see danger signs."
* insert LocalCodeSystem
* insert Term(social-protection, Referral to the social protection department, Әлеуметтік қорғау бөліміне жолдау, Направление в отдел социальной защиты)
* insert Term(mental-health-centre, Referral to the mental-health centre, Психикалық денсаулық орталығына жолдау, Направление в центр психического здоровья)
* insert Term(phc-psychologist, Referral to the primary-care psychologist, МСАК психологына жолдау, Направление к психологу ПМСП)
* insert Term(phc-social-worker, Referral to the primary-care social worker, МСАК әлеуметтік қызметкеріне жолдау, Направление к социальному работнику ПМСП)
* insert Term(early-intervention-centre, Referral to the early-intervention centre, Ерте араласу орталығына жолдау, Направление в центр раннего вмешательства)
* insert Term(district-doctor, Referral to the district doctor, Учаскелік дәрігерге жолдау, Направление к участковому врачу)
* insert Term(emergency-care, Referral to emergency care, Шұғыл медициналық көмекке жолдау, Направление за экстренной медицинской помощью)

ValueSet: ReferralTargetVS
Id: referral-target
Title: "Referral target"
Description: "All referral targets."
* insert LocalValueSet
* include codes from system ReferralTarget

CodeSystem: ReferralReason
Id: referral-reason
Title: "Referral reason"
Description: "Why a patronage nurse refers: the kind of finding the referral's reasonReference or supportingInfo points at. Danger signs and an EPDS item 10 above 0 make a referral urgent (priority stat, invariant kz-ref-2)."
* insert LocalCodeSystem
* insert Term(danger-sign, Danger sign present, Қауіпті белгі бар, Наличие опасного признака)
* insert Term(epds-self-harm, EPDS item 10 above 0 (thoughts of self-harm\), EPDS 10-сұрақ 0-ден жоғары (өзіне зиян келтіру ойлары\), EPDS вопрос 10 больше 0 (мысли о самоповреждении\))
* insert Term(epds-high-score, EPDS total at or above the referral threshold, EPDS жалпы балы жолдау шегінен кем емес, Сумма EPDS на пороге направления или выше)
* insert Term(family-risk, Family risk found by the needs assessment, Отбасы қажеттіліктерін бағалау кезінде анықталған қауіп, Риск\, выявленный при оценке потребностей семьи)
* insert Term(safeguarding, Safeguarding concern, Баланы немесе ересекті қорғау қажеттілігі, Угроза безопасности ребёнка или взрослого)
* insert Term(home-hazard, Home safety hazard, Үйдегі қауіп, Опасность в доме)
* insert Term(developmental-concern, Developmental concern, Дамуға қатысты алаңдаушылық, Нарушение развития)

ValueSet: ReferralReasonVS
Id: referral-reason
Title: "Referral reason"
Description: "All referral reasons."
* insert LocalValueSet
* include codes from system ReferralReason

CodeSystem: SafeguardingConcern
Id: safeguarding-concern
Title: "Safeguarding concern"
Description: "Concerns that a safeguarding Flag records; the Flag carries a confidentiality label so that access control can restrict it."
* insert LocalCodeSystem
* insert Term(domestic-violence, Domestic violence in the family, Отбасындағы зорлық-зомбылық, Насилие в семье)
* insert Term(child-neglect, Suspected child neglect or abuse, Баланы қараусыз қалдыру немесе оған қатыгездік көрсету күдігі, Подозрение на пренебрежение нуждами или жестокое обращение с ребёнком)
* insert Term(self-harm-risk, Risk of self-harm of a parent, Ата-ананың өзіне зиян келтіру қаупі, Риск самоповреждения у родителя)
* insert Term(abandonment-risk, Risk of child abandonment, Баладан бас тарту қаупі, Риск отказа от ребёнка)

ValueSet: SafeguardingConcernVS
Id: safeguarding-concern
Title: "Safeguarding concern"
Description: "All safeguarding concerns."
* insert LocalValueSet
* include codes from system SafeguardingConcern

ValueSet: RestrictedConfidentialityVS
Id: restricted-confidentiality
Title: "Restricted confidentiality"
Description: "The HL7 v3 confidentiality codes a safeguarding Flag may carry: R (restricted) or V (very restricted)."
* insert LocalValueSet
* $V3Confidentiality#R "restricted"
* $V3Confidentiality#V "very restricted"

CodeSystem: HomeHazard
Id: home-hazard
Title: "Home safety hazard"
Description: "Age-specific hazards of the home-safety questionnaire; each hazard found becomes one Observation (kz-home-hazard). The property min-age-months gives the age (in months) from which the question is asked."
* insert LocalCodeSystem
* ^property[+].code = #min-age-months
* ^property[=].type = #integer
* ^property[=].description = "Age in completed months from which the nurse asks about this hazard."
* insert Term(unsafe-sleep-position, Baby not put to sleep on the back, Нәресте шалқасынан ұйықтатылмайды, Ребёнка укладывают спать не на спину)
* insert HazardAge(unsafe-sleep-position, 0)
* insert Term(unsafe-sleep-place, Unsafe sleeping place (soft bedding or shared adult bed\), Қауіпті ұйқы орны (жұмсақ төсек немесе ересектермен бірге ұйықтау\), Небезопасное место сна (мягкая постель или сон со взрослыми\))
* insert HazardAge(unsafe-sleep-place, 0)
* insert Term(hot-liquids, Hot liquids or food within the child's reach, Ыстық сұйықтықтар мен тамақ баланың қолы жететін жерде, Горячие жидкости и еда в доступе ребёнка)
* insert HazardAge(hot-liquids, 3)
* insert Term(fall-risk, Fall risk (stairs or high surfaces unguarded\), Құлау қаупі (баспалдақ пен биік беттер қоршалмаған\), Риск падения (лестницы и высокие поверхности без ограждения\))
* insert HazardAge(fall-risk, 3)
* insert Term(unguarded-windows, Windows or balconies without guards, Терезелер мен балкондар қорғаныссыз, Окна и балконы без защиты)
* insert HazardAge(unguarded-windows, 6)
* insert Term(poisons-medicines, Medicines or household chemicals within reach, Дәрілер немесе тұрмыстық химия баланың қолы жететін жерде, Лекарства или бытовая химия в доступе ребёнка)
* insert HazardAge(poisons-medicines, 6)
* insert Term(drowning-risk, Drowning risk (open water containers or bath unattended\), Суға бату қаупі (ашық су ыдыстары немесе баланы ваннада жалғыз қалдыру\), Риск утопления (открытые ёмкости с водой или ребёнок один в ванне\))
* insert HazardAge(drowning-risk, 6)
* insert Term(no-car-seat, No child car seat used, Балалар автокресласы қолданылмайды, Не используется детское автокресло)
* insert HazardAge(no-car-seat, 0)

RuleSet: HazardAge(code, months)
* #{code} ^property[+].code = #min-age-months
* #{code} ^property[=].valueInteger = {months}

ValueSet: HomeHazardVS
Id: home-hazard
Title: "Home safety hazard"
Description: "All home safety hazards."
* insert LocalValueSet
* include codes from system HomeHazard

CodeSystem: KzVaccine
Id: kz-vaccine
Title: "National calendar vaccine"
Description: "Vaccines of the national preventive vaccination calendar of Kazakhstan as recorded by polyclinics, mapped to WHO ATC J07 (ConceptMap kz-vaccine-to-atc). The list follows the common post-2019 calendar; the official calendar order and its codes were not retrieved (docs/ig/open-questions.md)."
* insert LocalCodeSystem
* insert Term(bcg, BCG (tuberculosis\), БЦЖ (туберкулез\), БЦЖ (туберкулёз\))
* insert Term(hepb, Hepatitis B, В вирусты гепатиті, Вирусный гепатит B)
* insert Term(opv, Oral poliomyelitis vaccine, Полиомиелитке қарсы ауызша вакцина, Оральная полиомиелитная вакцина)
* insert Term(ipv, Inactivated poliomyelitis vaccine, Полиомиелитке қарсы инактивтелген вакцина, Инактивированная полиомиелитная вакцина)
* insert Term(dtap-hib-ipv-hepb, DTaP-Hib-IPV-HepB (hexavalent\), АбКДС-Hib-ИПВ-ВГВ (алты компонентті\), АбКДС-Hib-ИПВ-ВГВ (гексавакцина\))
* insert Term(dtap-hib-ipv, DTaP-Hib-IPV (pentavalent\), АбКДС-Hib-ИПВ (бес компонентті\), АбКДС-Hib-ИПВ (пентавакцина\))
* insert Term(pcv, Pneumococcal conjugate vaccine, Пневмококкке қарсы конъюгирленген вакцина, Пневмококковая конъюгированная вакцина)
* insert Term(mmr, Measles-mumps-rubella (MMR\), Қызылша-паротит-қызамық (ҚПҚ\), Корь-краснуха-паротит (ККП\))
* insert Term(dt, Diphtheria-tetanus (ADS-M\), Дифтерия-сіреспе (АДС-М\), Дифтерия-столбняк (АДС-М\))

ValueSet: KzVaccineVS
Id: kz-vaccine
Title: "National calendar vaccine"
Description: "All national calendar vaccines."
* insert LocalValueSet
* include codes from system KzVaccine

CodeSystem: NeonatalRiskCriterion
Id: neonatal-risk-criterion
Title: "Neonatal risk criterion"
Description: "Criteria of the neonatal care standard as amended on 21.08.2025 (in force 4.09.2025) that put a newborn in the high or moderate risk group at discharge (docs/domain.md §2.1). Only the high-risk list was published in full; the moderate list is partial and the low list was not retrieved. Property group gives the risk group a criterion leads to."
* insert LocalCodeSystem
* ^property[+].code = #group
* ^property[=].type = #code
* ^property[=].description = "Neonatal risk group (neonatal-risk-group code) the criterion leads to."
* insert Term(extremely-preterm, Preterm with birth weight under 1000 g or gestational age under 28 weeks, Салмағы 1000 г-нан аз немесе гестациялық жасы 28 аптадан кем шала туған нәресте, Недоношенный с массой менее 1000 г или сроком гестации менее 28 недель)
* insert CriterionGroup(extremely-preterm, high)
* insert Term(organ-system-lesion, Lesion of an organ system including congenital malformation, Ағза жүйесінің зақымдануы (туа біткен даму ақауларын қоса\), Поражение органов и систем (включая врождённые пороки развития\))
* insert CriterionGroup(organ-system-lesion, high)
* insert Term(congenital-heart-defect, Congenital heart defect, Туа біткен жүрек ақауы, Врождённый порок сердца)
* insert CriterionGroup(congenital-heart-defect, high)
* insert Term(maternal-socially-significant-disease, Mother with a socially significant disease (tuberculosis; HIV; hepatitis; liver cirrhosis\), Анасының әлеуметтік маңызы бар ауруы бар (туберкулез; АИТВ; гепатит; бауыр циррозы\), Мать с социально значимым заболеванием (туберкулёз; ВИЧ; гепатит; цирроз печени\))
* insert CriterionGroup(maternal-socially-significant-disease, high)
* insert Term(preterm-anaemia-or-rop, Anaemia of prematurity or retinopathy of prematurity, Шала туылғандардың анемиясы немесе ретинопатиясы, Анемия недоношенных или ретинопатия недоношенных)
* insert CriterionGroup(preterm-anaemia-or-rop, high)
* insert Term(parents-hiv-risk, Parents at high risk of HIV infection, Ата-анасының АИТВ жұқтыру қаупі жоғары, Родители с высоким риском инфицирования ВИЧ)
* insert CriterionGroup(parents-hiv-risk, high)
* insert Term(maternal-sti, Mother positive for a sexually transmitted infection, Анасында жыныстық жолмен берілетін инфекция анықталған, Мать с положительным результатом на ИППП)
* insert CriterionGroup(maternal-sti, high)
* insert Term(maternal-postpartum-depression, Mother with postpartum depression, Анасында босанғаннан кейінгі депрессия бар, Мать с послеродовой депрессией)
* insert CriterionGroup(maternal-postpartum-depression, high)
* insert Term(very-preterm, Preterm with birth weight 1000-1500 g or gestational age under 33 weeks, Салмағы 1000-1500 г немесе гестациялық жасы 33 аптадан кем шала туған нәресте, Недоношенный с массой 1000-1500 г или сроком гестации менее 33 недель)
* insert CriterionGroup(very-preterm, moderate)
* insert Term(multiple-pregnancy, Born of a multiple pregnancy, Көп ұрықты жүктіліктен туылған, Рождён от многоплодной беременности)
* insert CriterionGroup(multiple-pregnancy, moderate)

RuleSet: CriterionGroup(code, group)
* #{code} ^property[+].code = #group
* #{code} ^property[=].valueCode = #{group}

ValueSet: NeonatalRiskCriterionVS
Id: neonatal-risk-criterion
Title: "Neonatal risk criterion"
Description: "All published neonatal risk criteria."
* insert LocalValueSet
* include codes from system NeonatalRiskCriterion

CodeSystem: ConsentType
Id: consent-type
Title: "Patronage consent type"
Description: "What a family agrees to: home visits by the patronage service, or sharing its information with social services (social protection department, social worker)."
* insert LocalCodeSystem
* insert Term(home-visiting, Consent to patronage home visits, Патронаждық үйге барулармен келісім, Согласие на патронажные посещения на дому)
* insert Term(social-services-sharing, Consent to share information with social services, Ақпаратты әлеуметтік қызметтермен бөлісуге келісім, Согласие на передачу сведений социальным службам)

ValueSet: ConsentTypeVS
Id: consent-type
Title: "Patronage consent type"
Description: "Home visiting or sharing with social services."
* insert LocalValueSet
* include codes from system ConsentType
