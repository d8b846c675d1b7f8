export { runCli } from './program.js';
export type { CliIo } from './program.js';
export { collectFiles } from './validate/collectFiles.js';
export { validateFiles } from './validate/validateFiles.js';
export type { ValidateFilesOptions } from './validate/validateFiles.js';
export { formatProblem, toJsonProblems } from './validate/formatProblems.js';
