import { describe, expect, it } from 'vitest';
import { createDocsRenderer } from './renderMarkdown.js';

const render = createDocsRenderer();
const context = {
  file: 'index.md',
  files: new Set(['index.md']),
  pageUrl: (path: string, hash: string) => `/docs/default/component/x/${path}${hash}`,
  assetUrl: (file: string) => `/api/techdocs/default/component/x/assets/${file}`,
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
};

describe('sanitising rendered pages', () => {
  it.each(Object.entries(payloads))('%s comes out harmless', (_name, markdown) => {
    const { html } = render(markdown, context);
    // Escaped text is inert; only real tags and their attributes can do harm.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(script|object|embed|iframe|style|form|meta|base|link|svg|math|template|noscript|button)\b/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/\s(href|src)\s*=\s*"\s*(javascript|vbscript|data):/i);
      expect(tag).not.toMatch(/\sstyle="(?!text-align:(left|right|center)")/);
      expect(tag).not.toMatch(/srcdoc|MuiAppBar/);
    }
  });

  it('keeps what harmless Markdown produces', () => {
    const { html } = render('Text with `<code>` and **bold** [a link](https://example.com)', context);
    expect(html).toBe(
      '<p>Text with <code>&lt;code&gt;</code> and <strong>bold</strong> <a href="https://example.com" rel="noopener noreferrer">a link</a></p>\n',
    );
  });
});
