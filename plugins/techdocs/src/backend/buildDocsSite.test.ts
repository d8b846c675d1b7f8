import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDocsSite, type BuiltSite } from './buildDocsSite.js';
import { fileDocsSource } from './DocsSource.js';
import { createDocsRenderer } from './render/renderMarkdown.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const render = createDocsRenderer();

async function build(name: string): Promise<BuiltSite> {
  const source = fileDocsSource(path.join(fixtures, name));
  return buildDocsSite({
    source,
    version: await source.latestVersion(),
    render,
    fallbackSiteName: name,
    pageUrl: (page, hash) => `/docs/default/component/${name}/${page}${hash}`,
    assetUrl: file => `/api/techdocs/default/component/${name}/assets/${file}`,
  });
}

const pageOf = (site: BuiltSite, pagePath: string) => {
  const page = site.pages.find(p => p.path === pagePath);
  if (!page) throw new Error(`no page ${pagePath}`);
  return page;
};

describe('a site written like MkDocs’ own docs', async () => {
  const site = await build('mkdocs-like');

  it('gives headings the ids Python-Markdown’s toc gives them, underscores and all', () => {
    const config = pageOf(site, 'user-guide/configuration');
    const ids = config.toc.flatMap(function all(e): string[] {
      return [e.id, ...e.children.flatMap(all)];
    });
    expect(ids).toEqual([
      'project-information',
      'site_name',
      'site_url',
      'repo_url',
      'documentation-layout',
      'nav',
      'docs_dir',
      'use_directory_urls',
      'elements-speciaux-ponctuation-quoted-1',
      'custom-anchor',
    ]);
    expect(config.html).toContain(
      '<h2 id="custom-anchor" class="special">Custom id <a class="header-anchor" href="#custom-anchor" title="Permanent link">#</a></h2>',
    );
    expect(config.html).not.toContain('{ #custom-anchor');
    // toc.permalink: "#" sets the symbol.
    expect(config.html).toContain('<h3 id="site_name">site_name <a class="header-anchor" href="#site_name" title="Permanent link">#</a></h3>');
  });

  it('numbers repeated headings as Python-Markdown does and reads headings MkDocs reads', () => {
    const start = pageOf(site, 'getting-started');
    expect(start.toc.map(e => e.id)).toEqual([
      'installation',
      'creating-a-new-project',
      'adding-pages',
      'theming-our-documentation',
      'theming-our-documentation_1',
    ]);
    // `##\u00a0File layout`, with a non-breaking space, is a heading too.
    expect(pageOf(site, 'user-guide/writing-your-docs').toc[0]).toMatchObject({ id: 'file-layout', title: 'File layout' });
  });

  it('links URLs with a scheme or www., never bare file names', () => {
    const home = pageOf(site, 'index');
    expect(home.html).toContain('Bare file names such as example.md or mkdocs.yml stay plain text;');
    expect(home.html).not.toContain('http://example.md');
    expect(home.html).toContain('<a href="https://www.mkdocs.org/" rel="noopener noreferrer">https://www.mkdocs.org/</a>');
    expect(home.html).toContain('<a href="https://www.example.com" rel="noopener noreferrer">www.example.com</a>');
    expect(home.html).toContain('<a href="/docs/default/component/mkdocs-like/user-guide/configuration#site_name">site_name</a>');
  });

  it('expands a folder nav entry with its literate-nav SUMMARY.md and uses front matter titles', () => {
    expect(site.nav).toEqual([
      { title: 'Home', path: 'index' },
      { title: 'Getting started', path: 'getting-started' },
      {
        title: 'User Guide',
        children: [
          { title: 'Writing your docs', path: 'user-guide/writing-your-docs' },
          { title: 'Configuration', path: 'user-guide/configuration' },
          { title: 'Customising', children: [{ title: 'Themes', path: 'user-guide/customizing-your-theme' }] },
        ],
      },
      { title: 'About', children: [{ title: 'Release notes', path: 'about/release-notes' }] },
    ]);
    expect(pageOf(site, 'user-guide/configuration').title).toBe('Configuration');
    expect(site.pages.map(p => p.path)).not.toContain('user-guide/SUMMARY');
  });

  it('resolves raw HTML images against directory URLs, as MkDocs serves them', () => {
    expect(pageOf(site, 'user-guide/writing-your-docs').html).toContain(
      '<img src="/api/techdocs/default/component/mkdocs-like/assets/img/screenshot.png" alt="raw html image" />',
    );
  });

  it('names pages outside the nav, except not_in_nav ones, and every broken link', () => {
    expect(site.notes).toEqual([
      'Pages not in the nav (list them in not_in_nav to silence this): orphan.md',
      'docs/getting-started.md: broken link "user-guide/missing.md": no page user-guide/missing.md',
    ]);
  });
});

describe('a Material for MkDocs site with techdocs-core', async () => {
  const site = await build('material');
  const home = pageOf(site, 'index');

  it('leaves no extension syntax as raw text', () => {
    for (const raw of [
      '=== "',
      ':material-',
      ':octicons-',
      ':fontawesome-',
      '[^1]',
      '{ #',
      '{: ',
      '--8&lt;--',
      '--8<--',
      '++ctrl',
      '$$',
      '{++',
      '???',
      '*[HTTP]',
    ]) {
      expect(home.html).not.toContain(raw);
    }
  });

  it('renders content tabs as radio buttons and labels, in sets', () => {
    expect(home.html).toContain('<div class="tabbed-set tabbed-linked" data-tabs="1:2">\n<input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked />');
    expect(home.html).toContain('<label for="__tabbed_1_2">TypeScript</label>');
    expect(home.html).toContain('<div class="tabbed-set tabbed-linked" data-tabs="2:2">');
  });

  it('draws icons as inline SVG and emoji as characters', () => {
    expect(home.html).toMatch(/<h1 id="orders-api">Orders API <svg class="docs-icon"[^>]*viewBox="0 0 24 24"[^>]*><path fill="currentColor" d="M17 18/);
    expect(home.html.match(/<svg class="docs-icon"/g)).toHaveLength(3);
    expect(home.html).toContain('😄');
  });

  it('inserts snippets from the docs source, inside code fences too, and refuses any other', () => {
    expect(home.html).toContain('<div class="admonition admonition-note"><p class="admonition-title">Authentication</p>');
    expect(home.html).toContain('<div class="code-block"><div class="code-title">client.py</div>');
    expect(home.html).toContain('<span class="code-line hll"><span class="code-lineno">3</span><span class="hljs-keyword">def</span>');
    expect(home.html).not.toMatch(/passwd|remote\.md|secrets/);
    expect(site.notes).toEqual(
      expect.arrayContaining([
        'docs/index.md: snippet "../../secrets.txt" was not inserted: only files inside the docs source can be inserted',
        'docs/index.md: snippet "https://example.com/remote.md" was not inserted: snippets from URLs are not fetched',
        'docs/index.md: snippet "/etc/passwd" was not inserted: only files inside the docs source can be inserted',
      ]),
    );
  });

  it('renders code annotations, titles without a language, math, keys and the small inline extensions', () => {
    expect(home.html).toContain('<span class="hljs-comment"># <span class="code-annotation">1</span></span>');
    expect(home.html).toContain('<ol class="code-annotations">');
    expect(home.html).toContain('Call <code class="hljs language-python">create_order(<span class="hljs-string">&quot;A-1&quot;</span>)</code> from Python.');
    expect(home.html).toContain('<div class="code-title">orders.txt</div>\n<pre><code>plain text with a title\n</code></pre>');
    expect(home.html).toMatch(/<span class="katex"><span class="katex-mathml"><math/);
    expect(home.html).toContain('<span class="katex-display">');
    expect(home.html).toContain(
      '<span class="keys"><kbd class="key-ctrl">Ctrl</kbd><span>+</span><kbd class="key-alt">Alt</kbd><span>+</span><kbd class="key-del">Del</kbd></span>',
    );
    expect(home.html).toContain('<mark>Highlighted</mark>, <ins>inserted</ins>, <del>deleted</del>, H<sub>2</sub>O, x<sup>2</sup>.');
    expect(home.html).toContain(
      '<ins class="critic">added</ins> <del class="critic">removed</del> <del class="critic">old</del><ins class="critic">new</ins> <span class="critic comment">a comment</span>',
    );
    expect(home.html).toContain('© 2024 Acme → all rights reserved, ½ price ± tax.');
  });

  it('renders footnotes, abbreviations, definition lists, details, md_in_html and attr_list', () => {
    expect(home.html).toContain('<sup class="footnote-ref"><a href="#fn:1" id="fnref:1">[1]</a></sup>');
    expect(home.html).toContain('<li id="fn:1" class="footnote-item">');
    expect(home.html).toContain('<abbr title="Hypertext Transfer Protocol">HTTP</abbr>');
    expect(home.html).toContain('<dt>Order state</dt>');
    expect(home.html).toContain('<details class="admonition admonition-tip"><summary>Retry safely</summary>');
    expect(home.html).toContain('<details class="admonition admonition-warning" open><summary>Rate limits</summary>');
    expect(home.html).toContain('<div class="annotate">\n<p><strong>Bold inside HTML</strong>, rendered as Markdown.</p>\n</div>');
    expect(home.html).toContain('<a href="/api/techdocs/default/component/material/assets/orders.schema.json" download="orders.json">Download the schema</a>');
    expect(home.html).toContain('<p id="para-id">Paragraph with attributes.</p>');
    expect(home.html).not.toContain('onclick');
  });

  it('draws Graphviz diagrams as SVG and shows PlantUML as a note with its source', () => {
    expect(home.html).toMatch(/<div class="graphviz"><svg[^>]*>[\s\S]*<title>cart<\/title>[\s\S]*<\/svg>\s*<\/div>/);
    expect(home.html).toContain('<p class="admonition-title">PlantUML diagram</p>');
    expect(home.html).toContain('Alice -&gt; Bob: hello');
  });

  it('slugs headings with pymdownx.slugs when toc asks for it', () => {
    expect(pageOf(site, 'reference').toc.map(e => e.id)).toEqual(['endpoints', 'ünïcödé-heading']);
  });

  it('names what it does not render and every broken link in the notes', () => {
    expect(site.notes).toEqual(
      expect.arrayContaining([
        'mkdocs.yml: plugins "mkdocs-video" are ignored',
        'mkdocs.yml: Markdown extensions "markdown_include.include" are ignored',
        'docs/index.md: a PlantUML diagram is shown as its source: drawing PlantUML needs Java, which the portal does not run',
        'docs/reference.md: broken link "index.md#no-such-heading": no heading or anchor "#no-such-heading" in index.md',
        'docs/reference.md: broken link "img/missing.png": no file img/missing.png',
      ]),
    );
    expect(site.notes.filter(n => n.includes('broken link'))).toHaveLength(2);
  });
});

describe('a monorepo site', async () => {
  const site = await build('monorepo');

  it('mounts an !include’d sub-site under its name, with its own docs_dir and nav', () => {
    expect(site.nav).toEqual([
      { title: 'Intro', path: 'index' },
      {
        title: 'API',
        children: [
          { title: 'Overview', path: 'api/index' },
          {
            title: 'Guides',
            children: [
              { title: 'Authenticating', path: 'api/guides/auth' },
              { title: 'Errors', path: 'api/guides/errors' },
            ],
          },
        ],
      },
    ]);
    expect(site.mounts).toEqual([{ prefix: 'api', dir: 'api/docs' }]);
    expect(pageOf(site, 'api/guides/auth').file).toBe('api/docs/guides/auth.md');
    expect(pageOf(site, 'index').html).toContain('<a href="/docs/default/component/monorepo/api/index">the API</a>');
    expect(pageOf(site, 'api/index').html).toContain('<img src="/api/techdocs/default/component/monorepo/assets/api/logo.svg" alt="Logo" />');
    expect(site.notes).toEqual([
      'mkdocs.yml: "!include ./nope/mkdocs.yml": no such file',
      'mkdocs.yml: nav entry "!include ./nope/mkdocs.yml" could not be read',
    ]);
  });
});
