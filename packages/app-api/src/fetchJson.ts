import { ResponseError } from './ResponseError.js';

/** Like RequestInit, but `body` is any JSON-serialisable value, sent as application/json. */
export interface FetchJsonInit extends Omit<RequestInit, 'body'> {
  body?: unknown;
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
  const response = await fetch(path, { credentials: 'same-origin', ...rest, headers, body: requestBody });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  // 204 and other empty answers carry no JSON; callers typed them as void or undefined.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
