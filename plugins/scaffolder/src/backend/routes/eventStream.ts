import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { selectTaskEvents } from '../tasks/database/selectTasks.js';
import type { DbTaskEventRow } from '../tasks/database/tables.js';

export function eventView(row: DbTaskEventRow) {
  return {
    id: Number(row.id),
    taskId: row.task_id,
    type: row.type,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const FINAL_EVENTS = new Set(['completion', 'cancelled']);

/**
 * Server-sent events of one task: every stored event after `after` (or Last-Event-ID), then new
 * ones as they are stored, until the task ends. Events come from the table, so a stream served by
 * one replica shows a task run by another, and a client that reconnects loses nothing.
 */
export async function streamTaskEvents(options: {
  knex: Knex;
  taskId: string;
  after: number;
  req: Request;
  res: Response;
  pollIntervalMs?: number;
}): Promise<void> {
  const { res, req } = options;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const flush = () => (res as Response & { flush?: () => void }).flush?.();
  res.write(': stream open\n\n');
  flush();
  let closed = false;
  req.on('close', () => {
    closed = true;
  });
  let after = options.after;
  let lastWrite = Date.now();
  while (!closed) {
    const events = await selectTaskEvents({ knex: options.knex, taskId: options.taskId, after, limit: 500 });
    for (const event of events) {
      res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(eventView(event))}\n\n`);
      after = Number(event.id);
      lastWrite = Date.now();
      if (FINAL_EVENTS.has(event.type)) {
        flush();
        res.end();
        return;
      }
    }
    if (Date.now() - lastWrite > 15_000) {
      // A comment line keeps proxies from closing a quiet stream.
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    flush();
    if (events.length < 500) await new Promise(resolve => setTimeout(resolve, options.pollIntervalMs ?? 200));
  }
  res.end();
}
