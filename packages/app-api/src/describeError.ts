import { ResponseError } from './ResponseError.js';

/** An error as a person reads it: a title in words, the backend's sentence, and what to do next. */
export interface ReadableError {
  /** What kind of failure it is, e.g. "Not found"; never an exception class or an HTTP code. */
  title: string;
  message: string;
  /** Nobody is signed in and the action needs someone: offer to sign in rather than an error. */
  signInNeeded: boolean;
  notFound: boolean;
}

const TITLES: Array<[test: (status: number) => boolean, title: string]> = [
  [s => s === 401, 'Sign in to continue'],
  [s => s === 403, 'Not allowed'],
  [s => s === 404, 'Not found'],
  [s => s === 409, 'Conflict'],
  [s => s === 400 || s === 422, 'Something in the request is not right'],
  [s => s === 413, 'Too large'],
  [s => s === 429, 'Too many requests; try again shortly'],
  [s => s === 503, 'The portal is starting or busy; try again shortly'],
  [s => s >= 500, 'The portal had a problem'],
];

/** Names of the backend's error classes, never shown: the message says what happened. */
const CLASS_PREFIX = /^(?:[A-Z][A-Za-z]*Error)(?: \(HTTP \d{3}\))?: /;

/**
 * Turns anything thrown into words for the page. A 401 means "sign in", not "error"; a 404 keeps
 * the backend's sentence, which names what was not found.
 */
export function describeError(error: unknown): ReadableError {
  if (error instanceof ResponseError) {
    const title = TITLES.find(([test]) => test(error.statusCode))?.[1] ?? 'The request failed';
    return {
      title,
      message: error.statusCode === 401 ? signInMessage(error.message) : error.message.replace(CLASS_PREFIX, ''),
      signInNeeded: error.statusCode === 401,
      notFound: error.statusCode === 404,
    };
  }
  // fetch() rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return { title: 'Could not reach the portal', message: 'Check your connection and try again.', signInNeeded: false, notFound: false };
  }
  if (error instanceof Error) return { title: 'Something went wrong', message: error.message.replace(CLASS_PREFIX, ''), signInNeeded: false, notFound: false };
  if (typeof error === 'string') return { title: 'Something went wrong', message: error, signInNeeded: false, notFound: false };
  return { title: 'Something went wrong', message: 'An unknown error occurred', signInNeeded: false, notFound: false };
}

/** Whether the error is the backend saying that nobody is signed in. */
export function isSignInNeeded(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 401;
}

const SIGN_IN_DEFAULT = 'You are not signed in, and this needs someone who is. After signing in you come back to this page.';

/** The permission's own sentence ("Sign in to run templates") when it has one; words about headers and tokens are for scripts. */
function signInMessage(message: string): string {
  const permission = /^(Sign in to [^:]+)/.exec(message);
  return permission ? `${permission[1]}. After signing in you come back to this page.` : SIGN_IN_DEFAULT;
}
