import sanitizeHtml from 'sanitize-html';

export interface SanitizeOptions {
  /** Hosts whose pages may be embedded with <iframe> (videos, dashboards); none by default. */
  allowedIframeHosts: string[];
}

/** Whether a link or image came from Markdown syntax or from raw HTML in the page. */
export type UrlOrigin = 'markdown' | 'html';

/**
 * Builds the sanitiser every rendered page goes through on the server. It is an allowlist: what
 * Markdown and its extensions produce (plus details/summary and iframes from configured hosts)
 * survives; scripts, event handlers, styles, forms, objects and non-http(s) URLs do not. Classes
 * are limited to the ones the reader's stylesheet knows, so a page cannot dress itself up as
 * portal chrome. Icons, math and diagrams are not in this list: the renderer adds them after.
 */
export type DocsSanitizer = (html: string, rewriteUrl?: (url: string, tag: 'a' | 'img', origin: UrlOrigin) => string) => string;

// Ids the app's own document uses; a page must not shadow them.
const RESERVED_IDS = new Set(['root']);
const TAB_INPUT_ID = /^__tabbed_\d+_\d+$/;

export function createDocsSanitizer(options: SanitizeOptions): DocsSanitizer {
  const config: sanitizeHtml.IOptions = {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'details', 'summary', 'input', 'label', 'del', 'ins', 'iframe'],
    allowedAttributes: {
      a: ['href', 'title', 'aria-hidden', 'rel', 'download'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'align'],
      input: ['type', 'checked', 'disabled', 'name'],
      label: ['for'],
      abbr: ['title'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
      details: ['open'],
      ol: ['start'],
      th: ['style'],
      td: ['style'],
      div: ['data-tabs'],
      '*': ['class', 'id', 'title', 'lang'],
    },
    allowedClasses: {
      div: [
        'admonition',
        'admonition-*',
        'tabbed-set',
        'tabbed-linked',
        'tabbed-content',
        'code-block',
        'code-title',
        'graphviz',
        'arithmatex',
        'annotate',
        'grid',
        'cards',
      ],
      details: ['admonition', 'admonition-*'],
      p: ['admonition-title'],
      pre: ['mermaid'],
      code: ['hljs', 'language-*'],
      span: ['hljs-*', 'keys', 'critic', 'comment', 'code-line', 'hll', 'code-lineno', 'code-annotation'],
      kbd: ['key-*'],
      ul: ['contains-task-list'],
      ol: ['code-annotations', 'footnotes-list'],
      li: ['task-list-item', 'footnote-item'],
      input: ['task-list-item-checkbox'],
      a: ['header-anchor', 'footnote-backref', 'md-button', 'md-button--primary'],
      sup: ['footnote-ref'],
      section: ['footnotes'],
      hr: ['footnotes-sep'],
      ins: ['critic'],
      del: ['critic'],
      mark: ['critic'],
    },
    allowedStyles: {
      th: { 'text-align': [/^(left|right|center)$/] },
      td: { 'text-align': [/^(left|right|center)$/] },
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowProtocolRelative: false,
    allowedIframeHostnames: options.allowedIframeHosts,
    allowIframeRelativeUrls: false,
    // Only read-only checkboxes (task lists) and the radio buttons of content tabs are kept, any
    // other <input> being a form control; iframes whose source was refused are dropped rather than
    // left empty.
    exclusiveFilter: frame =>
      (frame.tag === 'input' && !(frame.attribs.type === 'checkbox' || (frame.attribs.type === 'radio' && TAB_INPUT_ID.test(frame.attribs.id ?? '')))) ||
      (frame.tag === 'iframe' && !frame.attribs.src),
  };
  return (html, rewriteUrl = url => url) =>
    sanitizeHtml(html, {
      ...config,
      // Links are rewritten here rather than in the Markdown tokens so raw HTML links and images get the same treatment.
      transformTags: {
        '*': (tagName, attribs) => ({ tagName, attribs: withSafeId(attribs) }),
        input: (tagName, attribs) => ({ tagName, attribs: attribs.type === 'radio' ? withSafeId(attribs) : { ...withSafeId(attribs), disabled: '' } }),
        a: (tagName, attribs) => {
          const safe = withSafeId(attribs);
          if (attribs.href === undefined) return { tagName, attribs: safe };
          const href = rewriteUrl(attribs.href, 'a', 'data-docs-md' in attribs ? 'markdown' : 'html');
          return { tagName, attribs: /^https?:/i.test(href) ? { ...safe, href, rel: 'noopener noreferrer' } : { ...safe, href } };
        },
        img: (tagName, attribs) => {
          const safe = withSafeId(attribs);
          return {
            tagName,
            attribs: attribs.src === undefined ? safe : { ...safe, src: rewriteUrl(attribs.src, 'img', 'data-docs-md' in attribs ? 'markdown' : 'html') },
          };
        },
      },
    });
}

/** Ids stay (anchors need them) when they are plain words and not one of the app's own. */
function withSafeId(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  if (attribs.id === undefined) return attribs;
  if (/^[\p{L}\p{N}_:.-]{1,200}$/u.test(attribs.id) && !RESERVED_IDS.has(attribs.id.toLowerCase())) return attribs;
  const { id: _dropped, ...rest } = attribs;
  return rest;
}
