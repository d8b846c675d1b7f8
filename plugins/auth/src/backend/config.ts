import { z } from 'zod';
import { defineConfigSection, durationSchema, permissionConfigSchema } from '@portal/backend-common';

/** Backstage's names for the ways a provider's profile is matched to a User entity. */
export const signInResolverNames = ['emailMatchingUserEntityProfileEmail', 'emailLocalPartMatchingUserEntityName', 'usernameMatchingUserEntityName'] as const;
export type SignInResolverName = (typeof signInResolverNames)[number];

const signInSchema = z
  .object({
    /** Tried in order; the first that finds a User entity signs the person in. */
    resolvers: z.array(z.object({ resolver: z.enum(signInResolverNames) })).min(1),
    /**
     * Signs people in as `user:default/<username or email local part>` even when no User entity
     * matches, owning nothing but themselves. Off by default: an unknown person is refused.
     */
    dangerouslyAllowSignInWithoutUserInCatalog: z.boolean().default(false),
  })
  .optional();

const guestSchema = z.object({
  userEntityRef: z.string().min(1).default('user:default/guest'),
  /** Guest sign-in is refused when NODE_ENV=production unless this is set. */
  dangerouslyAllowOutsideDevelopment: z.boolean().default(false),
});

const githubSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** For GitHub Enterprise Server, such as https://github.example.com. */
  enterpriseInstanceUrl: z.url({ protocol: /^https?$/ }).optional(),
  title: z.string().min(1).default('GitHub'),
  signIn: signInSchema,
});

const oidcSchema = z.object({
  /** The issuer URL; its /.well-known/openid-configuration is read at start-up. */
  metadataUrl: z.url({ protocol: /^https?$/, message: 'expected the http(s) URL of the issuer' }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scope: z.string().min(1).default('openid profile email'),
  prompt: z.string().optional(),
  /** Shown on the sign-in button, such as "Okta" or "Keycloak". */
  title: z.string().min(1).default('Single sign-on'),
  signIn: signInSchema,
});

const SESSION_DEFAULTS = { duration: 12 * 3_600_000, refreshInterval: 5 * 60_000, cacheTtl: 5_000 };

export const authConfigSection = defineConfigSection(
  'auth',
  z
    .object({
      session: z
        .object({
          /**
           * Signs session cookies. When absent, one is generated and kept in the database on first
           * start, so every replica signs and checks with the same one.
           */
          secret: z.string().min(32, 'the session secret must be at least 32 characters').optional(),
          duration: durationSchema.default(SESSION_DEFAULTS.duration),
          /**
           * How old a session's ownership refs may get before they are read from the catalog
           * again: a change of groups takes effect within this long.
           */
          refreshInterval: durationSchema.default(SESSION_DEFAULTS.refreshInterval),
          /**
           * How long a replica uses a session it has read without reading it again. A sign-out on
           * another replica is honoured here at most this much later, so it is kept short.
           */
          cacheTtl: durationSchema
            .refine(ms => ms <= 60_000, 'at most a minute: a sign-out is honoured by other replicas only this much later')
            .default(SESSION_DEFAULTS.cacheTtl),
        })
        .default(SESSION_DEFAULTS),
      providers: z
        .object({
          guest: guestSchema.optional(),
          github: githubSchema.optional(),
          oidc: oidcSchema.optional(),
        })
        .strict()
        .default({}),
    })
    .default({ session: SESSION_DEFAULTS, providers: {} }),
);

export const permissionConfigSection = defineConfigSection('permission', permissionConfigSchema);

export type AuthConfig = z.output<typeof authConfigSection.schema>;
export type SignInConfig = z.output<typeof signInSchema>;
export type GuestConfig = z.output<typeof guestSchema>;
export type GithubConfig = z.output<typeof githubSchema>;
export type OidcConfig = z.output<typeof oidcSchema>;
