import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import type { LocationStatus } from '../../common/index.js';
import type { CatalogService } from '../CatalogService.js';
import { component, createTestCatalog, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

// A refresh writes in one transaction, so only the counts kept in memory show how far a running
// refresh has come. A named pipe as one of its files holds the refresh in the middle; the counts
// are read from the service, since an embedded database answers nothing else until it commits.
describe.each(testDatabaseKinds())('refresh progress on %s', kind => {
  let catalog: TestCatalog | undefined;
  afterEach(async () => {
    await catalog?.plugin.stop?.();
    await catalog?.db.destroy();
  });

  it('counts the files, entities and errors read so far, and forgets them when the refresh ends', async () => {
    catalog = await createTestCatalog({ kind });
    const service = catalog.plugin.client as CatalogService;
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./a.yaml', './broken.yaml', './slow.yaml']),
      'a.yaml': component('a'),
      'broken.yaml': 'kind: [',
    });
    const slow = path.join(dir, 'slow.yaml');
    execFileSync('mkfifo', [slow]);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      fs.writeFileSync(slow, component('slow'));
    };
    try {
      const answer = await service.addLocation({ type: 'file', target: path.join(dir, 'catalog-info.yaml') }, { allowFile: true, answerWithinMs: 0 });
      const id = answer.location.id;
      // Root (its Location entity and the generated one), a.yaml and broken.yaml are read; slow.yaml waits.
      await expect.poll(() => service.progress.get(id), { timeout: 10_000 }).toEqual({ filesRead: 3, entitiesRead: 6, errors: 1 });
      release();
      await expect.poll(() => service.progress.get(id), { timeout: 10_000 }).toBeUndefined();
      const status = (await catalog.request.get(`/api/catalog/locations/${id}/status`).expect(200)).body as LocationStatus;
      expect(status).toMatchObject({ refreshing: false, progress: null, fileCount: 4, errorCount: 1 });
    } finally {
      release();
    }
  });
});
