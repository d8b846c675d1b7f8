import { describe, expect, it } from 'vitest';
import { parseEntityYaml } from './parseEntityYaml.js';
import { validateEntity } from './validation/validateEntity.js';

const file = 'catalog-info.yaml';

describe('parseEntityYaml', () => {
  it('returns each document with the line it starts on, skipping empty ones', () => {
    const text = '# leading comment\napiVersion: v1\nkind: A\n---\n---\n# only a comment\n---\nkind: B\n---\n~\n';
    const { documents, problems } = parseEntityYaml(text, { file });
    expect(problems).toEqual([]);
    expect(documents.map(d => [d.line, (d.data as { kind: string }).kind])).toEqual([
      [2, 'A'],
      [8, 'B'],
    ]);
  });

  it('reports syntax errors, duplicate keys and non-mappings with line and column, keeping good documents', () => {
    const text = 'kind: A\n---\nkind: B\nkind: C\n---\n- a list\n---\nkey: [unclosed\n---\nkind: D\n';
    const { documents, problems } = parseEntityYaml(text, { file });
    expect(documents.map(d => (d.data as { kind: string }).kind)).toEqual(['A', 'D']);
    expect(problems).toEqual([
      expect.objectContaining({ file, line: 4, column: 1, severity: 'error', message: expect.stringMatching(/unique/) }),
      expect.objectContaining({ file, line: 6, column: 1, message: 'a catalog document must be a mapping (an entity), not a list' }),
      // The parser notices the unclosed list where the next document starts.
      expect.objectContaining({ file, line: 9, message: expect.stringMatching(/^YAML syntax error/) }),
    ]);
  });

  it('locates fields for precise problem lines', () => {
    const text =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  tags:\n    - ok\n    - Bad_Tag\nspec:\n  type: service\n  owner: team-a\n';
    const [doc] = parseEntityYaml(text, { file }).documents;
    const problems = validateEntity(doc!.data, { file, line: doc!.line, locate: doc!.locate });
    expect(problems.map(p => [p.line, p.path])).toEqual([
      [7, 'metadata.tags.1'],
      [8, 'spec.lifecycle'],
    ]);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const { documents, problems } = parseEntityYaml(`a: "${'x'.repeat(2000)}"\n`, { file, maxBytes: 1000 });
    expect(documents).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/more than the limit of 1000 bytes/) })]);
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    const text = `a: "${'é'.repeat(400)}"\n`; // 400 characters, 800 bytes
    expect(parseEntityYaml(text, { file, maxBytes: 600 }).problems).toHaveLength(1);
    expect(parseEntityYaml(text, { file, maxBytes: 900 }).problems).toHaveLength(0);
  });

  it('refuses a file with too many documents, whole', () => {
    const { documents, problems } = parseEntityYaml('---\na: 1\n'.repeat(11), { file, maxDocuments: 10 });
    expect(documents).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 21, message: expect.stringMatching(/more than 10 YAML documents/) })]);
  });

  it('refuses an alias bomb but allows a few aliases', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...levels.slice(1).map((c, i) => `${c}: &${c} [${Array(9).fill(`*${levels[i]}`).join(', ')}]`),
    ].join('\n');
    const { documents, problems } = parseEntityYaml(bomb, { file });
    expect(documents).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/too many YAML aliases/) })]);
    expect(parseEntityYaml('a: &x {b: 1}\nc: *x\nd: *x\n', { file }).documents[0]!.data).toEqual({ a: { b: 1 }, c: { b: 1 }, d: { b: 1 } });
  });

  it('refuses deeply nested flow collections instead of exhausting the stack', () => {
    const { problems } = parseEntityYaml(`a: 1\nb: ${'['.repeat(100_000)}`, { file });
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/more than 100 levels deep/) })]);
    // Brackets inside quoted strings and comments are not nesting.
    const quoted = `a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}' # ${'['.repeat(500)}\n`;
    expect(parseEntityYaml(quoted, { file }).problems).toEqual([]);
  });
});
