export { createTestDatabase, testDatabaseKinds } from './testDatabase.js';
export type { TestDatabase, TestDatabaseKind } from './testDatabase.js';
export { describeSchema } from './describeSchema.js';
export type { ColumnDescription, DescribeSchemaOptions, SchemaDescription } from './describeSchema.js';
