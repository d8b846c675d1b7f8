import { z } from 'zod';
import { databaseConfigSection, defineConfigSection, durationSchema, externalAccessSchema } from '@portal/backend-common';

export const backendConfigSection = defineConfigSection(
  'backend',
  z.object({
    baseUrl: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
    listen: z
      .object({
        port: z.coerce
          .number({ message: 'expected a port number' })
          .int('expected a port number')
          .min(0, 'expected a port number')
          .max(65535, 'expected a port number')
          .default(7007),
        host: z.string().min(1).default('0.0.0.0'),
      })
      .default({ port: 7007, host: '0.0.0.0' }),
    auth: z.object({ externalAccess: externalAccessSchema }).default({ externalAccess: [] }),
    /** How long shutdown waits for in-flight requests before closing their connections. */
    shutdownTimeout: durationSchema.default(10_000),
  }),
);

export const appConfigSection = defineConfigSection(
  'app',
  z.object({ title: z.string().min(1).default('Developer Portal') }).default({ title: 'Developer Portal' }),
);

export { databaseConfigSection };
export type BackendConfig = z.output<typeof backendConfigSection.schema>;
