import { describe, expect, it } from 'vitest';
import { missingActionsOf } from './missingActions.js';

const template = (steps: unknown) => ({ apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 't' }, spec: { steps } });

describe('missingActionsOf', () => {
  it('lists each action the portal lacks once, in step order', () => {
    const entity = template([{ action: 'fetch:template' }, { action: 'acme:deploy' }, { action: 'aws:s3' }, { action: 'acme:deploy' }]);
    expect(missingActionsOf(entity, new Set(['fetch:template']))).toEqual(['acme:deploy', 'aws:s3']);
  });

  it('marks nothing while the action list is unknown, or for a template the portal can run', () => {
    expect(missingActionsOf(template([{ action: 'acme:deploy' }]), undefined)).toBeUndefined();
    expect(missingActionsOf(template([{ action: 'fetch:template' }]), new Set(['fetch:template']))).toEqual([]);
    expect(missingActionsOf(template('not a list'), new Set())).toEqual([]);
  });
});
