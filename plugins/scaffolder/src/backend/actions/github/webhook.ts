import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { connectGithub, resolveGithubTarget, type GithubActionDeps } from './githubClient.js';

export function createGithubWebhookAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:webhook',
    description: 'Adds a webhook to a GitHub repository.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=o&repo=r'),
        webhookUrl: z.url().describe('Where GitHub sends the events'),
        webhookSecret: z.string().optional().describe('The secret GitHub signs each delivery with'),
        events: z.array(z.string().min(1)).default(['push']).describe('Events that trigger the webhook; ["*"] for all'),
        active: z.boolean().default(true),
        contentType: z.enum(['form', 'json']).default('form'),
        insecureSsl: z.boolean().default(false).describe("Deliver without checking the receiver's TLS certificate"),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const input = ctx.input;
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, input.repoUrl);
        ctx.logger.info(`Dry run: would add a webhook for ${input.events.join(', ')} to ${target.owner}/${target.repo}`);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: input.repoUrl, token: input.token, signal: ctx.signal, logger: ctx.logger });
      const { data: hook } = await gh.octokit.rest.repos.createWebhook({
        owner: gh.owner,
        repo: gh.repo,
        config: {
          url: input.webhookUrl,
          content_type: input.contentType,
          secret: input.webhookSecret,
          insecure_ssl: input.insecureSsl ? '1' : '0',
        },
        events: input.events,
        active: input.active,
      });
      ctx.logger.info(`Added webhook ${hook.id} to ${gh.owner}/${gh.repo}`);
    },
  });
}
