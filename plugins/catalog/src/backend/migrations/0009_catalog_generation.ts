import type { Migration } from '@portal/backend-common';

/**
 * The catalog generation (see ../database/catalogGeneration.ts): a sequence, so bumping it takes
 * no lock and never makes writers wait for each other.
 */
export const catalogGenerationMigration: Migration = {
  name: '0009_catalog_generation',
  up: async knex => {
    await knex.raw(`create sequence catalog_generation`);
  },
};
