import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResponseError } from '../ResponseError.js';
import { EmptyState } from './EmptyState.js';
import { ErrorPanel } from './ErrorPanel.js';
import { PageLayout } from './PageLayout.js';

// Rendered to HTML in Node: enough to prove what text and roles each state puts on the page.
// Emotion inlines <style> elements when rendering on a server; they are not text a reader sees.
const text = (html: string) =>
  html
    .replace(/<(style|title)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('page states', () => {
  it("ErrorPanel shows the backend's error name, status and message", () => {
    const error = new ResponseError({ name: 'NotFoundError', message: 'No entity component:default/nope', statusCode: 404 });
    const html = renderToStaticMarkup(<ErrorPanel error={error} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('NotFoundError (HTTP 404) No entity component:default/nope');
  });

  it('ErrorPanel copes with things thrown that are not errors', () => {
    expect(text(renderToStaticMarkup(<ErrorPanel error="the network went away" title="Could not load" />))).toContain(
      'Could not load Error the network went away',
    );
    expect(text(renderToStaticMarkup(<ErrorPanel error={{ odd: true }} />))).toContain('An unknown error occurred');
  });

  it('EmptyState and PageLayout render their title, description and actions', () => {
    const html = renderToStaticMarkup(
      <PageLayout title="Catalog" subtitle="Everything we run" actions={<button>Register</button>}>
        <EmptyState title="No entities yet" description="Register a catalog-info.yaml" action={<a href="/register">Register</a>} />
      </PageLayout>,
    );
    expect(html).toMatch(/<h1[^>]*>Catalog<\/h1>/);
    expect(html).toMatch(/<h2[^>]*>No entities yet<\/h2>/);
    expect(text(html)).toContain('Everything we run Register No entities yet Register a catalog-info.yaml Register');
  });
});
