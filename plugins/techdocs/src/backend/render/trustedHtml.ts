import { randomBytes } from 'node:crypto';

/**
 * Markup the renderer makes itself from escaped input (icons from the icon packages, KaTeX's math,
 * Graphviz drawings after their own cleaning) is kept out of the page sanitiser's way: a rule
 * writes a placeholder, the sanitiser sees plain text, and the markup goes back in afterwards.
 * The placeholder carries a random nonce per page, so a page cannot forge one.
 */
export class TrustedHtml {
  private readonly nonce = randomBytes(8).toString('hex');
  private readonly parts: string[] = [];

  /** A placeholder for `html`, to be written where the markup belongs. */
  add(html: string): string {
    this.parts.push(html);
    return `docstrusted${this.nonce}x${this.parts.length - 1}y`;
  }

  restore(html: string): string {
    if (this.parts.length === 0) return html;
    return html.replace(new RegExp(`docstrusted${this.nonce}x(\\d+)y`, 'g'), (_whole, index: string) => this.parts[Number(index)] ?? '');
  }
}

/** What the renderer's rules share while one page renders. */
export interface RenderEnv {
  trusted: TrustedHtml;
  /** Things in the page the portal could not render as MkDocs would; shown in the site's notes. */
  notes: string[];
}

export function renderEnvOf(env: unknown): RenderEnv {
  return env as RenderEnv;
}
