// The search conformance suite on the in-memory store (the oracle itself).
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import { describeSearchConformance } from './search.suite.js';

describeSearchConformance('memory', { createStore: async () => createMemoryResourceStore() });
