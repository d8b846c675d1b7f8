import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App, SITE_TITLE } from './App';

describe('App', () => {
  it('renders the title as the page heading', () => {
    const html = renderToString(<App />);
    expect(html).toContain(`<h1>${SITE_TITLE}</h1>`);
  });

  it('starts the counter at zero', () => {
    expect(renderToString(<App />)).toContain('Clicked <!-- -->0<!-- --> <!-- -->times');
  });
});
