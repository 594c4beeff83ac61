/**
 * The WHO Child Growth Standards LMS tables, parsed from the tab-separated text the WHO
 * publishes (the `*anthro.txt` files: a header row, then `sex key l m s [loh]` rows; sex 1 is
 * male, 2 female; the key is the age in days or the length/height in cm). Pure: the caller
 * supplies the text, so the same code runs on Node and on Workers.
 * @see https://www.who.int/tools/child-growth-standards/standards
 * @module
 */

/** L (Box-Cox power), M (median) and S (coefficient of variation) of one table row. */
export interface Lms {
  l: number;
  m: number;
  s: number;
}

/** Sex as the tables code it: 1 male, 2 female. */
export type TableSex = 1 | 2;

/**
 * One LMS table, rows by sex and key. Keys are whole days, or lengths in tenths of a cm (so that
 * 50.1 cm is row 501, exactly).
 */
export interface LmsTable {
  /** The table's file stem, e.g. `weianthro`, named in the z-score's `method.text`. */
  name: string;
  /** Whether keys are days or tenths of a centimetre. */
  keyUnit: 'day' | 'tenth-cm';
  rows: Readonly<Record<TableSex, ReadonlyMap<number, Lms>>>;
  /** Smallest and largest key per sex, for chart ranges. */
  range: Readonly<Record<TableSex, readonly [number, number]>>;
}

/** Parses one table; throws an Error naming the line when a row is not `sex key l m s …`. */
export function parseLmsTable(name: string, text: string): LmsTable {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split('\t').map((cell) => cell.trim().toLowerCase());
  const keyColumn = header[1];
  if (header[0] !== 'sex' || (keyColumn !== 'age' && keyColumn !== 'length' && keyColumn !== 'height')) {
    throw new Error(`${name}: the header must start with sex and age, length or height`);
  }
  const keyUnit = keyColumn === 'age' ? 'day' : 'tenth-cm';
  const rows = { 1: new Map<number, Lms>(), 2: new Map<number, Lms>() };
  for (let index = 1; index < lines.length; index++) {
    const [sex, key, l, m, s] = lines[index]!.split('\t').map(Number);
    if ((sex !== 1 && sex !== 2) || [key, l, m, s].some((value) => value === undefined || !Number.isFinite(value))) {
      throw new Error(`${name}: line ${index + 1} is not a table row`);
    }
    const rowKey = keyUnit === 'day' ? key! : Math.round(key! * 10);
    rows[sex].set(rowKey, { l: l!, m: m!, s: s! });
  }
  return { name, keyUnit, rows, range: { 1: keyRange(rows[1]), 2: keyRange(rows[2]) } };
}

function keyRange(rows: Map<number, Lms>): readonly [number, number] {
  const keys = [...rows.keys()];
  return keys.length === 0 ? [0, -1] : [Math.min(...keys), Math.max(...keys)];
}
