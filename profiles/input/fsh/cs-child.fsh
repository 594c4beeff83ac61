// Child-level code systems: danger signs, feeding, growth indicators and classifications,
// development screening results.

CodeSystem: DangerSign
Id: danger-sign
Title: "IMCI danger sign"
Description: "IMCI young-infant and general danger signs that the patronage nurse checks at each child visit; the list matches the signs recorded by polyclinic systems today (test/fixtures/shared-samples). Wording follows IMCI: fever is 37.5 °C or more, chest indrawing is severe lower chest wall indrawing."
* insert LocalCodeSystem
* insert Term(unable-to-feed, Unable to feed or suck, Еме алмайды, Не может сосать)
* insert Term(convulsions, Convulsions, Құрысулар, Судороги)
* insert Term(fast-breathing, Fast breathing, Жиі тыныс алу, Учащённое дыхание)
* insert Term(chest-indrawing, Severe lower chest wall indrawing, Кеуде қуысының төменгі бөлігінің айқын тартылуы, Выраженное втяжение нижней части грудной клетки)
* insert Term(fever, Temperature 37.5 °C or more, Дене қызуы 37\,5 °C немесе одан жоғары, Температура 37\,5 °C и выше)
* insert Term(hypothermia, Temperature below 35.5 °C, Дене қызуы 35\,5 °C-тан төмен, Температура ниже 35\,5 °C)
* insert Term(jaundice, Jaundice, Сарғаю, Желтуха)
* insert Term(umbilical-infection, Umbilical infection, Кіндік инфекциясы, Инфекция пупка)
* insert Term(lethargy, Lethargy, Енжарлық, Вялость)

ValueSet: DangerSignVS
Id: danger-sign
Title: "IMCI danger sign"
Description: "All danger signs."
* insert LocalValueSet
* include codes from system DangerSign

CodeSystem: FeedingStatus
Id: feeding-status
Title: "Infant feeding status"
Description: "Infant feeding aligned with the WHO infant and young child feeding (IYCF) categories."
* insert LocalCodeSystem
* insert Term(exclusive, Exclusive breastfeeding, Тек емшекпен емізу, Исключительно грудное вскармливание)
* insert Term(predominant, Predominant breastfeeding, Басым түрде емшекпен емізу, Преимущественно грудное вскармливание)
* insert Term(partial, Partial breastfeeding with formula or other food, Аралас тамақтандыру, Смешанное вскармливание)
* insert Term(not-breastfed, Not breastfed, Емшекпен емізілмейді, Искусственное вскармливание)

ValueSet: FeedingStatusVS
Id: feeding-status
Title: "Infant feeding status"
Description: "All feeding status codes."
* insert LocalValueSet
* include codes from system FeedingStatus

CodeSystem: GrowthIndicator
Id: growth-indicator
Title: "WHO growth indicator"
Description: "Anthropometric indices of the WHO Child Growth Standards (2006) for which a z-score is recorded. No LOINC code for these z-scores was verified (docs/domain.md §4). Properties hold the WHO flags for biologically implausible values and whether restricted tails apply (docs/domain.md §5), as data."
* insert LocalCodeSystem
* ^property[+].code = #implausible-below
* ^property[=].type = #decimal
* ^property[=].description = "A z-score below this value is flagged as biologically implausible."
* ^property[+].code = #implausible-above
* ^property[=].type = #decimal
* ^property[=].description = "A z-score above this value is flagged as biologically implausible."
* ^property[+].code = #restricted-tails
* ^property[=].type = #boolean
* ^property[=].description = "True when the WHO restricted (adjusted) z-score applies beyond ±3 SD."
* insert Term(wfa-z, Weight-for-age z-score, Жасқа сәйкес салмақтың z-көрсеткіші, Z-оценка массы тела к возрасту)
* insert GrowthLimits(wfa-z, -6, 5, true)
* insert Term(lhfa-z, Length/height-for-age z-score, Жасқа сәйкес бойдың z-көрсеткіші, Z-оценка длины/роста к возрасту)
* insert GrowthLimits(lhfa-z, -6, 6, false)
* insert Term(wflh-z, Weight-for-length/height z-score, Бойға сәйкес салмақтың z-көрсеткіші, Z-оценка массы тела к длине/росту)
* insert GrowthLimits(wflh-z, -5, 5, true)
* insert Term(hcfa-z, Head circumference-for-age z-score, Жасқа сәйкес бас шеңберінің z-көрсеткіші, Z-оценка окружности головы к возрасту)
* insert GrowthLimits(hcfa-z, -5, 5, false)
* insert Term(bmifa-z, BMI-for-age z-score, Жасқа сәйкес ДСИ z-көрсеткіші, Z-оценка ИМТ к возрасту)
* insert GrowthLimits(bmifa-z, -5, 5, true)
* insert Term(acfa-z, Arm circumference-for-age z-score, Жасқа сәйкес иық шеңберінің z-көрсеткіші, Z-оценка окружности плеча к возрасту)
* insert GrowthLimits(acfa-z, -5, 5, true)

RuleSet: GrowthLimits(code, below, above, restricted)
* #{code} ^property[+].code = #implausible-below
* #{code} ^property[=].valueDecimal = {below}
* #{code} ^property[+].code = #implausible-above
* #{code} ^property[=].valueDecimal = {above}
* #{code} ^property[+].code = #restricted-tails
* #{code} ^property[=].valueBoolean = {restricted}

ValueSet: GrowthIndicatorVS
Id: growth-indicator
Title: "WHO growth indicator"
Description: "All growth indicators."
* insert LocalValueSet
* include codes from system GrowthIndicator

CodeSystem: WhoGrowthClassification
Id: who-growth-classification
Title: "WHO growth classification"
Description: "Classification of a growth z-score by the WHO cut-offs. Each concept carries its indicator(s) and z-score bounds as properties (thresholds are data, not code): a low class holds lower ≤ z < upper, a high class lower < z ≤ upper; a missing bound is open. Cut-offs are standard WHO values not yet re-verified for this guide (docs/domain.md §5, [M])."
* insert LocalCodeSystem
* ^property[+].code = #indicator
* ^property[=].type = #code
* ^property[=].description = "Growth indicator (growth-indicator code) the class applies to; repeats."
* ^property[+].code = #z-lower
* ^property[=].type = #decimal
* ^property[=].description = "Lower z-score bound of the class."
* ^property[+].code = #z-upper
* ^property[=].type = #decimal
* ^property[=].description = "Upper z-score bound of the class."
* insert Term(normal, Within normal range, Қалыпты шекте, В пределах нормы)
* insert Term(severely-stunted, Severely stunted, Бойдың өсуінің айқын тежелуі, Выраженная задержка роста)
* insert Band(severely-stunted, lhfa-z)
* #severely-stunted ^property[+].code = #z-upper
* #severely-stunted ^property[=].valueDecimal = -3
* insert Term(stunted, Stunted, Бойдың өсуінің тежелуі, Задержка роста)
* insert Band(stunted, lhfa-z)
* insert Bounds(stunted, -3, -2)
* insert Term(severely-wasted, Severely wasted, Ауыр арықтау, Тяжёлое истощение)
* insert Band(severely-wasted, wflh-z)
* #severely-wasted ^property[+].code = #z-upper
* #severely-wasted ^property[=].valueDecimal = -3
* insert Term(wasted, Wasted, Арықтау, Истощение)
* insert Band(wasted, wflh-z)
* insert Bounds(wasted, -3, -2)
* insert Term(severely-underweight, Severely underweight, Салмақтың айқын тапшылығы, Выраженный дефицит массы тела)
* insert Band(severely-underweight, wfa-z)
* #severely-underweight ^property[+].code = #z-upper
* #severely-underweight ^property[=].valueDecimal = -3
* insert Term(underweight, Underweight, Салмақ тапшылығы, Недостаточная масса тела)
* insert Band(underweight, wfa-z)
* insert Bounds(underweight, -3, -2)
* insert Term(possible-risk-of-overweight, Possible risk of overweight, Артық салмақтың ықтимал қаупі, Возможный риск избыточной массы тела)
* insert Band(possible-risk-of-overweight, wflh-z)
* insert Band(possible-risk-of-overweight, bmifa-z)
* insert Bounds(possible-risk-of-overweight, 1, 2)
* insert Term(overweight, Overweight, Артық салмақ, Избыточная масса тела)
* insert Band(overweight, wflh-z)
* insert Band(overweight, bmifa-z)
* insert Bounds(overweight, 2, 3)
* insert Term(obese, Obese, Семіздік, Ожирение)
* insert Band(obese, wflh-z)
* insert Band(obese, bmifa-z)
* #obese ^property[+].code = #z-lower
* #obese ^property[=].valueDecimal = 3
* insert Term(small-head, Head circumference below -2 SD, Бас шеңбері -2 SD-дан төмен, Окружность головы ниже -2 SD)
* insert Band(small-head, hcfa-z)
* #small-head ^property[+].code = #z-upper
* #small-head ^property[=].valueDecimal = -2
* insert Term(large-head, Head circumference above +2 SD, Бас шеңбері +2 SD-дан жоғары, Окружность головы выше +2 SD)
* insert Band(large-head, hcfa-z)
* #large-head ^property[+].code = #z-lower
* #large-head ^property[=].valueDecimal = 2
* insert Term(implausible, Biologically implausible value, Биологиялық тұрғыдан мүмкін емес мән, Биологически неправдоподобное значение)

RuleSet: Band(code, indicator)
* #{code} ^property[+].code = #indicator
* #{code} ^property[=].valueCode = #{indicator}

RuleSet: Bounds(code, lower, upper)
* #{code} ^property[+].code = #z-lower
* #{code} ^property[=].valueDecimal = {lower}
* #{code} ^property[+].code = #z-upper
* #{code} ^property[=].valueDecimal = {upper}

ValueSet: WhoGrowthClassificationVS
Id: who-growth-classification
Title: "WHO growth classification"
Description: "All WHO growth classifications."
* insert LocalValueSet
* include codes from system WhoGrowthClassification

CodeSystem: DevelopmentResult
Id: development-result
Title: "Development screening result"
Description: "Overall result of a child development screening (GMCD from 2026; the instrument and its reporting structure are open, docs/ig/open-questions.md)."
* insert LocalCodeSystem
* insert Term(typical, Development as expected for age, Даму жасына сәйкес, Развитие соответствует возрасту)
* insert Term(monitor, Monitor closely, Бақылауды күшейту қажет, Требуется усиленное наблюдение)
* insert Term(refer, Refer for specialist assessment, Маманның бағалауына жіберу, Направить на оценку к специалисту)

ValueSet: DevelopmentResultVS
Id: development-result
Title: "Development screening result"
Description: "All development screening results."
* insert LocalValueSet
* include codes from system DevelopmentResult
