/**
 * How each operation the CapabilityStatement lists is invoked over HTTP: at the type level, on an
 * instance, or both; with GET, POST or both; and what a success answers. The statement names an
 * operation and its definition only; the levels and methods are those of its route in
 * `src/http/`, and `test/integration/openapi-routes.test.ts` compares the two route by route.
 * @see https://hl7.org/fhir/R4/operations.html#request
 * @module
 */
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { TERMINOLOGY_OPERATIONS } from '../rest/terminology/terminology-operations.js';
import type { JsonSchema } from './openapi-types.js';

/** How an operation is called, and what it answers. */
export interface OperationInvocation {
  /** `[base]/[type]/$name`. */
  typeLevel: boolean;
  /** `[base]/[type]/[id]/$name`, for the types where it is served. */
  instanceLevel: (type: string) => boolean;
  methods: readonly ('get' | 'post')[];
  /** The answer on success: a component schema name in FHIR JSON, or another media type. */
  answer: { schema: string } | { mediaType: string; schema: JsonSchema };
}

const DEFINITIONS = 'http://hl7.org/fhir/OperationDefinition';
const never = () => false;

/** By OperationDefinition canonical. */
const INVOCATIONS: Readonly<Record<string, OperationInvocation>> = {
  // fhir-routes.ts: POST on every R4 type, and on instances of the stored types.
  [`${DEFINITIONS}/Resource-validate`]: {
    typeLevel: true,
    instanceLevel: isSupportedResourceType,
    methods: ['post'],
    answer: { schema: 'OperationOutcome' },
  },
  // growth-routes.ts: GET on a Patient, an SVG image.
  'https://fhir.patronage.kz/OperationDefinition/Patient-growth-chart': {
    typeLevel: false,
    instanceLevel: () => true,
    methods: ['get'],
    answer: { mediaType: 'image/svg+xml', schema: { type: 'string' } },
  },
  // plans-routes.ts: POST on a PlanDefinition; GET the worklist of CarePlans.
  // Our own definition of R4's $apply (its base), with the programme's inputs.
  'https://fhir.patronage.kz/OperationDefinition/PlanDefinition-apply': {
    typeLevel: false,
    instanceLevel: () => true,
    methods: ['post'],
    answer: { schema: 'Resource' },
  },
  'https://fhir.patronage.kz/OperationDefinition/CarePlan-worklist': {
    typeLevel: true,
    instanceLevel: never,
    methods: ['get'],
    answer: { schema: 'Bundle' },
  },
  // ingest-routes.ts: POST one local record, the Bundle it maps to.
  [`${DEFINITIONS}/StructureMap-transform`]: {
    typeLevel: true,
    instanceLevel: never,
    methods: ['post'],
    answer: { schema: 'Bundle' },
  },
  // terminology-routes.ts reads the same table: GET or POST, instances where R4 allows.
  ...Object.fromEntries(
    TERMINOLOGY_OPERATIONS.map((op) => [
      op.definition,
      {
        typeLevel: true,
        instanceLevel: () => op.instance,
        methods: ['get', 'post'],
        answer: { schema: op.name === 'expand' ? 'ValueSet' : 'Parameters' },
      } satisfies OperationInvocation,
    ]),
  ),
};

/** A POST at the type level answering any resource: for a definition this table does not know. */
const FALLBACK: OperationInvocation = {
  typeLevel: true,
  instanceLevel: never,
  methods: ['post'],
  answer: { schema: 'Resource' },
};

/** How the operation defined by `definition` is invoked. */
export function invocationOf(definition: string): OperationInvocation {
  return Object.hasOwn(INVOCATIONS, definition) ? INVOCATIONS[definition]! : FALLBACK;
}
