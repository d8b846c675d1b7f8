import { spawn } from 'node:child_process';
import { cleanGitEnv } from './gitCli.js';

export interface RunGitOptions {
  /** Written to git's standard input. */
  input?: Buffer | string;
  /** Added to the clean environment (GIT_INDEX_FILE, author and committer). */
  env?: Record<string, string>;
  /** Output beyond this many bytes is dropped and `truncated` is set. */
  maxBytes?: number;
}

/**
 * Runs git with the host's clean environment and answers its output as bytes. Fails with git's
 * own message when it exits non-zero.
 */
export function runGit(args: string[], options: RunGitOptions = {}): Promise<{ stdout: Buffer; truncated: boolean }> {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { env: cleanGitEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        truncated = true;
        // Enough has been read: stop git rather than read what would be thrown away.
        child.kill();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.stdin.on('error', () => {
      // git may exit before reading its input (a failure it reports itself).
    });
    child.on('close', code => {
      if (code === 0 || truncated) resolve({ stdout: Buffer.concat(chunks), truncated });
      else reject(new Error(`git ${args[0] === '--git-dir' ? args[2] : args[0]} failed: ${stderr.trim() || `exit code ${code}`}`));
    });
    child.stdin.end(options.input);
  });
}
