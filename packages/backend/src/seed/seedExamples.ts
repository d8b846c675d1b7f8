import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConflictError, defineConfigSection, type Logger } from '@portal/backend-common';
import { commitAndPush, type GitHost } from '@portal/git';

export const examplesConfigSection = defineConfigSection(
  'examples',
  z
    .object({
      /** On first start, put the example organisation, the templates and the portal's docs on the local git host. */
      seed: z.boolean().default(false),
      /** The owner of the seeded repositories on the local git host. */
      owner: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a repository owner name')
        .default('acme'),
      catalogDirectory: z.string().min(1).default('./catalog-examples'),
      templatesDirectory: z.string().min(1).default('./templates'),
      /** Also seed the portal's own component with its TechDocs (catalog-info.yaml, mkdocs.yml and docs/). */
      portalDocs: z.boolean().default(true),
    })
    .default({ seed: false, owner: 'acme', catalogDirectory: './catalog-examples', templatesDirectory: './templates', portalDocs: true }),
);

export type ExamplesConfig = z.output<typeof examplesConfigSection.schema>;

/**
 * Every kind, Groups and Users included: the examples are the organisation a laptop portal signs
 * people in with, and the backend vouches for what it seeds, as for a location in
 * `catalog.locations` with rules of its own. Locations registered through the API never get this.
 */
export const SEEDED_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'];

/** The part of the catalog's in-process client seeding needs. */
export interface LocationRegistrar {
  addLocation(input: { type: 'url'; target: string }, options: { trusted: { allowKinds: string[] } }): Promise<unknown>;
  trustLocation(input: { type: 'url'; target: string }, trusted: { allowKinds: string[] }): Promise<boolean>;
}

/** Where the catalog reads a seeded repository from. */
function seededTarget(baseUrl: string, owner: string, name: string): string {
  return `${baseUrl}/git/${owner}/${name}/blob/main/catalog-info.yaml`;
}

export interface SeedExamplesOptions {
  settings: ExamplesConfig;
  gitHost: GitHost;
  catalog: LocationRegistrar;
  baseUrl: string;
  serviceToken: string;
  logger: Logger;
  cwd: string;
}

interface SeedRepository {
  name: string;
  /** Files or folders copied into the repository root, by their name there. */
  contents: Array<{ from: string; to: string }>;
}

/** Each folder with a catalog-info.yaml at its top becomes one repository. */
function foldersWithCatalogInfo(root: string, prefix = ''): SeedRepository[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'catalog-info.yaml')))
    .map(entry => ({ name: `${prefix}${entry.name}`, contents: [{ from: path.join(root, entry.name), to: '.' }] }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function listSeedRepositories(settings: ExamplesConfig, cwd: string): SeedRepository[] {
  const repos = [
    ...foldersWithCatalogInfo(path.resolve(cwd, settings.catalogDirectory)),
    ...foldersWithCatalogInfo(path.resolve(cwd, settings.templatesDirectory), 'template-'),
  ];
  const portalFiles = ['catalog-info.yaml', 'mkdocs.yml', 'docs'].map(name => path.join(cwd, name));
  if (settings.portalDocs && portalFiles.every(file => fs.existsSync(file))) {
    repos.push({ name: 'developer-portal', contents: portalFiles.map(from => ({ from, to: path.basename(from) })) });
  }
  return repos;
}

/**
 * Puts each example repository on the local git host and registers it in the catalog, so the
 * examples are read from Git exactly as a team's own repositories are. A repository that already
 * exists is left alone: seeding happens once, and whatever people push afterwards is kept.
 */
export async function seedExamples(options: SeedExamplesOptions): Promise<{ created: string[] }> {
  const { settings, gitHost, logger } = options;
  const existing = new Set((await gitHost.listRepositories()).filter(r => r.owner === settings.owner).map(r => r.name));
  const created: string[] = [];
  for (const repo of listSeedRepositories(settings, options.cwd)) {
    if (existing.has(repo.name)) continue;
    const { cloneUrl } = await gitHost.createRepository({
      owner: settings.owner,
      name: repo.name,
      description: `Example repository seeded on first start`,
    });
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-seed-'));
    try {
      for (const { from, to } of repo.contents) {
        fs.cpSync(from, path.join(staging, to), { recursive: true, dereference: true });
      }
      await commitAndPush({
        dir: staging,
        remoteUrl: cloneUrl,
        token: options.serviceToken,
        branch: 'main',
        message: 'Initial commit of the example',
        author: { name: 'Developer Portal', email: 'portal@localhost' },
      });
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
    const target = seededTarget(options.baseUrl, settings.owner, repo.name);
    try {
      await options.catalog.addLocation({ type: 'url', target }, { trusted: { allowKinds: SEEDED_KINDS } });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    created.push(repo.name);
  }
  if (created.length > 0) logger.info({ repositories: created }, `Seeded ${created.length} example repositories`);
  return { created };
}

/**
 * A database may hold seeded examples whose locations were registered without trust: this trusts
 * them, so they keep their Groups and Users. Run it before the catalog's scheduler starts, so no
 * refresh reads them without it. Only the seeded targets it knows are touched, and a location
 * someone unregistered stays unregistered.
 */
export async function trustSeededExamples(
  options: Pick<SeedExamplesOptions, 'settings' | 'gitHost' | 'catalog' | 'baseUrl' | 'logger' | 'cwd'>,
): Promise<{ trusted: string[] }> {
  const { settings, logger } = options;
  const existing = new Set((await options.gitHost.listRepositories()).filter(r => r.owner === settings.owner).map(r => r.name));
  const trusted: string[] = [];
  for (const repo of listSeedRepositories(settings, options.cwd)) {
    if (!existing.has(repo.name)) continue;
    const target = seededTarget(options.baseUrl, settings.owner, repo.name);
    if (await options.catalog.trustLocation({ type: 'url', target }, { allowKinds: SEEDED_KINDS })) trusted.push(repo.name);
  }
  if (trusted.length > 0) logger.info({ repositories: trusted }, `Trusted ${trusted.length} seeded example locations to add every kind`);
  return { trusted };
}
