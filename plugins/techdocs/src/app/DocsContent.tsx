import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { docsContentStyles } from './docsContentStyles.js';
import { rerouteDocsLink } from './docsRoutes.js';

export interface DocsContentProps {
  html: string;
  /** Links to pages under `from` (the server's reader routes) are shown under `to` instead. */
  reroute?: { from: string; to: string };
}

/**
 * Shows a page's HTML, sanitised on the server. Behaviour is added from here, never by scripts in
 * the page: copy buttons on code blocks, mermaid drawing, in-app navigation for reader links.
 */
export function DocsContent({ html, reroute }: DocsContentProps) {
  const ref = useRef<HTMLDivElement>(null);
  const diagramSources = useRef(new WeakMap<Element, string>());
  const navigate = useNavigate();
  const location = useLocation();
  const mode = useTheme().palette.mode;
  const from = reroute?.from;
  const to = reroute?.to;

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    // Rewritten in the DOM, not only on click, so hovering, copying or opening in a new tab agree.
    if (from && to) {
      for (const anchor of root.querySelectorAll<HTMLAnchorElement>('a[href^="/"]')) {
        anchor.setAttribute('href', rerouteDocsLink(anchor.getAttribute('href')!, from, to));
      }
    }
    for (const pre of root.querySelectorAll<HTMLPreElement>('pre:not(.mermaid)')) {
      if (pre.querySelector(':scope > .docs-copy-button')) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'docs-copy-button';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code');
      button.addEventListener('click', () => {
        void navigator.clipboard?.writeText(codeText(pre));
        button.textContent = 'Copied';
      });
      pre.appendChild(button);
    }
    // KaTeX's stylesheet and fonts are bundled, and loaded only for pages with math.
    if (root.querySelector('.katex')) void import('katex/dist/katex.min.css');
  }, [html, from, to]);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const diagrams = [...root.querySelectorAll<HTMLElement>('pre.mermaid')];
    if (diagrams.length === 0) return;
    // mermaid replaces a diagram's source with its drawing: keep the source to redraw in another theme.
    const sources = diagramSources.current;
    for (const diagram of diagrams) {
      const source = sources.get(diagram);
      if (source === undefined) sources.set(diagram, diagram.textContent ?? '');
      else {
        diagram.textContent = source;
        diagram.removeAttribute('data-processed');
      }
    }
    let cancelled = false;
    // mermaid is large: loaded only for pages that have diagrams.
    import('mermaid')
      .then(({ default: mermaid }) => {
        if (cancelled) return;
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: mode === 'dark' ? 'dark' : 'default' });
        return mermaid.run({ nodes: diagrams });
      })
      .catch((error: unknown) => {
        // A diagram that does not parse stays as its source text, which still says what was meant.
        console.warn('A mermaid diagram could not be drawn:', error);
      });
    return () => {
      cancelled = true;
    };
  }, [html, mode]);

  useEffect(() => {
    if (!location.hash) {
      window.scrollTo({ top: 0 });
      return;
    }
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [html, location.hash]);

  const onClick = (event: React.MouseEvent) => {
    // Material's `content.tabs.link`: choosing a tab chooses the tabs of the same label in every linked set.
    const label = (event.target as HTMLElement).closest('.tabbed-linked > label');
    if (label) selectLinkedTabs(ref.current, label.textContent ?? '');
    const anchor = (event.target as HTMLElement).closest('a');
    const href = anchor?.getAttribute('href');
    if (!href || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    // Fragment links are left to the browser: it scrolls, sets :target and the router hears of it.
    if (href.startsWith('/docs/') || href.startsWith('/catalog/')) {
      event.preventDefault();
      navigate(href);
    }
  };

  return <Box ref={ref} onClick={onClick} sx={docsContentStyles} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The code of a block without its line numbers (they are for reading, not for copying). */
function codeText(pre: HTMLPreElement): string {
  const code = (pre.querySelector('code') ?? pre).cloneNode(true) as HTMLElement;
  code.querySelectorAll('.code-lineno, .docs-copy-button').forEach(n => n.remove());
  return code.textContent ?? '';
}

function selectLinkedTabs(root: HTMLElement | null, label: string): void {
  for (const other of root?.querySelectorAll<HTMLLabelElement>('.tabbed-linked > label') ?? []) {
    if (other.textContent !== label) continue;
    const input = root!.querySelector<HTMLInputElement>(`#${CSS.escape(other.htmlFor)}`);
    if (input) input.checked = true;
  }
}
