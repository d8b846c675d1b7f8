import { describe, expect, it } from 'vitest';
import { docsSiteRoute, entityDocsRoute, rerouteDocsLink } from './docsRoutes.js';

describe('rerouteDocsLink', () => {
  const entity = { namespace: 'default', kind: 'Component', name: 'payments-service' };
  const from = docsSiteRoute(entity);
  const to = entityDocsRoute(entity);

  it('moves links to pages of the same site under the entity page, with their fragments', () => {
    expect(from).toBe('/docs/default/component/payments-service');
    expect(to).toBe('/catalog/default/component/payments-service/docs');
    expect(rerouteDocsLink(`${from}/operations/runbook`, from, to)).toBe(`${to}/operations/runbook`);
    expect(rerouteDocsLink(`${from}/payment-lifecycle#events`, from, to)).toBe(`${to}/payment-lifecycle#events`);
    expect(rerouteDocsLink(from, from, to)).toBe(to);
    expect(rerouteDocsLink('/docs/default/Component/Payments-Service/index', from, to)).toBe(`${to}/index`);
  });

  it('leaves other links alone', () => {
    for (const href of [
      '/docs/default/component/payments-service-v2/index',
      '/docs/default/component/ledger-service/index',
      '/api/techdocs/default/component/payments-service/assets/spec.pdf',
      'https://example.com/docs/default/component/payments-service',
      '#events',
    ]) {
      expect(rerouteDocsLink(href, from, to)).toBe(href);
    }
  });

  it('encodes names the way the server writes them', () => {
    expect(docsSiteRoute({ namespace: 'team a', kind: 'System', name: 'x#y' })).toBe('/docs/team%20a/system/x%23y');
  });
});
