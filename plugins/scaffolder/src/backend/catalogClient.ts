import type { Entity } from '@portal/catalog-model';

/**
 * What the scaffolder needs from the catalog's in-process client. The catalog plugin's
 * CatalogClient satisfies it; naming only these two calls keeps the dependency narrow.
 */
export interface ScaffolderCatalogClient {
  getEntityByRef(ref: string): Promise<Entity | undefined>;
  addLocation(
    input: { type: 'url' | 'file'; target: string },
    options?: { dryRun?: boolean },
  ): Promise<{ location: { id: string; type: string; target: string }; entities: Entity[]; errors?: Array<{ file: string; message: string }> }>;
}
