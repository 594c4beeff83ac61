// Named FHIRPath invariants of the guide. The IIN/BIN check-digit rule (mod 11, weights 1..11,
// second pass 3..11,1,2 when the first remainder is 10) follows domain.md §3.1; the expression
// spells the sums out so that any FHIRPath engine can evaluate it (no defineVariable).

Invariant: kz-iin-1
Description: "IIN: 12 digits; digits 1-6 a YYMMDD date; digit 7 from 1 to 6 (century and sex); digit 12 the mod-11 check digit."
Severity: #error
Expression: "$this.matches('^[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[1-6][0-9]{5}$') and iif(($this.substring(0,1).toInteger() + 2*$this.substring(1,1).toInteger() + 3*$this.substring(2,1).toInteger() + 4*$this.substring(3,1).toInteger() + 5*$this.substring(4,1).toInteger() + 6*$this.substring(5,1).toInteger() + 7*$this.substring(6,1).toInteger() + 8*$this.substring(7,1).toInteger() + 9*$this.substring(8,1).toInteger() + 10*$this.substring(9,1).toInteger() + 11*$this.substring(10,1).toInteger()) mod 11 = 10, ((3*$this.substring(0,1).toInteger() + 4*$this.substring(1,1).toInteger() + 5*$this.substring(2,1).toInteger() + 6*$this.substring(3,1).toInteger() + 7*$this.substring(4,1).toInteger() + 8*$this.substring(5,1).toInteger() + 9*$this.substring(6,1).toInteger() + 10*$this.substring(7,1).toInteger() + 11*$this.substring(8,1).toInteger() + $this.substring(9,1).toInteger() + 2*$this.substring(10,1).toInteger()) mod 11) != 10 and ((3*$this.substring(0,1).toInteger() + 4*$this.substring(1,1).toInteger() + 5*$this.substring(2,1).toInteger() + 6*$this.substring(3,1).toInteger() + 7*$this.substring(4,1).toInteger() + 8*$this.substring(5,1).toInteger() + 9*$this.substring(6,1).toInteger() + 10*$this.substring(7,1).toInteger() + 11*$this.substring(8,1).toInteger() + $this.substring(9,1).toInteger() + 2*$this.substring(10,1).toInteger()) mod 11) = $this.substring(11,1).toInteger(), (($this.substring(0,1).toInteger() + 2*$this.substring(1,1).toInteger() + 3*$this.substring(2,1).toInteger() + 4*$this.substring(3,1).toInteger() + 5*$this.substring(4,1).toInteger() + 6*$this.substring(5,1).toInteger() + 7*$this.substring(6,1).toInteger() + 8*$this.substring(7,1).toInteger() + 9*$this.substring(8,1).toInteger() + 10*$this.substring(9,1).toInteger() + 11*$this.substring(10,1).toInteger()) mod 11) = $this.substring(11,1).toInteger())"

Invariant: kz-iin-2
Description: "The 7th IIN digit agrees with gender: odd (1, 3, 5) for male, even (2, 4, 6) for female. A warning, because legacy registers hold such errors (domain.md §3.1)."
Severity: #warning
Expression: "(gender = 'male' implies identifier.where(system = 'https://fhir.patronage.kz/sid/iin').all(value.substring(6,1) in ('1' | '3' | '5'))) and (gender = 'female' implies identifier.where(system = 'https://fhir.patronage.kz/sid/iin').all(value.substring(6,1) in ('2' | '4' | '6')))"

Invariant: kz-iin-3
Description: "The IIN's first six digits equal birthDate as YYMMDD and its 7th digit names the century of birthDate (1-2: 1800s, 3-4: 1900s, 5-6: 2000s). A warning, as kz-iin-2."
Severity: #warning
Expression: "(birthDate.toString().length() = 10 and identifier.where(system = 'https://fhir.patronage.kz/sid/iin').exists()) implies (identifier.where(system = 'https://fhir.patronage.kz/sid/iin').first().value.substring(0,6) = birthDate.toString().substring(2,2) + birthDate.toString().substring(5,2) + birthDate.toString().substring(8,2) and iif(identifier.where(system = 'https://fhir.patronage.kz/sid/iin').first().value.substring(6,1) in ('1' | '2'), '18', iif(identifier.where(system = 'https://fhir.patronage.kz/sid/iin').first().value.substring(6,1) in ('3' | '4'), '19', '20')) = birthDate.toString().substring(0,2))"

Invariant: kz-bin-1
Description: "BIN: 12 digits; digits 1-4 YYMM of registration; digit 5 type (4, 5, 6); digit 6 attribute (0-3); digit 12 the IIN mod-11 check digit."
Severity: #error
Expression: "$this.matches('^[0-9]{2}(0[1-9]|1[0-2])[456][0-3][0-9]{6}$') and iif(($this.substring(0,1).toInteger() + 2*$this.substring(1,1).toInteger() + 3*$this.substring(2,1).toInteger() + 4*$this.substring(3,1).toInteger() + 5*$this.substring(4,1).toInteger() + 6*$this.substring(5,1).toInteger() + 7*$this.substring(6,1).toInteger() + 8*$this.substring(7,1).toInteger() + 9*$this.substring(8,1).toInteger() + 10*$this.substring(9,1).toInteger() + 11*$this.substring(10,1).toInteger()) mod 11 = 10, ((3*$this.substring(0,1).toInteger() + 4*$this.substring(1,1).toInteger() + 5*$this.substring(2,1).toInteger() + 6*$this.substring(3,1).toInteger() + 7*$this.substring(4,1).toInteger() + 8*$this.substring(5,1).toInteger() + 9*$this.substring(6,1).toInteger() + 10*$this.substring(7,1).toInteger() + 11*$this.substring(8,1).toInteger() + $this.substring(9,1).toInteger() + 2*$this.substring(10,1).toInteger()) mod 11) != 10 and ((3*$this.substring(0,1).toInteger() + 4*$this.substring(1,1).toInteger() + 5*$this.substring(2,1).toInteger() + 6*$this.substring(3,1).toInteger() + 7*$this.substring(4,1).toInteger() + 8*$this.substring(5,1).toInteger() + 9*$this.substring(6,1).toInteger() + 10*$this.substring(7,1).toInteger() + 11*$this.substring(8,1).toInteger() + $this.substring(9,1).toInteger() + 2*$this.substring(10,1).toInteger()) mod 11) = $this.substring(11,1).toInteger(), (($this.substring(0,1).toInteger() + 2*$this.substring(1,1).toInteger() + 3*$this.substring(2,1).toInteger() + 4*$this.substring(3,1).toInteger() + 5*$this.substring(4,1).toInteger() + 6*$this.substring(5,1).toInteger() + 7*$this.substring(6,1).toInteger() + 8*$this.substring(7,1).toInteger() + 9*$this.substring(8,1).toInteger() + 10*$this.substring(9,1).toInteger() + 11*$this.substring(10,1).toInteger()) mod 11) = $this.substring(11,1).toInteger())"

Invariant: kz-kato-1
Description: "A KATO code has exactly 9 digits (AB CD EF HIJ)."
Severity: #error
Expression: "value.ofType(Coding).code.matches('^[0-9]{9}$')"

Invariant: kz-prov-1
Description: "A provisional newborn identifier is the mother's 12-digit IIN, a hyphen and the birth order (1-9)."
Severity: #error
Expression: "$this.matches('^[0-9]{12}-[1-9]$')"

Invariant: kz-pat-1
Description: "A patient carries an IIN or, before the IIN is issued, a provisional newborn identifier."
Severity: #error
Expression: "identifier.where(system = 'https://fhir.patronage.kz/sid/iin' or system = 'https://fhir.patronage.kz/sid/provisional-newborn').exists()"
