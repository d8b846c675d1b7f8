import { describe, expect, it } from 'vitest';
import { createDocsRenderer, stripFrontMatter } from './renderMarkdown.js';
import type { DocsLinkContext } from './rewriteDocsUrl.js';

const render = createDocsRenderer({ allowedIframeHosts: ['www.youtube.com'] });
const context = (file = 'guide/setup.md'): DocsLinkContext => ({
  file,
  files: new Set(['index.md', 'guide/setup.md', 'guide/other.md', 'guide/img/diagram.png', 'reference/README.md']),
  pageUrl: (path, hash) => `/docs/default/component/payments/${path}${hash}`,
  assetUrl: file => `/api/techdocs/default/component/payments/assets/${file}?commit=abc`,
});

describe('createDocsRenderer', async () => {
  it('renders GitHub-flavoured tables with alignment and task lists', async () => {
    const { html } = await render('| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n', context());
    expect(html).toContain('<th style="text-align:left">a</th>');
    expect(html).toContain('<td style="text-align:right">2</td>');
    expect(html).toContain('<li class="task-list-item"><input class="task-list-item-checkbox" checked disabled type="checkbox" /> done</li>');
    expect(html).toContain('<input class="task-list-item-checkbox" disabled type="checkbox" /> open');
  });

  it('gives headings anchors and builds a nested table of contents, the first h1 being the title', async () => {
    const page = await render('# The *Title*\n\n## Install `npm`\n\n### Linux\n\n## Install npm\n\n##### Deep\n', context());
    expect(page.title).toBe('The Title');
    expect(page.html).toContain('<h2 id="install-npm">Install <code>npm</code> <a class="header-anchor" href="#install-npm" title="Permanent link">¶</a></h2>');
    expect(page.html).toContain('<h2 id="install-npm_1">');
    expect(page.toc).toEqual([
      { id: 'install-npm', title: 'Install npm', level: 2, children: [{ id: 'linux', title: 'Linux', level: 3, children: [] }] },
      { id: 'install-npm_1', title: 'Install npm', level: 2, children: [] },
    ]);
  });

  it('highlights code with highlight.js and escapes unknown languages', async () => {
    const { html } = await render('```ts\nconst a = "<b>";\n```\n\n```nolang\n<script>x</script>\n```\n', context());
    expect(html).toContain(
      '<pre><code class="hljs language-ts"><span class="hljs-keyword">const</span> a = <span class="hljs-string">&quot;&lt;b&gt;&quot;</span>;',
    );
    expect(html).toContain('<pre><code class="language-nolang">&lt;script&gt;x&lt;/script&gt;\n</code></pre>');
  });

  it('renders admonitions as MkDocs writes them, including collapsible ones', async () => {
    const md = [
      '!!! warning "Before you deploy"',
      '    Check the **budget**.',
      '',
      '    Then roll out.',
      '',
      '!!! note ""',
      '    No title.',
      '',
      '??? tip',
      '    Folded.',
      '',
      '???+ danger "Open"',
      '    Shown.',
      '',
      'After.',
    ].join('\n');
    const { html } = await render(md, context());
    expect(html).toContain(
      '<div class="admonition admonition-warning"><p class="admonition-title">Before you deploy</p>\n<p>Check the <strong>budget</strong>.</p>\n<p>Then roll out.</p>\n</div>',
    );
    expect(html).toContain('<div class="admonition admonition-note">\n<p>No title.</p>\n</div>');
    expect(html).toContain('<details class="admonition admonition-tip"><summary>Tip</summary>\n<p>Folded.</p>\n</details>');
    expect(html).toContain('<details class="admonition admonition-danger" open><summary>Open</summary>\n<p>Shown.</p>\n</details>');
    expect(html).toContain('<p>After.</p>');
  });

  it('turns mermaid fences into escaped sources for the browser to draw', async () => {
    const { html } = await render('```mermaid\ngraph TD\n  A --> B["<img src=x onerror=alert(1)>"]\n```\n', context());
    expect(html).toBe('<pre class="mermaid">graph TD\n  A --&gt; B["&lt;img src=x onerror=alert(1)&gt;"]\n</pre>\n');
  });

  it('rewrites relative links to reader routes and images to the assets API at the same commit', async () => {
    const md = [
      '[other](other.md#run) [home](../index.md) [ref](../reference/) [self](#top) [ext](https://example.com/x)',
      '[url-style](other) [missing](nope.md) [outside](../../../etc/passwd) [abs](/catalog)',
      // Raw HTML is written for MkDocs' directory URLs, where this page is served as guide/setup/.
      '![diagram](img/diagram.png) <img src="../img/diagram.png" alt="raw">',
    ].join('\n\n');
    const { html } = await render(md, context());
    expect(html).toContain('<a href="/docs/default/component/payments/guide/other#run">other</a>');
    expect(html).toContain('<a href="/docs/default/component/payments/index">home</a>');
    expect(html).toContain('<a href="/docs/default/component/payments/reference/README">ref</a>');
    expect(html).toContain('<a href="#top">self</a>');
    expect(html).toContain('<a href="https://example.com/x" rel="noopener noreferrer">ext</a>');
    expect(html).toContain('<a href="/docs/default/component/payments/guide/other">url-style</a>');
    expect(html).toContain('<a href="/docs/default/component/payments/guide/nope">missing</a>');
    expect(html).toContain('<a href="#">outside</a>');
    expect(html).toContain('<a href="/catalog">abs</a>');
    expect(html).toContain('<img src="/api/techdocs/default/component/payments/assets/guide/img/diagram.png?commit=abc" alt="diagram" />');
    expect(html).toContain('<img src="/api/techdocs/default/component/payments/assets/guide/img/diagram.png?commit=abc" alt="raw" />');
  });

  it('reads front matter as page meta: not shown, its title is the page title', async () => {
    const page = await render('---\ntitle: From meta\ntags: [a]\n---\n# Shown\n', context());
    expect(page.html).not.toContain('From meta');
    expect(page.title).toBe('From meta');
    expect((await render('---\ntags: [a]\n---\n# Shown\n', context())).title).toBe('Shown');
    expect(stripFrontMatter('# No front matter\n---\n')).toBe('# No front matter\n---\n');
  });

  it('keeps iframes only from configured hosts', async () => {
    const { html } = await render('<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n<iframe src="https://evil.example.com/"></iframe>\n', context());
    expect(html).toContain('<iframe src="https://www.youtube.com/embed/x"></iframe>');
    expect(html).not.toContain('evil.example.com');
  });

  it('collects the words of a page for search', async () => {
    expect((await render('# Title\n\nSome *words*\nhere.\n\n```\ncode line\n```\n', context())).text).toBe('Title Some words here. code line');
  });
});
