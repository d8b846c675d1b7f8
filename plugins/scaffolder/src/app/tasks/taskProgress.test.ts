import { describe, expect, it } from 'vitest';
import type { ScaffolderTask, ScaffolderTaskEvent } from '../../common/index.js';
import { effectiveStatus, formatDuration, stepProgress, taskError, taskOutput } from './taskProgress.js';

const task: ScaffolderTask = {
  id: 't1',
  status: 'processing',
  createdAt: '2026-01-01T10:00:00.000Z',
  spec: {
    parameters: {},
    steps: [
      { id: 'fetch', name: 'Fetch', action: 'fetch:template' },
      { id: 'publish', name: 'Publish', action: 'publish:git' },
      { id: 'register', action: 'catalog:register' },
    ],
  },
  state: { fetch: { status: 'completed', startedAt: '2026-01-01T10:00:01.000Z', endedAt: '2026-01-01T10:00:03.000Z' } },
};

let id = 0;
const event = (type: string, at: string, body: ScaffolderTaskEvent['body']): ScaffolderTaskEvent => ({ id: ++id, taskId: 't1', type, createdAt: at, body });

describe('task progress', () => {
  it("brings the row's step states up to date with the streamed events", () => {
    const events = [
      event('step', '2026-01-01T10:00:04.000Z', { stepId: 'publish', status: 'processing' }),
      event('log', '2026-01-01T10:00:05.000Z', { stepId: 'publish', message: 'Pushing' }),
    ];
    expect(stepProgress(task, events).map(s => [s.id, s.name, s.status, s.startedAt, s.endedAt])).toEqual([
      ['fetch', 'Fetch', 'completed', '2026-01-01T10:00:01.000Z', '2026-01-01T10:00:03.000Z'],
      ['publish', 'Publish', 'processing', '2026-01-01T10:00:04.000Z', undefined],
      ['register', 'register', 'open', undefined, undefined],
    ]);
  });

  it('takes the end, the error and the output from the completion event', () => {
    const failed = [
      event('step', '2026-01-01T10:00:04.000Z', { stepId: 'publish', status: 'processing' }),
      event('step', '2026-01-01T10:00:06.000Z', { stepId: 'publish', status: 'failed' }),
      event('completion', '2026-01-01T10:00:06.100Z', { status: 'failed', message: 'boom', error: { name: 'Error', message: 'No integration for x' } }),
    ];
    expect(effectiveStatus(task, failed)).toBe('failed');
    expect(taskError(task, failed)).toEqual({ name: 'Error', message: 'No integration for x' });
    const steps = stepProgress({ ...task, status: 'failed' }, failed);
    expect(steps[1]).toMatchObject({ status: 'failed', endedAt: '2026-01-01T10:00:06.000Z' });

    const done = [event('completion', '2026-01-01T10:00:09.000Z', { status: 'completed', output: { links: [{ title: 'Repo', url: 'http://x' }] } })];
    expect(effectiveStatus(task, done)).toBe('completed');
    expect(taskOutput(task, done)).toEqual({ links: [{ title: 'Repo', url: 'http://x' }] });
  });

  it('formats durations for the step list', () => {
    expect([formatDuration(400), formatDuration(12_000), formatDuration(184_000), formatDuration(3_900_000)]).toEqual([
      '0 s',
      '12 s',
      '3 min 4 s',
      '1 h 5 min',
    ]);
  });
});
