import type { Migration } from '@portal/backend-common';
import { secretsMigration } from './0001_secrets.js';
import { sessionsMigration } from './0002_sessions.js';
import { personalTokensMigration } from './0003_personal_tokens.js';

export const AUTH_MIGRATIONS_TABLE = 'auth_migrations';

/**
 * Each step holds its own SQL: a step that has run on some databases must do the same on every
 * other. Names are stored in auth_migrations and never change; a change to the schema is a new
 * step at the end.
 */
export const authMigrations: Migration[] = [secretsMigration, sessionsMigration, personalTokensMigration];
