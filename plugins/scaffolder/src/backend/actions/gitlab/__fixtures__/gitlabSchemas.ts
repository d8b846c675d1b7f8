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
