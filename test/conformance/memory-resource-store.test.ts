// The in-memory reference adapter against the storage conformance suite.
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import { describeResourceStoreConformance } from './resource-store.suite.js';

describeResourceStoreConformance('memory', {
  createStore: async () => createMemoryResourceStore(),
});
