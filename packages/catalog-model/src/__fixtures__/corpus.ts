import { BASES, fieldCase, metaCase, toYaml, withField, type CorpusCase } from './corpusBuilders.js';

export type { CorpusCase } from './corpusBuilders.js';

const long = (n: number, c = 'a') => c.repeat(n);

const kindCases: CorpusCase[] = [
  ...Object.keys(BASES).map(kind => ({ name: `${kind}: minimal valid`, yaml: toYaml(BASES[kind]), valid: true })),
  ...['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location'].flatMap(kind => [
    fieldCase(kind, 'v1beta1 accepted', 'apiVersion', 'backstage.io/v1beta1', true),
    fieldCase(kind, 'spec missing', 'spec', undefined, false),
    fieldCase(kind, 'spec is a list', 'spec', ['a'], false),
    fieldCase(kind, 'unsupported apiVersion', 'apiVersion', 'backstage.io/v1', false),
    fieldCase(kind, 'scaffolder apiVersion', 'apiVersion', 'scaffolder.backstage.io/v1beta3', false),
    fieldCase(kind, 'unknown spec field kept', 'spec.extra', { any: ['thing'] }, true),
  ]),
  fieldCase('Template', 'core apiVersion refused', 'apiVersion', 'backstage.io/v1alpha1', false),
  fieldCase('Template', 'older scaffolder apiVersion refused', 'apiVersion', 'scaffolder.backstage.io/v1beta2', false),

  // Component
  fieldCase('Component', 'type missing', 'spec.type', undefined, false),
  fieldCase('Component', 'lifecycle missing', 'spec.lifecycle', undefined, false),
  fieldCase('Component', 'owner missing', 'spec.owner', undefined, false),
  fieldCase('Component', 'type empty', 'spec.type', '', false),
  fieldCase('Component', 'lifecycle a number', 'spec.lifecycle', 3, false),
  fieldCase('Component', 'owner a list', 'spec.owner', ['a'], false),
  fieldCase('Component', 'owner null', 'spec.owner', null, false),
  fieldCase('Component', 'any lifecycle word', 'spec.lifecycle', 'sunset', true),
  fieldCase('Component', 'owner a user ref', 'spec.owner', 'user:default/jdoe', true),
  fieldCase('Component', 'owner a component (warning only)', 'spec.owner', 'component:other', true),
  fieldCase('Component', 'system set', 'spec.system', 'billing', true),
  fieldCase('Component', 'system empty', 'spec.system', '', false),
  fieldCase('Component', 'system a number', 'spec.system', 7, false),
  fieldCase('Component', 'subcomponentOf set', 'spec.subcomponentOf', 'component:default/core', true),
  fieldCase('Component', 'subcomponentOf a list', 'spec.subcomponentOf', ['core'], false),
  fieldCase('Component', 'providesApis set', 'spec.providesApis', ['payments-api', 'api:other/x'], true),
  fieldCase('Component', 'providesApis a string', 'spec.providesApis', 'payments-api', false),
  fieldCase('Component', 'providesApis with an empty item', 'spec.providesApis', [''], false),
  fieldCase('Component', 'consumesApis set', 'spec.consumesApis', ['payments-api'], true),
  fieldCase('Component', 'consumesApis with a number', 'spec.consumesApis', [1], false),
  fieldCase('Component', 'dependsOn with kinds', 'spec.dependsOn', ['resource:payments-db', 'component:default/core'], true),
  fieldCase('Component', 'dependsOn a mapping', 'spec.dependsOn', { a: 1 }, false),
  fieldCase('Component', 'dependsOn without a kind', 'spec.dependsOn', ['payments-db'], false),
  fieldCase('Component', 'owner ref with empty name', 'spec.owner', 'group:', false),
  fieldCase('Component', 'owner ref with empty namespace', 'spec.owner', 'group:/team-a', false),
  fieldCase('Component', 'providesApis empty list', 'spec.providesApis', [], true),

  // API
  fieldCase('API', 'definition missing', 'spec.definition', undefined, false),
  fieldCase('API', 'definition empty', 'spec.definition', '', false),
  fieldCase('API', 'definition a mapping', 'spec.definition', { openapi: '3.0.0' }, false),
  fieldCase('API', 'definition from a $text placeholder', 'spec.definition', { $text: './openapi.yaml' }, true),
  fieldCase('API', 'type missing', 'spec.type', undefined, false),
  fieldCase('API', 'lifecycle missing', 'spec.lifecycle', undefined, false),
  fieldCase('API', 'owner missing', 'spec.owner', undefined, false),
  fieldCase('API', 'grpc type', 'spec.type', 'grpc', true),
  fieldCase('API', 'system a number', 'spec.system', 1, false),
  {
    name: 'API: mcp-server with remotes',
    yaml: toYaml(
      withField(withField(BASES.API!, 'spec.definition', undefined), 'spec', {
        type: 'mcp-server',
        lifecycle: 'production',
        owner: 'team-a',
        remotes: [{ type: 'streamable-http', url: 'https://mcp.example.com' }],
      }),
    ),
    valid: true,
  },
  {
    name: 'API: mcp-server with empty remotes',
    yaml: toYaml(withField(BASES.API!, 'spec', { type: 'mcp-server', lifecycle: 'production', owner: 'team-a', remotes: [] })),
    valid: false,
  },
  {
    name: 'API: mcp-server remote without url',
    yaml: toYaml(withField(BASES.API!, 'spec', { type: 'mcp-server', lifecycle: 'production', owner: 'team-a', remotes: [{ type: 'sse' }] })),
    valid: false,
  },

  // Resource
  fieldCase('Resource', 'type missing', 'spec.type', undefined, false),
  fieldCase('Resource', 'owner missing', 'spec.owner', undefined, false),
  fieldCase('Resource', 'dependsOn set', 'spec.dependsOn', ['resource:network'], true),
  fieldCase('Resource', 'dependsOn a string', 'spec.dependsOn', 'resource:network', false),
  fieldCase('Resource', 'system set', 'spec.system', 'billing', true),
  fieldCase('Resource', 'type a boolean', 'spec.type', true, false),

  // System and Domain
  fieldCase('System', 'owner missing', 'spec.owner', undefined, false),
  fieldCase('System', 'domain set', 'spec.domain', 'finance', true),
  fieldCase('System', 'domain empty', 'spec.domain', '', false),
  fieldCase('System', 'type set', 'spec.type', 'product', true),
  fieldCase('System', 'type a list', 'spec.type', ['product'], false),
  fieldCase('Domain', 'owner missing', 'spec.owner', undefined, false),
  fieldCase('Domain', 'subdomainOf set', 'spec.subdomainOf', 'money', true),
  fieldCase('Domain', 'subdomainOf a number', 'spec.subdomainOf', 5, false),
  fieldCase('Domain', 'type set', 'spec.type', 'product-group', true),

  // Group and User
  fieldCase('Group', 'type missing', 'spec.type', undefined, false),
  fieldCase('Group', 'children missing', 'spec.children', undefined, false),
  fieldCase('Group', 'children a string', 'spec.children', 'team-b', false),
  fieldCase('Group', 'children set', 'spec.children', ['team-b', 'group:other/team-c'], true),
  fieldCase('Group', 'parent set', 'spec.parent', 'org', true),
  fieldCase('Group', 'parent a list', 'spec.parent', ['org'], false),
  fieldCase('Group', 'members set', 'spec.members', ['jdoe', 'user:default/asmith'], true),
  fieldCase('Group', 'members with an empty item', 'spec.members', [''], false),
  fieldCase('Group', 'profile set', 'spec.profile', { displayName: 'Team A', email: 'a@example.com', picture: 'https://example.com/a.png' }, true),
  fieldCase('Group', 'profile email empty', 'spec.profile', { email: '' }, false),
  fieldCase('Group', 'profile a string', 'spec.profile', 'Team A', false),
  fieldCase('User', 'memberOf missing', 'spec.memberOf', undefined, false),
  fieldCase('User', 'memberOf empty', 'spec.memberOf', [], true),
  fieldCase('User', 'memberOf a string', 'spec.memberOf', 'team-a', false),
  fieldCase('User', 'profile set', 'spec.profile', { displayName: 'Jo Doe', email: 'jo@example.com' }, true),
  fieldCase('User', 'profile displayName a number', 'spec.profile', { displayName: 42 }, false),
  fieldCase('User', 'spec with only profile', 'spec', { profile: { displayName: 'x' } }, false),

  // Location
  fieldCase('Location', 'empty spec', 'spec', {}, true),
  fieldCase('Location', 'targets set', 'spec.targets', ['./a.yaml', './b.yaml'], true),
  fieldCase('Location', 'targets a string', 'spec.targets', './a.yaml', false),
  fieldCase('Location', 'target empty', 'spec.target', '', false),
  fieldCase('Location', 'presence optional', 'spec.presence', 'optional', true),
  fieldCase('Location', 'presence unknown', 'spec.presence', 'maybe', false),
  fieldCase('Location', 'type a number', 'spec.type', 1, false),

  // Template
  fieldCase('Template', 'steps missing', 'spec.steps', undefined, false),
  fieldCase('Template', 'type missing', 'spec.type', undefined, false),
  fieldCase('Template', 'owner optional', 'spec.owner', undefined, true),
  fieldCase('Template', 'owner empty', 'spec.owner', '', false),
  fieldCase('Template', 'steps empty', 'spec.steps', [], true),
  fieldCase('Template', 'step without action', 'spec.steps', [{ id: 'x' }], false),
  fieldCase('Template', 'step action a number', 'spec.steps', [{ action: 1 }], false),
  fieldCase('Template', 'step if boolean', 'spec.steps', [{ action: 'debug:log', if: false }], true),
  fieldCase('Template', 'step if a number', 'spec.steps', [{ action: 'debug:log', if: 1 }], false),
  fieldCase('Template', 'step input a list', 'spec.steps', [{ action: 'debug:log', input: ['a'] }], false),
  fieldCase('Template', 'parameters a mapping', 'spec.parameters', { properties: { name: { type: 'string' } } }, true),
  fieldCase('Template', 'parameters a string', 'spec.parameters', 'name', false),
  fieldCase('Template', 'parameters list of strings', 'spec.parameters', ['name'], false),
  fieldCase(
    'Template',
    'output links and text',
    'spec.output',
    { links: [{ title: 'Repo', url: '${{ steps.publish.output.remoteUrl }}' }], text: [{ title: 'Done', content: 'ok' }] },
    true,
  ),
  fieldCase('Template', 'output extra value a string', 'spec.output', { remoteUrl: '${{ steps.publish.output.remoteUrl }}' }, true),
  fieldCase('Template', 'output extra value a mapping', 'spec.output', { remote: { a: 1 } }, false),
  fieldCase('Template', 'output link title empty', 'spec.output', { links: [{ title: '' }] }, false),
  fieldCase('Template', 'lifecycle set', 'spec.lifecycle', 'experimental', true),
  fieldCase('Template', 'step permissions tags', 'spec.steps', [{ action: 'x', 'backstage:permissions': { tags: ['a'] } }], true),
  fieldCase('Template', 'step permissions tags a string', 'spec.steps', [{ action: 'x', 'backstage:permissions': { tags: 'a' } }], false),
];

const metadataCases: CorpusCase[] = [
  // name
  metaCase('name missing', 'metadata.name', undefined, false),
  metaCase('name empty', 'metadata.name', '', false),
  metaCase('name one letter', 'metadata.name', 'a', true),
  metaCase('name 63 characters', 'metadata.name', long(63), true),
  metaCase('name 64 characters', 'metadata.name', long(64), false),
  metaCase('name with upper case', 'metadata.name', 'PaymentService', true),
  metaCase('name with _ . -', 'metadata.name', 'pay_ment.service-v2', true),
  metaCase('name starting with -', 'metadata.name', '-payments', false),
  metaCase('name ending with .', 'metadata.name', 'payments.', false),
  metaCase('name ending with _', 'metadata.name', 'payments_', false),
  metaCase('name with a space', 'metadata.name', 'pay ments', false),
  metaCase('name with a slash', 'metadata.name', 'team/payments', false),
  metaCase('name with a colon', 'metadata.name', 'a:b', false),
  metaCase('name with non-ASCII letters', 'metadata.name', 'zahlungsdienst-ü', false),
  metaCase('name a number', 'metadata.name', 123, false),
  metaCase('name with consecutive dots', 'metadata.name', 'a..b', true),
  // namespace
  metaCase('namespace default', 'metadata.namespace', 'default', true),
  metaCase('namespace with dashes', 'metadata.namespace', 'team--a', true),
  metaCase('namespace upper case', 'metadata.namespace', 'Default', false),
  metaCase('namespace with _', 'metadata.namespace', 'my_ns', false),
  metaCase('namespace with .', 'metadata.namespace', 'my.ns', false),
  metaCase('namespace empty', 'metadata.namespace', '', false),
  metaCase('namespace null', 'metadata.namespace', null, false),
  metaCase('namespace 63 characters', 'metadata.namespace', long(63), true),
  metaCase('namespace 64 characters', 'metadata.namespace', long(64), false),
  metaCase('namespace ending with -', 'metadata.namespace', 'ns-', false),
  // kind and apiVersion
  metaCase('kind missing', 'kind', undefined, false),
  metaCase('kind empty', 'kind', '', false),
  metaCase('kind lower case', 'kind', 'component', false),
  metaCase('kind unknown', 'kind', 'Widget', false),
  metaCase('kind with a dash', 'kind', 'Comp-onent', false),
  metaCase('kind starting with a digit', 'kind', '1Component', false),
  metaCase('kind a number', 'kind', 5, false),
  metaCase('apiVersion missing', 'apiVersion', undefined, false),
  metaCase('apiVersion empty', 'apiVersion', '', false),
  metaCase('apiVersion without group', 'apiVersion', 'v1alpha1', false),
  metaCase('apiVersion with two slashes', 'apiVersion', 'backstage.io/v1alpha1/x', false),
  metaCase('apiVersion upper-case group', 'apiVersion', 'Backstage.io/v1alpha1', false),
  metaCase('apiVersion a number', 'apiVersion', 1, false),
  // root and metadata shape
  metaCase('metadata missing', 'metadata', undefined, false),
  metaCase('metadata a list', 'metadata', ['payments'], false),
  metaCase('metadata extra field kept', 'metadata.owner-notes', 'anything', true),
  metaCase('unknown root field', 'extra', { a: 1 }, false),
  metaCase('relations at the root', 'relations', [{ type: 'ownedBy', targetRef: 'group:default/a' }], false),
  metaCase('status at the root', 'status', { items: [] }, false),
  // title, description, uid, etag
  metaCase('title set', 'metadata.title', 'Payments Service', true),
  metaCase('title empty', 'metadata.title', '', false),
  metaCase('title a number', 'metadata.title', 42, false),
  metaCase('description empty', 'metadata.description', '', true),
  metaCase('description multi-line', 'metadata.description', 'Line one.\nLine two.', true),
  metaCase('description a list', 'metadata.description', ['a'], false),
  metaCase('uid empty', 'metadata.uid', '', false),
  metaCase('etag set', 'metadata.etag', 'abc', true),
  // labels
  metaCase('label simple', 'metadata.labels', { tier: 'gold' }, true),
  metaCase('label with prefix', 'metadata.labels', { 'example.com/tier': 'gold' }, true),
  metaCase('label empty value', 'metadata.labels', { tier: '' }, true),
  metaCase('label key with two slashes', 'metadata.labels', { 'a/b/c': 'x' }, false),
  metaCase('label key upper-case prefix', 'metadata.labels', { 'Example.com/tier': 'x' }, false),
  metaCase('label key upper-case name', 'metadata.labels', { 'example.com/Tier': 'x' }, true),
  metaCase('label key starting with -', 'metadata.labels', { '-tier': 'x' }, false),
  metaCase('label key 64 characters', 'metadata.labels', { [long(64)]: 'x' }, false),
  metaCase('label key empty prefix', 'metadata.labels', { '/tier': 'x' }, false),
  metaCase('label value with a space', 'metadata.labels', { tier: 'gold plus' }, false),
  metaCase('label value 64 characters', 'metadata.labels', { tier: long(64) }, false),
  metaCase('label value a number', 'metadata.labels', { tier: 1 }, false),
  metaCase('labels a list', 'metadata.labels', ['tier'], false),
  // annotations
  metaCase('annotation with URL value', 'metadata.annotations', { 'backstage.io/techdocs-ref': 'url:https://example.com/x y' }, true),
  metaCase('annotation empty value', 'metadata.annotations', { 'example.com/x': '' }, true),
  metaCase('annotation value a number', 'metadata.annotations', { 'example.com/x': 1 }, false),
  metaCase('annotation value a boolean', 'metadata.annotations', { 'example.com/x': true }, false),
  metaCase('annotation value null', 'metadata.annotations', { 'example.com/x': null }, false),
  metaCase('annotation key with a space', 'metadata.annotations', { 'example.com/my key': 'x' }, false),
  metaCase('annotation key prefix 254 characters', 'metadata.annotations', { [`${long(50)}.${long(50)}.${long(50)}.${long(50)}.${long(50)}/x`]: 'v' }, false),
  metaCase('annotation key long valid prefix', 'metadata.annotations', { [`${long(60)}.${long(60)}.${long(60)}/x`]: 'v' }, true),
  metaCase('annotation key prefix label 64 characters', 'metadata.annotations', { [`${long(64)}.com/x`]: 'v' }, false),
  metaCase('annotation key prefix with _', 'metadata.annotations', { 'my_co.com/x': 'v' }, false),
  metaCase('annotations a string', 'metadata.annotations', 'x', false),
  // tags
  metaCase('tags simple', 'metadata.tags', ['java', 'data'], true),
  metaCase('tag c++', 'metadata.tags', ['c++'], true),
  metaCase('tag c#', 'metadata.tags', ['c#'], true),
  metaCase('tag with colon', 'metadata.tags', ['lang:go'], true),
  metaCase('tag upper case', 'metadata.tags', ['Java'], false),
  metaCase('tag with _', 'metadata.tags', ['my_tag'], false),
  metaCase('tag with double dash', 'metadata.tags', ['a--b'], false),
  metaCase('tag with a dot', 'metadata.tags', ['node.js'], false),
  metaCase('tag empty', 'metadata.tags', [''], false),
  metaCase('tag 64 characters', 'metadata.tags', [long(64)], false),
  metaCase('tag 63 characters', 'metadata.tags', [long(63)], true),
  metaCase('tag a number', 'metadata.tags', [1], false),
  metaCase('tags a string', 'metadata.tags', 'java', false),
  // links
  metaCase('link https', 'metadata.links', [{ url: 'https://example.com/dash', title: 'Dashboard', icon: 'dashboard', type: 'dashboard' }], true),
  metaCase('link http with port', 'metadata.links', [{ url: 'http://localhost:3000/x' }], true),
  metaCase('link mailto', 'metadata.links', [{ url: 'mailto:team-a@example.com' }], true),
  metaCase('link without url', 'metadata.links', [{ title: 'x' }], false),
  metaCase('link url empty', 'metadata.links', [{ url: '' }], false),
  metaCase('link url not a URL', 'metadata.links', [{ url: 'not a url' }], false),
  metaCase('link url relative', 'metadata.links', [{ url: '/docs' }], false),
  metaCase('link url javascript:', 'metadata.links', [{ url: 'javascript:alert(1)' }], false),
  metaCase('link url JavaScript: mixed case', 'metadata.links', [{ url: 'JavaScript:alert(document.cookie)' }], false),
  metaCase('link url data:', 'metadata.links', [{ url: 'data:text/html,<script>alert(1)</script>' }], false),
  metaCase('link url vbscript:', 'metadata.links', [{ url: 'vbscript:msgbox(1)' }], false),
  metaCase('link url file:', 'metadata.links', [{ url: 'file:///etc/passwd' }], false),
  metaCase('link url a number', 'metadata.links', [{ url: 5 }], false),
  metaCase('link title blank', 'metadata.links', [{ url: 'https://example.com', title: '   ' }], false),
  metaCase('link title empty', 'metadata.links', [{ url: 'https://example.com', title: '' }], false),
  metaCase('link icon blank', 'metadata.links', [{ url: 'https://example.com', icon: ' ' }], false),
  metaCase('link type empty', 'metadata.links', [{ url: 'https://example.com', type: '' }], false),
  metaCase('link extra field kept', 'metadata.links', [{ url: 'https://example.com', note: 'x' }], true),
  metaCase('link a string', 'metadata.links', ['https://example.com'], false),
  metaCase('links a mapping', 'metadata.links', { url: 'https://example.com' }, false),
];

const textCases: CorpusCase[] = [
  {
    name: 'yaml: duplicate key',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nkind: Group\nmetadata: {name: a}\nspec: {type: team, children: []}\n',
    valid: false,
  },
  {
    name: 'yaml: duplicate key inside spec',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec:\n  type: team\n  type: org\n  children: []\n',
    valid: false,
  },
  {
    name: 'yaml: unclosed flow list',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec: {type: team, children: [}\n',
    valid: false,
  },
  { name: 'yaml: tab indentation', yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n\tname: a\n', valid: false },
  { name: 'yaml: bad indentation', yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\n   title: x\n', valid: false },
  { name: 'yaml: unterminated quote', yaml: 'apiVersion: "backstage.io/v1alpha1\nkind: Group\n', valid: false },
  { name: 'yaml: a list at the root', yaml: '- apiVersion: backstage.io/v1alpha1\n  kind: Group\n', valid: false },
  { name: 'yaml: a string at the root', yaml: 'just some text\n', valid: false },
  { name: 'yaml: a number at the root', yaml: '42\n', valid: false },
  {
    name: 'yaml: alias bomb',
    yaml:
      ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join(
        '\n',
      ) + '\n',
    valid: false,
  },
  {
    name: 'yaml: a few aliases are fine',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\n  labels: &l {tier: gold}\n  annotations: *l\nspec: {type: team, children: []}\n',
    valid: true,
  },
  {
    name: 'yaml: comments and quoted values',
    yaml: '# team file\napiVersion: "backstage.io/v1alpha1"\nkind: \'Group\' # the kind\nmetadata:\n  name: "team-a"\nspec:\n  type: team\n  children: []\n',
    valid: true,
  },
  {
    name: 'yaml: yes stays a string in YAML 1.2 (annotation value)',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\n  annotations:\n    example.com/flag: yes\nspec: {type: team, children: []}\n',
    valid: true,
  },
  {
    name: 'yaml: unquoted true is a boolean (annotation value)',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: a\n  annotations:\n    example.com/flag: true\nspec: {type: team, children: []}\n',
    valid: false,
  },
  {
    name: 'yaml: name that YAML reads as a number',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: 0x1F\nspec: {type: team, children: []}\n',
    valid: false,
  },
  {
    name: 'yaml: name that YAML reads as null',
    yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ~\nspec: {type: team, children: []}\n',
    valid: false,
  },
];

const group = (i: number) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team-${i}}\nspec: {type: team, children: []}\n`;

const hostileCases: CorpusCase[] = [
  {
    name: 'hostile: 2 MB file',
    yaml: toYaml(withField(BASES.Component!, 'metadata.description', 'x'.repeat(2 * 1024 * 1024))),
    valid: false,
  },
  { name: 'hostile: 1,001 documents', yaml: Array.from({ length: 1001 }, (_, i) => group(i)).join('---\n'), valid: false },
  { name: 'hostile: 1,000 documents is the limit', yaml: Array.from({ length: 1000 }, (_, i) => group(i)).join('---\n'), valid: true },
  {
    name: 'hostile: 5,000 nested flow lists',
    yaml: `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: a}\nspec: {type: team, children: [], x: ${'['.repeat(5000)}${']'.repeat(5000)}}\n`,
    valid: false,
  },
];

export const CORPUS: CorpusCase[] = [...kindCases, ...metadataCases, ...textCases, ...hostileCases];

/**
 * Cases where this package's verdict differs from Backstage's validators on purpose, and why.
 * The differential test fails if one of these stops differing, so the list stays true.
 */
export const INTENDED_DIFFERENCES: Record<string, string> = {
  'API: definition from a $text placeholder':
    'Backstage replaces $text/$json/$yaml placeholders with file content before validating; a file still holds the placeholder, so it is accepted here, where the raw validators see a mapping.',
  'Component: dependsOn without a kind':
    "dependsOn has no default kind; Backstage's schema accepts the string but its processing then fails the entity when it turns the field into a relation. It is reported here, where the author can fix it.",
  'Component: owner ref with empty name':
    "Backstage's schema accepts any non-empty string, but its processing fails the entity when it cannot parse the reference; reported here.",
  'Component: owner ref with empty namespace': "As above: an unparseable reference fails the entity in Backstage's processing, not in its validators.",
  'Component: link url javascript:':
    'Backstage accepts any URL the URL parser reads; links become anchors in the portal, so only http, https and mailto are allowed.',
  'Component: link url JavaScript: mixed case': 'As above: a script URL is refused.',
  'Component: link url data:': 'As above: a data URL can carry a script.',
  'Component: link url vbscript:': 'As above: a script URL is refused.',
  'Component: link url file:': "As above: file URLs point at the viewer's own machine, never at something about the entity.",
  'hostile: 2 MB file':
    'Backstage sets no size limit per catalog file; one is set here (1 MB by default, configurable) so that a bad file cannot exhaust memory.',
  'hostile: 1,001 documents': 'Backstage sets no limit on documents per file; 1,000 is the default here, configurable.',
};
