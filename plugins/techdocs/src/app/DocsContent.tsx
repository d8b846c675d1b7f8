import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { docsContentStyles } from './docsContentStyles.js';

/**
 * Shows a page's HTML, sanitised on the server. Behaviour is added from here, never by scripts in
 * the page: copy buttons on code blocks, mermaid drawing, in-app navigation for reader links.
 */
export function DocsContent({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const mode = useTheme().palette.mode;

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const pre of root.querySelectorAll<HTMLPreElement>('pre:not(.mermaid)')) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'docs-copy-button';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy code');
      button.addEventListener('click', () => {
        void navigator.clipboard?.writeText(pre.querySelector('code')?.textContent ?? pre.textContent ?? '');
        button.textContent = 'Copied';
      });
      pre.appendChild(button);
    }
    const diagrams = [...root.querySelectorAll<HTMLElement>('pre.mermaid')];
    if (diagrams.length > 0) {
      // mermaid is large: loaded only for pages that have diagrams.
      void import('mermaid').then(({ default: mermaid }) => {
        mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: mode === 'dark' ? 'dark' : 'default' });
        return mermaid.run({ nodes: diagrams });
      });
    }
  }, [html, mode]);

  useEffect(() => {
    if (!location.hash) {
      window.scrollTo({ top: 0 });
      return;
    }
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [html, location.hash]);

  const onClick = (event: React.MouseEvent) => {
    const anchor = (event.target as HTMLElement).closest('a');
    const href = anchor?.getAttribute('href');
    if (!href || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    if (href.startsWith('/docs/') || href.startsWith('#')) {
      event.preventDefault();
      navigate(href.startsWith('#') ? { hash: href } : href);
    }
  };

  return <Box ref={ref} onClick={onClick} sx={docsContentStyles} dangerouslySetInnerHTML={{ __html: html }} />;
}
