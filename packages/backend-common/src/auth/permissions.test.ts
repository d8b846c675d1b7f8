import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errorHandler.js';
import { createLogger } from '../logging/createLogger.js';
import type { Credentials } from './httpAuth.js';
import { createHttpAuth } from './httpAuth.js';
import { createAdminCheck, createPermissionPolicy, createPermissions, permissionConfigSchema } from './permissions.js';

const jane: Credentials = {
  type: 'user',
  userEntityRef: 'user:default/jane',
  ownershipEntityRefs: ['user:default/jane', 'group:default/payments', 'group:default/engineering'],
};
const admin: Credentials = { type: 'user', userEntityRef: 'user:default/root', ownershipEntityRefs: ['user:default/root', 'group:default/platform'] };

describe('createPermissionPolicy', () => {
  const policy = createPermissionPolicy({ admins: ['platform'] });

  it('refuses anonymous writes and names the rule', () => {
    const decision = policy.authorize(undefined, 'catalog.location.create');
    expect(decision).toEqual({ allowed: false, rule: 'permission.rules.catalog.location.create: anyone', message: 'Sign in to register locations' });
  });

  it('lets signed-in users register, refresh and run templates', () => {
    for (const action of ['catalog.location.create', 'catalog.entity.refresh', 'scaffolder.task.create'] as const) {
      expect(policy.authorize(jane, action)).toEqual({ allowed: true });
    }
  });

  it('lets owners, through any of their ownership refs, delete what they own and nothing else', () => {
    expect(policy.authorize(jane, 'catalog.entity.delete', { ownerRefs: ['group:default/payments'] })).toEqual({ allowed: true });
    expect(policy.authorize(jane, 'catalog.entity.delete', { ownerRefs: ['Group:default/Engineering'] })).toEqual({ allowed: true });
    const denied = policy.authorize(jane, 'catalog.entity.delete', { ownerRefs: ['group:default/search'] });
    expect(denied).toMatchObject({ allowed: false, rule: 'permission.rules.catalog.entity.delete: owners' });
    expect(!denied.allowed && denied.message).toContain('owned by group:default/search');
    // A location spanning two teams is not one team's to remove.
    expect(policy.authorize(jane, 'catalog.location.delete', { ownerRefs: ['group:default/payments', 'group:default/search'] }).allowed).toBe(false);
    expect(policy.authorize(jane, 'catalog.location.delete', { ownerRefs: [] }).allowed).toBe(false);
  });

  it('lets admins do everything', () => {
    expect(policy.authorize(admin, 'catalog.entity.delete', { ownerRefs: ['group:default/search'] })).toEqual({ allowed: true });
    expect(policy.authorize(admin, 'scaffolder.task.read.all')).toEqual({ allowed: true });
    expect(policy.authorize(jane, 'scaffolder.task.read.all')).toMatchObject({ allowed: false, rule: 'permission.rules.scaffolder.task.read.all: admins' });
  });

  it('checks admin groups against direct memberships only, not against wider ownership refs', () => {
    // Owns what platform owns (through a group hierarchy), but is a direct member of web only.
    const owner: Credentials = {
      type: 'user',
      userEntityRef: 'user:default/wendy',
      ownershipEntityRefs: ['user:default/wendy', 'group:default/web', 'group:default/platform'],
      membershipEntityRefs: ['user:default/wendy', 'group:default/web'],
    };
    expect(policy.authorize(owner, 'scaffolder.task.read.all')).toMatchObject({ allowed: false });
    expect(policy.authorize(owner, 'catalog.entity.delete', { ownerRefs: ['group:default/platform'] })).toEqual({ allowed: true });
    expect(policy.authorize(owner, 'catalog.entity.delete', { ownerRefs: ['group:default/search'] })).toMatchObject({ allowed: false });
    const member: Credentials = { ...owner, membershipEntityRefs: ['user:default/wendy', 'Group:default/Platform'] };
    expect(policy.authorize(member, 'scaffolder.task.read.all')).toEqual({ allowed: true });
  });

  it('has one admin check, for listed users and direct members of listed groups, never for tokens', () => {
    const isAdmin = createAdminCheck({ admins: ['platform', 'user:default/kim'] });
    expect(isAdmin(admin)).toBe(true);
    expect(
      isAdmin({ type: 'user', userEntityRef: 'user:default/kim', ownershipEntityRefs: ['user:default/kim'], membershipEntityRefs: ['user:default/kim'] }),
    ).toBe(true);
    expect(isAdmin(jane)).toBe(false);
    expect(isAdmin({ type: 'service', subject: 'ci' })).toBe(false);
    expect(isAdmin(undefined)).toBe(false);
    expect(createAdminCheck()(admin)).toBe(false);
  });

  it('reads permission.ownership, direct unless set', () => {
    expect(permissionConfigSchema.parse(undefined).ownership).toBe('direct');
    expect(permissionConfigSchema.parse({}).ownership).toBe('direct');
    expect(permissionConfigSchema.parse({ ownership: 'descendants' }).ownership).toBe('descendants');
    expect(permissionConfigSchema.safeParse({ ownership: 'ancestors' }).success).toBe(false);
  });

  it('follows configured rules', () => {
    const strict = createPermissionPolicy({
      admins: ['group:default/platform'],
      rules: { 'catalog.location.create': 'admins', 'catalog.entity.read': 'public' },
    });
    expect(strict.authorize(jane, 'catalog.location.create').allowed).toBe(false);
    expect(strict.authorize(admin, 'catalog.location.create').allowed).toBe(true);
    expect(strict.authorize(undefined, 'catalog.entity.read').allowed).toBe(true);
  });

  it('lets write tokens through and keeps read-only tokens to reads', () => {
    expect(policy.authorize({ type: 'service', subject: 'ci' }, 'catalog.entity.delete')).toEqual({ allowed: true });
    const readOnly: Credentials = { type: 'service', subject: 'ci', access: 'read' };
    expect(policy.authorize(readOnly, 'catalog.entity.read')).toEqual({ allowed: true });
    expect(policy.authorize(readOnly, 'catalog.location.create')).toMatchObject({ allowed: false, rule: 'read-only token' });
  });

  it('rejects unknown actions and public writes in config', () => {
    expect(permissionConfigSchema.safeParse({ rules: { 'catalog.nope': 'anyone' } }).success).toBe(false);
    const result = permissionConfigSchema.safeParse({ rules: { 'catalog.entity.delete': 'public' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rules', 'catalog.entity.delete']);
  });
});

describe('requirePermission', () => {
  const httpAuth = createHttpAuth({ externalAccess: [] });
  httpAuth.addResolver(req => {
    const who = req.headers['x-test-user'];
    return who === 'jane' ? jane : undefined;
  });
  const permissions = createPermissions({ httpAuth, policy: createPermissionPolicy() });
  const app = express();
  app.use(httpAuth.middleware);
  app.post('/entities/:owner', (req, res) => {
    permissions.requirePermission(req, 'catalog.entity.delete', { ownerRefs: [`group:default/${req.params.owner}`] });
    res.status(204).end();
  });
  app.use(errorHandler(createLogger({ level: 'silent' })));

  it('answers 401 without credentials, 403 naming the rule, and lets owners through', async () => {
    const anonymous = await request(app).post('/entities/payments');
    expect(anonymous.status).toBe(401);
    const other = await request(app).post('/entities/search').set('x-test-user', 'jane');
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ name: 'NotAllowedError' });
    expect(other.body.error.message).toContain('rule permission.rules.catalog.entity.delete: owners');
    expect((await request(app).post('/entities/payments').set('x-test-user', 'jane')).status).toBe(204);
  });
});
