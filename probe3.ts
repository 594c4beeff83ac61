import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
const doc = JSON.parse(readFileSync('/tmp/openapi.json', 'utf8'));
const v = new Validator();
const r = await v.validate(doc);
console.log(r.valid, JSON.stringify(r.errors, null, 1)?.slice(0, 3000));
