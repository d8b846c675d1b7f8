import express from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger, type BackendPlugin } from '@portal/backend-common';
import { startPlugins } from './startBackend.js';

function recordingPlugin(id: string, log: string[], options: { failStart?: boolean } = {}): BackendPlugin {
  return {
    id,
    router: express.Router(),
    start: async () => {
      if (options.failStart) throw new Error(`${id} cannot start`);
      log.push(`start ${id}`);
    },
    stop: async () => {
      log.push(`stop ${id}`);
    },
  };
}

describe('startPlugins', () => {
  const logger = createLogger({ level: 'silent' });

  it('stops the plugins already started, last first, when a later one fails', async () => {
    const log: string[] = [];
    const plugins = [recordingPlugin('catalog', log), recordingPlugin('scaffolder', log), recordingPlugin('auth', log, { failStart: true })];
    await expect(startPlugins(plugins, { logger })).rejects.toThrow('auth cannot start');
    expect(log).toEqual(['start catalog', 'start scaffolder', 'stop scaffolder', 'stop catalog']);
  });

  it('stops every plugin when the work after starting fails, and starts each once when all goes well', async () => {
    const failing: string[] = [];
    const after = async () => {
      throw new Error('seeding failed');
    };
    await expect(startPlugins([recordingPlugin('a', failing), recordingPlugin('b', failing)], { logger, after })).rejects.toThrow('seeding failed');
    expect(failing).toEqual(['start a', 'start b', 'stop b', 'stop a']);

    const fine: string[] = [];
    await startPlugins([recordingPlugin('a', fine), recordingPlugin('b', fine)], { logger });
    expect(fine).toEqual(['start a', 'start b']);
  });
});
