import { InputError } from '@portal/backend-common';
import { z } from 'zod';
import type { TaskLogger } from '../types.js';
import type { GithubConnection } from './githubClient.js';
import { sealSecret } from './sealSecret.js';

const branchName = z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a branch name such as main or release/1.x');

/** A repository's own settings, as Backstage's publish:github and github:repo:create take them. */
export const repositoryInput = {
  repoUrl: z.string().min(1).describe('host?owner=o&repo=r, as the RepoUrlPicker writes it'),
  description: z.string().optional(),
  homepage: z.string().optional(),
  access: z.string().optional().describe('A user, or org/team-slug, given admin access to the new repository'),
  repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
  deleteBranchOnMerge: z.boolean().default(false),
  allowMergeCommit: z.boolean().default(true),
  allowSquashMerge: z.boolean().default(true),
  allowRebaseMerge: z.boolean().default(true),
  allowAutoMerge: z.boolean().default(false),
  allowUpdateBranch: z.boolean().optional(),
  squashMergeCommitTitle: z.enum(['PR_TITLE', 'COMMIT_OR_PR_TITLE']).optional(),
  squashMergeCommitMessage: z.enum(['PR_BODY', 'COMMIT_MESSAGES', 'BLANK']).optional(),
  mergeCommitTitle: z.enum(['PR_TITLE', 'MERGE_MESSAGE']).optional(),
  mergeCommitMessage: z.enum(['PR_BODY', 'PR_TITLE', 'BLANK']).optional(),
  hasIssues: z.boolean().optional(),
  hasWiki: z.boolean().optional(),
  hasProjects: z.boolean().optional(),
  collaborators: z
    .array(
      z.union([
        z.object({ user: z.string().min(1), access: z.string().min(1) }),
        z.object({ team: z.string().min(1), access: z.string().min(1) }),
        // Backstage's older spelling of `user`.
        z.object({ username: z.string().min(1), access: z.string().min(1) }),
      ]),
    )
    .optional()
    .describe('Users or teams (slugs of the owner organisation) and their access: pull, triage, push, maintain, admin'),
  topics: z.array(z.string().min(1)).optional(),
  repoVariables: z.record(z.string(), z.string()).optional().describe('GitHub Actions variables of the repository'),
  secrets: z.record(z.string(), z.string()).optional().describe('GitHub Actions secrets of the repository, encrypted before they are sent'),
  token: z.string().optional().describe('A token for GitHub, instead of the configured integration'),
};

/** How the default branch is protected, as Backstage names it. */
export const protectionInput = {
  defaultBranch: branchName.default('main'),
  protectDefaultBranch: z.boolean().default(true),
  protectEnforceAdmins: z.boolean().default(true),
  requireCodeOwnerReviews: z.boolean().default(false),
  dismissStaleReviews: z.boolean().default(false),
  requiredApprovingReviewCount: z.number().int().min(0).max(6).default(1),
  requiredStatusCheckContexts: z.array(z.string()).default([]),
  requireBranchesToBeUpToDate: z.boolean().default(true),
  requiredConversationResolution: z.boolean().default(false),
  requireLastPushApproval: z.boolean().default(false),
  requiredCommitSigning: z.boolean().default(false),
  requiredLinearHistory: z.boolean().default(false),
  bypassPullRequestAllowances: z
    .object({ users: z.array(z.string()).optional(), teams: z.array(z.string()).optional(), apps: z.array(z.string()).optional() })
    .optional(),
  restrictions: z.object({ users: z.array(z.string()).default([]), teams: z.array(z.string()).default([]), apps: z.array(z.string()).optional() }).optional(),
};

type RepositoryInput = z.output<z.ZodObject<typeof repositoryInput>>;
type ProtectionInput = z.output<z.ZodObject<typeof protectionInput>>;

export interface CreatedRepository {
  cloneUrl: string;
  htmlUrl: string;
}

/** Creates the repository under the owner: an organisation's own endpoint, or the token's user's. */
export async function createRepository(gh: GithubConnection, input: RepositoryInput, logger: TaskLogger): Promise<CreatedRepository> {
  const { data: account } = await gh.octokit.rest.users.getByUsername({ username: gh.owner });
  const settings = {
    name: gh.repo,
    description: input.description,
    homepage: input.homepage,
    private: input.repoVisibility !== 'public',
    delete_branch_on_merge: input.deleteBranchOnMerge,
    allow_merge_commit: input.allowMergeCommit,
    allow_squash_merge: input.allowSquashMerge,
    allow_rebase_merge: input.allowRebaseMerge,
    allow_auto_merge: input.allowAutoMerge,
    squash_merge_commit_title: input.squashMergeCommitTitle,
    squash_merge_commit_message: input.squashMergeCommitMessage,
    merge_commit_title: input.mergeCommitTitle,
    merge_commit_message: input.mergeCommitMessage,
    has_issues: input.hasIssues,
    has_wiki: input.hasWiki,
    has_projects: input.hasProjects,
  };
  let created;
  if (account.type === 'Organization') {
    // github.com's description knows public and private; Enterprise Cloud and Server also take internal.
    const visibility = input.repoVisibility as 'public' | 'private';
    ({ data: created } = await gh.octokit.rest.repos.createInOrg({ ...settings, org: gh.owner, visibility }));
  } else {
    if (input.repoVisibility === 'internal') {
      throw new InputError(`${gh.owner} is a user account on ${gh.host}: internal visibility exists only for organisation repositories`);
    }
    ({ data: created } = await gh.octokit.rest.repos.createForAuthenticatedUser(settings));
  }
  logger.info(`Created ${created.html_url} (${input.repoVisibility})`);
  // Settings the create endpoints do not take.
  if (input.allowUpdateBranch !== undefined) {
    await gh.octokit.rest.repos.update({ owner: gh.owner, repo: gh.repo, allow_update_branch: input.allowUpdateBranch });
  }
  return { cloneUrl: created.clone_url, htmlUrl: created.html_url };
}

/** Gives `access` admin rights and each collaborator theirs; teams belong to the owner organisation. */
export async function grantAccess(gh: GithubConnection, input: Pick<RepositoryInput, 'access' | 'collaborators'>, logger: TaskLogger): Promise<void> {
  const { owner, repo } = gh;
  const grantTeam = (team: string, permission: string) =>
    gh.octokit.rest.teams.addOrUpdateRepoPermissionsInOrg({ org: owner, team_slug: team, owner, repo, permission });
  const grantUser = (username: string, permission: string) => gh.octokit.rest.repos.addCollaborator({ owner, repo, username, permission });
  if (input.access?.startsWith(`${owner}/`)) {
    await grantTeam(input.access.slice(owner.length + 1), 'admin');
  } else if (input.access && input.access !== owner) {
    await grantUser(input.access, 'admin');
  }
  for (const collaborator of input.collaborators ?? []) {
    if ('team' in collaborator) await grantTeam(collaborator.team, collaborator.access);
    else await grantUser('user' in collaborator ? collaborator.user : collaborator.username, collaborator.access);
  }
  const granted = (input.collaborators?.length ?? 0) + (input.access && input.access !== owner ? 1 : 0);
  if (granted > 0) logger.info(`Granted access to ${granted} user(s) or team(s)`);
}

/** Topics, Actions variables and Actions secrets; secrets are sealed to the repository's key first. */
export async function applyRepositoryExtras(gh: GithubConnection, input: Pick<RepositoryInput, 'topics' | 'repoVariables' | 'secrets'>, logger: TaskLogger) {
  const { owner, repo } = gh;
  if (input.topics?.length) {
    // GitHub stores topics in lower case and refuses others.
    await gh.octokit.rest.repos.replaceAllTopics({ owner, repo, names: input.topics.map(topic => topic.toLowerCase()) });
  }
  for (const [name, value] of Object.entries(input.repoVariables ?? {})) {
    await gh.octokit.rest.actions.createRepoVariable({ owner, repo, name, value });
  }
  const secrets = Object.entries(input.secrets ?? {});
  if (secrets.length > 0) {
    const { data: key } = await gh.octokit.rest.actions.getRepoPublicKey({ owner, repo });
    for (const [secret_name, value] of secrets) {
      await gh.octokit.rest.actions.createOrUpdateRepoSecret({
        owner,
        repo,
        secret_name,
        key_id: key.key_id,
        encrypted_value: await sealSecret(key.key, value),
      });
    }
    logger.info(`Set ${secrets.length} Actions secret(s)`);
  }
}

/** Protects the branch as the inputs say; nothing when `protectDefaultBranch` is false. */
export async function protectBranch(gh: GithubConnection, input: ProtectionInput, logger: TaskLogger): Promise<void> {
  if (!input.protectDefaultBranch) return;
  const { owner, repo } = gh;
  const branch = input.defaultBranch;
  await gh.octokit.rest.repos.updateBranchProtection({
    owner,
    repo,
    branch,
    required_status_checks: { strict: input.requireBranchesToBeUpToDate, contexts: input.requiredStatusCheckContexts },
    enforce_admins: input.protectEnforceAdmins,
    required_pull_request_reviews: {
      required_approving_review_count: input.requiredApprovingReviewCount,
      require_code_owner_reviews: input.requireCodeOwnerReviews,
      dismiss_stale_reviews: input.dismissStaleReviews,
      require_last_push_approval: input.requireLastPushApproval,
      ...(input.bypassPullRequestAllowances ? { bypass_pull_request_allowances: input.bypassPullRequestAllowances } : {}),
    },
    restrictions: input.restrictions ? { users: input.restrictions.users, teams: input.restrictions.teams, apps: input.restrictions.apps } : null,
    required_conversation_resolution: input.requiredConversationResolution,
    required_linear_history: input.requiredLinearHistory,
  });
  if (input.requiredCommitSigning) await gh.octokit.rest.repos.createCommitSignatureProtection({ owner, repo, branch });
  logger.info(`Protected ${branch}`);
}
