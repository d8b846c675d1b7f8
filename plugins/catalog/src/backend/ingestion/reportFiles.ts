import type { LocationError, LocationFileReport } from '../../common/locationTypes.js';
import { GENERATED_LOCATION_PREFIX } from '../database/locationEntityRef.js';
import type { FileProblem, LocationWalk, ProcessedFile } from './types.js';

export const toLocationError = (p: FileProblem): LocationError => ({
  file: p.file,
  line: p.line ?? null,
  entityRef: p.entityRef ?? null,
  type: p.type,
  message: p.message,
});

const byLine = (a: LocationError, b: LocationError) => (a.line ?? 0) - (b.line ?? 0);

/**
 * What a dry run read, file by file: the root first, then in the order the walk reached them,
 * each with the entities it would add and its problems. Problems of the location as a whole
 * (too many files) come as a file with an empty path.
 */
export function reportFiles(walk: LocationWalk & { files: ProcessedFile[]; urlOf(path: string): string | null }, rootPath: string): LocationFileReport[] {
  const reports = new Map<string, LocationFileReport>();
  const reportOf = (path: string) => {
    let report = reports.get(path);
    if (!report) {
      report = { path, url: path ? walk.urlOf(path) : null, entityRefs: [], errors: [] };
      reports.set(path, report);
    }
    return report;
  };
  reportOf(rootPath);
  for (const file of walk.files) {
    const report = reportOf(file.path);
    report.entityRefs.push(...file.entities.filter(e => !(e.kind === 'Location' && e.name.startsWith(GENERATED_LOCATION_PREFIX))).map(e => e.ref));
    report.errors.push(...file.problems.map(toLocationError));
  }
  for (const problem of [...walk.missingFiles, ...(walk.locationProblems ?? [])]) reportOf(problem.file).errors.push(toLocationError(problem));
  for (const report of reports.values()) report.errors.sort(byLine);
  return [...reports.values()];
}
