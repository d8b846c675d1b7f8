import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
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
  it('ErrorPanel says what was not found in words, without class names or status codes', () => {
    const error = new ResponseError({ name: 'NotFoundError', message: 'No template named nope in namespace default', statusCode: 404 });
    const html = renderToStaticMarkup(<ErrorPanel error={error} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toBe('Not found No template named nope in namespace default');
    const titled = text(renderToStaticMarkup(<ErrorPanel error={error} title="Could not load the template default/nope" />));
    expect(titled).toBe('Could not load the template default/nope No template named nope in namespace default');
    expect(titled).not.toMatch(/NotFoundError|HTTP|404/);
  });

  it('ErrorPanel asks to sign in when nobody is, instead of showing an error', () => {
    const error = new ResponseError({ name: 'AuthenticationError', message: 'Sign in to run templates: this request has no credentials', statusCode: 401 });
    const html = renderToStaticMarkup(
      <MemoryRouter initialEntries={['/create/templates/default/service?x=1']}>
        <ErrorPanel error={error} title="Could not load the template" />
      </MemoryRouter>,
    );
    expect(text(html)).toContain('Sign in to continue Sign in to run templates. After signing in you come back to this page. Sign in');
    expect(html).not.toMatch(/AuthenticationError|credentials/);
    // The button comes back to the same page, query included.
    expect(html).toContain(`href="/sign-in?redirect=${encodeURIComponent('/create/templates/default/service?x=1')}"`);
    const bare = new ResponseError({ name: 'AuthenticationError', message: 'This request needs credentials: sign in or send a bearer token', statusCode: 401 });
    expect(text(renderToStaticMarkup(<ErrorPanel error={bare} />))).toBe(
      'Sign in to continue You are not signed in, and this needs someone who is. After signing in you come back to this page.',
    );
  });

  it('ErrorPanel copes with things thrown that are not errors', () => {
    expect(text(renderToStaticMarkup(<ErrorPanel error="the network went away" title="Could not load" />))).toBe('Could not load the network went away');
    expect(text(renderToStaticMarkup(<ErrorPanel error={{ odd: true }} />))).toContain('An unknown error occurred');
    expect(text(renderToStaticMarkup(<ErrorPanel error={new TypeError('Failed to fetch')} />))).toBe(
      'Could not reach the portal Check your connection and try again.',
    );
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
