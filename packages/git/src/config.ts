import path from 'node:path';
import { defineConfigSection, readConfigSections, type ConfigObject } from '@portal/backend-common';
import { z } from 'zod';

/** A host the portal reads repositories from, and how to authenticate to it. */
export interface GitIntegration {
  /** Host name with the port when it is not the default, such as `github.com` or `localhost:7007`. */
  host: string;
  /** Sent as the password of HTTP Basic; never logged or returned. */
  token?: string;
  /** 'local' is the portal's own git host; 'git' is any other smart-HTTP host with GitHub-style URLs. */
  type: 'github' | 'gitlab' | 'gitea' | 'git' | 'local';
  /** For 'local': the portal's base URL, whose path may hold a prefix. */
  baseUrl?: string;
}

const hostSchema = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'a host is a name with an optional port, such as github.com or git.example.com:8443');

const integrationEntry = z.object({ host: hostSchema, token: z.string().min(1).optional(), apiBaseUrl: z.url().optional() });
const integrationList = z.array(integrationEntry).default([]);

/** A GitHub App the portal acts as: it asks for an installation token for each repository owner. */
const githubAppSchema = z.object({
  appId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(Number),
  /** The app's PEM private key, as GitHub gives it. */
  privateKey: z.string().min(1),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  webhookSecret: z.string().optional(),
  /** Owners (users or organisations) this app may act for; all its installations when absent. */
  allowedInstallationOwners: z.array(z.string().min(1)).optional(),
});

/** `integrations.github[]`, as Backstage reads it: a token, GitHub Apps, or both (apps are tried first). */
export const githubIntegrationSchema = integrationEntry.extend({ apps: z.array(githubAppSchema).optional() });
export type GithubIntegrationConfig = z.output<typeof githubIntegrationSchema>;

export const gitConfigSection = defineConfigSection(
  'git',
  z
    .object({
      /** Where the portal's own git host keeps its bare repositories. */
      directory: z.string().min(1).default('./data/git'),
      /** Where the reader keeps shallow copies of the repositories it reads. */
      cacheDirectory: z.string().min(1).default('./data/git-cache'),
    })
    .default({ directory: './data/git', cacheDirectory: './data/git-cache' }),
);

export const integrationsConfigSection = defineConfigSection(
  'integrations',
  z
    .object({ github: z.array(githubIntegrationSchema).default([]), gitlab: integrationList, gitea: integrationList, git: integrationList })
    .default({ github: [], gitlab: [], gitea: [], git: [] }),
);

/** `backend.reading.allow`: hosts the portal may read from without an integration (host globs such as `*.example.com`). */
export const readingConfigSection = defineConfigSection(
  'backend',
  z.object({
    reading: z.object({ allow: z.array(z.object({ host: z.string().min(1) })).default([]) }).default({ allow: [] }),
  }),
);

/** Every config section this package reads; the backend validates them together at boot. */
export const gitConfigSections = {
  git: gitConfigSection,
  integrations: integrationsConfigSection,
  backendReading: readingConfigSection,
};

export interface GitSettings {
  directory: string;
  cacheDirectory: string;
  integrations: GitIntegration[];
  allowedHosts: string[];
}

/**
 * Reads the git settings from config. The portal's own host is always an integration of type
 * 'local' whose token is the backend's service token.
 */
export function readGitSettings(options: { config: ConfigObject; baseUrl: string; serviceToken?: string; cwd?: string }): GitSettings {
  const sections = readConfigSections(options.config, gitConfigSections);
  const cwd = options.cwd ?? process.cwd();
  const integrations: GitIntegration[] = [{ type: 'local', host: new URL(options.baseUrl).host, token: options.serviceToken, baseUrl: options.baseUrl }];
  for (const type of ['github', 'gitlab', 'gitea', 'git'] as const) {
    for (const entry of sections.integrations[type]) integrations.push({ type, host: entry.host, token: entry.token });
  }
  return {
    directory: path.resolve(cwd, sections.git.directory),
    cacheDirectory: path.resolve(cwd, sections.git.cacheDirectory),
    integrations,
    allowedHosts: sections.backendReading.reading.allow.map(entry => entry.host),
  };
}
