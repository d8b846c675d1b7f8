import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { component, createTestCatalog, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';
import type { EntitiesChange } from './refreshLocation.js';

// The contract search builds on: after a change commits, listeners hear which entities changed.
describe.each(testDatabaseKinds())('catalog change listeners on %s', kind => {
  let catalog: TestCatalog;
  let dir: string;
  const changes: EntitiesChange[] = [];
  const refs = () => changes.flatMap(c => ('refs' in c ? [...c.refs].sort() : ['*']));

  beforeAll(async () => {
    catalog = await createTestCatalog({ kind });
    catalog.plugin.client.onEntitiesChanged(change => changes.push(change));
    dir = writeFiles(tempDir(), { 'catalog-info.yaml': `${component('alpha')}---\n${component('beta')}` });
    await catalog.plugin.client.addLocation({ type: 'file', target: path.join(dir, 'catalog-info.yaml') }, { allowFile: true });
  });
  afterAll(() => catalog?.db.destroy());

  it('are told of every entity a refresh wrote, and of none when nothing changed', async () => {
    expect(refs()).toContain('component:default/alpha');
    expect(refs()).toContain('component:default/beta');
    changes.length = 0;
    await catalog.plugin.client.refreshEntity('component:default/alpha');
    expect(changes).toEqual([]);
  });

  it('are told of the entities a refresh changed and removed, and only those', async () => {
    writeFiles(dir, { 'catalog-info.yaml': `${component('alpha', { owner: 'group:default/team-b' })}---\n${component('gamma')}` });
    await catalog.plugin.client.refreshEntity('component:default/alpha');
    expect(refs()).toEqual(['component:default/alpha', 'component:default/beta', 'component:default/gamma']);
    const [found] = await catalog.plugin.client.getEntitiesByRefs(['component:default/beta']);
    expect(found).toBeUndefined();
  });

  it('hear of everything when a location goes', async () => {
    changes.length = 0;
    const [location] = (await catalog.request.get('/api/catalog/locations').set(catalog.auth)).body as Array<{ data: { id: string } }>;
    await catalog.request.delete(`/api/catalog/locations/${location!.data.id}`).set(catalog.auth).expect(204);
    expect(refs()).toEqual(['*']);
  });
});
