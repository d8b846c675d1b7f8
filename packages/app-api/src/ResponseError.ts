/** The body every backend route answers with when it fails. */
export interface ErrorResponseBody {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

/**
 * A failed HTTP response. `name` and `message` are the backend's (e.g. 'NotFoundError'), so
 * pages can show them as they are; `statusCode` lets callers branch on 404 and the like.
 */
export class ResponseError extends Error {
  readonly statusCode: number;
  /** The method and URL the backend reports having received, when it said so. */
  readonly request?: { method: string; url: string };

  constructor(options: { name: string; message: string; statusCode: number; request?: { method: string; url: string } }) {
    super(options.message);
    this.name = options.name;
    this.statusCode = options.statusCode;
    this.request = options.request;
  }

  /** Reads a failed response, whatever its body: the backend's error shape, other JSON, or text. */
  static async fromResponse(response: Response): Promise<ResponseError> {
    const statusCode = response.status;
    const text = await response.text().catch(() => '');
    const body = parseJson(text);
    if (isErrorResponseBody(body)) {
      return new ResponseError({ ...body.error, statusCode, request: body.request });
    }
    // Proxies and static servers answer with HTML or plain text; keep a short, readable excerpt.
    const excerpt = text.trim().slice(0, 200);
    const statusText = response.statusText || 'Request failed';
    return new ResponseError({
      name: 'ResponseError',
      message: excerpt && !excerpt.startsWith('<') ? `${statusCode} ${statusText}: ${excerpt}` : `${statusCode} ${statusText}`,
      statusCode,
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorResponseBody(body: unknown): body is ErrorResponseBody {
  const error = (body as { error?: { name?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.name === 'string' && typeof error.message === 'string';
}
