import type { ProcessedFile } from './types.js';

/** How far a refresh running in this replica has come. */
export interface RefreshCounts {
  filesRead: number;
  entitiesRead: number;
  errors: number;
}

/**
 * Counts, per location, what the refresh this replica is running has read so far. The refresh
 * writes in one transaction, so the database shows nothing of it until it ends; these counts are
 * what `GET /locations/:id/status` shows meanwhile. Another replica sees only `refreshing`.
 */
export class RefreshProgress {
  private readonly running = new Map<string, RefreshCounts>();

  start(locationId: string): void {
    this.running.set(locationId, { filesRead: 0, entitiesRead: 0, errors: 0 });
  }

  fileRead(locationId: string, file: ProcessedFile): void {
    const counts = this.running.get(locationId);
    if (!counts) return;
    counts.filesRead += 1;
    counts.entitiesRead += file.entities.length;
    counts.errors += file.problems.length;
  }

  end(locationId: string): void {
    this.running.delete(locationId);
  }

  get(locationId: string): RefreshCounts | undefined {
    const counts = this.running.get(locationId);
    return counts && { ...counts };
  }
}
