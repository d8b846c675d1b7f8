import { describe, expect, it } from 'vitest';
import { CORPUS } from './__fixtures__/corpus.js';
import { parseEntityYaml, parseWithParser } from './parseEntityYaml.js';
import { parseSimpleYaml } from './simpleYaml.js';

const file = 'catalog-info.yaml';

const entity = [
  '# A service',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: payments   # trailing comment',
  "  title: 'Payments: the service'",
  '  description: "Takes money # not a comment"',
  '  tags: [java, payments]',
  '  annotations: {backstage.io/techdocs-ref: "dir:.", github.com/project-slug: acme/payments}',
  '  links:',
  '    - url: https://example.com/dash',
  '      title: Dashboard',
  '    -   url: https://example.com/logs',
  'spec:',
  '  type: service',
  '  lifecycle: production',
  '  owner: team-a',
  '  dependsOn:',
  '  - resource:db',
  '  - component:default/cache',
  '  providesApis: []',
  '  empty:',
  '  flag: true',
  '  definition: |',
  '    openapi: 3.0.0',
  '    # kept, as in the file',
  '',
  '      paths:   ',
  '    end',
  '  # a comment after the scalar',
  '  after: |-',
  '    stripped',
  '',
  '  nothing: ~',
  '---',
  '---   # an empty document',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Location',
  'spec:',
  "  targets: [./a.yaml, \"./b c.yaml\", './it''s.yaml']",
  '',
].join('\n');

// Shapes the simple reader must either read exactly like the parser or leave to it.
const edgeCases = [
  'a: 1\n',
  'a: -1\n',
  'a: .5\n',
  'a: 0x1f\n',
  'a: 2020-01-01\n',
  'a: .inf\n',
  'a: +1\n',
  'a: 1e3\n',
  'a: yes\n',
  'a: No\n',
  'a: on\n',
  'a: TRUE\n',
  'a: tRue\n',
  'a: NULL\n',
  'a: nUll\n',
  'a: ~x\n',
  'a: &x b\nc: *x\n',
  'a: !!str 1\n',
  'a: |\n  x\n',
  'a: >\n  x\n',
  'a: "x\\ny"\n',
  'a: "multi\n  line"\n',
  'a: plain\n  continued\n',
  'a: b: c\n',
  'a:b\n',
  'a :b\n',
  'a : b\n',
  'a:\tb\n',
  '\ta: b\n',
  'a: b\r\nc: d\r\n',
  '\ufeffa: b\n',
  'a: b\u00a0\n',
  'a: "b"c\n',
  "a: 'b'c\n",
  'a: [b, ]\n',
  'a: [b,, c]\n',
  'a: [b: c]\n',
  'a: {b}\n',
  'a: {b: }\n',
  'a: {b:c}\n',
  'a: {"b":c}\n',
  'a: {b : c}\n',
  'a: [b #c]\n',
  'a: [b, [c, {d: e}]]\n',
  'a: [\n  b]\n',
  'a: b\na: c\n',
  'a: {b: 1, b: 2}\n',
  '"a": b\n\'a\': c\n',
  '__proto__: x\n',
  '<<: {a: b}\n',
  '? a\n: b\n',
  '- a\n- b\n',
  'a\n',
  '~\n',
  '[a]\n',
  'a: b\n...\n',
  '%YAML 1.2\n---\na: b\n',
  '--- a: b\n',
  'a:\n- b\n- c\nd: e\n',
  'a:\n  - b\n  c: d\n',
  'a:\n    b: 1\n  c: 2\n',
  '- a:\n  - b\n- c\n',
  'a:\n  -\n    b: c\n  -\n',
  'a:\n  - - b\n',
  'a:\n  - b: c\n    d: e\n   f: g\n',
  'a: b #c\nd: e#f\n',
  'a: C# dev\n',
  'a: b # c: d\n',
  'a: "#x"\n',
  "a: 'x''s'\n",
  "a: ''\n",
  'a: ""\n',
  'a: -\n',
  'a: - b\n',
  'a: ?\n',
  'a: ? b\n',
  'a: @b\n',
  'a: `b\n',
  'a: %b\n',
  'a: b:\n',
  'a: b :\n',
  'a: http://x:80/y\n',
  'a: [http://x:80/y]\n',
  'a: {u: http://x}\n',
  'k' + 'x'.repeat(1100) + ': v\n',
  'a: b\n  # indented comment\nc: d\n',
  '# only a comment\n',
  '',
  '---\n',
  'a: b\n---\n- c\n',
  'a:\n  b:\n    c:\n      d: [e]\n',
  'a: |\n  x\n',
  'a: |\n  x',
  'a: |\n  x\n\n\n',
  'a: |-\n  x\n  y\nb: c\n',
  'a: |\n\n  x\n',
  'a: |\n  x\n      \n  y\n',
  'a: |\n    x\n  y\n',
  'a: |\n  x\n # c\n  y\n',
  'a: |\nb: c\n',
  'a: |2\n  x\n',
  'a: |+\n  x\n\n',
  'a: | # c\n  x\n',
  '- |\n  x\n',
  'a:\n  - b: |\n      x\n    c: d\n',
  'a: |\n  ---\n  ...\n  %x\n',
  'a: |\n  x\n---\nb: |\n  y\n',
  'a: |\n  x: [\n  "y\n',
  `a: ${'['.repeat(60)}${']'.repeat(60)}\n`,
  'a:  "x"   # c\n',
  'a: "x" #c\n',
  'a: "x"#c\n',
  'a: [x]#c\n',
  'a: [ x , y ]\n',
  'a: {b: [c, d], e: {f: g}}\n',
  'a: ./x\n',
  'a: .x\n',
  'a: .Inf\n',
  'a: -.inf\n',
  'a: .NaN\n',
  'a: 1.2.3\n',
  'a: v1\n',
  'a: [{b: c}, {d: e}]\n',
  'a: ["x", \'y\']\n',
  'a: [-x]\n',
  'a: [x y, z]\n',
  'a:\n- x\n  - y\n',
];

/** A fixed-seed generator, so a failure can be reproduced. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

function mutations(text: string, count: number, seed: number): string[] {
  const next = random(seed);
  const pieces = [' ', '  ', ':', ': ', '-', '- ', '#', ' #', "'", '"', '[', ']', '{', '}', ',', '\n', '\n  ', '~', '1', 'true', '---\n', '&a', '*a'];
  return Array.from({ length: count }, () => {
    const at = next(text.length + 1);
    if (next(3) === 0) return text.slice(0, at) + text.slice(at + 1 + next(3));
    return text.slice(0, at) + pieces[next(pieces.length)]! + text.slice(at);
  });
}

function expectSameAsParser(text: string): boolean {
  const simple = parseSimpleYaml(text, 1000);
  if (!simple) return false;
  const full = parseWithParser(text, file, 1000, 100);
  expect(full.problems, text).toEqual([]);
  expect(simple, text).toStrictEqual(full.documents.map(d => ({ data: d.data, line: d.line })));
  return true;
}

describe('parseSimpleYaml', () => {
  it('reads a typical catalog file exactly as the full parser does', () => {
    expect(expectSameAsParser(entity)).toBe(true);
  });

  it('reads edge cases exactly as the full parser does, or leaves them to it', () => {
    const accepted = edgeCases.filter(text => expectSameAsParser(text));
    // Unsupported shapes must fall through; supported ones must not.
    expect(accepted).toContain('a:\n- b\n- c\nd: e\n');
    expect(accepted).not.toContain('a: 1\n');
    expect(accepted).not.toContain('a: b\na: c\n');
  });

  it('agrees with the full parser on every corpus case and on thousands of mutations of them', () => {
    let accepted = 0;
    for (const [i, testCase] of CORPUS.entries()) {
      if (expectSameAsParser(testCase.yaml)) accepted += 1;
      if (testCase.yaml.length > 10_000) continue;
      for (const mutated of mutations(testCase.yaml, 20, i + 1)) expectSameAsParser(mutated);
    }
    expect(accepted).toBeGreaterThan(CORPUS.length / 2);
  });

  it('agrees with the full parser on mutations of a file using every supported shape', () => {
    const acceptedMutations = mutations(entity, 1500, 7).filter(mutated => expectSameAsParser(mutated));
    // Most single mutations keep the file readable, so the comparison covers the simple reader.
    expect(acceptedMutations.length).toBeGreaterThan(500);
  });

  it('leaves counting documents over the limit to the full parser', () => {
    expect(parseSimpleYaml('a: b\n---\nc: d\n', 2)).toHaveLength(2);
    expect(parseSimpleYaml('a: b\n---\nc: d\n---\n', 2)).toBeUndefined();
    // A `---` before the first document starts no extra one.
    expect(parseSimpleYaml('# c\n---\na: b\n---\nc: d\n', 2)).toHaveLength(2);
    expect(parseSimpleYaml('a: b\n', 0)).toBeUndefined();
  });
});

describe('parseEntityYaml on the simple path', () => {
  it('locates fields with the full parser only when asked', () => {
    const { documents, problems } = parseEntityYaml(entity, { file });
    expect(problems).toEqual([]);
    expect(documents.map(d => d.line)).toEqual([2, 37]);
    const full = parseWithParser(entity, file, 1000, 100).documents;
    for (const path of [['metadata', 'links', 1, 'url'], ['spec', 'dependsOn', 1], ['spec', 'missing'], []]) {
      expect(documents[0]!.locate(path)).toBe(full[0]!.locate(path));
    }
    expect(documents[0]!.locate(['metadata', 'links', 1, 'url'])).toBe(13);
    expect(documents[1]!.locate(['spec', 'targets'])).toBe(40);
  });
});
