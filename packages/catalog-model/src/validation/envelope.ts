import { z } from 'zod';
import {
  isNonBlankString,
  isSafeLinkUrl,
  isValidAnnotationKey,
  isValidApiVersion,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidObjectName,
  isValidTag,
} from './rules.js';

export const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'] as const;

const NAME_RULE = 'must be 1 to 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
const NAMESPACE_RULE = 'must be 1 to 63 lower-case letters, digits and "-", starting and ending with a letter or digit';
const KEY_RULE =
  'must be a name (1 to 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit), optionally prefixed by a DNS subdomain and "/", like "example.com/team"';
const TAG_RULE = 'must be 1 to 63 characters of lower-case letters, digits, "+", "#" and ":", in words joined by single dashes';

const nonEmpty = z.string().min(1);

const link = z.looseObject({
  url: z.string().refine(isSafeLinkUrl, 'must be an absolute http:, https: or mailto: URL'),
  title: z.string().refine(isNonBlankString, 'must not be blank').optional(),
  icon: z.string().refine(isNonBlankString, 'must not be blank').optional(),
  type: nonEmpty.optional(),
});

function checkKeys(record: Record<string, unknown>, isValidKey: (key: unknown) => boolean, what: string, ctx: z.RefinementCtx) {
  for (const key of Object.keys(record)) {
    if (!isValidKey(key)) {
      ctx.addIssue({ code: 'custom', path: [key], params: { key: true }, message: `is not a valid ${what} key: a key ${KEY_RULE}` });
    }
  }
}

export const metadataSchema = z.looseObject({
  name: z.string().refine(isValidObjectName, NAME_RULE),
  namespace: z.string().refine(isValidNamespace, NAMESPACE_RULE).optional(),
  title: nonEmpty.optional(),
  description: z.string().optional(),
  uid: nonEmpty.optional(),
  etag: nonEmpty.optional(),
  labels: z
    .record(z.string(), z.string().refine(isValidLabelValue, `must be empty or a name that ${NAME_RULE.replace('must be', 'is')}`))
    .superRefine((labels, ctx) => checkKeys(labels, isValidLabelKey, 'label', ctx))
    .optional(),
  annotations: z
    .record(z.string(), z.string())
    .superRefine((annotations, ctx) => checkKeys(annotations, isValidAnnotationKey, 'annotation', ctx))
    .optional(),
  tags: z.array(z.string().refine(isValidTag, TAG_RULE)).optional(),
  links: z.array(link).optional(),
});

export const envelopeSchema = z.looseObject({
  apiVersion: z.string().refine(isValidApiVersion, 'must be a version name, optionally prefixed by a DNS subdomain and "/", like "backstage.io/v1alpha1"'),
  kind: z.string().refine(isValidKind, 'must be a letter followed by letters and digits, at most 63 characters, like "Component"'),
  metadata: metadataSchema,
  spec: z.looseObject({}).optional(),
});
