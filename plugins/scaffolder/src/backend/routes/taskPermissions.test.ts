import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startScaffolder } from '../__fixtures__/startScaffolder.js';

const fixtureTemplate = fileURLToPath(new URL('../__fixtures__/templates/secrets/template.yaml', import.meta.url));
const jane = { 'x-test-user': 'user:default/jane' };
const joe = { 'x-test-user': 'user:default/joe' };

describe.each(testDatabaseKinds())('scaffolder task permissions on %s', kind => {
  it('shows people their own tasks only, and lets only the creator cancel', async () => {
    const db = await createTestDatabase(kind);
    const t = await startScaffolder(db, { concurrentTasksLimit: 0 }, { permissions: true });
    try {
      await t.register(fixtureTemplate);
      expect((await request(t.app).post('/api/scaffolder/v2/tasks').send({ templateRef: 'secrets-and-waiting' })).status).toBe(401);
      const created = await request(t.app).post('/api/scaffolder/v2/tasks').set(jane).send({ templateRef: 'secrets-and-waiting', values: {} });
      expect(created.status).toBe(201);
      const id = created.body.id as string;

      const own = await request(t.app).get('/api/scaffolder/v2/tasks').set(jane);
      expect(own.body.tasks.map((task: { id: string; createdBy: string }) => [task.id, task.createdBy])).toEqual([[id, 'user:default/jane']]);
      const other = await request(t.app).get('/api/scaffolder/v2/tasks?createdBy=user:default/jane').set(joe);
      expect(other.body).toEqual({ tasks: [], totalTasks: 0 });
      expect((await request(t.app).get(`/api/scaffolder/v2/tasks/${id}`).set(joe)).status).toBe(404);
      expect((await request(t.app).get(`/api/scaffolder/v2/tasks/${id}/events`).set(joe)).status).toBe(404);
      expect((await request(t.app).post(`/api/scaffolder/v2/tasks/${id}/cancel`).set(joe)).status).toBe(404);

      // No worker runs here (concurrentTasksLimit 0), so the task is still open and is cancelled at once.
      const cancelled = await request(t.app).post(`/api/scaffolder/v2/tasks/${id}/cancel`).set(jane);
      expect(cancelled.body).toEqual({ status: 'cancelled' });
      const stream = await request(t.app).get(`/api/scaffolder/v2/tasks/${id}/eventstream`).set(jane);
      expect(stream.text).toMatch(/event: cancelled/);
    } finally {
      await t.close();
      await db.destroy();
    }
  }, 120_000);
});
