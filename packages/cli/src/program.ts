import { Command, InvalidArgumentError } from 'commander';
import { collectFiles } from './validate/collectFiles.js';
import { formatProblem, sortProblems, summarize, toJsonProblems } from './validate/formatProblems.js';
import { validateFiles } from './validate/validateFiles.js';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** Runs the `portal` command line and resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('portal')
    .description('Developer portal command line')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description('Validate catalog files (entities in Backstage format) and the YAML skeletons of templates among them')
    .argument('<paths...>', 'files, folders or glob patterns')
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--strict', 'also fail on references to entities that none of the files defines')
    .option('--max-bytes <bytes>', 'largest file accepted', positiveInteger)
    .option('--max-documents <count>', 'most YAML documents accepted in one file', positiveInteger)
    .action(async (paths: string[], options: { format: string; strict?: boolean; maxBytes?: number; maxDocuments?: number }) => {
      if (options.format !== 'text' && options.format !== 'json') {
        io.stderr(`error: --format must be text or json, not ${options.format}\n`);
        exitCode = 2;
        return;
      }
      const { files, foundInFolders, problems: inputProblems } = await collectFiles(paths, io.cwd);
      const result = await validateFiles(files, { ...options, cwd: io.cwd, foundInFolders });
      const problems = sortProblems([...inputProblems, ...result.problems]);
      if (options.format === 'json') {
        io.stdout(`${JSON.stringify(toJsonProblems(problems), null, 2)}\n`);
      } else {
        for (const problem of problems) io.stdout(`${formatProblem(problem)}\n`);
      }
      const count = result.validated.length;
      if (count === 0 && inputProblems.length === 0) io.stderr('no catalog files found\n');
      io.stderr(`${summarize(problems, count)}\n`);
      exitCode = problems.some(p => p.severity === 'error') || count === 0 ? 1 : 0;
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // commander has already printed its message (usage error, --help, --version).
    const code = (error as { exitCode?: number }).exitCode;
    return code === undefined ? 1 : code;
  }
  return exitCode;
}
