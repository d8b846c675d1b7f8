import type { Knex } from 'knex';
import { SESSIONS_TABLE } from './tables.js';

export interface NewSession {
  id: string;
  userEntityRef: string;
  ownershipEntityRefs: string[];
  membershipEntityRefs: string[];
  displayName?: string;
  email?: string;
  expiresAt: Date;
  resolvedAt: Date;
}

export async function insertSession({ knex, session }: { knex: Knex; session: NewSession }): Promise<void> {
  await knex(SESSIONS_TABLE).insert({
    id: session.id,
    user_entity_ref: session.userEntityRef,
    ownership_refs: JSON.stringify(session.ownershipEntityRefs),
    membership_refs: JSON.stringify(session.membershipEntityRefs),
    display_name: session.displayName ?? null,
    email: session.email ?? null,
    expires_at: session.expiresAt,
    resolved_at: session.resolvedAt,
  });
}
