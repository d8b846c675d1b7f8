/**
 * Just enough of a browser for HTTP-level sign-in tests: follows redirects across origins by
 * hand, keeps each origin's cookies, and sends Origin and Sec-Fetch-Site as a browser would.
 */
export class CookieJarClient {
  readonly cookies = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.cookies.get(origin)?.get(name);
  }

  cookieHeader(origin: string): string {
    return [...(this.cookies.get(origin) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target.origin);
    if (cookie) headers.set('cookie', cookie);
    if (init.from) {
      headers.set('sec-fetch-site', init.from === target.origin ? 'same-origin' : 'cross-site');
      if ((init.method ?? 'GET') !== 'GET') headers.set('origin', init.from);
    }
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
    const jar = this.cookies.get(target.origin) ?? new Map<string, string>();
    this.cookies.set(target.origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some(a => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now());
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects from `url`; returns the last response and the URL it came from. */
  async follow(url: string, init: Parameters<CookieJarClient['request']>[1] = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 20) throw new Error('Too many redirects');
      const previous = new URL(current).origin;
      current = new URL(response.headers.get('location')!, current).href;
      response = await this.request(current, { from: previous });
    }
    return { response, url: current };
  }
}
