/**
 * Writes profiles/input/fsh/invariants-identifiers.fsh, the guide's FHIRPath invariants for the
 * Kazakh identifiers, before SUSHI runs (`npm run ig:build`). Generated so that each rule is
 * written once: the IIN check (pattern, calendar date in the century of the 7th digit, two-pass
 * mod-11 check digit) serves kz-iin-1 and the mother's IIN inside kz-prov-1, and the KATO
 * region codes come from profiles/data/kato-regions.json, which the native check reads too.
 * The expressions spell the sums out so that any FHIRPath engine can evaluate them (no
 * defineVariable). src/validation/rules/kz-identifiers.ts holds the native forms.
 * @see docs/domain.md §3.1–3.3
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../src/fhir/canonical.js';
import { PROFILES_DIR } from './paths.js';

const FSH_FILE = join(PROFILES_DIR, 'input', 'fsh', 'invariants-identifiers.fsh');
const KATO_REGIONS_FILE = join(PROFILES_DIR, 'data', 'kato-regions.json');

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
/** YYMMDD (month 01-12, day 01-31), then the century/sex digit 1-6. */
const IIN_HEAD = '[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[1-6]';

const digits = (start: number, length: number) => `$this.substring(${start},${length}).toInteger()`;

function weightedSum(weights: readonly number[]): string {
  const terms = weights.map((w, i) => (w === 1 ? digits(i, 1) : `${w}*${digits(i, 1)}`));
  return `(${terms.join(' + ')}) mod 11`;
}

/** The 12th digit is the first weighted sum, or the second when the first is 10 (never 10 twice). */
function checkDigitRule(): string {
  const first = weightedSum(W1);
  const second = `(${weightedSum(W2)})`;
  const check = digits(11, 1);
  return `iif(${first} = 10, ${second} != 10 and ${second} = ${check}, (${first}) = ${check})`;
}

/**
 * Digits 1-6 are a real date: any day up to 28; 29-30 outside February; 31 in the long months;
 * 29 February when YY is divisible by 4, except YY = 00 in the 1800s and 1900s (digit 7 below 5).
 */
function calendarDateRule(): string {
  const yy = digits(0, 2);
  const mm = digits(2, 2);
  const dd = digits(4, 2);
  return (
    `(${dd} <= 28 or (${mm} != 2 and (${dd} <= 30 or ${mm} in (1 | 3 | 5 | 7 | 8 | 10 | 12))) or ` +
    `(${mm} = 2 and ${dd} = 29 and ${yy} mod 4 = 0 and (${yy} != 0 or $this.substring(6,1) in ('5' | '6'))))`
  );
}

/** The IIN rules on the first 12 characters of `$this`, after `pattern` matched the whole value. */
function iinRule(pattern: string): string {
  return `$this.matches('${pattern}') and ${calendarDateRule()} and ${checkDigitRule()}`;
}

/** The first IIN's date as YYYY-MM-DD, YYYY-MM or YYYY equals birthDate, when both are there. */
function birthDateRule(): string {
  const iin = `identifier.where(system = '${IIN_SYSTEM}').first().value`;
  const century = `iif(${iin}.substring(6,1) in ('1' | '2'), '18', iif(${iin}.substring(6,1) in ('3' | '4'), '19', '20'))`;
  const encoded = `(${century} + ${iin}.substring(0,2) + '-' + ${iin}.substring(2,2) + '-' + ${iin}.substring(4,2))`;
  // Compared with `=` at the three precisions of a date, not with startsWith(birthDate…): engines
  // differ on the context a function argument is evaluated in, `=` has none to disagree on.
  const agrees = [encoded, `${encoded}.substring(0,7)`, `${encoded}.substring(0,4)`]
    .map((date) => `birthDate.toString() = ${date}`)
    .join(' or ');
  return `(birthDate.exists() and ${iin}.matches('^[0-9]{6}[1-6]')) implies (${agrees})`;
}

function katoRule(): string {
  const regions = (JSON.parse(readFileSync(KATO_REGIONS_FILE, 'utf8')) as { regions: { code: string }[] }).regions;
  return `value.ofType(Coding).code.matches('^(${regions.map((r) => r.code).join('|')})[0-9]{7}$')`;
}

interface Invariant {
  key: string;
  description: string;
  severity: 'error' | 'warning';
  expression: string;
}

function invariants(): Invariant[] {
  const birthDateDescription =
    "The first IIN's digits 1-6, read in the century of its 7th digit, agree with birthDate (to birthDate's precision)";
  return [
    {
      key: 'kz-iin-1',
      severity: 'error',
      description:
        'IIN: 12 digits; digits 1-6 a real YYMMDD date in the century of digit 7 (1-2: 1800s, 3-4: 1900s, 5-6: 2000s; odd male, even female); digit 12 the mod-11 check digit.',
      expression: iinRule(`^${IIN_HEAD}[0-9]{5}$`),
    },
    {
      key: 'kz-iin-2',
      severity: 'warning',
      description:
        'The 7th IIN digit agrees with gender: odd (1, 3, 5) for male, even (2, 4, 6) for female. A warning, because legacy registers hold such errors (docs/domain.md §3.1).',
      expression: `(gender = 'male' implies identifier.where(system = '${IIN_SYSTEM}').all(value.substring(6,1) in ('1' | '3' | '5'))) and (gender = 'female' implies identifier.where(system = '${IIN_SYSTEM}').all(value.substring(6,1) in ('2' | '4' | '6')))`,
    },
    {
      key: 'kz-iin-3',
      severity: 'warning',
      description: `${birthDateDescription}. A warning for mothers and nurses, as kz-iin-2.`,
      expression: birthDateRule(),
    },
    {
      key: 'kz-pat-2',
      severity: 'error',
      description: `${birthDateDescription}. An error for a patient: the child's age drives the visit schedule.`,
      expression: birthDateRule(),
    },
    {
      key: 'kz-bin-1',
      severity: 'error',
      description:
        'BIN: 12 digits; digits 1-4 YYMM of registration (month 01-12); digit 5 type (4, 5, 6); digit 6 attribute (0-3); digit 12 the IIN mod-11 check digit.',
      expression: `$this.matches('^[0-9]{2}(0[1-9]|1[0-2])[456][0-3][0-9]{6}$') and ${checkDigitRule()}`,
    },
    {
      key: 'kz-kato-1',
      severity: 'error',
      description:
        'A KATO code has 9 digits (AB CD EF HIJ) and AB is one of the 17 regions or 3 cities of republican significance (profiles/data/kato-regions.json).',
      expression: katoRule(),
    },
    {
      key: 'kz-prov-1',
      severity: 'error',
      description:
        "A provisional newborn identifier is the mother's IIN (valid as in kz-iin-1), a hyphen and the birth order (1-9).",
      expression: iinRule(`^${IIN_HEAD}[0-9]{5}-[1-9]$`),
    },
    {
      key: 'kz-pat-1',
      severity: 'error',
      description: 'A patient carries an IIN or, before the IIN is issued, a provisional newborn identifier.',
      expression: `identifier.where(system = '${IIN_SYSTEM}' or system = '${PROVISIONAL_NEWBORN_SYSTEM}').exists()`,
    },
  ];
}

function render(invariant: Invariant): string {
  return [
    `Invariant: ${invariant.key}`,
    `Description: ${JSON.stringify(invariant.description)}`,
    `Severity: #${invariant.severity}`,
    `Expression: ${JSON.stringify(invariant.expression)}`,
  ].join('\n');
}

/** Writes the identifier invariants' FSH file; returns how many invariants it holds. */
export function writeIdentifierInvariants(): number {
  const all = invariants();
  const header = [
    '// Generated by scripts/ig/identifier-invariants.ts (npm run ig:build): edit that script, not this file.',
    '// Named FHIRPath invariants for the Kazakh identifiers (docs/domain.md §3.1-3.3); the KATO region',
    '// codes come from profiles/data/kato-regions.json.',
  ].join('\n');
  writeFileSync(FSH_FILE, `${header}\n\n${all.map(render).join('\n\n')}\n`);
  return all.length;
}
