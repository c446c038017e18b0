// The query API as the page calls it: /v1 only, the key from this tab's session storage, sent as
// the X-API-Key header and never put in a URL.

const KEY = 'radar.apiKey';
const TIMEOUT_MS = 10000;

/** The key refused or missing: the page asks for it again and stops calling. */
export class KeyError extends Error {}
/** The API or Elasticsearch not answering (503, a network error, a timeout). */
export class DownError extends Error {}
/** Nothing stored under that path (404). */
export class NotFoundError extends Error {}

export function key() {
  return sessionStorage.getItem(KEY);
}

export function setKey(value) {
  sessionStorage.setItem(KEY, value);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** A path segment (a tag may hold any character). */
export function seg(text) {
  return encodeURIComponent(text);
}

/**
 * GETs a /v1 path and answers its JSON. 429 is waited out once (Retry-After); other failures
 * become the errors above, or an Error with the API's message.
 */
export async function get(path, retried = false) {
  const k = key();
  if (!k) {
    throw new KeyError('No API key yet.');
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(path, {
      headers: { 'X-API-Key': k, Accept: 'application/json' },
      signal: abort.signal,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    throw new DownError(abort.signal.aborted
      ? `The query API did not answer within ${TIMEOUT_MS / 1000} s.`
      : 'The query API cannot be reached.');
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) {
    return response.json();
  }
  const body = await response.json().catch(() => ({}));
  const message = body.message || body.reason || `HTTP ${response.status}`;
  switch (response.status) {
    case 401:
      throw new KeyError('The query API refused this key.');
    case 404:
      throw new NotFoundError(message);
    case 429:
      if (!retried) {
        const wait = Math.min(10, Number(response.headers.get('Retry-After')) || 1);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        return get(path, true);
      }
      throw new Error('Too many requests for this key; the page will try again.');
    case 502:
    case 503:
    case 504:
      throw new DownError(`Elasticsearch is not answering: ${message}`);
    default:
      throw new Error(message);
  }
}

/** Like get, but null for a 404. */
export async function maybe(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof NotFoundError) {
      return null;
    }
    throw e;
  }
}
