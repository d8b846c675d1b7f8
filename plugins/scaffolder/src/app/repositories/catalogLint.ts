import { parseEntityYaml, validateEntity, type ValidationProblem } from '@portal/catalog-model';

/** Whether a file is one the catalog reads: YAML whose documents look like entities. */
export function looksLikeCatalogFile(path: string, text: string): boolean {
  return /\.ya?ml$/i.test(path) && /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}

/**
 * What the catalog would say about the file, with the same model and rules it ingests with:
 * YAML errors, then each document's problems, each on its line.
 */
export function catalogFileProblems(path: string, text: string): ValidationProblem[] {
  const parsed = parseEntityYaml(text, { file: path });
  const problems = [...parsed.problems];
  for (const document of parsed.documents) {
    if (document.data === null || document.data === undefined) continue;
    problems.push(...validateEntity(document.data, { file: path, line: document.line, locate: document.locate }));
  }
  return problems;
}
