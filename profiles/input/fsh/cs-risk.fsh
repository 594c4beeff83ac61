// Family risk assessment code systems: risk factors in four domains and neonatal risk groups.

CodeSystem: RiskFactor
Id: risk-factor
Title: "Family risk factor"
Description: "Risk factors of the universal progressive home-visiting (UPHV) family assessment, grouped under four domains: child medical, maternal medical and mental health, social, parenting. The official Kazakh assessment form was not found (docs/ig/open-questions.md, Q2); this list follows UNICEF CEE/CIS UPHV guides and the factors polyclinic systems record today."
* insert LocalCodeSystem
* ^hierarchyMeaning = #is-a
* insert Term(child-medical, Child medical or biological risk, Баланың медициналық қауіп факторлары, Медицинские факторы риска ребёнка)
* insert Term(child-medical #preterm, Preterm birth, Шала туылу, Недоношенность)
* insert Term(child-medical #low-birth-weight, Low birth weight, Туылғандағы салмақтың төмендігі, Низкий вес при рождении)
* insert Term(child-medical #congenital-anomaly, Congenital anomaly, Туа біткен ақау, Врождённый порок)
* insert Term(child-medical #chronic-illness, Chronic illness or disability, Созылмалы ауру немесе мүгедектік, Хроническое заболевание или инвалидность)
* insert Term(child-medical #growth-faltering, Growth faltering, Өсудің баяулауы, Нарушение роста)
* insert Term(child-medical #developmental-delay, Developmental delay, Дамудың кешеуілдеуі, Задержка развития)
* insert Term(child-medical #incomplete-immunization, Incomplete immunization, Иммундаудың толық болмауы, Неполная иммунизация)
* insert Term(child-medical #feeding-problem, Feeding problem, Тамақтандыру проблемасы, Проблемы вскармливания)
* insert Term(maternal, Maternal medical and mental health risk, Ананың денсаулығына қатысты қауіп факторлары, Факторы риска здоровья матери)
* insert Term(maternal #adolescent-mother, Adolescent mother, Жасөспірім ана, Мать-подросток)
* insert Term(maternal #postpartum-depression, Postpartum depression, Босанғаннан кейінгі депрессия, Послеродовая депрессия)
* insert Term(maternal #maternal-mental-illness, Other maternal mental illness, Ананың басқа психикалық ауруы, Другое психическое расстройство матери)
* insert Term(maternal #maternal-chronic-disease, Maternal chronic disease, Ананың созылмалы ауруы, Хроническое заболевание матери)
* insert Term(maternal #maternal-infection, Maternal socially significant infection, Ананың әлеуметтік маңызы бар инфекциясы, Социально значимая инфекция у матери)
* insert Term(maternal #substance-use, Maternal substance use, Ананың психобелсенді заттарды қолдануы, Употребление психоактивных веществ матерью)
* insert Term(social, Social and family risk, Әлеуметтік және отбасылық қауіп факторлары, Социальные и семейные факторы риска)
* insert Term(social #low-income, Low-income family, Аз қамтылған отбасы, Малообеспеченная семья)
* insert Term(social #single-parent, Single-parent family, Толық емес отбасы, Неполная семья)
* insert Term(social #large-family, Large family, Көп балалы отбасы, Многодетная семья)
* insert Term(social #domestic-violence, Domestic violence, Отбасындағы зорлық-зомбылық, Насилие в семье)
* insert Term(social #household-alcohol, Alcohol abuse in the household, Отбасындағы алкоголь, Алкоголь в семье)
* insert Term(social #no-phc-attachment, Not attached to primary health care, МСАК ұйымына бекітілмеген, Нет прикрепления к ПМСП)
* insert Term(social #parent-disability, Parental disability, Ата-ананың мүгедектігі, Инвалидность родителя)
* insert Term(social #poor-housing, Poor housing or sanitation, Тұрғын үй жағдайының нашарлығы, Неудовлетворительные жилищные условия)
* insert Term(parenting, Parenting and caregiving risk, Бала күтіміне қатысты қауіп факторлары, Факторы риска ухода и воспитания)
* insert Term(parenting #poor-responsive-care, Poor responsive caregiving, Баланың қажеттіліктеріне жауап бермеу, Недостаточный отзывчивый уход)
* insert Term(parenting #danger-sign-unawareness, Caregiver unaware of danger signs, Қауіпті белгілерді білмеу, Незнание опасных признаков)
* insert Term(parenting #unsafe-home, Unsafe sleep or home hazards, Қауіпсіз емес ұйқы немесе үйдегі қауіптер, Небезопасный сон или опасности в доме)
* insert Term(parenting #neglect-signs, Signs of neglect or abuse, Баланы қараусыз қалдыру немесе қатыгездік белгілері, Признаки пренебрежения или жестокого обращения)

ValueSet: RiskFactorVS
Id: risk-factor
Title: "Family risk factor"
Description: "All risk factors and their four domains."
* insert LocalValueSet
* include codes from system RiskFactor

ValueSet: FamilyRiskFactorVS
Id: family-risk-factor
Title: "Family risk factor found by the nurse"
Description: "The risk factors of the nurse's family assessment: every factor except those the maternity hospital assesses at discharge for the neonatal risk group (preterm birth, low birth weight, congenital anomaly)."
* insert LocalValueSet
* include codes from system RiskFactor
* exclude $RiskFactor#preterm
* exclude $RiskFactor#low-birth-weight
* exclude $RiskFactor#congenital-anomaly

CodeSystem: NeonatalRiskGroup
Id: neonatal-risk-group
Title: "Neonatal risk group"
Description: "Risk group assigned to a newborn at discharge under the neonatal care standard as amended on 21.08.2025 (in force 4.09.2025). Only the high-risk criteria were published in full (docs/domain.md §2.1)."
* insert LocalCodeSystem
* insert Term(high, High risk, Жоғары қауіп тобы, Группа высокого риска)
* insert Term(moderate, Moderate risk, Орташа қауіп тобы, Группа среднего риска)
* insert Term(low, Low risk, Төмен қауіп тобы, Группа низкого риска)

ValueSet: NeonatalRiskGroupVS
Id: neonatal-risk-group
Title: "Neonatal risk group"
Description: "High, moderate or low."
* insert LocalValueSet
* include codes from system NeonatalRiskGroup
