import { describe, expect, it } from 'vitest';
import { featuresFrom } from './markdownFeatures.js';
import { createDocsRenderer } from './renderMarkdown.js';

const render = createDocsRenderer();
const context = {
  file: 'index.md',
  files: new Set(['index.md']),
  pageUrl: (path: string, hash: string) => `/docs/default/component/x/${path}${hash}`,
  assetUrl: (file: string) => `/api/techdocs/default/component/x/assets/${file}`,
  // Every extension on, math included, so each payload meets every rule.
  features: featuresFrom({ techdocsCore: true, extensions: new Map([['pymdownx.arithmatex', {}]]) }),
};

// Each payload is written the way an attacker would put it in a Markdown page.
const payloads: Record<string, string> = {
  script: '<script>alert(1)</script>',
  scriptInline: 'text <script>alert(1)</script> more',
  imgOnerror: '<img src="x.png" onerror="alert(1)">',
  svgOnload: '<svg onload="alert(1)"><circle r="1"/></svg>',
  svgScript: '<svg><script>alert(1)</script></svg>',
  javascriptLink: '[click](javascript:alert(1))',
  javascriptHtmlLink: '<a href="javascript:alert(1)">click</a>',
  javascriptEntities: '<a href="&#106;avascript:alert(1)">click</a>',
  javascriptTab: '<a href="java\tscript:alert(1)">click</a>',
  javascriptUpper: '<a href="JAVASCRIPT:alert(1)">click</a>',
  dataLink: '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  dataImage: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  vbscript: '<a href="vbscript:msgbox(1)">x</a>',
  object: '<object data="evil.swf"></object>',
  embed: '<embed src="evil.swf">',
  iframe: '<iframe src="https://evil.example.com"></iframe>',
  iframeSrcdoc: '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  styleTag: '<style>body { background: url(javascript:alert(1)) }</style>',
  styleAttr: '<p style="background:url(javascript:alert(1));position:fixed">x</p>',
  styleOnCell: '| a |\n|---|\n| <td style="behavior:url(x)">b</td> |',
  form: '<form action="https://evil.example.com"><input type="password" name="p"><button>go</button></form>',
  meta: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  base: '<base href="https://evil.example.com/">',
  link: '<link rel="stylesheet" href="https://evil.example.com/x.css">',
  mathml: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  onmouseover: '<div onmouseover="alert(1)">hover</div>',
  details: '<details open ontoggle="alert(1)">x</details>',
  codeFence: '```html\n<script>alert(1)</script><img src=x onerror=alert(1)>\n```',
  codeInline: '`<script>alert(1)</script>`',
  mermaid: '```mermaid\ngraph TD\nA["<script>alert(1)</script>"]\n```',
  admonitionTitle: '!!! note "<img src=x onerror=alert(1)>"\n    body',
  admonitionKind: '!!! note" onclick="alert(1)\n    body',
  portalClass: '<div class="MuiAppBar-root" id="x">fake chrome</div>',
  headingId: '<h2 id="x" onclick="alert(1)">t</h2>',
  template: '<template><script>alert(1)</script></template>',
  noscript: '<noscript><img src=x onerror=alert(1)></noscript>',
  attrListHandler: 'A paragraph.\n{ onclick="alert(1)" onmouseover=alert(1) }',
  attrListHref: '[x](page.md){ href="javascript:alert(1)" style="position:fixed" }',
  attrListHeading: '## Title { #root onclick="alert(1)" }',
  tabLabel: '=== "<img src=x onerror=alert(1)>"\n    body',
  codeTitle: '```python title="<script>alert(1)</script>" hl_lines="1"\nx = 1\n```',
  keys: '++"<img src=x onerror=alert(1)>"++',
  critic: '{>><img src=x onerror=alert(1)><<} {++<script>alert(1)</script>++}',
  mathHref: '$\\href{javascript:alert(1)}{x}$ and $$\\htmlId{x}{y}$$',
  graphvizLink: '```dot\ndigraph { a [URL="javascript:alert(1)" href="javascript:alert(1)"]; b [label=<<b>x</b>>] }\n```',
  forgedTrustedSlot: 'docstrusted0000000000000000x0y <span class="docs-icon">x</span>',
  tabRadioForm: '<input type="radio" name="x" id="__tabbed_9_9" formaction="https://evil.example.com">',
};

// User HTML must never bring its own SVG or MathML; only the renderer's icons, drawings and math may.
const userMarkupOnly = new Set(['svgOnload', 'svgScript', 'mathml']);

describe('sanitising rendered pages', async () => {
  it.each(Object.entries(payloads))('%s comes out harmless', async (_name, markdown) => {
    const { html } = await render(markdown, context);
    // Escaped text is inert; only real tags and their attributes can do harm.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(script|object|embed|iframe|style|form|meta|base|link|template|noscript|button|foreignObject|use|animate|set)\b/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/\s(href|src)\s*=\s*"\s*(javascript|vbscript|data):/i);
      // Table alignment, and KaTeX's own measurements in em (its markup never meets user HTML).
      expect(tag).not.toMatch(/\sstyle="(?!text-align:(left|right|center)")(?!(?:[a-z-]+:(?:-?[\d.]+em|#[0-9a-f]{3,6});?)+")/);
      expect(tag).not.toMatch(/srcdoc|MuiAppBar|formaction|xlink:href|id="root"/);
    }
    if (userMarkupOnly.has(_name)) expect(html).not.toMatch(/<(svg|math)\b/i);
    expect(tags.join(' ')).not.toMatch(/javascript:/i);
  });

  it('keeps what harmless Markdown produces', async () => {
    const { html } = await render('Text with `<code>` and **bold** [a link](https://example.com)', context);
    expect(html).toBe(
      '<p>Text with <code>&lt;code&gt;</code> and <strong>bold</strong> <a href="https://example.com" rel="noopener noreferrer">a link</a></p>\n',
    );
  });
});
