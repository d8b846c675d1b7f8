export { createTestDatabase, testDatabaseKinds } from './testDatabase.js';
export type { TestDatabase, TestDatabaseKind } from './testDatabase.js';
