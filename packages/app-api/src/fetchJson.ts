import { ResponseError } from './ResponseError.js';

/** Like RequestInit, but `body` is any JSON-serialisable value, sent as application/json. */
export interface FetchJsonInit extends Omit<RequestInit, 'body'> {
  body?: unknown;
}

// Set by the auth plugin at sign-in, readable by scripts. The backend refuses cookie-authenticated
// writes that do not echo it in this header, which a page on another site cannot do.
const CSRF_COOKIE = 'portal-csrf';
const CSRF_HEADER = 'X-CSRF-Token';

function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const entry = document.cookie
    .split(';')
    .map(part => part.trim())
    .find(part => part.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : undefined;
}

/**
 * Calls a backend route on the same origin and returns its JSON body. Non-2xx answers throw a
 * ResponseError carrying the backend's error name, message and status code.
 */
export async function fetchJson<T>(path: string, init: FetchJsonInit = {}): Promise<T> {
  const { body, headers: initHeaders, ...rest } = init;
  const headers = new Headers(initHeaders);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  let requestBody: string | undefined;
  if (body !== undefined) {
    headers.set('content-type', 'application/json');
    requestBody = JSON.stringify(body);
  }
  const method = (rest.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && !headers.has(CSRF_HEADER)) {
    const token = csrfToken();
    if (token) headers.set(CSRF_HEADER, token);
  }
  const response = await fetch(path, { credentials: 'same-origin', ...rest, headers, body: requestBody });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  // 204 and other empty answers carry no JSON; callers typed them as void or undefined.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
