// The field format rules Backstage applies to every entity (Kubernetes-style names and keys).

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_NAME = /^[a-z0-9A-Z]+$/;
// Tags are lower-case words joined by single dashes; `:`, `+` and `#` are allowed (c++, c#, ns:tag).
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

function lengthBetween(value: string, min: number, max: number): boolean {
  return value.length >= min && value.length <= max;
}

export function isValidObjectName(value: unknown): value is string {
  return typeof value === 'string' && lengthBetween(value, 1, 63) && OBJECT_NAME.test(value);
}

export function isValidDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && lengthBetween(value, 1, 63) && DNS_LABEL.test(value);
}

export function isValidDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && lengthBetween(value, 1, 253) && value.split('.').every(isValidDnsLabel);
}

export const isValidNamespace = isValidDnsLabel;

export function isValidKind(value: unknown): value is string {
  return typeof value === 'string' && lengthBetween(value, 1, 63) && KIND.test(value);
}

/** `name` or `prefix/name`, where the prefix is a DNS subdomain. */
function isPrefixedName(value: unknown, isValidName: (name: string) => boolean): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length === 1) return isValidName(parts[0]!);
  if (parts.length === 2) return isValidDnsSubdomain(parts[0]) && isValidName(parts[1]!);
  return false;
}

export function isValidApiVersion(value: unknown): value is string {
  return isPrefixedName(value, n => lengthBetween(n, 1, 63) && API_VERSION_NAME.test(n));
}

export function isValidLabelKey(value: unknown): value is string {
  return isPrefixedName(value, isValidObjectName);
}

export const isValidAnnotationKey = isValidLabelKey;

export function isValidLabelValue(value: unknown): value is string {
  return value === '' || isValidObjectName(value);
}

export function isValidTag(value: unknown): value is string {
  return typeof value === 'string' && lengthBetween(value, 1, 63) && TAG.test(value);
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Links are rendered as anchors in the portal, so only schemes a browser opens safely pass:
 * `javascript:`, `data:`, `file:` and the like are refused.
 */
export function isSafeLinkUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return false;
  return url.protocol === 'mailto:' ? url.pathname.length > 0 : url.hostname.length > 0;
}

export function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
