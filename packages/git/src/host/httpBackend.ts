import { spawn } from 'node:child_process';
import type { Request, Response } from 'express';
import type { Logger } from '@portal/backend-common';
import { cleanGitEnv } from './gitCli.js';

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_END_LF = Buffer.from('\n\n');
const MAX_HEADER_BYTES = 64 * 1024;

function findHeaderEnd(buffer: Buffer): { end: number; bodyStart: number } | undefined {
  const crlf = buffer.indexOf(HEADER_END);
  const lf = buffer.indexOf(HEADER_END_LF);
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return undefined;
}

/** Applies the CGI response headers (`Status: 404 Not Found` and the rest) to the response. */
function writeCgiHeaders(res: Response, head: string) {
  let status = 200;
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else res.setHeader(name, value);
  }
  res.status(status);
}

/**
 * Runs `git http-backend` as a CGI program for one request, streaming the request body in and
 * the response out (pack files can be large). Resolves with git's exit code once the response
 * has been written.
 */
export function runHttpBackend(options: {
  projectRoot: string;
  pathInfo: string;
  remoteUser: string;
  req: Request;
  res: Response;
  logger: Logger;
}): Promise<number> {
  const { req, res } = options;
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const env = cleanGitEnv({
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    REQUEST_METHOD: req.method,
    QUERY_STRING: query,
    PATH_INFO: options.pathInfo,
    CONTENT_TYPE: header('content-type'),
    REMOTE_USER: options.remoteUser,
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
    // git inflates gzip request bodies itself when told they are compressed.
    HTTP_CONTENT_ENCODING: header('content-encoding'),
    // Lets protocol v2 clients (ls-refs with a prefix) talk v2.
    HTTP_GIT_PROTOCOL: header('git-protocol'),
  });
  if (req.headers['content-length'] !== undefined) env.CONTENT_LENGTH = header('content-length');

  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let headBuffer: Buffer | undefined = Buffer.alloc(0);
    let stderr = '';
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      child.kill();
      if (res.headersSent) res.destroy(error);
      reject(error);
    };

    child.on('error', fail);
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    // The client went away: there is nobody left to answer, so stop git.
    res.on('close', () => {
      if (!res.writableFinished) child.kill();
    });
    child.stdin.on('error', () => {
      // git may exit before reading the whole body (an error answer); that is not our failure.
    });
    req.pipe(child.stdin);

    child.stdout.on('data', (chunk: Buffer) => {
      if (headBuffer === undefined) {
        if (!res.write(chunk)) {
          child.stdout.pause();
          res.once('drain', () => child.stdout.resume());
        }
        return;
      }
      headBuffer = Buffer.concat([headBuffer, chunk]);
      const found = findHeaderEnd(headBuffer);
      if (!found) {
        if (headBuffer.length > MAX_HEADER_BYTES) fail(new Error('git http-backend wrote no header block'));
        return;
      }
      writeCgiHeaders(res, headBuffer.subarray(0, found.end).toString('latin1'));
      const rest = headBuffer.subarray(found.bodyStart);
      headBuffer = undefined;
      if (rest.length > 0) res.write(rest);
    });

    child.on('close', code => {
      if (settled) return;
      settled = true;
      if (stderr.trim()) options.logger.debug({ stderr: stderr.trim() }, 'git http-backend wrote to stderr');
      if (headBuffer !== undefined) {
        reject(new Error(`git http-backend exited with code ${code} before answering: ${stderr.trim().slice(0, 500)}`));
        return;
      }
      res.end(() => resolve(code ?? 1));
    });
  });
}
