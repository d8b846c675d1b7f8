import { z } from 'zod';

/*
 * The shapes of the GitLab REST API (v4) responses and request bodies the stand-in serves, written
 * from GitLab's REST API reference (docs.gitlab.com/ee/api/: namespaces.html, projects.html,
 * groups.html, users.html, members.html, branches.html, protected_branches.html,
 * project_level_variables.html, pipeline_triggers.html). GitLab's OpenAPI description covers only
 * a few of these routes, so these schemas stand in for it: the stand-in's every answer is checked
 * against them, and gitbeaker itself drives it. Only the fields the actions and the docs' examples
 * rely on are listed; GitLab sends many more.
 */

export const namespaceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  kind: z.enum(['group', 'user']),
  full_path: z.string(),
  parent_id: z.number().int().nullable(),
  web_url: z.url(),
});

export const projectSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  path_with_namespace: z.string(),
  description: z.string().nullable(),
  visibility: z.enum(['private', 'internal', 'public']),
  default_branch: z.string().nullable(),
  topics: z.array(z.string()),
  http_url_to_repo: z.url(),
  web_url: z.url(),
  namespace: z.object({ id: z.number().int(), path: z.string(), full_path: z.string(), kind: z.enum(['group', 'user']) }),
});

export const createProjectBody = z.object({
  name: z.string().optional(),
  path: z.string().optional(),
  namespace_id: z.number().int(),
  visibility: z.enum(['private', 'internal', 'public']).optional(),
  description: z.string().optional(),
  topics: z.array(z.string()).optional(),
});

export const groupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  path: z.string(),
  full_path: z.string(),
  parent_id: z.number().int().nullable(),
  visibility: z.enum(['private', 'internal', 'public']),
  web_url: z.url(),
});

export const createGroupBody = z.object({ name: z.string().min(1), path: z.string().min(1), parent_id: z.number().int().optional() });

export const userSchema = z.object({ id: z.number().int(), username: z.string(), name: z.string(), state: z.string(), web_url: z.url() });

export const memberSchema = z.object({ id: z.number().int(), username: z.string(), access_level: z.number().int() });

export const branchSchema = z.object({
  name: z.string(),
  merged: z.boolean(),
  protected: z.boolean(),
  default: z.boolean(),
  web_url: z.url(),
  commit: z.object({ id: z.string().regex(/^[0-9a-f]{40}$/) }),
});

export const protectedBranchSchema = z.object({ id: z.number().int(), name: z.string() });

export const variableSchema = z.object({
  key: z.string(),
  value: z.string(),
  variable_type: z.enum(['env_var', 'file']),
  protected: z.boolean(),
  masked: z.boolean(),
  raw: z.boolean(),
  environment_scope: z.string(),
});

export const createVariableBody = z.object({
  key: z.string().regex(/^\w{1,255}$/),
  value: z.string(),
  variable_type: z.enum(['env_var', 'file']).optional(),
  protected: z.boolean().optional(),
  masked: z.boolean().optional(),
  raw: z.boolean().optional(),
  environment_scope: z.string().optional(),
  description: z.string().optional(),
});

export const triggerSchema = z.object({ id: z.number().int(), description: z.string(), token: z.string() });

export const pipelineSchema = z.object({ id: z.number().int(), ref: z.string(), status: z.string(), web_url: z.url() });

/** GitLab's error bodies: `{ message }` (a text or field → messages), or OAuth's `{ error, error_description, scope }`. */
export const errorSchema = z.union([
  z.object({ message: z.union([z.string(), z.record(z.string(), z.array(z.string()))]) }),
  z.object({ error: z.string(), error_description: z.string(), scope: z.string().optional() }),
]);

export const repositoryFileSchema = z.object({
  file_name: z.string(),
  file_path: z.string(),
  size: z.number().int(),
  encoding: z.literal('base64'),
  content: z.string(),
  content_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  ref: z.string(),
  blob_id: z.string().regex(/^[0-9a-f]{40}$/),
  commit_id: z.string().regex(/^[0-9a-f]{40}$/),
  last_commit_id: z.string().regex(/^[0-9a-f]{40}$/),
});

/** POST /projects/:id/repository/commits (docs.gitlab.com/ee/api/commits.html#create-a-commit-with-multiple-files-and-actions). */
export const createCommitBody = z.object({
  branch: z.string().min(1),
  commit_message: z.string().min(1),
  start_branch: z.string().optional(),
  start_sha: z.string().optional(),
  actions: z
    .array(
      z.object({
        action: z.enum(['create', 'delete', 'move', 'update', 'chmod']),
        file_path: z.string().min(1),
        previous_path: z.string().optional(),
        content: z.string().optional(),
        encoding: z.enum(['text', 'base64']).optional(),
        last_commit_id: z.string().optional(),
        execute_filemode: z.boolean().optional(),
      }),
    )
    .min(1),
  author_email: z.string().optional(),
  author_name: z.string().optional(),
  stats: z.boolean().optional(),
  force: z.boolean().optional(),
});

export const commitSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{40}$/),
  short_id: z.string(),
  title: z.string(),
  message: z.string(),
  author_name: z.string(),
  author_email: z.string(),
  created_at: z.string(),
  parent_ids: z.array(z.string().regex(/^[0-9a-f]{40}$/)),
  web_url: z.url(),
});

/** POST /projects/:id/merge_requests (docs.gitlab.com/ee/api/merge_requests.html#create-mr). */
export const createMergeRequestBody = z.object({
  source_branch: z.string().min(1),
  target_branch: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  assignee_id: z.number().int().optional(),
  assignee_ids: z.array(z.number().int()).optional(),
  reviewer_ids: z.array(z.number().int()).optional(),
  labels: z.union([z.string(), z.array(z.string())]).optional(),
  remove_source_branch: z.boolean().optional(),
  squash: z.boolean().optional(),
  target_project_id: z.number().int().optional(),
});

const userRefSchema = z.object({ id: z.number().int(), username: z.string(), name: z.string(), web_url: z.url() });

export const mergeRequestSchema = z.object({
  id: z.number().int(),
  iid: z.number().int(),
  project_id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  state: z.enum(['opened', 'closed', 'locked', 'merged']),
  source_branch: z.string(),
  target_branch: z.string(),
  draft: z.boolean(),
  labels: z.array(z.string()),
  assignee: userRefSchema.nullable(),
  assignees: z.array(userRefSchema),
  reviewers: z.array(userRefSchema),
  force_remove_source_branch: z.boolean().nullable(),
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  web_url: z.url(),
});
