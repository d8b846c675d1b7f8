import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseRequest } from './parseRequest.js';

function failure(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  status: z.enum(['open', 'failed']).optional(),
});

describe('parseRequest', () => {
  it('returns the parsed value, with coercions and defaults applied', () => {
    expect(parseRequest(listQuery, { limit: '20', status: 'open' }, 'query')).toEqual({ limit: 20, status: 'open' });
    expect(parseRequest(z.object({ values: z.record(z.string(), z.unknown()).default({}) }), undefined, 'body')).toEqual({ values: {} });
  });

  it('names every problem with its parameter and where it came from, in one message', () => {
    const error = failure(() => parseRequest(listQuery, { limit: 'abc', offset: '-1', status: 'sideways' }, 'query'));
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('Invalid query: limit must be a number; offset must be at least 0; status must be one of "open", "failed"');
    expect(error.fields).toEqual([
      { path: 'limit', message: 'must be a number' },
      { path: 'offset', message: 'must be at least 0' },
      { path: 'status', message: 'must be one of "open", "failed"' },
    ]);
  });

  it('writes nested paths with dots and list positions in brackets', () => {
    const body = z.object({ files: z.array(z.object({ path: z.string().min(1) })), owner: z.object({ name: z.string() }) });
    const error = failure(() => parseRequest(body, { files: [{ path: 'a' }, { path: '' }], owner: {} }, 'body'));
    expect(error.message).toBe('Invalid body: files[1].path must not be empty; owner.name is required');
    expect(error.fields?.map(f => f.path)).toEqual(['files[1].path', 'owner.name']);
  });

  it('names the part of the request: query, body or path', () => {
    const params = z.object({ uid: z.uuid() });
    expect(failure(() => parseRequest(params, { uid: 'nope' }, 'path')).message).toBe('Invalid path: uid must be a valid uuid');
    expect(failure(() => parseRequest(z.object({ target: z.string() }), {}, 'body')).message).toBe('Invalid body: target is required');
  });

  it('keeps the messages a schema sets itself, and reports problems of the whole input without a path', () => {
    const body = z
      .object({ limit: z.number().int('must be a whole number').optional(), a: z.string().optional(), b: z.string().optional() })
      .refine(v => Boolean(v.a) !== Boolean(v.b), 'give exactly one of a and b');
    const error = failure(() => parseRequest(body, { limit: 1.5, a: 'x', b: 'y' }, 'body'));
    expect(error.message).toBe('Invalid body: limit must be a whole number');
    const whole = failure(() => parseRequest(body, { a: 'x', b: 'y' }, 'body'));
    expect(whole.message).toBe('Invalid body: give exactly one of a and b');
    expect(whole.fields).toEqual([{ path: '', message: 'give exactly one of a and b' }]);
  });

  it('describes bounds of strings, lists and numbers', () => {
    const body = z.object({ name: z.string().max(3), tags: z.array(z.string()).min(2), port: z.number().gt(0) });
    expect(failure(() => parseRequest(body, { name: 'long', tags: ['x'], port: 0 }, 'body')).fields).toEqual([
      { path: 'name', message: 'must be at most 3 characters long' },
      { path: 'tags', message: 'must have at least 2 items' },
      { path: 'port', message: 'must be greater than 0' },
    ]);
  });
});
