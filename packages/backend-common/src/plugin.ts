import type { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { HttpAuth } from './auth/httpAuth.js';
import type { ConfigObject } from './config/loadConfig.js';

/** What the backend hands every plugin factory: plain dependencies, no framework. */
export interface PluginEnvironment {
  /** The whole merged config; each plugin validates its own section with readConfigSections. */
  config: ConfigObject;
  knex: Knex;
  logger: Logger;
  httpAuth: HttpAuth;
  /** The portal's own public URL, such as http://localhost:7007. */
  baseUrl: string;
  /**
   * A bearer token the backend accepts as the service `portal`, made anew at each start, for the
   * portal's requests to itself (reading repositories from its own git host, for example).
   */
  serviceToken: string;
}

/** What a backend plugin factory returns. The router is mounted at /api/<id>. */
export interface BackendPlugin {
  id: string;
  router: Router;
  /** Starts background work (schedulers, workers) once every plugin is created and migrated. */
  start?(): Promise<void>;
  /** Stops background work on shutdown, before the database is closed. */
  stop?(): Promise<void>;
}
