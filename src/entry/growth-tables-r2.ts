/**
 * Workers: reads the WHO growth LMS tables from the R2 bucket bound as `WHO_GROWTH` (the seven
 * `*anthro.txt` objects, about 610 kB, uploaded by the operator like any reference data). Read once
 * per isolate at start-up, with the rest of the gateway. No bucket, or objects missing: growth
 * scoring is off and the gateway starts (decision 025).
 * @see https://developers.cloudflare.com/r2/api/workers/workers-api-reference/
 * @module
 */
import { GROWTH_TABLE_NAMES, type GrowthTableName } from '../plans/growth/growth-indicators.js';
import { GROWTH_OFF_BY_DEFAULT, type GrowthSetup } from '../plans/growth/growth-setup.js';
import { parseGrowthTables } from '../plans/growth/growth-tables.js';

/** The part of an R2 bucket binding this reader uses; a real `R2Bucket` satisfies it. */
export interface R2BucketLike {
  get(key: string): Promise<{ text(): Promise<string> } | null>;
}

/** The growth setup from the bucket, when one is bound. */
export async function readGrowthTablesBucket(bucket: R2BucketLike | undefined): Promise<GrowthSetup> {
  if (!bucket) return GROWTH_OFF_BY_DEFAULT;
  try {
    const texts: Partial<Record<GrowthTableName, string>> = {};
    await Promise.all(
      GROWTH_TABLE_NAMES.map(async (name) => {
        const object = await bucket.get(`${name}.txt`);
        if (object) texts[name] = await object.text();
      }),
    );
    return { tables: parseGrowthTables(texts) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { off: `the WHO growth tables in the WHO_GROWTH bucket could not be read: ${reason}` };
  }
}
