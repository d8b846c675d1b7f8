import { defineConfigSection, durationSchema } from '@portal/backend-common';
import { z } from 'zod';

export const scaffolderConfigSection = defineConfigSection(
  'scaffolder',
  z
    .object({
      /** Tasks one backend replica runs at the same time. */
      concurrentTasksLimit: z.number().int().min(0).default(10),
      /** Where each task gets its workspace; removed when the task ends. */
      workspaceDirectory: z.string().min(1).default('./data/scaffolder'),
      taskHeartbeatInterval: durationSchema.default(5000),
      /** A running task whose worker has been silent this long is recovered (failed or started over). */
      taskTimeout: durationSchema.default(30_000),
      /** How often an idle worker looks for open tasks (created on another replica). */
      taskPollInterval: durationSchema.default(1000),
      /** Longest one template expression may run. */
      templateTimeout: durationSchema.default(2000),
    })
    .default({
      concurrentTasksLimit: 10,
      workspaceDirectory: './data/scaffolder',
      taskHeartbeatInterval: 5000,
      taskTimeout: 30_000,
      taskPollInterval: 1000,
      templateTimeout: 2000,
    }),
);

export type ScaffolderConfig = z.output<typeof scaffolderConfigSection.schema>;
