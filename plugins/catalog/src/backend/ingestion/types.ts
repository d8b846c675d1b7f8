import type { Entity } from '@portal/catalog-model';
import type { FileProblem, TargetDecl } from '../database/tables.js';

// Problems are stored as they are found, so their shape lives with the errors table.
export type { FileProblem } from '../database/tables.js';

export interface RelationTriple {
  type: string;
  sourceRef: string;
  targetRef: string;
}

/** One entity read from a file, ready to store. */
export interface ProcessedEntity {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** The entity with namespace and location annotations filled in. */
  entity: Entity;
  hash: string;
  relations: RelationTriple[];
  line: number;
}

/** A file that was read and parsed in this refresh because it is new or its content changed. */
export interface ProcessedFile {
  path: string;
  hash: string;
  entities: ProcessedEntity[];
  problems: FileProblem[];
  targets: TargetDecl[];
  /** Entities that are invalid now: their last good version stays, carrying the error. */
  keepRefs: string[];
  /** The file could not be parsed at all: every entity it had stays, carrying the error. */
  keepAll: boolean;
}

/**
 * What walking a location found besides the files it handed on one by one as they were processed
 * (see readLocation's `emit`).
 */
export interface LocationWalk {
  /** Files no longer part of the location (deleted or no longer targeted). */
  removedFiles: string[];
  /** Targeted files that do not exist; stored so the error goes away with the target. */
  missingFiles: FileProblem[];
  /** Other locations the location's Location entities name; undefined when none of them was re-read. */
  externalTargets: Array<{ type: 'url' | 'file'; target: string }> | undefined;
  /**
   * Problems of the location as a whole, such as naming too many files; undefined when the
   * refresh did not look at the location as a whole, which keeps the stored ones.
   */
  locationProblems: FileProblem[] | undefined;
}
