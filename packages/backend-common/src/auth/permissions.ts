import type { Request } from 'express';
import { z } from 'zod';
import { AuthenticationError, NotAllowedError } from '../errors.js';
import type { Credentials, HttpAuth } from './httpAuth.js';

export const permissionActions = [
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.entity.refresh',
  'catalog.entity.delete',
  'catalog.entity.read',
  'scaffolder.task.create',
  'scaffolder.task.cancel',
  'scaffolder.task.read.all',
  'git.repository.create',
  'git.repository.write',
] as const;

export type PermissionAction = (typeof permissionActions)[number];

/**
 * Who a rule lets through, besides admins (who may do everything):
 * - `public`: anyone, even without credentials (only sensible for reads);
 * - `anyone`: any signed-in user or API token;
 * - `owners`: users whose ownership refs cover every owner of the resource;
 * - `admins`: direct members of a group listed in `permission.admins` (see createAdminCheck).
 */
export type PermissionRule = 'public' | 'anyone' | 'owners' | 'admins';

/** What the resource a request acts on is owned by, such as an entity's `spec.owner` as a ref. */
export interface PermissionResource {
  ownerRefs?: string[];
}

export type PermissionDecision = { allowed: true } | { allowed: false; rule: string; message: string };

export interface PermissionPolicy {
  /** `credentials` is undefined for an anonymous request. */
  authorize(credentials: Credentials | undefined, action: PermissionAction, resource?: PermissionResource): PermissionDecision;
}

const readActions: ReadonlySet<PermissionAction> = new Set(['catalog.entity.read', 'scaffolder.task.read.all']);

export const defaultPermissionRules: Record<PermissionAction, PermissionRule> = {
  'catalog.location.create': 'anyone',
  'catalog.location.delete': 'owners',
  'catalog.entity.refresh': 'anyone',
  'catalog.entity.delete': 'owners',
  'catalog.entity.read': 'public',
  'scaffolder.task.create': 'anyone',
  'scaffolder.task.cancel': 'owners',
  'scaffolder.task.read.all': 'admins',
  // A repository's owner is a namespace on the git host: a team's name, or a person's own.
  'git.repository.create': 'owners',
  // Changing a file (or pushing): owners of the entities the file or repository holds.
  'git.repository.write': 'owners',
};

const ruleSchema = z.enum(['public', 'anyone', 'owners', 'admins']);

/**
 * How far a person's ownership reaches through the group tree:
 * - `direct`: the user and the groups it is a member of (Backstage's default);
 * - `descendants`: also every group below those, so a department's members own what its teams own.
 * Ownership never flows upwards: a team's members do not own what the department owns.
 */
export const ownershipModes = ['direct', 'descendants'] as const;
export type OwnershipMode = (typeof ownershipModes)[number];

export const permissionConfigSchema = z
  .object({
    /**
     * Group refs (such as `group:default/platform`) whose direct members may do everything, and
     * user refs of people who may. Members of child groups are not admins.
     */
    admins: z.array(z.string().min(1)).default([]),
    ownership: z.enum(ownershipModes).default('direct'),
    rules: z
      .object(
        Object.fromEntries(permissionActions.map(action => [action, ruleSchema.optional()])) as Record<PermissionAction, z.ZodOptional<typeof ruleSchema>>,
      )
      .strict()
      .default({}),
  })
  .superRefine((value, ctx) => {
    for (const [action, rule] of Object.entries(value.rules)) {
      if (rule === 'public' && !readActions.has(action as PermissionAction)) {
        ctx.addIssue({ code: 'custom', path: ['rules', action], message: `'public' is only allowed for reads` });
      }
    }
  })
  .default({ admins: [], ownership: 'direct', rules: {} });

export type PermissionConfig = z.input<typeof permissionConfigSchema>;

function canonicalRef(ref: string, defaultKind: string): string {
  const lower = ref.trim().toLowerCase();
  const withKind = lower.includes(':') ? lower : `${defaultKind}:${lower}`;
  return withKind.includes('/') ? withKind : withKind.replace(':', ':default/');
}

/**
 * The one admin decision, used by the policy and by the auth plugin's `/me`: a person is an admin
 * when their user ref is listed in `permission.admins`, or they are a direct member of a listed
 * group. Only `membershipEntityRefs` count, never the wider ownership refs, so owning a child
 * team's entities (`ownership: descendants`) or a group naming an admin group as its parent
 * makes nobody an admin. Service tokens are not people and are never admins.
 */
export function createAdminCheck(config: PermissionConfig = {}): (credentials: Credentials | undefined) => boolean {
  const admins = new Set(permissionConfigSchema.parse(config).admins.map(ref => canonicalRef(ref, 'group')));
  return credentials => {
    if (credentials?.type !== 'user' || admins.size === 0) return false;
    // Resolvers that know no group tree give no membership refs; their ownership refs are the memberships.
    const refs = credentials.membershipEntityRefs ?? credentials.ownershipEntityRefs;
    return refs.some(ref => admins.has(canonicalRef(ref, 'user')));
  };
}

/**
 * The policy the portal runs with: a rule per action from `permission.rules` (falling back to
 * defaultPermissionRules) and admin groups from `permission.admins`. API tokens with write access
 * act for trusted scripts and may do everything; read-only tokens may only read.
 */
export function createPermissionPolicy(config: PermissionConfig = {}): PermissionPolicy {
  const parsed = permissionConfigSchema.parse(config);
  const isAdmin = createAdminCheck(parsed);
  const rules = { ...defaultPermissionRules, ...parsed.rules } as Record<PermissionAction, PermissionRule>;
  return {
    authorize(credentials, action, resource) {
      const rule = rules[action];
      const ruleName = `permission.rules.${action}: ${rule}`;
      if (rule === 'public') return { allowed: true };
      if (!credentials) {
        return { allowed: false, rule: ruleName, message: `Sign in to ${describe(action)}` };
      }
      if (credentials.type === 'service') {
        if (credentials.access === 'read' && !readActions.has(action)) {
          return { allowed: false, rule: 'read-only token', message: `The token of '${credentials.subject}' is read-only and may not ${describe(action)}` };
        }
        return { allowed: true };
      }
      // A person's read-only token reads as the person, and changes nothing even for an admin.
      if (credentials.access === 'read' && !readActions.has(action)) {
        return {
          allowed: false,
          rule: 'read-only token',
          message: `This personal token of ${credentials.userEntityRef} is read-only and may not ${describe(action)}`,
        };
      }
      if (isAdmin(credentials)) return { allowed: true };
      if (rule === 'anyone') return { allowed: true };
      const who = credentials.userEntityRef;
      if (rule === 'admins') {
        return { allowed: false, rule: ruleName, message: `Only admins may ${describe(action)}; ${who} is not in an admin group` };
      }
      const own = new Set(credentials.ownershipEntityRefs.map(ref => canonicalRef(ref, 'user')));
      // Every owner must be covered: a location whose entities belong to two teams is neither team's alone.
      const owners = (resource?.ownerRefs ?? []).map(ref => canonicalRef(ref, 'group'));
      if (owners.length > 0 && owners.every(ref => own.has(ref))) return { allowed: true };
      const ownedBy = owners.length > 0 ? `it is owned by ${owners.join(', ')}` : 'it has no owner';
      return {
        allowed: false,
        rule: ruleName,
        message: `Only owners and admins may ${describe(action)}: ${ownedBy}, and ${who} is not among them`,
      };
    },
  };
}

function describe(action: PermissionAction): string {
  const phrases: Record<PermissionAction, string> = {
    'catalog.location.create': 'register locations',
    'catalog.location.delete': 'unregister this location',
    'catalog.entity.refresh': 'refresh this entity',
    'catalog.entity.delete': 'delete this entity',
    'catalog.entity.read': 'read the catalog',
    'scaffolder.task.create': 'run templates',
    'scaffolder.task.cancel': 'cancel this task',
    'scaffolder.task.read.all': "read other people's tasks",
    'git.repository.create': 'create repositories under this owner',
    'git.repository.write': 'change files in this repository',
  };
  return phrases[action];
}

export interface Permissions {
  policy: PermissionPolicy;
  /** The decision for this request's credentials, for routes that filter rather than refuse. */
  authorize(req: Request, action: PermissionAction, resource?: PermissionResource): PermissionDecision;
  /**
   * Throws AuthenticationError (401) for an anonymous request that the rule does not let through,
   * and NotAllowedError (403) naming the rule for signed-in callers it refuses.
   */
  requirePermission(req: Request, action: PermissionAction, resource?: PermissionResource): void;
}

export function createPermissions(options: { httpAuth: HttpAuth; policy?: PermissionPolicy }): Permissions {
  const policy = options.policy ?? createPermissionPolicy();
  const authorize = (req: Request, action: PermissionAction, resource?: PermissionResource) =>
    policy.authorize(options.httpAuth.credentials(req), action, resource);
  return {
    policy,
    authorize,
    requirePermission(req, action, resource) {
      const decision = authorize(req, action, resource);
      if (decision.allowed) return;
      if (!options.httpAuth.credentials(req)) {
        throw new AuthenticationError(`${decision.message}: this request has no credentials`);
      }
      throw new NotAllowedError(`${decision.message} (rule ${decision.rule})`);
    },
  };
}
