import sanitizeHtml from 'sanitize-html';

export interface SanitizeOptions {
  /** Hosts whose pages may be embedded with <iframe> (videos, dashboards); none by default. */
  allowedIframeHosts: string[];
}

/**
 * Builds the sanitiser every rendered page goes through on the server. It is an allowlist: what
 * Markdown produces (plus details/summary and iframes from configured hosts) survives; scripts,
 * event handlers, styles, forms, objects and non-http(s) URLs do not. Classes are limited to the
 * ones the reader's stylesheet knows, so a page cannot dress itself up as portal chrome.
 */
export type DocsSanitizer = (html: string, rewriteUrl?: (url: string, tag: 'a' | 'img') => string) => string;

export function createDocsSanitizer(options: SanitizeOptions): DocsSanitizer {
  const config: sanitizeHtml.IOptions = {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'details', 'summary', 'input', 'del', 'ins', 'iframe'],
    allowedAttributes: {
      a: ['href', 'title', 'aria-hidden', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      input: ['type', 'checked', 'disabled'],
      iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
      details: ['open'],
      ol: ['start'],
      th: ['style'],
      td: ['style'],
      h1: ['id'],
      h2: ['id'],
      h3: ['id'],
      h4: ['id'],
      h5: ['id'],
      h6: ['id'],
      '*': ['class'],
    },
    allowedClasses: {
      div: ['admonition', 'admonition-*'],
      details: ['admonition', 'admonition-*'],
      p: ['admonition-title'],
      pre: ['mermaid'],
      code: ['hljs', 'language-*'],
      span: ['hljs-*'],
      ul: ['contains-task-list'],
      li: ['task-list-item'],
      input: ['task-list-item-checkbox'],
      a: ['header-anchor'],
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
    // Only read-only checkboxes (task lists) are kept, any other <input> being a form control;
    // iframes whose source was refused are dropped rather than left empty.
    exclusiveFilter: frame => (frame.tag === 'input' && frame.attribs.type !== 'checkbox') || (frame.tag === 'iframe' && !frame.attribs.src),
  };
  return (html, rewriteUrl = url => url) =>
    sanitizeHtml(html, {
      ...config,
      // Links are rewritten here rather than in the Markdown tokens so raw HTML links and images get the same treatment.
      transformTags: {
        input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: '' } }),
        a: (tagName, attribs) => {
          if (attribs.href === undefined) return { tagName, attribs };
          const href = rewriteUrl(attribs.href, 'a');
          return { tagName, attribs: /^https?:/i.test(href) ? { ...attribs, href, rel: 'noopener noreferrer' } : { ...attribs, href } };
        },
        img: (tagName, attribs) => ({ tagName, attribs: attribs.src === undefined ? attribs : { ...attribs, src: rewriteUrl(attribs.src, 'img') } }),
      },
    });
}
