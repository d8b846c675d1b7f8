import { InputError } from '@portal/backend-common';
import { describe, expect, it } from 'vitest';
import { GitReader } from './GitReader.js';

const reader = new GitReader({
  cacheDir: '/nonexistent/cache',
  integrations: [
    { type: 'local', host: 'localhost:7007', token: 'service-token', baseUrl: 'http://localhost:7007' },
    { type: 'github', host: 'github.com', token: 'gh-token' },
    { type: 'github', host: 'ghe.example.net' },
    { type: 'gitlab', host: 'gitlab.com' },
    { type: 'gitea', host: 'gitea.example.org:3000' },
    { type: 'git', host: 'git.example.io' },
  ],
  allowedHosts: ['*.trusted.dev'],
});

describe('GitReader.parseUrl', () => {
  it.each([
    [
      'https://github.com/acme/payments/blob/main/catalog-info.yaml',
      { repoUrl: 'https://github.com/acme/payments.git', host: 'github.com', ref: 'main', path: 'catalog-info.yaml', kind: 'blob', style: 'github' },
    ],
    [
      'https://github.com/acme/payments/tree/v1.2.0/docs/',
      { repoUrl: 'https://github.com/acme/payments.git', ref: 'v1.2.0', path: 'docs', kind: 'tree', style: 'github' },
    ],
    ['https://ghe.example.net/team/api.git', { repoUrl: 'https://ghe.example.net/team/api.git', path: '', kind: 'tree' }],
    [
      'https://gitlab.com/group/sub/project/-/blob/develop/services/a/catalog-info.yaml',
      { repoUrl: 'https://gitlab.com/group/sub/project.git', ref: 'develop', path: 'services/a/catalog-info.yaml', kind: 'blob', style: 'gitlab' },
    ],
    [
      'https://gitlab.com/group/sub/project/-/tree/main',
      { repoUrl: 'https://gitlab.com/group/sub/project.git', ref: 'main', path: '', kind: 'tree', style: 'gitlab' },
    ],
    [
      'http://gitea.example.org:3000/ops/infra/src/branch/main/catalog-info.yaml',
      {
        repoUrl: 'http://gitea.example.org:3000/ops/infra.git',
        host: 'gitea.example.org:3000',
        ref: 'main',
        path: 'catalog-info.yaml',
        kind: 'blob',
        style: 'gitea',
        refType: 'branch',
      },
    ],
    [
      'http://gitea.example.org:3000/ops/infra/src/tag/v2/docs',
      { repoUrl: 'http://gitea.example.org:3000/ops/infra.git', ref: 'v2', path: 'docs', kind: 'tree', refType: 'tag' },
    ],
    [
      'https://git.example.io/x/y/blob/main/a%20b/c.yaml',
      { repoUrl: 'https://git.example.io/x/y.git', ref: 'main', path: 'a b/c.yaml', kind: 'blob', style: 'github' },
    ],
    [
      'http://localhost:7007/git/acme/payments/blob/main/catalog-info.yaml',
      { repoUrl: 'http://localhost:7007/git/acme/payments.git', host: 'localhost:7007', ref: 'main', path: 'catalog-info.yaml', kind: 'blob' },
    ],
    [
      'http://localhost:7007/git/acme/payments.git/tree/main/docs',
      { repoUrl: 'http://localhost:7007/git/acme/payments.git', ref: 'main', path: 'docs', kind: 'tree' },
    ],
    ['https://code.trusted.dev/a/b/blob/main/x.yaml', { repoUrl: 'https://code.trusted.dev/a/b.git', ref: 'main', path: 'x.yaml' }],
  ])('parses %s', (url, expected) => {
    expect(reader.parseUrl(url)).toMatchObject({ type: 'url', ...expected });
  });

  it.each([
    ['https://evil.example.com/acme/payments/blob/main/x.yaml', /not allowed/],
    ['https://trusted.dev.evil.com/a/b/blob/main/x.yaml', /not allowed/],
    ['ftp://github.com/acme/payments.git', /Only http and https/],
    ['https://user:pw@github.com/acme/payments.git', /may not carry credentials/],
    ['https://github.com/acme/payments/blob/', /names no ref/],
    ['https://github.com/acme/payments/pulls/3', /Unsupported/],
    ['https://github.com/acme/a%2Fb/blob/main/x', /not allowed/],
    ['https://github.com/acme/payments/blob/main/%2e%2e%2fsecret', /not allowed/],
    ['http://localhost:7007/other/acme/payments.git', /live under \/git\//],
    ['not a url', /Not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => reader.parseUrl(url)).toThrow(InputError);
    expect(() => reader.parseUrl(url)).toThrow(message);
  });

  it('builds web URLs for view links in each host style', () => {
    const github = reader.parseUrl('https://github.com/acme/payments/blob/main/catalog-info.yaml');
    expect(reader.webUrl(github, 'docs/index.md')).toBe('https://github.com/acme/payments/blob/main/docs/index.md');
    expect(reader.webUrl(github, '')).toBe('https://github.com/acme/payments/tree/main');
    const gitlab = reader.parseUrl('https://gitlab.com/group/project/-/blob/main/catalog-info.yaml');
    expect(reader.webUrl(gitlab, 'docs/')).toBe('https://gitlab.com/group/project/-/tree/main/docs');
    const gitea = reader.parseUrl('http://gitea.example.org:3000/ops/infra/src/tag/v2/catalog-info.yaml');
    expect(reader.webUrl(gitea, 'a b.md')).toBe('http://gitea.example.org:3000/ops/infra/src/tag/v2/a%20b.md');
    const local = reader.parseUrl('http://localhost:7007/git/acme/payments/blob/main/catalog-info.yaml');
    expect(reader.webUrl(local, 'docs/index.md')).toBe('http://localhost:7007/git/acme/payments/blob/main/docs/index.md');
    const root = reader.parseUrl('https://github.com/acme/payments');
    expect(reader.webUrl(root, 'README.md')).toBe('https://github.com/acme/payments/blob/HEAD/README.md');
  });
});
