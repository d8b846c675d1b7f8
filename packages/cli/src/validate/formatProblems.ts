import type { ValidationProblem } from '@portal/catalog-model';

/** `file:line: entity: path: message`, leaving out the parts a problem does not have. */
export function formatProblem(problem: ValidationProblem): string {
  const location = problem.file === undefined ? '' : problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const parts = [location, problem.entityRef, problem.path, problem.severity === 'warning' ? `warning: ${problem.message}` : problem.message];
  return parts.filter(part => part !== undefined && part !== '').join(': ');
}

export function toJsonProblems(problems: ValidationProblem[]) {
  return problems.map(p => ({
    file: p.file ?? null,
    line: p.line ?? null,
    entityRef: p.entityRef ?? null,
    path: p.path,
    message: p.message,
    severity: p.severity,
  }));
}

export function summarize(problems: ValidationProblem[], fileCount: number): string {
  const errors = problems.filter(p => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}`;
}

/** Problems in file order, then line order, so output reads top to bottom. */
export function sortProblems(problems: ValidationProblem[]): ValidationProblem[] {
  return [...problems].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.path.localeCompare(b.path));
}
